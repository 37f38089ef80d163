"""The SQLite connection of a library: opening, pragmas, transactions, error translation.

One :class:`Database` wraps one ``sqlite3`` connection in autocommit mode; every write goes
through :meth:`Database.write`, which opens a ``BEGIN IMMEDIATE`` transaction (so a second
writer waits on the busy timeout up front instead of failing half-way) and commits or rolls back
as a whole. SQLite errors a user can act on (locked, read-only, not a database) become
:class:`~newsreader.errors.LibraryError` with a one-line message.

The connection may be shared between threads (the reader's workers); a re-entrant lock
serialises its use.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsreader.errors import LibraryError

# How long a writer waits for another process's transaction before giving up. An import
# commits a batch at a time, so a reader that wants to mark a story read waits one batch.
BUSY_TIMEOUT_MS = 15_000
# WAL pages (4 KiB each) written before SQLite copies them back into the library file.
WAL_CHECKPOINT_PAGES = 8000
# Marks the file as a newsreader library (PRAGMA application_id, "NWSR").
APPLICATION_ID = 0x4E575352
_SQLITE_MAGIC = b"SQLite format 3\x00"
MEMORY = ":memory:"


class Database:
    """A library's connection. Use :func:`connect` to make one."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.lock = threading.RLock()
        self._depth = 0

    # -- transactions ------------------------------------------------------------------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; nested calls join the outer one."""
        if self.readonly:
            raise LibraryError(f"{self.path} is open read-only")
        with self.lock:
            # Join a transaction already open: ours (nested call) or one a caller began on
            # this connection (the feed store commits a feed's articles with its state).
            if self._depth or self.conn.in_transaction:
                self._depth += 1
                try:
                    yield self.conn
                finally:
                    self._depth -= 1
                return
            with translate_errors(self.path):
                self.conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                with translate_errors(self.path):
                    yield self.conn
                    self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                self._depth = 0

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for several reads (joins a write transaction if one is open)."""
        with self.lock:
            if self._depth or self.conn.in_transaction:
                with translate_errors(self.path):
                    yield self.conn
                return
            with translate_errors(self.path):
                self.conn.execute("BEGIN")
                try:
                    yield self.conn
                finally:
                    if self.conn.in_transaction:
                        self.conn.execute("COMMIT")

    # -- queries -----------------------------------------------------------------------

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        with self.lock, translate_errors(self.path):
            return self.conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        with self.lock, translate_errors(self.path):
            return self.conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]

    def close(self) -> None:
        with self.lock:
            self.conn.close()


@contextmanager
def translate_errors(path: Path | str) -> Iterator[None]:
    """Turn SQLite errors a user can act on into a one-line :class:`LibraryError`."""
    try:
        yield
    except sqlite3.OperationalError as error:
        message = str(error).lower()
        if "locked" in message or "busy" in message:
            raise LibraryError(f"{path} is locked by another newsreader; try again") from error
        if "readonly" in message or "read-only" in message:
            raise LibraryError(f"{path} is read-only") from error
        if "unable to open" in message:
            raise LibraryError(f"cannot open {path}") from error
        if "disk" in message and ("full" in message or "i/o" in message):
            raise LibraryError(f"cannot write {path}: {error}") from error
        raise
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise LibraryError(f"{path} is not a newsreader library") from error
        raise


def connect(path: str | Path, *, readonly: bool = False) -> Database:
    """Open (creating when allowed) the SQLite file at ``path`` with the library's pragmas.

    Refuses files that are not SQLite, SQLite files of another application, missing files when
    ``readonly``, and files or folders the user cannot write to (unless ``readonly``).
    """
    memory = str(path) == MEMORY
    target = Path(MEMORY) if memory else Path(path).expanduser()
    if not memory:
        _check_file(target, readonly=readonly)
    try:
        if memory:
            conn = sqlite3.connect(MEMORY, isolation_level=None, check_same_thread=False)
        elif readonly:
            uri = f"{target.resolve().as_uri()}?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise LibraryError(f"cannot open {target}: {error}") from error
    conn.row_factory = sqlite3.Row
    db = Database(conn, target, readonly=readonly)
    try:
        with translate_errors(target):
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
                raise LibraryError(f"{target} is not a newsreader library")
            conn.execute("PRAGMA foreign_keys = ON")
            if not memory and not readonly:
                mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise LibraryError(f"{target}: cannot switch the library to WAL mode")
                # WAL + NORMAL: a killed process loses nothing committed; only a power cut
                # may lose the last transactions, never consistency.
                conn.execute("PRAGMA synchronous = NORMAL")
                # Fewer, larger checkpoints: a bulk import rewrites the same index pages
                # many times, and each checkpoint copies them back to the main file.
                conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA cache_size = -32000")
    except BaseException:
        conn.close()
        raise
    return db


def _check_file(path: Path, *, readonly: bool) -> None:
    if path.is_dir():
        raise LibraryError(f"{path} is a folder, not a library file")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(len(_SQLITE_MAGIC))
        except OSError as error:
            raise LibraryError(f"cannot read {path}: {error.strerror}") from error
        if head and head != _SQLITE_MAGIC:
            raise LibraryError(f"{path} is not a newsreader library")
        if not readonly and not _writable(path):
            raise LibraryError(f"{path} is read-only")
        return
    if readonly:
        raise LibraryError(f"no library at {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise LibraryError(f"cannot create {path.parent}: {error.strerror}") from error
    if not _writable(path.parent):
        raise LibraryError(f"cannot create a library in {path.parent}: folder is read-only")


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK)
