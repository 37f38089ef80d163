"""Benchmark the reader: cold start to first paint on a 100,000-article library, opening a
20-version story, and the Python time of one cursor move. Prints medians.

    python bench/bench_ui.py [--library PATH] [--articles 100000] [--runs 5]

The library is synthetic (generated here from a fixed seed: 20 stories of 20 versions each,
the rest in stories of 4 versions) and is built once at PATH (default
/work/data/bench-ui/library.sqlite3, outside the repository), then reused.
Targets (issue 5): first paint < 1 s and < 300 MB; open a 20-version story < 150 ms;
cursor move < 16 ms.

``open_painted_*`` is the time from the open request to the first frame drawn with the story on
it (what the user sees; "cold" is the story's first open in the session, "warm" opens it again);
``open_cold``/``open_warm`` wait further, until Textual is idle after that frame.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

WORDS = (
    "council river bridge police minister harbour school station market hospital court "
    "museum airport railway storm flood fire strike vote budget report union company bank "
    "village mayor farmers tenants drivers nurses teachers officials residents witnesses "
    "announced confirmed denied warned approved rejected delayed opened closed reported"
).split()
PLACES = "Carrow Hallam Westmoor Eastgate Imley Norbridge Ashby Kelton Marsh Dunmore".split()
OUTLETS = tuple(f"Outlet {i:02d}" for i in range(30))
BIG_STORIES = 20
BIG_VERSIONS = 20


SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gu ho ji ly po qu ri ze xo".split()


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def story_words(story: int) -> list[str]:
    """Names only this story uses, so that grouping keeps the synthetic stories apart."""
    rng = random.Random(story)
    return [name(rng) for _ in range(8)]


def sentence(rng: random.Random, story: int, k: int) -> str:
    own = story_words(story)
    words = rng.sample(WORDS, 6) + rng.sample(own, 3)
    rng.shuffle(words)
    return f"{own[k % 8]} {' '.join(words)} {story * 7 + k} on Monday, officials said."


def make_articles(total: int, seed: int = 7):
    from newsreader.core.model import Article

    rng = random.Random(seed)
    made = 0
    story = 0
    while made < total:
        versions = BIG_VERSIONS if story < BIG_STORIES else 4
        base = [sentence(rng, story, k) for k in range(12)]
        own = story_words(story)
        title = f"{own[0]} {own[1]} {' '.join(rng.sample(WORDS, 3))} in {own[2]}"
        for v in range(versions):
            body = list(base)
            body[v % 12] = sentence(rng, story, 100 + v)  # one unique sentence per version
            if v % 3 == 1:
                body.append(sentence(rng, story, 200 + v))
            day = 1 + (story % 27)
            yield Article(
                title=title if v % 2 else title + " - update",
                body="\n".join(body),
                source=OUTLETS[(story + v) % len(OUTLETS)],
                url=f"https://bench.example/{story}/{v}",
                published=f"2026-02-{day:02d}T{v % 24:02d}:{story % 60:02d}:00+00:00",
            )
            made += 1
            if made >= total:
                return
        story += 1


def build(path: Path, total: int) -> None:
    from newsreader.store.library import Library  # noqa: I001 (store is first-party on main)

    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Library.open(path) as library:
        summary = library.import_articles(make_articles(total))
    print(f"built {path}: {summary} in {time.perf_counter() - started:.1f} s", file=sys.stderr)


FIRST_PAINT = """
import resource, sys, time, asyncio
t0 = time.perf_counter()
sys.path.insert(0, {src!r})
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.widgets.stories import StoryList

async def main():
    app = NewsreaderApp({db!r}, restore=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(StoryList):
            await pilot.pause(0.001)
        stories = app.screen.query_one(StoryList)
        lines = [stories.render_line(y).text for y in range(stories.size.height)]
        elapsed = time.perf_counter() - t0
        assert lines[0].strip(), "no first row"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(elapsed, rss, stories.total)

asyncio.run(main())
"""


def first_paint(db: Path, runs: int) -> tuple[float, float, int]:
    times, rss, total = [], [], 0
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT.format(src=str(SRC), db=str(db))],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        times.append(float(out[0]))
        rss.append(float(out[1]))
        total = int(out[2])
    return statistics.median(times), statistics.median(rss), total


async def story_and_cursor(db: Path, runs: int) -> dict[str, float]:
    from newsreader.store.library import Library  # noqa: I001 (store is first-party on main)
    from newsreader.ui.app import NewsreaderApp
    from newsreader.ui.messages import OpenStory
    from newsreader.ui.screens.story import StoryScreen
    from newsreader.ui.widgets.reader import Reader

    with Library.open(db) as library:
        big = [
            s.id
            for s in library.list_stories(sort="versions", offset=0, limit=BIG_STORIES)
            if s.versions >= BIG_VERSIONS
        ]
    ready_cold, opens_cold, opens_warm, moves, moves_inspector = [], [], [], [], []
    painted_cold, painted_warm = [], []
    app = NewsreaderApp(db, restore=False)
    frames: list[float] = []
    display = app._display

    def record_frame(screen, renderable) -> None:  # the frame the terminal would be sent
        if isinstance(screen, StoryScreen) and screen.facts is not None and renderable is not None:
            frames.append(time.perf_counter())
        display(screen, renderable)

    app._display = record_frame  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        for k in range(min(runs, len(big))):
            for bucket, painted in ((opens_cold, painted_cold), (opens_warm, painted_warm)):
                frames.clear()
                started = time.perf_counter()
                app.post_message(OpenStory(big[k]))
                while not frames:
                    await pilot.pause(0.001)
                painted.append(frames[0] - started)
                while not (isinstance(app.screen, StoryScreen) and app.screen.facts is not None):
                    await pilot.pause(0.001)
                if bucket is opens_cold:
                    ready_cold.append(time.perf_counter() - started)
                await pilot.pause()
                bucket.append(time.perf_counter() - started)
                screen = app.screen
                reader = screen.query_one(Reader)
                for inspector, sink in ((False, moves), (True, moves_inspector)):
                    if inspector:
                        screen.action_inspect()
                    for _ in range(20):
                        t0 = time.perf_counter()
                        screen.action_cursor(1)
                        for y in range(reader.size.height):
                            reader.render_line(y)
                        sink.append(time.perf_counter() - t0)
                        await pilot.pause()
                screen.dismiss()
                await pilot.pause()
    return {
        "open_painted_cold_ms": statistics.median(painted_cold) * 1000,
        "open_painted_warm_ms": statistics.median(painted_warm) * 1000,
        "open_ready_ms": statistics.median(ready_cold) * 1000,
        "open_cold_ms": statistics.median(opens_cold) * 1000,
        "open_warm_ms": statistics.median(opens_warm) * 1000,
        "cursor_ms": statistics.median(moves) * 1000,
        "cursor_inspector_ms": statistics.median(moves_inspector) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=Path("/work/data/bench-ui/library.sqlite3"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.library.exists():
        build(args.library, args.articles)
    paint, rss, total = first_paint(args.library, args.runs)
    result = {"stories": total, "first_paint_s": round(paint, 3), "first_paint_rss_mb": round(rss)}
    timings = asyncio.run(story_and_cursor(args.library, args.runs))
    result.update({k: round(v, 2) for k, v in timings.items()})
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
