"""Plain-text articles: the first real line is the headline.

An optional header block of ``Key: value`` lines (Source/Outlet, URL, Published/Date, Title, ID),
before or right after the headline, gives the metadata; it is not part of the body. Only known
keys make a header, so a body line such as "Author: No Comments Share:" stays in the body.
"""

from __future__ import annotations

import re
from typing import Any

from newsreader.core.model import Article, Origin
from newsreader.core.textclean import clean_text
from newsreader.ingest.fields import make_article, split_headline, tidy_body

HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "pubdate": "published",
    "published_at": "published",
    "id": "input_id",
    "guid": "input_id",
}

_HEADER_LINE = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z_ ]{0,20}?)\s*:\s*(?P<value>\S.*?)\s*$")


def parse_text(text: str, name: str, *, origin: Origin = "file") -> Article:
    """Read one plain-text article; raises :class:`InputError` when there is no text."""
    lines = clean_text(text).split("\n")
    i = _skip_blank(lines, 0)
    fields, i = _header_block(lines, i)
    if "title" in fields:
        body = "\n".join(lines[i:])
        return make_article(
            name=name, title=fields["title"], body=body, origin=origin, **_by_field(fields)
        )
    rest = lines[i:]
    # headline: the first real line (junk lines before it are kept in the body)
    title, body = split_headline("\n".join(rest))
    if not fields:
        body_lines = body.split("\n")
        fields, j = _header_block(body_lines, _skip_blank(body_lines, 0), after_headline=True)
        if fields:
            body = "\n".join(body_lines[j:])
    return make_article(
        name=name, title=title, body=tidy_body(body), origin=origin, **_by_field(fields)
    )


def _skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i


def _header_block(
    lines: list[str], i: int, *, after_headline: bool = False
) -> tuple[dict[str, str], int]:
    """Parse ``Key: value`` lines from ``i``; return the fields and the index after the block."""
    fields: dict[str, str] = {}
    j = i
    while j < len(lines):
        m = _HEADER_LINE.match(lines[j])
        if not m:
            break
        key = HEADER_KEYS.get(m.group("key").strip().lower().replace(" ", "_"))
        if key is None or key in fields:
            break
        fields[key] = m.group("value")
        j += 1
    if not fields:
        return {}, i
    # a block must end the paragraph: a known key followed by more prose is a body sentence
    if j < len(lines) and lines[j].strip() and after_headline:
        return {}, i
    return fields, _skip_blank(lines, j)


def _by_field(fields: dict[str, str]) -> dict[str, Any]:
    return {k: fields.get(k) for k in ("source", "url", "published", "input_id")}
