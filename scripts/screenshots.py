"""Render SVG screenshots of every reader screen into ``screenshots/`` (for the README).

    python scripts/screenshots.py [OUT_DIR]

Builds a throw-away library from the bundled demo corpus (fixed clock, so the pictures only
change when the UI does), drives the app with the same keys a user would press, and saves one
SVG per screen at 120x40, plus the story screen at 80x24.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIXED_NOW = 1_773_360_000.0  # 2026-03-13 00:00 UTC

# (file name, keys pressed in the library, keys pressed once the story is open, size)
SHOTS: tuple[tuple[str, Sequence[str], Sequence[str] | None, tuple[int, int]], ...] = (
    ("library", (), None, (120, 40)),
    ("library-filter", ("slash", *"flood"), None, (120, 40)),
    ("story", ("enter",), (), (120, 40)),
    ("story-80x24", ("enter",), (), (80, 24)),
    ("inspector", ("enter",), ("c", "enter"), (120, 40)),
    ("boilerplate", ("enter",), ("right_square_bracket", "b"), (120, 40)),
    ("compare", ("enter",), ("right_square_bracket", "right_square_bracket", "v"), (120, 40)),
    ("matrix", ("enter",), ("m", "o"), (120, 40)),
    ("revisions", ("enter",), ("R",), (120, 40)),
    ("notes", ("enter",), ("N",), (120, 40)),
    ("annotate", ("enter",), ("j", "a"), (120, 40)),
    ("help", ("enter",), ("question_mark",), (120, 40)),
)


def clock() -> float:
    return FIXED_NOW


def build(path: Path) -> None:
    from newsreader.demo import corpus_paths  # noqa: I001 (store is first-party on main)
    from newsreader.store.library import Library

    with Library.open(path, clock=clock, author="desk") as library:
        library.import_paths([str(p) for p in corpus_paths()])
        first = library.articles(1)
        library.add_note(
            "Wire and Ledger give 1,200; Channel 9 says 1,400. Ask the county.",
            article_id=first[0].id,
            sentence=0,
        )
        library.tag_story(1, "floods", "westmoor")
        library.set_status(1, "review")


async def shoot(db: Path, out: Path, name: str, keys, story_keys, size) -> None:
    from textual.widgets import Input, TextArea

    from newsreader.ui.app import NewsreaderApp
    from newsreader.ui.screens.story import StoryScreen

    app = NewsreaderApp(db, clock=clock, author="desk", restore=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        if story_keys is not None:
            while not (isinstance(app.screen, StoryScreen) and app.screen.facts is not None):
                await pilot.pause(0.01)
            await pilot.press(*story_keys)
        await pilot.pause(0.1)
        for screen in app.screen_stack:
            for widget in [*screen.query(Input), *screen.query(TextArea)]:
                widget.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(filename=f"{name}.svg", path=str(out))


async def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.sqlite3"
        build(db)
        for name, keys, story_keys, size in SHOTS:
            await shoot(db, out, name, keys, story_keys, size)
            print(f"{out / name}.svg")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "screenshots"))
