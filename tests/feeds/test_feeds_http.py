"""The fetcher against a loopback server: conditional GET, retries, redirects, caps, timeouts."""

from __future__ import annotations

import gzip
import zlib

import pytest
from feeds_server import FeedServer, Reply

from newsreader.errors import FeedError
from newsreader.feeds.http import Fetcher, FetchSettings, check_url

DOC = b"<rss version='2.0'><channel><title>T</title></channel></rss>"


async def fetch(settings: FetchSettings, url: str, **kw: object):
    async with Fetcher(settings) as fetcher:
        return await fetcher.fetch(url, **kw)  # type: ignore[arg-type]


async def test_plain_get_returns_body_and_validators(server: FeedServer, settings) -> None:
    server.serve("/a.xml", DOC, etag='"v1"', last_modified="Mon, 23 Nov 2026 10:00:00 GMT")
    response = await fetch(settings, server.url("/a.xml"))
    assert response.status == 200
    assert response.body == DOC
    assert response.etag == '"v1"'
    assert response.last_modified == "Mon, 23 Nov 2026 10:00:00 GMT"


async def test_matching_etag_gives_304_without_body(server: FeedServer, settings) -> None:
    server.serve("/a.xml", DOC, etag='"v1"')
    response = await fetch(settings, server.url("/a.xml"), etag='"v1"')
    assert response.status == 304
    assert response.body == b""
    assert server.requests[-1].headers["if-none-match"] == '"v1"'


async def test_last_modified_gives_304(server: FeedServer, settings) -> None:
    stamp = "Mon, 23 Nov 2026 10:00:00 GMT"
    server.serve("/a.xml", DOC, last_modified=stamp)
    response = await fetch(settings, server.url("/a.xml"), last_modified=stamp)
    assert response.status == 304


async def test_gzip_body_is_decompressed(server: FeedServer, settings) -> None:
    server.serve("/a.xml", DOC, compress=True)
    response = await fetch(settings, server.url("/a.xml"))
    assert response.body == DOC
    assert "gzip" in server.requests[-1].headers["accept-encoding"]


async def test_raw_deflate_body_is_decompressed(server: FeedServer, settings) -> None:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw = packer.compress(DOC) + packer.flush()
    server.routes["/d.xml"] = Reply(200, raw, {"Content-Encoding": "deflate"})
    assert (await fetch(settings, server.url("/d.xml"))).body == DOC


async def test_server_error_is_retried_then_succeeds(server: FeedServer, settings) -> None:
    answers = iter([Reply(500, b"oops"), Reply(200, DOC)])
    server.routes["/flaky.xml"] = lambda request: next(answers)
    response = await fetch(settings, server.url("/flaky.xml"))
    assert response.body == DOC
    assert server.hits["/flaky.xml"] == 2


async def test_persistent_server_error_fails_with_status(server: FeedServer, settings) -> None:
    server.routes["/down.xml"] = Reply(503, b"down")
    with pytest.raises(FeedError, match=r"server error \(HTTP 503\) \(after 2 tries\)") as info:
        await fetch(settings, server.url("/down.xml"))
    assert info.value.status == 503  # type: ignore[attr-defined]
    assert server.hits["/down.xml"] == 2


async def test_not_found_is_not_retried(server: FeedServer, settings) -> None:
    with pytest.raises(FeedError, match="HTTP 404"):
        await fetch(settings, server.url("/missing.xml"))
    assert server.hits["/missing.xml"] == 1


async def test_slow_server_times_out(server: FeedServer, settings) -> None:
    server.routes["/slow.xml"] = Reply(200, DOC, delay=1.5)
    with pytest.raises(FeedError, match="timed out"):
        await fetch(settings, server.url("/slow.xml"))


async def test_trickling_server_hits_the_deadline(server: FeedServer, settings) -> None:
    # each chunk arrives well within the read timeout, but the whole body never does in time
    server.routes["/drip.xml"] = Reply(200, b"x" * 4000, trickle=0.02)
    with pytest.raises(FeedError, match=r"timed out after 1 s"):
        await fetch(settings, server.url("/drip.xml"))


