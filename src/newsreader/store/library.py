"""The library: one SQLite file holding articles, stories and the reader's state.

:class:`Library` is the one object the reader, the command line and the feeds use. It returns
frozen dataclasses (:mod:`newsreader.store.records`), raises
:class:`~newsreader.errors.NotFoundError` for a bad id and
:class:`~newsreader.errors.LibraryError` for a file it cannot use, and writes each change in one
transaction. The work is done by the modules beside it (``articles``, ``stories``, ``notes``,
``tags``, ``search``, ``export``); this facade holds the connection, the clock and the settings.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO

from newsreader.errors import LibraryError, NewsreaderError, NotFoundError
from newsreader.store import articles as article_rows
from newsreader.store import notes as note_rows
from newsreader.store import stories as story_rows
from newsreader.store import tags as tag_rows
from newsreader.store.db import APPLICATION_ID, Database, connect, translate_errors
from newsreader.store.migrations import latest_version, migrate, schema_version
from newsreader.store.records import (
    STATUSES,
    ArticleRecord,
    Failure,
    ImportProgress,
    ImportSummary,
    Note,
    SearchHit,
    StorySummary,
    Tag,
)

if TYPE_CHECKING:
    from newsreader.core.model import Article, Comparison

__all__ = [
    "ArticleRecord",
    "ImportProgress",
    "ImportSummary",
    "Library",
    "Note",
    "SearchHit",
    "StorySummary",
    "Tag",
]

# Articles stored per transaction during an import: a kill loses at most one batch, and a
# reader writing at the same time waits at most one batch.
BATCH_SIZE = 250
Progress = Callable[[ImportProgress], None]


class Library:
    """An open library. Make one with :meth:`Library.open`; close it (or use ``with``)."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Callable[[], float] = time.time,
        author: str | None = None,
        workers: int | None = None,
    ) -> None:
        self.db = db
        self.path: Path = db.path
        self.readonly = db.readonly
        self._clock = clock
        self._author = author
        self._workers = workers

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        readonly: bool = False,
        clock: Callable[[], float] = time.time,
        author: str | None = None,
        workers: int | None = None,
    ) -> Library:
        """Open the library at ``path`` (``":memory:"`` for a throw-away one).

        Creates it when missing and brings its schema up to date, unless ``readonly``.
        """
        db = connect(path, readonly=readonly)
        try:
            with translate_errors(db.path):
                version = schema_version(db.conn)
                if readonly:
                    if version == 0:
                        raise LibraryError(f"{db.path} is not a newsreader library")
                    if version < latest_version():
                        raise LibraryError(
                            f"{db.path} needs an upgrade: open it once without read-only"
                        )
                    if version > latest_version():
                        raise LibraryError(
                            f"{db.path} was written by a newer newsreader; please upgrade"
                        )
                else:
                    migrate(db.conn, application_id=APPLICATION_ID)
        except BaseException:
            db.close()
            raise
        return cls(db, clock=clock, author=author, workers=workers)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- helpers -----------------------------------------------------------------------

    def _now(self) -> tuple[float, str]:
        ts = self._clock()
        return ts, story_rows.iso(ts) or ""

    @property
    def author(self) -> str:
        if self._author is None:
            from newsreader.config import load_settings

            self._author = load_settings().author
        return self._author

    @property
    def workers(self) -> int:
        if self._workers is None:
            from newsreader.config import load_settings

            self._workers = load_settings().workers
        return self._workers

    # -- import ------------------------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[str],
        *,
        stdin: BinaryIO | None = None,
        progress: Progress | None = None,
    ) -> ImportSummary:
        """Import files, folders (recursively) and ``-`` (standard input, or ``stdin``).

        Boilerplate is marked per batch; every bad input is reported in ``failed`` and the
        rest is imported.
        """
        from newsreader.core.boilerplate import mark_boilerplate
        from newsreader.ingest import read_articles

        total = count_inputs(paths) if progress is not None else None
        state = {"done": 0, "path": None}

        def stream() -> Iterator[Article | Failure]:
            for item in read_articles(list(paths), stdin=stdin):
                if item.path != state["path"]:
                    state["done"] += 1
                    state["path"] = item.path
                yield item  # type: ignore[misc]

        def report(_: int) -> None:
            if progress is not None:
                done = int(state["done"] or 0)
                progress(ImportProgress(done, total, state["path"]))  # type: ignore[arg-type]

        return self._import(stream(), prepare=mark_boilerplate, report=report)

    def import_articles(
        self, articles: Iterable[Article], *, progress: Progress | None = None
    ) -> ImportSummary:
        """Import articles as they are (boilerplate already marked, or none)."""

        def report(done: int) -> None:
            if progress is not None:
                progress(ImportProgress(done, None, None))

        return self._import(iter(articles), prepare=None, report=report)

    def _import(
        self,
        items: Iterator[Any],
        *,
        prepare: Callable[[list[Article]], list[Article]] | None,
        report: Callable[[int], None],
    ) -> ImportSummary:
        self._writable()
        placer = story_rows.Placer(self.db.conn)
        imported = duplicates = updated = done = 0
        failed: list[Failure] = []
        batch: list[Article] = []

        def flush() -> None:
            nonlocal imported, duplicates, updated, done
            ready = prepare(batch) if prepare is not None else batch
            with self.db.write() as conn:
                now_ts, _ = self._now()
                result = article_rows.import_batch(conn, placer, ready, now_ts=now_ts)
            imported += result.imported
            duplicates += result.duplicates
            updated += result.updated
            done += len(batch)
            batch.clear()
            report(done)

        for item in items:
            if hasattr(item, "body"):
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    flush()
            else:
                failed.append(Failure(str(item.path), str(item.reason)))
        if batch:
            flush()
        report(done)
        return ImportSummary(imported, duplicates, updated, tuple(failed))

    def _writable(self) -> None:
        if self.readonly:
            raise LibraryError(f"{self.path} is open read-only")

    # -- stories -----------------------------------------------------------------------

    def list_stories(
        self,
        *,
        search: str | None = None,
        tag: str | None = None,
        status: str | None = None,
        source: str | None = None,
        starred: bool | None = None,
        unread: bool | None = None,
        sort: str = "newest",
        offset: int = 0,
        limit: int = 200,
    ) -> tuple[StorySummary, ...]:
        """Stories matching every filter given, ``sort`` ∈ newest|oldest|versions|unread|title.

        ``search`` is typed text (every word must appear; the last may be a prefix), ``tag``
        matches the story's tags and its versions' tags.
        """
        with self.db.read() as conn:
            return story_rows.list_stories(
                conn,
                sort=sort,
                offset=offset,
                limit=limit,
                search=search,
                tag=tag,
                status=status,
                source=source,
                starred=starred,
                unread=unread,
            )

    def count_stories(
        self,
        *,
        search: str | None = None,
        tag: str | None = None,
        status: str | None = None,
        source: str | None = None,
        starred: bool | None = None,
        unread: bool | None = None,
    ) -> int:
        with self.db.read() as conn:
            return story_rows.count_stories(
                conn,
                search=search,
                tag=tag,
                status=status,
                source=source,
                starred=starred,
                unread=unread,
            )

    def story(self, story_id: int) -> StorySummary:
        with self.db.read() as conn:
            return story_rows.story(conn, story_id)

    def articles(self, story_id: int) -> tuple[ArticleRecord, ...]:
        """The story's versions in comparison order (oldest first; undated last)."""
        with self.db.read() as conn:
            return article_rows.story_articles(conn, story_id)

    def article(self, article_id: int) -> ArticleRecord:
        with self.db.read() as conn:
            return article_rows.article(conn, article_id)

    def sentences(self, article_id: int) -> tuple[str, ...]:
        """The article's sentences as stored (the same split the comparison uses)."""
        with self.db.read() as conn:
            return tuple(note_rows.sentence_texts(conn, article_id))

    def comparison(self, story_id: int) -> Comparison:
        """The story's alignment; ``Version.id`` i is ``articles(story_id)[i]``.

        Cached in the library and computed again when the story's versions change.
        """
        from newsreader.core.serialize import comparison_from_json

        with self.db.read() as conn:
            records = article_rows.story_articles(conn, story_id)
            row = conn.execute(
                "SELECT signature, data FROM alignments WHERE story_id = ?", (story_id,)
            ).fetchone()
        signature = alignment_signature(records)
        articles = [r.to_article() for r in records]
        if row is not None and row["signature"] == signature:
            return comparison_from_json(json.loads(row["data"]), articles)
        from newsreader.core.align import compare
        from newsreader.core.serialize import comparison_to_json

        result = compare(articles, workers=self.workers)
        if not self.readonly:
            data = json.dumps(comparison_to_json(result), separators=(",", ":"))
            try:
                with self.db.write() as conn:
                    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone():
                        conn.execute(
                            "INSERT OR REPLACE INTO alignments (story_id, signature, data) "
                            "VALUES (?, ?, ?)",
                            (story_id, signature, data),
                        )
            except LibraryError:
                pass  # locked by a long writer: the cache is only a cache, compute next time
        return result

    def sources(self) -> tuple[str, ...]:
        rows = self.db.all(
            "SELECT DISTINCT source FROM articles WHERE source IS NOT NULL AND source != '' "
            "ORDER BY source COLLATE NOCASE"
        )
        return tuple(r[0] for r in rows)

    # -- triage ------------------------------------------------------------------------

    def set_read(self, story_id: int, read: bool = True) -> None:
        """Mark every version of the story read (or unread)."""
        with self.db.write() as conn:
            story_rows.require_story(conn, story_id)
            conn.execute("UPDATE articles SET read = ? WHERE story_id = ?", (int(read), story_id))
            story_rows.refresh(conn, (story_id,), membership=False)

    def set_article_read(self, article_id: int, read: bool = True) -> None:
        with self.db.write() as conn:
            row = story_rows.require_article(conn, article_id)
            conn.execute("UPDATE articles SET read = ? WHERE id = ?", (int(read), article_id))
            story_rows.refresh(conn, (row["story_id"],), membership=False)

    def set_starred(self, story_id: int, starred: bool) -> None:
        with self.db.write() as conn:
            story_rows.require_story(conn, story_id)
            conn.execute("UPDATE stories SET starred = ? WHERE id = ?", (int(starred), story_id))

    def set_article_starred(self, article_id: int, starred: bool) -> None:
        with self.db.write() as conn:
            story_rows.require_article(conn, article_id)
            conn.execute("UPDATE articles SET starred = ? WHERE id = ?", (int(starred), article_id))

    def set_status(self, story_id: int, status: str) -> None:
        """``status``: new, review (in review), checked or spiked."""
        if status not in STATUSES:
            raise NewsreaderError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        with self.db.write() as conn:
            story_rows.require_story(conn, story_id)
            conn.execute("UPDATE stories SET status = ? WHERE id = ?", (status, story_id))

    # -- tags --------------------------------------------------------------------------

    def tags(self) -> tuple[Tag, ...]:
        with self.db.read() as conn:
            return tag_rows.all_tags(conn)

    def has_tag(self, name: str) -> bool:
        with self.db.read() as conn:
            return tag_rows.exists(conn, name)

    def tag_story(self, story_id: int, *names: str) -> None:
        with self.db.write() as conn:
            story_rows.require_story(conn, story_id)
            tag_rows.add(conn, "story_tags", "story_id", story_id, names)

    def untag_story(self, story_id: int, *names: str) -> None:
        with self.db.write() as conn:
            story_rows.require_story(conn, story_id)
            tag_rows.remove(conn, "story_tags", "story_id", story_id, names)

    def tag_article(self, article_id: int, *names: str) -> None:
        with self.db.write() as conn:
            story_rows.require_article(conn, article_id)
            tag_rows.add(conn, "article_tags", "article_id", article_id, names)

    def untag_article(self, article_id: int, *names: str) -> None:
        with self.db.write() as conn:
            story_rows.require_article(conn, article_id)
            tag_rows.remove(conn, "article_tags", "article_id", article_id, names)

    def set_tag_colour(self, name: str, colour: str) -> None:
        with self.db.write() as conn:
            tag_rows.set_colour(conn, name, colour)

    def delete_tag(self, name: str) -> None:
        """Remove a tag from every story and article."""
        with self.db.write() as conn:
            tag_rows.delete(conn, name)

    # -- notes -------------------------------------------------------------------------

    def add_note(
        self,
        text: str,
        *,
        story_id: int | None = None,
        article_id: int | None = None,
        sentence: int | None = None,
        fact: bool = False,
        author: str | None = None,
    ) -> Note:
        """Annotate a story, an article, a sentence of an article, or (``fact``) the fact that
        sentence carries in every version."""
        _, now = self._now()
        with self.db.write() as conn:
            note_id = note_rows.add(
                conn,
                text,
                story_id=story_id,
                article_id=article_id,
                sentence=sentence,
                fact=fact,
                author=author if author is not None else self.author,
                now=now,
            )
        return self.note(note_id)

    def edit_note(self, note_id: int, text: str) -> Note:
        _, now = self._now()
        with self.db.write() as conn:
            note_rows.edit(conn, note_id, text, now)
        return self.note(note_id)

    def delete_note(self, note_id: int) -> None:
        with self.db.write() as conn:
            note_rows.delete(conn, note_id)

    def note(self, note_id: int) -> Note:
        row = self.db.one("SELECT story_id FROM notes WHERE id = ?", (note_id,))
        if row is None:
            raise NotFoundError(f"no note {note_id}")
        for note in self.notes(row[0]):
            if note.id == note_id:
                return note
        raise NotFoundError(f"no note {note_id}")  # pragma: no cover - deleted meanwhile

    def notes(self, story_id: int | None = None) -> tuple[Note, ...]:
        """The notes of a story (or of the library), re-anchored: ``Note.sentence`` is the
        sentence's current index, ``None`` when orphaned."""
        with self.db.read() as conn:
            rows = note_rows.rows(conn, story_id)
            changes = note_rows.reanchor(conn, rows)
        if changes and not self.readonly:
            try:
                with self.db.write() as conn:
                    note_rows.save_anchors(conn, changes)
            except LibraryError:
                pass  # locked: anchors are found again on the next read
        comparisons: dict[int, Comparison] = {}
        positions: dict[int, dict[int, int]] = {}
        out = []
        for row in rows:
            sentence = changes.get(row["id"], row["sentence"])
            orphaned = bool(row["orphaned"]) if row["id"] not in changes else sentence is None
            if row["quote"] is not None and sentence is None:
                orphaned = True
            group = None
            if row["fact"] and sentence is not None:
                sid = row["story_id"]
                if sid not in comparisons:
                    comparisons[sid] = self.comparison(sid)
                    positions[sid] = {r.id: i for i, r in enumerate(self.articles(sid))}
                version = positions[sid].get(row["article_id"])
                if version is not None:
                    groups = comparisons[sid].versions[version].groups
                    if sentence < len(groups):
                        group = groups[sentence]
            out.append(note_rows.to_note(row, sentence, orphaned, group))
        return tuple(out)

    # -- grouping by hand --------------------------------------------------------------

    def merge_stories(self, target: int, *others: int) -> int:
        """Move every version of ``others`` into ``target``; imports never undo it."""
        with self.db.write() as conn:
            return story_rows.merge(conn, target, others)

    def split_article(self, article_id: int) -> int:
        """Take a version out of its story into a new story of its own; returns its id."""
        _, now = self._now()
        with self.db.write() as conn:
            return story_rows.split(conn, article_id, now)

    def move_article(self, article_id: int, story_id: int) -> None:
        with self.db.write() as conn:
            story_rows.move(conn, article_id, story_id)

    # -- search, state, export ---------------------------------------------------------

    def search(self, query: str, *, limit: int = 50) -> tuple[SearchHit, ...]:
        """FTS5 query over headlines, bodies and notes, best first, with snippets."""
        from newsreader.store.search import search

        with self.db.read() as conn:
            return search(conn, query, limit)

    def get_state(self, key: str) -> str | None:
        return self.db.scalar("SELECT value FROM state WHERE key = ?", (key,))

    def set_state(self, key: str, value: str) -> None:
        with self.db.write() as conn:
            conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def export_story(self, story_id: int, fmt: str) -> str:
        """The desk memo of a story: ``fmt`` is md, json or csv."""
        from newsreader.store.export import export_story

        return export_story(self, story_id, fmt)


def alignment_signature(records: Sequence[ArticleRecord]) -> str:
    """What a cached alignment depends on: the versions, their text and the engine version."""
    from newsreader import __version__

    digest = hashlib.sha256(__version__.encode())
    for r in records:
        digest.update(f"|{r.id}:{r.content_hash}:{r.boilerplate}:{r.source}".encode())
    return digest.hexdigest()


def count_inputs(paths: Sequence[str]) -> int:
    """How many inputs an import of ``paths`` reads (files under folders, hidden skipped)."""
    total = 0
    for raw in paths:
        if raw == "-":
            total += 1
            continue
        path = Path(raw)
        if not path.is_dir():
            total += 1
            continue
        for _root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            total += sum(1 for f in files if not f.startswith("."))
    return total
