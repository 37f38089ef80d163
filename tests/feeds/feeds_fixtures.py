"""Feeds and pages written for these tests (a fictional town, Carrowmore), built in code so
each test can change them between fetches."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

TOPICS = (
    ("ferry", "The Carrowmore ferry will run a winter timetable"),
    ("library", "Carrowmore library reopens after the roof repairs"),
    ("market", "Saturday market moves to the harbour car park"),
    ("school", "Hillside school wins the county debating final"),
    ("bridge", "Footbridge over the Carrow river closes for inspection"),
    ("choir", "Town choir raises money for the lifeboat station"),
)

SENTENCES = (
    "Officials in Carrowmore confirmed the {topic} plan at a meeting on Tuesday evening.",
    "The council said the change would cost about {n} thousand euros this year.",
    "Residents who spoke at the meeting asked for more notice before similar changes.",
    "A spokeswoman said the details had been published on the noticeboard outside the hall.",
    "Local traders welcomed the decision, although some worried about parking on market days.",
    "The {topic} committee will report again in the spring, when the figures are final.",
    "Councillor Aoife Brennan said the town had waited a long time for a clear answer.",
    "Several families wrote to the council last month to support the {topic} proposal.",
    "The harbour master noted that weather in the bay had been unusually calm this autumn.",
    "A second meeting is planned for the first week of the new year in the parish hall.",
    "Visitors can find the updated information at the tourist office on Main Street.",
    "The newspaper will follow the story as the {topic} work goes on over the winter.",
)


def body(topic: str, n: int, *, extra: str = "") -> str:
    paragraphs = []
    for i in range(0, len(SENTENCES), 3):
        chunk = " ".join(s.format(topic=topic, n=n) for s in SENTENCES[i : i + 3])
        paragraphs.append(chunk)
    text = "\n\n".join(paragraphs)
    return text + (f"\n\n{extra}" if extra else "")


@dataclass(frozen=True)
class Item:
    guid: str
    title: str
    content: str | None = None
    summary: str | None = None
    link: str | None = None
    published: str = "Mon, 23 Nov 2026 09:00:00 GMT"


def story(index: int, *, n: int = 40, extra: str = "", base: str = "http://127.0.0.1") -> Item:
    topic, title = TOPICS[index % len(TOPICS)]
    return Item(
        guid=f"carrowmore-{index}",
        title=title,
        content=body(topic, n + index, extra=extra),
        link=f"{base}/news/{index}.html",
    )


def rss(items: list[Item] | tuple[Item, ...], *, title: str = "Carrowmore Courier") -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{escape(title)}</title><link>http://127.0.0.1/</link>",
        "<description>News from Carrowmore</description>",
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title>")
        parts.append(f"<guid isPermaLink='false'>{escape(item.guid)}</guid>")
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        parts.append(f"<pubDate>{item.published}</pubDate>")
        if item.summary is not None:
            parts.append(f"<description>{escape(item.summary)}</description>")
        if item.content is not None:
            html = "".join(f"<p>{escape(p)}</p>" for p in item.content.split("\n\n"))
            parts.append(f"<content:encoded><![CDATA[{html}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{escape(title)}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
        "<footer>Carrowmore Courier, Main Street</footer></body></html>"
    ).encode()
