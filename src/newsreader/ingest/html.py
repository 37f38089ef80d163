"""HTML: main-content extraction from whole pages, and text from HTML fragments.

Pages go through trafilatura (a maintained main-content extractor that scores best among open
tools in public benchmarks): it drops navigation, sidebars and comments, and gives the title,
site name, date and canonical URL from the page's metadata. Paragraphs become lines separated
by a blank line, as in plain-text articles. Fragments (feed summaries, JSON fields holding HTML)
are turned into text by :func:`html_to_text`, block elements becoming line breaks.
"""

from __future__ import annotations

import re
from typing import Any

from newsreader.core.boilerplate import normalise_line
from newsreader.core.model import Article, Origin
from newsreader.errors import InputError
from newsreader.ingest.fields import make_article

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer "
    "figure figcaption aside hr dl dt dd main nav address".split()
)
# Extracted text with fewer words than this is a menu or a stub, not an article.
MIN_ARTICLE_WORDS = 3
_SKIP_TAGS = frozenset("script style noscript template head iframe object svg".split())


def extract_html(
    html: str | bytes, url: str | None = None, *, name: str | None = None, origin: Origin = "file"
) -> Article:
    """The main article of an HTML page; raises :class:`InputError` when none is found.

    ``name`` is the file (or URL) the page came from, used in messages and as ``path``.
    """
    import trafilatura

    label = name or url or "<html>"
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
        )
    except (ValueError, TypeError) as e:  # trafilatura raises these on unusable markup
        raise InputError(label, f"cannot parse HTML ({e})") from None
    # trafilatura 1.x returns a dict, 2.x a Document with .as_dict()
    meta: dict[str, Any] = (
        {} if doc is None else doc if isinstance(doc, dict) else dict(doc.as_dict())
    )
    text = str(meta.get("text") or "")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError(label, "no article text found in HTML page")
    title = meta.get("title") or None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and normalise_line(lines[0]) == normalise_line(title):
        lines = lines[1:]  # the headline is the title, not a body line
    if not lines:
        raise InputError(label, "no article text found in HTML page")
    return make_article(
        name=label,
        title=title,
        body="\n\n".join(lines),
        source=meta.get("sitename") or None,
        url=meta.get("url") or url,
        published=meta.get("date"),
        origin=origin,
        # without a title, the first paragraph is the headline, unless it is all there is
        find_headline=len(lines) > 1,
    )


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: block elements and ``<br>`` become line breaks."""
    from lxml import etree
    from lxml import html as lxml_html

    if not fragment.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    parts: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n\n".join(line for line in lines if line)).strip()
