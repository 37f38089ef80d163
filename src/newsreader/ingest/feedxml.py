"""A fast reader for well-formed RSS 2.0 and Atom 1.0, giving feedparser-shaped entries.

Feedparser reads every dialect and repairs broken documents, at some tens of milliseconds per
feed. Most feeds are plain, well-formed RSS 2.0 or Atom; this module reads those with
ElementTree in a few milliseconds and returns ``None`` for everything else (another dialect, a
DOCTYPE, XHTML content, an encoding expat does not know, a parse error), so that the caller
falls back to feedparser. The entries carry only the keys :mod:`newsreader.ingest.feeds` reads:
``title``, ``link``, ``id``, ``content``, ``summary``, ``summary_detail``, ``source``,
``published``/``updated`` and their ``*_parsed`` UTC time tuples.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
# How far into a document its encoding declaration is looked for.
PROLOG_BYTES = 4096
# An XML declaration, comments and processing instructions, then the root element: no DOCTYPE
# (so no entity declarations for ElementTree to expand) anywhere before it.
_PLAIN_PROLOG = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>)?(?:\s*(?:<!--.*?-->|<\?.*?\?>))*\s*<[A-Za-z_]",
    re.DOTALL,
)
# The children an item may have for this reader to take it: the ones it reads and the ones
# that carry nothing for an article. Any other (xhtml:body, dc:description, a bare <summary>...)
# means feedparser's fuller rules decide what the text is.
RSS_ITEM_CHILDREN = frozenset(
    {
        "title",
        "link",
        "guid",
        "description",
        "pubDate",
        "source",
        "category",
        "author",
        "comments",
        "enclosure",
        CONTENT_ENCODED,
        DC_DATE,
        "{http://purl.org/dc/elements/1.1/}creator",
        "{http://purl.org/dc/elements/1.1/}subject",
        "{http://wellformedweb.org/CommentAPI/}commentRss",
        "{http://purl.org/rss/1.0/modules/slash/}comments",
    }
)
IGNORED_NAMESPACES = ("{http://search.yahoo.com/mrss/}",)
ATOM_ENTRY_CHILDREN = frozenset(
    f"{ATOM}{name}"
    for name in (
        "title",
        "id",
        "link",
        "content",
        "summary",
        "published",
        "updated",
        "author",
        "contributor",
        "category",
        "source",
        "rights",
    )
)


@dataclass(frozen=True, slots=True)
class FastFeed:
    title: str | None
    entries: tuple[dict[str, Any], ...]
    link: str | None = None  # the site's home page


class _Unsupported(Exception):
    """Something this reader leaves to feedparser."""


def read_feed(data: bytes) -> FastFeed | None:
    """The feed's title and entries, or ``None`` when feedparser should read it."""
    prolog = data[:PROLOG_BYTES]
    if not _PLAIN_PROLOG.match(data) or not _utf8(prolog):
        return None
    try:
        root = ET.fromstring(data)
        if root.tag == "rss" and root.get("version", "").startswith("2."):
            return _rss(root)
        if root.tag == f"{ATOM}feed":
            return _atom(root)
    except (ET.ParseError, _Unsupported, ValueError, LookupError):
        return None
    return None


def feed_home(data: bytes) -> str | None:
    """The home page a feed document names (its channel link), read fast or by feedparser."""
    fast = read_feed(data)
    if fast is not None:
        return fast.link
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    link = (parsed.get("feed") or {}).get("link")
    return link.strip() if isinstance(link, str) and link.strip() else None


# -- RSS 2.0 ----------------------------------------------------------------------------------


def _rss(root: ET.Element) -> FastFeed:
    channel = root.find("channel")
    if channel is None:
        raise _Unsupported("no channel")
    entries = tuple(_rss_item(item) for item in channel.iterfind("item"))
    return FastFeed(_text(channel.find("title")), entries, _text(channel.find("link")) or None)


def _rss_item(item: ET.Element) -> dict[str, Any]:
    _known_children(item, RSS_ITEM_CHILDREN)
    entry: dict[str, Any] = {}
    title = _text(item.find("title"))
    if title is not None:
        entry["title"] = title
    guid = item.find("guid")
    guid_text = _text(guid)
    if guid_text:
        entry["id"] = guid_text
    link = _text(item.find("link"))
    if not link and guid is not None and guid_text and guid.get("isPermaLink") != "false":
        link = guid_text  # as feedparser: a guid is a permalink unless it says otherwise
    if link:
        entry["link"] = link
    encoded = _raw(item.find(CONTENT_ENCODED))
    if encoded:
        entry["content"] = [{"value": encoded, "type": "text/html"}]
    description = _raw(item.find("description"))
    if description:
        entry["summary"] = description
        entry["summary_detail"] = {"type": "text/html"}
    source = _text(item.find("source"))
    if source:
        entry["source"] = {"title": source}
    published = _text(item.find("pubDate"))
    if published:
        entry["published"] = published
        entry["published_parsed"] = _rfc822(published)
    else:
        dated = _text(item.find(DC_DATE))
        if dated:
            entry["published"] = dated
            entry["published_parsed"] = _iso(dated)
    return entry


