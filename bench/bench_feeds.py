"""Benchmark: fetch 200 feeds of 50 items each from a local server, then fetch again (all 304).

    python bench/bench_feeds.py [--feeds 200] [--items 50] [--runs 3] [--store library|feeds]

The server runs in a child process (so it does not share our GIL), listens on 20 loopback
addresses (127.0.0.2-21, ten feeds per host, default politeness settings apply) and serves
generated RSS with full-text items and ETags. Each run starts from an empty library file.
Reported: median wall time of the full fetch and of the second, all-304 fetch, and the peak
resident memory of a run at several item counts (each in a fresh process), which should stay
flat as items grow. ``--store feeds`` replaces the library import by a counter, to time the
feed side alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

HOSTS = tuple(f"127.0.0.{i}" for i in range(2, 22))
WORDS = (
    "council harbour ferry budget school bridge market winter storm road police hospital "
    "minister river train station election mayor farmers festival library court strike "
    "museum airport energy housing water fire rescue coast island museum report plan"
).split()


def feed_document(feed: int, items: int) -> bytes:
    rng = random.Random(feed)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>Bench outlet {feed}</title><link>http://bench/{feed}</link>",
    ]
    for item in range(items):
        sentences = []
        for s in range(14):
            words = rng.sample(WORDS, 9)
            sentences.append(f"The {' '.join(words)} said {rng.randint(2, 9999)} people on {s}.")
        body = "".join(f"<p>{escape(' '.join(sentences[i : i + 3]))}</p>" for i in range(0, 14, 3))
        title = " ".join(rng.sample(WORDS, 6)).capitalize()
        parts.append(
            f"<item><title>{title} {feed}-{item}</title><guid>bench-{feed}-{item}</guid>"
            f"<link>http://bench.invalid/{feed}/{item}</link>"
            f"<pubDate>Mon, 23 Nov 2026 09:00:00 GMT</pubDate>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


# -- the server (child process) ------------------------------------------------------------


def serve(feeds: int, items: int, port_file: str) -> None:
    docs = {f"/feed/{i}.xml": feed_document(i, items) for i in range(feeds)}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                headers = {
                    k.strip().lower(): v.strip()
                    for k, _, v in (line.partition(":") for line in lines[1:] if line)
                }
                doc = docs.get(path)
                etag = f'"{path}-v1"'
                if doc is None:
                    status, body, extra = "404 Not Found", b"", ""
                elif headers.get("if-none-match") == etag:
                    status, body, extra = "304 Not Modified", b"", f"ETag: {etag}\r\n"
                else:
                    status, body = "200 OK", doc
                    extra = f"ETag: {etag}\r\nContent-Type: application/rss+xml\r\n"
                writer.write(
                    f"HTTP/1.1 {status}\r\n{extra}Content-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        first = await asyncio.start_server(handle, host=HOSTS[0], port=0)
        port = first.sockets[0].getsockname()[1]  # the same port on every other address
        others = [await asyncio.start_server(handle, host=h, port=port) for h in HOSTS[1:]]
        Path(port_file).write_text(str(port))
        await asyncio.gather(*(s.serve_forever() for s in (first, *others)))

    asyncio.run(main())


# -- one run (child process, for a clean peak-memory figure) ---------------------------------


def run_once(port: int, feeds: int, items: int, store_kind: str) -> dict[str, float]:
    from newsreader.feeds.http import FetchSettings
    from newsreader.feeds.refresh import refresh, utc_now
    from newsreader.store.feeds import SCHEMA, FeedStore

    settings = FetchSettings(trust_env=False)
    urls = [f"http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}.xml" for i in range(feeds)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        if store_kind == "library":
            from newsreader.feeds.service import add_feed, open_store

            for url in urls:
                add_feed(db, url)

            def opener() -> FeedStore:
                return open_store(db)

        else:
            import sqlite3

            imported = [0]

            def count(articles: object) -> None:
                imported[0] += len(articles)  # type: ignore[arg-type]

            conn = sqlite3.connect(db, isolation_level=None)
            conn.executescript(SCHEMA)
            setup = FeedStore(conn, count)
            for url in urls:
                setup.add_feed(url, now=utc_now())
            conn.close()

            def opener() -> FeedStore:
                c = sqlite3.connect(db, isolation_level=None)
                return FeedStore(c, count, on_close=c.close)

        t0 = time.perf_counter()
        first = asyncio.run(refresh(opener, settings=settings))
        t1 = time.perf_counter()
        second = asyncio.run(refresh(opener, settings=settings))
        t2 = time.perf_counter()
    assert first.feeds_failed == 0, first.failed[:3]
    assert first.new == feeds * items, first
    assert second.new == 0 and second.feeds_ok == feeds, second
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"full": t1 - t0, "not_modified": t2 - t1, "peak_mb": peak_kb / 1024}


def child(port: int, feeds: int, items: int, store_kind: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(port), str(feeds), str(items), store_kind],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_server(feeds: int, items: int) -> tuple[subprocess.Popen[bytes], int]:
    port_file = tempfile.mktemp(prefix="bench-feeds-port-")
    proc = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(feeds), str(items), port_file]
    )
    for _ in range(600):
        if os.path.exists(port_file) and Path(port_file).read_text():
            port = int(Path(port_file).read_text())
            os.unlink(port_file)
            return proc, port
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the bench server did not start")


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
        return
    if sys.argv[1:2] == ["--child"]:
        port, feeds, items = map(int, sys.argv[2:5])
        print(json.dumps(run_once(port, feeds, items, sys.argv[5])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--store", choices=("library", "feeds"), default="library")
    parser.add_argument("--memory-items", default="10,50,100")
    args = parser.parse_args()

    print(f"{os.cpu_count()} CPUs; {args.feeds} feeds on {len(HOSTS)} loopback hosts")
    proc, port = start_server(args.feeds, args.items)
    try:
        runs = [child(port, args.feeds, args.items, args.store) for _ in range(args.runs)]
    finally:
        proc.kill()
    full = statistics.median(r["full"] for r in runs)
    again = statistics.median(r["not_modified"] for r in runs)
    print(f"store={args.store}  {args.feeds} feeds x {args.items} items, {args.runs} runs")
    print(f"  full fetch       median {full:6.2f} s   (target < 10 s)")
    print(f"  all-304 refetch  median {again:6.2f} s   (target < 2 s)")
    for n in (int(x) for x in args.memory_items.split(",") if x):
        proc, port = start_server(args.feeds, n)
        try:
            r = child(port, args.feeds, n, args.store)
        finally:
            proc.kill()
        print(
            f"  peak RSS with {n:3d} items/feed: {r['peak_mb']:6.1f} MB  (full {r['full']:.2f} s)"
        )


if __name__ == "__main__":
    main()
