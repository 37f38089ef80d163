"""Revisions: for versions from one outlet, what each update added, removed and changed."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from newsreader.ui.facts import StoryFacts
from newsreader.ui.text import short_time
from newsreader.ui.widgets.inspector import DELETED, INSERTED, diff_text
from newsreader.ui.widgets.keybar import KeyBar


def revisions_text(facts: StoryFacts) -> Text:
    """Every revision of the story, oldest first, as a readable change list."""
    out = Text()
    if not facts.comparison.revisions:
        out.append("No outlet updated its article: there are no revisions in this story.")
        return out
    for rev in facts.comparison.revisions:
        a, b = facts.versions[rev.from_], facts.versions[rev.to]
        out.append(f"{b.source}: ", style="bold")
        out.append(
            f"#{a.id + 1} {short_time(a.published)} → #{b.id + 1} {short_time(b.published)}\n"
        )
        old, new = facts.sentences[rev.from_], facts.sentences[rev.to]
        for i in rev.added:
            out.append("  + added    ", style="bold")
            out.append(new[i].text, style=INSERTED)
            out.append("\n")
        for i in rev.removed:
            out.append("  - removed  ", style="bold")
            out.append(old[i].text, style=DELETED)
            out.append("\n")
        for i, j in zip(rev.edited, rev.edited_from, strict=False):
            out.append("  ~ changed  ", style="bold")
            out.append(diff_text(old[j].text, new[i].text))
            out.append("\n")
        for i, j in zip(rev.moved, rev.moved_from, strict=False):
            out.append(f"  ↕ moved    from sentence {j + 1} to {i + 1}: ", style="bold")
            out.append(new[i].text)
            out.append("\n")
        if not (rev.added or rev.removed or rev.edited or rev.moved):
            out.append("  no change in the text\n", style="italic")
        out.append("\n")
    out.rstrip()
    return out


class RevisionsScreen(Screen):
    """The revision timeline of a story."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, facts: StoryFacts) -> None:
        super().__init__()
        self.facts = facts

    def compose(self) -> ComposeResult:
        yield Static(Text("Revisions", style="bold"), id="revisions-title")
        with VerticalScroll(id="revisions-scroll"):
            yield Static(revisions_text(self.facts), id="revisions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#revisions-scroll").focus()
