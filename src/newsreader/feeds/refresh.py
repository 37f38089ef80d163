"""One fetch run: every selected feed fetched concurrently, parsed, compared, stored.

The run lives on one asyncio loop. Network work goes through a shared :class:`Fetcher`;
parsing and page extraction (CPU-bound: feedparser, trafilatura) go to a process pool when
the run is large enough to repay starting one, else to a thread; every storage call goes to
one dedicated thread that owns the SQLite connection. Each feed ends in exactly one
:class:`FeedUpdate`, committed whole (updates that queue up share one commit), so a feed that
fails half-way leaves nothing behind but its error, and the other feeds go on. At most
``concurrency`` feeds are in flight, which with the response size cap bounds memory whatever
the number of items.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import partial
from multiprocessing import get_context
from typing import Any, TypeVar

import httpx

from newsreader.core.model import Article
from newsreader.errors import FeedError, InputError
from newsreader.feeds.changes import Item, classify
from newsreader.feeds.http import PAGE_ACCEPT, Fetcher, FetchSettings, Response, check_url
from newsreader.feeds.model import (
    Change,
    Feed,
    FeedProgress,
    FeedUpdate,
    FetchSummary,
    ItemState,
    ProgressState,
)
from newsreader.feeds.schedule import MAX_RECHECKS_PER_FEED, next_check
from newsreader.feeds.storage import FeedStorage
from newsreader.store.articles import Prepared, prepare

T = TypeVar("T")

POOL_MIN_FEEDS = 8  # below this many feeds a process pool costs more than it saves
WRITE_BATCH = 32  # feed updates committed together at most
# Feeds between their fetch and their commit at once: enough that the parse workers keep busy
# while the single writer commits. What they hold is bounded by PIPELINE_BYTES of feed
# documents, so memory stays flat however many items a feed carries.
PIPELINE_DEPTH = 64
PIPELINE_BYTES = 4 * 1024 * 1024
PAGE_CONCURRENCY = 4  # linked pages fetched at once per feed
CANCEL_POLL = 0.1  # seconds between looks at the ``cancelled`` callback
_HTML_STARTS = (b"<!doctype html", b"<html")


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What happened to one feed, for the summary."""

    feed: Feed
    error: str | None = None
    not_modified: bool = False
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    trivial: int = 0


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


