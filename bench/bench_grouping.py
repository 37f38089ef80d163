"""Benchmark: time and memory of story grouping on synthetic headline+lead articles.

    python bench/bench_grouping.py                 # 10k, 30k and 100k articles, 3 runs each
    python bench/bench_grouping.py 100000 --runs 1

Each size runs in a fresh subprocess so that its peak RSS is its own. The articles come from
bench/synth.py (about 3.5 versions per story, four stories per topic); generating them is not
timed. Reported: median wall time of ``group_stories`` over the runs, its median CPU time (the
fairer figure on a busy machine: grouping runs on one core), per-article wall time, and the peak
resident memory of the process (articles included). The target is 100,000 articles in
under 3 minutes and 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

VERSIONS_PER_STORY = 3.5  # the mean of synth's default 1..6 versions


def run_one(n_articles: int, runs: int, seed: int) -> dict[str, float]:
    """Group ``n_articles`` synthetic articles ``runs`` times in this process."""
    from synth import generate

    from newsreader.core.groups import group_stories

    items = generate(int(n_articles / VERSIONS_PER_STORY * 1.1) + 1, seed=seed)[:n_articles]
    articles = [it.article for it in items]
    times, cpu = [], []
    stories = 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        stories = len(group_stories(articles))
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "articles": len(articles),
        "stories_found": stories,
        "stories_true": len({it.story for it in items}),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "median_cpu_s": statistics.median(cpu),
        "peak_rss_mb": rss_mb,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[10_000, 30_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_one(args.sizes[0], args.runs, args.seed)))
        return
    head = ("articles", "stories", "found", "median s", "cpu s", "us/article", "peak RSS MB")
    print(" ".join(f"{h:>{w}}" for h, w in zip(head, (9, 8, 7, 9, 7, 10, 12), strict=True)))
    for n in args.sizes:
        cmd = [sys.executable, __file__, str(n), "--runs", str(args.runs), "--seed", str(args.seed)]
        out = subprocess.run(cmd + ["--child"], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout)
        per = r["median_s"] / r["articles"] * 1e6
        print(
            f"{r['articles']:>9} {r['stories_true']:>8} {r['stories_found']:>7} "
            f"{r['median_s']:>9.2f} {r['median_cpu_s']:>7.2f} {per:>10.0f} "
            f"{r['peak_rss_mb']:>12.0f}"
        )


if __name__ == "__main__":
    main()
