"""Cheap text features for story grouping: terms, named entities, numbers, the lead, dates.

Story grouping compares articles by the words that identify an event: names, places, numbers
and the rarer content words of the headline and the lead. This module turns raw title and body
text into such terms without any corpus statistics, so that one article's features never depend
on what else is in the library (the store computes them one article at a time).

Terms are lower-cased and cut to a short prefix, which folds plurals, inflections and
transliterations together ("protests"/"protesters", "Lukashenko"/"Lukashenka").
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone

# A term is the first TERM_PREFIX characters of a word: long enough to keep names apart,
# short enough to fold "tapering"/"taper", "Lukashenko"/"Lukashenka".
TERM_PREFIX = 6
# The lead is the headline plus the first LEAD_WORDS words of real prose in the body.
LEAD_WORDS = 90
# A body line with fewer words than this and no sentence-final punctuation is junk
# ("Search", "Related Topics", "image copyrightReuters"): it is left out of the lead.
JUNK_LINE_WORDS = 6

_WORD = re.compile(r"\d[\d,.]*\d%?|\d%?|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?:;\"“”]\s*$")

# Function words and the most common words of news prose: they say nothing about which event
# an article reports. Written for this project (not copied from a list).
STOPWORDS = frozenset(
    """
    a about above across after again against ago all almost along already also although always am
    among an and another any anyone anything are around as at away back be became because become
    been before being below between both but by can could did do does doing done down during each
    either else enough even ever every few for from further get gets got had has have having he her
    here hers herself him himself his how however i if in into is it its itself just last least
    less let like made make makes many may me might more most much must my myself near nearly never
    new next no nor not now of off often on once one only onto or other others our ours out over
    own per perhaps put rather s said say saying says second see seen several she should since so
    some still such than that the their theirs them themselves then there these they this those
    though three through thus to told too two under until up upon us very via was we well were what
    when where whether which while who whom whose why will with within without would yet you your
    yours monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week
    weeks day days month months year years time times first according also told reported report
    reports reuters ap afp news update updated breaking live video photo photos read more share
    mr mrs ms dr st
    """.split()
)

# Common news words that still carry a little meaning: they count, but little.
COMMON_WORDS = frozenset(
    """
    people police government president minister country countries state states official officials
    world city capital national international group party leader leaders public former percent
    million billion thousand thousands hundreds dozens number including called added statement
    company companies market markets price prices plan plans deal talks meeting meet meets told
    week weekend night morning evening early late local major top high low big small amid
    january february march april june july august september october november december
    """.split()
)

ENTITY_WEIGHT = 2.0
NUMBER_WEIGHT = 1.5
WORD_WEIGHT = 1.0
COMMON_WEIGHT = 0.4


def normalize(text: str) -> str:
    """NFKC text with typographic apostrophes folded to ASCII."""
    return unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")


def term(word: str) -> str:
    """The grouping term of one word: lower case, possessive dropped, prefix-cut."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if w[:1].isdigit():
        return w.replace(",", "").rstrip("%")
    return w[:TERM_PREFIX]


def words(text: str) -> list[str]:
    """The words and numbers of ``text`` in order."""
    return _WORD.findall(normalize(text))


def lead_text(body: str, boilerplate: Sequence[tuple[int, int]] = ()) -> str:
    """The first LEAD_WORDS words of real prose in ``body``.

    Boilerplate spans are blanked out first; short lines without final punctuation (menus,
    captions, "Search") are skipped.
    """
    if boilerplate:
        chars = list(body)
        for start, end in boilerplate:
            for i in range(max(0, start), min(len(chars), end)):
                if chars[i] != "\n":
                    chars[i] = " "
        body = "".join(chars)
    kept: list[str] = []
    count = 0
    for line in body.splitlines():
        line = line.strip()
        if not line:
            continue
        n = len(line.split())
        if n < JUNK_LINE_WORDS and not _SENTENCE_END.search(line):
            continue
        kept.append(line)
        count += n
        if count >= LEAD_WORDS:
            break
    text = "\n".join(kept)
    if count > LEAD_WORDS:
        text = " ".join(text.split()[:LEAD_WORDS])
    return text


# " - Al Jazeera English", " | Reuters": an outlet's name appended to a headline by the outlet
# or an aggregator. At most SOURCE_SUFFIX_WORDS capitalised words after a dash or a bar.
SOURCE_SUFFIX_WORDS = 4
_SOURCE_SUFFIX = re.compile(
    r"\s+[-|–—]\s+((?:[A-Z][\w.&']*\s*){1," + str(SOURCE_SUFFIX_WORDS) + r"})$"
)


def strip_source_suffix(title: str) -> str:
    """The headline without a trailing outlet name ("... talks with Putin - Al Jazeera")."""
    title = title.strip()
    m = _SOURCE_SUFFIX.search(title)
    if m and len(title[: m.start()].split()) >= 4:
        return title[: m.start()]
    return title


def is_title_case(title: str) -> bool:
    """True when most words of a headline are capitalised ("Fed May Have To Act")."""
    ws = [w for w in words(title) if w[:1].isalpha() and w.lower() not in STOPWORDS]
    if len(ws) < 3:
        return False
    caps = sum(1 for w in ws if w[:1].isupper())
    return caps >= 0.7 * len(ws)


def entities(text: str, *, trust_first: bool = False) -> set[str]:
    """Terms of words written with a capital inside a sentence (names, places, bodies).

    A capital after sentence-final punctuation or at a line start proves nothing, unless
    ``trust_first`` (headlines in sentence case start with a name more often than not).
    """
    found: set[str] = set()
    for line in normalize(text).splitlines():
        start = True
        for m in _WORD.finditer(line):
            w = m.group()
            if w[:1].isupper() and (not start or trust_first) and w.lower() not in STOPWORDS:
                found.add(term(w))
            elif w.isupper() and len(w) > 1:
                found.add(term(w))
            start = bool(_SENTENCE_BREAK.search(line[: m.start()]))
    return found


def content_terms(text: str) -> list[str]:
    """Terms of ``text`` without stop words or one-letter words, in order, repeats kept."""
    out = []
    for w in words(text):
        t = term(w)
        if len(t) < 2 and not t.isdigit():
            continue
        if t in STOPWORDS or w.lower() in STOPWORDS:
            continue
        out.append(t)
    return out


def weight(t: str, entity_terms: Iterable[str] | frozenset[str] | set[str]) -> float:
    """How much one shared term says about two articles reporting the same event."""
    if t[:1].isdigit():
        # Years and small counts are everywhere; long or precise numbers are telling.
        return NUMBER_WEIGHT if (len(t) >= 3 and not is_year(t)) or "." in t else 0.5
    if t in _COMMON_TERMS:
        return COMMON_WEIGHT
    if t in entity_terms:
        return ENTITY_WEIGHT
    return WORD_WEIGHT


_COMMON_TERMS = frozenset(term(w) for w in COMMON_WORDS)


def is_year(t: str) -> bool:
    return len(t) == 4 and t.isdigit() and 1900 <= int(t) <= 2100


def parse_time(value: str | None) -> float | None:
    """Seconds since the epoch for an ISO 8601 or RFC 2822 date, or None when unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        n = int(value)
        return n / 1000 if n > 10**11 else float(n)
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()