async def refresh(
    open_store: Callable[[], FeedStorage],
    keys: Sequence[str] = (),
    *,
    settings: FetchSettings | None = None,
    progress: Callable[[FeedProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    clock: Callable[[], datetime] = utc_now,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FetchSummary:
    """Fetch the feeds named by ``keys`` (all when empty) and store what is new."""
    settings = settings or FetchSettings()
    db = ThreadPoolExecutor(1, thread_name_prefix="newsreader-feeds-db")
    loop = asyncio.get_running_loop()
    store: FeedStorage | None = None
    run: _Run | None = None
    try:
        store = await loop.run_in_executor(db, open_store)
        feeds = await loop.run_in_executor(db, store.select_feeds, tuple(keys))
        async with Fetcher(settings, transport=transport) as fetcher:
            run = _Run(store, db, fetcher, settings, clock, len(feeds))
            return await run.all(feeds, progress, cancelled)
    finally:
        if run is not None:
            run.shutdown()
        if store is not None:
            await loop.run_in_executor(db, store.close)
        db.shutdown(wait=True)


class _Run:
    def __init__(
        self,
        store: FeedStorage,
        db: Executor,
        fetcher: Fetcher,
        settings: FetchSettings,
        clock: Callable[[], datetime],
        total: int,
    ) -> None:
        self.store = store
        self.db = db
        self.fetcher = fetcher
        self.settings = settings
        self.clock = clock
        self.total = total
        self._cpu: Executor | None = None
        self._pending: list[tuple[FeedUpdate, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._budget = _Budget(PIPELINE_BYTES)
        self._failure: BaseException | None = None

    # -- executors ---------------------------------------------------------------------

    async def _in_db(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.db, partial(fn, *args))

    async def _in_cpu(self, fn: Callable[..., T], *args: Any) -> T:
        if self._cpu is None:
            workers = self.settings.parse_workers
            if workers is None:
                workers = min(os.cpu_count() or 1, 4) if self.total >= POOL_MIN_FEEDS else 0
            if workers > 1:
                # forkserver, not fork: the reader calls us from a thread of a threaded app
                self._cpu = ProcessPoolExecutor(workers, mp_context=get_context("forkserver"))
            else:
                self._cpu = ThreadPoolExecutor(1, thread_name_prefix="newsreader-feeds-parse")
        return await asyncio.get_running_loop().run_in_executor(self._cpu, partial(fn, *args))

    async def _save(self, update: FeedUpdate) -> None:
        """Queue ``update`` for the writer and wait until it is committed.

        Updates that queue up while the writer is busy are committed together, in one
        transaction: a run of 304s costs one commit per batch, not one per feed. Waiting for
        the commit keeps at most ``concurrency`` feeds' articles in memory.
        """
        if self._failure is not None:  # nothing more can be written after a failed commit
            raise self._failure
        done = asyncio.get_running_loop().create_future()
        self._pending.append((update, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        await done

    async def _drain(self) -> None:
        while self._pending:
            batch = self._pending[:WRITE_BATCH]
            del self._pending[:WRITE_BATCH]
            try:
                await self._in_db(self.store.save_updates, tuple(u for u, _ in batch))
            except BaseException as error:
                self._failure = error
                waiting = batch + self._pending  # nothing more can be written after a failure
                self._pending.clear()
                for _, done in waiting:
                    if not done.done():
                        done.set_exception(error)
                raise
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    def shutdown(self) -> None:
        if self._cpu is not None:
            self._cpu.shutdown(wait=True, cancel_futures=True)

    # -- the run -----------------------------------------------------------------------

    async def all(
        self,
        feeds: Sequence[Feed],
        progress: Callable[[FeedProgress], None] | None,
        cancelled: Callable[[], bool] | None,
    ) -> FetchSummary:
        gate = asyncio.Semaphore(max(self.settings.concurrency, PIPELINE_DEPTH))
        done = 0

        async def one(feed: Feed) -> FeedResult:
            async with gate:
                if progress is not None:
                    progress(FeedProgress(done, len(feeds), feed.url, feed.title, "fetching"))
                return await self.feed(feed)

        tasks = [asyncio.create_task(one(feed)) for feed in feeds]
        results: list[FeedResult] = []
        stopped = False
        pending: set[asyncio.Task[FeedResult]] = set(tasks)
        try:
            while pending:
                finished, pending = await asyncio.wait(
                    pending, timeout=CANCEL_POLL, return_when=asyncio.FIRST_COMPLETED
                )
                for task in sorted(finished, key=tasks.index):
                    result = task.result()
                    results.append(result)
                    done += 1
                    if progress is not None:
                        progress(_progress(result, done, len(feeds)))
                if cancelled is not None and pending and cancelled():
                    stopped = True
                    break
        finally:
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            if self._writer is not None:
                await asyncio.gather(self._writer, return_exceptions=True)
        return _summary(results, stopped)

    async def feed(self, feed: Feed) -> FeedResult:
        """Fetch, parse, compare and store one feed; never raises for the feed's own faults."""
        started = self.clock()
        try:
            response = await self.fetcher.fetch(
                feed.url, etag=feed.etag, last_modified=feed.last_modified
            )
            if response.status == 304:
                return await self._not_modified(feed, response, started)
            async with self._budget.hold(len(response.body)):
                update, result = await self._modified(feed, response, started)
                del response  # while the commit is awaited, only the update is held
                await self._save(update)
                return result
        except (FeedError, InputError) as error:
            reason = getattr(error, "reason", None) or str(error)
            status = getattr(error, "status", None)
            await self._save(FeedUpdate(feed.id, started, status=status, error=reason))
            return FeedResult(feed, error=reason)

    async def _not_modified(self, feed: Feed, response: Response, now: datetime) -> FeedResult:
        result, articles, items = await self._recheck(feed, now)
        await self._save(
            FeedUpdate(
                feed.id,
                now,
                status=304,
                etag=response.etag or feed.etag,
                last_modified=response.last_modified or feed.last_modified,
                url=response.moved_to,
                articles=articles,
                items=items,
            ),
        )
        return replace(result, not_modified=True)

    async def _modified(
        self, feed: Feed, response: Response, now: datetime
    ) -> tuple[FeedUpdate, FeedResult]:
        """What a changed feed brings: its update for the writer, and the counts."""
        head = response.body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if head.startswith(_HTML_STARTS):
            raise FeedError("not a feed: the server sent an HTML page")
        parsed, home = await self._in_cpu(_parse_feed, response.body, response.url)
        states = await self._in_db(self.store.item_states, feed.id)
        counts: dict[Change, int] = {"new": 0, "updated": 0, "unchanged": 0, "trivial": 0}
        articles: list[Article] = []
        items: list[ItemState] = []
        seen: set[str] = set()
        pages: list[tuple[Item, ItemState | None]] = []
        for item in parsed:
            if item.key in seen:
                continue
            seen.add(item.key)
            old = states.get(item.key)
            if old is not None and old.page:
                counts["unchanged"] += 1  # its page is re-checked on schedule below
                continue
            change = classify(old, item)
            if change == "unchanged":
                counts["unchanged"] += 1
                if old is not None:
                    items.append(replace(old, last_checked=now))
                continue
            if change != "trivial" and feed.full_text and item.teaser:
                pages.append((item, old))
                continue
            counts[change] += 1
            items.append(_state(item, old, now, change, page=False))
            if change in ("new", "updated"):
                articles.append(item.article)
        for teaser, old, full, failed in await self._full_texts(pages):
            change = classify(old, full)
            counts[change] += 1
            state = _state(full, old, now, change, page=full is not teaser)
            if failed:  # the summary for now; the page is tried again on the re-check schedule
                state = replace(
                    state, next_check=next_check(state.first_seen, state.published, now)
                )
            items.append(state)
            if change in ("new", "updated"):
                articles.append(full.article)
        re_result, re_articles, re_items = await self._recheck(feed, now)
        prepared: tuple[Prepared, ...] = ()
        if articles and isinstance(self._cpu, ProcessPoolExecutor):
            # the library's per-article work (digest, sentences) on the worker processes,
            # leaving the single writer only the storing
            prepared = tuple(await self._in_cpu(prepare, tuple(articles)))
            articles = []
        title = feed.title or next((i.article.source for i in parsed if i.article.source), None)
        update = FeedUpdate(
            feed.id,
            now,
            status=response.status,
            etag=response.etag,
            last_modified=response.last_modified,
            url=response.moved_to,
            title=title,
            html_url=home,
            articles=tuple(articles) + re_articles,
            items=tuple(items) + re_items,
            prepared=prepared,
        )
        result = FeedResult(
            feed,
            new=counts["new"],
            updated=counts["updated"] + re_result.updated,
            unchanged=counts["unchanged"],
            trivial=counts["trivial"] + re_result.trivial,
        )
        return update, result

    async def _full_texts(
        self, pages: list[tuple[Item, ItemState | None]]
    ) -> list[tuple[Item, ItemState | None, Item, bool]]:
        """Each teaser with the item built from its linked page: the teaser itself when the
        page is no longer than it, or when the page could not be had (then ``True``)."""
        gate = asyncio.Semaphore(PAGE_CONCURRENCY)

        async def one(teaser: Item) -> Item | None:
            async with gate:
                return await self._page_item(teaser)

        fulls = await asyncio.gather(*(one(teaser) for teaser, _ in pages))
        return [
            (t, o, t if f is None else f, f is None) for (t, o), f in zip(pages, fulls, strict=True)
        ]

    async def _page_item(self, teaser: Item) -> Item | None:
        """The teaser with its body replaced by the main text of its page, when that is longer;
        ``None`` when the page could not be fetched or read."""
        url = teaser.article.url
        assert url is not None
        try:
            response = await self.fetcher.fetch(
                url, max_bytes=self.settings.max_page_bytes, accept=PAGE_ACCEPT
            )
            page = await self._in_cpu(_extract_page, response.body, response.url)
        except (FeedError, InputError):
            return None  # the summary is still worth keeping; the page is tried again later
        if len(page.body.split()) <= len(teaser.article.body.split()):
            return teaser
        full = replace(teaser.article, body=page.body, boilerplate=page.boilerplate)
        return replace(Item.of(full), key=teaser.key)

    async def _recheck(
        self, feed: Feed, now: datetime
    ) -> tuple[FeedResult, tuple[Article, ...], tuple[ItemState, ...]]:
        """Re-fetch the pages of items that are due (see :mod:`.schedule`)."""
        if not feed.full_text:
            return FeedResult(feed), (), ()
        due = await self._in_db(self.store.due_items, feed.id, now)
        due = tuple(item for item in due if item.url)[:MAX_RECHECKS_PER_FEED]
        if not due:
            return FeedResult(feed), (), ()
        teasers = [
            replace(
                Item.of(
                    Article(
                        title=item.title,
                        body="",
                        source=feed.title,
                        url=item.url,
                        published=item.published,
                        input_id=item.guid,
                        origin="feed",
                    )
                ),
                key=item.guid,
            )
            for item in due
        ]
        fulls = await self._full_texts([(t, i) for t, i in zip(teasers, due, strict=True)])
        counts = {"updated": 0, "trivial": 0, "unchanged": 0, "new": 0}
        articles: list[Article] = []
        items: list[ItemState] = []
        for teaser, old, full, _failed in fulls:
            assert old is not None
            if full is teaser:  # page gone or unreadable: try again later
                items.append(replace(old, last_checked=now, next_check=_next(old, now)))
                continue
            change = classify(old, full)
            counts[change] += 1
            items.append(_state(full, old, now, change, page=True))
            if change == "updated":
                articles.append(full.article)
        result = FeedResult(feed, updated=counts["updated"], trivial=counts["trivial"])
        return result, tuple(articles), tuple(items)


def _state(
    item: Item, old: ItemState | None, now: datetime, change: Change, *, page: bool
) -> ItemState:
    article = item.article
    first_seen = old.first_seen if old else now
    return ItemState(
        guid=item.key,
        url=article.url,
        title=article.title,
        published=article.published,
        content_hash=item.content_hash,
        words_hash=item.words_hash,
        first_seen=first_seen,
        last_checked=now,
        next_check=next_check(first_seen, article.published, now) if page else None,
        page=page,
        revisions=(old.revisions if old else 0) + (change == "updated"),
        trivial_edits=(old.trivial_edits if old else 0) + (change == "trivial"),
    )


def _next(old: ItemState, now: datetime) -> datetime | None:
    return next_check(old.first_seen, old.published, now)


def _parse_feed(data: bytes, name: str) -> tuple[list[Item], str | None]:
    """Parse in a worker, and hash there too: the loop's process only compares hashes.
    Returns the items and the site the feed names (an http(s) URL, or ``None``)."""
    from newsreader.core.boilerplate import mark_boilerplate
    from newsreader.ingest.feeds import parse_feed_document

    articles, home = parse_feed_document(data, name)
    try:
        home = check_url(home) if home else None
    except FeedError:
        home = None
    # Boilerplate is marked per feed, where a footer repeated under every item shows up.
    return [Item.of(article) for article in mark_boilerplate(articles)], home


def _extract_page(data: bytes, url: str) -> Article:
    from newsreader.core.boilerplate import mark_boilerplate
    from newsreader.ingest.html import extract_html

    return mark_boilerplate([extract_html(data, url, name=url, origin="feed")])[0]


class _Budget:
    """At most ``limit`` units (bytes of feed documents) in the pipeline; one holder always
    gets through, however large, so a big feed waits for the others rather than for ever."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._changed = asyncio.Condition()

    @asynccontextmanager
    async def hold(self, units: int) -> AsyncIterator[None]:
        async with self._changed:
            await self._changed.wait_for(lambda: self.used == 0 or self.used + units <= self.limit)
            self.used += units
        try:
            yield
        finally:
            async with self._changed:
                self.used -= units
                self._changed.notify_all()


def _progress(result: FeedResult, done: int, total: int) -> FeedProgress:
    feed = result.feed
    if result.error is not None:
        return FeedProgress(done, total, feed.url, feed.title, "failed", error=result.error)
    state: ProgressState = "not_modified" if result.not_modified else "ok"
    return FeedProgress(
        done, total, feed.url, feed.title, state, new=result.new, updated=result.updated
    )


def _summary(results: Sequence[FeedResult], cancelled: bool) -> FetchSummary:
    failed = tuple((r.feed.url, r.error) for r in results if r.error is not None)
    return FetchSummary(
        new=sum(r.new for r in results),
        updated=sum(r.updated for r in results),
        unchanged=sum(r.unchanged for r in results),
        trivial=sum(r.trivial for r in results),
        failed=failed,
        feeds_ok=len(results) - len(failed),
        feeds_failed=len(failed),
        cancelled=cancelled,
        not_modified=sum(r.not_modified for r in results),
    )
