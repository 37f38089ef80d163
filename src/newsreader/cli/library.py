"""Library commands: import, stories, show, tag, untag, tags, note, notes, status, read, star,
merge, split, move, export, search.

Stories are named by their id (``12`` or ``s12``), articles (versions) by ``a`` and their id
(``a31``), as ``newsreader show`` lists them. Commands that only read open the library
read-only and never create it; commands that write change nothing when they fail. Article text
is untrusted: text output passes through :func:`newsreader.cli.render.clean`, JSON through
:func:`newsreader.cli.engine.dump_json`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsreader.cli.common import chosen_db, db_option, format_option, resolve_db
from newsreader.errors import NewsreaderError
from newsreader.store.records import STATUS_MARKS, STATUSES

if TYPE_CHECKING:
    from newsreader.store.library import Library
    from newsreader.store.records import ImportProgress, StorySummary

STORIES_SCHEMA = "newsreader.stories/1"
NOTES_SCHEMA = "newsreader.notes/1"
SEARCH_SCHEMA = "newsreader.search/1"
# Show a progress bar when an import reads at least this many inputs (and stderr is a terminal).
PROGRESS_MIN_INPUTS = 20


# -- helpers ---------------------------------------------------------------------------


@contextmanager
def open_library(db: str | None, *, write: bool) -> Iterator[Library]:
    """The library for a command. Read-only commands never create or upgrade the file."""
    import os

    from newsreader.store.library import Library

    path = resolve_db(db)
    if write:
        lib = Library.open(path)
    elif not path.exists():
        if chosen_db(db) is not None:
            raise NewsreaderError(f"no library at {path}")
        lib = Library.open(":memory:")  # nothing imported yet: an empty library
    else:
        readonly = not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
        lib = Library.open(path, readonly=readonly)
    try:
        yield lib
    finally:
        lib.close()


def _named(kind: str, number: int) -> str:
    """How a confirmation names what it acted on: "story 12" or "a31"."""
    return f"story {number}" if kind == "story" else f"a{number}"


def parse_story(text: str) -> int:
    raw = text.strip().lower()
    if raw.startswith("s"):
        raw = raw[1:]
    if not raw.isdigit():
        raise NewsreaderError(f"{text!r} is not a story id (a number, e.g. 12)")
    return int(raw)


def parse_article(text: str) -> int:
    raw = text.strip().lower()
    if raw.startswith("a"):
        raw = raw[1:]
    if not raw.isdigit():
        raise NewsreaderError(f"{text!r} is not an article id (e.g. a31)")
    return int(raw)


def parse_target(text: str) -> tuple[str, int]:
    """``("article", id)`` for ``a31``, ``("story", id)`` for ``12`` / ``s12``."""
    if text.strip().lower().startswith("a"):
        return "article", parse_article(text)
    return "story", parse_story(text)


def _clean(text: str | None) -> str:
    from newsreader.cli.render import clean

    return clean(text)


def _dump(data: Any) -> None:
    from newsreader.cli.engine import dump_json

    click.echo(dump_json(data))


def story_to_json(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "versions": s.versions,
        "sources": list(s.sources),
        "newest": s.newest,
        "tags": list(s.tags),
        "status": s.status,
        "unread": s.unread,
        "starred": s.starred,
        "notes": s.notes,
    }


def _story_line(s: StorySummary) -> str:
    star = "*" if s.starred else " "
    unread = f"{s.unread} new" if s.unread else "read"
    tags = f"  [{', '.join(_clean(t) for t in s.tags)}]" if s.tags else ""
    sources = ", ".join(_clean(x) for x in s.sources[:3])
    if len(s.sources) > 3:
        sources += f" +{len(s.sources) - 3}"
    return (
        f"{s.id:>6} {STATUS_MARKS.get(s.status, ' ')}{star} {_clean(s.title)}  "
        f"({s.versions} version{'s' if s.versions != 1 else ''}, {unread}; {sources}; "
        f"{s.newest or 'undated'}){tags}"
    )


# -- import ----------------------------------------------------------------------------


@click.command("import")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def import_(paths: tuple[str, ...], db: str | None, quiet: bool) -> None:
    """Import articles from files, folders (recursive) and - (standard input).

    Re-importing an article is a no-op (same content); an article at a known URL with new text
    is stored as a new version of its story. Bad inputs are reported and skipped; the exit
    status is 1 when any input failed, after everything else was imported.
    """
    from newsreader.store.library import count_inputs

    with open_library(db, write=True) as lib:
        stdin = sys.stdin.buffer if "-" in paths else None
        show_bar = not quiet and sys.stderr.isatty() and count_inputs(paths) >= PROGRESS_MIN_INPUTS
        if show_bar:
            summary = _import_with_bar(lib, paths, stdin)
        else:
            summary = lib.import_paths(list(paths), stdin=stdin, parallel=True)
    for failure in summary.failed:
        click.echo(f"failed: {_clean(failure.path)}: {_clean(failure.reason)}", err=True)
    if not quiet:
        click.echo(
            f"imported {summary.imported}, updated {summary.updated}, "
            f"duplicates skipped {summary.duplicates}, failed {len(summary.failed)}",
            err=True,
        )
    if summary.failed:
        raise SystemExit(1)


def _import_with_bar(lib: Library, paths: tuple[str, ...], stdin: Any) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False, markup=False)
    with Progress(
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=None)

        def progress(p: ImportProgress) -> None:
            bar.update(task, completed=p.done, total=p.total)

        return lib.import_paths(list(paths), stdin=stdin, progress=progress, parallel=True)


# -- listing ---------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--tag", help="Only stories with this tag (on the story or one of its versions).")
@click.option("--status", type=click.Choice(STATUSES), help="Review status.")
@click.option("--source", help="Only stories with a version from this outlet.")
@click.option("--search", "query", help="Only stories with these words in a headline.")
@click.option("--unread", is_flag=True, default=None, help="Only stories with unread versions.")
@click.option("--starred", is_flag=True, default=None, help="Only starred stories.")
@click.option(
    "--sort",
    type=click.Choice(["newest", "oldest", "versions", "unread", "title"]),
    default="newest",
    show_default=True,
)
@click.option("--limit", type=click.IntRange(min=1), default=200, show_default=True)
@format_option("text", "json")
def stories(
    db: str | None,
    tag: str | None,
    status: str | None,
    source: str | None,
    query: str | None,
    unread: bool | None,
    starred: bool | None,
    sort: str,
    limit: int,
    fmt: str,
) -> None:
    """List stories, newest first.

    ``--format json`` prints ``{"schema": "newsreader.stories/1", "stories": [...]}``; each story
    has id, title, versions, sources, newest, tags, status, unread, starred and notes.
    """
    with open_library(db, write=False) as lib:
        if tag and not lib.has_tag(tag):
            raise NewsreaderError(f"no tag {tag!r}")
        found = lib.list_stories(
            tag=tag,
            status=status,
            source=source,
            search=query,
            unread=unread,
            starred=starred,
            sort=sort,
            limit=limit,
        )
    if fmt == "json":
        _dump({"schema": STORIES_SCHEMA, "stories": [story_to_json(s) for s in found]})
        return
    if not found:
        click.echo("no stories", err=True)
    for s in found:
        click.echo(_story_line(s))


@click.command()
@click.argument("story")
@db_option
@format_option("text", "json")
def show(story: str, db: str | None, fmt: str) -> None:
    """Show a story's versions aligned sentence by sentence.

    ``--format json`` prints the ``newsreader.compare/1`` document (as ``newsreader compare``),
    with the story's summary under ``"story"`` and each version's ``article_id``.
    """
    story_id = parse_story(story)
    with open_library(db, write=False) as lib:
        summary = lib.story(story_id)
        records = lib.articles(story_id)
        comparison = lib.comparison(story_id)
    if fmt == "json":
        from newsreader.core.serialize import comparison_to_json

        doc = comparison_to_json(comparison, diffs=True)
        for entry, record in zip(doc["versions"], records, strict=True):
            entry["article_id"] = record.id
        doc["story"] = story_to_json(summary)
        _dump(doc)
        return
    click.echo(_story_line(summary))
    for v, record in enumerate(records):
        flags = ("read" if record.read else "unread") + (", starred" if record.starred else "")
        revision = f", revision of a{record.revision_of}" if record.revision_of else ""
        click.echo(
            f"  v{v} a{record.id}  {_clean(record.source) or 'unknown outlet'}  "
            f"{_clean(record.published) or 'undated'}  {_clean(record.title)}  ({flags}{revision})"
        )
    click.echo("")
    from newsreader.cli.render import print_comparison

    print_comparison(comparison)


# -- triage ----------------------------------------------------------------------------


@click.command()
@click.argument("target")
@click.argument("names", nargs=-1, required=True)
@db_option
def tag(target: str, names: tuple[str, ...], db: str | None) -> None:
    """Tag a story (12) or an article (a31) with one or more NAMES."""
    kind, number = parse_target(target)
    with open_library(db, write=True) as lib:
        if kind == "story":
            lib.tag_story(number, *names)
        else:
            lib.tag_article(number, *names)
    click.echo(f"tagged {_named(kind, number)}: {', '.join(_clean(n) for n in names)}")


@click.command()
@click.argument("target")
@click.argument("names", nargs=-1, required=True)
@db_option
def untag(target: str, names: tuple[str, ...], db: str | None) -> None:
    """Remove tags from a story (12) or an article (a31); an unknown tag is an error."""
    kind, number = parse_target(target)
    with open_library(db, write=True) as lib:
        if kind == "story":
            lib.untag_story(number, *names)
        else:
            lib.untag_article(number, *names)
    click.echo(f"untagged {_named(kind, number)}: {', '.join(_clean(n) for n in names)}")


@click.command()
@click.argument("name", required=False)
@click.option("--colour", "--color", "colour", help="Set the tag's colour (name or #rrggbb).")
@db_option
@format_option("text", "json")
def tags(name: str | None, colour: str | None, db: str | None, fmt: str) -> None:
    """List tags with their colour and how many stories carry them; or set a tag's colour."""
    if colour is not None:
        if not name:
            raise NewsreaderError("--colour needs a tag name")
        with open_library(db, write=True) as lib:
            lib.set_tag_colour(name, colour)
        return
    with open_library(db, write=False) as lib:
        found = lib.tags()
    if name:
        found = tuple(t for t in found if t.name.casefold() == name.casefold())
        if not found:
            raise NewsreaderError(f"no tag {name!r}")
    if fmt == "json":
        _dump({"tags": [{"name": t.name, "colour": t.colour, "count": t.count} for t in found]})
        return
    for t in found:
        click.echo(f"{_clean(t.name)}  {t.colour}  {t.count}")


