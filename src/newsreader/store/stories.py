"""Stories in the library: automatic placement of new articles, the listing, manual grouping.

A new article joins the story of its most similar stored article among those sharing blocking
keys (:func:`newsreader.core.groups.story_keys`, kept in ``article_keys``), as
:class:`~newsreader.core.groups.StoryIndex` does in memory; otherwise it opens a new story.
Stored articles are never moved by an import, except an article left alone in a story of its
own by this import when a later article of it fits (the index's "settle" pass). Articles the
reader placed by hand (merge, split, move) are *pinned*: no import ever moves them.

Each story row keeps a few columns computed from its articles (versions, unread, sources,
newest) so that listing the newest stories of a large library reads one index;
:func:`refresh` recomputes them whenever membership or read state changes.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from typing import Any

from newsreader.core.groups import (
    KEY_BUCKET_LIMIT,
    MAX_CANDIDATES,
    StoryDigest,
    cutoff_for,
    similarity,
    story_keys,
)
from newsreader.errors import NewsreaderError, NotFoundError
from newsreader.store.records import StorySummary

# Digests kept in memory during an import (candidates recur): bounded so memory stays flat.
DIGEST_CACHE_SIZE = 20_000

SORTS = {
    # newest_ts is never NULL (an undated version counts from its import), so the first two
    # read the stories_newest index in order.
    "newest": "s.newest_ts DESC, s.id DESC",
    "oldest": "s.newest_ts ASC, s.id ASC",
    "versions": "s.versions DESC, s.newest_ts DESC, s.id DESC",
    "unread": "s.unread DESC, s.newest_ts DESC, s.id DESC",
    "title": "s.title COLLATE NOCASE ASC, s.id ASC",
}


def iso(ts: float | None) -> str | None:
    """Seconds since the epoch as ISO 8601 UTC (``2026-11-23T21:40:00Z``)."""
    if ts is None:
        return None
    return datetime.fromtimestamp(ts, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- digests ---------------------------------------------------------------------------


def digest_to_json(d: StoryDigest) -> str:
    return json.dumps(
        {
            "w": dict(d.weights),
            "t": sorted(d.title_terms),
            "n": sorted(d.numbers),
            "p": d.published,
            "l": d.has_lead,
        },
        separators=(",", ":"),
    )


def digest_from_json(text: str) -> StoryDigest:
    data = json.loads(text)
    weights: dict[str, float] = data["w"]
    values: dict[str, Any] = {
        "weights": weights,
        "terms": frozenset(weights),
        "title_terms": frozenset(data["t"]),
        "total": sum(weights.values()),
        "numbers": frozenset(data["n"]),
        "published": data["p"],
        "has_lead": bool(data["l"]),
    }
    return StoryDigest(**values)


class Placer:
    """Finds the story of a new article from the stored blocking keys (one per import)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._digests: OrderedDict[int, StoryDigest] = OrderedDict()
        # The keys of the articles stored through this placer, and per key the newest of them.
        self._keys: dict[int, Sequence[str]] = {}
        self._newest: dict[str, int] = {}

    def remember(self, article_id: int, d: StoryDigest, keys: Sequence[str]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO article_keys (key, article_id) VALUES (?, ?)",
            [(k, article_id) for k in keys],
        )
        self._cache(article_id, d)
        self._keys[article_id] = keys
        for key in keys:
            self._newest[key] = max(article_id, self._newest.get(key, 0))

    def _has_later_neighbour(self, article_id: int) -> bool:
        """Whether an article stored after this one shares a blocking key with it. When none
        does, settling would score the same candidates its placement already turned down."""
        keys = self._keys.get(article_id)
        if keys is None:
            return True  # not stored through this placer: look
        return any(self._newest.get(key, 0) > article_id for key in keys)

    def best_story(
        self, d: StoryDigest, keys: Sequence[str], *, skip: int | None = None
    ) -> int | None:
        """The story of the most similar stored article that is a version of ``d``'s story."""
        if not keys:
            return None
        # Per key only its newest KEY_BUCKET_LIMIT articles count (as StoryIndex's buckets);
        # the articles sharing the most keys are scored.
        bucket = (
            "SELECT article_id FROM (SELECT article_id FROM article_keys WHERE key = ? "
            "ORDER BY article_id DESC LIMIT ?)"
        )
        union = " UNION ALL ".join([bucket] * len(keys))
        params: list[object] = []
        for key in keys:
            params += [key, KEY_BUCKET_LIMIT]
        params += [-1 if skip is None else skip, MAX_CANDIDATES]
        top = self.conn.execute(
            f"SELECT article_id, count(*) AS shared FROM ({union}) WHERE article_id != ? "
            "GROUP BY article_id ORDER BY shared DESC, article_id LIMIT ?",
            params,
        ).fetchall()
        if not top:
            return None
        ids = [a for a, _ in top]
        stories = self._stories_and_digests(ids)
        scored = sorted(
            ((similarity(d, other), a) for a, (_, other) in stories.items()),
            key=lambda t: (-t[0], t[1]),
        )
        for sim, a in scored:
            if sim >= cutoff_for(d, stories[a][1]):
                return stories[a][0]
        return None

    def _stories_and_digests(self, ids: Sequence[int]) -> dict[int, tuple[int, StoryDigest]]:
        marks = ",".join("?" * len(ids))
        out: dict[int, tuple[int, StoryDigest]] = {}
        rows = self.conn.execute(
            f"SELECT id, story_id, digest FROM articles WHERE id IN ({marks})", list(ids)
        ).fetchall()
        for article_id, story_id, text in rows:
            d = self._digests.get(article_id)
            if d is None:
                if text is None:
                    continue
                d = digest_from_json(text)
                self._cache(article_id, d)
            out[article_id] = (story_id, d)
        return out

    def _cache(self, article_id: int, d: StoryDigest) -> None:
        self._digests[article_id] = d
        if len(self._digests) > DIGEST_CACHE_SIZE:
            self._digests.popitem(last=False)

    def settle(self, lone: Iterable[int]) -> set[int]:
        """Move each of these articles, when still alone and not pinned, to the story of its
        best match among the articles stored since; returns the stories touched."""
        touched: set[int] = set()
        for article_id in lone:
            if not self._has_later_neighbour(article_id):
                continue
            row = self.conn.execute(
                "SELECT a.story_id, a.pinned, a.digest, s.versions FROM articles a "
                "JOIN stories s ON s.id = a.story_id WHERE a.id = ?",
                (article_id,),
            ).fetchone()
            if row is None or row[1] or row[2] is None:
                continue
            alone = (
                self.conn.execute(
                    "SELECT count(*) FROM articles WHERE story_id = ?", (row[0],)
                ).fetchone()[0]
                == 1
            )
            if not alone:
                continue
            d = self._digests.get(article_id) or digest_from_json(row[2])
            target = self.best_story(d, story_keys(d), skip=article_id)
            if target is None or target == row[0]:
                continue
            self.conn.execute("UPDATE articles SET story_id = ? WHERE id = ?", (target, article_id))
            move_notes(self.conn, row[0], target)
            touched.update((row[0], target))
        return touched


