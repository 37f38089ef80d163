"""Snapshot tests: every screen at 80x24 and 120x40, on the demo library with a fixed clock.

Update with ``pytest tests/ui --snapshot-update`` only after reading the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from .conftest import open_library
from .helpers import wait_for_story

SIZES = [(80, 24), (120, 40)]


async def _still(pilot: Pilot) -> None:
    """No blinking cursors, layout settled: a snapshot must not depend on when it was taken."""
    await pilot.wait_for_scheduled_animations()
    await pilot.pause(0.05)
    for screen in pilot.app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False
    await pilot.pause()


def story_then(*keys: str):
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("enter")
        await wait_for_story(pilot)
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await _still(pilot)

    return run


def library_then(*keys: str):
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        await _still(pilot)

    return run


def light(run):
    async def run_light(pilot: Pilot) -> None:
        pilot.app.theme = "textual-light"
        await run(pilot)

    return run_light


SCREENS = {
    "library": library_then(),
    "library_filtered": library_then("slash", *"flood"),
    "story": story_then(),
    "story_inspector": story_then("c", "enter"),
    "story_light": light(story_then("c", "enter")),
    "library_light": light(library_then()),
    "story_boilerplate": story_then("right_square_bracket", "b"),
    "compare": story_then("v"),
    "compare_hide_shared": story_then("right_square_bracket", "right_square_bracket", "v", "H"),
    "matrix": story_then("m", "o"),
    "revisions": story_then("R"),
    "notes": story_then("N"),
    "help": story_then("question_mark"),
    "tag": story_then("t"),
    "annotate": story_then("j", "a"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen_snapshot(name: str, size, demo_db: Path, make_app, snap_compare) -> None:
    if name in ("notes", "tag"):
        library = open_library(demo_db)
        first = library.articles(1)[0]
        library.add_note("Ask the council for the figure.", article_id=first.id, sentence=0)
        library.tag_story(1, "floods", "westmoor")
        library.close()
    assert snap_compare(make_app(demo_db), run_before=SCREENS[name], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome_snapshot(size, tmp_path: Path, make_app, snap_compare) -> None:
    assert snap_compare(
        make_app(tmp_path / "empty.sqlite3"), run_before=library_then(), terminal_size=size
    )
