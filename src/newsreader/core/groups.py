"""Story grouping: which articles are versions of one story.

Each article is reduced to a :class:`StoryDigest`: weighted terms of its headline and lead
(names and precise numbers weigh most, common news words least), its headline terms and its
publication time. Two digests are compared with :func:`similarity`; two articles are versions of
one story when it reaches :data:`SAME_STORY_CUTOFF`.

Nothing is compared all-pairs. :func:`story_keys` gives each digest a few blocking keys (pairs
of its telling terms); only articles sharing a key are compared, and of those only the
:data:`MAX_CANDIDATES` sharing the most keys. :class:`StoryIndex` does this incrementally (an
import adds articles one by one); :func:`group_stories` runs the same index over a batch in a
canonical order (publication time, then content hash), so the partition does not depend on the
input order. A new article joins the story of its most similar earlier article; stories never
merge afterwards, so a story id handed out once stays valid.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from newsreader.core import textfeatures as tf
from newsreader.core.model import Article, Story

# Two articles whose similarity reaches this are versions of one story. Calibrated on the
# development halves of the synthetic set and of the UCI News Aggregator sample
# (bench/eval_grouping.py --calibrate); see the README table for the held-out figures.
SAME_STORY_CUTOFF = 0.36
# similarity = mix of the weighted Dice coefficient and the weighted overlap coefficient of the
# two term sets (overlap forgives a short version or a version padded with junk) ...
DICE_SHARE = 0.5
# ... blended with the overlap of the two headlines' terms.
TITLE_SHARE = 0.25
# Versions of one story appear within a few days; beyond TIME_WINDOW_DAYS the similarity is
# scaled down by TIME_DECAY_PER_DAY a day, to at most TIME_FLOOR.
TIME_WINDOW_DAYS = 2.0
# Versions mostly give the same figures; two reports whose numbers all differ are likely two
# events (two days of protests, two storms): the score is scaled down to NUMBER_FLOOR then.
NUMBER_FLOOR = 0.6
TIME_DECAY_PER_DAY = 0.1
TIME_FLOOR = 0.5

# Blocking: pairs among the KEY_TERMS telling terms (names, numbers) chosen by a fixed hash
# order, and pairs among up to TITLE_KEY_TERMS headline terms.
KEY_TERMS = 6
TITLE_KEY_TERMS = 7
# A key shared by more articles than this only remembers its most recent ones: a store doing
# the same lookup in SQL should keep the newest KEY_BUCKET_LIMIT rows per key.
KEY_BUCKET_LIMIT = 200
# Of the articles sharing keys with a new one, only this many (most shared keys first) are
# scored.
MAX_CANDIDATES = 60

_DAY = 86400.0


@dataclass(frozen=True, slots=True)
class StoryDigest:
    """What story grouping knows of one article: weighted terms, headline terms, time."""

    weights: Mapping[str, float] = field(hash=False)
    terms: frozenset[str]
    title_terms: frozenset[str]
    total: float
    numbers: frozenset[str] = frozenset()
    published: float | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article already in a :class:`StoryIndex` that may report the same story."""

    key: Hashable
    story: int
    similarity: float


def digest(
    title: str,
    body: str,
    *,
    published: str | None = None,
    boilerplate: Sequence[tuple[int, int]] = (),
) -> StoryDigest:
    """The features of one article: its headline, the lead of its body and its date.

    ``boilerplate`` spans of ``body`` (as in :attr:`Article.boilerplate`) are ignored.
    """
    lead = tf.lead_text(body, boilerplate)
    entity_terms = tf.entities(lead)
    if not tf.is_title_case(title):
        entity_terms |= tf.entities(title, trust_first=True)
    title_terms = tf.content_terms(title)
    terms = set(title_terms)
    terms.update(tf.content_terms(lead))
    weights = {t: tf.weight(t, entity_terms) for t in sorted(terms)}
    return StoryDigest(
        weights=weights,
        terms=frozenset(weights),
        title_terms=frozenset(title_terms),
        total=sum(weights.values()),
        numbers=frozenset(t for t in weights if t[:1].isdigit() and not tf.is_year(t)),
        published=tf.parse_time(published),
    )


def digest_article(article: Article) -> StoryDigest:
    """:func:`digest` of an :class:`Article`, its boilerplate left out."""
    return digest(
        article.title,
        article.body,
        published=article.published,
        boilerplate=article.boilerplate,
    )


def _hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def story_keys(d: StoryDigest) -> tuple[str, ...]:
    """Blocking keys: two articles are compared only if they share one of these strings.

    Keys are pairs of terms, so a single common name ("Putin") does not make a key on its own.
    They depend on the digest alone, never on other articles, so a store can save them once.
    """
    telling = [t for t, w in d.weights.items() if w >= tf.NUMBER_WEIGHT]
    if len(telling) < 3:
        telling += [t for t, w in d.weights.items() if tf.WORD_WEIGHT <= w < tf.NUMBER_WEIGHT]
    chosen = sorted(telling, key=lambda t: (_hash(t), t))[:KEY_TERMS]
    keys = {f"e:{a}|{b}" for a, b in combinations(sorted(chosen), 2)}
    title = [t for t in d.title_terms if d.weights.get(t, 0.0) >= tf.WORD_WEIGHT]
    title = sorted(title, key=lambda t: (_hash(t), t))[:TITLE_KEY_TERMS]
    keys.update(f"t:{a}|{b}" for a, b in combinations(sorted(title), 2))
    if not keys:
        # A one-word headline and no body: its only term is all there is to go on.
        keys.update(f"w:{t}" for t in sorted(d.weights)[:1])
    return tuple(sorted(keys))