# -- story rows ------------------------------------------------------------------------


def new_story(conn: sqlite3.Connection, title: str, now: str) -> int:
    cur = conn.execute("INSERT INTO stories (title, created) VALUES (?, ?)", (title, now))
    return int(cur.lastrowid or 0)


def refresh(conn: sqlite3.Connection, story_ids: Iterable[int], *, membership: bool = True) -> None:
    """Recompute the listing columns of these stories; delete the ones left empty.

    ``membership``: the set of articles changed, so the cached alignment is dropped too.
    """
    for story_id in sorted(set(story_ids)):
        rows = conn.execute(
            "SELECT title, source, read, coalesce(published_ts, imported_ts) AS ts "
            "FROM articles WHERE story_id = ? "
            "ORDER BY published_ts IS NULL, published_ts, id",
            (story_id,),
        ).fetchall()
        if membership:
            conn.execute("DELETE FROM alignments WHERE story_id = ?", (story_id,))
        if not rows:
            conn.execute("DELETE FROM story_tags WHERE story_id = ?", (story_id,))
            conn.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            continue
        title = next((r[0].strip() for r in rows if r[0].strip()), "")
        sources = sorted({r[1] for r in rows if r[1]}, key=str.casefold)
        newest = max(r[3] for r in rows)
        conn.execute(
            "UPDATE stories SET title = ?, versions = ?, unread = ?, sources = ?, "
            "newest_ts = ?, newest = ? WHERE id = ?",
            (
                title,
                len(rows),
                sum(1 for r in rows if not r[2]),
                json.dumps(sources, ensure_ascii=False),
                newest,
                iso(newest),
                story_id,
            ),
        )


