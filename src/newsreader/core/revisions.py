"""Copies, outlets and revisions: how the versions of a story relate, from their match groups.

Once :mod:`newsreader.core.align` has put every sentence into a match group, the versions
themselves can be related:

- **outlets**: versions with the same known source, the same URL or (when no two named sources
  disagree) the same headline come from one outlet;
- **copies**: a version with :data:`COPY_SHARE` of its sentences found in one earlier version of
  another outlet is a copy of it (a repost, a syndicated wire story);
- **independence**: copies collapse onto their original and an outlet counts once, so a group's
  independent coverage counts sources, not files;
- **revisions**: the versions of one outlet, in published order (else input order), give
  revision steps with the sentences added, removed, edited and moved.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import PurePath

from newsreader.core.model import Article, Copy, Revision, Version
from newsreader.core.similarity import normalize

COPY_SHARE = 0.8  # a version with this share of its sentences found in one earlier version
SHARED_PY_LIMIT = 50_000  # above this many (group, version, version) steps, copies use numpy

Members = Sequence[tuple[tuple[int, int], ...]]


def published(article: Article) -> datetime | None:
    """When the article was published (naive times as UTC), or None if absent or unreadable."""
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


def find_copies(
    versions: Sequence[Version],
    members: Members,
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
    times = [published(v.article) for v in versions]

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


def _shared_counts(n: int, members: Members) -> list[dict[int, int]]:
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


def find_outlets(articles: Sequence[Article]) -> list[int]:
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


def independence(n: int, copies: Sequence[Copy], outlets: Sequence[int]) -> list[int]:
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


def order_revisions(
    versions: Sequence[Version],
    outlets: Sequence[int],
    members: Members,
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
        times = [published(versions[v].article) for v in line]
        if all(t is not None for t in times):
            line = [v for _t, v in sorted(zip(times, line, strict=True))]
        for old, new in zip(line, line[1:], strict=False):
            steps.append(_revision(versions[old], versions[new], members, group_of))
    steps.sort(key=lambda r: (r.from_, r.to))
    return steps


def _revision(
    old: Version,
    new: Version,
    members: Members,
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
