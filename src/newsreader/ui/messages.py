"""Messages the screens and widgets post upwards (what happened, or a request)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenStory(Message):
    """Asks the app to open a story, optionally at a version and sentence."""

    story_id: int
    version: int = 0
    sentence: int = 0


@dataclass
class LibraryChanged(Message):
    """Stories, tags, notes or triage changed: lists showing them should reload."""


@dataclass
class ImportFinished(Message):
    """An import worker finished; ``summary`` is a one-line account for the user."""

    summary: str
