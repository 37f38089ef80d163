"""Cross-version alignment: every sentence of a story in exactly one match group.

``compare(articles)`` splits every body into sentences, sets boilerplate aside and puts every
other sentence into exactly one :class:`MatchGroup` ("fact"):

1. Sentences with the same content words are scored once (:mod:`newsreader.core.similarity`
   turns each into a string of word characters and scores all pairs with one vectorised
   ``cdist``); pairs at or above its thresholds are match edges.
2. A sentence whose two consecutive neighbours in another version are each mostly contained in
   it (a split, or a merge seen from the other side) gets a split edge scored on the
   concatenation.
3. Edges are merged best first (score, then reading order) with a union-find that lets a version
   contribute one sentence, or one consecutive split pair, to a group. A version that repeats a
   sentence word for word keeps both copies in one group.

Number conflicts come from each group's wordings (:mod:`newsreader.core.numbers`); copies,
independent coverage and revisions from the groups (:mod:`newsreader.core.revisions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.core import similarity
from newsreader.core.model import (
    Article,
    Comparison,
    Conflict,
    GroupKind,
    MatchGroup,
    Sentence,
    Version,
)
from newsreader.core.revisions import find_copies, find_outlets, independence, order_revisions
from newsreader.core.similarity import content_words, normalize

__all__ = ["ALIGNMENT_VERSION", "compare", "content_words", "normalize"]

# Bumped whenever the same input can align differently: caches of alignments (the store's)
# should fold it into their key.
ALIGNMENT_VERSION = 4

MIN_NEAR_WORDS = 3  # shorter sentences only match exactly
BOILERPLATE_COVER = 0.5  # a sentence at least this much inside boilerplate spans is boilerplate


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
    outlets = find_outlets(articles)
    copies = find_copies(versions, member_lists, outlets)
    independent = independence(len(articles), copies, outlets)
    revisions = order_revisions(versions, outlets, member_lists, group_of)

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
    neighbours: dict[tuple[int, int], list[int]] = {}
    for k in range(len(items) - 1):
        a, b = items[k], items[k + 1]
        if a.version == b.version and b.index == a.index + 1:
            if string_of[k] >= 0 and string_of[k + 1] >= 0:
                neighbours.setdefault((string_of[k], string_of[k + 1]), []).append(k)
    return [
        (joined, first[whole], k, k + 1)
        for joined, whole, p1, p2 in similarity.split_candidates(strings, parts, neighbours)
        for k in neighbours[(p1, p2)]
    ]


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
    words = similarity.word_strings(item.norm for item in items)
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
    edges, parts = similarity.candidate_pairs(strings, workers)
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
