"""B-cubed precision / recall / F1 of story grouping, on a public data set and on synthetic news.

    python bench/eval_grouping.py PATH             # UCI News Aggregator CSV (see below)
    python bench/eval_grouping.py synth            # bench/synth.py data
    python bench/eval_grouping.py PATH --calibrate # sweep SAME_STORY_CUTOFF on the dev half only

Public data: the UCI "News Aggregator" data set (Gasparetti 2014; 422,937 headlines collected by
a news aggregator in 2014, with a STORY id for each cluster of articles about one news item). The
full file is 100 MB; a public copy of its first 6,366 rows (two days, March 10-11 2014) is in the
GitHub repository ``pratikaher88/IPythonNotebooks`` as ``uci-news-aggregator.csv``. Both the full
file and that sample are read by this script (comma- or tab-separated, with or without header).
Only headlines are available there, so this measures headline-only grouping.

Splits: stories are split in two halves by a hash of their id (UCI) or by seed (synthetic).
``--calibrate`` sweeps a cut-off on the *dev* half only (SAME_STORY_CUTOFF on synthetic
headline+lead articles, HEADLINE_CUTOFF on the headline-only UCI data); the figures reported
without it are on the *test* half, with the constants as committed in ``newsreader.core.groups``.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsreader.core import groups  # noqa: E402
from newsreader.core.model import Article  # noqa: E402

SYNTH_DEV_SEED = 101
SYNTH_TEST_SEED = 202
SYNTH_STORIES = 3000
# The F1 curve is flat near its top; the lowest cut-off on that plateau is chosen, because a
# version left out of its story is harder for a reader to find than a stray one is to spot.
PLATEAU = 0.005
CUTOFFS = tuple(round(0.20 + 0.02 * i, 2) for i in range(21))


def bcubed(pred: Sequence[int], gold: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold labels."""
    n = len(pred)
    joint = Counter(zip(pred, gold, strict=True))
    psize = Counter(pred)
    gsize = Counter(gold)
    p = sum(c * c / psize[k[0]] for k, c in joint.items()) / n
    r = sum(c * c / gsize[k[1]] for k, c in joint.items()) / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load_uci(path: Path) -> tuple[list[Article], list[str]]:
    """Headlines with their STORY ids from a UCI News Aggregator CSV file."""
    text = path.read_text(encoding="utf-8", errors="replace")
    delim = "\t" if text.split("\n", 1)[0].count("\t") >= 6 else ","
    rows = csv.reader(text.splitlines(), delimiter=delim)
    articles, stories = [], []
    for row in rows:
        if len(row) < 8 or row[0] == "ID":
            continue
        _id, title, url, publisher, _cat, story, _host, stamp = row[:8]
        articles.append(
            Article(title=title, body="", source=publisher, url=url, published=stamp, input_id=_id)
        )
        stories.append(story)
    return articles, stories


def split_half(articles: list[Article], stories: list[str], half: int):
    keep = [i for i, s in enumerate(stories) if zlib.crc32(s.encode()) % 2 == half]
    return [articles[i] for i in keep], [stories[i] for i in keep]


def load_synth(seed: int, n: int = SYNTH_STORIES) -> tuple[list[Article], list[int]]:
    from synth import generate

    items = generate(n, seed=seed)
    return [it.article for it in items], [it.story for it in items]


def labels(articles: Sequence[Article], **cutoffs: float) -> list[int]:
    out = [0] * len(articles)
    for story in groups.group_stories(articles, **cutoffs):
        for i in story.articles:
            out[i] = story.id
    return out


def report(name: str, articles: Sequence[Article], gold: Sequence[Hashable]) -> None:
    t0 = time.perf_counter()
    pred = labels(articles)
    dt = time.perf_counter() - t0
    p, r, f = bcubed(pred, gold)
    singletons = bcubed(list(range(len(gold))), gold)
    print(
        f"{name}: {len(articles)} articles, {len(set(gold))} gold stories, "
        f"{len(set(pred))} found | B3 P {p:.3f} R {r:.3f} F1 {f:.3f} "
        f"(all-singletons F1 {singletons[2]:.3f}) | {dt:.2f} s"
    )


def calibrate(name: str, articles: Sequence[Article], gold: Sequence[Hashable], which: str) -> None:
    """Sweep one cut-off (``cutoff`` or ``headline_cutoff``) and print B-cubed at each."""
    print(f"calibration of {which} on {name} ({len(articles)} articles):")
    scores = []
    for c in CUTOFFS:
        p, r, f = bcubed(labels(articles, **{which: c}), gold)
        scores.append((c, f))
        print(f"  cutoff {c:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    best_c, best_f = max(scores, key=lambda cf: (cf[1], -cf[0]))
    chosen = min(c for c, f in scores if f >= best_f - PLATEAU)
    print(f"  best F1 {best_f:.3f} at cutoff {best_c:.2f}")
    print(f"  chosen (lowest cut-off within {PLATEAU} F1 of the best): {chosen:.2f}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("source", help="a UCI News Aggregator CSV file, or 'synth'")
    ap.add_argument("--calibrate", action="store_true", help="sweep the cut-off on the dev half")
    ap.add_argument("--stories", type=int, default=SYNTH_STORIES, help="synthetic stories")
    args = ap.parse_args(argv)
    if args.source == "synth":
        if args.calibrate:
            dev = load_synth(SYNTH_DEV_SEED, args.stories)
            calibrate("synthetic dev (seed 101)", *dev, "cutoff")
        else:
            report("synthetic test (seed 202)", *load_synth(SYNTH_TEST_SEED, args.stories))
        return
    articles, stories = load_uci(Path(args.source))
    if args.calibrate:
        calibrate("UCI dev half", *split_half(articles, stories, 0), "headline_cutoff")
    else:
        report("UCI test half", *split_half(articles, stories, 1))


if __name__ == "__main__":
    main()
