"""Benchmark: the library's import speed and the reader's queries on a large library.

    python bench/bench_store.py                       # 10k-file import x3, 100k-article library
    python bench/bench_store.py --files 2000 --articles 20000 --runs 1     # a quick look
    python bench/bench_store.py --library /tmp/big.sqlite3   # keep (and reuse) the big library

Articles come from bench/synth.py (invented stories, several versions each, six background
sentences per body); generating them is not timed. Measured, each as the median of its runs:

* importing ``--files`` article files (plain text with a header block) into a new library,
  through ``Library.import_paths`` as ``newsreader import`` does: target < 60 s for 10,000;
* on a library of ``--articles`` articles (built with ``Library.import_articles``; its build
  time and peak memory are reported too), with tags on every tenth story:
  listing the newest 200 stories with counts and tags, also filtered by a lower-case part of
  an outlet's name (target < 50 ms), an FTS search
  (target < 100 ms), opening one story with a cached alignment: summary, versions, comparison
  and notes (target < 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

VERSIONS_PER_STORY = 3.5  # synth's mean for 1..6 versions
BODY_SENTENCES = 6
# Besides these, names drawn from the library's headlines. "election" is the worst case: the
# synthetic corpus mentions elections in most background paragraphs (about 70% of articles).
QUERIES = ("election", "protest*", '"polling stations"', "flood AND rescue", "court OR ruling")


def synth_articles(n: int, seed: int) -> list:
    from synth import generate

    items = generate(
        int(n / VERSIONS_PER_STORY * 1.1) + 1, seed=seed, body_sentences=BODY_SENTENCES
    )
    return [it.article for it in items[:n]]


def write_files(articles: list, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i, a in enumerate(articles):
        header = [f"Source: {a.source}"] if a.source else []
        if a.url:
            header.append(f"URL: {a.url}")
        if a.published:
            header.append(f"Published: {a.published}")
        text = "\n".join(header) + f"\n\n{a.title}\n\n{a.body}\n"
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm the page cache and the statement cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


_IMPORT_RUN = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[3])
from newsreader.store.library import Library

def main():
    with Library.open(sys.argv[1], author="bench", workers=1) as lib:
        t0 = time.perf_counter()
        summary = lib.import_paths([sys.argv[2]], parallel=True)
        seconds = time.perf_counter() - t0
        stories = lib.count_stories()
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({
        "seconds": seconds, "imported": summary.imported, "stories": stories,
        "rss_mb": me.ru_maxrss / 1024,
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
    }))

if __name__ == "__main__":
    main()
"""


