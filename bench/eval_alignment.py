"""Measure the alignment's "same fact" decision on public gold data and on synthetic versions.

Usage::

    python bench/eval_alignment.py --msrp /work/data/msrp [--sweep]

1. **MSRP**: the Microsoft Research Paraphrase Corpus (news sentence pairs labelled by people as
   paraphrase or not; ``msr_paraphrase_train.txt`` / ``msr_paraphrase_test.txt``, tab-separated,
   as distributed by Microsoft; the copy used for the README figures came from the public GitHub
   repository SamaySah21/Paraphrase_Detection_Distillbert). A pair counts as "same fact" when the
   engine's word-level similarity reaches ``NEAR_RATIO``. Precision / recall / F1 / accuracy are
   printed for the test split at the engine's threshold and at the threshold best on train.
2. **Synthetic alignment**: stories built from MSRP sentences. Each version keeps, rewords (the
   human paraphrase from MSRP, or word edits), splits, merges or drops each base sentence, shuffles
   a little and adds unique sentences, some of them MSRP *non*-paraphrases of a base sentence (hard
   negatives). Gold groups are known; pairwise precision / recall of "in the same group" is printed.

Nothing here is a unit test; the data stays outside the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsreader.core import align  # noqa: E402
from newsreader.core.model import Article  # noqa: E402


@dataclass(frozen=True)
class Pair:
    label: int
    a: str
    b: str


def detokenize(text: str) -> str:
    text = re.sub(r" (['’]s|n't|[.,;:!?%)])", r"\1", text)
    text = re.sub(r"([($]) ", r"\1", text)
    return text.replace(" ' ", "' ").replace('" ', '"', 1).strip()


def load_msrp(path: Path) -> list[Pair]:
    """Pairs from an MSRP file (some copies quote fields and put tabs for commas inside them)."""
    pairs = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quotechar='"'):
            if len(row) != 5 or row[0] not in ("0", "1"):
                continue
            a, b = (detokenize(x.replace("\t", ",")) for x in row[3:])
            pairs.append(Pair(int(row[0]), a, b))
    return pairs


def pair_ratios(pairs: list[Pair]) -> list[float]:
    """The engine's word-level similarity for each pair (one ``cpdist`` call).

    Short pairs are scaled so that ``score >= NEAR_RATIO`` is exactly the engine's decision
    (which asks ``SHORT_NEAR_RATIO`` of them); too short ones count only when word for word.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    items = [align._Item(0, k, align.normalize(p.a)) for k, p in enumerate(pairs)]
    items += [align._Item(1, k, align.normalize(p.b)) for k, p in enumerate(pairs)]
    strings, lengths = align._word_strings(items)
    n = len(pairs)
    dist = process.cpdist(strings[:n], strings[n:], scorer=Indel.distance)
    la, lb = np.asarray(lengths[:n]), np.asarray(lengths[n:])
    total = np.maximum(la + lb, 1)
    ratio = (total - dist) / total
    shorter = np.minimum(la, lb)
    ratio = np.where(
        shorter < align.SHORT_WORDS, ratio * align.NEAR_RATIO / align.SHORT_NEAR_RATIO, ratio
    )
    tiny = shorter < align.MIN_NEAR_WORDS
    exact = np.array([items[k].norm == items[n + k].norm for k in range(n)])
    return [
        1.0 if e else (0.0 if s else float(r)) for r, s, e in zip(ratio, tiny, exact, strict=True)
    ]


def scores(labels: list[int], predicted: list[bool]) -> tuple[float, float, float, float]:
    tp = sum(1 for y, p in zip(labels, predicted, strict=False) if y and p)
    fp = sum(1 for y, p in zip(labels, predicted, strict=False) if not y and p)
    fn = sum(1 for y, p in zip(labels, predicted, strict=False) if y and not p)
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    accuracy = sum(1 for y, p in zip(labels, predicted, strict=False) if bool(y) == p) / max(
        len(labels), 1
    )
    return precision, recall, f1, accuracy


