"""Cross-version alignment: match groups, conflicts, copies and revisions.

``compare(articles)`` splits every body into sentences, sets boilerplate aside and puts every
other sentence into exactly one :class:`MatchGroup` ("fact"):

1. Each sentence is normalised (casefold, quotes and dashes unified, punctuation dropped) and
   reduced to its content words (stop words out, a light plural strip). Every distinct word is
   mapped to one code point, so a sentence becomes a short string of "word characters".
2. One ``rapidfuzz.process.cdist`` with the Indel distance runs over all those strings at once
   (in row blocks, upper triangle only, so memory stays bounded). From the distance and the two
   lengths numpy derives, for every pair, the word-level similarity ``ratio`` (2·LCS/(a+b)) and
   the ``containment`` of the shorter sentence in the longer (LCS/min(a, b)).
3. Pairs at or above :data:`NEAR_RATIO` are match edges; a sentence whose two consecutive
   neighbours in another version are each mostly contained in it (a split, or a merge seen from
   the other side) gets a split edge scored on the concatenation.
4. Edges are merged best first (score, then reading order) with a union-find that lets a version
   contribute one sentence, or one consecutive split pair, to a group. A version that repeats a
   sentence word for word keeps both copies in one group.

Copies, independence, revisions and number conflicts are derived from the groups.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import PurePath

from newsreader.core.model import (
    Article,
    Comparison,
    Conflict,
    Copy,
    GroupKind,
    MatchGroup,
    Revision,
    Sentence,
    Version,
)

# Bumped whenever the same input can align differently: caches of alignments (the store's)
# should fold it into their key.
ALIGNMENT_VERSION = 3

# Calibrated on the MSR Paraphrase Corpus and on synthetic versions (bench/eval_alignment.py).
NEAR_RATIO = 0.5  # word-level similarity (content words) from which two sentences are one fact
SHORT_WORDS = 6  # a pair whose shorter sentence has fewer content words than this ...
SHORT_NEAR_RATIO = (
    0.7  # ... needs this similarity ("Police arrested 12" is not "Police arrested X")
)
SPLIT_PART = 0.6  # share of a part's content words found, in order, in the merged sentence
SPLIT_GAIN = 0.05  # a split edge must beat the best single part by this much
SPLIT_PART_SIZE = 0.85  # a part has at most this many words per word of the whole
MIN_NEAR_WORDS = 3  # shorter sentences only match exactly
BOILERPLATE_COVER = 0.5  # a sentence at least this much inside boilerplate spans is boilerplate
COPY_SHARE = 0.8  # a version with this share of its sentences found in one earlier version
ROW_BLOCK = 256  # rows per cdist call: bounds memory to a few ROW_BLOCK x n arrays
SMALL_INPUT = 250  # up to this many distinct sentences, rows are scored without numpy
SHARED_PY_LIMIT = 50_000  # above this many (group, version, version) steps, copies use numpy

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


_SUFFIXES = ("ing", "ed", "s")


@dataclass(frozen=True, slots=True)
class _Item:
    """A non-boilerplate sentence in the flat list aligned at once."""

    version: int
    index: int
    norm: str


def compare(articles: Sequence[Article], *, workers: int = 1) -> Comparison:
    """Align the versions of one story; see the module docstring for how.

    ``workers`` is passed to rapidfuzz (``-1``: all cores). The result is deterministic.
    """
    from newsreader.core.sentences import split_sentences

    articles = tuple(articles)
    per_version: list[tuple[Sentence, ...]] = []
    items: list[_Item] = []
    for vid, article in enumerate(articles):
        sentences = tuple(
            _mark_boilerplate(s, article.boilerplate) for s in split_sentences(article.body)
        )
        per_version.append(sentences)
        items.extend(_Item(vid, s.index, normalize(s.text)) for s in sentences if not s.boilerplate)

    clusters = _align(items, workers)
    # Group ids in reading order: by the first member (version, sentence index).
    clusters.sort(key=lambda members: (items[members[0]].version, items[members[0]].index))

    group_of: dict[tuple[int, int], int] = {}
    for gid, members in enumerate(clusters):
        for k in members:
            group_of[(items[k].version, items[k].index)] = gid
    versions = tuple(
        Version(
            id=vid,
            article=articles[vid],
            sentences=sentences,
            groups=tuple(group_of.get((vid, s.index)) for s in sentences),
        )
        for vid, sentences in enumerate(per_version)
    )

    member_lists = [tuple((items[k].version, items[k].index) for k in m) for m in clusters]
    outlets = _outlets(articles)
    copies = _find_copies(versions, member_lists, outlets)
    independent = _independence(len(articles), copies, outlets)
    revisions = _revisions(versions, outlets, member_lists, group_of)

    from newsreader.core.numbers import find_conflicts

    groups = []
    for gid, pairs in enumerate(member_lists):
        texts = _texts_by_version(versions, pairs)
        groups.append(
            MatchGroup(
                id=gid,
                members=pairs,
                coverage=len(texts),
                independent_coverage=len({independent[v] for v in texts}),
                kind=_kind(texts),
                conflicts=tuple(Conflict(values) for values in find_conflicts(texts))
                if len(texts) > 1
                else (),
            )
        )
    return Comparison(
        versions=versions, groups=tuple(groups), copies=copies, revisions=tuple(revisions)
    )


def _mark_boilerplate(sentence: Sentence, spans: tuple[tuple[int, int], ...]) -> Sentence:
    if not spans:
        return sentence
    covered = sum(
        max(0, min(end, sentence.end) - max(start, sentence.start)) for start, end in spans
    )
    length = max(1, sentence.end - sentence.start)
    if covered / length >= BOILERPLATE_COVER:
        return Sentence(sentence.index, sentence.text, sentence.start, sentence.end, True)
    return sentence


def _texts_by_version(
    versions: Sequence[Version], members: Sequence[tuple[int, int]]
) -> dict[int, str]:
    """Each member version's wording of the fact (a split pair joined by a space)."""
    texts: dict[int, str] = {}
    seen: set[tuple[int, str]] = set()
    for vid, index in members:
        text = versions[vid].sentences[index].text
        key = (vid, normalize(text))
        if key in seen:  # a version repeating itself says it once
            continue
        seen.add(key)
        texts[vid] = f"{texts[vid]} {text}" if vid in texts else text
    return texts