async def test_permanent_redirect_reports_new_address(server: FeedServer, settings) -> None:
    server.routes["/old.xml"] = Reply(301, b"", {"Location": "/new.xml"})
    server.serve("/new.xml", DOC)
    response = await fetch(settings, server.url("/old.xml"))
    assert response.body == DOC
    assert response.moved_to == server.url("/new.xml")


async def test_temporary_redirect_keeps_address(server: FeedServer, settings) -> None:
    server.routes["/old.xml"] = Reply(301, b"", {"Location": "/mid.xml"})
    server.routes["/mid.xml"] = Reply(302, b"", {"Location": "/new.xml"})
    server.serve("/new.xml", DOC)
    response = await fetch(settings, server.url("/old.xml"))
    assert response.body == DOC
    assert response.moved_to is None


async def test_redirect_loop_is_refused(server: FeedServer, settings) -> None:
    server.routes["/a.xml"] = Reply(302, b"", {"Location": "/b.xml"})
    server.routes["/b.xml"] = Reply(302, b"", {"Location": "/a.xml"})
    with pytest.raises(FeedError, match="redirect loop"):
        await fetch(settings, server.url("/a.xml"))


async def test_endless_redirects_stop_at_the_cap(server: FeedServer, settings) -> None:
    for i in range(10):
        server.routes[f"/r{i}"] = Reply(302, b"", {"Location": f"/r{i + 1}"})
    with pytest.raises(FeedError, match="too many redirects"):
        await fetch(settings, server.url("/r0"))
    assert server.hits["/r4"] == 0  # cap 3: r0 -> r1 -> r2 -> r3, then stop


async def test_redirect_to_other_scheme_is_refused(server: FeedServer, settings) -> None:
    server.routes["/a.xml"] = Reply(302, b"", {"Location": "file:///etc/passwd"})
    with pytest.raises(FeedError, match="non-http"):
        await fetch(settings, server.url("/a.xml"))


async def test_gzip_bomb_stops_at_the_size_cap(server: FeedServer, settings) -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024), compresslevel=9)  # 64 MB inflated
    assert len(bomb) < 100 * 1024
    server.routes["/bomb.xml"] = Reply(200, bomb, {"Content-Encoding": "gzip"})
    with pytest.raises(FeedError, match="larger than the 256 KB limit"):
        await fetch(settings, server.url("/bomb.xml"))


async def test_huge_plain_response_stops_at_the_cap(server: FeedServer, settings) -> None:
    server.routes["/huge.xml"] = Reply(200, b"<rss>" + b"a" * (1024 * 1024))
    with pytest.raises(FeedError, match="larger than"):
        await fetch(settings, server.url("/huge.xml"))


async def test_corrupt_gzip_is_a_clear_error(server: FeedServer, settings) -> None:
    server.routes["/bad.xml"] = Reply(200, b"\x1f\x8bnot really gzip", {"Content-Encoding": "gzip"})
    with pytest.raises(FeedError, match="corrupt gzip"):
        await fetch(settings, server.url("/bad.xml"))


async def test_connection_refused_is_a_clear_error(settings) -> None:
    with pytest.raises(FeedError, match="cannot connect"):
        await fetch(settings, "http://127.0.0.1:9/feed.xml")


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.invalid/feed", "javascript:alert(1)", "feed.xml"]
)
def test_only_http_urls_are_accepted(url: str) -> None:
    with pytest.raises(FeedError, match="only http and https"):
        check_url(url)


async def test_per_host_limit_serialises_requests(server: FeedServer) -> None:
    import asyncio
    import threading

    active = 0
    peak = 0
    lock = threading.Lock()

    def slowish(request):
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        import time

        time.sleep(0.05)
        with lock:
            active -= 1
        return Reply(200, DOC)

    for i in range(6):
        server.routes[f"/f{i}.xml"] = slowish
    polite = FetchSettings(per_host=2, host_interval=0.0, trust_env=False)
    async with Fetcher(polite) as fetcher:
        await asyncio.gather(*(fetcher.fetch(server.url(f"/f{i}.xml")) for i in range(6)))
    assert peak == 2
