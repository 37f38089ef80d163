"""Tell what an input is: refuse binary and empty data, find the encoding, sniff the format.

Content decides, the file name only breaks ties: a ``.txt`` file that holds an HTML page is read
as HTML, while a ``.json`` file that does not parse is refused as JSON (the user said it was).
"""

from __future__ import annotations

import codecs
import re
from pathlib import PurePath
from typing import Literal

from newsreader.errors import InputError

Format = Literal["text", "markdown", "html", "json", "jsonl", "feed", "xml"]

# How much of the start of the data is inspected for NUL bytes, magic numbers and markup.
SNIFF_BYTES = 8192
# Decoded text with more than this share of control characters is not text.
MAX_CONTROL_SHARE = 0.05

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|article|main|div|p|h1|title|meta|section)\b", re.I
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}


def decode(data: bytes, name: str) -> str:
    """Decode ``data`` to text, or raise :class:`InputError` (empty, binary, undecodable)."""
    if not data.strip():
        raise InputError(name, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(encoding), name)
            except UnicodeDecodeError:
                raise InputError(name, f"undecodable text (invalid {encoding})") from None
    head = data[:SNIFF_BYTES]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise InputError(name, f"binary file ({what})")
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise InputError(name, "binary file")
        try:
            return _check_text(data.decode(utf16), name)
        except UnicodeDecodeError:
            raise InputError(name, "binary file") from None
    try:
        return _check_text(data.decode("utf-8"), name)
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(head)
    if declared:
        try:
            return _check_text(data.decode(declared), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return _check_text(_guess_decode(data, name), name)


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit at every other byte, as in ASCII-heavy UTF-16."""
    even, odd = head[0::2], head[1::2]
    if len(head) < 4:
        return None
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / max(1, len(odd))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _declared_encoding(head: bytes) -> str | None:
    m = _XML_ENCODING.match(head.lstrip()) or _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _guess_decode(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(name, "undecodable text (unknown encoding)")
    encoding = best.encoding
    # charset-normalizer may name latin-1 for text that is cp1252 (curly quotes, dashes in
    # 0x80-0x9f): cp1252 is the superset people actually write, so prefer it when it decodes.
    if encoding in ("latin_1", "iso8859_1"):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    return str(best)


def _check_text(text: str, name: str) -> str:
    if not text.strip():
        raise InputError(name, "empty file")
    sample = text[:SNIFF_BYTES]
    if len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise InputError(name, "binary file")
    return text


def sniff(text: str, name: str) -> Format:
    """The format of decoded ``text`` named ``name``, from its content and its extension."""
    ext = PurePath(name).suffix.lower() if name not in ("-", "") else ""
    hinted = _EXTENSIONS.get(ext)
    head = text[:SNIFF_BYTES].lstrip("\ufeff \t\r\n")
    if hinted in ("json", "jsonl"):
        return hinted
    if head.startswith(("{", "[")):
        kind = _json_kind(text)
        if kind is not None:
            return kind
    if head.startswith("<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_START.search(head[:2048]):
            return "html"
        if head.startswith("<?xml") or hinted in ("feed", "xml"):
            return "feed" if hinted == "feed" else "xml"
    if hinted in ("html", "feed", "xml"):
        return hinted
    if hinted == "markdown" or head.startswith("---\n"):
        return "markdown"
    return "text"


def _json_kind(text: str) -> Format | None:
    """``json`` or ``jsonl`` when ``text`` parses as such, else None (it is prose after all)."""
    import json

    try:
        json.loads(text)
        return "json"
    except ValueError:
        pass
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(line.lstrip().startswith("{") for line in lines[:5]):
        return "jsonl"
    return None
