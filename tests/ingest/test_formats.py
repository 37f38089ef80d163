"""Each input format yields articles with the right headline, body and metadata."""

from __future__ import annotations

import io
from pathlib import Path

from newsreader.core.model import Article
from newsreader.ingest import Failure, extract_html, read_articles, read_bytes
from newsreader.ingest.feeds import parse_feed


def _articles(*paths: Path | str) -> list[Article]:
    out = list(read_articles(paths))
    assert all(isinstance(a, Article) for a in out), out
    return out  # type: ignore[return-value]


def test_plain_text_header_block_gives_metadata_not_body(fixtures: Path) -> None:
    [a] = _articles(fixtures / "plain_header.txt")
    assert a.title == "Ferry workers walk out over new rosters"
    assert a.source == "The Harbour Gazette"
    assert a.url == "https://www.harbourgazette.example/news/ferry-strike"
    assert a.published == "2024-03-05T08:30:00+00:00"
    assert a.body.startswith("Ferry crews on the Northbay route")
    assert "Source:" not in a.body and a.title not in a.body
    assert a.path == str(fixtures / "plain_header.txt") and a.item == 0 and a.origin == "file"


def test_plain_text_header_after_headline() -> None:
    data = (
        b"Dam repairs finished early\n\nOutlet: Lake News\nDate: 2024-01-09\n\nThe dam reopened.\n"
    )
    [a] = read_bytes(data, "dam.txt")
    assert a.title == "Dam repairs finished early"
    assert a.source == "Lake News"
    assert a.published == "2024-01-09"
    assert a.body == "The dam reopened."


def test_body_line_with_unknown_key_stays_in_body() -> None:
    data = b"Mayor resigns\n\nAuthor: No Comments Share:\n\nThe mayor resigned on Friday.\n"
    [a] = read_bytes(data, "mayor.txt")
    assert a.body.startswith("Author: No Comments Share:")


def test_markdown_front_matter_and_markup_removed(fixtures: Path) -> None:
    [a] = _articles(fixtures / "article.md")
    assert a.title == "Library reopens after flood repairs"
    assert a.source == "Riverside Courier"
    assert a.published == "2024-04-02"
    assert a.input_id == "rc-1042"
    assert "reopened on Tuesday after six months of repairs, the city council said." in a.body
    assert "**" not in a.body and "](" not in a.body
    assert "More than 40,000 books were dried and restored." in a.body.split("\n")


def test_markdown_heading_is_headline_without_front_matter() -> None:
    [a] = read_bytes(b"# Night buses return\n\nNight buses run again from Friday.\n", "n.md")
    assert a.title == "Night buses return"
    assert a.body == "Night buses run again from Friday."


def test_html_page_main_content_and_metadata(fixtures: Path) -> None:
    [a] = _articles(fixtures / "page.html")
    assert a.title == "Bridge closed after lorry strike"
    assert a.source == "The Valley Post"
    assert a.published == "2024-02-11"
    assert a.url == "https://www.valleypost.example/news/bridge-closed"
    paragraphs = a.body.split("\n\n")
    assert paragraphs[0].startswith("The Mill Lane bridge will stay closed")
    assert len(paragraphs) == 3
    assert "Weather" not in a.body and "Local baker" not in a.body


def test_extract_html_accepts_bytes_and_url() -> None:
    page = (
        b"<html><body><article><p>The harbour wall was repaired over the winter months by "
        b"a team of twenty masons working in shifts.</p></article></body></html>"
    )
    a = extract_html(page, url="https://www.portnews.example/wall")
    assert "harbour wall was repaired" in a.body
    assert a.source == "portnews.example"


def test_json_container_many_articles_with_positions(fixtures: Path) -> None:
    arts = _articles(fixtures / "articles.json")
    assert [a.item for a in arts] == [0, 2]  # the record without text is skipped
    first, second = arts
    assert first.title == "Orchard harvest down a third"
    assert first.source == "Farm Weekly"
    assert first.published == "2024-10-01T09:00:00+00:00"
    assert first.input_id == "fw-77"
    assert first.url == "https://farmweekly.example/orchard"
    assert second.source == "ciderjournal.example"  # from the URL, www. dropped
    assert second.body == (
        "Cider makers said they would buy apples from abroad.\n\n"
        "One producer called the season the worst in twenty years."
    )