def move_notes(conn: sqlite3.Connection, from_story: int, to_story: int) -> None:
    """Notes on articles follow them; story notes follow when the story empties."""
    conn.execute(
        "UPDATE notes SET story_id = (SELECT story_id FROM articles WHERE id = notes.article_id) "
        "WHERE story_id = ? AND article_id IS NOT NULL",
        (from_story,),
    )
    left = conn.execute(
        "SELECT count(*) FROM articles WHERE story_id = ?", (from_story,)
    ).fetchone()[0]
    if not left:
        conn.execute(
            "UPDATE notes SET story_id = ? WHERE story_id = ? AND article_id IS NULL",
            (to_story, from_story),
        )
        conn.execute(
            "INSERT OR IGNORE INTO story_tags (story_id, tag_id) "
            "SELECT ?, tag_id FROM story_tags WHERE story_id = ?",
            (to_story, from_story),
        )


def require_story(conn: sqlite3.Connection, story_id: int) -> None:
    if conn.execute("SELECT 1 FROM stories WHERE id = ?", (story_id,)).fetchone() is None:
        raise NotFoundError(f"no story {story_id}")


def require_article(conn: sqlite3.Connection, article_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT id, story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    return row


# -- listing ---------------------------------------------------------------------------


def _like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern whose escape character is a backslash."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def filters(
    *,
    search: str | None = None,
    tag: str | None = None,
    status: str | None = None,
    source: str | None = None,
    starred: bool | None = None,
    unread: bool | None = None,
) -> tuple[str, list[Any]]:
    """The WHERE clause (on ``stories s``) and its parameters for the list filters."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        where.append("s.status = ?")
        params.append(status)
    if starred is not None:
        where.append("s.starred = ?" if starred else "s.starred = 0")
        if starred:
            params.append(1)
    if unread is not None:
        where.append("s.unread > 0" if unread else "s.unread = 0")
    if source and source.strip():
        # Any part of the outlet's name, in any case ("jazeera" finds "Al Jazeera English";
        # LIKE folds ASCII letters only). The scan runs on the covering index articles_source.
        where.append("s.id IN (SELECT story_id FROM articles WHERE source LIKE ? ESCAPE '\\')")
        params.append(f"%{_like_escape(source.strip())}%")
    if tag:
        where.append(
            "(s.id IN (SELECT st.story_id FROM story_tags st JOIN tags t ON t.id = st.tag_id "
            "WHERE t.name = ?) OR s.id IN (SELECT a.story_id FROM article_tags at "
            "JOIN tags t ON t.id = at.tag_id JOIN articles a ON a.id = at.article_id "
            "WHERE t.name = ?))"
        )
        params.extend((tag, tag))
    if search and search.strip():
        from newsreader.store.search import filter_query

        query = filter_query(search)
        if query:
            where.append(
                "s.id IN (SELECT a.story_id FROM articles a WHERE a.id IN "
                "(SELECT rowid FROM article_fts WHERE article_fts MATCH ?))"
            )
            params.append(query)
    clause = " AND ".join(where) if where else "1"
    return clause, params


_SUMMARY = """
SELECT s.id, s.title, s.versions, s.sources, s.newest, s.status, s.unread, s.starred,
    (SELECT count(*) FROM notes n WHERE n.story_id = s.id) AS notes,
    (SELECT json_group_array(name) FROM (
        SELECT t.name FROM story_tags st JOIN tags t ON t.id = st.tag_id WHERE st.story_id = s.id
        UNION
        SELECT t.name FROM articles a JOIN article_tags at ON at.article_id = a.id
            JOIN tags t ON t.id = at.tag_id WHERE a.story_id = s.id
        ORDER BY 1 COLLATE NOCASE)) AS tags
