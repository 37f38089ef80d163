"""The gutter in front of each sentence: coverage count and markers, so colour is never the only
signal. ``3/5`` is how many versions carry the fact; ``!`` marks a number conflict, ``✎`` an
annotation; boilerplate shows ``···``."""

from __future__ import annotations

from rich.text import Text

from newsreader.ui.facts import SentenceFact

GUTTER_WIDTH = 9
CONFLICT_MARK = "!"
NOTE_MARK = "✎"
KIND_WORDS = {"all": "shared by all", "some": "shared by some", "unique": "unique"}


def gutter(fact: SentenceFact, noted: bool, styles: dict[str, str]) -> Text:
    """The gutter text of one sentence (exactly :data:`GUTTER_WIDTH` cells)."""
    if fact.kind == "boilerplate":
        count = "···"
    else:
        count = f"{fact.coverage}/{fact.total}"
    text = Text(count.rjust(5), style=styles.get(fact.kind, ""))
    text.append(" ")
    text.append(CONFLICT_MARK if fact.conflict else " ", style=styles.get("conflict", ""))
    text.append(NOTE_MARK if noted else " ", style=styles.get("note", ""))
    text.append(" ")
    return text
