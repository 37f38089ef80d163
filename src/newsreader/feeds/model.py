"""Values of the feeds subsystem: subscriptions, what a fetch did, how a feed is doing.

Everything is a frozen dataclass. Times are timezone-aware UTC ``datetime`` values in the
domain and ISO 8601 strings in the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from newsreader.core.model import Article
from newsreader.store.articles import Prepared

Health = Literal["ok", "failing", "never"]
ProgressState = Literal["fetching", "ok", "not_modified", "failed"]
Change = Literal["new", "updated", "trivial", "unchanged"]


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription as stored: where to fetch it and what the last fetch left behind."""

    id: int
    url: str
    title: str | None = None
    tags: tuple[str, ...] = ()
    html_url: str | None = None
    full_text: bool = True
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: datetime | None = None
    last_status: int | None = None
    last_error: str | None = None
    failures: int = 0


@dataclass(frozen=True, slots=True)
class FeedStatus:
    """How a feed is doing, for ``feeds list`` and the reader's feed list."""

    id: int
    url: str
    title: str | None
    tags: tuple[str, ...]
    last_fetch: datetime | None
    last_status: int | None
    error: str | None
    items: int
    health: Health
    full_text: bool = True


@dataclass(frozen=True, slots=True)
class ItemState:
    """What we know about one item of a feed, keyed by its guid (or link when it has none).

    ``words_hash`` ignores punctuation and whitespace, so an edit that changes only those is
    told apart from a real revision. ``page`` is true when the text came from the linked page
    rather than the feed; such items are re-checked on a schedule (:mod:`.schedule`).
    """

    guid: str
    url: str | None
    title: str
    published: str | None
    content_hash: str
    words_hash: str
    first_seen: datetime
    last_checked: datetime
    next_check: datetime | None = None
    page: bool = False
    revisions: int = 0
    trivial_edits: int = 0


@dataclass(frozen=True, slots=True)
class FeedProgress:
    """One step of a fetch, for a progress bar: ``done`` of ``total`` feeds are finished."""

    done: int
    total: int
    url: str
    title: str | None
    state: ProgressState
    new: int = 0
    updated: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """What a fetch run did. ``failed`` holds ``(feed url, reason)`` per failed feed."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    trivial: int = 0
    failed: tuple[tuple[str, str], ...] = ()
    feeds_ok: int = 0
    feeds_failed: int = 0
    cancelled: bool = False
    not_modified: int = 0  # feeds (among feeds_ok) that answered 304

    def __str__(self) -> str:
        """One line for a notification: what came in, and how many feeds failed."""
        feeds = self.feeds_ok + self.feeds_failed
        if feeds == 0:
            return "No feeds to fetch."
        line = f"{self.new} new, {self.updated} updated from {feeds} feed{'s' * (feeds != 1)}"
        if self.feeds_failed:
            line += f"; {self.feeds_failed} failed"
        return line + (" (stopped early)." if self.cancelled else ".")

    @property
    def all_failed(self) -> bool:
        """True when there were feeds to fetch and none of them succeeded."""
        return self.feeds_failed > 0 and self.feeds_ok == 0


@dataclass(frozen=True, slots=True)
class FeedUpdate:
    """Everything one feed's fetch changes, written by the store in one go.

    A failed fetch carries only ``error`` (and ``status`` when the server answered): the
    subscription's conditional-GET validators, items and articles are left as they were.
    ``url`` is the new address after a permanent redirect.
    """

    feed_id: int
    fetched_at: datetime
    status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    url: str | None = None
    title: str | None = None
    html_url: str | None = None  # the site the feed names; kept when the feed has one already
    articles: tuple[Article, ...] = ()
    items: tuple[ItemState, ...] = ()
    # New articles already prepared for the library (digest, sentences) in a worker process;
    # stored with ``articles``.
    prepared: tuple[Prepared, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None
