"""The coverage matrix: facts down, versions across, a filled cell where a version carries the
fact. ``o`` sorts by coverage (most versions first) or back to reading order; Enter returns the
(version, sentence) of the fact so the story screen can jump there."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from newsreader.ui.facts import StoryFacts
from newsreader.ui.text import clip, short_time
from newsreader.ui.widgets.keybar import KeyBar

FILLED = "█"
EMPTY = "·"


# Room for an outlet's name in the legend of the version columns.
LEGEND_SOURCE_WIDTH = 16


def matrix_legend(facts: StoryFacts, width: int) -> Text:
    """Which outlet and time each numbered column is ("1 Northgate Wire Mar 10 06:40"),
    packed into lines of ``width`` cells without breaking an entry."""
    out = Text()
    used = 0
    for v in facts.versions:
        entry = Text.assemble(
            (f"{v.id + 1} ", "bold"),
            f"{clip(v.source, LEGEND_SOURCE_WIDTH)} ",
            (short_time(v.published) if v.published else "undated", "dim"),
        )
        gap = 3 if used else 0
        if used and used + gap + entry.cell_len > width:
            out.append("\n")
            used, gap = 0, 0
        out.append(" " * gap)
        out.append_text(entry)
        used += gap + entry.cell_len
    return out


class MatrixScreen(Screen[tuple[int, int] | None]):
    """Facts × versions."""

    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("o", "sort", "Sort by coverage"),
        Binding("enter", "jump", "Jump to sentence"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, facts: StoryFacts) -> None:
        super().__init__()
        self.facts = facts
        self.by_coverage = False

    def compose(self) -> ComposeResult:
        yield Static(id="matrix-title")
        yield Static(id="matrix-legend")
        yield DataTable(id="matrix", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("cov", key="cov")
        table.add_column("!", key="conflict")
        for v in self.facts.versions:
            table.add_column(f"{v.id + 1}", key=f"v{v.id}")
        table.add_column("fact", key="fact")
        self.fill()
        table.focus()

    def _order(self) -> list[int]:
        ids = sorted(self.facts.groups)
        if self.by_coverage:
            ids.sort(key=lambda g: (-self.facts.groups[g].coverage, g))
        return ids

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        facts = self.facts
        width = max(20, self.size.width - 14 - 3 * facts.total)
        for gid in self._order():
            group = facts.groups[gid]
            present = {v for v, _ in group.members}
            first_v, first_i = min(group.members)
            text = facts.sentences[first_v][first_i].text
            cells = [
                Text(
                    FILLED if v.id in present else EMPTY,
                    style="green" if v.id in present else "dim",
                )
                for v in facts.versions
            ]
            table.add_row(
                f"{group.coverage}/{facts.total}",
                Text("!", style="bold red") if group.conflicts else "",
                *cells,
                Text(clip(text, width)),
                key=str(gid),
            )
        order = "sorted by coverage" if self.by_coverage else "in reading order"
        self.query_one("#matrix-title", Static).update(
            Text(f"{len(facts.groups)} facts × {facts.total} versions, {order}.", "bold")
        )
        self._update_legend()

    def _update_legend(self) -> None:
        width = max(20, self.size.width - 2)
        self.query_one("#matrix-legend", Static).update(matrix_legend(self.facts, width))

    def on_resize(self) -> None:
        self._update_legend()

    def action_sort(self) -> None:
        self.by_coverage = not self.by_coverage
        self.fill()

    def action_cursor_down(self) -> None:
        self.query_one(DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(DataTable).action_cursor_up()

    def action_jump(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        group = self.facts.groups[int(key)]
        self.dismiss(min(group.members))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_jump()

    def action_close(self) -> None:
        self.dismiss(None)
