"""Bad inputs are refused with a one-line reason; a batch goes on past them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsreader.core.model import Article
from newsreader.errors import InputError
from newsreader.ingest import Failure, read_articles, read_bytes


def _reason(data: bytes, name: str) -> str:
    with pytest.raises(InputError) as info:
        read_bytes(data, name)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"{name}: ")
    return info.value.reason


def test_empty_file_refused() -> None:
    assert _reason(b"", "e.txt") == "empty file"
    assert _reason(b" \n\t\n", "e.txt") == "empty file"


def test_binary_file_refused() -> None:
    assert _reason(b"abc\x00\x01\x02\xff\xfe\x00\x00zz" * 20, "blob.txt") == "binary file"


def test_known_binary_format_named() -> None:
    assert _reason(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "photo.txt") == "binary file (PNG image)"


def test_invalid_json_reports_line(fixtures: Path) -> None:
    assert _reason((fixtures / "bad.json").read_bytes(), "bad.json") == "not valid JSON (line 3)"


def test_invalid_json_lines_reports_line() -> None:
    data = b'{"title": "a", "text": "b"}\n{"title": "c", "text": \n'
    assert _reason(data, "x.jsonl") == "not valid JSON Lines (line 2)"


def test_json_without_text_field_refused() -> None:
    assert _reason(b'[{"title": "Only a title", "url": "https://a.example/"}]', "t.json") == (
        "no article with text in JSON"
    )


def test_invalid_xml_refused(fixtures: Path) -> None:
    assert _reason((fixtures / "bad.xml").read_bytes(), "bad.xml").startswith("not valid XML")


def test_feed_without_items_refused(fixtures: Path) -> None:
    assert _reason((fixtures / "empty_feed.rss").read_bytes(), "q.rss") == "feed has no items"


def test_xml_that_is_not_a_feed_refused() -> None:
    data = b'<?xml version="1.0"?>\n<inventory><part id="1">bolt</part></inventory>\n'
    assert _reason(data, "parts.xml") == "not an RSS or Atom feed"


def test_html_without_text_refused() -> None:
    assert _reason(b"<html><body><nav>Home</nav></body></html>", "x.html") == (
        "no article text found in HTML page"
    )


def test_control_bytes_without_nul_are_binary() -> None:
    assert _reason(bytes(range(1, 9)) * 200, "noise.txt") == "binary file"


def test_undecodable_text_refused() -> None:
    assert _reason(bytes(range(128, 256)) * 4, "high.txt") == "undecodable text (unknown encoding)"


def test_text_invalid_for_its_bom_refused() -> None:
    assert _reason(codecs.BOM_UTF8 + b"abc \xff\xfe more", "b.txt") == (
        "undecodable text (invalid utf-8)"
    )


def test_nonexistent_path_is_failure() -> None:
    assert list(read_articles(["/no/such/place.txt"])) == [
        Failure("/no/such/place.txt", "no such file or folder")
    ]


def test_folder_recursion_reports_bad_file_and_reads_rest(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second headline\n\nSecond body.\n")
    (tmp_path / "a.txt").write_text("First headline\n\nFirst body.\n")
    (tmp_path / "b" / "broken.json").write_text("{not json")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("Hidden\n\nNot read.\n")
    (tmp_path / ".draft.txt").write_text("Draft\n\nNot read.\n")
    results = list(read_articles([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    first, bad, second = results
    assert isinstance(first, Article) and first.title == "First headline"
    assert bad == Failure(str(tmp_path / "b" / "broken.json"), "not valid JSON (line 1)")
    assert isinstance(second, Article) and second.title == "Second headline"


def test_batch_goes_on_after_missing_file(fixtures: Path) -> None:
    results = list(read_articles(["/missing.txt", fixtures / "plain_header.txt"]))
    assert isinstance(results[0], Failure)
    assert isinstance(results[1], Article)


def test_read_articles_streams_lazily(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One\n\nBody.\n")
    (tmp_path / "b.txt").write_text("Two\n\nBody.\n")
    it = read_articles([tmp_path])
    first = next(it)
    (tmp_path / "b.txt").unlink()  # removed after the first article was yielded
    assert isinstance(first, Article)
    assert [type(r).__name__ for r in it] == ["Failure"]


def test_folder_import_passes_over_files_of_other_types(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text("Bridge shut\n\nThe bridge is shut.\n")
    (tmp_path / "NOTES").write_text("Desk notes\n\nNo suffix, still read.\n")
    (tmp_path / "tool.py").write_text('"""A script, not an article."""\n')
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0binary")
    titles = sorted(r.title for r in read_articles([tmp_path]))
    assert titles == ["Bridge shut", "Desk notes"]
    [named] = list(read_articles([tmp_path / "tool.py"]))  # named on its own: read
    assert isinstance(named, Article)
