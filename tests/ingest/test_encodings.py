"""Text in encodings other than UTF-8 is decoded correctly."""

from __future__ import annotations

import codecs

from newsreader.ingest import read_bytes

TEXT = (
    "Café owners protest new façade rules\n\n"
    "Owners of cafés in the old town said the rules, which ban awnings, were naïve and would "
    "cost each of them about 2,000 euros. The council's planning chief, Zoë Müller, disagreed.\n"
)


def test_latin1() -> None:
    [a] = read_bytes(TEXT.encode("latin-1"), "l.txt")
    assert a.title == "Café owners protest new façade rules"
    assert "Zoë Müller" in a.body


def test_cp1252_curly_quotes_and_dashes() -> None:
    text = TEXT.replace("council's", "council\u2019s").replace(", disagreed", " \u2013 disagreed")
    [a] = read_bytes(text.encode("cp1252"), "w.txt")
    assert "council\u2019s planning chief" in a.body
    assert "\u2013 disagreed" in a.body


def test_utf16_with_bom() -> None:
    [a] = read_bytes(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "u16.txt")
    assert a.title == "Café owners protest new façade rules"


def test_utf16_big_endian_without_bom() -> None:
    [a] = read_bytes(TEXT.encode("utf-16-be"), "u16be.txt")
    assert a.title == "Café owners protest new façade rules"


def test_utf8_bom_is_not_part_of_headline() -> None:
    [a] = read_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"), "bom.txt")
    assert a.title == "Café owners protest new façade rules"


def test_html_meta_charset_honoured() -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Crème brûlée day</title></head><body>'
        "<article><p>Pastry chefs across the région made crème brûlée for the festival, "
        "which drew 5,000 visitors.</p><p>Organisers called it a succès.</p></article>"
        "</body></html>"
    ).encode("cp1252")
    [a] = read_bytes(page, "page.html")
    assert "crème brûlée for the festival" in a.body
