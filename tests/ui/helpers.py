"""Helpers for the UI tests: wait for a screen, read what a widget shows."""

from __future__ import annotations

from textual.pilot import Pilot

from newsreader.ui.screens.story import StoryScreen
from newsreader.ui.widgets.reader import Reader


async def wait_for_story(pilot: Pilot) -> StoryScreen:
    """Wait until the story screen has loaded its story (the worker finished)."""
    for _ in range(200):
        screen = pilot.app.screen
        if isinstance(screen, StoryScreen) and screen.facts is not None:
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise AssertionError(f"story did not load; screen is {pilot.app.screen!r}")


def reader_lines(screen: StoryScreen) -> list[str]:
    """The text of every line the reader pane shows right now."""
    reader = screen.query_one(Reader)
    return [reader.render_line(y).text for y in range(reader.size.height)]


def cursor_fact(screen: StoryScreen):
    fact = screen.current_fact()
    assert fact is not None
    return fact