def _kind(texts: dict[int, str]) -> GroupKind:
    if len(texts) == 1:
        return "unique"
    norms = {normalize(t) for t in texts.values()}
    return "exact" if len(norms) == 1 else "near"


# --- alignment --------------------------------------------------------------------------------


def _word_strings(items: Sequence[_Item]) -> tuple[list[str], list[int]]:
    """Each sentence as a string with one code point per content word, and its word count."""
    vocab: dict[str, str] = {}
    strings: list[str] = []
    for item in items:
        chars = []
        for word in content_words(item.norm):
            char = vocab.get(word)
            if char is None:
                code = 0x100 + len(vocab)
                if code >= 0xD800:  # skip the surrogate block
                    code += 0x800
                char = vocab[word] = chr(code)
            chars.append(char)
        strings.append("".join(chars))
    return strings, [len(s) for s in strings]


def _candidate_pairs(
    strings: list[str], workers: int
) -> tuple[list[tuple[float, int, int]], dict[int, dict[int, float]]]:
    """Match edges ``(ratio, i, j)`` between distinct strings, and the parts each may contain.

    ``parts[i]`` maps each shorter string mostly found, in order, in string ``i`` to their
    ratio. Both come from the Indel distance of every pair and the two lengths.
    """
    edges: list[tuple[float, int, int]] = []
    parts: dict[int, dict[int, float]] = {}
    if len(strings) <= SMALL_INPUT:
        triples = _distances_small(strings)
    else:
        triples = _distances_cdist(strings, workers)
    for i, j, dist in triples:
        la, lb = len(strings[i]), len(strings[j])
        total = float(la + lb)
        same = (total - dist) / total  # 2*LCS / (a+b); every string has a word
        shorter = min(la, lb)
        if same >= (NEAR_RATIO if shorter >= SHORT_WORDS else SHORT_NEAR_RATIO):
            edges.append((same, i, j))
        if (total - dist) / (2.0 * shorter) >= SPLIT_PART and shorter <= SPLIT_PART_SIZE * (
            total - shorter
        ):
            whole, part = (i, j) if la >= lb else (j, i)
            parts.setdefault(whole, {})[part] = same
    edges.sort(key=lambda e: (e[1], e[2]))
    return edges, parts


