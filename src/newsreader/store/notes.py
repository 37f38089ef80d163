"""Annotations: on a story, on an article, on a sentence, or on the fact a sentence carries.

A sentence note stores the sentence's text and its neighbours' edges
(:class:`~newsreader.core.anchors.Anchor`) as well as its index. When the article's sentences
change (a newer splitter) the note is found again by :func:`~newsreader.core.anchors.find_anchor`;
when a new revision of the article arrives (same URL, new text), sentence and fact notes move to
it and are re-anchored there. A note whose sentence cannot be found is *orphaned*: kept, listed,
shown with its quote, never dropped. Notes on the article as a whole stay on the version they
were written on.

A fact note shows on every version whose sentence falls in the same match group of the story's
current alignment; its ``fact_group`` is worked out when notes are read.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from newsreader.core.anchors import Anchor, find_anchor, make_anchor
from newsreader.errors import NewsreaderError, NotFoundError
from newsreader.store import stories as story_rows
from newsreader.store.records import Note, NoteTarget

GroupOf = Callable[[int, int, int], "int | None"]


def sentence_texts(conn: sqlite3.Connection, article_id: int) -> list[str]:
    row = conn.execute(
        "SELECT body, sentences FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    body = row["body"]
    return [body[a:b] for a, b in json.loads(row["sentences"])]


def add(
    conn: sqlite3.Connection,
    text: str,
    *,
    story_id: int | None,
    article_id: int | None,
    sentence: int | None,
    fact: bool,
    author: str,
    now: str,
) -> int:
    text = text.strip()
    if not text:
        raise NewsreaderError("a note needs some text")
    if sentence is not None and article_id is None:
        raise NewsreaderError("a note on a sentence needs its article")
    if fact and sentence is None:
        raise NewsreaderError("a note on a fact needs a sentence")
    anchor: Anchor | None = None
    if article_id is not None:
        row = story_rows.require_article(conn, article_id)
        if story_id is not None and story_id != row["story_id"]:
            raise NotFoundError(f"article {article_id} is not in story {story_id}")
        story_id = row["story_id"]
        if sentence is not None:
            texts = sentence_texts(conn, article_id)
            if not 0 <= sentence < len(texts):
                raise NotFoundError(
                    f"article {article_id} has no sentence {sentence} "
                    f"(it has {len(texts)}: 0-{len(texts) - 1})"
                )
            anchor = make_anchor(texts, sentence)
    elif story_id is not None:
        story_rows.require_story(conn, story_id)
    else:
        raise NewsreaderError("a note needs a story or an article")
    cur = conn.execute(
        "INSERT INTO notes (story_id, article_id, first_article_id, sentence, fact, quote, "
        "before, after, text, author, created, updated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            story_id,
            article_id,
            article_id,
            sentence,
            int(fact),
            anchor.quote if anchor else None,
            anchor.before if anchor else None,
            anchor.after if anchor else None,
            text,
            author,
            now,
            now,
        ),
    )
    note_id = int(cur.lastrowid or 0)
    _index(conn, note_id, text, anchor.quote if anchor else None)
    return note_id


def edit(conn: sqlite3.Connection, note_id: int, text: str, now: str) -> None:
    text = text.strip()
    if not text:
        raise NewsreaderError("a note needs some text")
    row = conn.execute("SELECT quote FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no note {note_id}")
    conn.execute("UPDATE notes SET text = ?, updated = ? WHERE id = ?", (text, now, note_id))
    conn.execute("DELETE FROM note_fts WHERE rowid = ?", (note_id,))
    _index(conn, note_id, text, row["quote"])


def delete(conn: sqlite3.Connection, note_id: int) -> None:
    if conn.execute("DELETE FROM notes WHERE id = ?", (note_id,)).rowcount == 0:
        raise NotFoundError(f"no note {note_id}")
    conn.execute("DELETE FROM note_fts WHERE rowid = ?", (note_id,))


def _index(conn: sqlite3.Connection, note_id: int, text: str, quote: str | None) -> None:
    conn.execute(
        "INSERT INTO note_fts (rowid, text, quote) VALUES (?, ?, ?)",
        (note_id, text, quote or ""),
    )


def follow_revision(conn: sqlite3.Connection, old_id: int, new_id: int, now: str) -> None:
    """Move the sentence and fact notes of article ``old_id`` to its revision ``new_id``."""
    rows = conn.execute(
        "SELECT id, sentence, quote, before, after FROM notes "
        "WHERE article_id = ? AND quote IS NOT NULL",
        (old_id,),
    ).fetchall()
    if not rows:
        return
    texts = sentence_texts(conn, new_id)
    story_id = conn.execute("SELECT story_id FROM articles WHERE id = ?", (new_id,)).fetchone()[0]
    for row in rows:
        anchor = Anchor(row["quote"], row["before"] or "", row["after"] or "")
        index = find_anchor(anchor, texts, hint=row["sentence"])
        if index is None:
            conn.execute(
                "UPDATE notes SET article_id = ?, story_id = ?, sentence = NULL, orphaned = 1 "
                "WHERE id = ?",
                (new_id, story_id, row["id"]),
            )
            continue
        moved = make_anchor(texts, index)
        conn.execute(
            "UPDATE notes SET article_id = ?, story_id = ?, sentence = ?, orphaned = 0, "
            "quote = ?, before = ?, after = ? WHERE id = ?",
            (new_id, story_id, index, moved.quote, moved.before, moved.after, row["id"]),
        )


def reanchor(conn: sqlite3.Connection, rows: list[sqlite3.Row]) -> dict[int, int | None]:
    """Sentence notes whose stored index no longer shows their quote, with their new index
    (``None``: orphaned). Nothing is written."""
    texts_of: dict[int, list[str]] = {}
    changes: dict[int, int | None] = {}
    for row in rows:
        if row["quote"] is None or row["article_id"] is None:
            continue
        texts = texts_of.get(row["article_id"])
        if texts is None:
            texts = texts_of[row["article_id"]] = sentence_texts(conn, row["article_id"])
        index = row["sentence"]
        if index is not None and 0 <= index < len(texts) and texts[index] == row["quote"]:
            continue
        anchor = Anchor(row["quote"], row["before"] or "", row["after"] or "")
        found = find_anchor(anchor, texts, hint=index)
        if found != index or bool(row["orphaned"]) != (found is None):
            changes[row["id"]] = found
    return changes


def save_anchors(conn: sqlite3.Connection, changes: dict[int, int | None]) -> None:
    for note_id, index in changes.items():
        conn.execute(
            "UPDATE notes SET sentence = ?, orphaned = ? WHERE id = ?",
            (index, int(index is None), note_id),
        )


def rows(conn: sqlite3.Connection, story_id: int | None) -> list[sqlite3.Row]:
    if story_id is None:
        return conn.execute("SELECT * FROM notes ORDER BY story_id, id").fetchall()
    story_rows.require_story(conn, story_id)
    return conn.execute(
        "SELECT * FROM notes WHERE story_id = ? ORDER BY id", (story_id,)
    ).fetchall()


def to_note(row: sqlite3.Row, sentence: int | None, orphaned: bool, fact_group: int | None) -> Note:
    target: NoteTarget
    if row["article_id"] is None:
        target = "story"
    elif row["quote"] is None:
        target = "article"
    elif row["fact"]:
        target = "fact"
    else:
        target = "sentence"
    return Note(
        id=row["id"],
        story_id=row["story_id"],
        article_id=row["article_id"],
        sentence=sentence,
        fact_group=fact_group,
        quote=row["quote"],
        orphaned=orphaned,
        text=row["text"],
        author=row["author"],
        created=row["created"],
        updated=row["updated"],
        target=target,
    )
