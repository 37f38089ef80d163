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
    ("  i\n", "bold"),
    ("      import files or a folder (text, Markdown, HTML, JSON, RSS/Atom)\n", ""),
    ("  newsreader import PATH...\n", "bold"),
    ("      the same from the shell; - reads standard input\n", ""),
    ("  newsreader feeds add URL", "bold"),
    ("  then  ", ""),
    ("newsreader fetch", "bold"),
    ("  (or F here)\n", ""),
    ("      subscribe to a feed, or to the feed a site's page names\n", ""),
    ("  newsreader demo\n", "bold"),
    ("      a demo library of made-up stories; your library is not touched\n\n", ""),
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
