"""Speed of ``compare``: the seeds, synthetic stories of n versions x 40 sentences, and a
difflib all-pairs baseline on the same inputs in the same run.

Usage::

    python bench/bench_engine.py [--seeds ../shared/seeds] [--sizes 10,25,50,100,200] [--quick]

Prints medians. The baseline scores every pair of sentences from different versions with
``difflib.SequenceMatcher.ratio`` (what a straightforward implementation would do). For large n
that takes minutes, so above ``--full-baseline-max`` sentences it is timed on a random sample of
pairs and scaled to all pairs (marked "est."). The whole ``newsreader compare`` command on the
seeds is timed in a subprocess when the ingest package is present.
"""

from __future__ import annotations

import argparse
import difflib
import math
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsreader.core.align import compare  # noqa: E402
from newsreader.core.model import Article  # noqa: E402
from newsreader.core.sentences import split_sentences  # noqa: E402

SENTENCES_PER_VERSION = 40


def median_time(func, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """Median wall time of ``func``; the engine's text caches are emptied before each run."""
    from newsreader.core.align import normalize
    from newsreader.core.numbers import find_quantities

    times = []
    cpu = []
    for _ in range(repeat):
        normalize.cache_clear()
        find_quantities.cache_clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU_MEDIANS.append(statistics.median(cpu))
    return statistics.median(times)


CPU_MEDIANS: list[float] = []  # CPU-time medians of median_time's runs, less hurt by load


def read_seeds(folder: Path) -> list[Article]:
    """The seed files as articles (the real reader and boilerplate marker when present)."""
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    try:
        from newsreader.core.boilerplate import mark_boilerplate
        from newsreader.ingest import read_articles

        articles = [a for a in read_articles([str(p) for p in paths]) if hasattr(a, "body")]
        return list(mark_boilerplate(articles))  # type: ignore[arg-type]
    except ImportError:
        out = []
        for p in paths:
            title, _, body = p.read_text(encoding="utf-8").lstrip().partition("\n")
            out.append(Article(title=title.strip(), body=body, path=str(p)))
        return out


def synthetic_story(n: int, rng: random.Random) -> list[Article]:
    """n versions of a 40-sentence story: kept, reworded, dropped and added sentences."""
    syllables = "ka lo mi ne su ta ri po ve da lu shi mo ra te no ki sa".split()
    vocab = ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 3))) for _ in range(3000)]

    def sentence() -> str:
        return " ".join(rng.choice(vocab) for _ in range(rng.randint(8, 30))).capitalize() + "."

    base = [sentence() for _ in range(SENTENCES_PER_VERSION)]
    versions = []
    for _ in range(n):
        out = []
        for s in base:
            roll = rng.random()
            if roll < 0.5:
                out.append(s)
            elif roll < 0.8:
                words = s.rstrip(".").split()
                for _ in range(3):
                    words[rng.randrange(len(words))] = rng.choice(vocab)
                out.append(" ".join(words) + ".")
            elif roll < 0.9:
                out.append(sentence())
        while len(out) < SENTENCES_PER_VERSION:
            out.insert(rng.randrange(len(out) + 1), sentence())
        versions.append(Article(title="story", body="\n\n".join(out[:SENTENCES_PER_VERSION])))
    return versions


