"""The library: every story, newest first, filtered as you type.

The filter box takes words (searched in headlines and text) and ``tag:NAME``, ``status:review``,
``source:NAME``, ``is:starred``, ``is:unread``; ``o`` cycles the sort order. Space selects stories
for bulk actions: read, star, status and tag keys apply to the selection when there is one, and
``M`` merges the selected stories into the one under the cursor.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from newsreader.store.records import STATUSES
from newsreader.ui.bindings import TRIAGE_BINDINGS
from newsreader.ui.messages import OpenStory
from newsreader.ui.screens.base import AppScreen
from newsreader.ui.text import count, one_line
from newsreader.ui.widgets.keybar import KeyBar
from newsreader.ui.widgets.stories import StoryHeader, StoryList

SORTS = ("newest", "oldest", "versions", "unread", "title")


@dataclass(frozen=True, slots=True)
class Filter:
    """The parsed filter box."""

    search: str | None = None
    tag: str | None = None
    status: str | None = None
    source: str | None = None
    starred: bool | None = None
    unread: bool | None = None

    def kwargs(self) -> dict[str, Any]:
        return {
            "search": self.search,
            "tag": self.tag,
            "status": self.status,
            "source": self.source,
            "starred": self.starred,
            "unread": self.unread,
        }


def parse_filter(value: str) -> Filter:
    """``tag:x status:review source:"The Wire" is:starred words...`` as a :class:`Filter`."""
    try:
        parts = shlex.split(value)
    except ValueError:
        parts = value.split()
    words: list[str] = []
    found: dict[str, Any] = {}
    for part in parts:
        key, sep, rest = part.partition(":")
        key = key.lower()
        if sep and rest and key in ("tag", "source"):
            found[key] = rest
        elif sep and key == "status" and rest.lower() in STATUSES:
            found["status"] = rest.lower()
        elif sep and key == "is" and rest.lower() in ("starred", "unread"):
            found[rest.lower()] = True
        else:
            words.append(part)
    return Filter(search=" ".join(words) or None, **found)


class LibraryScreen(AppScreen[None]):
    """The story list."""

    BINDINGS = [
        Binding("q", "app.quit", "Quit"),
        Binding("slash", "filter", "Filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home,g", "top", "Top", show=False),
        Binding("end,G", "bottom", "Bottom", show=False),
        Binding("enter", "open", "Open"),
        Binding("space", "select", "Select", show=False),
        *TRIAGE_BINDINGS,
        Binding("t", "tag", "Tag"),
        Binding("M", "merge", "Merge selected", show=False),
        Binding("o", "sort", "Sort"),
        Binding("N", "notes", "Notes", show=False),
        Binding("i", "app.import_files", "Import"),
        Binding("f", "app.feeds", "Feeds", show=False),
        Binding("F", "app.fetch_feeds", "Fetch feeds", show=False),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter = Filter()
        self.sort = SORTS[0]

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="/ filter: words  tag:x  status:review  source:x  is:starred  is:unread",
            id="filter",
        )
        yield StoryHeader(id="stories-header")
        yield StoryList(id="stories")
        yield Static(id="library-status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(StoryList).focus()
        self.reload(keep_cursor=False)

    def reload(self, keep_cursor: bool = True) -> None:
        library = self.app.library
        flt, sort = self.filter.kwargs(), self.sort

        def fetch(offset: int, limit: int) -> tuple[Any, ...]:
            return tuple(library.list_stories(**flt, sort=sort, offset=offset, limit=limit))

        def count() -> int:
            return int(library.count_stories(**flt))

        stories = self.query_one(StoryList)
        stories.reload(fetch, count, keep_cursor=keep_cursor)
        self.query_one(StoryHeader).refresh()
        self._status()

    def _status(self) -> None:
        stories = self.query_one(StoryList)
        text = Text()
        text.append(f" {count(stories.total, 'story')}", style="bold")
        text.append(f"  sort: {self.sort}")
        active = {k: v for k, v in self.filter.kwargs().items() if v}
        if active:
            text.append("  filter: " + " ".join(f"{k}={one_line(v)}" for k, v in active.items()))
        if stories.selected:
            text.append(f"  {len(stories.selected)} selected", style="bold")
        self.query_one("#library-status", Static).update(text)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter = parse_filter(event.value)
        self.reload(keep_cursor=False)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(StoryList).focus()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one(StoryList).focus()

    def action_move(self, delta: int) -> None:
        stories = self.query_one(StoryList)
        stories.move(stories.cursor + delta)

    def action_page(self, delta: int) -> None:
        stories = self.query_one(StoryList)
        stories.move(stories.cursor + delta * max(1, stories.size.height - 1))

    def action_top(self) -> None:
        self.query_one(StoryList).move(0)

    def action_bottom(self) -> None:
        stories = self.query_one(StoryList)
        stories.move(stories.total - 1)

    def action_open(self) -> None:
        story = self.query_one(StoryList).current
        if story is not None:
            self.post_message(OpenStory(story.id))

    def action_select(self) -> None:
        stories = self.query_one(StoryList)
        stories.toggle_selected()
        stories.move(stories.cursor + 1)
        self._status()

    def targets(self) -> tuple[Any, ...]:
        """The selected stories, or the one under the cursor."""
        stories = self.query_one(StoryList)
        if stories.selected:
            library = self.app.library
            return tuple(s for s in (library.story(i) for i in sorted(stories.selected)) if s)
        current = stories.current
        return (current,) if current is not None else ()

    def _after_bulk(self, message: str) -> None:
        stories = self.query_one(StoryList)
        stories.selected.clear()
        self.reload()
        self.notify(message, timeout=2)

    def action_toggle_read(self) -> None:
        targets = self.targets()
        if not targets:
            return
        read = any(s.unread for s in targets)
        for story in targets:
            self.app.library.set_read(story.id, read)
        self._after_bulk(f"{len(targets)} marked {'read' if read else 'unread'}.")

    def action_toggle_star(self) -> None:
        targets = self.targets()
        if not targets:
            return
        starred = not all(s.starred for s in targets)
        for story in targets:
            self.app.library.set_starred(story.id, starred)
        self._after_bulk(f"{len(targets)} {'starred' if starred else 'unstarred'}.")

    def action_status(self, status: str) -> None:
        targets = self.targets()
        for story in targets:
            self.app.library.set_status(story.id, status)
        if targets:
            self._after_bulk(f"{len(targets)} set to {status}.")

    def action_tag(self) -> None:
        targets = self.targets()
        if not targets:
            return
        from newsreader.ui.screens.modals import TagModal

        common = tuple(
            t for t in (targets[0].tags or ()) if all(t in (s.tags or ()) for s in targets)
        )

        def done(tags: tuple[str, ...] | None) -> None:
            if tags is None:
                return
            self.app.apply_tags(tuple(s.id for s in targets), common, tags)
            self._after_bulk(f"Tags set on {count(len(targets), 'story')}.")

        self.app.push_screen(TagModal(common, self.app.known_tags()), done)

    def action_merge(self) -> None:
        stories = self.query_one(StoryList)
        target = stories.current
        others = tuple(sorted(i for i in stories.selected if target is None or i != target.id))
        if target is None or not others:
            self.notify(
                "Select stories with space, then put the cursor on the story to merge "
                "them into and press M.",
                timeout=4,
            )
            return
        from newsreader.ui.screens.modals import ConfirmModal

        def done(yes: bool | None) -> None:
            if yes:
                self.app.library.merge_stories(target.id, *others)
                self.app.library_changed()
                self._after_bulk(f"Merged {count(len(others), 'story')} into {target.id}.")

        self.app.push_screen(
            ConfirmModal(f"Merge {len(others)} selected stories into “{one_line(target.title)}”?"),
            done,
        )

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.reload(keep_cursor=False)

    def action_notes(self) -> None:
        from newsreader.ui.screens.notes import NotesScreen

        self.app.push_screen(NotesScreen(story_id=None))

    @on(StoryList.Highlighted)
    def _highlighted(self) -> None:
        self._status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "merge" and not self.query_one(StoryList).selected:
            return None
        return True