def _distances_small(strings: list[str]) -> list[tuple[int, int, int]]:
    """Every pair's Indel distance, row by row in rapidfuzz (no numpy import for a few)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    out = []
    for i, s in enumerate(strings[:-1]):
        later = strings[i + 1 :]
        for _choice, dist, j in process.extract_iter(s, later, scorer=Indel.distance):
            out.append((i, i + 1 + j, int(dist)))
    return out


def _distances_cdist(strings: list[str], workers: int) -> list[tuple[int, int, int]]:
    """The pairs that can matter, from one ``cdist`` per block of rows against later strings.

    numpy applies the same two tests as :func:`_candidate_pairs` (loosened by nothing), so only
    pairs that pass one of them come back to Python.
    """
    import numpy as np
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    n = len(strings)
    lens = np.asarray([len(s) for s in strings], dtype=np.int64)
    out: list[tuple[int, int, int]] = []
    for lo in range(0, n, ROW_BLOCK):
        hi = min(n, lo + ROW_BLOCK)
        dist = process.cdist(
            strings[lo:hi], strings[lo:], scorer=Indel.distance, dtype=np.int32, workers=workers
        )
        la = lens[lo:hi, None]
        lb = lens[None, lo:]
        total = (la + lb).astype(np.float64)
        shorter = np.minimum(la, lb)
        keep = (total - dist) / total >= np.where(
            shorter >= SHORT_WORDS, NEAR_RATIO, SHORT_NEAR_RATIO
        )
        keep |= ((total - dist) / (2.0 * shorter) >= SPLIT_PART) & (
            shorter <= SPLIT_PART_SIZE * (total - shorter)
        )
        keep &= np.arange(lo, n)[None, :] > np.arange(lo, hi)[:, None]
        rows, cols = np.nonzero(keep)
        values = dist[rows, cols]
        out.extend(zip((rows + lo).tolist(), (cols + lo).tolist(), values.tolist(), strict=True))
    return out


def _split_edges(
    strings: list[str],
    first: list[int],
    items: Sequence[_Item],
    string_of: list[int],
    parts: dict[int, dict[int, float]],
) -> list[tuple[float, int, int, int]]:
    """``(ratio, a, b1, b2)``: sentence ``a`` says what consecutive ``b1`` and ``b2`` say.

    ``string_of`` gives each item's distinct-string number, ``first`` each string's first item.
    """
    from rapidfuzz.distance import Indel

    neighbours: dict[tuple[int, int], list[int]] = {}
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if a.version == b.version and b.index == a.index + 1:
            if string_of[k] >= 0 and string_of[k + 1] >= 0:
                neighbours.setdefault((string_of[k], string_of[k + 1]), []).append(k)
    out: list[tuple[float, int, int, int]] = []
    for whole in sorted(parts):
        inside = parts[whole]
        for p1 in sorted(inside):
            for p2 in sorted(inside):
                pairs = neighbours.get((p1, p2))
                if not pairs:
                    continue
                joined = Indel.normalized_similarity(strings[whole], strings[p1] + strings[p2])
                if joined >= NEAR_RATIO and joined >= max(inside[p1], inside[p2]) + SPLIT_GAIN:
                    out.extend((joined, first[whole], k, k + 1) for k in pairs)
    return out


class _Clusters:
    """Union-find whose clusters remember which sentences each version contributes."""

    def __init__(self, items: Sequence[_Item]) -> None:
        self.items = items
        self.parent = list(range(len(items)))
        self.by_version: list[dict[int, tuple[int, ...]] | None] = [
            {item.version: (k,)} for k, item in enumerate(items)
        ]

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: int, b: int) -> int:
        """Merge two clusters unconditionally (the larger absorbs the smaller)."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        va, vb = self.by_version[ra], self.by_version[rb]
        assert va is not None and vb is not None
        if len(va) < len(vb):
            ra, rb, va, vb = rb, ra, vb, va
        for version, members in vb.items():
            va[version] = tuple(sorted(va.get(version, ()) + members))
        self.parent[rb] = ra
        self.by_version[rb] = None
        return ra

    def versions(self, k: int) -> dict[int, tuple[int, ...]]:
        found = self.by_version[self.find(k)]
        assert found is not None
        return found

    def join(self, a: int, b: int) -> bool:
        """Merge the clusters of ``a`` and ``b`` if no version would then give two sentences."""
        if self.find(a) == self.find(b):
            return False
        if self.versions(a).keys() & self.versions(b).keys():
            return False
        self.union(a, b)
        return True

    def join_split(self, a: int, b1: int, b2: int) -> bool:
        """Merge ``a`` with the consecutive pair ``b1``/``b2`` of one version.

        Any version found in more than one of the clusters joined must end up giving exactly
        two consecutive sentences (its own split of the fact); ``a``'s cluster may already hold
        one half.
        """
        roots = sorted({self.find(a), self.find(b1), self.find(b2)})
        if len(roots) == 1:
            return False
        seen: dict[int, list[int]] = {}
        for root in roots:
            by_version = self.by_version[root]
            assert by_version is not None
            for version, members in by_version.items():
                seen.setdefault(version, []).append(len(members))
        for version, sizes in seen.items():
            if len(sizes) < 2:
                continue
            if sizes != [1, 1]:
                return False
            x, y = sorted(m for r in roots for m in self.by_version[r].get(version, ()))  # type: ignore[union-attr]
            if not self._next(x, y):
                return False
        for root in roots[1:]:
            self.union(roots[0], root)
        return True

    def _next(self, x: int, y: int) -> bool:
        """Whether sentence ``y`` follows ``x`` in the same version."""
        ix, iy = self.items[x], self.items[y]
        return ix.version == iy.version and iy.index == ix.index + 1

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = {}
        for k in range(len(self.items)):
            out.setdefault(self.find(k), []).append(k)
        return [sorted(members) for members in out.values()]


