"""Re-check schedule and change classes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from newsreader.core.model import Article
from newsreader.feeds.changes import Item, classify, is_teaser
from newsreader.feeds.model import ItemState
from newsreader.feeds.schedule import next_check

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def test_recheck_interval_grows_with_age() -> None:
    gaps = [
        next_check(NOW - age, None, NOW) - NOW  # type: ignore[operator]
        for age in (timedelta(minutes=10), timedelta(hours=3), timedelta(hours=12))
    ]
    assert gaps == sorted(gaps) and len(set(gaps)) == 3


def test_old_items_are_left_alone() -> None:
    assert next_check(NOW - timedelta(days=5), None, NOW) is None


def test_publication_date_counts_when_earlier_than_first_sight() -> None:
    published = (NOW - timedelta(days=10)).isoformat()
    assert next_check(NOW, published, NOW) is None


def test_future_or_bogus_publication_dates_are_ignored() -> None:
    assert next_check(NOW, "next Tuesday", NOW) == NOW + timedelta(minutes=15)
    assert next_check(NOW, (NOW + timedelta(days=3)).isoformat(), NOW) is not None


def _article(body: str, title: str = "Ferry timetable") -> Article:
    return Article(title=title, body=body, url="https://courier.example/ferry")


def _change(old_body: str, new_body: str) -> str:
    old = Item.of(_article(old_body))
    state = ItemState(
        guid=old.key,
        url=None,
        title="",
        published=None,
        content_hash=old.content_hash,
        words_hash=old.words_hash,
        first_seen=NOW,
        last_checked=NOW,
    )
    return classify(state, Item.of(_article(new_body)))


def test_punctuation_and_spacing_edits_are_trivial() -> None:
    assert (
        _change(
            "The ferry leaves at nine. Tickets cost 5 euros.",
            "The ferry leaves at nine!  Tickets cost 5 euros",
        )
        == "trivial"
    )


def test_changed_words_are_an_update() -> None:
    assert (
        _change(
            "The ferry leaves at nine. Tickets cost 5 euros.",
            "The ferry leaves at ten. Tickets cost 5 euros.",
        )
        == "updated"
    )


def test_changed_number_is_never_trivial() -> None:
    assert _change("Tickets cost 5.50 euros.", "Tickets cost 55.0 euros.") == "updated"


def test_whitespace_only_is_unchanged() -> None:
    assert _change("The ferry leaves at nine.", "The  ferry\nleaves at nine.") == "unchanged"


def test_short_or_cut_off_items_are_teasers() -> None:
    assert is_teaser(_article("The ferry will run a winter timetable."))
    long_cut = " ".join(["word"] * 200) + " Continue reading"
    assert is_teaser(_article(long_cut))
    assert not is_teaser(_article(" ".join(["word"] * 200) + "."))
    assert not is_teaser(Article(title="t", body="short", url=None))