def eval_msrp(folder: Path) -> None:
    train = load_msrp(folder / "msr_paraphrase_train.txt")
    test = load_msrp(folder / "msr_paraphrase_test.txt")
    tr, te = pair_ratios(train), pair_ratios(test)
    ytr, yte = [p.label for p in train], [p.label for p in test]
    grid = [t / 40 for t in range(8, 38)]
    best = max(grid, key=lambda t: scores(ytr, [r >= t for r in tr])[3])
    print(f"MSRP: {len(train)} train / {len(test)} test pairs, {sum(yte) / len(yte):.1%} positive")
    print("| threshold | split | precision | recall | F1 | accuracy |")
    print("|---|---|---|---|---|---|")
    for name, t in (("engine NEAR_RATIO", align.NEAR_RATIO), ("best accuracy on train", best)):
        p, r, f, a = scores(yte, [x >= t for x in te])
        print(f"| {t:.3f} ({name}) | test | {p:.3f} | {r:.3f} | {f:.3f} | {a:.3f} |")
    p, r, f, a = scores(yte, [True] * len(yte))
    print(f"| (all 'same') | test | {p:.3f} | {r:.3f} | {f:.3f} | {a:.3f} |")


# --- synthetic versions ------------------------------------------------------------------------


@dataclass
class Unit:
    text: str
    gold: tuple[int, ...]  # ids of the facts this sentence says (two for a merge)


def reword(text: str, rng: random.Random, vocab: list[str]) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 6)):
        op = rng.random()
        k = rng.randrange(len(words))
        if op < 0.4 and len(words) > 4:
            del words[k]
        elif op < 0.7:
            words.insert(k, rng.choice(vocab))
        else:
            words[k] = rng.choice(vocab)
    out = " ".join(words)
    return out if out.endswith(".") else out + "."


