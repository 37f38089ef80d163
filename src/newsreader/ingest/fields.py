"""Turn the raw fields of any input format into an :class:`Article`.

Every format reader ends here, so the rules are the same for all of them: text is cleaned
(:func:`newsreader.core.textclean.clean_text`), the headline is the first real line when no
title is given, dates become ISO 8601 when they parse, and the source (outlet) comes from
metadata, else the URL's domain, else the text itself, else the file name.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath
from urllib.parse import urlsplit

from newsreader.core.boilerplate import is_boilerplate_line
from newsreader.core.model import Article, Origin
from newsreader.core.textclean import clean_text
from newsreader.errors import InputError

# An outlet suffix on a headline ("... - Al Jazeera English", "... | The Guardian") has at most
# this many words, and the headline keeps at least HEADLINE_MIN_WORDS in front of it.
OUTLET_MAX_WORDS = 5
HEADLINE_MIN_WORDS = 3
# A "SOURCE: X" line names an outlet only when X is at most this many words.
SOURCE_LINE_MAX_WORDS = 8

_SUFFIX = re.compile(r"^(?P<head>.+?)\s+(?P<sep>[-|–—•·:])\s+(?P<outlet>[^-|–—•·]+?)\s*$")
_OUTLET_SMALL_WORDS = frozenset("of the and & de la le el der die das on for news in at".split())
_SOURCE_LINE = re.compile(r"^\s*source\s*:\s*(?P<name>.+?)\s*$", re.I)
_NOT_AN_OUTLET = re.compile(r"read (?:full|more)|click|here|link", re.I)
_SOURCE_LINE_TAIL = re.compile(r"\s+(?:and|&)\s+(?:other\s+)?(?:news\s+)?agencies$", re.I)

_DATE_FORMATS = (
    "%B %d, %Y",
    "%B %d, %Y at %I:%M%p",
    "%B %d, %Y %I:%M %p",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B %Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%d.%m.%Y",
    "%m/%d/%Y",
)


def text_of(value: object) -> str | None:
    """A clean one-line string for a metadata value, or None for missing / empty values."""
    if value is None or isinstance(value, (dict, list, tuple)):
        return None
    if isinstance(value, bool):
        return None
    s = " ".join(clean_text(str(value)).split())
    return s or None


def normalise_date(value: object) -> str | None:
    """ISO 8601 for a parseable date or time (RFC 2822, ISO, "September 14, 2020", ...).

    A value that does not parse is kept as written: a reader can still read it.
    """
    if hasattr(value, "isoformat"):
        return str(value.isoformat())  # datetime / date from YAML
    s = text_of(value)
    if s is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return date.fromisoformat(s).isoformat()
        except ValueError:
            return s
    iso = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
    try:
        return datetime.fromisoformat(
            iso.replace(" ", "T", 1) if " " in iso[:11] else iso
        ).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", s.replace("Sept ", "Sep "))
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        has_time = "%H" in fmt or "%I" in fmt
        return parsed.isoformat() if has_time else parsed.date().isoformat()
    return s


def domain_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.`` (``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


def split_outlet_suffix(title: str) -> tuple[str, str | None]:
    """``("Headline", "Outlet")`` for ``"Headline - Outlet"``; ``(title, None)`` otherwise.

    The suffix must look like a name (capitalised words, few of them) so that a headline such as
    "Storm hits coast - dozens missing" keeps its second half.
    """
    m = _SUFFIX.match(title)
    if not m or m.group("sep") == ":":
        return title, None
    head, outlet = m.group("head").strip(), m.group("outlet").strip()
    words = outlet.split()
    if not words or len(words) > OUTLET_MAX_WORDS or len(head.split()) < HEADLINE_MIN_WORDS:
        return title, None
    if any(
        not (w[0].isupper() or w[0].isdigit() or w.lower() in _OUTLET_SMALL_WORDS) for w in words
    ):
        return title, None
    if not (words[0][0].isupper() or words[0][0].isdigit()) or outlet.endswith((".", "?", "!")):
        return title, None
    return head, outlet


def source_from_lines(body: str) -> str | None:
    """An outlet named in a ``SOURCE: X`` line ("SOURCE: Al Jazeera and news agencies")."""
    for line in body.split("\n"):
        m = _SOURCE_LINE.match(line)
        if not m:
            continue
        name = _SOURCE_LINE_TAIL.sub("", m.group("name")).strip(" .")
        if name and len(name.split()) <= SOURCE_LINE_MAX_WORDS and not _NOT_AN_OUTLET.search(name):
            return name
    return None


def split_headline(text: str) -> tuple[str, str]:
    """``(headline, body)``: the first real line, and every other line of ``text``.

    Junk first lines ("Search", "Menu", a bare domain) are skipped for the headline but stay in
    the body, where boilerplate marking will find them.
    """
    lines = text.split("\n")
    chosen = None
    for i, line in enumerate(lines):
        if line.strip() and not is_boilerplate_line(line.strip()):
            chosen = i
            break
    if chosen is None:  # only junk: the first non-empty line has to do
        chosen = next((i for i, line in enumerate(lines) if line.strip()), None)
    if chosen is None:
        return "", ""
    rest = lines[:chosen] + lines[chosen + 1 :]
    if chosen > 0 and chosen < len(lines) - 1 and not lines[chosen - 1].strip():
        if not lines[chosen + 1].strip():
            del rest[chosen]  # two blank lines would be left where the headline was
    return lines[chosen].strip(), tidy_body("\n".join(rest))


def tidy_body(body: str) -> str:
    """The body without trailing spaces on lines or blank lines at either end."""
    lines = [line.rstrip() for line in body.split("\n")]
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def make_article(
    *,
    name: str,
    title: object,
    body: str,
    source: object = None,
    url: object = None,
    published: object = None,
    item: int = 0,
    input_id: object = None,
    origin: Origin = "file",
    find_headline: bool = True,
) -> Article:
    """Build an article from raw fields; raise :class:`InputError` when there is no text.

    ``find_headline``: with no ``title``, take the body's first real line as the headline.
    """
    body = tidy_body(clean_text(body))
    headline = text_of(title)
    if headline is None and find_headline:
        first, body = split_headline(body)
        headline = text_of(first)
    if not body and not headline:
        raise InputError(name, "no article text")
    headline, outlet = split_outlet_suffix(headline or "")
    link = text_of(url)
    outlet_name = (
        text_of(source) or domain_of(link) or outlet or source_from_lines(body) or _stem(name)
    )
    return Article(
        title=headline,
        body=body,
        source=outlet_name,
        url=link,
        published=normalise_date(published),
        path=name,
        item=item,
        input_id=text_of(input_id),
        origin=origin,
    )


def _stem(name: str) -> str | None:
    if name in ("-", ""):
        return None
    return PurePath(name).stem or None
