"""The ``newsreader`` command line.

Commands live in modules by concern (engine, library, feeds, app) and import their heavy
dependencies inside the command body, so ``newsreader compare`` never pays for Textual.
Errors a user can act on (:class:`~newsreader.errors.NewsreaderError`) become one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from newsreader.errors import NewsreaderError


class OneLineUsageError(click.UsageError):
    """A usage error (bad choice, missing argument, unknown command) said in one line, with
    where to look, instead of click's usage block: every error of ours is one line."""

    def __init__(self, error: click.UsageError) -> None:
        super().__init__(error.format_message(), error.ctx)

    def show(self, file: Any = None) -> None:
        where = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        click.echo(f"Error: {self.format_message()}{where}", err=True)


class NewsreaderGroup(click.Group):
    """A group that turns domain errors into click's one-line errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except NewsreaderError as error:
            raise click.ClickException(str(error)) from None
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as error:
            raise OneLineUsageError(error) from None
        except BrokenPipeError:
            # `newsreader stories | head` closes our stdout early; that is not an error.
            sys.stderr.close()
            raise SystemExit(0) from None


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=NewsreaderGroup, invoke_without_command=True, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="NEWSREADER_DB",
    help="Library file (default: the user data folder; env NEWSREADER_DB).",
)
@click.version_option(package_name="newsreader", prog_name="newsreader")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Read the versions of a news story side by side, in the terminal.

    Run without a command to open your library in the reader.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is None:
        from newsreader.cli.app import open_reader

        open_reader(ctx.obj.get("db"))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    cli.main(args=argv, prog_name="newsreader")


def _register() -> None:
    import importlib

    for name in ("engine", "library", "feeds", "app"):
        try:
            module = importlib.import_module(f"newsreader.cli.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"newsreader.cli.{name}":
                raise
            continue
        for command in getattr(module, "COMMANDS", ()):
            cli.add_command(command)


_register()
