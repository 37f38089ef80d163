"""The values the library hands out: frozen dataclasses, never ``sqlite3.Row``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsreader.core.model import Article, Origin

Status = Literal["new", "review", "checked", "spiked"]
STATUSES: tuple[str, ...] = ("new", "review", "checked", "spiked")
# One glyph per status, shared by the command line and the reader so a mark means one thing.
STATUS_MARKS = {"new": "○", "review": "◐", "checked": "✓", "spiked": "✗"}
NoteTarget = Literal["story", "article", "sentence", "fact"]


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One line of the library list. ``newest`` is the newest version's time (ISO 8601, UTC)."""

    id: int
    title: str
    versions: int
    sources: tuple[str, ...]
    newest: str | None
    tags: tuple[str, ...]
    status: str
    unread: int
    starred: bool
    notes: int


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article (one version) with the reader's state.

    ``boilerplate`` and ``sentences`` are ``(start, end)`` spans of ``body``; ``imported`` is ISO
    8601 UTC; ``revision_of`` is the id of the article at the same URL this one replaced.
    """

    id: int
    story_id: int
    title: str
    source: str | None
    url: str | None
    published: str | None
    imported: str
    origin: str
    path: str | None
    item: int
    input_id: str | None
    content_hash: str
    body: str
    boilerplate: tuple[tuple[int, int], ...]
    read: bool
    starred: bool
    tags: tuple[str, ...]
    revision_of: int | None
    pinned: bool = False
    sentences: tuple[tuple[int, int], ...] = ()

    def to_article(self) -> Article:
        """The domain :class:`Article` the engine works on."""
        origin: Origin = self.origin if self.origin in ("file", "stdin", "feed") else "file"  # type: ignore[assignment]
        return Article(
            title=self.title,
            body=self.body,
            source=self.source,
            url=self.url,
            published=self.published,
            path=self.path,
            item=self.item,
            input_id=self.input_id,
            origin=origin,
            boilerplate=self.boilerplate,
        )


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag, its colour (a Rich/Textual colour: name or ``#rrggbb``) and how many stories
    carry it (on the story or on one of its versions)."""

    name: str
    colour: str
    count: int


@dataclass(frozen=True, slots=True)
class Note:
    """An annotation.

    ``target`` says what it is attached to: the story, an article (version), a sentence of an
    article, or the fact (match group) of a sentence. ``sentence`` is the sentence's current
    index in ``article_id``'s sentences, ``None`` when the note is orphaned (its quote cannot be
    found any more; the note is kept and ``quote`` shows what it was about). ``fact_group`` is the
    match group id in the story's current comparison, for fact notes.
    """

    id: int
    story_id: int
    article_id: int | None
    sentence: int | None
    fact_group: int | None
    quote: str | None
    orphaned: bool
    text: str
    author: str
    created: str
    updated: str
    target: NoteTarget


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: an article (``article_id``) or a note (``note_id``) of a story."""

    story_id: int
    article_id: int | None
    note_id: int | None
    title: str
    snippet: str
    rank: float


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be imported, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    imported: int = 0
    duplicates: int = 0
    updated: int = 0
    failed: tuple[Failure, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Progress of an import: articles done, total when known, the input being read."""

    done: int
    total: int | None
    path: str | None
