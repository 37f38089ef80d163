"""Storing articles: the import of a batch, and reading articles back as records.

Import rules (PRODUCT.md "Storage", issue 4):

* an article whose content hash is already stored is a duplicate and changes nothing, so
  re-importing a folder is a no-op;
* an article at a URL already stored, with other text, is a new *revision*: it joins the story of
  the article it revises (``revision_of``), and the sentence notes on that article follow it,
  re-anchored in the new text;
* any other article joins the story found by :class:`~newsreader.store.stories.Placer`, or
  opens a new one.

The caller commits one batch per transaction, so a killed import keeps every committed batch and
a rerun skips them as duplicates.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsreader.core.groups import StoryDigest, digest_article, story_keys
from newsreader.core.model import Article
from newsreader.core.sentences import split_sentences
from newsreader.errors import NotFoundError
from newsreader.store import stories as story_rows
from newsreader.store.records import ArticleRecord


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article with everything its import needs that does not depend on the library.

    Worked out by :func:`prepare`, possibly in another process while the previous batch is
    being stored.
    """

    article: Article
    content_hash: str
    digest: StoryDigest
    keys: tuple[str, ...]
    sentences: str  # JSON [[start, end], ...]
    search_body: str | None  # the body without boilerplate; None: the body as it is


def prepare(articles: Sequence[Article], *, mark: bool = False) -> list[Prepared]:
    """Mark boilerplate (when ``mark``: over the batch, so repeated lines count), digest,
    blocking keys and sentence offsets of each article. Pure: no library access."""
    if mark:
        from newsreader.core.boilerplate import mark_boilerplate

        articles = mark_boilerplate(articles)
    out = []
    for article in articles:
        d = digest_article(article)
        out.append(
            Prepared(
                article=article,
                content_hash=article.content_hash,
                digest=d,
                keys=story_keys(d),
                sentences=json.dumps(
                    [[x.start, x.end] for x in split_sentences(article.body)],
                    separators=(",", ":"),
                ),
                search_body=(
                    clean_body(article.body, article.boilerplate) if article.boilerplate else None
                ),
            )
        )
    return out


@dataclass(slots=True)
class BatchResult:
    imported: int = 0
    duplicates: int = 0
    updated: int = 0
    stories: set[int] = field(default_factory=set)
    article_ids: list[int] = field(default_factory=list)


def clean_body(body: str, boilerplate: Sequence[tuple[int, int]]) -> str:
    """``body`` without its boilerplate spans: what search indexes."""
    if not boilerplate:
        return body
    parts: list[str] = []
    pos = 0
    for start, end in sorted(boilerplate):
        if start > pos:
            parts.append(body[pos:start])
        pos = max(pos, end)
    parts.append(body[pos:])
    return "".join(parts)


def import_batch(
    conn: sqlite3.Connection,
    placer: story_rows.Placer,
    batch: Sequence[Prepared],
    *,
    now_ts: float,
) -> BatchResult:
    """Store a prepared batch (inside the caller's transaction); see the module docstring."""
    from newsreader.core.textfeatures import parse_time
    from newsreader.store import notes as note_rows

    result = BatchResult()
    now = story_rows.iso(now_ts) or ""
    lone: list[int] = []
    for item in batch:
        article, content_hash, d, keys = item.article, item.content_hash, item.digest, item.keys
        if conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone():
            result.duplicates += 1
            continue
        previous = None
        if article.url:
            previous = conn.execute(
                "SELECT id, story_id FROM articles WHERE url = ? ORDER BY id DESC LIMIT 1",
                (article.url,),
            ).fetchone()
        new_story = False
        if previous is not None:
            story_id = previous["story_id"]
        else:
            found = placer.best_story(d, keys)
            if found is None:
                story_id = story_rows.new_story(conn, article.title.strip(), now)
                new_story = True
            else:
                story_id = found
        cur = conn.execute(
            "INSERT INTO articles (story_id, title, source, url, published, published_ts, "
            "imported, imported_ts, origin, path, item, input_id, content_hash, body, "
            "boilerplate, sentences, digest, revision_of) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                story_id,
                article.title,
                article.source,
                article.url,
                article.published,
                parse_time(article.published),
                now,
                now_ts,
                article.origin,
                article.path,
                article.item,
                article.input_id,
                content_hash,
                article.body,
                json.dumps([list(span) for span in article.boilerplate]),
                item.sentences,
                story_rows.digest_to_json(d),
                None if previous is None else previous["id"],
            ),
        )
        article_id = int(cur.lastrowid or 0)
        conn.execute(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
            (
                article_id,
                article.title,
                article.body if item.search_body is None else item.search_body,
            ),
        )
        placer.remember(article_id, d, keys)
        if previous is not None:
            result.updated += 1
            note_rows.follow_revision(conn, previous["id"], article_id, now)
        else:
            result.imported += 1
        if new_story:
            lone.append(article_id)
        result.stories.add(story_id)
        result.article_ids.append(article_id)
    result.stories |= placer.settle(lone)
    story_rows.refresh(conn, result.stories)
    return result


_RECORD = """
SELECT a.*, (SELECT json_group_array(name) FROM (
    SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
    WHERE at.article_id = a.id ORDER BY t.name COLLATE NOCASE)) AS tag_names
FROM articles a
"""


def record_from_row(row: sqlite3.Row) -> ArticleRecord:
    return ArticleRecord(
        id=row["id"],
        story_id=row["story_id"],
        title=row["title"],
        source=row["source"],
        url=row["url"],
        published=row["published"],
        imported=row["imported"],
        origin=row["origin"],
        path=row["path"],
        item=row["item"],
        input_id=row["input_id"],
        content_hash=row["content_hash"],
        body=row["body"],
        boilerplate=tuple((int(a), int(b)) for a, b in json.loads(row["boilerplate"])),
        read=bool(row["read"]),
        starred=bool(row["starred"]),
        tags=tuple(json.loads(row["tag_names"] or "[]")),
        revision_of=row["revision_of"],
        pinned=bool(row["pinned"]),
        sentences=tuple((int(a), int(b)) for a, b in json.loads(row["sentences"])),
    )


def story_articles(conn: sqlite3.Connection, story_id: int) -> tuple[ArticleRecord, ...]:
    """The versions of a story in comparison order: oldest published first, undated last."""
    story_rows.require_story(conn, story_id)
    rows = conn.execute(
        f"{_RECORD} WHERE a.story_id = ? ORDER BY a.published_ts IS NULL, a.published_ts, a.id",
        (story_id,),
    ).fetchall()
    return tuple(record_from_row(r) for r in rows)


def article(conn: sqlite3.Connection, article_id: int) -> ArticleRecord:
    row = conn.execute(f"{_RECORD} WHERE a.id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFoundError(f"no article {article_id}")
    return record_from_row(row)
