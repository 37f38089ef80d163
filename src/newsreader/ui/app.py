"""The newsreader Textual application: library, story and the screens around them.

The app owns one library connection for the UI thread (quick reads and triage writes); workers
open their own (``open_library``), as SQLite connections belong to one thread. Where the reader
was (story, version, sentence) is saved in the library's state table and restored on start.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState

from newsreader.errors import NewsreaderError
from newsreader.ui.messages import OpenStory
from newsreader.ui.text import one_line

POSITION_KEY = "ui.position"
THEME_KEY = "ui.theme"
SAVE_DELAY = 0.5  # seconds after the last cursor move before the position is written


def _open(path: Path, options: dict[str, Any]) -> Any:
    from newsreader.store.library import Library

    return Library.open(path, **options)


class NewsreaderApp(App[None]):
    """The reader over one library file."""

    TITLE = "newsreader"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", show=False),
        Binding("ctrl+t", "toggle_dark", "Dark/light", show=False),
    ]

    def __init__(
        self,
        db_path: Path | str,
        *,
        restore: bool = True,
        title: str | None = None,
        clock: Callable[[], float] | None = None,
        author: str | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        # Passed to every Library.open: tests fix the clock and author for stable output.
        self.library_options: dict[str, Any] = {}
        if clock is not None:
            self.library_options["clock"] = clock
        if author is not None:
            self.library_options["author"] = author
        self.restore = restore
        self._library: Any = None
        self._position: tuple[int | None, int, int] | None = None
        self._save_timer: Any = None
        self.last_export: Path | None = None
        if title:
            self.sub_title = title

    # -- library access ---------------------------------------------------------------------

    @property
    def library(self) -> Any:
        """The UI thread's library connection."""
        if self._library is None:
            self._library = _open(self.db_path, self.library_options)
        return self._library

    @contextmanager
    def open_library(self) -> Iterator[Any]:
        """A library connection for the calling (worker) thread, closed afterwards."""
        library = _open(self.db_path, self.library_options)
        try:
            yield library
        finally:
            library.close()

    def known_tags(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.library.tags())

    def apply_tags(
        self, story_ids: Iterable[int], old: tuple[str, ...], new: tuple[str, ...]
    ) -> None:
        """Make ``new`` the tags of each story where it had ``old`` (others kept)."""
        added = tuple(t for t in new if t not in old)
        removed = tuple(t for t in old if t not in new)
        for story_id in story_ids:
            if added:
                self.library.tag_story(story_id, *added)
            if removed:
                self.library.untag_story(story_id, *removed)
        self.library_changed()

    def library_changed(self) -> None:
        """Reload the lists that show stories (the library screen under the current one)."""
        from newsreader.ui.screens.library import LibraryScreen
        from newsreader.ui.screens.welcome import WelcomeScreen

        for screen in self.screen_stack:
            if isinstance(screen, LibraryScreen):
                screen.reload()
        if isinstance(self.screen, WelcomeScreen) and self.library.count_stories() > 0:
            self.switch_screen(LibraryScreen())

    def feed_statuses(self) -> tuple[Any, ...]:
        try:
            from newsreader.feeds.service import list_feeds
        except ImportError:
            return ()
        try:
            return tuple(list_feeds(self.db_path))
        except NewsreaderError as error:
            self.notify(str(error), severity="error")
        except sqlite3.Error as error:  # a library without feed tables: say so, keep going
            self.notify(f"Cannot read the feed list: {error}", severity="error")
        return ()

    # -- start, stop, position --------------------------------------------------------------

    def on_mount(self) -> None:
        from newsreader.ui.screens.library import LibraryScreen
        from newsreader.ui.screens.welcome import WelcomeScreen

        try:
            empty = self.library.count_stories() == 0
            theme = self.library.get_state(THEME_KEY)
        except NewsreaderError as error:
            self.exit(message=str(error))
            return
        if theme in self.available_themes:
            self.theme = theme
        self.push_screen(WelcomeScreen() if empty else LibraryScreen())
        if not empty and self.restore:
            self._restore_position()

    def _restore_position(self) -> None:
        raw = self.library.get_state(POSITION_KEY)
        if not raw:
            return
        try:
            where = json.loads(raw)
            story_id = int(where["story"])
            version, sentence = int(where.get("version", 0)), int(where.get("sentence", 0))
        except (ValueError, KeyError, TypeError):
            return
        try:
            self.library.story(story_id)
        except NewsreaderError:
            return
        self.post_message(OpenStory(story_id, version, sentence))

    def remember_position(self, story_id: int | None, version: int, sentence: int) -> None:
        """Note where the reader is; written shortly after the cursor rests, and on exit."""
        self._position = (story_id, version, sentence)
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._save_position)

    def _save_position(self) -> None:
        if self._position is None or self._library is None:
            return
        story_id, version, sentence = self._position
        value = (
            json.dumps({"story": story_id, "version": version, "sentence": sentence})
            if story_id is not None
            else ""
        )
        self.library.set_state(POSITION_KEY, value)
        self._position = None

    def watch_theme(self, theme: str) -> None:
        if self._library is not None:
            self.library.set_state(THEME_KEY, theme)

    async def action_quit(self) -> None:
        self._save_position()
        self.exit()

    def on_unmount(self) -> None:
        self._save_position()
        if self._library is not None:
            self._library.close()
            self._library = None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed tells the user in one line, and hides its progress bar."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, NewsreaderError):
            message = str(error)
        else:
            message = f"{event.worker.name or 'background work'} failed: {error!r}"
        self._work_done(message, "error", reload=False)

    # -- navigation -------------------------------------------------------------------------

    @on(OpenStory)
    def _open_story(self, message: OpenStory) -> None:
        from newsreader.ui.screens.story import StoryScreen

        while isinstance(self.screen, StoryScreen):
            self.pop_screen()
        self.push_screen(StoryScreen(message.story_id, message.version, message.sentence))

    def action_help(self) -> None:
        from newsreader.ui.screens.help import HelpScreen

        if self.screen.__class__.__name__ != "HelpScreen":
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_feeds(self) -> None:
        from newsreader.ui.screens.feeds import FeedsScreen

        self.push_screen(FeedsScreen())

    def action_library_notes(self) -> None:
        from newsreader.ui.screens.notes import NotesScreen

        self.push_screen(NotesScreen(story_id=None))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from newsreader.ui.commands import screen_commands

        yield from super().get_system_commands(screen)
        yield from screen_commands(self, screen)

    # -- long work: import, fetch -----------------------------------------------------------

    def _progress(self, label: str) -> ProgressBar:
        bar = ProgressBar(total=None, show_eta=False, id="work-progress")
        bar.border_title = label
        for old in self.screen.query("#work-progress"):
            old.remove()
        self.screen.mount(bar)
        return bar

    def action_import_files(self) -> None:
        from newsreader.ui.screens.modals import ImportModal

        def done(path: str | None) -> None:
            if path:
                self._progress("Importing")
                self.import_files((path,))

        self.push_screen(ImportModal(), done)

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def import_files(self, paths: tuple[str, ...]) -> None:
        def progress(update: Any) -> None:
            done, total = getattr(update, "done", None), getattr(update, "total", None)
            self.call_from_thread(self._set_progress, done, total)

        try:
            with self.open_library() as library:
                summary = library.import_paths(
                    [Path(p).expanduser() for p in paths], progress=progress
                )
        except NewsreaderError as error:
            self.call_from_thread(self._work_done, str(error), "error")
            return
        severity = "warning" if getattr(summary, "failed", ()) else "information"
        self.call_from_thread(self._work_done, _summary_line(summary), severity)

    def _set_progress(self, done: int | None, total: int | None) -> None:
        for bar in self.screen.query("#work-progress").results(ProgressBar):
            if total:
                bar.update(total=total, progress=done or 0)
            elif done is not None:
                bar.update(progress=done)

    def _work_done(self, message: str, severity: str, reload: bool = True) -> None:
        for screen in self.screen_stack:
            for bar in screen.query("#work-progress"):
                bar.remove()
        # markup=False: file names and error messages are shown as they are, never as markup.
        timeout = 6 if severity == "information" else 12
        self.notify(message, severity=severity, timeout=timeout, markup=False)  # type: ignore[arg-type]
        if reload:
            self.library_changed()

    def action_fetch_feeds(self) -> None:
        try:
            from newsreader.feeds.service import fetch_feeds  # noqa: F401
        except ImportError:
            self.notify("Feeds are not available in this build.", severity="warning")
            return
        self._progress("Fetching feeds")
        self.fetch_feeds()

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def fetch_feeds(self) -> None:
        from textual.worker import get_current_worker

        from newsreader.feeds.service import fetch_feeds

        worker = get_current_worker()

        def progress(update: Any) -> None:
            done, total = getattr(update, "done", None), getattr(update, "total", None)
            self.call_from_thread(self._set_progress, done, total)

        try:
            summary = fetch_feeds(
                self.db_path, progress=progress, cancelled=lambda: worker.is_cancelled
            )
        except NewsreaderError as error:
            self.call_from_thread(self._work_done, str(error), "error")
            return
        self.call_from_thread(self._work_done, _summary_line(summary), "information")


