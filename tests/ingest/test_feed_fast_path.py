"""The fast RSS/Atom reader gives exactly what feedparser gives, and hands it anything odd."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.ingest import feedxml
from newsreader.ingest.feeds import parse_feed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"

RSS_ITEM = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Carrowmore Courier</title><link>https://courier.example/</link>
<item>{item}</item>
</channel></rss>"""

ATOM_ENTRY = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Ledger</title>
<entry>{entry}</entry></feed>"""

SAME_AS_FEEDPARSER = {
    "rss with everything": RSS_ITEM.format(
        item="<title>Ferry AT&amp;T strike ends</title><link>https://c.example/1</link>"
        "<guid isPermaLink='false'>c-1</guid><pubDate>Tue, 10 Mar 2026 06:40:00 +0100</pubDate>"
        "<dc:creator>Ann Lee</dc:creator><category>Transport</category>"
        "<description>&lt;p&gt;Short teaser.&lt;/p&gt;</description>"
        "<content:encoded><![CDATA[<p>The ferry strike ended on Monday.</p>"
        "<p>Services resume at 6am, the operator said.</p>]]></content:encoded>"
    ),
    "rss dc:date and permalink guid": RSS_ITEM.format(
        item="<title>Tram vote</title><guid>https://c.example/tram</guid>"
        "<dc:date>2026-03-09T18:30:00Z</dc:date><description>Council approves tram.</description>"
    ),
    "rss html page quoted in content": RSS_ITEM.format(
        item="<title>Page</title><content:encoded><![CDATA[<!DOCTYPE html><p>Quoted page text."
        "</p>]]></content:encoded>"
    ),
    "rss guid without link": RSS_ITEM.format(
        item="<title>Bridge shut</title><guid>bridge-7</guid><description>Shut.</description>"
    ),
    "rss source element": RSS_ITEM.format(
        item="<title>Portrait found</title><source url='https://w.example/rss'>Northgate Wire"
        "</source><description>A stolen portrait was recovered.</description>"
    ),
    "atom html title and content": ATOM_ENTRY.format(
        entry="<title type='html'>Floods &lt;em&gt;force&lt;/em&gt; evacuations</title>"
        "<id>urn:ledger:1</id><link rel='alternate' href='https://l.example/1'/>"
        "<updated>2026-03-10T09:30:00+00:00</updated><published>2026-03-10T09:00:00Z</published>"
        "<author><name>Ravi Desai</name></author>"
        "<content type='html'>&lt;p&gt;About 1,200 people left their homes.&lt;/p&gt;</content>"
    ),
    "atom text summary only": ATOM_ENTRY.format(
        entry="<title>Water warning</title><id>urn:ledger:2</id>"
        "<updated>2026-03-10T11:00:00Z</updated><summary>Boil tap water until Friday.</summary>"
    ),
}

LEFT_TO_FEEDPARSER = {
    "doctype": '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]>'
    + RSS_ITEM.split("?>", 1)[1].format(item="<title>&x;</title>"),
    "doctype after a long comment": '<?xml version="1.0"?><!--'
    + "x" * 5000
    + "-->"
    + '<!DOCTYPE rss [<!ENTITY x "y">]>'
    + RSS_ITEM.split("?>", 1)[1].format(item="<title>&x;</title>"),
    "latin-1 declared": RSS_ITEM.replace("utf-8", "iso-8859-1").format(item="<title>T</title>"),
    "xhtml content": ATOM_ENTRY.format(
        entry="<title>T</title><content type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'>"
        "<p>Hi</p></div></content>"
    ),
    "markup inside description": RSS_ITEM.format(item="<description><p>Naked</p></description>"),
    "windows-1252 punctuation as references": RSS_ITEM.format(
        item="<description>don&#146;t</description>"
    ),
    "unknown item element": RSS_ITEM.format(item="<fullitem>&lt;p&gt;Hi&lt;/p&gt;</fullitem>"),
    "rss 0.91": RSS_ITEM.replace('version="2.0"', 'version="0.91"').format(item="<title>T</title>"),
    "broken xml": RSS_ITEM.format(item="<title>T</titel>"),
    "unreadable date": RSS_ITEM.format(item="<title>T</title><pubDate>yesterday-ish</pubDate>"),
}


def through_feedparser(data: bytes, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        m.setattr(feedxml, "read_feed", lambda data: None)
        return parse_feed(data, "feed")


@pytest.mark.parametrize("name", sorted(SAME_AS_FEEDPARSER))
def test_plain_feeds_read_fast_give_feedparsers_articles(name: str, monkeypatch) -> None:
    data = SAME_AS_FEEDPARSER[name].encode()
    assert feedxml.read_feed(data) is not None
    assert parse_feed(data, "feed") == through_feedparser(data, monkeypatch)


@pytest.mark.parametrize("fixture", ["feed.rss", "feed.atom"])
def test_fixture_feeds_read_fast_give_feedparsers_articles(fixture: str, monkeypatch) -> None:
    data = (FIXTURES / fixture).read_bytes()
    assert feedxml.read_feed(data) is not None
    assert parse_feed(data, "feed") == through_feedparser(data, monkeypatch)


@pytest.mark.parametrize("name", sorted(LEFT_TO_FEEDPARSER))
def test_odd_feeds_are_left_to_feedparser(name: str) -> None:
    assert feedxml.read_feed(LEFT_TO_FEEDPARSER[name].encode("latin-1")) is None


def test_dates_become_utc(monkeypatch) -> None:
    data = SAME_AS_FEEDPARSER["rss with everything"].encode()
    [article] = parse_feed(data, "feed")
    assert article.published == "2026-03-10T05:40:00+00:00"
    assert article.input_id == "c-1" and article.url == "https://c.example/1"
    assert article.title == "Ferry AT&T strike ends"