FROM stories s
"""


def summary_from_row(row: sqlite3.Row) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        versions=row["versions"],
        sources=tuple(json.loads(row["sources"])),
        newest=row["newest"],
        tags=tuple(json.loads(row["tags"] or "[]")),
        status=row["status"],
        unread=row["unread"],
        starred=bool(row["starred"]),
        notes=row["notes"],
    )


def list_stories(
    conn: sqlite3.Connection, *, sort: str, offset: int, limit: int, **filter_args: Any
) -> tuple[StorySummary, ...]:
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
    clause, params = filters(**filter_args)
    order = SORTS[sort]
    # Pick the page first, then work out counts and tags for its rows only.
    rows = conn.execute(
        f"WITH page AS MATERIALIZED (SELECT s.id AS page_id FROM stories s WHERE {clause} "
        f"ORDER BY {order} LIMIT ? OFFSET ?) "
        f"{_SUMMARY} JOIN page ON page_id = s.id ORDER BY {order}",
        [*params, max(0, int(limit)), max(0, int(offset))],
    ).fetchall()
    return tuple(summary_from_row(r) for r in rows)


def count_stories(conn: sqlite3.Connection, **filter_args: Any) -> int:
    clause, params = filters(**filter_args)
    return int(conn.execute(f"SELECT count(*) FROM stories s WHERE {clause}", params).fetchone()[0])


def story(conn: sqlite3.Connection, story_id: int) -> StorySummary:
    row = conn.execute(f"{_SUMMARY} WHERE s.id = ?", (story_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no story {story_id}")
    return summary_from_row(row)


# -- manual grouping -------------------------------------------------------------------


def merge(conn: sqlite3.Connection, target: int, others: Sequence[int]) -> int:
    require_story(conn, target)
    for other in others:
        require_story(conn, other)
    if target in others:
        raise NewsreaderError(f"cannot merge story {target} into itself")
    for other in others:
        conn.execute(
            "UPDATE articles SET story_id = ?, pinned = 1 WHERE story_id = ?", (target, other)
        )
        move_notes(conn, other, target)
        refresh(conn, (other,))
    conn.execute("UPDATE articles SET pinned = 1 WHERE story_id = ?", (target,))
    refresh(conn, (target,))
    return target


def split(conn: sqlite3.Connection, article_id: int, now: str) -> int:
    row = require_article(conn, article_id)
    title = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    old = row["story_id"]
    left = conn.execute("SELECT count(*) FROM articles WHERE story_id = ?", (old,)).fetchone()[0]
    if left == 1:
        raise NewsreaderError(f"a{article_id} is the only version of story {old}; nothing to split")
    sid = new_story(conn, title, now)
    conn.execute("UPDATE articles SET story_id = ?, pinned = 1 WHERE id = ?", (sid, article_id))
    move_notes(conn, old, sid)
    refresh(conn, (old, sid))
    return sid


def move(conn: sqlite3.Connection, article_id: int, story_id: int) -> None:
    row = require_article(conn, article_id)
    require_story(conn, story_id)
    old = row["story_id"]
    if old == story_id:
        raise NewsreaderError(f"a{article_id} is already in story {story_id}")
    conn.execute(
        "UPDATE articles SET story_id = ?, pinned = 1 WHERE id = ?", (story_id, article_id)
    )
    if old != story_id:
        move_notes(conn, old, story_id)
        refresh(conn, (old, story_id))
