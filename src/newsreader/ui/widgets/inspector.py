"""The inspector: every version's wording of the fact under the cursor, word changes marked.

For the sentence under the cursor it lists each version carrying the same match group, its
wording diffed word by word against the cursor's sentence (deleted words struck through, new
words underlined, both also bracketed so colour is not the only signal), which versions are
copies of which, the conflicting values, and the notes on that sentence or fact.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from newsreader.core.diff import word_diff
from newsreader.ui.facts import SentenceFact, StoryFacts
from newsreader.ui.text import one_line

DELETED = "strike red"
INSERTED = "underline green"


def diff_text(a: str, b: str) -> Text:
    """``b`` as a diff against ``a``: ``[-old-]`` struck, ``{+new+}`` underlined."""
    out = Text()
    for op in word_diff(a, b):
        if op.op == "equal":
            out.append(one_line(op.b) + (" " if op.b.endswith(" ") else ""))
            continue
        if out.plain and not out.plain.endswith(" "):
            # The equal run before may end at punctuation ("Airport.") without its space.
            out.append(" ")
        if op.a.strip():
            out.append("[-" + one_line(op.a) + "-]", style=DELETED)
            out.append(" ")
        if op.b.strip():
            out.append("{+" + one_line(op.b) + "+}", style=INSERTED)
            out.append(" ")
    out.rstrip()
    return out


def inspect(facts: StoryFacts, fact: SentenceFact, notes: Sequence[tuple[str, str]] = ()) -> Text:
    """The inspector's text for ``fact`` (a sentence of one version)."""
    out = Text()
    versions = facts.versions
    if fact.group is None:
        out.append("Boilerplate: set aside, not aligned.\n", style="italic")
        out.append(fact.text)
        return out
    group = facts.groups[fact.group]
    kinds = {"all": "shared by all", "some": "shared by some", "unique": "unique"}
    out.append(f"Fact {fact.group + 1}: ", style="bold")
    out.append(
        f"{kinds.get(fact.kind, fact.kind)} - in {group.coverage}/{fact.total} versions, "
        f"{group.independent_coverage} independent ({group.kind} match)\n"
    )
    for conflict in group.conflicts:
        out.append("! Conflict: ", style="bold red")
        out.append(
            "; ".join(
                f"#{v + 1} {versions[v].source}: {one_line(value)}" for v, value in conflict.values
            )
        )
        out.append("\n")
    base = facts.texts_in(fact.group, fact.version)
    copies = {c.version: c for c in facts.comparison.copies}
    seen: set[int] = set()
    for v, _ in facts.members(fact.group):
        if v in seen:
            continue
        seen.add(v)
        version = versions[v]
        head = Text(f"#{v + 1} {version.source}", style="bold")
        if v == fact.version:
            head.append("  (this version)", style="italic")
        if v in copies:
            head.append(f"  copy of #{copies[v].of + 1} ({copies[v].share:.0%})", style="italic")
        out.append(head)
        out.append("\n  ")
        wording = facts.texts_in(fact.group, v)
        out.append(Text(wording) if v == fact.version else diff_text(base, wording))
        out.append("\n")
    missing = [f"#{v.id + 1} {v.source}" for v in versions if v.id not in seen]
    if missing:
        out.append("Not in: ", style="bold")
        out.append(", ".join(missing) + "\n")
    for label, text in notes:
        out.append(f"✎ {label}: ", style="bold")
        out.append(one_line(text) + "\n")
    out.rstrip()
    return out


class Inspector(VerticalScroll, can_focus=False):
    """Shows :func:`inspect` for the sentence under the cursor (scrolls when it is long)."""

    DEFAULT_CSS = """
    Inspector { height: auto; max-height: 50%; border-top: solid $primary; padding: 0 1; }
    Inspector > Static { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="inspector-text")

    def update(self, content: Text | str) -> None:
        self.query_one("#inspector-text", Static).update(content)
        self.scroll_home(animate=False)

    def render_text(self) -> str:
        """The plain text shown (for tests and screen readers)."""
        return str(self.query_one("#inspector-text", Static).render())
