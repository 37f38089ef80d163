"""The library's story list: a virtualised list reading pages of stories from SQLite on demand.

Only the visible rows are rendered, and rows come from ``Library.list_stories(offset=, limit=)``
one page at a time, cached; the total comes from ``count_stories``. A library of 100,000 articles
costs one count and one page query to show, whatever its size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from newsreader.store.records import STATUS_MARKS
from newsreader.ui.text import clip, one_line, short_time

PAGE = 200
# Fixed columns, in cells: the left block (select, status, star, unread) and the right block.
LEFT_WIDTH = 11
VERSIONS_WIDTH = 5
OUTLETS_WIDTH = 18
TIME_WIDTH = 12
# Outlets get their own column only where the headline keeps room to breathe.
OUTLETS_MIN_WIDTH = 100


def _right_block(width: int, versions: str, outlets: str, when: str) -> str:
    """The right-aligned columns: versions, outlets (on wide screens), newest time."""
    block = f" {versions:>{VERSIONS_WIDTH - 1}}"
    if width >= OUTLETS_MIN_WIDTH:
        block += f"  {clip(outlets, OUTLETS_WIDTH):<{OUTLETS_WIDTH}}"
    return block + f" {when:>{TIME_WIDTH}}"


def header_text(width: int) -> Text:
    """The column titles above the rows, aligned with :func:`row_text` at ``width``."""
    left = " st ★ unrd "
    right = _right_block(width, "vers", "outlets", "newest")
    room = max(8, width - len(left) - len(right) - 1)
    return Text(left + "headline".ljust(room)[:room] + " " + right, style="bold", no_wrap=True)


def row_text(story: Any, width: int, selected: bool) -> Text:
    """One story as a row: select, status, star, unread, headline, tags, versions, outlets, time."""
    status = getattr(story, "status", "new") or "new"
    text = Text(no_wrap=True)
    text.append("▌" if selected else " ", style="bold")
    text.append(f" {STATUS_MARKS.get(status, '?')} ", style="bold")
    text.append("★" if story.starred else " ", style="bold yellow")
    unread = int(story.unread or 0)
    text.append(f" {unread:>4} " if unread else "      ", style="bold")
    sources = tuple(story.sources or ())
    more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
    outlets = (clip(one_line(sources[0]), OUTLETS_WIDTH - len(more)) if sources else "-") + more
    tail = _right_block(width, f"{story.versions}v", outlets, short_time(story.newest))
    notes = int(getattr(story, "notes", 0) or 0)
    note_mark = f" ✎{notes}" if notes else ""
    tags = " ".join("#" + one_line(t) for t in (story.tags or ()))
    fixed = LEFT_WIDTH + len(tail) + len(note_mark) + 1
    tag_room = min(len(tags), max(0, (width - fixed) // 3)) if tags else 0
    title_room = max(8, width - fixed - (tag_room + 1 if tag_room else 0))
    title_style = "bold" if unread else ""
    if status == "spiked":
        title_style += " strike dim"
    text.append(clip(one_line(story.title), title_room).ljust(title_room), style=title_style)
    if tag_room:
        text.append(" " + clip(tags, tag_room), style="italic")
    text.append(note_mark + " ", style="bold")
    text.append(tail, style="dim")
    return text


class StoryList(ScrollView, can_focus=True):
    """Rows of stories fetched by ``fetch(offset, limit)``; ``count()`` gives the total."""

    COMPONENT_CLASSES = {"stories--cursor"}
    DEFAULT_CSS = """
    StoryList { height: 1fr; }
    StoryList .stories--cursor { background: $boost; }
    StoryList:focus .stories--cursor { background: $primary 50%; }
    """

    @dataclass
    class Highlighted(Message):
        story_list: StoryList
        story: Any

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fetch: Callable[[int, int], tuple[Any, ...]] = lambda offset, limit: ()
        self.total = 0
        self.cursor = 0
        self.selected: set[int] = set()
        self._pages: dict[int, tuple[Any, ...]] = {}

    def reload(
        self,
        fetch: Callable[[int, int], tuple[Any, ...]] | None = None,
        count: Callable[[], int] | None = None,
        keep_cursor: bool = True,
    ) -> None:
        """Drop the cached pages and re-read the total (after a filter or a change)."""
        if fetch is not None:
            self.fetch = fetch
        if count is not None:
            self._count = count
        self._pages.clear()
        self.total = self._count() if hasattr(self, "_count") else 0
        self.cursor = min(self.cursor if keep_cursor else 0, max(0, self.total - 1))
        self.virtual_size = Size(self.size.width, self.total)
        self.refresh()
        self._scroll_to_cursor()

    def story_at(self, index: int) -> Any | None:
        if not 0 <= index < self.total:
            return None
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = tuple(self.fetch(page * PAGE, PAGE))
            if len(self._pages) > 50:
                self._pages.clear()
            self._pages[page] = rows
        k = index - page * PAGE
        return rows[k] if k < len(rows) else None

    @property
    def current(self) -> Any | None:
        return self.story_at(self.cursor)

    def move(self, index: int) -> None:
        if self.total == 0:
            return
        index = max(0, min(index, self.total - 1))
        self.cursor = index
        self.refresh()
        self._scroll_to_cursor()
        self.post_message(self.Highlighted(self, self.current))

    def _scroll_to_cursor(self) -> None:
        width = max(1, self.size.width)
        self.scroll_to_region(Region(0, self.cursor, width, 1), animate=False, immediate=True)

    def toggle_selected(self) -> None:
        story = self.current
        if story is None:
            return
        self.selected ^= {story.id}
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self.total)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        story = self.story_at(index)
        if story is None:
            return Strip.blank(width, self.rich_style)
        text = row_text(story, width, story.id in self.selected)
        base = self.rich_style
        if index == self.cursor:
            style = self.get_component_rich_style("stories--cursor")
            cursor = Style(bgcolor=style.bgcolor, bold=True)
            segments = Segment.apply_style(text.render(self.app.console), base, post_style=cursor)
            fill = base + cursor
        else:
            segments = Segment.apply_style(text.render(self.app.console), base)
            fill = base
        strip = Strip(list(segments), text.cell_len)
        return strip.extend_cell_length(width, fill).crop(0, width)


class StoryHeader(Widget):
    """The column titles, kept aligned with the rows of the screen's :class:`StoryList`."""

    DEFAULT_CSS = """
    StoryHeader { height: 1; color: $text-muted; background: $panel; }
    """

    def render(self) -> Text:
        width = self.size.width
        lists = self.screen.query(StoryList)
        if lists:
            width = lists.first().scrollable_content_region.width or width
        return header_text(width)
