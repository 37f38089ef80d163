"""Grouping by hand: merges, splits and moves are remembered; later imports never undo them."""

from __future__ import annotations

import pytest
from library_samples import (
    FLOOD_LEDGER,
    FLOOD_WIRE,
    FLOOD_WIRE_UPDATE,
    PORTRAIT,
    PORTRAIT_WIRE,
    article_id,
    story_of,
)

from newsreader.errors import NotFoundError
from newsreader.store.library import Library


def test_merge_moves_every_version_and_removes_the_other_story(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood, portrait = story_of(library, FLOOD_WIRE), story_of(library, PORTRAIT)
    assert library.merge_stories(flood, portrait) == flood
    assert library.story(flood).versions == 2
    with pytest.raises(NotFoundError):
        library.story(portrait)


def test_merge_carries_story_notes_and_tags(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood, portrait = story_of(library, FLOOD_WIRE), story_of(library, PORTRAIT)
    library.tag_story(portrait, "culture")
    library.add_note("call the museum", story_id=portrait)
    library.merge_stories(flood, portrait)
    assert library.story(flood).tags == ("culture",)
    assert [n.text for n in library.notes(flood)] == ["call the museum"]


def test_merge_with_a_missing_story_changes_nothing(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood = story_of(library, FLOOD_WIRE)
    with pytest.raises(NotFoundError, match="no story 999"):
        library.merge_stories(flood, 999)
    assert library.count_stories() == 2


def test_split_makes_a_story_of_one_version(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
    old = story_of(library, FLOOD_WIRE)
    new = library.split_article(article_id(library, FLOOD_LEDGER))
    assert new != old
    assert story_of(library, FLOOD_LEDGER) == new
    assert library.story(old).versions == 1
    assert library.story(new).title == FLOOD_LEDGER.title


def test_split_is_kept_when_more_versions_arrive(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
    new = library.split_article(article_id(library, FLOOD_LEDGER))
    library.import_articles([FLOOD_WIRE_UPDATE, PORTRAIT])
    assert story_of(library, FLOOD_LEDGER) == new
    assert library.story(new).versions == 1
    assert story_of(library, FLOOD_WIRE_UPDATE) == story_of(library, FLOOD_WIRE)


def test_merge_of_unrelated_stories_is_kept_across_imports(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood = story_of(library, FLOOD_WIRE)
    library.merge_stories(flood, story_of(library, PORTRAIT))
    library.import_articles([FLOOD_LEDGER, PORTRAIT_WIRE, FLOOD_WIRE_UPDATE])
    assert story_of(library, PORTRAIT) == flood
    assert story_of(library, PORTRAIT_WIRE) == flood


def test_move_puts_a_version_in_another_story(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    portrait = story_of(library, PORTRAIT)
    library.move_article(article_id(library, FLOOD_LEDGER), portrait)
    library.import_articles([FLOOD_WIRE_UPDATE, PORTRAIT_WIRE])
    assert story_of(library, FLOOD_LEDGER) == portrait
    assert library.story(portrait).versions == 3


def test_moving_the_last_version_removes_the_empty_story(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood, portrait = story_of(library, FLOOD_WIRE), story_of(library, PORTRAIT)
    library.move_article(article_id(library, PORTRAIT), flood)
    with pytest.raises(NotFoundError):
        library.story(portrait)


def test_changing_versions_drops_the_cached_alignment(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    flood = story_of(library, FLOOD_WIRE)
    assert len(library.comparison(flood).versions) == 2
    library.import_articles([FLOOD_WIRE_UPDATE])
    assert len(library.comparison(flood).versions) == 3
    library.split_article(article_id(library, FLOOD_LEDGER))
    assert len(library.comparison(flood).versions) == 2


def test_comparison_versions_follow_article_order(library: Library) -> None:
    library.import_articles([FLOOD_LEDGER, FLOOD_WIRE])
    flood = story_of(library, FLOOD_WIRE)
    cached = library.comparison(flood)
    again = library.comparison(flood)
    records = library.articles(flood)
    assert [v.article.title for v in again.versions] == [r.title for r in records]
    assert again == cached


def test_new_engine_version_recomputes_the_cached_alignment(library: Library, monkeypatch) -> None:
    from newsreader.core import align

    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
    flood = story_of(library, FLOOD_WIRE)
    library.comparison(flood)
    calls = []
    real = align.compare
    monkeypatch.setattr(align, "compare", lambda *a, **k: calls.append(1) or real(*a, **k))
    library.comparison(flood)
    assert calls == []  # cached
    monkeypatch.setattr(align, "ALIGNMENT_VERSION", 999, raising=False)
    library.comparison(flood)
    assert calls == [1]
