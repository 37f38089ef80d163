"""Read state, stars, review status, tags, listing filters and remembered state."""

from __future__ import annotations

import pytest
from library_samples import (
    FLOOD_LEDGER,
    FLOOD_WIRE,
    FLOOD_WIRE_UPDATE,
    PORTRAIT,
    article_id,
    story_of,
)

from newsreader.errors import NewsreaderError, NotFoundError
from newsreader.store.library import Library


@pytest.fixture
def stocked(library: Library) -> Library:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    return library


def test_reading_a_story_reads_every_version(stocked: Library) -> None:
    flood = story_of(stocked, FLOOD_WIRE)
    stocked.set_read(flood)
    assert stocked.story(flood).unread == 0
    assert all(r.read for r in stocked.articles(flood))


def test_a_new_version_makes_a_read_story_unread_again(stocked: Library) -> None:
    flood = story_of(stocked, FLOOD_WIRE)
    stocked.set_read(flood)
    stocked.import_articles([FLOOD_WIRE_UPDATE])
    assert stocked.story(flood).unread == 1


def test_reading_one_version_counts_down(stocked: Library) -> None:
    flood = story_of(stocked, FLOOD_WIRE)
    stocked.set_article_read(article_id(stocked, FLOOD_LEDGER))
    assert stocked.story(flood).unread == 1
    stocked.set_article_read(article_id(stocked, FLOOD_LEDGER), False)
    assert stocked.story(flood).unread == 2


def test_status_and_star_filter_the_list(stocked: Library) -> None:
    flood = story_of(stocked, FLOOD_WIRE)
    stocked.set_status(flood, "checked")
    stocked.set_starred(flood, True)
    assert [s.id for s in stocked.list_stories(status="checked")] == [flood]
    assert [s.id for s in stocked.list_stories(starred=True)] == [flood]
    assert stocked.count_stories(status="new") == 1


def test_unknown_status_is_refused(stocked: Library) -> None:
    with pytest.raises(NewsreaderError, match="unknown status"):
        stocked.set_status(story_of(stocked, PORTRAIT), "archived")
    assert stocked.story(story_of(stocked, PORTRAIT)).status == "new"


def test_bad_ids_raise_not_found(stocked: Library) -> None:
    for call in (
        lambda: stocked.story(999),
        lambda: stocked.articles(999),
        lambda: stocked.article(999),
        lambda: stocked.set_read(999),
        lambda: stocked.set_status(999, "checked"),
        lambda: stocked.tag_story(999, "x"),
        lambda: stocked.tag_article(999, "x"),
        lambda: stocked.split_article(999),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert [t.name for t in stocked.tags()] == []


def test_unread_filter(stocked: Library) -> None:
    stocked.set_read(story_of(stocked, PORTRAIT))
    assert [s.id for s in stocked.list_stories(unread=True)] == [story_of(stocked, FLOOD_WIRE)]
    assert [s.id for s in stocked.list_stories(unread=False)] == [story_of(stocked, PORTRAIT)]


def test_source_filter_and_sources(stocked: Library) -> None:
    assert stocked.sources() == ("Northgate Wire", "Valley Ledger")
    assert [s.id for s in stocked.list_stories(source="Northgate Wire")] == [
        story_of(stocked, FLOOD_WIRE)
    ]


def test_list_is_newest_first_and_pages(stocked: Library) -> None:
    ids = [s.id for s in stocked.list_stories()]
    assert ids == [story_of(stocked, FLOOD_WIRE), story_of(stocked, PORTRAIT)]
    assert [s.id for s in stocked.list_stories(offset=1, limit=1)] == ids[1:]
    assert [s.id for s in stocked.list_stories(sort="oldest")] == ids[::-1]


def test_typed_filter_matches_words_and_prefixes(stocked: Library) -> None:
    assert [s.id for s in stocked.list_stories(search="varga portr")] == [
        story_of(stocked, PORTRAIT)
    ]
    assert stocked.list_stories(search='"(*') == stocked.list_stories()


def test_tags_on_stories_and_articles(stocked: Library) -> None:
    flood, portrait = story_of(stocked, FLOOD_WIRE), story_of(stocked, PORTRAIT)
    stocked.tag_story(flood, "weather", "Imley")
    stocked.tag_article(article_id(stocked, PORTRAIT), "culture", "imley")
    assert stocked.story(flood).tags == ("Imley", "weather")
    assert stocked.story(portrait).tags == ("culture", "Imley")
    assert [(t.name, t.count) for t in stocked.tags()] == [
        ("culture", 1),
        ("Imley", 2),
        ("weather", 1),
    ]
    assert {s.id for s in stocked.list_stories(tag="imley")} == {flood, portrait}
    assert stocked.article(article_id(stocked, PORTRAIT)).tags == ("culture", "Imley")


def test_untag_unknown_tag_is_an_error(stocked: Library) -> None:
    flood = story_of(stocked, FLOOD_WIRE)
    stocked.tag_story(flood, "weather")
    with pytest.raises(NotFoundError, match="no tag 'wether'"):
        stocked.untag_story(flood, "weather", "wether")
    assert stocked.story(flood).tags == ("weather",)
    stocked.untag_story(flood, "weather")
    assert stocked.story(flood).tags == ()


def test_tag_colours(stocked: Library) -> None:
    stocked.tag_story(story_of(stocked, FLOOD_WIRE), "weather")
    stocked.set_tag_colour("weather", "#3366ff")
    assert stocked.tags()[0].colour == "#3366ff"
    with pytest.raises(NewsreaderError, match="unknown colour"):
        stocked.set_tag_colour("weather", "not-a-colour")
    with pytest.raises(NotFoundError):
        stocked.set_tag_colour("absent", "red")


def test_state_is_remembered(db_path, stocked: Library) -> None:
    assert stocked.get_state("last_story") is None
    stocked.set_state("last_story", "7")
    stocked.close()
    with Library.open(db_path) as again:
        assert again.get_state("last_story") == "7"


def test_typed_filter_looks_at_headlines_only(stocked: Library) -> None:
    assert stocked.list_stories(search="auction") == ()  # only in a body
    assert [s.id for s in stocked.list_stories(search="thousands leave")] == [
        story_of(stocked, FLOOD_WIRE)
    ]
