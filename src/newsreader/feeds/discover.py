"""Feed autodiscovery: what to subscribe to when ``feeds add`` is given a web page.

A site's pages name their feeds in ``<link rel="alternate" type="application/rss+xml"
href="...">`` (or ``application/atom+xml``). ``feeds add`` fetches the URL once: a feed is
subscribed to as it is (its own ``<link>``, the site, is kept as the subscription's home page);
an HTML page is replaced by the first feed it names, resolved against the page's address; a page
naming no feed is refused. When the URL cannot be reached now, it is subscribed to as given and
the next ``fetch`` tries it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

from newsreader.errors import FeedError
from newsreader.feeds.http import FEED_ACCEPT, Fetcher, FetchSettings, check_url

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
HTML_STARTS = (b"<!doctype html", b"<html")
# The add-time check is one quick look, not a fetch run: no retries, a short deadline.
CHECK_DEADLINE = 15.0


@dataclass(frozen=True, slots=True)
class Discovery:
    """The URL to subscribe to, the site's page when known, and a note for the user."""

    url: str
    html_url: str | None = None
    note: str | None = None


class _FeedLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k.lower(): (v or "") for k, v in attrs}
        if tag == "base" and found.get("href") and self.base is None:
            self.base = found["href"].strip()
        if tag not in ("link", "a"):
            return
        rel = found.get("rel", "").lower().split()
        kind = found.get("type", "").lower().split(";")[0].strip()
        href = found.get("href", "").strip()
        if href and "alternate" in rel and kind in FEED_TYPES:
            self.links.append(href)


def feed_links(page: bytes, page_url: str) -> tuple[str, ...]:
    """The http(s) feed URLs a page names, absolute, in document order, without repeats."""
    parser = _FeedLinks()
    parser.feed(page.decode("utf-8", errors="replace"))
    parser.close()
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: list[str] = []
    for href in parser.links:
        url = urljoin(base, href)
        try:
            url = check_url(url)
        except FeedError:
            continue
        if url not in found:
            found.append(url)
    return tuple(found)


def is_html(body: bytes) -> bool:
    return body[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(HTML_STARTS)


async def discover(
    url: str,
    settings: FetchSettings | None = None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Discovery:
    """What ``feeds add URL`` should subscribe to; :class:`FeedError` for a page with no feed."""
    url = check_url(url)
    quick = replace(settings or FetchSettings(), retries=0, deadline=CHECK_DEADLINE)
    async with Fetcher(quick, transport=transport) as fetcher:
        try:
            response = await fetcher.fetch(url, accept=FEED_ACCEPT)
        except FeedError as error:
            return Discovery(url, note=f"could not check it now ({error}); the next fetch tries")
    if not is_html(response.body):
        return Discovery(response.moved_to or url, html_url=_home(response.body))
    links = feed_links(response.body, response.url)
    if not links:
        raise FeedError(f"{url} is a web page that names no RSS or Atom feed")
    more = f" (it names {len(links)}; the first is used)" if len(links) > 1 else ""
    return Discovery(links[0], html_url=response.url, note=f"found its feed {links[0]}{more}")


def _home(body: bytes) -> str | None:
    """The site a feed document names (RSS ``<channel><link>``, Atom alternate link)."""
    from newsreader.ingest.feedxml import feed_home

    try:
        home = feed_home(body)
        return check_url(home) if home else None
    except FeedError:
        return None
