"""Domain values shared by ingest, the engine, the store and the UI.

Everything here is a frozen dataclass: values, not objects with behaviour. The words follow
PRODUCT.md: an *article* is one version of a *story*; its body is split into *sentences*;
sentences that say the same thing across versions form a *match group* (a "fact").
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

Origin = Literal["file", "stdin", "feed"]
GroupKind = Literal["exact", "near", "unique"]


@dataclass(frozen=True, slots=True)
class Article:
    """One version of a story, as read from a file, standard input or a feed.

    ``body`` is the article text with every line kept, junk included; ``boilerplate`` lists the
    character spans of ``body`` recognised as boilerplate (share prompts, captions, ...). They are
    set aside for alignment but never deleted.
    """

    title: str
    body: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    path: str | None = None
    item: int = 0
    input_id: str | None = None
    origin: Origin = "file"
    boilerplate: tuple[tuple[int, int], ...] = ()

    @property
    def content_hash(self) -> str:
        """A hash of the title and body, blind to whitespace and Unicode normal form."""
        return content_hash(self.title, self.body)


def content_hash(title: str, body: str) -> str:
    norm = unicodedata.normalize("NFC", f"{title}\n{body}")
    norm = " ".join(norm.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A span ``body[start:end]`` of an article's body; ``text`` is that span, stripped."""

    index: int
    text: str
    start: int
    end: int
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Version:
    """An article inside a comparison: its sentences and the match group of each."""

    id: int
    article: Article
    sentences: tuple[Sentence, ...]
    groups: tuple[int | None, ...]  # group id per sentence; None for boilerplate


@dataclass(frozen=True, slots=True)
class Conflict:
    """Versions of one fact that give different values: ``(version id, value as written)``."""

    values: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class MatchGroup:
    """Sentences from different versions that say the same thing (a "fact")."""

    id: int
    members: tuple[tuple[int, int], ...]  # (version id, sentence index)
    coverage: int
    independent_coverage: int
    kind: GroupKind
    conflicts: tuple[Conflict, ...] = ()


@dataclass(frozen=True, slots=True)
class Copy:
    """``version`` is mostly a copy of ``of``; ``share`` is the part of it that was copied."""

    version: int
    of: int
    share: float


@dataclass(frozen=True, slots=True)
class Revision:
    """What changed between two consecutive versions from one outlet.

    ``added`` and every ``*_to`` index sentences of ``to``; ``removed`` and ``*_from`` index
    sentences of ``from_``. ``edited`` and ``moved`` are given as parallel tuples.
    """

    from_: int
    to: int
    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    edited: tuple[int, ...] = ()
    edited_from: tuple[int, ...] = ()
    moved: tuple[int, ...] = ()
    moved_from: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """The aligned versions of one story."""

    versions: tuple[Version, ...]
    groups: tuple[MatchGroup, ...]
    copies: tuple[Copy, ...] = ()
    revisions: tuple[Revision, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report one event; ``articles`` index the input sequence."""

    id: int
    title: str
    articles: tuple[int, ...] = field(default_factory=tuple)
