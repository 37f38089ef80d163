"""Read articles from files, folders and standard input, in any supported format.

``read_articles(paths)`` streams :class:`~newsreader.core.model.Article` values, and a
:class:`Failure` for each input that yields none (with a one-line reason), so that a batch goes
on past bad files. Formats (plain text, Markdown, HTML, JSON, JSON Lines, RSS/Atom) are told by
content as well as by extension; encodings other than UTF-8 are detected. See PRODUCT.md
"Formats".
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsreader.core.model import Article, Origin
from newsreader.errors import InputError
from newsreader.ingest.html import extract_html

__all__ = ["Failure", "extract_html", "read_articles", "read_bytes"]

# Larger inputs are refused rather than read into memory: no article is this big.
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that yielded no article, and why (one line, e.g. "binary file")."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def read_articles(
    paths: Iterable[str | Path], *, stdin: BinaryIO | None = None
) -> Iterator[Article | Failure]:
    """Articles from files, folders (recursive, sorted, hidden entries skipped) and ``-``.

    In a folder only files that can hold articles are read (:data:`ARTICLE_SUFFIXES`, or no
    suffix at all): the scripts, images and PDFs beside them are passed over. A file named
    on its own is always read.

    ``-`` reads standard input (or ``stdin`` when given) and sniffs its format. Yields as it
    goes, one file at a time; a bad or missing input becomes a :class:`Failure` and the rest
    goes on.
    """
    for raw in paths:
        if str(raw) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_data(stream.read(), "-", "stdin")
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield Failure(str(raw), "no such file or folder")


def read_bytes(data: bytes, name: str, *, origin: Origin = "file") -> list[Article]:
    """The articles in ``data`` read from ``name``; raises :class:`InputError` when none."""
    from newsreader.ingest.detect import decode, sniff

    text = decode(data, name)
    fmt = sniff(text, name)
    if fmt == "text":
        from newsreader.ingest.text import parse_text

        return [parse_text(text, name, origin=origin)]
    if fmt == "markdown":
        from newsreader.ingest.markdown import parse_markdown

        return [parse_markdown(text, name, origin=origin)]
    if fmt == "html":
        return [extract_html(text, name=name, origin=origin)]
    if fmt == "json":
        from newsreader.ingest.jsonfile import parse_json

        return parse_json(text, name, origin=origin)
    if fmt == "jsonl":
        from newsreader.ingest.jsonfile import parse_jsonl

        return parse_jsonl(text, name, origin=origin)
    from newsreader.ingest.feeds import parse_feed

    # feed or other XML: feedparser reads the bytes itself, honouring the XML declaration
    return parse_feed(data, name, origin=origin)


def _read_data(data: bytes, name: str, origin: Origin) -> Iterator[Article | Failure]:
    try:
        articles = read_bytes(data, name, origin=origin)
    except InputError as e:
        yield Failure(name, e.reason)
        return
    yield from articles


def _read_file(path: Path) -> Iterator[Article | Failure]:
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            yield Failure(name, f"file too large ({size // (1024 * 1024)} MB)")
            return
        data = path.read_bytes()
    except OSError as e:
        yield Failure(name, f"cannot read ({e.strerror or e.__class__.__name__})")
        return
    yield from _read_data(data, name, "file")


# The suffixes of files read from a folder ("" is a file without one).
ARTICLE_SUFFIXES = frozenset(
    {
        "",
        ".txt",
        ".text",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".xhtml",
        ".json",
        ".jsonl",
        ".ndjson",
        ".xml",
        ".rss",
        ".atom",
    }
)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, depth first in name order.

    Hidden entries are skipped, and so are linked folders (a link loop would never end).
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
            yield Path(entry.path)