def similarity(a: StoryDigest, b: StoryDigest) -> float:
    """How likely two articles report the same story, from 0 (nothing shared) to 1."""
    wa, wb = a.weights, b.weights
    common = a.terms & b.terms
    if not common:
        return 0.0
    shared = 0.0
    for t in common:
        x, y = wa[t], wb[t]
        shared += x if x < y else y
    dice = 2.0 * shared / (a.total + b.total)
    overlap = shared / min(a.total, b.total)
    score = DICE_SHARE * dice + (1.0 - DICE_SHARE) * overlap
    ta, tb = a.title_terms, b.title_terms
    if ta and tb:
        title = len(ta & tb) / min(len(ta), len(tb))
        score = (1.0 - TITLE_SHARE) * score + TITLE_SHARE * title
    na, nb = a.numbers, b.numbers
    if na and nb:
        agree = len(na & nb) / min(len(na), len(nb))
        score *= NUMBER_FLOOR + (1.0 - NUMBER_FLOOR) * agree
    if a.published is not None and b.published is not None:
        days = abs(a.published - b.published) / _DAY
        if days > TIME_WINDOW_DAYS:
            score *= max(TIME_FLOOR, 1.0 - TIME_DECAY_PER_DAY * (days - TIME_WINDOW_DAYS))
    return min(1.0, score)


def same_story(a: StoryDigest, b: StoryDigest) -> bool:
    """True when the two articles are versions of one story."""
    return similarity(a, b) >= SAME_STORY_CUTOFF


class StoryIndex:
    """Incremental story grouping over blocking keys, for imports (pure Python, no SQL).

    ``add`` files an article under the story of its most similar earlier article (ties go to
    the earliest added), or under a new story. Stories never merge, so ids stay valid.
    """

    def __init__(self, cutoff: float = SAME_STORY_CUTOFF) -> None:
        self.cutoff = cutoff
        self._keys: list[Hashable] = []
        self._digests: list[StoryDigest] = []
        self._stories: list[int] = []
        self._slot: dict[Hashable, int] = {}
        self._buckets: dict[str, deque[int]] = {}
        self._next_story = 0

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._slot

    def story_of(self, key: Hashable) -> int:
        """The story id of an added article."""
        return self._stories[self._slot[key]]

    def candidates(self, d: StoryDigest) -> tuple[Candidate, ...]:
        """Added articles that share blocking keys with ``d``, most similar first."""
        return self._candidates(d, story_keys(d))

    def _candidates(self, d: StoryDigest, keys: Iterable[str]) -> tuple[Candidate, ...]:
        counts: Counter[int] = Counter()
        for k in keys:
            bucket = self._buckets.get(k)
            if bucket:
                counts.update(bucket)
        if not counts:
            return ()
        top = counts.most_common(MAX_CANDIDATES)
        scored = sorted(((similarity(d, self._digests[s]), s) for s, _ in top), key=_best_first)
        return tuple(Candidate(self._keys[s], self._stories[s], sim) for sim, s in scored)

    def add(self, key: Hashable, d: StoryDigest, story: int | None = None) -> int:
        """Add an article; returns the story it joined (``story`` forces one) or a new id."""
        if key in self._slot:
            raise ValueError(f"article {key!r} is already in the index")
        keys = story_keys(d)
        if story is None:
            for cand in self._candidates(d, keys):
                if cand.similarity >= self.cutoff:
                    story = cand.story
                break
        if story is None:
            story = self._next_story
        self._next_story = max(self._next_story, story + 1)
        slot = len(self._keys)
        self._keys.append(key)
        self._digests.append(d)
        self._stories.append(story)
        self._slot[key] = slot
        for k in keys:
            bucket = self._buckets.get(k)
            if bucket is None:
                bucket = self._buckets[k] = deque(maxlen=KEY_BUCKET_LIMIT)
            bucket.append(slot)
        return story


def _best_first(item: tuple[float, int]) -> tuple[float, int]:
    return (-item[0], item[1])


def canonical_order(articles: Sequence[Article]) -> tuple[int, ...]:
    """Input indexes in the order batch grouping adds them: oldest first, then by content."""
    times = [tf.parse_time(a.published) for a in articles]
    return tuple(
        sorted(
            range(len(articles)),
            key=lambda i: (
                math.inf if times[i] is None else times[i],
                articles[i].content_hash,
                i,
            ),
        )
    )


def group_stories(
    articles: Sequence[Article], *, cutoff: float = SAME_STORY_CUTOFF
) -> tuple[Story, ...]:
    """Group articles into stories: every article lands in exactly one :class:`Story`.

    Stories come in order of their first article in the input; a story's title is the headline
    of its earliest published article (the first in the input when undated). The partition
    does not depend on the input order.
    """
    digests = [digest_article(a) for a in articles]
    index = StoryIndex(cutoff)
    for i in canonical_order(articles):
        index.add(i, digests[i])
    members: dict[int, list[int]] = {}
    for i in range(len(articles)):
        members.setdefault(index.story_of(i), []).append(i)
    ordered = sorted(members.values(), key=lambda m: m[0])
    return tuple(
        Story(id=n, title=_story_title(articles, digests, m), articles=tuple(m))
        for n, m in enumerate(ordered)
    )


def _story_title(
    articles: Sequence[Article], digests: Sequence[StoryDigest], m: Iterable[int]
) -> str:
    def when(i: int) -> tuple[float, int]:
        t = digests[i].published
        return (math.inf if t is None else t, i)

    titled = [i for i in m if articles[i].title.strip()]
    if not titled:
        return ""
    return articles[min(titled, key=when)].title.strip()
