"""Synchronous entry points for the command line and the reader.

Each call opens its own connection to the library file and closes it before returning, so the
reader can call :func:`fetch_feeds` from a worker thread while its own connection stays in the
UI thread. :func:`fetch_feeds` runs its own asyncio loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import httpx

from newsreader.core.textclean import clean_text
from newsreader.errors import FeedError
from newsreader.feeds.discover import Discovery, discover
from newsreader.feeds.http import FetchSettings, check_url
from newsreader.feeds.model import FeedProgress, FeedStatus, FetchSummary
from newsreader.feeds.opml import Outline, parse_opml, write_opml
from newsreader.feeds.refresh import refresh, utc_now
from newsreader.store.feeds import FeedStore

__all__ = [
    "FeedProgress",
    "FeedStatus",
    "FetchSummary",
    "OpmlImport",
    "add_feed",
    "export_opml",
    "fetch_feeds",
    "import_opml",
    "list_feeds",
    "remove_feed",
]


@dataclass(frozen=True, slots=True)
class OpmlImport:
    """What ``feeds import`` did: feeds added, feeds already there (tags merged), refused."""

    added: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()


def open_store(db_path: Path) -> FeedStore:
    """The feed tables of the library at ``db_path``, created (and migrated) if need be."""
    from newsreader.store.library import Library

    library = Library.open(db_path)
    return FeedStore(
        library.db.conn, library.import_articles, write=library.db.write, on_close=library.close
    )


@contextmanager
def _store(db_path: Path) -> Iterator[FeedStore]:
    store = open_store(db_path)
    try:
        yield store
    finally:
        store.close()


def fetch_feeds(
    db_path: Path,
    feeds: Sequence[str] = (),
    *,
    progress: Callable[[FeedProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    settings: FetchSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FetchSummary:
    """Fetch the named feeds (id or URL; all when empty) and import what is new.

    Per-feed failures end up in ``FetchSummary.failed``; only a library that cannot be opened
    or a feed name that does not exist raises. ``settings`` default to the config file's
    ``[feeds]`` table (:mod:`newsreader.feeds.settings`).
    """
    if settings is None:
        from newsreader.feeds.settings import load_fetch_settings

        settings = load_fetch_settings()
    return asyncio.run(
        refresh(
            partial(open_store, Path(db_path)),
            tuple(feeds),
            settings=settings,
            progress=progress,
            cancelled=cancelled,
            transport=transport,
        )
    )


def list_feeds(db_path: Path) -> tuple[FeedStatus, ...]:
    with _store(Path(db_path)) as store:
        return store.statuses()


def add_feed(
    db_path: Path,
    url: str,
    *,
    title: str | None = None,
    tags: Sequence[str] = (),
    full_text: bool = True,
    check: bool = False,
    on_note: Callable[[str], None] | None = None,
    settings: FetchSettings | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FeedStatus:
    """Subscribe to ``url`` (http or https only); fetched on the next ``fetch``.

    ``check``: look at the URL first (:mod:`newsreader.feeds.discover`): a web page is
    replaced by the feed it names, and the site's page is kept as the feed's home page; what
    the look found worth saying goes to ``on_note``.
    """
    url = check_url(url)
    found = Discovery(url)
    if check:
        if settings is None:
            from newsreader.feeds.settings import load_fetch_settings

            settings = load_fetch_settings()
        found = asyncio.run(discover(url, settings, transport=transport))
    with _store(Path(db_path)) as store:
        feed = store.add_feed(
            found.url,
            now=utc_now(),
            title=_clean(title),
            tags=_tags(tags),
            html_url=found.html_url,
            full_text=full_text,
        )
        status = next(status for status in store.statuses() if status.id == feed.id)
    if found.note and on_note is not None:
        on_note(found.note)
    return status


def remove_feed(db_path: Path, feed: str | int) -> None:
    """Unsubscribe from the feed with this id or URL; its articles stay in the library."""
    with _store(Path(db_path)) as store:
        store.remove_feed(store.find_feed(str(feed)).id)


def import_opml(db_path: Path, data: bytes, name: str) -> OpmlImport:
    """Subscribe to every feed of an OPML document; known feeds get the file's tags added."""
    outlines = parse_opml(data, name)
    added: list[str] = []
    existing: list[str] = []
    failed: list[tuple[str, str]] = []
    with _store(Path(db_path)) as store:
        known = {feed.url: feed for feed in store.select_feeds()}
        for outline in outlines:
            try:
                url = check_url(outline.url)
            except FeedError as error:
                failed.append((outline.url, str(error)))
                continue
            tags = _tags(outline.tags)
            if url in known:
                store.merge_tags(known[url].id, tags)
                existing.append(url)
                continue
            feed = store.add_feed(
                url,
                now=utc_now(),
                title=_clean(outline.title),
                tags=tags,
                html_url=outline.html_url,
            )
            known[url] = feed
            added.append(url)
    return OpmlImport(tuple(added), tuple(existing), tuple(failed))


def export_opml(db_path: Path) -> str:
    """Every subscription as an OPML 2.0 document."""
    with _store(Path(db_path)) as store:
        feeds = store.select_feeds()
    outlines = (Outline(f.url, f.title, f.html_url, f.tags) for f in feeds)
    return write_opml(outlines, title="newsreader subscriptions", now=utc_now())


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return " ".join(clean_text(text).split()) or None


def _tags(tags: Sequence[str]) -> tuple[str, ...]:
    cleaned = (_clean(tag) for tag in tags)
    return tuple(dict.fromkeys(tag for tag in cleaned if tag))
