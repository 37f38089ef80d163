"""Word-level differences between two wordings of one fact.

``word_diff(a, b)`` cuts both sentences into words (each keeping the space after it, so the
``a`` sides of the operations join back into ``a`` and the ``b`` sides into ``b``) and runs
difflib's matcher over the words compared loosely (case, quote style and punctuation ignored),
which is cheap for sentences and reads like a prose diff, not a character diff.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal, cast

DiffKind = Literal["equal", "insert", "delete", "replace"]

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True, slots=True)
class DiffOp:
    """One run of the diff: ``a`` is the text in the first sentence, ``b`` in the second."""

    op: DiffKind
    a: str
    b: str


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _key(word: str) -> str:
    from newsreader.core.align import normalize

    return normalize(word) or word.strip()


def word_diff(a: str, b: str) -> tuple[DiffOp, ...]:
    """The word-level operations that turn ``a`` into ``b``, in order, runs merged."""
    wa, wb = _words(a), _words(b)
    matcher = difflib.SequenceMatcher(
        None, [_key(w) for w in wa], [_key(w) for w in wb], autojunk=False
    )
    ops: list[DiffOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        op = DiffOp(cast(DiffKind, tag), "".join(wa[i1:i2]), "".join(wb[j1:j2]))
        if ops and ops[-1].op == op.op:
            last = ops.pop()
            op = DiffOp(op.op, last.a + op.a, last.b + op.b)
        ops.append(op)
    return tuple(ops)
