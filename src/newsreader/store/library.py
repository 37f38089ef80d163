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
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager
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
# An import of files reports progress every this many files read (and after every batch).
PROGRESS_EVERY = 20
# Imports of at least this many inputs prepare batches in a second process.
PARALLEL_MIN_ARTICLES = 4 * BATCH_SIZE
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

    @property
    def conn(self) -> sqlite3.Connection:
        """The library's connection (autocommit mode), for stores that share the file."""
        return self.db.conn

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction; library calls made inside it join it and commit with it."""
        return self.db.write()

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
        parallel: bool = False,
    ) -> ImportSummary:
        """Import files, folders (recursively) and ``-`` (standard input, or ``stdin``).

        Boilerplate is marked per batch; every bad input is reported in ``failed`` and the
        rest is imported. ``progress`` counts inputs (files) done of the total. ``parallel``
        lets a large import prepare batches in a second process (started with ``spawn``: the
        calling program's main module must be import-safe, as ``newsreader``'s is).
        """
        from newsreader.ingest import read_articles

        total = count_inputs(paths)
        state: dict[str, Any] = {"done": 0, "path": None}

        def report(_: int) -> None:
            if progress is not None:
                progress(ImportProgress(int(state["done"]), total, state["path"]))

        def stream() -> Iterator[Any]:
            for item in read_articles(list(paths), stdin=stdin):
                if item.path != state["path"]:
                    state["done"] += 1
                    state["path"] = item.path
                    if state["done"] % PROGRESS_EVERY == 0:
                        report(0)
                yield item

        return self._import(
            stream(), mark=True, report=report, size_hint=total if parallel else None
        )

    def import_articles(
        self,
        articles: Iterable[Article | article_rows.Prepared],
        *,
        progress: Progress | None = None,
        parallel: bool = False,
    ) -> ImportSummary:
        """Import articles as they are (boilerplate already marked, or none); ``parallel`` as
        for :meth:`import_paths`. Items may come already prepared
        (:func:`newsreader.store.articles.prepare`, e.g. by a feed fetch's worker processes):
        then only the storing is left to do here."""
        size = len(articles) if isinstance(articles, Sized) else None

        def report(done: int) -> None:
            if progress is not None:
                progress(ImportProgress(done, size, None))

        return self._import(
            iter(articles), mark=False, report=report, size_hint=size if parallel else None
        )

    def _import(
        self,
        items: Iterator[Any],
        *,
        mark: bool,
        report: Callable[[int], None],
        size_hint: int | None,
    ) -> ImportSummary:
        """Batches of :data:`BATCH_SIZE` articles, each stored in one transaction.

        Articles already in the library are skipped before any work is spent on them. On a
        large import a second process prepares the next batch (boilerplate, digests, sentence
        offsets) while this one stores the current batch.
        """
        self._writable()
        placer = story_rows.Placer(self.db.conn)
        counts = {"imported": 0, "duplicates": 0, "updated": 0, "done": 0}
        failed: list[Failure] = []
        pending: deque[tuple[Any, int, int]] = deque()  # (prepared or future, size, skipped)
        pool = _preparation_pool(size_hint)

        def submit(batch: list[Any]) -> None:
            fresh = self._unknown(batch)
            skipped = len(batch) - len(fresh)
            if any(isinstance(a, article_rows.Prepared) for a in fresh):
                pending.append((_complete(fresh, mark), len(batch), skipped))
            elif pool is not None and fresh:
                pending.append(
                    (pool.submit(article_rows.prepare, fresh, mark=mark), len(batch), skipped)
                )
            else:
                pending.append((article_rows.prepare(fresh, mark=mark), len(batch), skipped))

        def store() -> None:
            work, size, skipped = pending.popleft()
            prepared = work if isinstance(work, list) else work.result()
            if prepared:
                with self.db.write() as conn:
                    now_ts, _ = self._now()
                    result = article_rows.import_batch(conn, placer, prepared, now_ts=now_ts)
                counts["imported"] += result.imported
                counts["updated"] += result.updated
                skipped += result.duplicates
            counts["duplicates"] += skipped
            counts["done"] += size
            report(counts["done"])

        batch: list[Article] = []
        try:
            for item in items:
                if not hasattr(item, "body") and not isinstance(item, article_rows.Prepared):
                    failed.append(Failure(str(item.path), str(item.reason)))
                    continue
                batch.append(item)
                if len(batch) >= BATCH_SIZE:
                    submit(batch)
                    batch = []
                    while len(pending) > (1 if pool is not None else 0):
                        store()
            if batch:
                submit(batch)
            while pending:
                store()
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        report(counts["done"])
        return ImportSummary(
            counts["imported"], counts["duplicates"], counts["updated"], tuple(failed)
        )

    def _unknown(self, batch: list[Any]) -> list[Any]:
        """The articles of ``batch`` whose content is neither stored nor earlier in the batch."""
        hashes = [a.content_hash for a in batch]
        known: set[str] = set()
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.all(
                f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})", chunk
            )
            known.update(r[0] for r in rows)
        fresh = []
        for article, h in zip(batch, hashes, strict=True):
            if h not in known:
                known.add(h)
                fresh.append(article)
        return fresh

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

        ``search`` is typed text matched against the versions' headlines (every word must
        appear; the last may be a prefix); :meth:`search` searches the full text. ``tag``
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


def _complete(batch: list[Any], mark: bool) -> list[article_rows.Prepared]:
    """``batch`` with its plain articles prepared here and already prepared ones kept, in order."""
    raw = [a for a in batch if not isinstance(a, article_rows.Prepared)]
    done = iter(article_rows.prepare(raw, mark=mark))
    return [a if isinstance(a, article_rows.Prepared) else next(done) for a in batch]


def _preparation_pool(size_hint: int | None) -> ProcessPoolExecutor | None:
    """A one-process pool for large imports on machines with more than one core."""
    if size_hint is None or size_hint < PARALLEL_MIN_ARTICLES or (os.cpu_count() or 1) < 2:
        return None
    import multiprocessing

    # spawn, not fork: the reader imports from a thread of a running app.
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_exit_with_parent,
        initargs=(os.getpid(),),
    )


# How often a preparation process checks that the import that started it is still alive.
PARENT_CHECK_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """In a preparation process: exit when the importing process dies (even by SIGKILL),
    instead of waiting forever for work that will not come."""
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    if os.name == "posix":
        threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def alignment_signature(records: Sequence[ArticleRecord]) -> str:
    """What a cached alignment depends on: the versions, their text and the engine version."""
    from newsreader import __version__
    from newsreader.core import align

    engine = f"{__version__}/{getattr(align, 'ALIGNMENT_VERSION', 0)}"
    digest = hashlib.sha256(engine.encode())
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