@click.command()
@click.argument("story")
@click.argument("status", type=click.Choice(STATUSES))
@db_option
def status(story: str, status: str, db: str | None) -> None:
    """Set a story's review status: new, review (in review), checked or spiked."""
    number = parse_story(story)
    with open_library(db, write=True) as lib:
        lib.set_status(number, status)
    click.echo(f"story {number}: {status}")


@click.command()
@click.argument("target")
@click.option("--unread", is_flag=True, help="Mark unread instead.")
@db_option
def read(target: str, unread: bool, db: str | None) -> None:
    """Mark a story (every version of it) or one article (a31) read."""
    kind, number = parse_target(target)
    with open_library(db, write=True) as lib:
        if kind == "story":
            lib.set_read(number, not unread)
        else:
            lib.set_article_read(number, not unread)
    click.echo(f"{_named(kind, number)} marked {'unread' if unread else 'read'}")


@click.command()
@click.argument("target")
@click.option("--off", is_flag=True, help="Remove the star.")
@db_option
def star(target: str, off: bool, db: str | None) -> None:
    """Star a story (12) or an article (a31)."""
    kind, number = parse_target(target)
    with open_library(db, write=True) as lib:
        if kind == "story":
            lib.set_starred(number, not off)
        else:
            lib.set_article_starred(number, not off)
    click.echo(f"{'unstarred' if off else 'starred'} {_named(kind, number)}")


