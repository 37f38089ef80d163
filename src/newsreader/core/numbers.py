"""Quantities in news prose, and the conflicts between versions of one fact.

:func:`find_quantities` reads digits ("774", "100,000", "9.5 million", "80%", "£772.6 million"),
numbers written as words ("four hundred", "twenty-six"), vague amounts ("tens of thousands",
"dozens") and ages ("66-year-old", "aged 66", "Lukashenko, 65,"), with the hedge in front of
them ("at least", "about", "more than"). Each becomes a :class:`Quantity` with a value *range*
(``low``..``high``), a ``kind`` and the ``unit`` it counts (the noun after it), so that
"tens of thousands of people" (20,000-99,999) conflicts with "at least 100,000 people" while
"about 400 people" agrees with "400 people".

:func:`find_conflicts` compares the quantities of the versions in one match group.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

Kind = Literal["count", "percent", "money", "age", "duration", "year"]

APPROX = 0.1  # "about 400" spans 360..440
NEARLY = 0.15  # "nearly 400" spans 340..400
MORE_THAN_STEP = 1e-9  # "more than 400" starts just above 400
UNIT_LOOKAHEAD = 3  # words after a quantity searched for the noun it counts

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SCALES.update({"trillion": 10**12})
_SUFFIX_SCALES = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
_CURRENCY_SIGNS = {"£": "GBP", "$": "USD", "€": "EUR", "¥": "JPY"}
_CURRENCY_WORDS = {
    "pound": "GBP",
    "pounds": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
}
# Vague amounts: (phrase, low, high). Longest phrases first.
_VAGUE = (
    (("hundreds", "of", "thousands"), 200_000, 999_999),
    (("tens", "of", "thousands"), 20_000, 99_999),
    (("tens", "of", "millions"), 20_000_000, 99_999_999),
    (("hundreds", "of", "millions"), 200_000_000, 999_999_999),
    (("several", "hundred"), 200, 999),
    (("several", "thousand"), 2_000, 9_999),
    (("a", "few", "hundred"), 200, 500),
    (("a", "few", "thousand"), 2_000, 5_000),
    (("a", "dozen"), 12, 12),
    (("dozens",), 24, 99),
    (("scores",), 40, 199),
    (("hundreds",), 200, 999),
    (("thousands",), 2_000, 99_999),
    (("millions",), 2_000_000, 999_999_999),
)
# Hedges: (phrase, how the range is built from the value).
_HEDGES = (
    (("at", "least"), "min"),
    (("no", "fewer", "than"), "min"),
    (("more", "than"), "above"),
    (("over",), "above"),
    (("upwards", "of"), "above"),
    (("fewer", "than"), "below"),
    (("less", "than"), "below"),
    (("under",), "below"),
    (("up", "to"), "max"),
    (("as", "many", "as"), "max"),
    (("nearly",), "nearly"),
    (("almost",), "nearly"),
    (("close", "to"), "nearly"),
    (("about",), "approx"),
    (("around",), "approx"),
    (("roughly",), "approx"),
    (("approximately",), "approx"),
    (("some",), "approx"),
    (("an", "estimated"), "approx"),
    (("estimated",), "approx"),
)


def _by_first_word(table: tuple[Any, ...]) -> dict[str, tuple[Any, ...]]:
    out: dict[str, list[Any]] = {}
    for entry in table:
        out.setdefault(entry[0][0], []).append(entry)
    return {word: tuple(entries) for word, entries in out.items()}


_VAGUE_BY_FIRST = _by_first_word(_VAGUE)
_HEDGES_BY_FIRST = _by_first_word(_HEDGES)
_STARTERS = frozenset(_SMALL) | frozenset(_VAGUE_BY_FIRST) | {"a"}
# A sentence with none of these cannot hold a quantity: most sentences are skipped at once.
_ANY_NUMBER = re.compile(
    r"\d|\b(?:" + "|".join(sorted(_SMALL | _SCALES, key=len, reverse=True)) + r"|dozen|scores)",
    re.IGNORECASE,
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DURATIONS = {"year", "month", "week", "day", "hour", "minute", "second", "decade"}
_UNIT_SKIP = frozenset(
    "of the a an more than other some new additional people's were was are is have had has "
    "who which that in on at by for".split()
)
_TOKEN = re.compile(
    r"(?P<num>[£$€¥]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:%|bn|mn|m|k)?(?![\w.]\w))"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"|(?P<pct>%)"
    r"|(?P<punct>[^\w\s])"
)
_AGE = re.compile(r"\b(\d{1,3})-year-old\b|\baged (\d{1,3})\b|(?<=[A-Za-z]), (\d{1,3}),")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity as written in a sentence, read as the range of values it allows."""

    text: str
    start: int
    end: int
    low: float
    high: float
    kind: Kind
    unit: str

    def agrees_with(self, other: Quantity) -> bool:
        """Whether both can be true at once: their ranges overlap."""
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True, slots=True)
class _Token:
    text: str
    low: str
    start: int
    end: int
    kind: str


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        out.append(_Token(m.group(), m.group().casefold(), m.start(), m.end(), kind))
    return out


