"""Properties that hold for any input: spans are whole lines, cleaning is safe, errors are clean."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.boilerplate import boilerplate_spans
from newsreader.core.textclean import clean_text
from newsreader.errors import InputError
from newsreader.ingest import read_bytes

LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "",
                "Share this",
                "Leave a Reply",
                "Previous Article",
                "Some headline without a stop",
                "A real sentence of the story, as written by the reporter.",
                "Let's block ads! (Why?)",
                "  By Jane Smith  ",
                "image captionA caption",
                "***",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=25,
)


@given(LINES)
def test_spans_are_whole_stripped_lines_in_order(lines: list[str]) -> None:
    body = "\n".join(lines)
    spans = boilerplate_spans(body)
    last_end = -1
    for s, e in spans:
        assert last_end < s < e <= len(body)
        piece = body[s:e]
        assert "\n" not in piece and piece == piece.strip()
        line_start = body.rfind("\n", 0, s) + 1
        line_end = body.find("\n", e)
        line_end = len(body) if line_end == -1 else line_end
        assert body[line_start:line_end].strip() == piece
        last_end = e


@given(st.text())
def test_clean_text_leaves_no_escapes_or_controls_and_is_idempotent(s: str) -> None:
    out = clean_text(s)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert clean_text(out) == out


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_give_articles_or_one_line_input_error(data: bytes) -> None:
    try:
        articles = read_bytes(data, "x.txt")
    except InputError as e:
        assert "\n" not in str(e) and e.reason
    else:
        assert articles
        for a in articles:
            assert a.title or a.body
            assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\x1b]", a.title + a.body)
