"""Where the source (outlet) and the headline come from."""

from __future__ import annotations

from pathlib import Path

from newsreader.core.boilerplate import mark_boilerplate
from newsreader.ingest import read_bytes


def _one(data: bytes, name: str = "story.txt"):
    [a] = read_bytes(data, name)
    return a


def test_metadata_source_wins_over_url() -> None:
    a = _one(
        b'{"title": "T", "text": "B.", "source": "Gazette", "url": "https://www.x.example/"}',
        "a.json",
    )
    assert a.source == "Gazette"


def test_url_domain_without_www_when_no_metadata() -> None:
    a = _one(b"URL: https://www.harbour.example/news/1\n\nPier reopens\n\nThe pier reopened.\n")
    assert a.source == "harbour.example"


def test_headline_outlet_suffix_gives_source_and_is_removed() -> None:
    a = _one(b"Pier reopens after two years - Coastline Daily\n\nThe pier reopened today.\n")
    assert a.title == "Pier reopens after two years"
    assert a.source == "Coastline Daily"


def test_pipe_suffix_recognised() -> None:
    a = _one(b"Storm damages sea wall overnight | The Harbour Gazette\n\nWaves broke the wall.\n")
    assert (a.title, a.source) == ("Storm damages sea wall overnight", "The Harbour Gazette")


def test_suffix_removed_but_url_still_names_the_source() -> None:
    data = (
        b"URL: https://coastline.example/p\n\n"
        b"Pier reopens after two years - Coastline Daily\n\nT.\n"
    )
    a = _one(data)
    assert a.title == "Pier reopens after two years"
    assert a.source == "coastline.example"


def test_lowercase_second_half_is_not_an_outlet() -> None:
    a = _one(b"Storm hits the northern coast - dozens missing\n\nRescuers searched all night.\n")
    assert a.title == "Storm hits the northern coast - dozens missing"
    assert a.source == "story"


def test_source_line_in_text() -> None:
    a = _one(b"Ferry strike off\n\nThe strike was off.\n\nSOURCE: Harbour Wire and news agencies\n")
    assert a.source == "Harbour Wire"


def test_read_more_source_line_is_not_an_outlet() -> None:
    a = _one(
        b"Ferry strike called off\n\nThe strike was called off.\n\nSource: Read Full Article\n"
    )
    assert a.source == "story"


def test_file_name_stem_is_the_last_resort() -> None:
    assert _one(
        b"Ferry strike called off\n\nThe strike was called off.\n", "desk/ferry-42.txt"
    ).source == ("ferry-42")


def test_junk_first_lines_are_not_the_headline(fixtures: Path) -> None:
    [a] = read_bytes((fixtures / "headline_junk.txt").read_bytes(), "headline_junk.txt")
    assert a.title == "Council votes to rebuild the old pier"
    assert a.source == "Coastline Daily"
    lines = [ln for ln in a.body.split("\n") if ln]
    assert lines[:2] == ["Search", "quietharbour.blogspot.com"]  # kept in the body
    [marked] = mark_boilerplate([a])
    junk = {marked.body[s:e] for s, e in marked.boilerplate}
    assert {"Search", "quietharbour.blogspot.com", "Let's block ads! (Why?)"} <= junk
    assert not any(j.startswith("The town council voted") for j in junk)


def test_other_junk_first_lines() -> None:
    for junk in (b"Menu", b"Skip to content", b"Advertisement", b"www.harbour.example"):
        a = _one(junk + b"\n\nPier reopens after repairs\n\nThe pier reopened.\n")
        assert a.title == "Pier reopens after repairs", junk
        assert a.body.startswith(junk.decode())


def test_feed_footer_in_rss_summary_is_boilerplate(fixtures: Path) -> None:
    arts = read_bytes((fixtures / "feed.rss").read_bytes(), "feed.rss")
    wind = mark_boilerplate(arts)[0]
    marked = [wind.body[s:e] for s, e in wind.boilerplate]
    assert marked == ["The post Wind farm gets go-ahead appeared first on Northern Echo Desk."]


def test_markdown_comment_prompt_is_boilerplate(fixtures: Path) -> None:
    [a] = mark_boilerplate(read_bytes((fixtures / "article.md").read_bytes(), "article.md"))
    assert [a.body[s:e] for s, e in a.boilerplate] == ["Leave a Reply"]
