"""OPML 2.0 subscription lists, read and written the way other feed readers do.

Reading: every ``outline`` with an ``xmlUrl`` is a feed; the folders (outlines without one)
around it become its tags, as do the entries of an OPML 2.0 ``category`` attribute
(``"/News/Local,Sport"`` gives ``Local`` and ``Sport``). A feed listed under several folders, as
Feedly and Inoreader write it, is one subscription with all those tags. The title is ``title``
or, failing that, ``text``.

Writing: untagged feeds at the top, then one folder per tag holding every feed with that tag,
each feed with ``type="rss"``, ``text``, ``title``, ``xmlUrl`` and, when known, ``htmlUrl``.
Reading that back gives the same subscriptions.

OPML files come from elsewhere: documents that declare entities are refused outright (no
billion laughs), and nothing is fetched while reading.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime

from newsreader.core.textclean import clean_text
from newsreader.errors import InputError

MAX_OPML_BYTES = 20 * 1024 * 1024
UNTITLED = "Untitled feed"


@dataclass(frozen=True, slots=True)
class Outline:
    """One subscription from an OPML file (or for one)."""

    url: str
    title: str | None = None
    html_url: str | None = None
    tags: tuple[str, ...] = ()


def parse_opml(data: bytes, name: str) -> tuple[Outline, ...]:
    """The feeds listed in an OPML document, in document order, one per ``xmlUrl``."""
    if len(data) > MAX_OPML_BYTES:
        raise InputError(name, "OPML file too large")
    if b"<!ENTITY" in data:
        raise InputError(name, "OPML files that declare entities are not accepted")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise InputError(name, f"not valid XML ({error})") from None
    if _local(root.tag) != "opml":
        raise InputError(name, "not an OPML file (no <opml> root element)")
    body = next((child for child in root if _local(child.tag) == "body"), None)
    if body is None:
        raise InputError(name, "not an OPML file (no <body>)")
    found: dict[str, Outline] = {}
    _walk(body, (), found)
    return tuple(found.values())


def _walk(node: ET.Element, folders: tuple[str, ...], found: dict[str, Outline]) -> None:
    for child in node:
        if _local(child.tag) != "outline":
            continue
        label = _text(child.get("title")) or _text(child.get("text"))
        url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
        if not url:
            inner = folders + ((label,) if label else ())
            _walk(child, inner, found)
            continue
        tags = _dedupe(folders + _categories(child.get("category")))
        old = found.get(url)
        if old is None:
            html_url = (child.get("htmlUrl") or child.get("htmlurl") or "").strip() or None
            found[url] = Outline(url=url, title=label, html_url=html_url, tags=tags)
        else:
            found[url] = Outline(
                url=url,
                title=old.title or label,
                html_url=old.html_url,
                tags=_dedupe(old.tags + tags),
            )
        _walk(child, folders, found)  # some files nest outlines under a feed; keep them too


def write_opml(feeds: Iterable[Outline], *, title: str, now: datetime) -> str:
    """An OPML 2.0 document listing ``feeds`` (see the module docstring for the layout)."""
    feeds = tuple(feeds)
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now)
    ET.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = ET.SubElement(root, "body")
    for feed in feeds:
        if not feed.tags:
            _feed_outline(body, feed)
    tags = sorted({tag for feed in feeds for tag in feed.tags}, key=str.casefold)
    for tag in tags:
        folder = ET.SubElement(body, "outline", text=tag, title=tag)
        for feed in feeds:
            if tag in feed.tags:
                _feed_outline(folder, feed)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _feed_outline(parent: ET.Element, feed: Outline) -> None:
    label = feed.title or UNTITLED
    attrs = {"type": "rss", "text": label, "title": label, "xmlUrl": feed.url}
    if feed.html_url:
        attrs["htmlUrl"] = feed.html_url
    ET.SubElement(parent, "outline", attrs)


def _categories(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    out = []
    for entry in value.split(","):
        leaf = entry.strip().strip("/").rsplit("/", 1)[-1].strip()
        if leaf:
            out.append(_text(leaf) or "")
    return tuple(tag for tag in out if tag)


def _dedupe(tags: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tags))


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(clean_text(value).split())
    return cleaned or None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""
