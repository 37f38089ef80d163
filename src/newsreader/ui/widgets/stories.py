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

from newsreader.ui.text import clip, one_line, short_time

PAGE = 200
STATUS_MARK = {"new": "●", "review": "◐", "checked": "✓", "spiked": "✗"}


def row_text(story: Any, width: int, selected: bool) -> Text:
    """One story as a row: select, status, star, unread, headline, versions, outlets, time, tags."""
    status = getattr(story, "status", "new") or "new"
    text = Text()
    text.append("▌" if selected else " ", style="bold")
    text.append(STATUS_MARK.get(status, "?") + " ", style="bold")
    text.append("★" if story.starred else " ", style="bold yellow")
    unread = int(story.unread or 0)
    text.append(f"{unread:>3} " if unread else "    ", style="bold")
    sources = tuple(story.sources or ())
    outlets = one_line(sources[0]) if sources else "-"
    if len(sources) > 1:
        outlets += f" +{len(sources) - 1}"
    when = short_time(story.newest)
    tags = " ".join("#" + one_line(t) for t in (story.tags or ()))
    tail_outlets = clip(outlets, 18).ljust(18) if width >= 100 else ""
    tail = f" {story.versions:>3}v {tail_outlets} {when:>12}"
    notes = int(getattr(story, "notes", 0) or 0)
    if notes:
        tail = f" ✎{notes}" + tail
    fixed = text.cell_len + len(tail) + 1
    tag_room = min(len(tags), max(0, (width - fixed) // 3)) if tags else 0
    title_room = max(8, width - fixed - (tag_room + 1 if tag_room else 0))
    text.append(
        clip(one_line(story.title), title_room).ljust(title_room), style="bold" if unread else ""
    )
    if tag_room:
        text.append(" " + clip(tags, tag_room), style="italic")
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
