"""When two sentences say the same thing: normalisation, content words and pair scores.

A sentence is normalised (casefold, quotes and dashes unified, punctuation dropped) and reduced
to its content words (stop words out, a light stemming). Every distinct word is mapped to one
code point, so a sentence becomes a short string of "word characters" and rapidfuzz compares
words, not letters.

:func:`candidate_pairs` scores every pair of such strings at once with
``rapidfuzz.process.cdist`` and the Indel distance (in row blocks, upper triangle only, so
memory stays bounded), twice:

- on the strings in reading order: the word-level ``ratio`` (2·LCS/(a+b)) and how much of the
  shorter string is found, in order, in the longer (for splits);
- on each string's distinct words sorted (a word set; the LCS of two sorted sets is their
  intersection): the ``containment`` |A∩B|/min(|A|, |B|), so a sentence whose words nearly all
  reappear in a longer one of another version, in any order ("one sentence holds the other's
  fact"), matches it even when the longer one adds much.

A pair's score (its rank among edges) is its ``ratio``. Only pairs that pass a threshold come
back to Python. :func:`split_candidates` scores a
sentence against two consecutive ones joined (a split, or a merge seen from the other side).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

# Calibrated on the MSR Paraphrase Corpus's train split and on synthetic versions
# (bench/eval_alignment.py).
NEAR_RATIO = 0.5  # word-level similarity (content words) from which two sentences are one fact
CONTAIN = 0.8  # share of the shorter sentence's distinct words found in the longer ...
CONTAIN_WORDS = 5  # ... makes one fact when the shorter has at least this many content words
# (containment: MSRP train accuracy 0.701 -> 0.709 at unchanged precision 0.742)
SHORT_WORDS = 6  # a pair whose shorter sentence has fewer content words than this ...
SHORT_NEAR_RATIO = (
    0.7  # ... needs this similarity ("Police arrested 12" is not "Police arrested X")
)
SPLIT_PART = 0.6  # share of a part's content words found, in order, in the merged sentence
SPLIT_GAIN = 0.05  # a split edge must beat the best single part by this much
SPLIT_PART_SIZE = 0.85  # a part has at most this many words per word of the whole
ROW_BLOCK = 256  # rows per cdist call: bounds memory to a few ROW_BLOCK x n arrays
SMALL_INPUT = 250  # up to this many distinct sentences, rows are scored without numpy

STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto about over under
    is are was were be been being am has have had having do does did will would shall should
    can could may might must it its this that these those there here he she they we i you his
    her their our your him them us me my mr mrs ms dr so than then also not no which who whom
    whose what when where while said says say""".split()
)