# -- notes -----------------------------------------------------------------------------


@click.command()
@click.argument("target")
@click.argument("text")
@click.option("--sentence", type=click.IntRange(min=0), help="Sentence index in the article.")
@click.option("--fact", is_flag=True, help="Attach to the fact: show on every version with it.")
@click.option("--author", help="Sign the note (default: the author in the settings).")
@db_option
def note(
    target: str, text: str, sentence: int | None, fact: bool, author: str | None, db: str | None
) -> None:
    """Annotate a story (12), an article (a31) or one of its sentences (a31 --sentence 4)."""
    kind, number = parse_target(target)
    if sentence is not None and kind != "article":
        raise NewsreaderError("--sentence needs an article (e.g. a31)")
    with open_library(db, write=True) as lib:
        added = lib.add_note(
            text,
            story_id=number if kind == "story" else None,
            article_id=number if kind == "article" else None,
            sentence=sentence,
            fact=fact,
            author=author,
        )
    click.echo(f"note {added.id}")


@click.command()
@click.argument("story", required=False)
@click.option("--edit", "edit_id", type=int, help="Replace the text of this note with --text.")
@click.option("--text", help="New text for --edit.")
@click.option("--delete", "delete_id", type=int, help="Delete this note.")
@db_option
@format_option("text", "json")
def notes(
    story: str | None,
    edit_id: int | None,
    text: str | None,
    delete_id: int | None,
    db: str | None,
    fmt: str,
) -> None:
    """List the notes of a story (or of the library); orphaned notes are marked."""
    if edit_id is not None or delete_id is not None:
        with open_library(db, write=True) as lib:
            if delete_id is not None:
                lib.delete_note(delete_id)
            if edit_id is not None:
                if not text:
                    raise NewsreaderError("--edit needs --text")
                lib.edit_note(edit_id, text)
        return
    with open_library(db, write=False) as lib:
        found = lib.notes(parse_story(story) if story else None)
    if fmt == "json":
        _dump(
            {
                "schema": NOTES_SCHEMA,
                "notes": [
                    {
                        "id": n.id,
                        "story": n.story_id,
                        "article": n.article_id,
                        "target": n.target,
                        "sentence": n.sentence,
                        "fact_group": n.fact_group,
                        "quote": n.quote,
                        "orphaned": n.orphaned,
                        "text": n.text,
                        "author": n.author,
                        "created": n.created,
                        "updated": n.updated,
                    }
                    for n in found
                ],
            }
        )
        return
    for n in found:
        where = f"story {n.story_id}"
        if n.article_id is not None:
            where += f" a{n.article_id}"
        if n.sentence is not None:
            where += f" sentence {n.sentence}"
        flag = " ORPHANED" if n.orphaned else ""
        click.echo(f"#{n.id} [{n.target}{flag}] {where} — {_clean(n.author)}, {n.updated}")
        if n.quote:
            click.echo(f"    “{_clean(n.quote)}”")
        click.echo(f"    {_clean(n.text)}")


