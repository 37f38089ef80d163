"""`newsreader compare`: text and JSON output, and its errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import cli
from newsreader.cli.engine import dump_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "align"
FILES = [str(FIXTURES / f"{n}.json") for n in ("wire", "herald_1", "herald_2", "repost")]


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), input=stdin)


def test_json_output_follows_the_pinned_schema() -> None:
    result = run("compare", "--format", "json", *FILES)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "newsreader.compare/1"
    assert [v["path"] for v in doc["versions"]] == FILES
    assert [v["id"] for v in doc["versions"]] == [0, 1, 2, 3]
    assert doc["copies"] == [{"version": 3, "of": 0, "share": 1.0}]
    assert [(r["from"], r["to"]) for r in doc["revisions"]] == [(1, 2)]
    junk = [s for s in doc["versions"][3]["sentences"] if s["boilerplate"]]
    assert [s["text"] for s in junk] == [
        "Share this article",
        "Read more: the best beaches on the coast this summer",
    ]
    assert all(s["group"] is None for s in junk)
    conflicts = [c["values"] for g in doc["groups"] for c in g["conflicts"]]
    assert [[0, "about 40"], [1, "120"], [2, "120"], [3, "about 40"]] in conflicts


def test_text_output_marks_coverage_conflicts_and_boilerplate() -> None:
    result = run("compare", *FILES)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Legend:" in out
    assert "4/4 ●" in out  # shared by all: count and shape, not only colour
    assert "1/4 ○" in out  # unique
    assert "conflict: about 40 [0,3]  vs  120 [1,2]" in out
    assert "·  Share this article" in out
    assert "[3] copies [0]: 100% of its sentences" in out
    assert "[1] -> [2] revision: 1 added, 1 removed, 1 edited, 1 moved" in out


def test_article_text_is_never_read_as_markup_or_terminal_codes(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.json"
    body = "The [bold red]mayor[/] resigned \x1b[31mtoday\x1b[0m after the vote."
    hostile.write_text(json.dumps({"title": "[link=x]Mayor[/link]", "body": body}))
    result = run("compare", str(hostile))
    assert result.exit_code == 0, result.output
    assert "[bold red]mayor[/]" in result.stdout
    assert "[link=x]Mayor[/link]" in result.stdout
    assert "\x1b" not in result.stdout


def test_json_output_carries_no_raw_c1_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "c1.json"
    path.write_text(json.dumps({"title": "T", "body": "Prices rose \u009b2J sharply today."}))
    result = run("compare", "--format", "json", str(path))
    assert result.exit_code == 0, result.output
    assert "\u009b" not in result.stdout
    json.loads(result.stdout)


def test_json_dump_escapes_c1_controls_that_reach_it() -> None:
    text = dump_json({"text": "a\u009bb"})
    assert "\u009b" not in text
    assert json.loads(text) == {"text": "a\u009bb"}


def test_standard_input_is_read_with_a_dash() -> None:
    data = json.dumps({"title": "Storm", "body": "A storm closed the coast road on Monday."})
    result = run("compare", "--format", "json", "-", stdin=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["versions"][0]["sentences"][0]["text"].startswith("A storm")


def test_bad_file_in_a_batch_is_reported_and_skipped(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("compare", "--format", "json", str(empty), *FILES[:2])
    assert result.exit_code == 0
    assert "empty.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert len(json.loads(result.stdout)["versions"]) == 2


def test_missing_file_alone_is_a_one_line_error(tmp_path: Path) -> None:
    result = run("compare", str(tmp_path / "nope.txt"))
    assert result.exit_code != 0
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1].startswith("Error: no article to compare")


def test_no_arguments_is_a_usage_error() -> None:
    result = run("compare")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def test_help_describes_the_command() -> None:
    result = run("compare", "--help")
    assert result.exit_code == 0
    assert "--format" in result.stdout and "Align the versions" in result.stdout


def test_compare_of_a_small_story_loads_neither_textual_nor_numpy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, atexit\n"
        "atexit.register(lambda: print(sorted(m for m in ('textual', 'numpy', 'trafilatura')"
        " if m in sys.modules), file=sys.stderr))\n"
        "from newsreader.cli import main\n"
        f"main(['compare', *{FILES!r}])\n"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": src}
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
