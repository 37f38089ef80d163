"""The library commands, run through click's CliRunner against a temporary library."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsreader.cli import cli
from newsreader.cli.library import COMMANDS

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
STORY_KEYS = {
    "id",
    "title",
    "versions",
    "sources",
    "newest",
    "tags",
    "status",
    "unread",
    "starred",
    "notes",
}


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "library.sqlite3"
    monkeypatch.setenv("NEWSREADER_DB", str(db))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "config.toml"))
    (tmp_path / "config.toml").write_text('author = "Desk Tester"\n')
    return db


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


def run(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def one_error_line(result: Result) -> str:
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def stocked(db: Path) -> Path:
    result = run("import", str(FIXTURES / "library"))
    assert result.exit_code == 0, result.output
    return db


def stories_json(*args: str) -> list[dict]:
    result = run("stories", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["schema"] == "newsreader.stories/1"
    return doc["stories"]


def flood_id() -> int:
    return next(s["id"] for s in stories_json() if "Imley" in s["title"])


def portrait_id() -> int:
    return next(s["id"] for s in stories_json() if "Varga" in s["title"])


def article_ids(story: int) -> list[int]:
    doc = json.loads(run("show", str(story), "--format", "json").output)
    return [v["article_id"] for v in doc["versions"]]


# -- import ----------------------------------------------------------------------------


def test_import_prints_a_summary_and_exits_0(db: Path) -> None:
    result = run("import", str(FIXTURES / "library"))
    assert result.exit_code == 0
    assert "imported 3, updated 0, duplicates skipped 0, failed 0" in result.output


def test_reimport_skips_duplicates(stocked: Path) -> None:
    result = run("import", str(FIXTURES / "library"))
    assert "imported 0, updated 0, duplicates skipped 3, failed 0" in result.output
    assert len(stories_json()) == 2


def test_revision_is_reported_as_updated(stocked: Path) -> None:
    result = run("import", str(FIXTURES / "library-update"))
    assert "imported 0, updated 1" in result.output
    (flood,) = [s for s in stories_json() if "Imley" in s["title"]]
    assert flood["versions"] == 3


def test_failed_input_exits_1_after_importing_the_rest(tmp_path: Path, db: Path) -> None:
    bad = tmp_path / "inputs"
    shutil.copytree(FIXTURES / "library", bad)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = run("import", str(bad), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert "imported 3" in result.output and "failed 3" in result.output
    assert "missing.txt: no such file or folder" in result.output
    assert sum(s["versions"] for s in stories_json()) == 3


def test_import_reads_standard_input(db: Path) -> None:
    data = (FIXTURES / "library" / "portrait-ledger.txt").read_bytes()
    result = run("import", "-", input=data)
    assert result.exit_code == 0, result.output
    assert [s["title"] for s in stories_json()] == ["Hallam museum buys a lost Varga portrait"]


# -- listing ---------------------------------------------------------------------------


def test_stories_json_is_pinned(stocked: Path) -> None:
    found = stories_json()
    assert [set(s) for s in found] == [STORY_KEYS, STORY_KEYS]
    flood = found[0]
    assert flood["title"] == "Floods force 4,000 from their homes in Imley"
    assert flood["versions"] == 2 and flood["unread"] == 2
    assert flood["sources"] == ["Northgate Wire", "Valley Ledger"]
    assert flood["status"] == "new" and flood["starred"] is False and flood["notes"] == 0


def test_stories_text_lists_newest_first(stocked: Path) -> None:
    result = run("stories")
    lines = result.output.splitlines()
    assert "Imley" in lines[0] and "Varga" in lines[1]


def test_stories_filters(stocked: Path) -> None:
    assert [s["title"] for s in stories_json("--search", "varga")] == [
        "Hallam museum buys a lost Varga portrait"
    ]
    assert len(stories_json("--source", "Northgate Wire")) == 1
    assert len(stories_json("--limit", "1")) == 1


def test_stories_with_unknown_tag_is_one_line_error(stocked: Path) -> None:
    assert "no tag 'nope'" in one_error_line(run("stories", "--tag", "nope"))


def test_show_json_uses_the_compare_schema(stocked: Path) -> None:
    result = run("show", str(flood_id()), "--format", "json")
    doc = json.loads(result.output)
    assert doc["schema"] == "newsreader.compare/1"
    assert len(doc["versions"]) == 2
    assert doc["story"]["id"] == flood_id()
    assert all(isinstance(v["article_id"], int) for v in doc["versions"])
    assert {"members", "coverage", "kind"} <= set(doc["groups"][0])


def test_show_text_lists_versions_and_sentences(stocked: Path) -> None:
    result = run("show", str(flood_id()))
    assert result.exit_code == 0
    assert "Northgate Wire" in result.output and "2/2" in result.output


@pytest.mark.parametrize("bad", ["999", "abc", "a1"])
def test_show_bad_story_is_one_line_error(stocked: Path, bad: str) -> None:
    assert "Error" in one_error_line(run("show", bad))


# -- triage ----------------------------------------------------------------------------


def test_tag_untag_and_tags(stocked: Path) -> None:
    flood = flood_id()
    a = article_ids(portrait_id())[0]
    assert run("tag", str(flood), "weather", "imley").exit_code == 0
    assert run("tag", f"a{a}", "culture").exit_code == 0
    assert stories_json("--tag", "weather")[0]["tags"] == ["imley", "weather"]
    assert [s["id"] for s in stories_json("--tag", "culture")] == [portrait_id()]
    assert run("untag", str(flood), "imley").exit_code == 0
    assert stories_json("--tag", "weather")[0]["tags"] == ["weather"]
    listed = json.loads(run("tags", "--format", "json").output)["tags"]
    assert [(t["name"], t["count"]) for t in listed] == [
        ("culture", 1),
        ("imley", 0),
        ("weather", 1),
    ]
    assert run("tags", "weather", "--colour", "#ff8800").exit_code == 0
    assert "#ff8800" in run("tags", "weather").output


def test_untag_unknown_tag_changes_nothing(stocked: Path) -> None:
    flood = flood_id()
    run("tag", str(flood), "weather")
    assert "no tag 'wether'" in one_error_line(run("untag", str(flood), "weather", "wether"))
    assert stories_json()[0]["tags"] == ["weather"]


def test_tag_bad_id_is_one_line_error(stocked: Path) -> None:
    assert "no story 999" in one_error_line(run("tag", "999", "x"))
    assert "no article 999" in one_error_line(run("tag", "a999", "x"))
    assert json.loads(run("tags", "--format", "json").output)["tags"] == []


def test_status_read_and_star(stocked: Path) -> None:
    flood = flood_id()
    assert run("status", str(flood), "checked").exit_code == 0
    assert run("read", str(flood)).exit_code == 0
    assert run("star", str(flood)).exit_code == 0
    story = next(s for s in stories_json() if s["id"] == flood)
    assert (story["status"], story["unread"], story["starred"]) == ("checked", 0, True)
    assert [s["id"] for s in stories_json("--status", "checked")] == [flood]
    run("read", f"a{article_ids(flood)[0]}", "--unread")
    assert next(s for s in stories_json() if s["id"] == flood)["unread"] == 1


def test_status_rejects_unknown_values(stocked: Path) -> None:
    result = run("status", str(flood_id()), "archived")
    assert result.exit_code != 0
    assert stories_json()[0]["status"] == "new"


# -- notes -----------------------------------------------------------------------------


def test_note_and_notes(stocked: Path) -> None:
    flood = flood_id()
    wire = article_ids(flood)[0]
    assert run("note", str(flood), "call the council").exit_code == 0
    assert run("note", f"a{wire}", "--sentence", "1", "gauge data?").exit_code == 0
    doc = json.loads(run("notes", str(flood), "--format", "json").output)
    assert [n["target"] for n in doc["notes"]] == ["story", "sentence"]
    assert doc["notes"][0]["author"] == "Desk Tester"
    assert doc["notes"][1]["quote"].startswith("The river Tam burst its banks")
    text = run("notes").output
    assert "call the council" in text and "gauge data?" in text


def test_orphaned_note_is_listed(stocked: Path) -> None:
    wire = article_ids(flood_id())[0]
    run("note", f"a{wire}", "--sentence", "2", "which schools?")
    run("import", str(FIXTURES / "library-update"))
    result = run("notes")
    assert "ORPHANED" in result.output and "which schools?" in result.output


def test_note_edit_and_delete(stocked: Path) -> None:
    run("note", str(flood_id()), "draft")
    assert run("notes", "--edit", "1", "--text", "final").exit_code == 0
    assert "final" in run("notes").output
    assert run("notes", "--delete", "1").exit_code == 0
    assert run("notes").output == ""
    assert "no note 1" in one_error_line(run("notes", "--delete", "1"))


def test_note_on_missing_sentence_is_one_line_error(stocked: Path) -> None:
    wire = article_ids(flood_id())[0]
    assert "no sentence 99" in one_error_line(run("note", f"a{wire}", "--sentence", "99", "x"))


# -- grouping --------------------------------------------------------------------------


def test_merge_split_move(stocked: Path) -> None:
    flood, portrait = flood_id(), portrait_id()
    assert run("merge", str(flood), str(portrait)).exit_code == 0
    assert [s["versions"] for s in stories_json()] == [3]
    ledger_portrait = article_ids(flood)[0]  # the oldest version: the portrait
    result = run("split", f"a{ledger_portrait}")
    new = int(result.output.strip())
    assert sorted(s["versions"] for s in stories_json()) == [1, 2]
    wire = article_ids(flood)[0]
    assert run("move", f"a{wire}", str(new)).exit_code == 0
    assert sorted(s["versions"] for s in stories_json()) == [1, 2]
    run("import", str(FIXTURES / "library"), str(FIXTURES / "library-update"))
    assert wire in article_ids(new)


def test_merge_bad_id_changes_nothing(stocked: Path) -> None:
    assert "no story 999" in one_error_line(run("merge", str(flood_id()), "999"))
    assert len(stories_json()) == 2


# -- export, search --------------------------------------------------------------------


def test_export_markdown_memo(stocked: Path) -> None:
    flood = flood_id()
    wire = article_ids(flood)[0]
    run("tag", str(flood), "weather")
    run("note", f"a{wire}", "--sentence", "2", "which schools?")
    run("note", str(flood), "call the council")
    run("import", str(FIXTURES / "library-update"))
    memo = run("export", str(flood), "--format", "md").output
    assert memo.startswith("# Floods force 4,000 from their homes in Imley")
    for heading in (
        "## Versions",
        "## Corroborated by independent outlets",
        "## Single-source claims",
        "## Conflicts",
        "## Revisions",
        "## Notes",
        "## Orphaned notes",
    ):
        assert heading in memo
    assert "Northgate Wire" in memo and "Valley Ledger" in memo
    assert "5,000" in memo and "call the council" in memo and "which schools?" in memo
    versions = memo.split("## Versions")[1].split("##")[0]
    assert versions.lstrip().startswith("- #1 **")  # numbered as the reader numbers them
    assert " v0 " not in memo and "1 versions" not in memo and "1 outlets" not in memo
    assert "— only in " in memo  # a one-version claim says whose it is


def test_export_json_and_csv(stocked: Path, tmp_path: Path) -> None:
    flood = flood_id()
    doc = json.loads(run("export", str(flood), "--format", "json").output)
    assert doc["schema"] == "newsreader.memo/1"
    assert [v["source"] for v in doc["versions"]] == ["Northgate Wire", "Valley Ledger"]
    out = tmp_path / "memo.csv"
    assert run("export", str(flood), "--format", "csv", "-o", str(out)).exit_code == 0
    rows = out.read_text().splitlines()
    assert rows[0].startswith("section,version,source")
    assert any(r.startswith("version,0,Northgate Wire") for r in rows)


def test_search_text_and_json(stocked: Path) -> None:
    run("note", str(flood_id()), "sandbags ran out at noon")
    text = run("search", "shelters").output
    assert "«shelters»" in text
    doc = json.loads(run("search", "sandbags", "--format", "json").output)
    assert [h["note"] for h in doc["hits"]] == [1]
    assert run("search", "mayor's").exit_code == 0


# -- the library file ------------------------------------------------------------------


def test_read_commands_on_a_missing_library_say_so_and_create_nothing(db: Path) -> None:
    for args in (("stories",), ("show", "1"), ("notes",), ("tags",), ("search", "flood")):
        assert one_error_line(run("--db", str(db), *args)).endswith(f"no library at {db}")
    assert not db.exists()


def test_write_commands_confirm_in_one_line(stocked: Path) -> None:
    flood = flood_id()
    wire = article_ids(flood)[0]
    said = {
        ("tag", str(flood), "urgent", "desk"): f"tagged story {flood}: urgent, desk",
        ("untag", str(flood), "desk"): f"untagged story {flood}: desk",
        ("status", str(flood), "review"): f"story {flood}: review",
        ("read", f"a{wire}"): f"a{wire} marked read",
        ("star", str(flood)): f"starred story {flood}",
        ("star", str(flood), "--off"): f"unstarred story {flood}",
    }
    for args, line in said.items():
        result = run("--db", str(stocked), *args)
        assert result.exit_code == 0 and result.output.strip() == line, (args, result.output)


def test_not_a_library_is_one_line_error_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "essay.txt"
    path.write_text("not a database\n")
    for args in (("stories",), ("import", str(FIXTURES / "library")), ("tag", "1", "x")):
        assert "not a newsreader library" in one_error_line(run("--db", str(path), *args))
    assert path.read_text() == "not a database\n"


def test_locked_library_is_one_line_error(stocked: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newsreader.store.db.BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(stocked, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        line = one_error_line(run("tag", "1", "weather"))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "locked" in line
    assert json.loads(run("tags", "--format", "json").output)["tags"] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_library_refuses_writes_but_lists(stocked: Path) -> None:
    stocked.chmod(0o444)
    try:
        assert "read-only" in one_error_line(run("tag", "1", "x"))
        assert len(stories_json()) == 2
    finally:
        stocked.chmod(0o644)


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_progress_bar_import_gives_the_same_summary(db: Path) -> None:
    from newsreader.cli.library import _import_with_bar
    from newsreader.store.library import Library

    with Library.open(db) as lib:
        summary = _import_with_bar(lib, (str(FIXTURES / "library"),), None)
    assert (summary.imported, summary.failed) == (3, ())


def test_import_progress_counts_input_files(db: Path) -> None:
    from newsreader.store.library import Library

    seen = []
    with Library.open(db) as lib:
        lib.import_paths([str(FIXTURES / "library")], progress=seen.append)
    assert seen[-1].done == seen[-1].total == 3


@pytest.mark.parametrize("query", ['"unterminated', "*", "-", ":", "NEAR(", "AND", "shelters OR"])
def test_search_with_broken_syntax_never_shows_a_traceback(stocked: Path, query: str) -> None:
    result = CliRunner().invoke(cli, ["search", query])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert "bad search syntax" in one_error_line(result)


def test_search_with_unterminated_quote_searches_the_words(stocked: Path) -> None:
    result = run("search", '"shelters')
    assert result.exit_code == 0 and "«shelters»" in result.output


def test_source_filter_matches_any_part_of_the_outlet_name_in_any_case(stocked: Path) -> None:
    for typed in ("northgate wire", "WIRE", "gate w", " Northgate "):
        assert [s["title"] for s in stories_json("--source", typed)] == [
            "Floods force 4,000 from their homes in Imley"
        ], typed
    assert stories_json("--source", "%") == []
    assert stories_json("--source", "Wire_") == []


def test_merge_into_itself_is_refused(stocked: Path) -> None:
    flood = flood_id()
    assert "into itself" in one_error_line(run("merge", str(flood), str(flood)))
    assert sorted(s["versions"] for s in stories_json()) == [1, 2]


def test_move_to_the_story_it_is_in_says_so(stocked: Path) -> None:
    flood = flood_id()
    wire = article_ids(flood)[0]
    assert f"already in story {flood}" in one_error_line(run("move", f"a{wire}", str(flood)))


def test_split_of_a_lone_version_is_refused(stocked: Path) -> None:
    portrait = portrait_id()
    (lone,) = article_ids(portrait)
    assert "only version" in one_error_line(run("split", f"a{lone}"))
    assert len(stories_json()) == 2


def test_usage_mistakes_are_one_line_and_change_nothing(stocked: Path) -> None:
    before = stocked.read_bytes()
    flood = flood_id()
    mistakes = {
        ("status", str(flood), "bogus"): "'bogus' is not one of",
        ("stories", "--format", "xml"): "'xml' is not one of",
        ("tag", str(flood)): "Missing argument",
        ("frobnicate",): "No such command",
    }
    for args, said in mistakes.items():
        result = run("--db", str(stocked), *args)
        assert result.exit_code == 2, args
        line = one_error_line(result)
        assert said in line and "--help" in line, line
    assert stocked.read_bytes() == before
