"""Options and helpers shared by the command modules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """``--db PATH`` on a subcommand; falls back to the group's ``--db`` / ``NEWSREADER_DB``."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="Library file (default: the user data folder; env NEWSREADER_DB).",
    )(func)


def resolve_db(db: str | None) -> Path:
    """The library path a command should use: its own ``--db``, the group's, or the default."""
    return chosen_db(db) or _default_db()


def chosen_db(db: str | None) -> Path | None:
    """The library path the user named (``--db`` here or on the group, ``NEWSREADER_DB``), if
    any: a read-only command refuses a named file that does not exist rather than read an
    empty library (a typo in a path should not look like an empty desk)."""
    if db:
        return Path(db).expanduser()
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and ctx.obj.get("db"):
            return Path(ctx.obj["db"]).expanduser()
        ctx = ctx.parent
    return None


def _default_db() -> Path:
    from newsreader.paths import default_db_path

    return default_db_path()


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    def decorate(func: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help="Output format.",
        )(func)

    return decorate