def _align(items: list[_Item], workers: int) -> list[list[int]]:
    """Cluster the flat sentence list into match groups (lists of item indexes).

    Sentences with the same content words are scored once: the first of them stands for all
    in the similarity matrix, the others are tied to it by exact edges, so a story whose
    versions mostly repeat each other costs about as much as its distinct sentences.
    """
    clusters = _Clusters(items)
    # A version that repeats a sentence word for word keeps both copies in one group.
    seen: dict[tuple[int, str], int] = {}
    for k, item in enumerate(items):
        if item.norm:
            clusters.union(seen.setdefault((item.version, item.norm), k), k)
    if len({item.version for item in items}) < 2:
        return clusters.groups()
    words, _lengths = _word_strings(items)
    # Distinct strings: content words for long sentences, the whole text for short ones.
    number: dict[str, int] = {}
    first: list[int] = []
    string_of: list[int] = []
    ranked: list[tuple[float, int, int, int]] = []
    for k, item in enumerate(items):
        if len(words[k]) >= MIN_NEAR_WORDS:
            key = words[k]
        elif item.norm:
            key = "\0" + item.norm  # short sentences match only word for word
        else:
            string_of.append(-1)
            continue
        sid = number.setdefault(key, len(first))
        if sid == len(first):
            first.append(k)
        else:
            ranked.append((1.0, first[sid], k, -1))
        string_of.append(sid)
    long_ids = [sid for sid, k in enumerate(first) if len(words[k]) >= MIN_NEAR_WORDS]
    strings = [words[first[sid]] for sid in long_ids]
    edges, parts = _candidate_pairs(strings, workers)
    ranked.extend((r, first[long_ids[i]], first[long_ids[j]], -1) for r, i, j in edges)
    by_sid = {
        long_ids[w]: {long_ids[p]: r for p, r in inside.items()} for w, inside in parts.items()
    }
    all_strings = [words[k] for k in first]
    ranked.extend(_split_edges(all_strings, first, items, string_of, by_sid))
    ranked.sort(key=lambda e: (-e[0], e[1], e[2], e[3]))
    for _score, a, b1, b2 in ranked:
        if b2 < 0:
            clusters.join(a, b1)
        else:
            clusters.join_split(a, b1, b2)
    return clusters.groups()