_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032`", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00a0": " ",
    }
)
_POSSESSIVE = re.compile(r"'s\b|'")
_NON_WORD = re.compile(r"[^\w\s]+|_")
_SUFFIXES = ("ing", "ed", "s")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Casefold, unify quotes and dashes, drop possessives and punctuation, squeeze spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE).casefold()
    text = _POSSESSIVE.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def content_words(norm: str) -> list[str]:
    """The words of a normalised sentence that carry meaning, lightly stemmed.

    "-ing", "-ed" and a plural "-s" come off when three letters stay ("started" and "starts"
    become "start"): a small gain on MSRP and the synthetic set (bench/eval_alignment.py).
    """
    out = []
    for word in norm.split():
        if word in STOP_WORDS:
            continue
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
                word = word[: -len(suffix)]
                break
        out.append(word)
    return out


def word_strings(norms: Iterable[str]) -> list[str]:
    """Each normalised sentence as a string with one code point per content word."""
    vocab: dict[str, str] = {}
    strings: list[str] = []
    for norm in norms:
        chars = []
        for word in content_words(norm):
            char = vocab.get(word)
            if char is None:
                code = 0x100 + len(vocab)
                if code >= 0xD800:  # skip the surrogate block
                    code += 0x800
                char = vocab[word] = chr(code)
            chars.append(char)
        strings.append("".join(chars))
    return strings


def word_set(string: str) -> str:
    """A word string's distinct words, sorted: the LCS of two such strings is their intersection."""
    return "".join(sorted(set(string)))


def candidate_pairs(
    strings: list[str], workers: int
) -> tuple[list[tuple[float, int, int]], dict[int, dict[int, float]]]:
    """Match edges ``(score, i, j)`` between distinct strings, and the parts each may contain.

    ``parts[i]`` maps each shorter string mostly found, in order, in string ``i`` to their
    ratio. Both come from the Indel distances of every pair and the lengths.
    """
    edges: list[tuple[float, int, int]] = []
    parts: dict[int, dict[int, float]] = {}
    sets = [word_set(s) for s in strings]
    if len(strings) <= SMALL_INPUT:
        found = _distances_small(strings, sets)
    else:
        found = _distances_cdist(strings, sets, workers)
    for i, j, dist, set_dist in found:
        la, lb = len(strings[i]), len(strings[j])
        total = float(la + lb)
        ratio = (total - dist) / total  # 2*LCS / (a+b); every string has a word
        set_total = float(len(sets[i]) + len(sets[j]))
        contained = (set_total - set_dist) / (2.0 * min(len(sets[i]), len(sets[j])))
        shorter = min(la, lb)
        if ratio >= (NEAR_RATIO if shorter >= SHORT_WORDS else SHORT_NEAR_RATIO) or (
            contained >= CONTAIN and shorter >= CONTAIN_WORDS
        ):
            edges.append((ratio, i, j))
        if (total - dist) / (2.0 * shorter) >= SPLIT_PART and shorter <= SPLIT_PART_SIZE * (
            total - shorter
        ):
            whole, part = (i, j) if la >= lb else (j, i)
            parts.setdefault(whole, {})[part] = ratio
    edges.sort(key=lambda e: (e[1], e[2]))
    return edges, parts


def same_fact(dist: Any, set_dist: Any, la: Any, lb: Any, sa: Any, sb: Any) -> Any:
    """numpy: which pairs make a match edge, from their two Indel distances and four lengths.

    ``la``/``lb`` are the word-string lengths, ``sa``/``sb`` the word-set lengths. The same test
    as :func:`candidate_pairs` applies to one pair.
    """
    import numpy as np

    total = la + lb
    set_total = sa + sb
    score = (total - dist) / total
    shorter = np.minimum(la, lb)
    near = score >= np.where(shorter >= SHORT_WORDS, NEAR_RATIO, SHORT_NEAR_RATIO)
    contained = (set_total - set_dist) / (2.0 * np.minimum(sa, sb)) >= CONTAIN
    return near | (contained & (shorter >= CONTAIN_WORDS))


def _distances_small(strings: list[str], sets: list[str]) -> list[tuple[int, int, int, int]]:
    """Every pair's two Indel distances, row by row in rapidfuzz (no numpy import for a few)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    out = []
    for i in range(len(strings) - 1):
        ordered = process.extract_iter(strings[i], strings[i + 1 :], scorer=Indel.distance)
        unordered = process.extract_iter(sets[i], sets[i + 1 :], scorer=Indel.distance)
        for (_c, dist, j), (_s, set_dist, _j) in zip(ordered, unordered, strict=True):
            out.append((i, i + 1 + j, int(dist), int(set_dist)))
    return out


def _distances_cdist(
    strings: list[str], sets: list[str], workers: int
) -> list[tuple[int, int, int, int]]:
    """The pairs that can matter, from ``cdist`` per block of rows against later strings.

    numpy applies the same tests as :func:`candidate_pairs` (loosened by nothing), so only
    pairs that pass one of them come back to Python.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    n = len(strings)
    lens = np.asarray([len(s) for s in strings], dtype=np.float64)
    set_lens = np.asarray([len(s) for s in sets], dtype=np.float64)
    out: list[tuple[int, int, int, int]] = []
    for lo in range(0, n, ROW_BLOCK):
        hi = min(n, lo + ROW_BLOCK)
        dist = process.cdist(
            strings[lo:hi], strings[lo:], scorer=Indel.distance, dtype=np.int32, workers=workers
        )
        set_dist = process.cdist(
            sets[lo:hi], sets[lo:], scorer=Indel.distance, dtype=np.int32, workers=workers
        )
        la, lb = lens[lo:hi, None], lens[None, lo:]
        keep = same_fact(dist, set_dist, la, lb, set_lens[lo:hi, None], set_lens[None, lo:])
        total = la + lb
        shorter = np.minimum(la, lb)
        keep |= ((total - dist) / (2.0 * shorter) >= SPLIT_PART) & (
            shorter <= SPLIT_PART_SIZE * (total - shorter)
        )
        keep &= np.arange(lo, n)[None, :] > np.arange(lo, hi)[:, None]
        rows, cols = np.nonzero(keep)
        out.extend(
            zip(
                (rows + lo).tolist(),
                (cols + lo).tolist(),
                dist[rows, cols].tolist(),
                set_dist[rows, cols].tolist(),
                strict=True,
            )
        )
    return out


def split_candidates(
    strings: list[str],
    parts: Mapping[int, Mapping[int, float]],
    neighbours: Mapping[tuple[int, int], object],
) -> list[tuple[float, int, int, int]]:
    """``(ratio, whole, p1, p2)``: string ``whole`` says what ``p1`` followed by ``p2`` says.

    Only pairs ``(p1, p2)`` in ``neighbours`` (strings of consecutive sentences somewhere) are
    tried; the joined pair must reach :data:`NEAR_RATIO` and beat either part alone by
    :data:`SPLIT_GAIN`.
    """
    from rapidfuzz.distance import Indel

    out: list[tuple[float, int, int, int]] = []
    for whole in sorted(parts):
        inside = parts[whole]
        for p1 in sorted(inside):
            for p2 in sorted(inside):
                if (p1, p2) not in neighbours:
                    continue
                joined = Indel.normalized_similarity(strings[whole], strings[p1] + strings[p2])
                if joined >= NEAR_RATIO and joined >= max(inside[p1], inside[p2]) + SPLIT_GAIN:
                    out.append((joined, whole, p1, p2))
    return out