# -- Atom 1.0 ---------------------------------------------------------------------------------


def _atom(root: ET.Element) -> FastFeed:
    entries = tuple(_atom_entry(e) for e in root.iterfind(f"{ATOM}entry"))
    home = next(
        (
            link.get("href", "").strip() or None
            for link in root.iterfind(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ),
        None,
    )
    return FastFeed(_atom_text(root.find(f"{ATOM}title")), entries, home)


def _atom_entry(item: ET.Element) -> dict[str, Any]:
    _known_children(item, ATOM_ENTRY_CHILDREN)
    entry: dict[str, Any] = {}
    title = _atom_text(item.find(f"{ATOM}title"))
    if title is not None:
        entry["title"] = title
    ident = _text(item.find(f"{ATOM}id"))
    if ident:
        entry["id"] = ident
    links = item.findall(f"{ATOM}link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            entry["link"] = link.get("href", "").strip()
            break
    else:
        if links:
            raise _Unsupported("links, none of them the entry's page")
        if ident:
            entry["link"] = ident  # as feedparser: the id stands for the missing link
    content = item.find(f"{ATOM}content")
    if content is not None:
        if content.get("src"):
            raise _Unsupported("out-of-line content")
        value = _atom_text(content)
        if value:
            entry["content"] = [{"value": value, "type": _atom_type(content)}]
    summary = item.find(f"{ATOM}summary")
    if summary is not None:
        value = _atom_text(summary)
        if value:
            entry["summary"] = value
            entry["summary_detail"] = {"type": _atom_type(summary)}
    source = item.find(f"{ATOM}source")
    if source is not None:
        source_title = _atom_text(source.find(f"{ATOM}title"))
        if source_title:
            entry["source"] = {"title": source_title}
    for key in ("published", "updated"):
        value = _text(item.find(f"{ATOM}{key}"))
        if value:
            entry[key] = value
            entry[f"{key}_parsed"] = _iso(value)
    return entry


def _atom_type(element: ET.Element) -> str:
    kind = element.get("type", "text")
    if kind == "xhtml":
        raise _Unsupported("xhtml content")
    if kind == "html":
        return "text/html"
    if kind == "text":
        return "text/plain"
    raise _Unsupported(f"content of type {kind}")


def _atom_text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    _atom_type(element)  # XHTML is left to feedparser
    return _text(element)


# Atom elements whose children are expected (and read, for the source's title, or ignored).
ATOM_PEOPLE = frozenset({f"{ATOM}author", f"{ATOM}contributor", f"{ATOM}source"})


def _known_children(item: ET.Element, known: frozenset[str]) -> None:
    for child in item:
        tag = child.tag
        ignored = isinstance(tag, str) and tag.startswith(IGNORED_NAMESPACES)
        if not ignored and (tag not in known or (len(child) and tag not in ATOM_PEOPLE)):
            raise _Unsupported(f"item element {tag}")


def _utf8(prolog: bytes) -> bool:
    """Whether the document is UTF-8 (declared so, or undeclared without a BOM of UTF-16):
    feedparser reads other encodings as browsers do (latin-1 as windows-1252...)."""
    if prolog.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    head = prolog.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"<?xml"):
        return True
    declaration = head[: head.find(b"?>") + 2].lower()
    if b"encoding" not in declaration:
        return True
    return b"utf-8" in declaration or b"utf8" in declaration


# -- values -----------------------------------------------------------------------------------


def _raw(element: ET.Element | None) -> str | None:
    """An element's text as it is; markup inside it, or C1 control characters (windows-1252
    punctuation written as character references), are left to feedparser's repairs."""
    if element is None:
        return None
    if len(element):
        raise _Unsupported("markup inside a plain element")
    value = element.text or ""
    if any("\x80" <= ch <= "\x9f" for ch in value):
        raise _Unsupported("C1 control characters")
    return value


def _text(element: ET.Element | None) -> str | None:
    value = _raw(element)
    return None if value is None else value.strip()


def _utc(moment: datetime) -> time.struct_time:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).timetuple()


def _rfc822(value: str) -> time.struct_time:
    """An RFC 822 date; one it cannot read is left to feedparser's many date parsers."""
    try:
        return _utc(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError, OverflowError):
        raise _Unsupported(f"date {value!r}") from None


def _iso(value: str) -> time.struct_time:
    try:
        return _utc(datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except (ValueError, OverflowError):
        raise _Unsupported(f"date {value!r}") from None