# --- copies, outlets, revisions ----------------------------------------------------------------


def _published(article: Article) -> datetime | None:
    value = (article.published or "").strip()
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        from email.utils import parsedate_to_datetime  # RFC 822 dates from feeds; rarely needed

        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def _find_copies(
    versions: Sequence[Version],
    members: Sequence[tuple[tuple[int, int], ...]],
    outlets: Sequence[int],
) -> tuple[Copy, ...]:
    """Versions mostly (:data:`COPY_SHARE`) found in one earlier version of another outlet.

    An outlet's own updates are revisions, not copies.
    """
    n = len(versions)
    if n < 2:
        return ()
    shared = _shared_counts(n, members)
    sizes = [sum(1 for g in v.groups if g is not None) for v in versions]
    times = [_published(v.article) for v in versions]

    def earlier(u: int, v: int) -> bool:
        tu, tv = times[u], times[v]
        if tu is not None and tv is not None and tu != tv:
            return tu < tv
        return u < v

    copies = []
    for v in range(n):
        best: tuple[float, int] | None = None
        for u, count in sorted(shared[v].items()):
            share = round(count / sizes[v], 4)
            if share < COPY_SHARE or outlets[u] == outlets[v] or not earlier(u, v):
                continue
            if best is None or share > best[0]:
                best = (share, u)
        if best is not None:
            copies.append(Copy(version=v, of=best[1], share=best[0]))
    return tuple(copies)


def _shared_counts(n: int, members: Sequence[tuple[tuple[int, int], ...]]) -> list[dict[int, int]]:
    """``shared[v][u]``: how many of version v's sentences are in a group with version u."""
    per_group = [Counter(v for v, _i in group) for group in members if len(group) > 1]
    shared: list[dict[int, int]] = [{} for _ in range(n)]
    if sum(len(c) ** 2 for c in per_group) <= SHARED_PY_LIMIT:
        for counts in per_group:
            for v, m in counts.items():
                row = shared[v]
                for u in counts:
                    if u != v:
                        row[u] = row.get(u, 0) + m
        return shared
    import numpy as np

    matrix = np.zeros((len(per_group), n), dtype=np.int64)
    for g, counts in enumerate(per_group):
        for v, m in counts.items():
            matrix[g, v] = m
    product = matrix.T @ (matrix > 0).astype(np.int64)
    np.fill_diagonal(product, 0)
    for v, u in zip(*np.nonzero(product), strict=True):
        shared[int(v)][int(u)] = int(product[v, u])
    return shared


def known_source(article: Article) -> str | None:
    """The article's outlet, unless it is missing or only the file-name fallback."""
    source = (article.source or "").strip()
    if not source:
        return None
    if article.path:
        path = PurePath(article.path)
        if source in (path.name, path.stem):
            return None
    return source.casefold()


