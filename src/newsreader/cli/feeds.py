"""``newsreader feeds ...`` (subscriptions) and ``newsreader fetch`` (follow them).

Everything a feed wrote (titles, URLs, error reasons that quote a server) is printed through
rich ``Text`` objects after :func:`clean_text`, never as markup and never raw.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from newsreader.cli.common import db_option, format_option, resolve_db


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, markup=False, highlight=False, emoji=False)


def _safe(value: object) -> str:
    from newsreader.core.textclean import clean_text

    return " ".join(clean_text("" if value is None else str(value)).split())


@click.group("feeds")
def feeds() -> None:
    """Subscribe to RSS and Atom feeds; `newsreader fetch` brings in their articles."""


@feeds.command("add")
@click.argument("url")
@click.option("--tag", "tags", multiple=True, help="Tag the feed (repeat for several tags).")
@click.option("--title", default=None, help="A title to show instead of the feed's own.")
@click.option(
    "--full-text/--no-full-text",
    default=True,
    show_default=True,
    help="Fetch the linked page of items that carry only a summary.",
)
@click.option(
    "--check/--no-check",
    default=True,
    show_default=True,
    help="Look at URL first: a web page is replaced by the feed it names.",
)
@db_option
def add_command(
    url: str,
    tags: tuple[str, ...],
    title: str | None,
    full_text: bool,
    check: bool,
    db: str | None,
) -> None:
    """Subscribe to the feed at URL (http or https), or to the feed a web page at URL names."""
    from rich.text import Text

    from newsreader.feeds.service import add_feed

    console = _console()

    def say(note: str) -> None:
        console.print(Text.assemble(_safe(url), ": ", _safe(note)))

    status = add_feed(
        resolve_db(db), url, title=title, tags=tags, full_text=full_text, check=check, on_note=say
    )
    console.print(Text.assemble("Subscribed to ", _safe(status.url), f" (feed {status.id})"))


@feeds.command("list")
@format_option("text", "json")
@db_option
def list_command(fmt: str, db: str | None) -> None:
    """List subscriptions with their health, last fetch and last error."""
    from newsreader.feeds.service import list_feeds

    statuses = list_feeds(resolve_db(db))
    if fmt == "json":
        click.echo(json.dumps([_status_json(s) for s in statuses], indent=2, ensure_ascii=False))
        return
    console = _console()
    if not statuses:
        console.print("No feeds yet: add one with `newsreader feeds add URL`.")
        return
    from rich.text import Text

    styles = {"ok": "green", "failing": "red", "never": "dim"}
    for s in statuses:
        tags = f"  ({', '.join(_safe(t) for t in s.tags)})" if s.tags else ""
        fetched = f"fetched {_when(s.last_fetch)}" if s.last_fetch else "never fetched"
        head = Text.assemble(
            (f"{s.id:>3}  ", "bold"),
            (f"{s.health:<9}", styles[s.health]),
            _safe(s.title or "(untitled)"),
            tags,
            f"  {s.items} {_plural(s.items, 'item')}, {fetched}",
        )
        console.print(head, soft_wrap=True)
        console.print(Text.assemble("     ", _safe(s.url)), soft_wrap=True)
        if s.error:
            console.print(
                Text.assemble("     ", ("error: " + _safe(s.error), "red")), soft_wrap=True
            )


@feeds.command("remove")
@click.argument("feed")
@db_option
def remove_command(feed: str, db: str | None) -> None:
    """Unsubscribe from FEED (its id or URL). Its articles stay in the library."""
    from newsreader.feeds.service import remove_feed

    remove_feed(resolve_db(db), feed)
    from rich.text import Text

    _console().print(Text.assemble("Removed feed ", _safe(feed)))


@feeds.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True))
@db_option
def import_command(file: str, db: str | None) -> None:
    """Subscribe to every feed listed in an OPML FILE (`-` reads standard input)."""
    from rich.text import Text

    from newsreader.feeds.service import import_opml

    if file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        data, name = Path(file).read_bytes(), file
    result = import_opml(resolve_db(db), data, name)
    console = _console()
    console.print(
        f"Added {len(result.added)} feeds; {len(result.existing)} already subscribed;"
        f" {len(result.failed)} refused."
    )
    for url, reason in result.failed:
        console.print(Text.assemble("  ", _safe(url), ": ", _safe(reason)))


@feeds.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to a file.")
@db_option
def export_command(output: str | None, db: str | None) -> None:
    """Print the subscriptions as OPML 2.0, for other feed readers."""
    from newsreader.feeds.service import export_opml

    document = export_opml(resolve_db(db))
    if output:
        Path(output).write_text(document, encoding="utf-8")
    else:
        click.echo(document, nl=False)


@click.command("fetch")
@click.argument("feed_keys", metavar="[FEED]...", nargs=-1)
@format_option("text", "json")
@db_option
def fetch(feed_keys: tuple[str, ...], fmt: str, db: str | None) -> None:
    """Fetch all feeds (or the FEEDs named by id or URL) and import new articles.

    Exits non-zero only when every feed failed.
    """
    from newsreader.feeds.service import fetch_feeds

    path = resolve_db(db)
    progress_console = _console(stderr=True)
    if fmt == "text" and progress_console.is_terminal:
        summary = _fetch_with_bar(path, feed_keys, progress_console)
    else:
        summary = fetch_feeds(path, feed_keys)
    if fmt == "json":
        click.echo(json.dumps(_summary_json(summary), indent=2, ensure_ascii=False))
    else:
        _print_summary(summary)
    if summary.all_failed:
        raise SystemExit(1)


def _fetch_with_bar(path: Path, keys: tuple[str, ...], console: Any) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from newsreader.feeds.service import fetch_feeds

    columns = (
        TextColumn("Fetching", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}", markup=False),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def on_progress(event: Any) -> None:
            label = _safe(event.title or event.url)[:60]
            bar.update(task, total=event.total, completed=event.done, description=label)

        return fetch_feeds(path, keys, progress=on_progress)


def _print_summary(summary: Any) -> None:
    from rich.text import Text

    console = _console()
    feeds_total = summary.feeds_ok + summary.feeds_failed
    if feeds_total == 0:
        console.print("No feeds yet: add one with `newsreader feeds add URL`.")
        return
    line = (
        f"Fetched {feeds_total} {_plural(feeds_total, 'feed')}: {summary.new} new, "
        f"{summary.updated} updated, {summary.unchanged} unchanged"
    )
    if summary.not_modified:
        line += f"; {summary.not_modified} {_plural(summary.not_modified, 'feed')} not modified"
    if summary.trivial:
        line += f" ({summary.trivial} trivial {_plural(summary.trivial, 'edit')} not shown)"
    if summary.feeds_failed:
        line += f"; {summary.feeds_failed} failed:"
    console.print(Text(line + ("" if summary.feeds_failed else ".")))
    for url, reason in summary.failed:
        console.print(Text.assemble("  ", (_safe(url), "bold"), ": ", (_safe(reason), "red")))
    if summary.cancelled:
        console.print("Stopped before every feed was fetched.")


def _summary_json(summary: Any) -> dict[str, Any]:
    return {
        "new": summary.new,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "trivial": summary.trivial,
        "feeds_ok": summary.feeds_ok,
        "feeds_failed": summary.feeds_failed,
        "not_modified": summary.not_modified,
        "failed": [{"url": url, "reason": reason} for url, reason in summary.failed],
    }


def _status_json(status: Any) -> dict[str, Any]:
    return {
        "id": status.id,
        "url": status.url,
        "title": status.title,
        "tags": list(status.tags),
        "full_text": status.full_text,
        "health": status.health,
        "items": status.items,
        "last_fetch": status.last_fetch.isoformat() if status.last_fetch else None,
        "last_status": status.last_status,
        "error": status.error,
    }


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else "never"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


COMMANDS = (feeds, fetch)
