"""Markdown articles with optional YAML front matter.

Front matter gives title, source, url, date and id; without a title the first ``# heading`` (or
the first real line) is the headline. The body keeps one line per Markdown line, with the markup
that only affects looks (heading marks, emphasis, link targets, list bullets) removed.
"""

from __future__ import annotations

import re

from newsreader.core.model import Article, Origin
from newsreader.core.textclean import clean_text
from newsreader.ingest.fields import make_article, split_headline
from newsreader.ingest.jsonfile import pick

_FRONT = re.compile(r"\A\ufeff?---[ \t]*\n(?P<yaml>.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(?P<text>.+?)(?<=\S)\1")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")


def parse_markdown(text: str, name: str, *, origin: Origin = "file") -> Article:
    """Read one Markdown article; raises :class:`InputError` when there is no text."""
    meta: dict[str, object] = {}
    text = clean_text(text)
    m = _FRONT.match(text)
    if m:
        import yaml

        try:
            loaded = yaml.safe_load(m.group("yaml"))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
            text = text[m.end() :]
    title = pick(meta, "title")
    lines = text.split("\n")
    if title is None:
        for i, line in enumerate(lines):
            h = _HEADING.match(line)
            if h:
                title = h.group("text")
                del lines[i]
                break
            if line.strip():
                break
    body = markdown_to_text("\n".join(lines))
    if title is None:
        title, body = split_headline(body)
    return make_article(
        name=name,
        title=title,
        body=body,
        source=pick(meta, "source"),
        url=pick(meta, "url"),
        published=pick(meta, "published"),
        input_id=pick(meta, "input_id"),
        origin=origin,
    )


def markdown_to_text(md: str) -> str:
    """Plain text of Markdown, line for line (code blocks kept verbatim)."""
    out: list[str] = []
    in_fence = False
    for line in md.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _RULE.match(line) or _LINK_DEF.match(line):
            out.append("")
            continue
        h = _HEADING.match(line)
        if h:
            line = h.group("text")
        line = _QUOTE.sub("", line)
        line = _BULLET.sub(r"\1", line)
        line = _IMAGE.sub(lambda m: m.group("alt"), line)
        line = _LINK.sub(lambda m: m.group("text"), line)
        line = _REF_LINK.sub(lambda m: m.group("text"), line)
        line = _AUTOLINK.sub(r"\1", line)
        line = _EMPHASIS.sub(lambda m: m.group("text"), line)
        out.append(line.replace("\\", "") if "\\" in line else line)
    return "\n".join(out)
