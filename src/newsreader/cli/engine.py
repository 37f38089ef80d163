"""``newsreader compare`` and ``newsreader group``: the engine on files, without a library.

Heavy imports (rapidfuzz, numpy, rich, the ingest readers) happen inside the commands, so
``newsreader --help`` stays instant and ``compare`` never loads Textual.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from newsreader.cli.common import format_option

if TYPE_CHECKING:
    from newsreader.core.model import Article

# JSON escapes C0 controls itself; C1 controls (e.g. U+009B, a CSI) are escaped here so that
# article text can never drive the terminal the JSON is printed to.
_C1 = re.compile("[\u007f-\u009f\u2028\u2029]")


# What may not reach a terminal from article text: C0/C1 controls and bidi overrides.
_UNSAFE = re.compile(
    "[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str | None) -> str:
    """``text`` without control characters or bidi overrides, tabs and newlines as spaces."""
    if not text:
        return ""
    return _UNSAFE.sub("", text.replace("\t", " ").replace("\n", " ").replace("\r", " "))


def dump_json(data: Any) -> str:
    """``data`` as indented JSON that is safe to print to a terminal."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def read_inputs(paths: Sequence[str]) -> list[Article]:
    """Every article in ``paths`` (``-``: standard input); bad inputs are reported and skipped."""
    from newsreader.ingest import Failure, read_articles

    articles: list[Article] = []
    for result in read_articles(list(paths)):
        if isinstance(result, Failure):
            click.echo(f"skipped {clean(result.path)}: {clean(result.reason)}", err=True)
            continue
        articles.append(result)
    return articles


@click.command()
@click.argument("files", nargs=-1, required=True)
@format_option("text", "json")
@click.option(
    "--workers",
    type=int,
    default=1,
    show_default=True,
    help="Threads for the similarity matrix (-1: all cores).",
)
def compare(files: tuple[str, ...], fmt: str, workers: int) -> None:
    """Align the versions of one story, sentence by sentence.

    FILES are article files or folders (``-`` reads standard input). Every sentence is shown
    with how many versions carry it (e.g. 3/5); ``--format json`` prints the
    ``newsreader.compare/1`` document for scripts.
    """
    from newsreader.core.align import compare as align
    from newsreader.core.boilerplate import mark_boilerplate

    articles = read_inputs(files)
    if not articles:
        raise click.ClickException("no article to compare: every input was skipped")
    comparison = align(mark_boilerplate(articles), workers=workers)
    if fmt == "json":
        from newsreader.core.serialize import comparison_to_json

        click.echo(dump_json(comparison_to_json(comparison, diffs=True)))
        return
    from newsreader.cli.render import print_comparison

    print_comparison(comparison)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option("text", "json")
def group(paths: tuple[str, ...], fmt: str) -> None:
    """Group articles into stories (the versions of one event).

    PATHS are article files or folders (``-`` reads standard input). ``--format json`` prints
    the ``newsreader.group/1`` document: every input article in exactly one story.
    """
    from newsreader.core.groups import group_stories
    from newsreader.core.serialize import stories_to_json

    articles = read_inputs(paths)
    if not articles:
        raise click.ClickException("no article to group: every input was skipped")
    stories = group_stories(articles)
    if fmt == "json":
        click.echo(dump_json(stories_to_json(stories, articles)))
        return
    from newsreader.cli.render import print_stories

    print_stories(stories, articles)


COMMANDS = (compare, group)
