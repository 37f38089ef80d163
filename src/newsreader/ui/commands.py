"""The command palette (ctrl+p): every action of the current screen, plus the app's own.

Commands are built from the screen's active bindings, like the help screen, so the palette always
offers exactly what the keys do on this screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from newsreader.ui.app import NewsreaderApp

APP_COMMANDS = (
    ("Import files", "Import files or a folder into the library", "import_files"),
    ("Feeds", "Show the feed list and each feed's health", "feeds"),
    ("Fetch feeds", "Fetch every feed in the background", "fetch_feeds"),
    ("Library notes", "Every note in the library", "library_notes"),
    ("Toggle dark/light", "Switch between the dark and the light theme", "toggle_dark"),
)


def screen_commands(app: NewsreaderApp, screen: Screen) -> Iterable[SystemCommand]:
    """One command per described binding of ``screen``, then the app-wide commands."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or binding.description in seen or not active.enabled:
            continue
        if active.node not in (screen, app):  # a focused widget's scrolling keys
            continue
        seen.add(binding.description)
        keys = app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            f"key: {keys}",
            partial(app.run_action, binding.action, active.node),
        )
    for title, help_text, action in APP_COMMANDS:
        if title not in seen:
            yield SystemCommand(title, help_text, partial(app.run_action, action))
