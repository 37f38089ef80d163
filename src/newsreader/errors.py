"""Errors with a message fit to show a user: the CLI prints one line, the UI a notification."""

from __future__ import annotations


class NewsreaderError(Exception):
    """Base of every error newsreader reports to a user. ``str(error)`` is the one-line message."""


class InputError(NewsreaderError):
    """An input (file, standard input, feed document) that cannot be read as articles."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class LibraryError(NewsreaderError):
    """The library file cannot be opened, read or written (not a library, locked, read-only)."""


class NotFoundError(NewsreaderError):
    """A story, article, tag, note or feed the user named does not exist."""


class FeedError(NewsreaderError):
    """A feed could not be fetched or parsed."""
