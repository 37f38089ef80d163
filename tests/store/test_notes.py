"""Annotations: targets, authors and times, re-anchoring after a revision, orphans, facts."""

from __future__ import annotations

import pytest
from library_samples import (
    FLOOD_LEDGER,
    FLOOD_WIRE,
    FLOOD_WIRE_UPDATE,
    article_id,
    story_of,
)

from newsreader.errors import NewsreaderError, NotFoundError
from newsreader.store.library import Library


@pytest.fixture
def flood(library: Library) -> Library:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
    return library


def test_note_targets(flood: Library) -> None:
    story = story_of(flood, FLOOD_WIRE)
    wire = article_id(flood, FLOOD_WIRE)
    a = flood.add_note("whole story", story_id=story)
    b = flood.add_note("this version", article_id=wire)
    c = flood.add_note("this sentence", article_id=wire, sentence=1)
    d = flood.add_note("this fact", article_id=wire, sentence=0, fact=True)
    assert [n.target for n in (a, b, c, d)] == ["story", "article", "sentence", "fact"]
    assert c.quote == "The river Tam burst its banks after three days of heavy rain."
    assert b.story_id == story and c.article_id == wire
    assert flood.story(story).notes == 4


def test_note_records_author_and_times(flood: Library) -> None:
    story = story_of(flood, FLOOD_WIRE)
    note = flood.add_note("check the figure", story_id=story)
    assert note.author == "Tess Tester"
    assert note.created == note.updated
    edited = flood.edit_note(note.id, "figure checked")
    assert edited.text == "figure checked"
    assert edited.updated > edited.created
    other = flood.add_note("second opinion", story_id=story, author="Night Desk")
    assert other.author == "Night Desk"


def test_delete_note(flood: Library) -> None:
    note = flood.add_note("temp", story_id=story_of(flood, FLOOD_WIRE))
    flood.delete_note(note.id)
    assert flood.notes() == ()
    with pytest.raises(NotFoundError):
        flood.delete_note(note.id)


def test_bad_note_targets_are_refused(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    with pytest.raises(NotFoundError, match="no sentence 40"):
        flood.add_note("x", article_id=wire, sentence=40)
    with pytest.raises(NewsreaderError, match="needs some text"):
        flood.add_note("  ", article_id=wire)
    with pytest.raises(NewsreaderError, match="story or an article"):
        flood.add_note("x")
    with pytest.raises(NotFoundError):
        flood.add_note("x", story_id=999)
    assert flood.notes() == ()


def test_sentence_note_follows_a_revision(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    note = flood.add_note("rain gauge data?", article_id=wire, sentence=1)
    flood.import_articles([FLOOD_WIRE_UPDATE])
    update = article_id(flood, FLOOD_WIRE_UPDATE)
    (moved,) = flood.notes(story_of(flood, FLOOD_WIRE))
    assert moved.id == note.id
    assert moved.article_id == update
    assert moved.sentence == 1
    assert not moved.orphaned


def test_edited_sentence_keeps_its_note(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    flood.add_note("which figure is right?", article_id=wire, sentence=0)
    flood.import_articles([FLOOD_WIRE_UPDATE])  # "4,000" became "5,000"
    (note,) = flood.notes()
    assert note.sentence == 0 and not note.orphaned


def test_note_on_a_removed_sentence_is_orphaned_not_dropped(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    flood.add_note("which schools?", article_id=wire, sentence=2)
    flood.import_articles([FLOOD_WIRE_UPDATE])  # the mayor's sentence is gone
    (note,) = flood.notes()
    assert note.orphaned and note.sentence is None
    assert note.quote == "Mayor Ada Quill said two schools had been opened as shelters."
    assert note.text == "which schools?"
    assert flood.story(story_of(flood, FLOOD_WIRE)).notes == 1


def test_article_note_stays_on_its_version(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    flood.add_note("first wire take", article_id=wire)
    flood.import_articles([FLOOD_WIRE_UPDATE])
    (note,) = flood.notes()
    assert note.article_id == wire and note.target == "article"


def test_note_reanchors_when_the_stored_split_changes(flood: Library) -> None:
    wire = article_id(flood, FLOOD_WIRE)
    flood.add_note("gauge", article_id=wire, sentence=1)
    # As if a newer splitter had cut the first line in two: one more sentence before it.
    conn = flood.db.conn
    body = FLOOD_WIRE.body
    cut = body.index(" from their homes")
    spans = [[0, cut], [cut + 1, body.index("\n")]] + [
        [a, b] for a, b in flood.article(wire).sentences[1:]
    ]
    import json

    conn.execute("UPDATE articles SET sentences = ? WHERE id = ?", (json.dumps(spans), wire))
    (note,) = flood.notes()
    assert note.sentence == 2
    stored = conn.execute("SELECT sentence FROM notes").fetchone()[0]
    assert stored == 2


def test_fact_note_shows_on_every_version_carrying_the_fact(flood: Library) -> None:
    story = story_of(flood, FLOOD_WIRE)
    wire = article_id(flood, FLOOD_WIRE)
    note = flood.add_note(
        "confirmed with the river authority", article_id=wire, sentence=1, fact=True
    )
    comparison = flood.comparison(story)
    assert note.fact_group is not None
    carriers = {
        comparison.versions[v].article.source for v, _ in comparison.groups[note.fact_group].members
    }
    assert carriers == {"Northgate Wire", "Valley Ledger"}
    flood.import_articles([FLOOD_WIRE_UPDATE])
    (after,) = flood.notes(story)
    comparison = flood.comparison(story)
    carriers = {
        comparison.versions[v].article.source
        for v, _ in comparison.groups[after.fact_group].members
    }
    assert len(comparison.groups[after.fact_group].members) == 3
    assert carriers == {"Northgate Wire", "Valley Ledger"}
