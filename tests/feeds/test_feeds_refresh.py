"""A fetch run end to end against the loopback server, with the feed tables in SQLite and the
library import recorded: what gets imported, what is announced, what is left untouched."""

from __future__ import annotations

import asyncio
import gzip
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from feeds_fixtures import Item, page, rss, story
from feeds_server import FeedServer, Reply

from newsreader.core.model import Article
from newsreader.feeds.http import FetchSettings
from newsreader.feeds.model import FetchSummary
from newsreader.feeds.refresh import refresh
from newsreader.store.feeds import SCHEMA, FeedStore

T0 = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)


class Library:
    """The feed tables in a file, and every article the run hands to the library's import."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.imported: list[Article] = []
        conn = sqlite3.connect(path, isolation_level=None)
        conn.executescript(SCHEMA)
        conn.close()

    def _import(self, articles) -> None:
        self.imported.extend(articles)

    def open(self) -> FeedStore:
        conn = sqlite3.connect(self.path, isolation_level=None)
        return FeedStore(conn, self._import, on_close=conn.close)

    def add(self, url: str, **kw) -> int:
        store = self.open()
        try:
            return store.add_feed(url, now=T0, **kw).id
        finally:
            store.close()

    def feed(self, feed_id: int):
        store = self.open()
        try:
            return store.feed(feed_id)
        finally:
            store.close()

    def items(self, feed_id: int):
        store = self.open()
        try:
            return store.item_states(feed_id)
        finally:
            store.close()

    async def fetch(self, settings: FetchSettings, *, now: datetime = T0, **kw) -> FetchSummary:
        return await refresh(self.open, settings=settings, clock=lambda: now, **kw)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    return Library(tmp_path / "library.sqlite3")


def stories(server: FeedServer, *indexes: int, **kw) -> list[Item]:
    return [story(i, base=f"http://127.0.0.1:{server.port}", **kw) for i in indexes]


async def test_first_fetch_imports_every_item(server, settings, lib) -> None:
    server.serve("/feed.xml", rss(stories(server, 0, 1, 2)), etag='"a"')
    feed_id = lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    assert (summary.new, summary.updated, summary.feeds_ok, summary.feeds_failed) == (3, 0, 1, 0)
    assert [a.input_id for a in lib.imported] == ["carrowmore-0", "carrowmore-1", "carrowmore-2"]
    assert all(a.origin == "feed" for a in lib.imported)
    feed = lib.feed(feed_id)
    assert feed.title == "Carrowmore Courier"
    assert feed.etag == '"a"'
    assert feed.last_status == 200 and feed.last_error is None


async def test_unchanged_feed_answers_304_and_costs_nothing(server, settings, lib) -> None:
    server.serve("/feed.xml", rss(stories(server, 0, 1)), etag='"a"')
    lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    summary = await lib.fetch(settings)
    assert (summary.new, summary.updated, summary.feeds_ok) == (0, 0, 1)
    assert server.requests[-1].headers["if-none-match"] == '"a"'
    assert len(lib.imported) == 2


async def test_last_modified_alone_gives_304(server, settings, lib) -> None:
    stamp = "Mon, 23 Nov 2026 09:00:00 GMT"
    server.serve("/feed.xml", rss(stories(server, 0)), last_modified=stamp)
    feed_id = lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    await lib.fetch(settings)
    assert server.requests[-1].headers["if-modified-since"] == stamp
    assert lib.feed(feed_id).last_status == 304
    assert len(lib.imported) == 1


async def test_only_new_items_are_imported(server, settings, lib) -> None:
    server.serve("/feed.xml", rss(stories(server, 0, 1)), etag='"a"')
    lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    server.serve("/feed.xml", rss(stories(server, 2, 0, 1)), etag='"b"')
    summary = await lib.fetch(settings)
    assert (summary.new, summary.unchanged) == (1, 2)
    assert [a.input_id for a in lib.imported[2:]] == ["carrowmore-2"]


async def test_edited_article_becomes_a_revision(server, settings, lib) -> None:
    server.serve("/feed.xml", rss(stories(server, 0, 1)), etag='"a"')
    feed_id = lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    edited = stories(server, 1) + stories(server, 0, n=75)  # a new figure in item 0
    server.serve("/feed.xml", rss(edited), etag='"b"')
    summary = await lib.fetch(settings)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 1, 1)
    before, after = lib.imported[0], lib.imported[-1]
    assert after.input_id == before.input_id == "carrowmore-0"
    assert after.url == before.url
    assert "75 thousand" in after.body and "40 thousand" in before.body
    assert lib.items(feed_id)["carrowmore-0"].revisions == 1


async def test_punctuation_edit_is_trivial_and_not_imported(server, settings, lib) -> None:
    server.serve("/feed.xml", rss(stories(server, 0)), etag='"a"')
    feed_id = lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    item = stories(server, 0)[0]
    assert item.content is not None
    retouched = replace(
        item,
        content=item.content.replace(" evening.", " evening!").replace(
            "Residents who", "Residents  who"
        ),
    )
    server.serve("/feed.xml", rss([retouched]), etag='"b"')
    summary = await lib.fetch(settings)
    assert (summary.new, summary.updated, summary.trivial) == (0, 0, 1)
    assert len(lib.imported) == 1
    state = lib.items(feed_id)["carrowmore-0"]
    assert state.trivial_edits == 1 and state.revisions == 0


async def test_server_error_is_retried_within_the_run(server, settings, lib) -> None:
    answers = iter([Reply(500, b"busy"), Reply(200, rss(stories(server, 0)))])
    server.routes["/feed.xml"] = lambda request: next(answers)
    lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    assert summary.new == 1 and summary.feeds_failed == 0


async def test_permanent_redirect_updates_the_stored_url(server, settings, lib) -> None:
    server.routes["/old.xml"] = Reply(301, b"", {"Location": "/new.xml"})
    server.serve("/new.xml", rss(stories(server, 0)))
    feed_id = lib.add(server.url("/old.xml"))
    await lib.fetch(settings)
    assert lib.feed(feed_id).url == server.url("/new.xml")


async def test_failures_are_per_feed_and_touch_nothing_stored(server, settings, lib) -> None:
    good = lib.add(server.url("/good.xml"))
    bad_ids = {}
    for path in ("/slow.xml", "/loop.xml", "/bomb.xml", "/page.html", "/junk.xml", "/gone.xml"):
        server.serve(path, rss(stories(server, 3)), etag='"v1"')
        bad_ids[path] = lib.add(server.url(path))
    server.serve("/good.xml", rss(stories(server, 0)))
    await lib.fetch(settings)
    states_before = {path: lib.items(i) for path, i in bad_ids.items()}
    imported_before = len(lib.imported)

    server.serve("/good.xml", rss(stories(server, 1, 0)))
    server.routes["/slow.xml"] = Reply(200, rss(stories(server, 4)), delay=1.5)
    server.routes["/loop.xml"] = Reply(302, b"", {"Location": "/loop.xml?again"})
    server.routes["/loop.xml?again"] = Reply(302, b"", {"Location": "/loop.xml"})
    bomb = gzip.compress(b"<rss>" + b" " * (32 * 1024 * 1024))
    server.routes["/bomb.xml"] = Reply(200, bomb, {"Content-Encoding": "gzip"})
    server.routes["/page.html"] = Reply(
        200, page("Carrowmore Courier", "Welcome to our site."), {"Content-Type": "text/html"}
    )
    server.routes["/junk.xml"] = Reply(200, b"\x89PNG this is no feed <<<", {})
    server.routes["/gone.xml"] = Reply(410, b"gone")
    summary = await lib.fetch(settings)

    assert summary.feeds_ok == 1 and summary.new == 1
    reasons = dict(summary.failed)
    assert "timed out" in reasons[server.url("/slow.xml")]
    assert "redirect loop" in reasons[server.url("/loop.xml")]
    assert "larger than" in reasons[server.url("/bomb.xml")]
    assert "not a feed" in reasons[server.url("/page.html")]
    assert reasons[server.url("/junk.xml")].startswith("not")
    assert "HTTP 410" in reasons[server.url("/gone.xml")]
    assert len(lib.imported) == imported_before + 1
    for path, feed_id in bad_ids.items():
        feed = lib.feed(feed_id)
        assert feed.etag == '"v1"', path  # validators kept: the next fetch is still conditional
        assert feed.last_error == reasons[server.url(path)]
        assert lib.items(feed_id) == states_before[path]
    assert lib.feed(good).last_error is None


async def test_teaser_item_gets_the_text_of_its_page(server, settings, lib) -> None:
    full = stories(server, 0)[0]
    teaser = replace(full, content=None, summary="The ferry will run a winter timetable.")
    server.serve("/feed.xml", rss([teaser]))
    server.serve("/news/0.html", page(full.title, full.content or ""), content_type="text/html")
    feed_id = lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    assert summary.new == 1
    assert "Councillor Aoife Brennan" in lib.imported[0].body
    assert lib.items(feed_id)["carrowmore-0"].page


async def test_full_text_off_keeps_the_summary(server, settings, lib) -> None:
    full = stories(server, 0)[0]
    teaser = replace(full, content=None, summary="The ferry will run a winter timetable.")
    server.serve("/feed.xml", rss([teaser]))
    server.serve("/news/0.html", page(full.title, full.content or ""), content_type="text/html")
    lib.add(server.url("/feed.xml"), full_text=False)
    await lib.fetch(settings)
    assert lib.imported[0].body == "The ferry will run a winter timetable."
    assert server.hits["/news/0.html"] == 0


async def test_edited_page_is_found_on_recheck_and_backs_off(server, settings, lib) -> None:
    full = stories(server, 0)[0]
    teaser = replace(full, content=None, summary="The ferry will run a winter timetable.")
    server.serve("/feed.xml", rss([teaser]), etag='"f"')
    server.serve("/news/0.html", page(full.title, full.content or ""), content_type="text/html")
    feed_id = lib.add(server.url("/feed.xml"))
    await lib.fetch(settings, now=T0)
    first = lib.items(feed_id)["carrowmore-0"]
    assert first.next_check == T0 + timedelta(minutes=15)  # fresh item: soon

    await lib.fetch(settings, now=T0 + timedelta(minutes=5))  # not due yet
    assert server.hits["/news/0.html"] == 1

    edited = stories(server, 0, extra="Update: the first winter sailing leaves at nine.")[0]
    server.serve("/news/0.html", page(full.title, edited.content or ""), content_type="text/html")
    later = T0 + timedelta(hours=2)
    summary = await lib.fetch(settings, now=later)  # the feed itself answers 304
    assert summary.updated == 1
    assert "first winter sailing" in lib.imported[-1].body
    state = lib.items(feed_id)["carrowmore-0"]
    assert state.revisions == 1
    assert state.next_check == later + timedelta(hours=1)  # hours old now: less often

    await lib.fetch(settings, now=T0 + timedelta(days=4))
    assert lib.items(feed_id)["carrowmore-0"].next_check is None  # old enough to leave alone


async def test_cancelling_stops_the_run(server, settings, lib) -> None:
    for i in range(4):
        server.routes[f"/f{i}.xml"] = Reply(200, rss(stories(server, i)), delay=0.4)
        lib.add(server.url(f"/f{i}.xml"))
    summary = await lib.fetch(replace(settings, concurrency=1), cancelled=lambda: True)
    assert summary.cancelled
    assert summary.feeds_ok < 4


async def test_progress_reports_every_feed(server, settings, lib) -> None:
    for i in range(3):
        server.serve(f"/f{i}.xml", rss(stories(server, i)))
        lib.add(server.url(f"/f{i}.xml"))
    events = []
    await lib.fetch(settings, progress=events.append)
    finished = [e for e in events if e.state != "fetching"]
    assert [e.done for e in finished] == [1, 2, 3]
    assert all(e.total == 3 and e.state == "ok" for e in finished)


async def test_hostile_item_is_stored_clean_and_literal(server, settings, lib) -> None:
    item = stories(server, 0)[0]
    hostile = replace(
        item,
        title="\x1b]0;pwned\x07\x1b[2J[bold red]Alarm[/bold red] in the harbour",
        content=(item.content or "") + "\n\nCall \x1b[31mnow\x1b[0m \u202e[link=x]here[/link].",
    )
    server.serve("/feed.xml", rss([hostile]))
    lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    assert summary.new == 1
    (article,) = lib.imported
    assert article.title == "[bold red]Alarm[/bold red] in the harbour"
    assert "\x1b" not in article.body and "\u202e" not in article.body
    assert "Call now [link=x]here[/link]." in article.body


async def test_html_in_titles_becomes_text(server, settings, lib) -> None:
    item = replace(stories(server, 0)[0], title="<b>Ferry</b> &amp; <i>timetable</i>")
    server.serve("/feed.xml", rss([item]))
    lib.add(server.url("/feed.xml"))
    await lib.fetch(settings)
    assert lib.imported[0].title == "Ferry & timetable"


async def test_feed_in_the_wrong_encoding_still_reads(server, settings, lib) -> None:
    item = replace(stories(server, 0)[0], title="Café reopens on the quay")
    data = rss([item]).replace(b"Caf\xc3\xa9", b"Caf\xe9")  # Latin-1 bytes, declared UTF-8
    server.routes["/feed.xml"] = Reply(200, data, {"Content-Type": "application/rss+xml"})
    lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    assert summary.feeds_failed == 0
    assert lib.imported[0].title == "Café reopens on the quay"


async def test_malformed_xml_is_a_clear_error(server, settings, lib) -> None:
    server.routes["/feed.xml"] = Reply(200, b"<?xml version='1.0'?><rss><<channel>>&&</rss", {})
    lib.add(server.url("/feed.xml"))
    summary = await lib.fetch(settings)
    ((url, reason),) = summary.failed
    assert url == server.url("/feed.xml")
    assert reason.startswith("not valid XML")
    assert lib.imported == []


async def test_library_failure_stops_the_run_without_hanging(server, settings, lib) -> None:
    from newsreader.errors import LibraryError

    for i in range(5):
        server.serve(f"/f{i}.xml", rss(stories(server, i)))
        lib.add(server.url(f"/f{i}.xml"))

    def broken(articles) -> None:
        raise LibraryError("library.sqlite3 is read-only")

    lib._import = broken  # type: ignore[method-assign]
    with pytest.raises(LibraryError, match="read-only"):
        await asyncio.wait_for(lib.fetch(settings), 10)
    assert all(lib.feed(i + 1).last_fetch is None for i in range(5))  # nothing half-written


def test_pipeline_budget_holds_back_feeds_but_never_a_lone_big_one() -> None:
    import asyncio

    from newsreader.feeds.refresh import _Budget

    async def scenario() -> list[str]:
        budget = _Budget(10)
        log: list[str] = []

        async def feed(name: str, size: int, work: float) -> None:
            async with budget.hold(size):
                log.append(f"{name} in ({budget.used})")
                await asyncio.sleep(work)
            log.append(f"{name} out")

        await asyncio.gather(feed("a", 8, 0.05), feed("b", 5, 0.01), feed("c", 2, 0.01))
        await feed("huge", 50, 0)  # bigger than the budget: alone, it passes
        return log

    log = asyncio.run(scenario())
    assert log.index("b in (5)") > log.index("a out")  # 8 + 5 > 10: b waited for a
    assert "c in (10)" in log  # 8 + 2 fits: c went alongside a
    assert "huge in (50)" in log


async def test_a_page_that_failed_is_fetched_again_later(server, settings, lib) -> None:
    full = stories(server, 0)[0]
    teaser = replace(full, content=None, summary="The ferry will run a winter timetable.")
    server.serve("/feed.xml", rss([teaser]), etag='"f"')
    server.routes["/news/0.html"] = Reply(503, b"busy", {"Content-Type": "text/html"})
    feed_id = lib.add(server.url("/feed.xml"))
    first = await lib.fetch(settings, now=T0)
    assert first.new == 1
    assert lib.imported[-1].body == "The ferry will run a winter timetable."  # summary kept
    state = lib.items(feed_id)["carrowmore-0"]
    assert not state.page and state.next_check == T0 + timedelta(minutes=15)

    server.serve("/news/0.html", page(full.title, full.content or ""), content_type="text/html")
    later = await lib.fetch(settings, now=T0 + timedelta(minutes=20))  # the feed answers 304
    assert later.updated == 1
    assert "Councillor Aoife Brennan" in lib.imported[-1].body
    assert lib.items(feed_id)["carrowmore-0"].page
