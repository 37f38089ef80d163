"""Anchor an annotation to a sentence by its words, and find that sentence again after change.

An :class:`Anchor` keeps the annotated sentence's text (the *quote*) and a little context (the
end of the sentence before, the start of the sentence after). :func:`find_anchor` looks for it
in a new list of sentences - the same article split again by a newer splitter, or a later
revision of it: the exact quote first, then the closest fuzzy match (rapidfuzz), with the
context breaking ties between repeated or similar sentences. When nothing is close enough it
returns ``None``: the annotation is orphaned, and its quote still says what it was about.

Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

# Characters of context kept on each side of the quote.
CONTEXT_CHARS = 80
# A sentence whose similarity to the quote (rapidfuzz ratio, 0-100) reaches this is a match.
MATCH_CUTOFF = 80.0
# A sentence that contains most of the quote, or is contained in it (a split or merged
# sentence), matches when the partial ratio reaches this and the shorter of the two is at least
# PARTIAL_MIN_SHARE of the longer; its score is scaled by PARTIAL_PENALTY so whole matches win.
PARTIAL_CUTOFF = 90.0
PARTIAL_MIN_SHARE = 0.5
PARTIAL_PENALTY = 0.9
# Weight of the context in the score of a candidate (the rest is the quote's similarity).
CONTEXT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where an annotation sits: the sentence's text and a little of its neighbours'."""

    quote: str
    before: str = ""
    after: str = ""


def make_anchor(sentences: Sequence[str], index: int) -> Anchor:
    """The anchor of sentence ``index`` of ``sentences``."""
    if not 0 <= index < len(sentences):
        raise IndexError(f"sentence {index} out of range (0-{len(sentences) - 1})")
    before = sentences[index - 1][-CONTEXT_CHARS:] if index > 0 else ""
    after = sentences[index + 1][:CONTEXT_CHARS] if index + 1 < len(sentences) else ""
    return Anchor(quote=sentences[index], before=before, after=after)


def find_anchor(anchor: Anchor, sentences: Sequence[str], *, hint: int | None = None) -> int | None:
    """The index of the sentence of ``sentences`` the anchor points at, or ``None``.

    ``hint`` (the index it had before) breaks exact ties in favour of the nearest sentence.
    """
    if not sentences or not anchor.quote.strip():
        return None
    quote = _norm(anchor.quote)
    scored: dict[int, float] = {}
    exact = [i for i, s in enumerate(sentences) if _norm(s) == quote]
    if exact:
        for i in exact:
            scored[i] = 100.0
    else:
        processed = [default_process(s) for s in sentences]
        key = default_process(anchor.quote)
        for _, score, i in process.extract(
            key,
            processed,
            scorer=fuzz.ratio,
            score_cutoff=MATCH_CUTOFF,
            limit=None,
            processor=None,
        ):
            scored[i] = float(score)
        if not scored:
            for i, text in enumerate(processed):
                short, long = sorted((len(key), len(text)))
                if not long or short / long < PARTIAL_MIN_SHARE:
                    continue
                score = fuzz.partial_ratio(key, text, score_cutoff=PARTIAL_CUTOFF)
                if score:
                    scored[i] = float(score) * PARTIAL_PENALTY
    if not scored:
        return None
    ranked = sorted(
        scored,
        key=lambda i: (
            -_combined(scored[i], anchor, sentences, i),
            abs(i - hint) if hint is not None else 0,
            i,
        ),
    )
    return ranked[0]


def _combined(score: float, anchor: Anchor, sentences: Sequence[str], i: int) -> float:
    if not anchor.before and not anchor.after:
        return score
    parts = []
    if anchor.before:
        prev = sentences[i - 1][-CONTEXT_CHARS:] if i > 0 else ""
        parts.append(fuzz.ratio(default_process(anchor.before), default_process(prev)))
    if anchor.after:
        nxt = sentences[i + 1][:CONTEXT_CHARS] if i + 1 < len(sentences) else ""
        parts.append(fuzz.ratio(default_process(anchor.after), default_process(nxt)))
    context = sum(parts) / len(parts)
    return (1.0 - CONTEXT_SHARE) * score + CONTEXT_SHARE * context


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()
