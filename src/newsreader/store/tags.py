"""Tags: free-form labels with a colour, on stories and on articles (versions).

Names are matched without regard to case and keep the spelling they were created with. A new
tag gets a colour from :data:`PALETTE` picked by its name, so it looks the same everywhere;
:func:`set_colour` changes it (any Rich/Textual colour: a name or ``#rrggbb``).
"""

from __future__ import annotations

import sqlite3
import zlib
from collections.abc import Sequence

from newsreader.errors import NewsreaderError, NotFoundError
from newsreader.store.records import Tag

PALETTE = ("red", "green", "yellow", "blue", "magenta", "cyan", "orange1", "purple")
MAX_NAME = 60


def clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise NewsreaderError("a tag needs a name")
    if len(cleaned) > MAX_NAME:
        raise NewsreaderError(f"tag names are at most {MAX_NAME} characters")
    if any(not c.isprintable() for c in cleaned):
        raise NewsreaderError("tag names cannot hold control characters")
    return cleaned


def default_colour(name: str) -> str:
    return PALETTE[zlib.crc32(name.casefold().encode("utf-8")) % len(PALETTE)]


def check_colour(colour: str) -> str:
    from rich.color import Color, ColorParseError

    colour = colour.strip()
    try:
        Color.parse(colour)
    except ColorParseError:
        raise NewsreaderError(f"unknown colour {colour!r} (a colour name or #rrggbb)") from None
    return colour


def ensure(conn: sqlite3.Connection, names: Sequence[str]) -> list[int]:
    """Ids of these tags, creating the missing ones."""
    ids = []
    for name in names:
        name = clean_name(name)
        row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur = conn.execute(
                "INSERT INTO tags (name, colour) VALUES (?, ?)", (name, default_colour(name))
            )
            ids.append(int(cur.lastrowid or 0))
        else:
            ids.append(int(row[0]))
    return ids


def existing(conn: sqlite3.Connection, names: Sequence[str]) -> list[int]:
    """Ids of these tags; :class:`NotFoundError` names the first unknown one."""
    ids = []
    for name in names:
        row = conn.execute(
            "SELECT id FROM tags WHERE name = ?", (" ".join(name.split()),)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no tag {name!r}")
        ids.append(int(row[0]))
    return ids


def exists(conn: sqlite3.Connection, name: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM tags WHERE name = ?", (" ".join(name.split()),)).fetchone()
        is not None
    )


def add(
    conn: sqlite3.Connection, table: str, column: str, target: int, names: Sequence[str]
) -> None:
    for tag_id in ensure(conn, names):
        conn.execute(
            f"INSERT OR IGNORE INTO {table} ({column}, tag_id) VALUES (?, ?)", (target, tag_id)
        )


def remove(
    conn: sqlite3.Connection, table: str, column: str, target: int, names: Sequence[str]
) -> None:
    for tag_id in existing(conn, names):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ? AND tag_id = ?", (target, tag_id))


def set_colour(conn: sqlite3.Connection, name: str, colour: str) -> None:
    colour = check_colour(colour)
    (tag_id,) = existing(conn, [name])
    conn.execute("UPDATE tags SET colour = ? WHERE id = ?", (colour, tag_id))


def delete(conn: sqlite3.Connection, name: str) -> None:
    (tag_id,) = existing(conn, [name])
    conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))


def all_tags(conn: sqlite3.Connection) -> tuple[Tag, ...]:
    rows = conn.execute(
        """
        SELECT t.name, t.colour, (
            SELECT count(*) FROM (
                SELECT story_id FROM story_tags WHERE tag_id = t.id
                UNION
                SELECT a.story_id FROM article_tags at JOIN articles a ON a.id = at.article_id
                WHERE at.tag_id = t.id)) AS n
        FROM tags t ORDER BY t.name COLLATE NOCASE
        """
    ).fetchall()
    return tuple(Tag(r[0], r[1], int(r[2])) for r in rows)
