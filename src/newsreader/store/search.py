"""Full-text search (SQLite FTS5) over headlines, article bodies (boilerplate left out) and notes.

:func:`search` takes FTS5 query syntax (``flood AND dam``, ``"exact phrase"``, ``evac*``,
``title:flood``) and ranks hits by bm25, headline matches weighing more than body matches.
:func:`filter_query` turns what a reader types into the list's filter box into a safe query on
headlines: every word must appear, the last one as a prefix, and no character is FTS syntax.
(Headlines only: a filter runs on every keystroke, and on a large library a common word matches
most bodies.)
"""

from __future__ import annotations

import re
import sqlite3

from newsreader.errors import NewsreaderError
from newsreader.store.records import SearchHit

# Around the matched words in snippets (plain characters, never markup).
MARK_OPEN = "«"
MARK_CLOSE = "»"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
# bm25 weight of a headline match against a body match.
TITLE_WEIGHT = 5.0

_WORD = re.compile(r"\w+")
# SQLite errors that are not about the query text (they propagate unchanged).
_NOT_SYNTAX = ("locked", "busy", "disk", "no such table", "readonly")


def filter_query(text: str) -> str:
    """An FTS5 query matching headlines with every word of ``text`` (the last one as a prefix,
    as it may be half typed), or ``""`` when ``text`` has no word."""
    words = _WORD.findall(text)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return f"title : ({' '.join(quoted)})"


def search(conn: sqlite3.Connection, query: str, limit: int) -> tuple[SearchHit, ...]:
    """Hits for an FTS5 query; text that is not valid FTS5 syntax (``mayor's``) is searched as
    plain words, all of which must appear."""
    if not query.strip():
        raise NewsreaderError("an empty search finds nothing; give a word")
    try:
        return _search(conn, query, limit)
    except _SyntaxError as error:
        words = " ".join(f'"{w}"' for w in _WORD.findall(query))
        if not words:
            raise NewsreaderError(
                f"bad search syntax in {query!r} ({error}); search for a word"
            ) from None
        return _search(conn, words, limit)


class _SyntaxError(Exception):
    """The query is not valid FTS5 syntax (the words in it can still be searched)."""


def _search(conn: sqlite3.Connection, query: str, limit: int) -> tuple[SearchHit, ...]:
    try:
        articles = conn.execute(
            f"""
            SELECT a.story_id, a.id, a.title,
                snippet(article_fts, 1, ?, ?, ?, {SNIPPET_TOKENS}) AS body_snip,
                snippet(article_fts, 0, ?, ?, ?, {SNIPPET_TOKENS}) AS title_snip,
                bm25(article_fts, {TITLE_WEIGHT}, 1.0) AS score
            FROM article_fts JOIN articles a ON a.id = article_fts.rowid
            WHERE article_fts MATCH ? ORDER BY score, a.id LIMIT ?
            """,
            (MARK_OPEN, MARK_CLOSE, ELLIPSIS, MARK_OPEN, MARK_CLOSE, ELLIPSIS, query, limit),
        ).fetchall()
        notes = conn.execute(
            f"""
            SELECT n.story_id, n.article_id, n.id, s.title,
                snippet(note_fts, 0, ?, ?, ?, {SNIPPET_TOKENS}) AS snip,
                bm25(note_fts) AS score
            FROM note_fts JOIN notes n ON n.id = note_fts.rowid
                JOIN stories s ON s.id = n.story_id
            WHERE note_fts MATCH ? ORDER BY score, n.id LIMIT ?
            """,
            (MARK_OPEN, MARK_CLOSE, ELLIPSIS, query, limit),
        ).fetchall()
    except sqlite3.OperationalError as error:
        message = str(error)
        if any(word in message for word in _NOT_SYNTAX):
            raise
        # Anything else SQLite says about a MATCH is about the query text: "fts5: syntax
        # error", "unterminated string", "unknown special query", "no such column"...
        raise _SyntaxError(message.removeprefix("fts5: ")) from None
    hits = [
        SearchHit(
            story_id=r[0],
            article_id=r[1],
            note_id=None,
            title=r[2],
            snippet=r[3] if MARK_OPEN in (r[3] or "") or MARK_OPEN not in (r[4] or "") else r[4],
            rank=-float(r[5]),
        )
        for r in articles
    ]
    hits += [
        SearchHit(
            story_id=r[0],
            article_id=r[1],
            note_id=r[2],
            title=r[3],
            snippet=r[4],
            rank=-float(r[5]),
        )
        for r in notes
    ]
    hits.sort(key=lambda h: (-h.rank, h.story_id, h.article_id or 0, h.note_id or 0))
    return tuple(hits[:limit])
