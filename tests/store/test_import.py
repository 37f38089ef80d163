"""Importing articles: duplicates, revisions, stories across imports, batches."""

from __future__ import annotations

from dataclasses import replace

from library_samples import (
    FLOOD_LEDGER,
    FLOOD_WIRE,
    FLOOD_WIRE_UPDATE,
    PORTRAIT,
    PORTRAIT_WIRE,
    article_id,
    story_of,
)

from newsreader.store import library as library_module
from newsreader.store.library import Library


def test_import_counts_new_articles(library: Library) -> None:
    summary = library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    assert (summary.imported, summary.duplicates, summary.updated) == (3, 0, 0)
    assert summary.failed == ()


def test_reimport_is_a_no_op(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    before = library.list_stories()
    library.set_read(before[0].id)
    again = library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT])
    assert (again.imported, again.duplicates, again.updated) == (0, 3, 0)
    after = library.list_stories()
    assert [(s.id, s.versions) for s in after] == [(s.id, s.versions) for s in before]
    assert after[0].unread == 0


def test_whitespace_change_is_still_a_duplicate(library: Library) -> None:
    library.import_articles([FLOOD_WIRE])
    spaced = replace(FLOOD_WIRE, body=FLOOD_WIRE.body.replace(" ", "  "), path="copy.txt")
    assert library.import_articles([spaced]).duplicates == 1


def test_duplicate_inside_one_import_is_skipped(library: Library) -> None:
    summary = library.import_articles([FLOOD_WIRE, FLOOD_WIRE])
    assert (summary.imported, summary.duplicates) == (1, 1)


def test_versions_of_one_story_are_grouped(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT, PORTRAIT_WIRE])
    assert story_of(library, FLOOD_WIRE) == story_of(library, FLOOD_LEDGER)
    assert story_of(library, PORTRAIT) == story_of(library, PORTRAIT_WIRE)
    assert story_of(library, FLOOD_WIRE) != story_of(library, PORTRAIT)


def test_new_article_joins_a_story_from_an_earlier_import(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, PORTRAIT])
    flood = story_of(library, FLOOD_WIRE)
    library.import_articles([FLOOD_LEDGER])
    assert story_of(library, FLOOD_LEDGER) == flood
    assert library.story(flood).versions == 2


def test_changed_text_at_same_url_is_a_revision(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
    summary = library.import_articles([FLOOD_WIRE_UPDATE])
    assert (summary.imported, summary.updated) == (0, 1)
    story = story_of(library, FLOOD_WIRE)
    assert story_of(library, FLOOD_WIRE_UPDATE) == story
    records = library.articles(story)
    update = next(r for r in records if r.content_hash == FLOOD_WIRE_UPDATE.content_hash)
    assert update.revision_of == article_id(library, FLOOD_WIRE)
    assert library.story(story).versions == 3


def test_story_versions_come_oldest_first(library: Library) -> None:
    library.import_articles([FLOOD_WIRE_UPDATE, FLOOD_LEDGER, FLOOD_WIRE])
    records = library.articles(story_of(library, FLOOD_WIRE))
    assert [r.published for r in records] == sorted(r.published or "" for r in records)


def test_story_summary_counts_versions_sources_and_newest(library: Library) -> None:
    library.import_articles([FLOOD_WIRE, FLOOD_LEDGER, FLOOD_WIRE_UPDATE])
    summary = library.story(story_of(library, FLOOD_WIRE))
    assert summary.versions == 3
    assert summary.sources == ("Northgate Wire", "Valley Ledger")
    assert summary.newest == "2026-11-17T18:00:00Z"
    assert summary.unread == 3
    assert summary.title == FLOOD_WIRE.title


def test_boilerplate_is_kept_but_not_searched(library: Library) -> None:
    library.import_articles([FLOOD_WIRE])
    record = library.article(article_id(library, FLOOD_WIRE))
    assert record.body == FLOOD_WIRE.body
    assert record.boilerplate == FLOOD_WIRE.boilerplate
    assert library.search("share") == ()


def test_import_commits_in_batches_and_reports_progress(library: Library, monkeypatch) -> None:
    monkeypatch.setattr(library_module, "BATCH_SIZE", 2)
    seen = []
    library.import_articles(
        [FLOOD_WIRE, FLOOD_LEDGER, PORTRAIT, PORTRAIT_WIRE, FLOOD_WIRE_UPDATE],
        progress=lambda p: seen.append(p.done),
    )
    assert seen[:3] == [2, 4, 5]


def test_sentences_are_stored_with_offsets(library: Library) -> None:
    library.import_articles([PORTRAIT])
    record = library.article(article_id(library, PORTRAIT))
    assert len(record.sentences) == 3
    start, end = record.sentences[1]
    assert record.body[start:end].startswith("It paid 2.1 million crowns")


def test_parallel_import_groups_like_a_serial_one(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(library_module, "BATCH_SIZE", 2)
    monkeypatch.setattr(library_module, "PARALLEL_MIN_ARTICLES", 1)
    articles = [FLOOD_WIRE, PORTRAIT, FLOOD_LEDGER, FLOOD_WIRE, PORTRAIT_WIRE, FLOOD_WIRE_UPDATE]
    partitions = []
    for parallel in (False, True):
        with Library.open(tmp_path / f"{parallel}.sqlite3", author="t") as lib:
            summary = lib.import_articles(articles, parallel=parallel)
            assert (summary.imported, summary.duplicates, summary.updated) == (4, 1, 1)
            partitions.append(
                sorted(
                    sorted(r.content_hash for r in lib.articles(s.id)) for s in lib.list_stories()
                )
            )
    assert partitions[0] == partitions[1]


def test_prepared_articles_import_like_plain_ones(tmp_path) -> None:
    from newsreader.store.articles import prepare

    articles = [FLOOD_WIRE, PORTRAIT, FLOOD_LEDGER, FLOOD_WIRE, PORTRAIT_WIRE, FLOOD_WIRE_UPDATE]
    ready = prepare(articles[:3])
    partitions = []
    for items in (articles, [*ready, *articles[3:]]):
        with Library.open(tmp_path / f"{len(partitions)}.sqlite3", author="t") as lib:
            summary = lib.import_articles(items)
            assert (summary.imported, summary.duplicates, summary.updated) == (4, 1, 1)
            assert summary.failed == ()
            partitions.append(
                sorted(
                    sorted(r.content_hash for r in lib.articles(s.id)) for s in lib.list_stories()
                )
            )
    assert partitions[0] == partitions[1]