def difflib_all_pairs(
    articles: list[Article], budget: int, rng: random.Random
) -> tuple[float, bool]:
    """Seconds for SequenceMatcher over every cross-version sentence pair (estimated if big)."""
    sents = [(v, s.text) for v, a in enumerate(articles) for s in split_sentences(a.body)]
    pairs_total = (
        sum(
            1
            for i in range(len(sents))
            for j in range(i + 1, len(sents))
            if sents[i][0] != sents[j][0]
        )
        if len(sents) <= 3000
        else None
    )
    if pairs_total is None:
        per_version = [sum(1 for v, _ in sents if v == k) for k in range(len(articles))]
        total = len(sents)
        pairs_total = (total * total - sum(c * c for c in per_version)) // 2
    if pairs_total <= budget:
        start = time.perf_counter()
        for i in range(len(sents)):
            vi, a = sents[i]
            for j in range(i + 1, len(sents)):
                vj, b = sents[j]
                if vi != vj:
                    difflib.SequenceMatcher(None, a, b).ratio()
        return time.perf_counter() - start, False
    sample = []
    while len(sample) < budget:
        i, j = rng.randrange(len(sents)), rng.randrange(len(sents))
        if sents[i][0] != sents[j][0]:
            sample.append((sents[i][1], sents[j][1]))
    start = time.perf_counter()
    for a, b in sample:
        difflib.SequenceMatcher(None, a, b).ratio()
    return (time.perf_counter() - start) * pairs_total / budget, True


def cli_wall_time(seeds: Path, repeat: int) -> float | None:
    try:
        import newsreader.core.boilerplate  # noqa: F401
        import newsreader.ingest  # noqa: F401
    except ImportError:
        return None
    cmd = [sys.executable, "-m", "newsreader", "compare", *map(str, sorted(seeds.iterdir()))]
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}

    def run() -> None:
        subprocess.run(cmd, check=True, capture_output=True, env=env)

    run()
    return median_time(run, repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark newsreader's alignment engine.")
    parser.add_argument("--seeds", type=Path, default=ROOT / ".." / "shared" / "seeds")
    parser.add_argument("--sizes", default="10,25,50,100,200")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--baseline-pairs", type=int, default=20_000, help="sample size above it")
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    rng = random.Random(42)
    repeat_small = 5 if args.quick else 20
    print(
        "| input | sentences | engine median (wall) | engine CPU | difflib all pairs | speed-up |"
    )
    print("|---|---|---|---|---|---|")
    if args.seeds.is_dir():
        seeds = read_seeds(args.seeds)
        compare(seeds)  # warm up imports
        ours = median_time(lambda: compare(seeds, workers=args.workers), repeat_small)
        base, est = difflib_all_pairs(seeds, args.baseline_pairs, rng)
        n_sent = sum(len(split_sentences(a.body)) for a in seeds)
        print(
            f"| 5 seeds | {n_sent} | {ours * 1000:.1f} ms | {CPU_MEDIANS[-1] * 1000:.1f} ms"
            f" | {base * 1000:.0f} ms"
            f"{' est.' if est else ''} | {base / ours:.0f}x |"
        )
    timings = []
    for n in (int(x) for x in args.sizes.split(",")):
        story = synthetic_story(n, rng)
        repeat = 3 if n >= 100 or args.quick else 7
        ours = median_time(lambda story=story: compare(story, workers=args.workers), repeat)
        base, est = difflib_all_pairs(story, args.baseline_pairs, rng)
        timings.append((n, ours))
        print(
            f"| {n} x {SENTENCES_PER_VERSION} | {n * SENTENCES_PER_VERSION} | {ours * 1000:.0f} ms"
            f" | {CPU_MEDIANS[-1] * 1000:.0f} ms | {base:.1f} s{' est.' if est else ''}"
            f" | {base / ours:.0f}x |"
        )
    if len(timings) >= 2:
        # Least-squares slope of log(time) against log(n): time grows like n^slope.
        xs = [math.log(n) for n, _t in timings]
        ys = [math.log(t) for _n, t in timings]
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs
        )
        sizes = ", ".join(str(n) for n, _t in timings)
        print(f"\nGrowth over n = {sizes}: time ~ n^{slope:.2f} (log-log least squares)")
    if args.seeds.is_dir():
        wall = cli_wall_time(args.seeds, 5 if args.quick else 10)
        if wall is not None:
            print(f"Whole `newsreader compare` on the seeds (subprocess, median): {wall:.3f} s")


if __name__ == "__main__":
    main()
