"""The welcome view, shown when the library is empty: how to import, add feeds, open the demo."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from newsreader.ui.widgets.keybar import KeyBar

WELCOME = (
    ("Welcome to newsreader", "bold"),
    ("\n\nYour library is empty. To fill it:\n\n", ""),
    ("  i", "bold"),
    ("  import files or a folder from here (text, Markdown, HTML, JSON, RSS/Atom)\n", ""),
    ("  newsreader import PATH...", "bold"),
    ("  the same from the shell; - reads standard input\n", ""),
    ("  newsreader feeds add URL", "bold"),
    ("  subscribe to a feed, then ", ""),
    ("newsreader fetch", "bold"),
    (" (or F here)\n", ""),
    ("  newsreader demo", "bold"),
    ("  open a demo library of fictional stories (your library is not touched)\n\n", ""),
    (
        "Versions of one story are grouped on import. Open a story to see what every version "
        "agrees on, what only one outlet says, and where they conflict.\n\n",
        "",
    ),
    ("?", "bold"),
    (" lists the keys of each screen; ", ""),
    ("ctrl+p", "bold"),
    (" searches every action; ", ""),
    ("q", "bold"),
    (" quits.", ""),
)


class WelcomeScreen(Screen):
    """Shown instead of the library while it has no stories."""

    BINDINGS = [
        Binding("i", "app.import_files", "Import"),
        Binding("F", "app.fetch_feeds", "Fetch feeds"),
        Binding("f", "app.feeds", "Feeds", show=False),
        Binding("q", "app.quit", "Quit"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-scroll"):
            with Center():
                yield Static(Text.assemble(*WELCOME), id="welcome")
        yield KeyBar()