def test_json_single_object_and_array() -> None:
    [a] = read_bytes(b'{"title": "T one", "text": "Body one."}', "one.json")
    assert (a.title, a.body) == ("T one", "Body one.")
    arts = read_bytes(b'[{"text": "Headline here\\nBody two."}, {"text": "Other"}]', "a.json")
    assert arts[0].title == "Headline here" and arts[0].body == "Body two."
    assert [a.item for a in arts] == [0, 1]


def test_json_lines_nested_source_name(fixtures: Path) -> None:
    arts = _articles(fixtures / "items.jsonl")
    assert [a.title for a in arts] == ["Tram line extension approved", "Tram fares to rise in July"]
    assert arts[0].source == "Metro Tribune"
    assert arts[1].input_id == "2" and arts[1].item == 1


def test_rss_items_with_guid_and_html_summary(fixtures: Path) -> None:
    arts = _articles(fixtures / "feed.rss")
    assert [a.title for a in arts] == ["Wind farm gets go-ahead", "Coastal path reopens"]
    wind = arts[0]
    assert wind.input_id == "ne-2024-0311"
    assert wind.source == "Northern Echo Desk"
    assert wind.published == "2024-03-11T10:15:00+00:00"
    assert wind.body.split("\n\n")[:2] == [
        "Planners approved a twelve-turbine wind farm off the north coast.",
        "The operator expects it to power 40,000 homes.",
    ]
    assert "<p>" not in wind.body


def test_atom_entry_content(fixtures: Path) -> None:
    [a] = _articles(fixtures / "feed.atom")
    assert a.title == "Snow closes mountain pass"
    assert a.input_id == "urn:hillherald:2024-05-20-snow"
    assert a.body.split("\n\n") == [
        "Late snow closed the mountain pass on Monday.",
        "Drivers were turned back at the lower barrier.",
    ]


def test_parse_feed_marks_feed_origin(fixtures: Path) -> None:
    arts = parse_feed((fixtures / "feed.rss").read_bytes(), "https://northecho.example/rss")
    assert {a.origin for a in arts} == {"feed"}
    assert arts[0].path == "https://northecho.example/rss"


def test_format_sniffed_from_content_not_extension() -> None:
    page = (
        b"<!doctype html><html><body><p>"
        + b"The quay was rebuilt in stone. " * 5
        + b"</p></body></html>"
    )
    [a] = read_bytes(page, "saved.txt")
    assert "<p>" not in a.body and "The quay was rebuilt" in a.body
    [j] = read_bytes(b'{"title": "Sniffed", "body": "From JSON."}', "noext")
    assert j.title == "Sniffed"


def test_stdin_is_read_and_sniffed() -> None:
    stream = io.BytesIO(b'{"title": "Piped in", "text": "Read from standard input."}')
    [a] = list(read_articles(["-"], stdin=stream))
    assert isinstance(a, Article)
    assert a.title == "Piped in" and a.origin == "stdin" and a.path == "-"


def test_empty_stdin_is_a_failure() -> None:
    [f] = list(read_articles(["-"], stdin=io.BytesIO(b"  \n")))
    assert f == Failure("-", "empty file")


def test_windows_line_endings_in_header_and_front_matter() -> None:
    [t] = read_bytes(b"Source: Lake News\r\n\r\nDam opens\r\n\r\nThe dam opened.\r\n", "d.txt")
    assert (t.source, t.title, t.body) == ("Lake News", "Dam opens", "The dam opened.")
    [m] = read_bytes(b"---\r\ntitle: Dam opens\r\n---\r\n\r\nThe dam opened.\r\n", "d.md")
    assert (m.title, m.body) == ("Dam opens", "The dam opened.")


def test_json_lines_saved_as_json_are_read() -> None:
    data = b'{"title": "One", "text": "First."}\n{"title": "Two", "text": "Second."}\n'
    assert [a.title for a in read_bytes(data, "export.json")] == ["One", "Two"]


def test_stdin_feed_is_sniffed(fixtures: Path) -> None:
    stream = io.BytesIO((fixtures / "feed.atom").read_bytes())
    [a] = list(read_articles(["-"], stdin=stream))
    assert isinstance(a, Article)
    assert a.title == "Snow closes mountain pass" and a.origin == "stdin"


def test_text_starting_with_a_brace_is_not_json() -> None:
    [a] = read_bytes(b"{Update} Ferry strike ends\n\nCrews returned to work.\n", "f.txt")
    assert a.title == "{Update} Ferry strike ends"
