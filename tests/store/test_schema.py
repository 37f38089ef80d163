"""The library file: pragmas, schema version, forward migrations, refusing what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from library_samples import FLOOD_LEDGER, FLOOD_WIRE

from newsreader.errors import LibraryError
from newsreader.store.db import APPLICATION_ID
from newsreader.store.library import Library
from newsreader.store.migrations import MIGRATIONS, Migration, latest_version, migrate


def test_new_library_uses_wal_foreign_keys_and_latest_schema(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        conn = lib.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0


def test_library_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "lib.sqlite3"
    Library.open(path).close()
    assert path.is_file()


def test_reopening_keeps_articles(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        lib.import_articles([FLOOD_WIRE])
    with Library.open(db_path) as lib:
        assert lib.count_stories() == 1


def test_text_file_is_not_a_library(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some text, not SQLite\n")
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library.open(path)
    assert path.read_text() == "just some text, not SQLite\n"


def test_other_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE accounts (id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a newsreader library"):
        Library.open(path)
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master")]
    assert tables == ["accounts"]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def test_folder_is_not_a_library(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="folder"):
        Library.open(tmp_path)


def test_readonly_open_of_missing_file_fails_without_creating_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite3"
    with pytest.raises(LibraryError, match="no library"):
        Library.open(path, readonly=True)
    assert not path.exists()


def test_readonly_library_refuses_writes(db_path: Path) -> None:
    Library.open(db_path).close()
    with Library.open(db_path, readonly=True) as lib:
        assert lib.list_stories() == ()
        with pytest.raises(LibraryError, match="read-only"):
            lib.import_articles([FLOOD_WIRE])
        with pytest.raises(LibraryError, match="read-only"):
            lib.set_state("last", "1")


def test_library_from_a_newer_newsreader_is_refused(db_path: Path) -> None:
    Library.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer newsreader"):
        Library.open(db_path)


def test_library_made_by_migration_1_opens_and_upgrades(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, target=1, application_id=APPLICATION_ID)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    with Library.open(db_path) as lib:
        assert lib.db.conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        lib.import_articles([FLOOD_WIRE, FLOOD_LEDGER])
        story = lib.list_stories()[0].id
        lib.add_note("ask the mayor's office", story_id=story)
        assert any(h.note_id is not None for h in lib.search("mayor's office"))


def test_notes_written_before_search_existed_become_searchable(db_path: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    migrate(conn, target=1, application_id=APPLICATION_ID)
    conn.close()
    with Library.open(db_path) as lib:
        lib.import_articles([FLOOD_WIRE])
    # Go back to a version-1 file holding a note, as an old newsreader would have left it.
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TABLE note_fts")
    conn.execute(
        "INSERT INTO notes (story_id, text, author, created, updated) "
        "VALUES (1, 'sandbags ran out', 'x', 'now', 'now')"
    )
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with Library.open(db_path) as lib:
        hits = lib.search("sandbags")
    assert [h.note_id for h in hits] == [1]


def test_appended_migration_runs_once_on_open(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(db_path).close()
    extra = Migration(
        latest_version() + 1, "feeds", "CREATE TABLE feeds (id INTEGER PRIMARY KEY, url TEXT)"
    )
    monkeypatch.setattr("newsreader.store.migrations.MIGRATIONS", [*MIGRATIONS, extra])
    with Library.open(db_path) as lib:
        assert lib.db.conn.execute("PRAGMA user_version").fetchone()[0] == extra.version
        lib.db.conn.execute("INSERT INTO feeds (url) VALUES ('x')")
    with Library.open(db_path) as lib:  # not applied twice
        assert lib.db.conn.execute("SELECT count(*) FROM feeds").fetchone()[0] == 1


def test_failing_migration_leaves_the_previous_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Library.open(db_path).close()
    before = latest_version()
    broken = Migration(
        before + 1, "broken", "CREATE TABLE half (id INTEGER);\nSELECT * FROM nowhere"
    )
    monkeypatch.setattr("newsreader.store.migrations.MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        Library.open(db_path)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == before
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half" not in tables


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))


def test_library_calls_join_a_transaction_begun_on_its_connection(db_path: Path) -> None:
    with Library.open(db_path) as lib:
        lib.conn.execute("BEGIN IMMEDIATE")
        lib.conn.execute("CREATE TABLE feed_state (x INTEGER)")
        lib.import_articles([FLOOD_WIRE])
        lib.conn.execute("ROLLBACK")  # the caller's rollback undoes the import with it
        assert lib.count_stories() == 0
        with lib.write() as conn:
            conn.execute("CREATE TABLE feed_state (x INTEGER)")
            lib.import_articles([FLOOD_WIRE])
        assert lib.count_stories() == 1
