"""RSS and Atom documents: one article per item.

Parsed with feedparser, which copes with every RSS version, Atom and RDF, and with the
malformed XML that real feeds contain. Feedparser costs tens of milliseconds a feed, which adds
up over hundreds of subscriptions, so a well-formed RSS 2.0 or Atom document without a DOCTYPE
is read by :mod:`newsreader.ingest.feedxml` (ElementTree) into the same entries; anything else,
or anything that parser does not like, goes to feedparser. An item's full content is preferred
over its summary; HTML in either becomes text. The item's guid (or id) is the article's
``input_id``, the feed's title its source when the item names none.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any
from xml.sax import SAXParseException

from newsreader.core.model import Article, Origin
from newsreader.errors import InputError
from newsreader.ingest.fields import make_article, text_of


def parse_feed(data: bytes, name: str, *, origin: Origin = "feed") -> list[Article]:
    """The items of an RSS/Atom document; raises :class:`InputError` (not a feed, no items)."""
    return parse_feed_document(data, name, origin=origin)[0]


def parse_feed_document(
    data: bytes, name: str, *, origin: Origin = "feed"
) -> tuple[list[Article], str | None]:
    """The items of an RSS/Atom document and the site it names (its channel link)."""
    from newsreader.ingest.feedxml import read_feed

    fast = read_feed(data)
    if fast is not None and fast.entries:
        return _articles(fast.entries, name, origin, fast.title), fast.link
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        error = parsed.get("bozo_exception")
        if isinstance(error, SAXParseException):
            raise InputError(name, f"not valid XML{_where(error)}")
        if not parsed.get("version"):
            raise InputError(name, "not an RSS or Atom feed")
        raise InputError(name, "feed has no items")
    feed_meta = parsed.get("feed") or {}
    home = feed_meta.get("link")
    home = home.strip() if isinstance(home, str) and home.strip() else None
    return _articles(entries, name, origin, text_of(feed_meta.get("title"))), home


def _articles(
    entries: Sequence[Any], name: str, origin: Origin, feed_title: str | None
) -> list[Article]:
    out: list[Article] = []
    for item, entry in enumerate(entries):
        article = _article(entry, name, item, origin, feed_title)
        if article is not None:
            out.append(article)
    if not out:
        raise InputError(name, "feed has no items with text")
    return out


def _article(
    entry: Any, name: str, item: int, origin: Origin, feed_title: str | None
) -> Article | None:
    from newsreader.ingest.html import html_to_text

    body = ""
    contents = entry.get("content") or []
    if contents:
        body = "\n\n".join(_as_text(c.get("value", ""), c.get("type", "")) for c in contents)
    if not body.strip():
        detail = entry.get("summary_detail") or {}
        body = _as_text(entry.get("summary", ""), detail.get("type", "text/html"))
    title = entry.get("title")
    if title and "<" in title:
        title = html_to_text(title)
    if not (body.strip() or text_of(title)):
        return None
    source_detail = entry.get("source") or {}
    source = text_of(source_detail.get("title")) or feed_title
    published = _date(entry, "published") or _date(entry, "updated") or entry.get("published")
    try:
        return make_article(
            name=name,
            title=title,
            body=body,
            source=source,
            url=entry.get("link") or None,
            published=published,
            item=item,
            input_id=entry.get("id") or entry.get("guid") or None,
            origin=origin,
            find_headline=False,
        )
    except InputError:
        return None


def _as_text(value: str, mime: str) -> str:
    from newsreader.ingest.html import html_to_text

    if "html" in mime or "<" in value:
        return html_to_text(value)
    return value


def _date(entry: Any, key: str) -> str | None:
    parsed = entry.get(f"{key}_parsed")
    if not parsed:
        return None
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc).isoformat()


def _where(exc: object) -> str:
    line = getattr(exc, "getLineNumber", None)
    if callable(line):
        try:
            return f" (line {line()})"
        except (AttributeError, TypeError):  # a SAX locator may be gone after the parse
            return ""
    return ""
