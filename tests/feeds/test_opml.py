"""OPML import and export: folders become tags, our export reads back the same."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsreader.errors import InputError
from newsreader.feeds.opml import Outline, parse_opml, write_opml

NOW = datetime(2026, 11, 23, 21, 0, tzinfo=timezone.utc)

# The shape other readers export: folders of feeds, one feed listed in two folders, a feed at
# the top level with only `text`, and an OPML 2.0 category attribute.
OTHER_READER = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="Local" title="Local">
      <outline type="rss" text="Carrowmore Courier" title="Carrowmore Courier"
               xmlUrl="https://courier.example/feed.xml" htmlUrl="https://courier.example/"/>
      <outline type="rss" text="Harbour Notes" xmlUrl="https://harbour.example/atom"/>
    </outline>
    <outline text="Morning">
      <outline type="rss" text="Carrowmore Courier" xmlUrl="https://courier.example/feed.xml"/>
    </outline>
    <outline type="rss" text="Wire" xmlUrl="https://wire.example/rss" category="/Desk/Wires"/>
  </body>
</opml>"""


def test_folders_become_tags_and_duplicates_merge() -> None:
    feeds = parse_opml(OTHER_READER, "subs.opml")
    assert feeds == (
        Outline(
            "https://courier.example/feed.xml",
            "Carrowmore Courier",
            "https://courier.example/",
            ("Local", "Morning"),
        ),
        Outline("https://harbour.example/atom", "Harbour Notes", None, ("Local",)),
        Outline("https://wire.example/rss", "Wire", None, ("Wires",)),
    )


def test_export_reads_back_the_same() -> None:
    feeds = parse_opml(OTHER_READER, "subs.opml")
    document = write_opml(feeds, title="newsreader subscriptions", now=NOW)
    assert 'version="2.0"' in document
    assert parse_opml(document.encode(), "export.opml") == feeds


def test_export_has_the_attributes_other_readers_need() -> None:
    feed = Outline("https://courier.example/feed.xml", "Courier & Co", "https://courier.example/")
    document = write_opml([feed], title="t", now=NOW)
    assert 'type="rss"' in document
    assert 'text="Courier &amp; Co" title="Courier &amp; Co"' in document
    assert 'xmlUrl="https://courier.example/feed.xml"' in document
    assert 'htmlUrl="https://courier.example/"' in document
    assert "<dateCreated>Mon, 23 Nov 2026 21:00:00 +0000</dateCreated>" in document


def test_hostile_titles_are_cleaned() -> None:
    # XML 1.0 cannot carry ESC itself, but it can carry the 8-bit CSI and bidi overrides
    data = (
        '<opml version="2.0"><body><outline text="Evil \u009b31mred\u009b0m \u202e[bold]x[/bold]"'
        ' xmlUrl="https://evil.example/rss"/></body></opml>'
    ).encode()
    (feed,) = parse_opml(data, "evil.opml")
    assert feed.title == "Evil red [bold]x[/bold]"


def test_entity_declarations_are_refused() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/rss"/></body></opml>"""
    with pytest.raises(InputError, match="entities"):
        parse_opml(bomb, "bomb.opml")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body><outline", "not valid XML"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
    ],
)
def test_bad_files_give_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        parse_opml(data, "bad.opml")