# -- grouping --------------------------------------------------------------------------


@click.command()
@click.argument("target")
@click.argument("others", nargs=-1, required=True)
@db_option
def merge(target: str, others: tuple[str, ...], db: str | None) -> None:
    """Merge the OTHERS stories into TARGET. Later imports keep the merge."""
    ids = [parse_story(o) for o in others]
    into = parse_story(target)
    with open_library(db, write=True) as lib:
        lib.merge_stories(into, *ids)
    noun = "story" if len(ids) == 1 else "stories"
    click.echo(f"merged {noun} {', '.join(map(str, ids))} into story {into}")


@click.command()
@click.argument("article")
@db_option
def split(article: str, db: str | None) -> None:
    """Take an article (a31) out of its story into a story of its own; prints the new id."""
    with open_library(db, write=True) as lib:
        click.echo(str(lib.split_article(parse_article(article))))


@click.command()
@click.argument("article")
@click.argument("story")
@db_option
def move(article: str, story: str, db: str | None) -> None:
    """Move an article (a31) into another story. Later imports keep it there."""
    number, into = parse_article(article), parse_story(story)
    with open_library(db, write=True) as lib:
        lib.move_article(number, into)
    click.echo(f"moved a{number} into story {into}")


# -- export, search --------------------------------------------------------------------


@click.command()
@click.argument("story")
@db_option
@format_option("md", "json", "csv", default="md")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to a file.")
def export(story: str, db: str | None, fmt: str, output: str | None) -> None:
    """Export a story's desk memo: versions, corroborated facts, single-source claims,
    conflicts, revisions, tags and notes."""
    with open_library(db, write=False) as lib:
        text = lib.export_story(parse_story(story), fmt)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as error:
            raise NewsreaderError(f"cannot write {output}: {error.strerror}") from error
        return
    click.echo(text, nl=False)


@click.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@db_option
@format_option("text", "json")
def search(query: str, limit: int, db: str | None, fmt: str) -> None:
    """Search headlines, article text and notes (FTS5 syntax: AND, OR, "phrase", pre*)."""
    with open_library(db, write=False) as lib:
        hits = lib.search(query, limit=limit)
    if fmt == "json":
        _dump(
            {
                "schema": SEARCH_SCHEMA,
                "hits": [
                    {
                        "story": h.story_id,
                        "article": h.article_id,
                        "note": h.note_id,
                        "title": h.title,
                        "snippet": h.snippet,
                        "rank": h.rank,
                    }
                    for h in hits
                ],
            }
        )
        return
    if not hits:
        click.echo("no matches", err=True)
    for h in hits:
        where = f"note #{h.note_id}" if h.note_id is not None else f"a{h.article_id}"
        click.echo(f"{h.story_id:>6} {where:<8} {_clean(h.title)}")
        click.echo(f"       {_clean(h.snippet)}")


COMMANDS = (
    import_,
    stories,
    show,
    tag,
    untag,
    tags,
    note,
    notes,
    status,
    read,
    star,
    merge,
    split,
    move,
    export,
    search,
)
