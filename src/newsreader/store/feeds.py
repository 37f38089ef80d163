"""Subscriptions and fetch state in the library file: tables ``feeds`` and ``feed_items``.

``feeds`` holds one row per subscription with its conditional-GET validators and the outcome of
its last fetch; ``feed_items`` one row per item seen in a feed, with the hashes that tell a
revision from a trivial edit and the time its page is due for a re-check. Articles themselves
go through the library's import like any other, so they are grouped into stories and a changed
text at the same URL becomes a new version.

Every write is one transaction. Removing a feed forgets its items' fetch state; the articles
stay in the library.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from functools import partial
from typing import Any

from newsreader.core.model import Article
from newsreader.errors import FeedError, NotFoundError
from newsreader.feeds.model import Feed, FeedStatus, FeedUpdate, Health, ItemState
from newsreader.feeds.schedule import format_time, parse_time
from newsreader.store.migrations import FEEDS_SCHEMA

# The tables are made by migration 3 (store/migrations.py); SCHEMA is that script, for tests
# that hold the feed tables without a whole library.
SCHEMA = FEEDS_SCHEMA

_FEED_COLUMNS = (
    "id, url, title, tags, html_url, full_text, etag, last_modified, last_fetch, last_status,"
    " last_error, failures"
)
_ITEM_COLUMNS = (
    "guid, url, title, published, content_hash, words_hash, first_seen, last_checked,"
    " next_check, page, revisions, trivial_edits"
)

ImportArticles = Callable[[Sequence[Article]], Any]
Write = Callable[[], AbstractContextManager[Any]]


class FeedStore:
    """Feed rows on an open connection; ``import_articles`` stores articles in the library.

    ``conn`` is in autocommit mode (``isolation_level=None``), as the library's is; ``write``
    opens a write transaction that nested ones join (the library's ``Database.write``), so a
    feed's articles and its fetch state are committed together.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        import_articles: ImportArticles,
        *,
        write: Write | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        self._import = import_articles
        self._write: Write = write or partial(_transaction, conn)
        self._on_close = on_close

    def close(self) -> None:
        if self._on_close is not None:
            self._on_close()

    # -- subscriptions -------------------------------------------------------------------

    def add_feed(
        self,
        url: str,
        *,
        now: datetime,
        title: str | None = None,
        tags: Sequence[str] = (),
        html_url: str | None = None,
        full_text: bool = True,
    ) -> Feed:
        """Subscribe to ``url``; :class:`FeedError` when it is already subscribed."""
        try:
            with self._write():
                cur = self.conn.execute(
                    "INSERT INTO feeds (url, title, html_url, tags, full_text, added)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (url, title, html_url, _tags_json(tags), int(full_text), format_time(now)),
                )
        except sqlite3.IntegrityError:
            raise FeedError(f"already subscribed to {url}") from None
        return self.feed(int(cur.lastrowid or 0))

    def merge_tags(self, feed_id: int, tags: Sequence[str]) -> Feed:
        """Add ``tags`` to a feed's tags (an OPML import of a feed we already have)."""
        feed = self.feed(feed_id)
        merged = tuple(dict.fromkeys(feed.tags + tuple(tags)))
        with self._write():
            self.conn.execute(
                "UPDATE feeds SET tags = ? WHERE id = ?", (_tags_json(merged), feed_id)
            )
        return self.feed(feed_id)

    def remove_feed(self, feed_id: int) -> None:
        with self._write():
            self.conn.execute("DELETE FROM feed_items WHERE feed_id = ?", (feed_id,))
            self.conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))

    def feed(self, feed_id: int) -> Feed:
        row = self.conn.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?", (feed_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        return _feed(row)

    def find_feed(self, key: str) -> Feed:
        """The feed whose id or URL is ``key``; :class:`NotFoundError` otherwise."""
        key = key.strip()
        row = self.conn.execute(
            f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (key,)
        ).fetchone()
        if row is None and key.isdigit():
            row = self.conn.execute(
                f"SELECT {_FEED_COLUMNS} FROM feeds WHERE id = ?", (int(key),)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"no feed {key!r} (see `newsreader feeds list`)")
        return _feed(row)

    def select_feeds(self, keys: Sequence[str] = ()) -> tuple[Feed, ...]:
        if keys:
            found = {feed.id: feed for feed in (self.find_feed(key) for key in keys)}
            return tuple(found.values())
        rows = self.conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY id").fetchall()
        return tuple(_feed(row) for row in rows)

    def statuses(self) -> tuple[FeedStatus, ...]:
        counts = dict(
            self.conn.execute("SELECT feed_id, count(*) FROM feed_items GROUP BY feed_id")
        )
        return tuple(
            FeedStatus(
                id=feed.id,
                url=feed.url,
                title=feed.title,
                tags=feed.tags,
                last_fetch=feed.last_fetch,
                last_status=feed.last_status,
                error=feed.last_error,
                items=counts.get(feed.id, 0),
                health=_health(feed),
                full_text=feed.full_text,
            )
            for feed in self.select_feeds()
        )

    # -- fetch state ---------------------------------------------------------------------

    def item_states(self, feed_id: int) -> dict[str, ItemState]:
        rows = self.conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items WHERE feed_id = ?", (feed_id,)
        )
        return {row[0]: _item(row) for row in rows}

    def due_items(self, feed_id: int, now: datetime) -> tuple[ItemState, ...]:
        rows = self.conn.execute(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items"
            " WHERE feed_id = ? AND next_check IS NOT NULL AND next_check <= ?"
            " ORDER BY next_check, guid",
            (feed_id, format_time(now)),
        )
        return tuple(_item(row) for row in rows)

    def save_updates(self, updates: Sequence[FeedUpdate]) -> None:
        """Import the articles and record items and feed state, all in one transaction."""
        with self._write():
            articles: list[Any] = [a for update in updates for a in update.articles]
            articles += [p for update in updates for p in update.prepared]
            if articles:
                self._import(articles)
            for update in updates:
                self._record(update)

    def _record(self, update: FeedUpdate) -> None:
        when = format_time(update.fetched_at)
        if not update.ok:
            self.conn.execute(
                "UPDATE feeds SET last_fetch = ?, last_status = ?, last_error = ?,"
                " failures = failures + 1 WHERE id = ?",
                (when, update.status, update.error, update.feed_id),
            )
            return
        self.conn.execute(
            "UPDATE feeds SET last_fetch = ?, last_status = ?, last_error = NULL,"
            " failures = 0, etag = ?, last_modified = ?, title = coalesce(title, ?),"
            " html_url = coalesce(html_url, ?) WHERE id = ?",
            (
                when,
                update.status,
                update.etag,
                update.last_modified,
                update.title,
                update.html_url,
                update.feed_id,
            ),
        )
        if update.url:
            taken = self.conn.execute(
                "SELECT 1 FROM feeds WHERE url = ? AND id != ?", (update.url, update.feed_id)
            ).fetchone()
            if taken is None:
                self.conn.execute(
                    "UPDATE feeds SET url = ? WHERE id = ?", (update.url, update.feed_id)
                )
        self.conn.executemany(
            f"INSERT OR REPLACE INTO feed_items (feed_id, {_ITEM_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(update.feed_id, *_item_row(item)) for item in update.items],
        )


@contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction on an autocommit connection (when no library supplies one)."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _feed(row: Sequence[Any]) -> Feed:
    return Feed(
        id=row[0],
        url=row[1],
        title=row[2],
        tags=tuple(json.loads(row[3] or "[]")),
        html_url=row[4],
        full_text=bool(row[5]),
        etag=row[6],
        last_modified=row[7],
        last_fetch=parse_time(row[8]),
        last_status=row[9],
        last_error=row[10],
        failures=row[11],
    )


def _item(row: Sequence[Any]) -> ItemState:
    first_seen = parse_time(row[6])
    last_checked = parse_time(row[7])
    assert first_seen is not None and last_checked is not None
    return ItemState(
        guid=row[0],
        url=row[1],
        title=row[2],
        published=row[3],
        content_hash=row[4],
        words_hash=row[5],
        first_seen=first_seen,
        last_checked=last_checked,
        next_check=parse_time(row[8]),
        page=bool(row[9]),
        revisions=row[10],
        trivial_edits=row[11],
    )


def _item_row(item: ItemState) -> tuple[Any, ...]:
    return (
        item.guid,
        item.url,
        item.title,
        item.published,
        item.content_hash,
        item.words_hash,
        format_time(item.first_seen),
        format_time(item.last_checked),
        format_time(item.next_check),
        int(item.page),
        item.revisions,
        item.trivial_edits,
    )


def _tags_json(tags: Sequence[str]) -> str:
    return json.dumps(list(dict.fromkeys(tags)), ensure_ascii=False)


def _health(feed: Feed) -> Health:
    if feed.last_fetch is None:
        return "never"
    return "failing" if feed.last_error else "ok"
