"""The library schema as an ordered list of forward migrations.

``PRAGMA user_version`` holds the number of the last migration applied. Opening a library
applies the missing ones in order, each in its own transaction, so a library written by an older
newsreader upgrades in place and a kill mid-upgrade leaves it at the previous version.

To change the schema, append a :class:`Migration` to :data:`MIGRATIONS` with the next number;
never edit one that has shipped. A migration is SQL (statements separated by ``;``, triggers
allowed) or a function of the connection.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsreader.errors import LibraryError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    apply: str | Callable[[sqlite3.Connection], None]


_LIBRARY = """
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'review', 'checked', 'spiked')),
    starred INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    -- kept up to date from the story's articles (store/stories.py refresh), for fast listing
    versions INTEGER NOT NULL DEFAULT 0,
    unread INTEGER NOT NULL DEFAULT 0,
    sources TEXT NOT NULL DEFAULT '[]',
    newest_ts REAL,
    newest TEXT
);
CREATE INDEX stories_newest ON stories (newest_ts DESC, id DESC);

CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    title TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_ts REAL,
    imported TEXT NOT NULL,
    imported_ts REAL NOT NULL,
    origin TEXT NOT NULL,
    path TEXT,
    item INTEGER NOT NULL DEFAULT 0,
    input_id TEXT,
    content_hash TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    boilerplate TEXT NOT NULL DEFAULT '[]',   -- JSON [[start, end], ...] of body
    sentences TEXT NOT NULL DEFAULT '[]',     -- JSON [[start, end], ...] of body
    digest TEXT,                              -- JSON of the grouping digest
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    revision_of INTEGER REFERENCES articles (id),
    pinned INTEGER NOT NULL DEFAULT 0         -- placed by hand: auto-grouping never moves it
);
CREATE INDEX articles_story ON articles (story_id, published_ts, id);
CREATE INDEX articles_url ON articles (url) WHERE url IS NOT NULL;
CREATE INDEX articles_source ON articles (source, story_id);

-- Blocking keys of core/groups.story_keys: candidate stories for a new article.
CREATE TABLE article_keys (
    key TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE article_fts USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);

-- The alignment of a story, as newsreader.compare/1 JSON; valid while signature matches.
CREATE TABLE alignments (
    story_id INTEGER PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    signature TEXT NOT NULL,
    data TEXT NOT NULL
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    colour TEXT NOT NULL
);
CREATE TABLE story_tags (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (story_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX story_tags_tag ON story_tags (tag_id, story_id);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags (tag_id, article_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    article_id INTEGER REFERENCES articles (id),
    first_article_id INTEGER REFERENCES articles (id),  -- where it was written
    sentence INTEGER,              -- current index in the article's sentences; NULL: orphaned
    fact INTEGER NOT NULL DEFAULT 0,
    quote TEXT,                    -- the sentence's text when the note was anchored
    before TEXT,                   -- context: end of the previous sentence
    after TEXT,                    -- context: start of the next sentence
    orphaned INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX notes_story ON notes (story_id);
CREATE INDEX notes_article ON notes (article_id);

-- The reader's small remembered values (last story, cursor, ...).
CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID
"""

_SEARCH_NOTES = """
CREATE VIRTUAL TABLE note_fts USING fts5 (
    text, quote, tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO note_fts (rowid, text, quote) SELECT id, text, coalesce(quote, '') FROM notes
"""

MIGRATIONS: list[Migration] = [
    Migration(1, "articles, stories, tags, notes, state", _LIBRARY),
    Migration(2, "full-text search over notes", _SEARCH_NOTES),
]


def latest_version(migrations: Sequence[Migration] | None = None) -> int:
    return (migrations if migrations is not None else MIGRATIONS)[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    target: int | None = None,
    migrations: Sequence[Migration] | None = None,
    application_id: int | None = None,
) -> int:
    """Apply the missing migrations up to ``target`` (default: all); returns the new version.

    ``conn`` must be in autocommit mode. Each migration commits on its own.
    """
    steps = list(MIGRATIONS if migrations is None else migrations)
    numbers = [m.version for m in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"migrations must be numbered 1, 2, 3...: got {numbers}")
    goal = len(steps) if target is None else target
    current = schema_version(conn)
    if current > len(steps):
        raise LibraryError(
            f"this library was written by a newer newsreader (schema {current}); please upgrade"
        )
    for step in steps[current:goal]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have upgraded the file while this one waited for the lock.
            if schema_version(conn) >= step.version:
                conn.execute("COMMIT")
                continue
            if application_id is not None and step.version == 1:
                conn.execute(f"PRAGMA application_id = {int(application_id)}")
            if isinstance(step.apply, str):
                for statement in split_statements(step.apply):
                    conn.execute(statement)
            else:
                step.apply(conn)
            conn.execute(f"PRAGMA user_version = {step.version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def split_statements(script: str) -> list[str]:
    """The statements of ``script``, split where SQLite says a statement is complete."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        if not sqlite3.complete_statement(buffer + ";"):
            raise ValueError("incomplete SQL statement at the end of a migration")
        out.append(buffer.strip())
    return out