def bench_file_import(n_files: int, runs: int, work: Path) -> dict[str, float]:
    """Import the files as ``newsreader import`` does, in a fresh process per run (so that its
    peak memory is the import's own)."""
    import subprocess

    folder = work / "files"
    write_files(synth_articles(n_files, seed=11), folder)
    script = work / "import_run.py"
    script.write_text(_IMPORT_RUN)
    results = []
    for run in range(runs):
        path = work / f"import-{run}.sqlite3"
        out = subprocess.run(
            [sys.executable, str(script), str(path), str(folder), str(HERE.parent / "src")],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results.append(json.loads(out))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    seconds = [r["seconds"] for r in results]
    return {
        "files": n_files,
        "imported": results[0]["imported"],
        "stories": results[0]["stories"],
        "runs": runs,
        "median_s": round(statistics.median(seconds), 2),
        "per_file_ms": round(statistics.median(seconds) / n_files * 1000, 2),
        "peak_rss_mb": round(max(r["rss_mb"] for r in results)),
        # CPU of the import and its preparation process: on a busy machine wall time is
        # mostly waiting for a core.
        "median_cpu_s": round(statistics.median(r["cpu_s"] for r in results), 2),
        "load_average": round(os.getloadavg()[0], 1),
    }


def build_library(path: Path, n_articles: int) -> dict[str, float]:
    from newsreader.store.library import Library

    articles = synth_articles(n_articles, seed=7)
    t0 = time.perf_counter()
    with Library.open(path, author="bench", workers=1) as lib:
        summary = lib.import_articles(articles)
        build_s = time.perf_counter() - t0
        for k, s in enumerate(lib.list_stories(limit=1_000_000)):
            if k % 10 == 0:
                lib.tag_story(s.id, ("politics", "weather", "courts", "follow-up")[k // 10 % 4])
    return {
        "articles": summary.imported + summary.updated,
        "build_s": round(build_s, 1),
        "build_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def bench_queries(path: Path, runs: int) -> dict[str, float]:
    from newsreader.store.library import Library

    out: dict[str, float] = {}
    with Library.open(path, author="bench", workers=1) as lib:
        out["stories"] = lib.count_stories()
        out["articles"] = lib.db.scalar("SELECT count(*) FROM articles")
        out["list_newest_200_ms"] = median_ms(lambda: lib.list_stories(limit=200), runs)
        out["list_unread_tag_200_ms"] = median_ms(
            lambda: lib.list_stories(tag="weather", unread=True, limit=200), runs
        )
        out["list_typed_filter_ms"] = median_ms(
            lambda: lib.list_stories(search="elect", limit=200), runs
        )
        # A part of an outlet's name in lower case, as a reader types it into "source:".
        part = lib.sources()[0].split()[-1].lower()
        out["list_source_part_200_ms"] = median_ms(
            lambda: lib.list_stories(source=part, limit=200), runs
        )
        out["count_stories_ms"] = median_ms(lib.count_stories, runs)
        queries = [*QUERIES, *names_in(lib)]
        per_query = {q: median_ms(lambda q=q: lib.search(q, limit=50), runs) for q in queries}
        out["search_ms"] = statistics.median(per_query.values())
        worst = max(per_query, key=per_query.__getitem__)
        out["search_worst_ms"] = per_query[worst]
        out["search_worst_query"] = worst
        out["search_worst_matches"] = lib.db.scalar(
            "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", (worst,)
        )
        biggest = [s.id for s in lib.list_stories(sort="versions", limit=10)]
        for sid in biggest:
            lib.comparison(sid)  # compute and cache (not timed)

        def open_story(sid: int) -> None:
            lib.story(sid)
            lib.articles(sid)
            lib.comparison(sid)
            lib.notes(sid)

        opens = [median_ms(lambda sid=sid: open_story(sid), runs) for sid in biggest]
        out["open_story_ms"] = statistics.median(opens)
        out["open_story_versions"] = lib.story(biggest[0]).versions
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in out.items()}


def names_in(lib: object) -> list[str]:
    """Two invented names from headlines of the library (a person or place, and a phrase)."""
    from newsreader.store.library import Library

    assert isinstance(lib, Library)
    stories = lib.list_stories(sort="oldest", limit=1000)
    names = []
    for s in stories[::250]:
        words = [w for w in s.title.split()[1:] if w[:1].isupper() and w.isalpha()]
        if words:
            names.append(words[0])
    return names[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="files to import (0: skip)")
    parser.add_argument("--articles", type=int, default=100_000, help="size of the big library")
    parser.add_argument("--runs", type=int, default=3, help="runs of the file import")
    parser.add_argument("--query-runs", type=int, default=25, help="runs of each query")
    parser.add_argument("--library", type=Path, help="big library file to build or reuse")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    results: dict[str, object] = {}
    try:
        if args.files:
            results["import"] = bench_file_import(args.files, args.runs, work)
            print(json.dumps(results["import"]), flush=True)
        library = args.library or work / "big.sqlite3"
        if not library.exists():
            results["build"] = build_library(library, args.articles)
            print(json.dumps(results["build"]), flush=True)
        results["queries"] = bench_queries(library, args.query_runs)
        print(json.dumps(results["queries"]), flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