def _outlets(articles: Sequence[Article]) -> list[int]:
    """Outlet id per version: same known source, same URL, or identical headline."""
    parent = list(range(len(articles)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    sources = [known_source(a) for a in articles]
    first_by: dict[tuple[str, str], int] = {}
    for k, article in enumerate(articles):
        keys = []
        if sources[k]:
            keys.append(("source", sources[k] or ""))
        if article.url:
            keys.append(("url", article.url.strip()))
        for key in keys:
            union(first_by.setdefault(key, k), k)
    by_title: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        title = normalize(article.title)
        if title:
            by_title.setdefault(title, []).append(k)
    for same in by_title.values():
        for k in same[1:]:
            a = same[0]
            if sources[a] and sources[k] and sources[a] != sources[k]:
                continue  # two named outlets that share a wire headline stay apart
            union(a, k)
    return [find(k) for k in range(len(articles))]


def _independence(n: int, copies: Sequence[Copy], outlets: Sequence[int]) -> list[int]:
    """Independence class per version: copies collapse onto their original, outlets count once."""
    parent = list(outlets)

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for copy in copies:
        ra, rb = find(copy.version), find(copy.of)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(k) for k in range(n)]


def _revisions(
    versions: Sequence[Version],
    outlets: Sequence[int],
    members: Sequence[tuple[tuple[int, int], ...]],
    group_of: dict[tuple[int, int], int],
) -> list[Revision]:
    """Consecutive versions of one outlet, ordered by published time (else input order)."""
    timelines: dict[int, list[int]] = {}
    for vid, outlet in enumerate(outlets):
        timelines.setdefault(outlet, []).append(vid)
    steps: list[Revision] = []
    for outlet in sorted(timelines):
        line = timelines[outlet]
        if len(line) < 2:
            continue
        times = [_published(versions[v].article) for v in line]
        if all(t is not None for t in times):
            line = [v for _t, v in sorted(zip(times, line, strict=True))]
        for old, new in zip(line, line[1:], strict=False):
            steps.append(_revision(versions[old], versions[new], members, group_of))
    steps.sort(key=lambda r: (r.from_, r.to))
    return steps


def _revision(
    old: Version,
    new: Version,
    members: Sequence[tuple[tuple[int, int], ...]],
    group_of: dict[tuple[int, int], int],
) -> Revision:
    pairs: list[tuple[int, int]] = []  # (index in new, index in old)
    added: list[int] = []
    for s in new.sentences:
        gid = group_of.get((new.id, s.index))
        if gid is None:
            continue
        olds = [i for v, i in members[gid] if v == old.id]
        news = [i for v, i in members[gid] if v == new.id]
        if not olds:
            added.append(s.index)
        elif len(olds) == len(news):  # one to one, or a split pair kept in both
            pairs.append((s.index, olds[news.index(s.index)]))
        elif len(news) > 1:  # one old sentence split into several
            pairs.append((s.index, olds[0]))
        else:  # several old sentences merged into this one
            pairs.extend((s.index, i) for i in olds)
    removed = [
        s.index
        for s in old.sentences
        if (gid := group_of.get((old.id, s.index))) is not None
        and not any(v == new.id for v, _i in members[gid])
    ]
    edited = [
        (n, o)
        for n, o in pairs
        if normalize(new.sentences[n].text) != normalize(old.sentences[o].text)
    ]
    keep = _longest_increasing([o for _n, o in pairs])
    moved = [pair for k, pair in enumerate(pairs) if k not in keep]
    return Revision(
        from_=old.id,
        to=new.id,
        added=tuple(added),
        removed=tuple(removed),
        edited=tuple(n for n, _o in edited),
        edited_from=tuple(o for _n, o in edited),
        moved=tuple(n for n, _o in moved),
        moved_from=tuple(o for _n, o in moved),
    )


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of one longest non-decreasing subsequence (patience sorting)."""
    import bisect

    tails: list[int] = []
    tail_pos: list[int] = []
    back = [-1] * len(values)
    for k, value in enumerate(values):
        at = bisect.bisect_right(tails, value)
        if at == len(tails):
            tails.append(value)
            tail_pos.append(k)
        else:
            tails[at] = value
            tail_pos[at] = k
        back[k] = tail_pos[at - 1] if at else -1
    keep: set[int] = set()
    k = tail_pos[-1] if tail_pos else -1
    while k >= 0:
        keep.add(k)
        k = back[k]
    return keep