def _match(tokens: list[_Token], at: int, phrase: tuple[str, ...]) -> bool:
    if at + len(phrase) > len(tokens):
        return False
    return all(tokens[at + k].low == word for k, word in enumerate(phrase))


def _digits(token: str) -> tuple[float, str | None, float] | None:
    """``(value, currency, scale)`` of a digit token such as ``£772.6m`` or ``80%``."""
    currency = _CURRENCY_SIGNS.get(token[0])
    body = token[1:] if currency else token
    scale = 1.0
    for suffix, factor in _SUFFIX_SCALES.items():
        if body.endswith(suffix):
            body, scale = body[: -len(suffix)], float(factor)
            break
    percent = body.endswith("%")
    body = body.rstrip("%").replace(",", "")
    try:
        value = float(body)
    except ValueError:
        return None
    return value, ("%" if percent else currency), scale


def _words_number(tokens: list[_Token], at: int) -> tuple[float, int] | None:
    """A number written in words from ``tokens[at]``: ``(value, tokens used)``."""
    total = 0
    current = 0
    used = 0
    seen = False
    k = at
    while k < len(tokens):
        word = tokens[k].low
        parts = word.split("-")
        if all(p in _SMALL for p in parts) and len(parts) <= 2:
            current += sum(_SMALL[p] for p in parts)
            seen = True
        elif word in _SCALES and (seen or (k > at and tokens[k - 1].low == "a")):
            factor = _SCALES[word]
            current = max(current, 1) * factor
            if factor >= 1000:
                total += current
                current = 0
            seen = True
        elif word == "a" and k == at and k + 1 < len(tokens) and tokens[k + 1].low in _SCALES:
            pass
        elif word == "and" and seen and k + 1 < len(tokens) and tokens[k + 1].low in _SMALL:
            pass
        else:
            break
        k += 1
        used = k - at
    if not seen:
        return None
    return float(total + current), used


def _unit(tokens: list[_Token], at: int) -> str:
    """The noun a quantity counts: the first content word in the next few words."""
    from newsreader.core.align import content_words

    for k in range(at, min(len(tokens), at + UNIT_LOOKAHEAD)):
        token = tokens[k]
        if token.kind != "word":
            return ""
        if token.low in _UNIT_SKIP:
            continue
        words = content_words(token.low.replace("'", "").replace("’", ""))
        return words[0] if words else ""
    return ""


def _hedged(low: float, high: float, hedge: str | None) -> tuple[float, float]:
    if hedge == "min":
        return low, math.inf
    if hedge == "above":
        return low + max(MORE_THAN_STEP, low * MORE_THAN_STEP), math.inf
    if hedge == "below":
        return 0.0, high - max(MORE_THAN_STEP, high * MORE_THAN_STEP)
    if hedge == "max":
        return 0.0, high
    if hedge == "nearly":
        return low * (1 - NEARLY), high
    if hedge == "approx":
        return low * (1 - APPROX), high * (1 + APPROX)
    return low, high


