"""`newsreader group`: stories as text and as the pinned JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsreader.cli import cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "align"


def test_json_lists_every_article_in_exactly_one_story(tmp_path: Path) -> None:
    other = tmp_path / "budget.json"
    other.write_text(
        json.dumps(
            {
                "title": "Council approves school budget after long debate",
                "body": "The council approved the school budget on Thursday night.",
                "source": "Valley Times",
            }
        )
    )
    result = CliRunner().invoke(cli, ["group", "--format", "json", str(FIXTURES), str(other)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema"] == "newsreader.group/1"
    paths = [a["path"] for s in doc["stories"] for a in s["articles"]]
    assert len(paths) == len(set(paths)) == 5
    fire = [s for s in doc["stories"] if any("wire.json" in a["path"] for a in s["articles"])]
    assert len(fire) == 1 and len(fire[0]["articles"]) == 4
    for story in doc["stories"]:
        assert isinstance(story["id"], int) and isinstance(story["title"], str)
        for article in story["articles"]:
            assert {"path", "item", "input_id", "title", "source"} <= article.keys()
            assert isinstance(article["item"], int)


def test_text_lists_stories_with_their_articles() -> None:
    result = CliRunner().invoke(cli, ["group", str(FIXTURES)])
    assert result.exit_code == 0, result.output
    assert "(4 articles)" in result.stdout
    assert "Coastal Wire" in result.stdout


def test_group_without_readable_input_fails_with_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["group", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "Error: no article to group" in result.stderr
