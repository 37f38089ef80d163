"""Quantities in text and the conflicts between versions' numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.numbers import find_conflicts, find_quantities


def only(text: str) -> tuple[str, float, float, str, str]:
    (q,) = find_quantities(text)
    return q.text, q.low, q.high, q.kind, q.unit


def test_digits_with_thousands_separators_are_one_number() -> None:
    assert only("At least 100,000 people marched.")[:3] == ("At least 100,000", 100_000, math.inf)


def test_money_with_scale_word_keeps_currency_and_decimal() -> None:
    value = 772_600_000
    assert only("a £772.6 million debt") == ("£772.6 million", value, value, "money", "GBP")


def test_percent_sign_and_per_cent_are_the_same_unit() -> None:
    assert only("won 80% of the vote")[3:] == ("percent", "%")
    assert only("won 80 per cent of the vote")[3:] == ("percent", "%")


def test_numbers_written_as_words_are_read() -> None:
    assert only("four hundred people were held")[:3] == ("four hundred", 400, 400)
    assert only("for twenty-six years")[1:] == (26, 26, "duration", "year")


def test_vague_amounts_are_ranges() -> None:
    text, low, high, kind, unit = only("tens of thousands of people marched")
    assert (low, high, unit) == (20_000, 99_999, "people")


def test_ages_are_read_from_common_forms() -> None:
    assert only("the 66-year-old leader")[1:4] == (66, 66, "age")
    assert only("Lukashenko, 65, gave an interview")[1:4] == (65, 65, "age")


def test_dates_and_ordinals_are_not_quantities() -> None:
    assert find_quantities("on September 14 and 9 August, his sixth term, the 5th round") == ()


def test_no_one_is_not_a_number() -> None:
    assert find_quantities("No one was hurt and one of the crew left.") == ()


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police detained 400 people.", "Police detained 774 people."),
        ("tens of thousands of people marched", "at least 100,000 people marched"),
        ("four hundred people were held", "774 people were held"),
        ("He won 80% of the vote.", "He won 60 per cent of the vote."),
        ("a £772.6 million debt", "a £700 million debt"),
        ("the 66-year-old leader", "the 65-year-old leader"),
        ("The death toll rose to 400.", "The death toll rose to 774."),
    ],
)
def test_different_values_for_the_same_thing_conflict(a: str, b: str) -> None:
    (conflict,) = find_conflicts({0: a, 1: b})
    assert [v for v, _ in conflict] == [0, 1]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("in power for 26 years", "who has ruled for 26 years"),
        ("Police detained about 400 people.", "Police detained 400 people."),
        ("at least 100,000 people marched", "an estimated 150,000 people marched"),
        ("four hundred people were held", "400 people were held"),
        ("more than 400 arrests", "774 arrests"),
        ("in power for 26 years", "Police detained 400 people."),
        ("a £772.6 million debt", "a $772.6 million debt"),
    ],
)
def test_consistent_or_unrelated_values_do_not_conflict(a: str, b: str) -> None:
    assert find_conflicts({0: a, 1: b}) == ()


def test_conflict_names_each_version_with_the_value_as_written() -> None:
    conflicts = find_conflicts(
        {0: "tens of thousands of people marched", 3: "at least 100,000 people marched"}
    )
    assert conflicts == (((0, "tens of thousands"), (3, "at least 100,000")),)


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%£$-abtousndhfiveyr")), max_size=60))
def test_every_quantity_is_a_span_of_the_text_with_a_sane_range(text: str) -> None:
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert 0 <= q.low <= q.high


def test_a_value_agrees_with_itself_in_any_form() -> None:
    same = {0: "Police held 400 people.", 1: "Police held four hundred people."}
    assert find_conflicts(same) == ()