@lru_cache(maxsize=4096)
def find_quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in ``text`` in reading order (dates and ordinals are not quantities)."""
    if not _ANY_NUMBER.search(text):
        return ()
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _AGE.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g))
        value = float(m.group(group))
        start, end = (m.start(), m.end()) if group != 3 else (m.start(group), m.end(group))
        found.append(Quantity(text[start:end], start, end, value, value, "age", "age"))
        taken.append((m.start(), m.end()))
    tokens = [t for t in _tokens(text) if not any(a <= t.start < b for a, b in taken)]
    k = 0
    while k < len(tokens):
        hedge = None
        at = k
        for phrase, how in _HEDGES_BY_FIRST.get(tokens[k].low, ()):
            if _match(tokens, k, phrase):
                hedge, at = how, k + len(phrase)
                break
        starts = at < len(tokens) and (
            tokens[at].kind == "num" or tokens[at].low.split("-")[0] in _STARTERS
        )
        quantity = _read_core(text, tokens, k, at, hedge) if starts else None
        if quantity is None:
            k += 1
            continue
        found.append(quantity[0])
        k = quantity[1]
    found.sort(key=lambda q: q.start)
    return tuple(found)


def _read_core(
    text: str, tokens: list[_Token], first: int, at: int, hedge: str | None
) -> tuple[Quantity, int] | None:
    """The quantity starting at ``tokens[at]`` (hedge from ``first``) and the next position."""
    if at >= len(tokens):
        return None
    token = tokens[at]
    currency: str | None = None
    kind: Kind = "count"
    end = at + 1
    low = high = 0.0
    if token.kind == "num":
        parsed = _digits(token.text)
        if parsed is None:
            return None
        value, currency, scale = parsed
        prev = tokens[at - 1].low if at > 0 else ""
        nxt = tokens[at + 1].low if at + 1 < len(tokens) else ""
        if prev in _MONTHS or nxt in _MONTHS:
            return None  # a date, not a quantity
        if nxt in ("st", "nd", "rd", "th"):
            return None
        if end < len(tokens) and tokens[end].low in _SCALES and tokens[end].low != "hundred":
            scale *= _SCALES[tokens[end].low]
            end += 1
        elif end < len(tokens) and tokens[end].low == "hundred":
            scale *= 100
            end += 1
        low = high = value * scale
        raw = token.text.replace(",", "")
        if (
            currency is None
            and scale == 1
            and re.fullmatch(r"\d{4}", raw)
            and 1800 <= value <= 2100
        ):
            kind = "year"
    else:
        vague = next(
            (
                (phrase, lo, hi)
                for phrase, lo, hi in _VAGUE_BY_FIRST.get(token.low, ())
                if _match(tokens, at, phrase)
            ),
            None,
        )
        if vague is not None:
            low, high = float(vague[1]), float(vague[2])
            end = at + len(vague[0])
        else:
            words = _words_number(tokens, at)
            if words is None:
                return None
            value, used = words
            end = at + used
            if used == 1 and tokens[at].low == "one":
                prev = tokens[at - 1].low if at > 0 else ""
                nxt = tokens[end].low if end < len(tokens) else ""
                if prev in ("no", "any", "every", "the", "this", "that") or nxt in (
                    "of",
                    "another",
                    "",
                ):
                    return None
            low = high = value
    if end < len(tokens) and currency is None:
        nxt = tokens[end].low
        if nxt == "%" or nxt == "percent":
            currency, end = "%", end + 1
        elif nxt == "per" and end + 1 < len(tokens) and tokens[end + 1].low == "cent":
            currency, end = "%", end + 2
        elif nxt in _CURRENCY_WORDS:
            currency, end = _CURRENCY_WORDS[nxt], end + 1
    unit = _unit(tokens, end)
    if currency == "%":
        kind, unit = "percent", "%"
    elif currency is not None:
        kind, unit = "money", currency
    elif kind == "year":
        unit = "year"
    elif unit in _DURATIONS:
        kind = "duration"
    low, high = _hedged(low, high, hedge)
    start, stop = tokens[first].start, tokens[end - 1].end
    return Quantity(text[start:stop], start, stop, low, high, kind, unit), end


_COMPARABLE_ALONE = frozenset({"count", "percent", "money", "age"})


def find_conflicts(texts: Mapping[int, str]) -> tuple[tuple[tuple[int, str], ...], ...]:
    """Conflicts between versions' wordings of one fact: ``((version id, value), ...)`` each.

    Quantities are paired when they count the same thing (same kind and unit) and each
    version has exactly one of them; when every version has exactly one quantity of one kind,
    those are paired too. A pairing is a conflict when two versions' ranges cannot both be true.
    """
    per_version = {vid: find_quantities(text) for vid, text in sorted(texts.items())}
    conflicts: list[tuple[tuple[int, str], ...]] = []
    buckets: dict[tuple[str, str], dict[int, list[Quantity]]] = {}
    for vid, quantities in per_version.items():
        for q in quantities:
            buckets.setdefault((q.kind, q.unit), {}).setdefault(vid, []).append(q)
    compared: set[tuple[str, str]] = set()
    for key in sorted(buckets):
        by_version = buckets[key]
        if not key[1] or len(by_version) < 2:
            continue
        if any(len(qs) != 1 for qs in by_version.values()):
            continue
        compared.add(key)
        chosen = {vid: qs[0] for vid, qs in by_version.items()}
        if _disagree(chosen):
            conflicts.append(tuple((vid, q.text) for vid, q in chosen.items()))
    singles = {vid: qs[0] for vid, qs in per_version.items() if len(qs) == 1}
    if len(singles) == len(per_version) >= 2:
        kinds = {q.kind for q in singles.values()}
        keys = {(q.kind, q.unit) for q in singles.values()}
        units = {q.unit for q in singles.values()}
        same_currency = kinds != {"money"} or len(units) == 1
        if len(kinds) == 1 and kinds <= _COMPARABLE_ALONE and not keys <= compared:
            if same_currency and _disagree(singles):
                conflicts.append(tuple((vid, q.text) for vid, q in singles.items()))
    return tuple(conflicts)


def _disagree(chosen: Mapping[int, Quantity]) -> bool:
    values = list(chosen.values())
    return any(not a.agrees_with(b) for i, a in enumerate(values) for b in values[i + 1 :])
