"""The service on a real library file: feed articles become stories, edits become revisions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from feeds_fixtures import rss, story
from feeds_server import FeedServer

from newsreader.feeds.service import add_feed, fetch_feeds, list_feeds, remove_feed
from newsreader.store.library import Library


def test_edited_feed_item_is_a_new_version_of_the_same_story(
    tmp_path: Path, server: FeedServer, settings
) -> None:
    db = tmp_path / "library.sqlite3"
    base = f"http://127.0.0.1:{server.port}"
    server.serve("/feed.xml", rss([story(0, base=base)]), etag='"1"')
    add_feed(db, server.url("/feed.xml"), tags=("local",))
    first = fetch_feeds(db, settings=settings)
    assert (first.new, first.feeds_ok) == (1, 1)
    assert str(first) == "1 new, 0 updated from 1 feed."

    server.serve("/feed.xml", rss([story(0, base=base, n=90)]), etag='"2"')
    second = fetch_feeds(db, settings=settings)
    assert (second.new, second.updated) == (0, 1)

    with Library.open(db) as lib:
        (summary,) = lib.list_stories()
        versions = lib.articles(summary.id)
    assert len(versions) == 2
    old, new = sorted(versions, key=lambda a: a.id)
    assert new.revision_of == old.id
    assert "40 thousand" in old.body and "90 thousand" in new.body  # the old one is kept

    (status,) = list_feeds(db)
    assert (status.health, status.items, status.tags) == ("ok", 1, ("local",))


def test_removing_a_feed_keeps_its_articles(tmp_path: Path, server: FeedServer, settings) -> None:
    db = tmp_path / "library.sqlite3"
    base = f"http://127.0.0.1:{server.port}"
    server.serve("/feed.xml", rss([story(0, base=base), story(1, base=base)]))
    status = add_feed(db, server.url("/feed.xml"))
    fetch_feeds(db, settings=settings)
    remove_feed(db, status.id)
    assert list_feeds(db) == ()
    with Library.open(db) as lib:
        assert len(lib.list_stories()) == 2


def test_fetch_from_a_worker_thread(tmp_path: Path, server: FeedServer, settings) -> None:
    """The reader calls fetch_feeds from a thread while its own connection stays open."""
    import threading

    db = tmp_path / "library.sqlite3"
    base = f"http://127.0.0.1:{server.port}"
    server.serve("/feed.xml", rss([story(2, base=base)]))
    add_feed(db, server.url("/feed.xml"))
    results = []
    with Library.open(db) as ui_library:
        worker = threading.Thread(
            target=lambda: results.append(fetch_feeds(db, settings=replace(settings)))
        )
        worker.start()
        worker.join(30)
        assert len(ui_library.list_stories()) == 1
    assert results[0].new == 1
