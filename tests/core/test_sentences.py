"""The sentence splitter on the hard cases of news prose, its guarantees, and the real seeds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.model import Sentence
from newsreader.core.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


# -- titles, abbreviations, initials -----------------------------------------------------------


@pytest.mark.parametrize("title", ["Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Prof.", "Gov."])
def test_title_before_a_name_does_not_end_sentence(title: str) -> None:
    body = f"Reporters waited for {title} Okafor outside. The doors stayed shut."
    assert texts(body) == [
        f"Reporters waited for {title} Okafor outside.",
        "The doors stayed shut.",
    ]


def test_us_before_a_noun_does_not_end_sentence() -> None:
    body = "The U.S. Treasury sold bonds on Friday. Yields rose."
    assert texts(body) == ["The U.S. Treasury sold bonds on Friday.", "Yields rose."]


def test_uk_at_sentence_end_before_a_pronoun_ends_sentence() -> None:
    body = "The band moved to the U.K. They never came back."
    assert texts(body) == ["The band moved to the U.K.", "They never came back."]


def test_company_suffix_mid_sentence_does_not_end_sentence() -> None:
    body = "Shares of Brightwater Inc. Chairman Lee Park fell. Trading resumed."
    assert texts(body) == ["Shares of Brightwater Inc. Chairman Lee Park fell.", "Trading resumed."]


def test_company_suffix_at_sentence_end_ends_sentence() -> None:
    body = "The mill was sold to Harlow Ltd. It closed a year later."
    assert texts(body) == ["The mill was sold to Harlow Ltd.", "It closed a year later."]


def test_month_abbreviation_before_a_day_does_not_end_sentence() -> None:
    body = "The vote is set for Jan. 14 in the capital. Turnout may be low."
    assert texts(body) == ["The vote is set for Jan. 14 in the capital.", "Turnout may be low."]


def test_number_abbreviation_before_a_number_does_not_end_sentence() -> None:
    body = "The minister left No. 10 by the back door. Nobody saw her."
    assert texts(body) == ["The minister left No. 10 by the back door.", "Nobody saw her."]


def test_no_as_an_answer_ends_sentence() -> None:
    assert texts("Will he resign? No. Aides say he will stay.") == [
        "Will he resign?",
        "No.",
        "Aides say he will stay.",
    ]


def test_initials_do_not_end_sentence() -> None:
    body = "The novel by T. R. Ashworth sold well. Critics disagreed."
    assert texts(body) == ["The novel by T. R. Ashworth sold well.", "Critics disagreed."]


def test_middle_initial_does_not_end_sentence() -> None:
    body = "Former president Harold J. Wexley spoke first. The crowd cheered."
    assert texts(body) == ["Former president Harold J. Wexley spoke first.", "The crowd cheered."]


def test_eg_before_a_capital_does_not_end_sentence() -> None:
    body = "Some outlets, e.g. The Daily Ledger, ran the story. Others did not."
    assert texts(body) == ["Some outlets, e.g. The Daily Ledger, ran the story.", "Others did not."]


# -- numbers -----------------------------------------------------------------------------------


def test_decimal_does_not_end_sentence() -> None:
    body = "The debt stands at £481.3 million. It is due in May."
    assert texts(body) == ["The debt stands at £481.3 million.", "It is due in May."]


def test_money_and_percent_at_sentence_end() -> None:
    body = "Profits rose 4.5% to $2.8bn. Analysts had expected $3.1bn."
    assert texts(body) == ["Profits rose 4.5% to $2.8bn.", "Analysts had expected $3.1bn."]


def test_sentence_may_start_with_a_number() -> None:
    body = "The season ended early. 2024 was no better."
    assert texts(body) == ["The season ended early.", "2024 was no better."]


# -- times --------------------------------------------------------------------------------------


def test_pm_mid_sentence_does_not_end_sentence() -> None:
    body = "The polls close at 8 p.m. local time on Sunday. Counting starts at once."
    assert texts(body) == [
        "The polls close at 8 p.m. local time on Sunday.",
        "Counting starts at once.",
    ]


def test_am_at_sentence_end_ends_sentence() -> None:
    body = "The train left at 6 a.m. It was full."
    assert texts(body) == ["The train left at 6 a.m.", "It was full."]


def test_time_before_a_title_in_an_opening_phrase_does_not_end_sentence() -> None:
    body = "By 9 p.m. Mrs. Ortega had left the building."
    assert texts(body) == ["By 9 p.m. Mrs. Ortega had left the building."]


def test_time_before_a_title_after_a_clause_ends_sentence() -> None:
    body = "The hearing ended at 4 p.m. Dr. Ruiz declined to comment."
    assert texts(body) == ["The hearing ended at 4 p.m.", "Dr. Ruiz declined to comment."]


# -- ellipses -----------------------------------------------------------------------------------


def test_spaced_ellipsis_inside_a_quote_does_not_end_sentence() -> None:
    body = "She said the plan was ... I quote ... a disaster."
    assert texts(body) == ["She said the plan was ... I quote ... a disaster."]


def test_attached_ellipsis_before_a_capital_ends_sentence() -> None:
    body = "They waited and waited... Nobody came."
    assert texts(body) == ["They waited and waited...", "Nobody came."]


def test_unicode_ellipsis_before_lower_case_does_not_end_sentence() -> None:
    assert texts("It was fine… mostly, he said.") == ["It was fine… mostly, he said."]


def test_bracketed_omission_before_a_citation_does_not_end_sentence() -> None:
    body = 'The report called the policy "a failure [...]" (Hale, 2019).'
    assert texts(body) == [body]


# -- quotes and brackets ------------------------------------------------------------------------


def test_quote_spanning_sentences_splits_inside_the_quote() -> None:
    body = '"We will not move. We have nowhere to go," a resident said.'
    assert texts(body) == ['"We will not move.', 'We have nowhere to go," a resident said.']


def test_new_quotation_after_said_starts_a_sentence() -> None:
    body = 'The talks failed, he said. "We will try again next week," she added.'
    assert texts(body) == [
        "The talks failed, he said.",
        '"We will try again next week," she added.',
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    body = "Her reply was short: “Not today.” The minister left."
    assert texts(body) == ["Her reply was short: “Not today.”", "The minister left."]


def test_closing_parenthesis_stays_with_its_sentence() -> None:
    body = "The bridge reopened. (It had been shut since May.) Traffic eased."
    assert texts(body) == [
        "The bridge reopened.",
        "(It had been shut since May.)",
        "Traffic eased.",
    ]


def test_question_in_quotes_before_he_said_does_not_end_sentence() -> None:
    body = '"Why now?" he asked. Nobody answered.'
    assert texts(body) == ['"Why now?" he asked.', "Nobody answered."]


def test_exclamation_in_quotes_before_she_said_does_not_end_sentence() -> None:
    body = "“Get out!” she shouted at the cameras."
    assert texts(body) == [body]


def test_stop_inside_parentheses_before_lower_case_does_not_end_sentence() -> None:
    body = "The firm (founded in 1901 by A. Boyd.) was sold on Monday."
    assert texts(body) == [body]


def test_attribution_dash_after_a_quote_stays_with_it() -> None:
    body = '"Nothing is settled yet." - Maria Lind, spokeswoman'
    assert texts(body) == [body]


def test_citation_mark_stays_with_the_sentence_before_it() -> None:
    body = "The dam was finished in 1936. [4] It still stands."
    assert texts(body) == ["The dam was finished in 1936. [4]", "It still stands."]


# -- datelines, URLs, e-mail --------------------------------------------------------------------


def test_dateline_with_agency_stays_in_first_sentence() -> None:
    body = "OSLO (Reuters) - Ferry services were cut on Monday. Storms are expected."
    assert texts(body) == [
        "OSLO (Reuters) - Ferry services were cut on Monday.",
        "Storms are expected.",
    ]


def test_dateline_with_abbreviated_place_and_dash() -> None:
    body = "WASHINGTON, D.C. — The Senate adjourned. Members flew home."
    assert texts(body) == ["WASHINGTON, D.C. — The Senate adjourned.", "Members flew home."]


def test_url_does_not_end_sentence() -> None:
    body = "Details are at https://example.org/news/2024/v2.1/report.html today. Read them."
    assert texts(body) == [
        "Details are at https://example.org/news/2024/v2.1/report.html today.",
        "Read them.",
    ]


def test_email_at_sentence_end_ends_sentence() -> None:
    body = "Tips go to desk.news@example.com. We read all of them."
    assert texts(body) == ["Tips go to desk.news@example.com.", "We read all of them."]


# -- lists --------------------------------------------------------------------------------------


def test_inline_numbered_list_breaks_before_each_item() -> None:
    body = "1) Close the border 2) Free the prisoners 3) Hold new elections"
    assert texts(body) == ["1) Close the border", "2) Free the prisoners", "3) Hold new elections"]


def test_list_number_at_line_start_does_not_end_sentence() -> None:
    body = "1. The council meets on Tuesday.\n2. The budget is published."
    assert texts(body) == ["1. The council meets on Tuesday.", "2. The budget is published."]


# -- lines and paragraphs -----------------------------------------------------------------------


def test_quote_running_into_the_next_paragraph_splits_at_the_paragraph() -> None:
    body = (
        "“We will stay,” she said. “We have nowhere else to go.\n\n“Our children were born here.”"
    )
    assert texts(body) == [
        "“We will stay,” she said.",
        "“We have nowhere else to go.",
        "“Our children were born here.”",
    ]


def test_windows_line_endings_end_lines() -> None:
    body = "Roads were closed\r\nSnow fell all night. Schools shut.\r\n"
    assert texts(body) == ["Roads were closed", "Snow fell all night.", "Schools shut."]


def test_blank_line_ends_a_sentence() -> None:
    body = "The strike continued with no end in sight\n\nUnions met again on Friday."
    assert texts(body) == [
        "The strike continued with no end in sight",
        "Unions met again on Friday.",
    ]


def test_heading_without_punctuation_ends_at_its_line() -> None:
    body = "Police clear the square\nOfficers moved in at dawn. Dozens were held."
    assert texts(body) == [
        "Police clear the square",
        "Officers moved in at dawn.",
        "Dozens were held.",
    ]


def test_junk_line_never_swallows_the_next_paragraph() -> None:
    body = "Officers moved in at dawn.\nRelated Topics\nMore on this story"
    assert texts(body) == ["Officers moved in at dawn.", "Related Topics", "More on this story"]


def test_caption_line_ends_at_its_line_end() -> None:
    body = (
        "image captionProtesters gathered outside parliament on Sunday afternoon\n"
        "The government has called the rallies illegal and vowed to prosecute organisers."
    )
    assert len(texts(body)) == 2


def test_hard_wrapped_paragraph_keeps_sentences_whole() -> None:
    body = (
        "The regional council voted on Thursday to close three rural schools at\n"
        "the end of the year, despite a petition signed by more than 4,000\n"
        "parents. Officials said the buildings were too costly to repair and\n"
        "that pupils would be taken by bus to the nearest town.\n"
        "\n"
        "Parents said they would appeal.\n"
    )
    assert texts(body) == [
        "The regional council voted on Thursday to close three rural schools at\n"
        "the end of the year, despite a petition signed by more than 4,000\n"
        "parents.",
        "Officials said the buildings were too costly to repair and\n"
        "that pupils would be taken by bus to the nearest town.",
        "Parents said they would appeal.",
    ]


def test_hard_wrapped_text_still_ends_a_heading_at_its_line() -> None:
    body = (
        "Schools to close\n"
        "The regional council voted on Thursday to close three rural schools at\n"
        "the end of the year, despite a petition signed by more than 4,000\n"
        "parents and a long campaign by teachers in the villages concerned.\n"
    )
    assert texts(body)[0] == "Schools to close"
    assert len(texts(body)) == 2


def test_offsets_point_into_the_body() -> None:
    body = "  First one here.  Second one?\n\n  Third!  "
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text
    assert [s.index for s in split_sentences(body)] == [0, 1, 2]


def test_empty_and_blank_bodies_have_no_sentences() -> None:
    assert split_sentences("") == ()
    assert split_sentences(" \n\t\n ") == ()


# -- properties ---------------------------------------------------------------------------------

_WORDS = st.sampled_from(
    "the a Mr. Dr. U.S. p.m. Inc. No. 10 4.5 $3bn said he She We It ... … “ ” \" ' ( ) [4] "
    "1. 2) a. J. K. e.g. etc. ok! why? yes. Yes. no. — - • http://x.org/a.b x@y.com".split()
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", ". ", "! ", "? ", "\t"])


@st.composite
def bodies(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(_WORDS, _SEPARATORS), max_size=60))
    return "".join(w + s for w, s in parts)


def _check_invariants(body: str, sentences: tuple[Sentence, ...]) -> None:
    prev_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.text == body[s.start : s.end]
        assert s.text and s.text == s.text.strip()
        assert s.start >= prev_end
        assert not body[prev_end : s.start].strip(), "text lost between sentences"
        prev_end = s.end
    assert not body[prev_end:].strip(), "text lost after the last sentence"


@settings(max_examples=300, deadline=None)
@given(bodies())
def test_news_like_text_loses_no_text_and_offsets_are_exact(body: str) -> None:
    _check_invariants(body, split_sentences(body))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loses_no_text_and_offsets_are_exact(body: str) -> None:
    _check_invariants(body, split_sentences(body))


@settings(max_examples=300, deadline=None)
@given(bodies())
def test_a_sentence_split_again_is_one_sentence(body: str) -> None:
    # A wrapped sentence alone no longer shows the body's wrap width: re-split it as one line.
    for s in split_sentences(body):
        line = re.sub(r"\s", " ", s.text)
        assert [t.text for t in split_sentences(line)] == [line]


@settings(max_examples=300, deadline=None)
@given(bodies())
def test_splitting_is_deterministic(body: str) -> None:
    assert split_sentences(body) == split_sentences(body)


# -- the real seeds -----------------------------------------------------------------------------


def _seed_bodies() -> list[tuple[str, str]]:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds are absent")
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))]


def test_seed_sentences_never_span_two_lines() -> None:
    for name, body in _seed_bodies():
        for s in split_sentences(body):
            assert "\n" not in s.text, f"{name}: {s.text[:60]!r}"


def test_seed_titles_never_end_a_sentence() -> None:
    for name, body in _seed_bodies():
        for s in split_sentences(body):
            assert not re.search(r"\b(?:Mr|Mrs|Dr)\.?$", s.text), f"{name}: {s.text[-60:]!r}"


def test_seed_sentences_without_final_punctuation_end_at_their_line_end() -> None:
    """Headlines, captions and junk lines end where their line ends; prose ends at a stop."""
    for name, body in _seed_bodies():
        for s in split_sentences(body):
            if not re.search(r"[.!?…][\"'”’)]*$", s.text):
                line_end = body.find("\n", s.end)
                rest = body[s.end : line_end if line_end >= 0 else None]
                assert not rest.strip(), f"{name}: {s.text!r} stops mid-line"


def test_seed_sentences_starting_in_lower_case_are_whole_lines() -> None:
    """Prose is never cut before a lower-case word; only junk lines ("image copyright") start so."""
    for name, body in _seed_bodies():
        for s in split_sentences(body):
            if s.text[0].islower():
                line_start = body.rfind("\n", 0, s.start) + 1
                assert not body[line_start : s.start].strip(), f"{name}: {s.text[:60]!r}"
