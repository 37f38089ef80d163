"""Word-level differences between two wordings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.diff import DiffOp, word_diff


def test_changed_word_is_a_replace_between_equal_runs() -> None:
    ops = word_diff("Police detained 400 people.", "Police detained 774 people.")
    assert ops == (
        DiffOp("equal", "Police detained ", "Police detained "),
        DiffOp("replace", "400 ", "774 "),
        DiffOp("equal", "people.", "people."),
    )


def test_added_clause_is_an_insert() -> None:
    ops = word_diff("Nobody was injured.", "Nobody was injured, officials said.")
    assert ops == (
        DiffOp("equal", "Nobody was injured.", "Nobody was injured, "),
        DiffOp("insert", "", "officials said."),
    )


def test_case_and_quote_style_do_not_count_as_changes() -> None:
    ops = word_diff("Belarus’s leader", "belarus's leader")
    assert [op.op for op in ops] == ["equal"]


def test_identical_sentences_are_one_equal_run() -> None:
    assert word_diff("Same words here.", "Same words here.") == (
        DiffOp("equal", "Same words here.", "Same words here."),
    )


@given(st.text(max_size=80), st.text(max_size=80))
def test_diff_sides_rebuild_both_texts(a: str, b: str) -> None:
    ops = word_diff(a, b)
    assert "".join(op.a for op in ops) == a
    assert "".join(op.b for op in ops) == b