def split(text: str) -> tuple[str, str] | None:
    words = text.rstrip(".").split()
    if len(words) < 10:
        return None
    cut = next(
        (k for k in range(len(words) // 3, 2 * len(words) // 3) if words[k].endswith(",")),
        len(words) // 2,
    )
    first = " ".join(words[: cut + 1]).rstrip(",") + "."
    rest = words[cut + 1 :]
    second = " ".join(["It was reported that", *rest]) + "."
    return first, second


def make_story(
    rng: random.Random, pool: list[Pair], vocab: list[str], n_versions: int, n_base: int
) -> tuple[list[Article], list[list[tuple[int, ...]]]]:
    base = rng.sample(pool, n_base + 8)
    extra, base = base[n_base:], base[:n_base]
    articles, gold = [], []
    for _ in range(n_versions):
        units: list[Unit] = []
        k = 0
        while k < n_base:
            pair, op = base[k], rng.random()
            if op < 0.30:
                units.append(Unit(pair.a, (k,)))
            elif op < 0.45 and pair.label:
                units.append(Unit(pair.b, (k,)))
            elif op < 0.65:
                units.append(Unit(reword(pair.a, rng, vocab), (k,)))
            elif op < 0.73 and (parts := split(pair.a)):
                units.extend(Unit(p, (k,)) for p in parts)
            elif op < 0.78 and k + 1 < n_base:
                merged = (
                    pair.a.rstrip(".") + ", and " + base[k + 1].a[0].lower() + base[k + 1].a[1:]
                )
                units.append(Unit(merged, (k, k + 1)))
                k += 1
            k += 1  # the rest: dropped
        # Added sentences: ids past the base ones (one added sentence may recur in versions).
        for j in rng.sample(range(len(extra)), 3):
            units.insert(rng.randrange(len(units) + 1), Unit(extra[j].a, (n_base + j,)))
        # Hard negatives: MSRP non-paraphrases of a base sentence, a different fact.
        for j, hard in enumerate(base):
            if not hard.label and j < 6 and rng.random() < 0.5:
                units.insert(rng.randrange(len(units) + 1), Unit(hard.b, (2 * n_base + j,)))
        for j in range(len(units) - 1):
            if rng.random() < 0.05:
                units[j], units[j + 1] = units[j + 1], units[j]
        body = "\n\n".join(u.text.replace("\n", " ") for u in units)
        articles.append(Article(title="story", body=body))
        gold.append([u.gold for u in units])
    return articles, gold


def pairwise(articles: list[Article], gold: list[list[tuple[int, ...]]]) -> tuple[int, int, int]:
    """(true positive, predicted, gold) pair counts of "these two are one fact"."""
    c = align.compare(articles)
    # Where some version merged facts k and k+1, a k sentence and a k+1 sentence of other
    # versions may rightly share a group (with the merged one) or not: such pairs don't count.
    merged = {frozenset(ids) for golds in gold for ids in golds if len(ids) > 1}
    labels = []  # (group, gold ids) per produced sentence
    for version, golds in zip(c.versions, gold, strict=True):
        starts = []
        pos = 0
        for text in version.article.body.split("\n\n"):
            starts.append(pos)
            pos += len(text) + 2
        for s, gid in zip(version.sentences, version.groups, strict=True):
            para = max(k for k, start in enumerate(starts) if start <= s.start)
            labels.append((gid, set(golds[para]), version.id, para))
    tp = pred = true = 0
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            gi, bi, vi, pi = labels[i]
            gj, bj, vj, pj = labels[j]
            if vi == vj and pi == pj:
                continue  # pieces of one gold sentence cut by the splitter
            same_pred = gi is not None and gi == gj
            same_gold = bool(bi & bj)
            if not same_gold and any(frozenset((x, y)) in merged for x in bi for y in bj):
                continue
            tp += same_pred and same_gold
            pred += same_pred
            true += same_gold
    return tp, pred, true


def eval_synthetic(folder: Path, stories: int, versions: int, seed: int) -> None:
    # Sentences with quotation marks are left out: the splitter cuts MSRP's detached quotes.
    pool = [p for p in load_msrp(folder / "msr_paraphrase_test.txt") if '"' not in p.a + p.b]
    vocab = sorted({w for p in pool for w in p.a.split() if w.isalpha()})
    rng = random.Random(seed)
    made = [make_story(rng, pool, vocab, versions, 25) for _ in range(stories)]
    print(
        f"Synthetic: {stories} stories x {versions} versions from 25 base sentences (seed {seed})"
    )
    print("| NEAR_RATIO | pair precision | pair recall | F1 |")
    print("|---|---|---|---|")
    original = align.NEAR_RATIO
    for t in sorted({original, *(SWEEP if ARGS.sweep else ())}):
        align.NEAR_RATIO = t
        totals: Counter[str] = Counter()
        for articles, gold in made:
            tp, pred, true = pairwise(articles, gold)
            totals.update(tp=tp, pred=pred, true=true)
        p = totals["tp"] / max(totals["pred"], 1)
        r = totals["tp"] / max(totals["true"], 1)
        mark = " (engine)" if t == original else ""
        print(f"| {t:.2f}{mark} | {p:.3f} | {r:.3f} | {2 * p * r / max(p + r, 1e-9):.3f} |")
    align.NEAR_RATIO = original


SWEEP = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
ARGS = argparse.Namespace(sweep=False)


def main() -> None:
    global ARGS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--msrp", type=Path, default=Path("/work/data/msrp"), help="MSRP folder")
    parser.add_argument("--stories", type=int, default=20)
    parser.add_argument("--versions", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sweep", action="store_true", help="also try other NEAR_RATIO values")
    ARGS = parser.parse_args()
    if not (ARGS.msrp / "msr_paraphrase_test.txt").is_file():
        parser.error(f"{ARGS.msrp}: no msr_paraphrase_test.txt (see the module docstring)")
    eval_msrp(ARGS.msrp)
    print()
    eval_synthetic(ARGS.msrp, ARGS.stories, ARGS.versions, ARGS.seed)


if __name__ == "__main__":
    main()
