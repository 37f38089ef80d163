"""The base of the reader's full screens: ``self.app`` typed as :class:`NewsreaderApp`.

Textual types ``Screen.app`` as ``App[Any]``; the screens call the reader's own methods on it
(``library``, ``library_changed``, ``known_tags``...), so the type checker is told which app it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from newsreader.ui.app import NewsreaderApp

ResultT = TypeVar("ResultT")


class AppScreen(Screen[ResultT]):
    """A full screen of the newsreader app."""

    if TYPE_CHECKING:
        app: NewsreaderApp


class AppModal(ModalScreen[ResultT]):
    """A dialog of the newsreader app."""

    if TYPE_CHECKING:
        app: NewsreaderApp
