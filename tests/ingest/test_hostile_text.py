"""Untrusted text: escape sequences and control characters are stripped, markup kept literally."""

from __future__ import annotations

from newsreader.core.textclean import clean_text
from newsreader.ingest import read_bytes


def test_ansi_and_osc_sequences_removed() -> None:
    s = "\x1b[31mRed\x1b[0m and \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b]0;title\x1b\\"
    assert clean_text(s) == "Red and link "


def test_c1_csi_removed() -> None:
    assert clean_text("a\x9b2Jb") == "ab"


def test_control_characters_stripped_but_newlines_and_tabs_kept() -> None:
    assert clean_text("a\x00b\x07c\td\r\ne\x7ff\x0cg") == "abc\td\nefg"


def test_invisible_and_bidi_override_characters_removed() -> None:
    assert clean_text("pay\u202e1000\u202c \u200bnow\ufeff") == "pay1000 now"


def test_text_is_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


def test_markup_like_text_kept_literally_in_article() -> None:
    data = b"[bold red]Alert[/] headline\n\nThe \x1b[2Jscreen [link=x]stays[/link] put.\x07\n"
    [a] = read_bytes(data, "m.txt")
    assert a.title == "[bold red]Alert[/] headline"
    assert a.body == "The screen [link=x]stays[/link] put."


def test_escape_sequences_removed_from_json_fields() -> None:
    data = b'{"title": "Hi\\u001b[1m there", "text": "Body\\u0007 text.", "source": "X\\u009b"}'
    [a] = read_bytes(data, "j.json")
    assert (a.title, a.body, a.source) == ("Hi there", "Body text.", "X")
