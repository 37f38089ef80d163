"""Finding an annotated sentence again after the text changed."""

from __future__ import annotations

import pytest

from newsreader.core.anchors import Anchor, find_anchor, make_anchor

SENTENCES = [
    "The council met on Monday.",
    "It voted to close the old bridge to lorries.",
    "Repairs will cost 1.2 million crowns.",
    "Work starts in April.",
]


def test_anchor_keeps_quote_and_neighbours() -> None:
    anchor = make_anchor(SENTENCES, 1)
    assert anchor.quote == SENTENCES[1]
    assert anchor.before.endswith("met on Monday.")
    assert anchor.after.startswith("Repairs will cost")


def test_unchanged_text_finds_the_same_sentence() -> None:
    assert find_anchor(make_anchor(SENTENCES, 2), SENTENCES) == 2


def test_sentence_found_after_one_is_inserted_before_it() -> None:
    revised = [SENTENCES[0], "The meeting lasted four hours.", *SENTENCES[1:]]
    assert find_anchor(make_anchor(SENTENCES, 2), revised) == 3


def test_lightly_edited_sentence_is_found() -> None:
    revised = list(SENTENCES)
    revised[2] = "Repairs will cost 1.4 million crowns."
    assert find_anchor(make_anchor(SENTENCES, 2), revised) == 2


def test_removed_sentence_is_orphaned() -> None:
    revised = [s for i, s in enumerate(SENTENCES) if i != 2]
    assert find_anchor(make_anchor(SENTENCES, 2), revised) is None


def test_rewritten_sentence_is_orphaned() -> None:
    revised = list(SENTENCES)
    revised[2] = "Nobody yet knows what the work will cost the town."
    assert find_anchor(make_anchor(SENTENCES, 2), revised) is None


def test_context_picks_between_repeated_sentences() -> None:
    text = ["Alarms sounded.", "Police arrived.", "It rained.", "Fire crews arrived.", "It rained."]
    anchor = make_anchor(text, 4)
    shuffled = [
        "Fire crews arrived.",
        "It rained.",
        "Alarms sounded.",
        "Police arrived.",
        "It rained.",
    ]
    assert find_anchor(anchor, shuffled) == 1


def test_sentence_merged_into_a_longer_one_is_found() -> None:
    merged = [
        SENTENCES[0],
        SENTENCES[1][:-1] + ", and repairs will cost 1.2 million crowns.",
        SENTENCES[3],
    ]
    assert find_anchor(make_anchor(SENTENCES, 1), merged) == 1


def test_empty_inputs_find_nothing() -> None:
    assert find_anchor(Anchor("x"), []) is None
    assert find_anchor(Anchor("   "), SENTENCES) is None
    with pytest.raises(IndexError):
        make_anchor(SENTENCES, 9)
