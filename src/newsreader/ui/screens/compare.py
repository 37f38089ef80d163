"""Compare: two versions side by side, rows aligned by fact, word-level changes marked.

Rows follow the left version's reading order; a right-hand sentence of the same fact sits on the
same row, and right-hand sentences with no partner on the left are placed after the row of the
previous right-hand sentence. ``w`` swaps the sides, ``h`` hides rows both sides share word for
word, ``,`` / ``.`` pick another version for the right side.
"""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from newsreader.ui.facts import StoryFacts
from newsreader.ui.widgets.inspector import DELETED, INSERTED
from newsreader.ui.widgets.keybar import KeyBar

Row = tuple[tuple[int, ...], tuple[int, ...]]  # sentence indices, left and right


def aligned_rows(facts: StoryFacts, left: int, right: int) -> list[Row]:
    """Rows of (left sentences, right sentences) sharing a fact; boilerplate left out."""
    lsent = [f for f in facts.sentences[left] if f.group is not None]
    rsent = [f for f in facts.sentences[right] if f.group is not None]
    right_by_group: dict[int, list[int]] = {}
    for f in rsent:
        right_by_group.setdefault(f.group, []).append(f.index)  # type: ignore[arg-type]
    rows: list[Row] = []
    placed: set[int] = set()
    row_of_group: dict[int, int] = {}
    for f in lsent:
        if f.group in row_of_group:  # a split on the left: same row
            r = row_of_group[f.group]
            rows[r] = (rows[r][0] + (f.index,), rows[r][1])
            continue
        partners = tuple(right_by_group.get(f.group, ()))  # type: ignore[arg-type]
        placed.update(partners)
        row_of_group[f.group] = len(rows)  # type: ignore[index]
        rows.append(((f.index,), partners))
    # Right-only sentences go after the row holding the previous right-hand sentence.
    last_row = -1
    inserts: dict[int, list[int]] = {}
    row_of_right = {i: r for r, (_, rs) in enumerate(rows) for i in rs}
    for f in rsent:
        if f.index in placed:
            last_row = row_of_right[f.index]
        else:
            inserts.setdefault(last_row, []).append(f.index)
    out: list[Row] = [((), (i,)) for i in inserts.get(-1, [])]
    for r, row in enumerate(rows):
        out.append(row)
        out.extend(((), (i,)) for i in inserts.get(r, []))
    return out


def conflicting(facts: StoryFacts, left: int, right: int, indices: tuple[int, ...]) -> bool:
    """Whether the fact of these left-hand sentences has a number conflict between the two sides."""
    for i in indices:
        group = facts.groups.get(facts.sentences[left][i].group)  # type: ignore[arg-type]
        for conflict in group.conflicts if group else ():
            values = dict(conflict.values)
            if left in values and right in values and values[left] != values[right]:
                return True
    return False


def _side(facts: StoryFacts, version: int, indices: tuple[int, ...]) -> str:
    return " ".join(facts.sentences[version][i].text for i in indices)


def diff_pair(a: str, b: str) -> tuple[Text, Text]:
    """Left and right texts with removed / added words marked ([-x-], {+y+})."""
    from newsreader.core.diff import word_diff

    left, right = Text(), Text()
    for op in word_diff(a, b):
        if op.op == "equal":
            left.append(op.a)
            right.append(op.b)
            continue
        for side in (left, right):
            if side.plain and not side.plain.endswith(" "):
                side.append(" ")
        if op.a.strip():
            left.append("[-" + op.a.strip() + "-]", style=DELETED)
            left.append(" ")
        if op.b.strip():
            right.append("{+" + op.b.strip() + "+}", style=INSERTED)
            right.append(" ")
    return left, right


class CompareScreen(Screen):
    """Two versions side by side."""

    BINDINGS = [
        Binding("escape,q", "app.pop_screen", "Back"),
        Binding("w", "swap", "Swap sides"),
        # H, not h: h/l and [/] step through versions here as in the story screen.
        Binding("H", "hide_shared", "Hide shared"),
        Binding("full_stop,l,right_square_bracket", "right(1)", "Next right version"),
        Binding("comma,h,left_square_bracket", "right(-1)", "Previous right version", show=False),
        Binding("j,down", "scroll(1)", "Scroll down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, facts: StoryFacts, left: int, right: int) -> None:
        super().__init__()
        self.facts = facts
        self.left = left
        self.right = right
        self.hide_shared = False

    def compose(self) -> ComposeResult:
        yield Static(id="compare-title")
        with VerticalScroll(id="compare-scroll"):
            yield Static(id="compare-table")
        yield KeyBar()

    def on_mount(self) -> None:
        self.render_rows()
        self.query_one("#compare-scroll").focus()

    def render_rows(self) -> None:
        facts, left, right = self.facts, self.left, self.right
        lv, rv = facts.versions[left], facts.versions[right]
        title = Text()
        title.append(f"#{left + 1} {lv.source}", style="bold")
        title.append("  ⇄  ")
        title.append(f"#{right + 1} {rv.source}", style="bold")
        if self.hide_shared:
            title.append("   (shared rows hidden)", style="italic")
        self.query_one("#compare-title", Static).update(title)
        table = Table(expand=True, show_header=False, box=None, padding=(0, 1), show_edge=False)
        table.add_column("mark", width=2, no_wrap=True)
        table.add_column("left", ratio=1)
        table.add_column("right", ratio=1)
        shown = 0
        for lidx, ridx in aligned_rows(facts, left, right):
            a, b = _side(facts, left, lidx), _side(facts, right, ridx)
            if not lidx:
                mark, lt, rt = "+", Text(""), Text(b, style=INSERTED)
            elif not ridx:
                mark, lt, rt = "-", Text(a, style=DELETED), Text("")
            elif a == b:
                if self.hide_shared:
                    continue
                mark, lt, rt = "=", Text(a, style="dim"), Text(b, style="dim")
            else:
                mark = "~"
                lt, rt = diff_pair(a, b)
            marker = Text(mark, style="bold")
            if lidx and ridx and conflicting(facts, left, right, lidx):
                marker.append("!", style="bold red")
            table.add_row(marker, lt, rt)
            table.add_row("", "", "")
            shown += 1
        if not shown:
            table.add_row("", Text("Every row is shared word for word.", style="italic"), "")
        self.query_one("#compare-table", Static).update(table)

    def action_swap(self) -> None:
        self.left, self.right = self.right, self.left
        self.render_rows()

    def action_hide_shared(self) -> None:
        self.hide_shared = not self.hide_shared
        self.render_rows()

    def action_right(self, delta: int) -> None:
        n = len(self.facts.versions)
        target = self.right
        for _ in range(n):
            target = (target + delta) % n
            if target != self.left:
                break
        self.right = target
        self.render_rows()

    def action_scroll(self, delta: int) -> None:
        self.query_one("#compare-scroll").scroll_relative(y=delta * 2, animate=False)
