"""The reader pane: one version, a sentence per row group, coloured by coverage, with a gutter.

Rendered with Textual's line API (a ``ScrollView``): the wrapped lines of every sentence are laid
out once per width, and moving the cursor only re-renders the lines of the two sentences
involved, so a keypress costs well under a frame even on a long article.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.ui.facts import SentenceFact
from newsreader.ui.widgets.gutter import GUTTER_WIDTH, gutter


@dataclass(frozen=True, slots=True)
class _Row:
    sentence: int | None  # position in ``facts``; None for a paragraph gap
    text: Text


class Reader(ScrollView, can_focus=True):
    """Shows one version; the cursor is a sentence index into ``facts``."""

    COMPONENT_CLASSES = {
        "reader--all",
        "reader--some",
        "reader--unique",
        "reader--boilerplate",
        "reader--conflict",
        "reader--note",
        "reader--cursor",
    }

    DEFAULT_CSS = """
    Reader { background: $surface; }
    Reader .reader--all { color: $text-success; }
    Reader .reader--some { color: $text-warning; }
    Reader .reader--unique { color: $text-accent; text-style: bold; }
    Reader .reader--boilerplate { color: $text-disabled; text-style: italic; }
    Reader .reader--conflict { color: $text-error; text-style: bold; }
    Reader .reader--note { color: $text-primary; text-style: bold; }
    Reader .reader--cursor { background: $boost; }
    Reader:focus .reader--cursor { background: $primary 40%; }
    """

    @dataclass
    class CursorMoved(Message):
        """The sentence under the cursor changed."""

        reader: Reader
        index: int

        @property
        def control(self) -> Reader:
            return self.reader

    show_boilerplate: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: tuple[SentenceFact, ...] = ()
        self.noted: frozenset[int] = frozenset()
        self.cursor = 0
        self._rows: list[_Row] = []
        self._lines_of: dict[int, tuple[int, int]] = {}
        self._cache: dict[tuple[int, bool], Strip] = {}
        self._width = 0

    # -- data -------------------------------------------------------------------------------

    def show(self, facts: tuple[SentenceFact, ...], noted: frozenset[int], cursor: int = 0) -> None:
        """Show a version's sentences, with ``noted`` sentence indices carrying a note marker."""
        self.facts = facts
        self.noted = noted
        self._width = 0
        self.cursor = self._nearest_visible(cursor)
        self._layout()
        self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self, self.cursor))

    def set_noted(self, noted: frozenset[int]) -> None:
        self.noted = noted
        self._width = 0
        self._layout()

    def is_shown(self, index: int) -> bool:
        return self.show_boilerplate or self.facts[index].kind != "boilerplate"

    def _nearest_visible(self, index: int) -> int:
        if not self.facts:
            return 0
        index = max(0, min(index, len(self.facts) - 1))
        for i in [*range(index, len(self.facts)), *range(index - 1, -1, -1)]:
            if self.is_shown(i):
                return i
        return index

    def watch_show_boilerplate(self) -> None:
        if not self.facts:
            return
        self.cursor = self._nearest_visible(self.cursor)
        self._width = 0
        self._layout()
        self._scroll_to_cursor()

    # -- cursor -----------------------------------------------------------------------------

    def move_to(self, index: int) -> None:
        """Put the cursor on sentence ``index`` (kept visible) and tell the screen."""
        if not self.facts:
            return
        index = self._nearest_visible(index)
        old, self.cursor = self.cursor, index
        if old != index:
            self._refresh_sentence(old)
            self._refresh_sentence(index)
        self._scroll_to_cursor()
        self.post_message(self.CursorMoved(self, index))

    def step(self, delta: int) -> None:
        """Move to the next (``delta`` > 0) or previous visible sentence."""
        i = self.cursor + delta
        while 0 <= i < len(self.facts):
            if self.is_shown(i):
                self.move_to(i)
                return
            i += delta

    def find(self, delta: int, want) -> bool:
        """Move to the next/previous sentence matching ``want(fact)``; False when none."""
        n = len(self.facts)
        i = self.cursor + delta
        while 0 <= i < n:
            if self.is_shown(i) and want(self.facts[i], i):
                self.move_to(i)
                return True
            i += delta
        return False

    def keep_cursor_visible(self) -> None:
        """Scroll so the cursor's sentence shows (after the pane was resized)."""
        self._scroll_to_cursor()

    def _refresh_sentence(self, index: int) -> None:
        span = self._lines_of.get(index)
        if span is not None:
            self.refresh_lines(span[0], span[1])

    def _scroll_to_cursor(self) -> None:
        span = self._lines_of.get(self.cursor)
        if span is None:
            return
        width = max(1, self.scrollable_content_region.width)
        self.scroll_to_region(Region(0, span[0], width, span[1]), animate=False, immediate=True)

    # -- layout and rendering ---------------------------------------------------------------

    def _styles(self) -> dict[str, str]:
        return {
            kind: str(self.get_component_rich_style(f"reader--{kind}", partial=True))
            for kind in ("all", "some", "unique", "boilerplate", "conflict", "note")
        }

    def notify_style_update(self) -> None:
        """Theme or focus changed: lay out again with the new colours."""
        super().notify_style_update()
        self._width = 0
        if self.facts:
            self._layout()

    def on_focus(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self) -> None:
        self._layout()
        self.call_after_refresh(self._scroll_to_cursor)

    def _layout(self) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        styles = self._styles()
        text_width = max(10, width - GUTTER_WIDTH - 1)
        console = self.app.console
        rows: list[_Row] = []
        lines_of: dict[int, tuple[int, int]] = {}
        for pos, fact in enumerate(self.facts):
            if not self.is_shown(pos):
                continue
            if fact.paragraph_start and rows:
                rows.append(_Row(None, Text("")))
            body = Text(fact.text, style=styles[fact.kind])
            wrapped = body.wrap(console, text_width)
            start = len(rows)
            for k, line in enumerate(wrapped):
                if k == 0:
                    prefix = gutter(fact, pos in self.noted, styles)
                else:
                    prefix = Text(" " * GUTTER_WIDTH)
                rows.append(_Row(pos, Text.assemble(prefix, line)))
            lines_of[pos] = (start, len(rows) - start)
        self._rows = rows
        self._lines_of = lines_of
        self._cache.clear()
        self.virtual_size = Size(width, len(rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        if self.facts and self.scrollable_content_region.width != self._width:
            # The scrollbar came or went without a Resize of this widget: wrap again.
            self._layout()
        scroll_y = self.scroll_offset.y
        row_index = scroll_y + y
        width = self.scrollable_content_region.width
        if row_index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = self._rows[row_index]
        on_cursor = row.sentence is not None and row.sentence == self.cursor
        key = (row_index, on_cursor)
        strip = self._cache.get(key)
        if strip is None:
            base = self.rich_style
            segments = row.text.render(self.app.console)
            if on_cursor:
                style = self.get_component_rich_style("reader--cursor")
                # post_style: the cursor's background wins; the coverage colours stay.
                cursor = Style(bgcolor=style.bgcolor, bold=True)
                segments = Segment.apply_style(segments, base, post_style=cursor)
                fill = base + cursor
            else:
                segments = Segment.apply_style(segments, base)
                fill = base
            strip = Strip(list(segments), row.text.cell_len).extend_cell_length(width, fill)
            self._cache[key] = strip
        return strip.crop(0, width)
