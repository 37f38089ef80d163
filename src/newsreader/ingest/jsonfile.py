"""JSON and JSON Lines articles.

A JSON file holds one article object, an array of them, or an object with an ``articles`` (or
``items``, ``entries``, ``data``, ``results``) array; a JSON Lines file holds one object per line.
Field names vary by exporter, so each field has a list of common names (:data:`FIELD_NAMES`).
Records without any text are skipped; a file where no record has text is refused. ``item`` is
the record's 0-based position in the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from newsreader.core.model import Article, Origin
from newsreader.errors import InputError
from newsreader.ingest.fields import make_article, text_of

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name"),
    "text": ("text", "body", "content", "article", "maintext", "full_text", "fulltext"),
    "summary": ("description", "summary", "abstract", "lead"),
    "source": ("source", "outlet", "publisher", "site", "site_name", "sitename", "source_name"),
    "url": ("url", "link", "href", "permalink", "canonical_url"),
    "published": (
        "published",
        "date",
        "pubdate",
        "published_at",
        "publishedat",
        "date_publish",
        "pub_date",
        "datetime",
        "time",
        "created_at",
    ),
    "input_id": ("id", "guid", "uuid", "_id", "article_id"),
}
_CONTAINERS = ("articles", "items", "entries", "data", "results", "docs", "documents")
_LOOKS_HTML = re.compile(r"<(?:p|br|div|span|a|em|strong|b|i|ul|li|h[1-6]|img|figure)\b", re.I)


def pick(record: Mapping[str, object], field: str) -> object:
    """The value of ``field`` in ``record`` under any of its common names (case-blind)."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in FIELD_NAMES[field]:
        value = lowered.get(key)
        if isinstance(value, Mapping):  # {"source": {"id": ..., "name": "BBC News"}}
            value = next(
                (value[k] for k in ("name", "title", "value", "href") if value.get(k)), None
            )
        if value not in (None, "", [], {}):
            return value
    return None


def parse_json(text: str, name: str, *, origin: Origin = "file") -> list[Article]:
    """Articles of a JSON document; raises :class:`InputError` (invalid, no article text)."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and text.lstrip().startswith("{"):
            return parse_jsonl(text, name, origin=origin)  # JSON Lines saved as .json
        raise InputError(name, f"not valid JSON (line {e.lineno})") from None
    if isinstance(doc, Mapping):
        inner = next((doc[k] for k in _CONTAINERS if isinstance(doc.get(k), list)), None)
        records: list[object] = inner if inner is not None else [doc]
    elif isinstance(doc, list):
        records = doc
    else:
        raise InputError(name, "JSON holds no article object")
    return _articles(records, name, origin)


def parse_jsonl(text: str, name: str, *, origin: Origin = "file") -> list[Article]:
    """Articles of a JSON Lines document, one object per non-blank line."""
    records: list[object] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            raise InputError(name, f"not valid JSON Lines (line {lineno})") from None
    return _articles(records, name, origin)


def _articles(records: list[object], name: str, origin: Origin) -> list[Article]:
    out: list[Article] = []
    for item, record in enumerate(records):
        if isinstance(record, Mapping):
            article = article_from_record(record, name, item=item, origin=origin)
            if article is not None:
                out.append(article)
    if not out:
        raise InputError(name, "no article with text in JSON")
    return out


def article_from_record(
    record: Mapping[str, object], name: str, *, item: int = 0, origin: Origin = "file"
) -> Article | None:
    """An article from one JSON object, or None when the object has no text field."""
    text = pick(record, "text")
    if isinstance(text, list):  # paragraphs as a list of strings
        text = "\n\n".join(str(p) for p in text if isinstance(p, str))
    body = text_of(text) and str(text)
    if not body:
        summary = pick(record, "summary")
        body = str(summary) if text_of(summary) else None
    if not body:
        return None
    if _LOOKS_HTML.search(body):
        from newsreader.ingest.html import html_to_text

        body = html_to_text(body)
    try:
        return make_article(
            name=name,
            title=pick(record, "title"),
            body=body,
            source=pick(record, "source"),
            url=pick(record, "url"),
            published=pick(record, "published"),
            item=item,
            input_id=pick(record, "input_id"),
            origin=origin,
        )
    except InputError:
        return None
