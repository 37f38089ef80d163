"""Feeds: each subscription's health (last fetch, errors, items); F fetches in the background."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from newsreader.ui.screens.base import AppScreen
from newsreader.ui.text import clip, one_line, short_time
from newsreader.ui.widgets.keybar import KeyBar


class FeedsScreen(AppScreen[None]):
    """The feed list."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("F", "app.fetch_feeds", "Fetch now"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def compose(self) -> ComposeResult:
        yield Static(Text("Feeds", style="bold"), id="feeds-title")
        yield DataTable(id="feeds", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("feed", "health", "last fetch", "items")
        self.reload()
        table.focus()

    def reload(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for feed in self.app.feed_statuses():
            table.add_row(*feed_row(feed))
        if table.row_count == 0:
            table.add_row(
                Text("No feeds. Add one with: newsreader feeds add URL", style="italic"), "", "", ""
            )


HEALTH = {
    "ok": ("✓ ok", "green"),
    "failing": ("✗ failing", "red"),
    "never": ("· never fetched", ""),
}


def feed_row(feed: Any) -> tuple[Text, Text, str, str]:
    """A feed's row: name, health (with the last error), last fetch, item count."""
    name = one_line(getattr(feed, "title", None) or getattr(feed, "url", ""))
    label, style = HEALTH.get(getattr(feed, "health", "never"), ("?", ""))
    health = Text(label, style=style)
    error = getattr(feed, "error", None)
    if error:
        health.append(": " + clip(one_line(error), 40))
    last = getattr(feed, "last_fetch", None)
    if last is None:
        when = "never"
    elif hasattr(last, "strftime"):
        when = last.strftime("%b %d %H:%M")
    else:
        when = short_time(last)
    return Text(clip(name, 50)), health, when, str(getattr(feed, "items", "") or "")
