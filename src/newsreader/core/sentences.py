"""Sentence splitting for news prose (first cut: a regex splitter, to be replaced).

``split_sentences(text)`` returns :class:`Sentence` spans with character offsets into ``text``;
paragraph breaks (newlines) always end a sentence.
"""

from __future__ import annotations

import re

from newsreader.core.model import Sentence

_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_ABBREV = {"mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "gov", "jr", "u.s"}


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences; every sentence's ``text`` equals ``text[start:end]``."""
    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        pstart = para.start()
        chunk = para.group()
        cut = 0
        for m in _END.finditer(chunk):
            word = chunk[cut : m.start()].rsplit(None, 1)[-1].rstrip(".").lower()
            if word in _ABBREV or (len(word) == 1 and word.isalpha()):
                continue
            _emit(out, chunk, pstart, cut, m.start())
            cut = m.end()
        _emit(out, chunk, pstart, cut, len(chunk))
    return tuple(out)


def _emit(out: list[Sentence], chunk: str, base: int, start: int, end: int) -> None:
    piece = chunk[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    s = base + start + lead
    out.append(Sentence(index=len(out), text=stripped, start=s, end=s + len(stripped)))
