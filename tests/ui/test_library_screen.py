"""The library screen: listing, filtering, triage, bulk actions, merge, welcome view."""

from __future__ import annotations

from pathlib import Path

from newsreader.ui.screens.library import LibraryScreen, parse_filter
from newsreader.ui.screens.welcome import WelcomeScreen
from newsreader.ui.widgets.stories import StoryHeader, StoryList, row_text

from .conftest import build_library, open_library


def titles(app) -> list[str]:
    stories = app.screen.query_one(StoryList)
    return [stories.story_at(i).title for i in range(stories.total)]


async def test_empty_library_opens_on_welcome_view(tmp_path: Path, make_app) -> None:
    app = make_app(tmp_path / "empty.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = str(app.screen.query_one("#welcome").render())
        assert "newsreader import" in text and "newsreader demo" in text
        assert "feeds add" in text


async def test_welcome_view_fits_and_wraps_at_80x24(tmp_path: Path, make_app) -> None:
    app = make_app(tmp_path / "empty.sqlite3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#welcome")
        assert box.region.x >= 0 and box.region.right <= 80
        assert box.region.bottom <= 23  # the footer keeps the last row
        lines = box.render_lines(box.region.reset_offset)
        shown = " ".join(strip.text.strip("│ ") for strip in lines)
        assert "your library is not touched" in " ".join(shown.split())


async def test_stories_listed_newest_first(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        listed = titles(app)
        assert len(listed) == 3
        assert listed[0].startswith("Floods force 1,200")
        assert listed[-1].startswith("Stolen portrait")


async def test_filter_narrows_list_as_you_type(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"tram")
        await pilot.pause()
        assert titles(app) == ["Hallam Cross council approves tram extension to the airport"]
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 3


def test_filter_tokens_become_filters() -> None:
    flt = parse_filter('flood tag:urgent status:review source:"The Valley Ledger" is:starred')
    assert flt.search == "flood"
    assert flt.tag == "urgent"
    assert flt.status == "review"
    assert flt.source == "The Valley Ledger"
    assert flt.starred is True


async def test_triage_keys_act_at_once_and_persist(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s", "2", "r")
        await pilot.pause()
        story = app.screen.query_one(StoryList).current
        assert story.starred and story.status == "review" and story.unread == 0
    library = open_library(demo_db)
    saved = library.story(story.id)
    library.close()
    assert saved.starred and saved.status == "review" and saved.unread == 0


async def test_status_filter_shows_only_matching(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "3")
        await pilot.press("slash", *"status:checked")
        await pilot.pause()
        assert titles(app) == ["Hallam Cross council approves tram extension to the airport"]


async def test_bulk_star_applies_to_selected_stories(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("space", "space", "s")
        await pilot.pause()
    library = open_library(demo_db)
    starred = [
        s.title[:6] for s in library.list_stories(starred=True, sort="newest", offset=0, limit=10)
    ]
    library.close()
    assert starred == ["Floods", "Hallam"]


async def test_tagging_completes_from_existing_tags(demo_db: Path, make_app) -> None:
    library = open_library(demo_db)
    library.tag_story(3, "westmoor")
    library.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t", *"west")
        await pilot.pause()
        await pilot.press("right", "enter")
        await pilot.pause()
        story = app.screen.query_one(StoryList).current
        assert story.tags == ("westmoor",)
        await pilot.press("slash", *"tag:westmoor")
        await pilot.pause()
        assert len(titles(app)) == 2


async def test_merge_selected_stories_into_cursor_story(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "space")  # select the portrait story
        await pilot.press("k", "k", "M")  # merge it into the flood story
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(titles(app)) == 2
        assert app.screen.query_one(StoryList).story_at(0).versions == 8


async def test_hostile_headline_shown_literally(tmp_path: Path, make_app) -> None:
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "[bold red]Breaking[/] \x1b[31mnews\x1b[0m about the [link=x]vote[/link]\n"
        "Source: [blink]Evil Outlet[/blink]\n\n"
        "The council [i]voted[/i] on Monday.\x1b]0;pwned\x07 Nothing else happened.\n",
        encoding="utf-8",
    )
    db = build_library(tmp_path / "hostile.sqlite3", (hostile,))
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        line = app.screen.query_one(StoryList).render_line(0).text
        assert "[bold red]Breaking[/]" in line
        assert "\x1b" not in line and "[31m" not in line
        svg = app.export_screenshot()
        assert "\x1b" not in svg
        await pilot.press("enter")
        from .helpers import reader_lines, wait_for_story

        screen = await wait_for_story(pilot)
        shown = "\n".join(reader_lines(screen))
        assert "[i]voted[/i]" in shown
        assert "pwned" not in shown and "\x1b" not in shown


async def test_feed_list_says_how_to_add_a_feed(demo_db: Path, make_app) -> None:
    from textual.widgets import DataTable

    from newsreader.ui.screens.feeds import FeedsScreen

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FeedsScreen)
        table = app.screen.query_one(DataTable)
        assert "feeds add" in str(table.get_row_at(0)[0])


def test_feed_row_shows_health_and_error() -> None:
    from dataclasses import dataclass
    from datetime import datetime, timezone

    from newsreader.ui.screens.feeds import feed_row

    @dataclass
    class Status:
        url: str = "https://wire.example/feed"
        title: str | None = "Wire [bold]feed[/bold]"
        last_fetch: datetime | None = datetime(2026, 3, 10, 7, 0, tzinfo=timezone.utc)
        error: str | None = "HTTP 503"
        items: int = 12
        health: str = "failing"

    name, health, when, items = feed_row(Status())
    assert name.plain == "Wire [bold]feed[/bold]"
    assert health.plain == "✗ failing: HTTP 503"
    assert (when, items) == ("Mar 10 07:00", "12")


async def test_import_from_welcome_view_fills_library(tmp_path: Path, make_app) -> None:
    from newsreader.demo import corpus_dir

    app = make_app(tmp_path / "new.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*str(corpus_dir()), "enter")
        for _ in range(300):
            if isinstance(app.screen, LibraryScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, LibraryScreen)
        assert len(titles(app)) == 3


def test_demo_library_lives_in_cache_not_user_library(tmp_path: Path) -> None:
    import os

    from newsreader.cli.app import build_demo_library, demo_library_path

    path = demo_library_path()
    assert str(path).startswith(os.environ["XDG_CACHE_HOME"])
    assert path != Path(os.environ["NEWSREADER_DB"])
    build_demo_library(path)
    library = open_library(path)
    try:
        counts = sorted(s.versions for s in library.list_stories(sort="newest", offset=0, limit=9))
    finally:
        library.close()
    assert counts == [2, 3, 6]
    assert not Path(os.environ["NEWSREADER_DB"]).exists()


async def test_import_lists_failed_files_with_reasons(tmp_path: Path, make_app) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for k in range(5):
        (folder / f"broken{k}.json").write_text("{not json", encoding="utf-8")
    app = make_app(tmp_path / "new.sqlite3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        await pilot.press(*str(folder), "enter")
        for _ in range(300):
            if app._notifications:
                break
            await pilot.pause(0.02)
        message = list(app._notifications)[-1].message
        assert "broken0.json: " in message and "broken2.json: " in message
        assert "broken3.json" not in message and "and 2 more" in message


async def test_header_names_the_columns_above_their_values(demo_db: Path, make_app) -> None:
    for width in (80, 120):
        app = make_app(demo_db)
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            header = app.screen.query_one(StoryHeader).render().plain
            stories = app.screen.query_one(StoryList)
            row = stories.render_line(0).text
            # versions right-aligned under "vers", the time under "newest"
            assert row.index("6v") + 2 == header.index("vers") + 4
            assert row.rstrip().endswith("Mar 10 16:50")
            assert header.rstrip().endswith("newest")
            assert len(row.rstrip()) == len(header.rstrip())
            if width >= 100:
                assert row[header.index("outlets") :].startswith("Channel 9")


async def test_status_marks_differ_by_status_and_spiked_is_struck(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4", "j", "3")
        await pilot.pause()
        stories = app.screen.query_one(StoryList)
        spiked, checked = stories.story_at(0), stories.story_at(1)
        first, second = (row_text(s, 120, False) for s in (spiked, checked))
        assert first.plain[2] == "✗" and second.plain[2] == "✓"
        assert any("strike" in str(span.style) for span in first.spans)
