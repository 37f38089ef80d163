"""The story screen: versions, reader, jumps, inspector, boilerplate, notes, other screens."""

from __future__ import annotations

from pathlib import Path

from newsreader.ui.screens.compare import CompareScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.matrix import MatrixScreen
from newsreader.ui.screens.notes import NotesScreen
from newsreader.ui.screens.revisions import RevisionsScreen
from newsreader.ui.screens.story import StoryScreen
from newsreader.ui.widgets.inspector import Inspector
from newsreader.ui.widgets.reader import Reader
from newsreader.ui.widgets.versions import VersionList

from .conftest import open_library
from .helpers import cursor_fact, reader_lines, wait_for_story


async def open_flood_story(pilot):
    await pilot.pause()
    await pilot.press("enter")
    return await wait_for_story(pilot)


async def test_story_shows_versions_and_coverage_gutter(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        assert screen.query_one(VersionList).option_count == 6
        lines = reader_lines(screen)
        assert lines[0].lstrip().startswith("6/6 !")
        assert any("5/6 !" in line and "Dozens" in line for line in lines)


async def test_cursor_moves_by_sentence(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("j", "j")
        assert cursor_fact(screen).text.startswith("Dozens of homes")
        await pilot.press("k")
        assert cursor_fact(screen).text.startswith("The Westmoor Flood Authority")


async def test_unique_and_conflict_jumps(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert screen.version == 3  # The Valley Ledger
        await pilot.press("home", "u")
        fact = cursor_fact(screen)
        assert fact.kind == "unique" and fact.text.startswith("A spokesman for Imley Water")
        await pilot.press("u")
        second = cursor_fact(screen)
        assert second.kind == "unique" and second.index > fact.index
        await pilot.press("U")
        assert cursor_fact(screen).index == fact.index
        await pilot.press("home", "c", "c")
        assert cursor_fact(screen).conflict
        assert cursor_fact(screen).text.startswith("More than 200 homes")


async def test_inspector_lists_wordings_and_conflicting_values(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("enter")
        await pilot.pause()
        text = screen.query_one(Inspector).render_text()
        assert "Conflict" in text and "1,400" in text and "1,450" in text
        assert "copy of #1" in text
        assert "[-About 1,200-]" in text or "{+More than 1,400+}" in text


async def test_boilerplate_toggle_shows_junk_dimmed(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("right_square_bracket")  # NewsPile, the repost wrapped in junk
        await pilot.pause()
        assert not any("Let's block ads" in line for line in reader_lines(screen))
        await pilot.press("b", "end")
        await pilot.pause()
        lines = reader_lines(screen)
        assert any("Previous Article" in line and "···" in line for line in lines)


async def test_annotation_marks_gutter_and_persists(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("j", "a")
        await pilot.pause()
        await pilot.press(*"Check with the authority")
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert 1 in screen.query_one(Reader).noted
        assert any("✎" in line and "Westmoor Flood" in line for line in reader_lines(screen))
        await pilot.press("home", "n")
        assert screen.query_one(Reader).cursor == 1
    library = open_library(demo_db)
    notes = library.notes(story_id=1)
    library.close()
    assert [(n.text, n.sentence, n.author) for n in notes] == [
        ("Check with the authority", 1, "tester")
    ]


async def test_notes_screen_edits_and_deletes(demo_db: Path, make_app) -> None:
    library = open_library(demo_db)
    article = library.articles(1)[0]
    library.add_note("first note", article_id=article.id, sentence=2)
    library.close()
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("N")
        await pilot.pause()
        assert isinstance(app.screen, NotesScreen)
        await pilot.press("e")
        await pilot.pause()
        from newsreader.ui.screens.modals import AnnotateModal

        assert isinstance(app.screen, AnnotateModal)
        await pilot.press("end", "space", *"edited", "ctrl+s")
        await pilot.pause()
        assert app.screen.notes[0].text == "first note edited"
        await pilot.press("enter")
        screen = await wait_for_story(pilot)
        assert cursor_fact(screen).index == 2
        await pilot.press("N", "d", "y")
        await pilot.pause()
        assert app.screen.notes == ()


async def test_compare_swaps_and_hides_shared(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.left, screen.right) == (0, 1)
        await pilot.press("w")
        assert (screen.left, screen.right) == (1, 0)
        await pilot.press("full_stop", "H")
        await pilot.pause()
        assert screen.right == 2 and screen.hide_shared
        assert "shared rows hidden" in str(screen.query_one("#compare-title").render())


async def test_matrix_sorts_and_enter_jumps_to_sentence(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        story = await open_flood_story(pilot)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MatrixScreen)
        await pilot.press("o")
        await pilot.press("ctrl+end", "enter")
        await pilot.pause()
        assert app.screen is story
        fact = cursor_fact(story)
        assert fact.kind == "unique"


async def test_revisions_show_what_the_update_changed(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RevisionsScreen)
        text = str(app.screen.query_one("#revisions").render())
        assert "+ added" in text and "railway line" in text
        assert "~ changed" in text and "1,450" in text


async def test_split_version_out_makes_new_story(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("x")
        await pilot.pause(0.3)
        screen = await wait_for_story(pilot)
        assert screen.facts.total == 5
    library = open_library(demo_db)
    assert library.count_stories() == 4
    library.close()


async def test_export_writes_desk_memo(demo_db: Path, make_app, tmp_path: Path) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(100):
            if app.last_export is not None:
                break
            await pilot.pause(0.02)
    memo = (tmp_path / "story-1.md").read_text(encoding="utf-8")
    assert "1,400" in memo


async def test_help_lists_the_keys_of_the_current_screen(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from newsreader.ui.screens.help import key_table

        table = key_table(story_screen := app.screen_stack[-2])
        assert isinstance(story_screen, StoryScreen)
        text = " ".join(str(cell) for column in table.columns for cell in column.cells)
        for description in ("Next unique", "Next conflict", "Compare", "Matrix", "Annotate"):
            assert description in text
        await pilot.press("escape")
        assert isinstance(app.screen, StoryScreen)


async def test_palette_offers_every_action_of_the_screen(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Next conflict", "Compare", "Split version out", "Export", "Import files"} <= titles


async def test_position_restored_after_restart(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("right_square_bracket", "j", "j", "j")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_story(pilot)
        assert screen.story_id == 1 and screen.version == 1
        assert screen.query_one(Reader).cursor >= 3


async def test_move_version_to_another_story(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("right_square_bracket", "M")
        await pilot.pause()
        await pilot.press(*"tram", "enter")
        await pilot.pause(0.3)
        screen = await wait_for_story(pilot)
        assert screen.facts.total == 5
    library = open_library(demo_db)
    try:
        versions = {
            s.title[:6]: s.versions for s in library.list_stories(sort="newest", offset=0, limit=9)
        }
    finally:
        library.close()
    assert versions["Hallam"] == 4


async def test_escape_closes_inspector_before_leaving_story(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(Inspector).display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert not screen.query_one(Inspector).display
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


async def test_reader_rewraps_after_terminal_resize(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        for size in ((80, 24), (120, 40), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            reader = screen.query_one(Reader)
            width = reader.scrollable_content_region.width
            assert all(row.text.cell_len <= width for row in reader._rows), size
            assert all(len(line.rstrip()) <= width for line in reader_lines(screen)), size


async def test_help_lists_the_screens_own_keys_before_generic_ones(demo_db: Path, make_app) -> None:
    from newsreader.ui.screens.help import key_table

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_flood_story(pilot)
        descriptions = [str(cell) for cell in key_table(screen).columns[1].cells]
        assert descriptions[0] == "Back"
        assert descriptions.index("Compare") < descriptions.index("Focus Next")


def test_counts_use_singular_for_one() -> None:
    from newsreader.ui.text import count

    assert count(1, "version") == "1 version" and count(6, "version") == "6 versions"
    assert count(1, "story") == "1 story" and count(3, "story") == "3 stories"


async def test_compare_h_steps_versions_like_the_story_screen(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        await pilot.press("l", "l")
        assert screen.right == 3
        await pilot.press("h")
        await pilot.pause()
        assert screen.right == 2 and not screen.hide_shared


def test_diff_keeps_the_space_before_a_deleted_phrase() -> None:
    from newsreader.ui.screens.compare import diff_pair
    from newsreader.ui.widgets.inspector import diff_text

    shown = diff_text("near the Airport at a cost of £52 million.", "near the Airport.").plain
    assert "Airport. [-at a cost" in shown or "Airport [-at a cost" in shown
    assert "Airport.[-" not in shown
    _left, right = diff_pair("near the Airport at a cost of £52 million.", "near the Airport.")
    assert "Airport." in right.plain


async def test_compare_marks_a_number_conflict_between_the_two_sides(
    demo_db: Path, make_app
) -> None:
    from rich.console import Console

    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        # the wire (#1, about 1,200 evacuated) beside the broadcaster (#5, more than 1,400)
        await pilot.press("full_stop", "full_stop", "full_stop")
        await pilot.pause()
        assert (screen.left, screen.right) == (0, 4)
        console = Console(width=120, record=True, color_system=None)
        console.print(screen.query_one("#compare-table").content)
        lines = console.export_text().splitlines()
        assert any(line.lstrip().startswith("~!") and "1,400" in line for line in lines)
        assert not any(line.lstrip().startswith("=!") for line in lines)


async def test_version_list_spells_out_counts_and_relations(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_flood_story(pilot)
        versions = screen.query_one(VersionList)
        labels = [versions.get_option_at_index(i).prompt.plain for i in range(6)]
        assert labels[0].splitlines()[1].endswith("· 8 sent.")
        assert labels[0].splitlines()[2] == "nothing unique"
        assert labels[1].splitlines()[2] == "copy of #1"
        assert labels[3].splitlines()[2] == "40% unique"
        assert labels[5].splitlines()[2].startswith("revises #3")
        width = versions.scrollable_content_region.width
        assert all(len(line) <= width for label in labels for line in label.splitlines())


async def test_matrix_legend_names_every_column_at_80x24(demo_db: Path, make_app) -> None:
    app = make_app(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_flood_story(pilot)
        await pilot.press("m")
        await pilot.pause()
        legend = app.screen.query_one("#matrix-legend").render().plain
        lines = legend.splitlines()
        assert all(len(line) <= 78 for line in lines)
        for n, outlet in ((1, "Northgate Wire"), (2, "NewsPile"), (4, "The Valley Ledg")):
            assert any(f"{n} {outlet}" in line for line in lines)
        assert "Mar 10 16:50" in legend