def _summary_line(summary: Any) -> str:
    """A one-line account of an import or fetch summary, whatever fields it carries."""
    if hasattr(summary, "__str__") and type(summary).__str__ is not object.__str__:
        return str(summary) + _failures(getattr(summary, "failed", ()))
    fields = getattr(summary, "__dataclass_fields__", {})
    parts = []
    for name in fields:
        value = getattr(summary, name)
        if isinstance(value, int):
            parts.append(f"{name.replace('_', ' ')}: {value}")
        elif isinstance(value, (tuple, list)):
            parts.append(f"{name.replace('_', ' ')}: {len(value)}")
    line = "Done. " + ", ".join(parts) if parts else "Done."
    return line + _failures(getattr(summary, "failed", ()))


FAILURES_SHOWN = 3  # failed files listed by name in the notification; the rest are counted


def _failures(failed: Any) -> str:
    """The first few failed inputs with their reasons, one a line, and how many more."""
    if not isinstance(failed, (tuple, list)) or not failed:
        return ""
    lines = []
    for failure in failed[:FAILURES_SHOWN]:
        name = Path(str(getattr(failure, "path", failure))).name
        reason = getattr(failure, "reason", "")
        lines.append(f"\n{one_line(name)}: {one_line(reason)}" if reason else f"\n{one_line(name)}")
    extra = len(failed) - FAILURES_SHOWN
    if extra > 0:
        lines.append(f"\n… and {extra} more")
    return "".join(lines)
