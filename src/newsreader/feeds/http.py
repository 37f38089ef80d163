"""The feed fetcher: polite, bounded, conditional HTTP GETs over one httpx ``AsyncClient``.

Feeds are written and served by strangers, so every request is fenced in:

- only ``http`` and ``https`` URLs, on every redirect hop too;
- redirects are followed by hand, at most ``max_redirects`` hops, loops refused; when every hop
  was permanent (301/308) the caller learns the new address so it can update the subscription;
- a deadline on the whole request (a server that trickles one byte a second never times out
  on httpx's per-read timeout alone), retries with exponential back-off on 5xx, 429, timeouts
  and dropped connections;
- the body is streamed and decompressed here, not by httpx, with ``max_length`` on each
  ``decompress`` call, so a size cap holds after decompression and a gzip bomb stops at the cap
  without ever being inflated in memory;
- at most ``concurrency`` requests in flight, at most ``per_host`` to one host, and request
  starts to one host spaced ``host_interval`` seconds apart.

Conditional GET: the caller passes the ETag and Last-Modified of the last good fetch; a 304
comes back as a :class:`Response` with ``status == 304`` and an empty body.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from newsreader import __version__
from newsreader.errors import FeedError

MIB = 1024 * 1024
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECT_CODES = frozenset({301, 308})
RETRY_CODES = frozenset({429, 500, 502, 503, 504})
ALLOWED_SCHEMES = ("http", "https")
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits and manners of the fetcher. Tests shrink the timeouts; nothing else needs to."""

    concurrency: int = 16
    per_host: int = 2
    host_interval: float = 0.1
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_backoff: float = 30.0
    max_redirects: int = 5
    max_feed_bytes: int = 10 * MIB
    max_page_bytes: int = 5 * MIB
    user_agent: str = f"newsreader/{__version__} (feed reader)"
    trust_env: bool = True
    parse_workers: int | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """A finished GET: ``status`` is 200-299 or 304; ``url`` is where the body came from.

    ``moved_to`` is set when the request was redirected and every hop was permanent: the
    address the subscription should use from now on.
    """

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None
    moved_to: str | None = None


class FetchFailed(FeedError):
    """A request that failed for good; ``status`` is the last HTTP status seen, if any."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


class _Retryable(Exception):
    """A failure worth another try (server error, timeout, dropped connection)."""

    def __init__(
        self, reason: str, retry_after: float | None = None, status: int | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.status = status


def check_url(url: str) -> str:
    """``url`` stripped, or :class:`FeedError` unless it is an absolute http(s) URL."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        shown = parts.scheme or "no scheme"
        raise FeedError(f"{_short(url)}: only http and https URLs can be fetched ({shown})")
    if not parts.hostname:
        raise FeedError(f"{_short(url)}: not a URL (no host)")
    return url


class Fetcher:
    """An async context manager holding one HTTP client shared by every request of a run."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self._hosts = _HostGate(self.settings.per_host, self.settings.host_interval)

    async def __aenter__(self) -> Fetcher:
        s = self.settings
        self._client = httpx.AsyncClient(
            transport=self._transport,
            follow_redirects=False,
            trust_env=s.trust_env,
            timeout=httpx.Timeout(s.read_timeout, connect=s.connect_timeout, pool=None),
            limits=httpx.Limits(
                max_connections=s.concurrency * 2, max_keepalive_connections=s.concurrency
            ),
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str = FEED_ACCEPT,
    ) -> Response:
        """GET ``url`` with retries; raises :class:`FeedError` with a one-line reason."""
        url = check_url(url)
        s = self.settings
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        cap = max_bytes if max_bytes is not None else s.max_feed_bytes
        attempt = 0
        while True:
            try:
                return await asyncio.wait_for(self._follow(url, headers, cap), s.deadline)
            except asyncio.TimeoutError:
                failure = _Retryable(f"timed out after {s.deadline:g} s")
            except httpx.TimeoutException:
                failure = _Retryable("timed out waiting for the server")
            except httpx.TransportError as error:
                failure = _Retryable(_transport_reason(error))
            except _Retryable as error:
                failure = error
            if attempt >= s.retries:
                tries = f" (after {attempt + 1} tries)" if attempt else ""
                raise FetchFailed(f"{failure.reason}{tries}", failure.status)
            delay = min(s.backoff * 2**attempt, s.max_backoff)
            if failure.retry_after is not None and failure.retry_after <= s.max_backoff:
                delay = max(delay, failure.retry_after)
            attempt += 1
            await asyncio.sleep(delay)

    async def _follow(self, url: str, headers: dict[str, str], cap: int) -> Response:
        assert self._client is not None, "use Fetcher as an async context manager"
        seen = {url}
        permanent = True
        for _hop in range(self.settings.max_redirects + 1):
            async with self._slots, self._hosts.slot(_host(url)):
                request = self._client.build_request("GET", url, headers=headers)
                response = await self._client.send(request, stream=True)
                try:
                    status = response.status_code
                    if status in REDIRECT_CODES and "location" in response.headers:
                        target = urljoin(url, response.headers["location"].strip())
                    elif status == 304:
                        return self._response(url, response, b"", permanent, seen)
                    elif 200 <= status < 300:
                        body = await _read_capped(response, cap)
                        return self._response(url, response, body, permanent, seen)
                    elif status in RETRY_CODES:
                        raise _Retryable(
                            f"server error (HTTP {status})", _retry_after(response), status
                        )
                    else:
                        phrase = response.reason_phrase or "error"
                        raise FetchFailed(f"HTTP {status} {phrase}".strip(), status)
                finally:
                    await response.aclose()
            try:
                target = check_url(target)
            except FeedError:
                raise FeedError(f"redirected to a non-http(s) URL: {_short(target)}") from None
            if target in seen:
                raise FeedError(f"redirect loop at {_short(target)}")
            seen.add(target)
            permanent = permanent and status in PERMANENT_REDIRECT_CODES
            url = target
        raise FeedError(f"too many redirects (more than {self.settings.max_redirects})")

    @staticmethod
    def _response(
        url: str, response: httpx.Response, body: bytes, permanent: bool, seen: set[str]
    ) -> Response:
        redirected = len(seen) > 1
        return Response(
            url=url,
            status=response.status_code,
            body=body,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            content_type=response.headers.get("content-type"),
            moved_to=url if redirected and permanent else None,
        )


@dataclass
class _HostGate:
    """At most ``per_host`` requests to one host at a time, starts ``interval`` seconds apart."""

    per_host: int
    interval: float
    _sems: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _next_start: dict[str, float] = field(default_factory=dict)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        sem = self._sems.setdefault(host, asyncio.Semaphore(self.per_host))
        async with sem:
            now = asyncio.get_running_loop().time()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self.interval  # reserved before any await
            if start > now:
                await asyncio.sleep(start - now)
            yield


class _Inflater:
    """Incremental gzip/deflate decoding that never produces more than asked for."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._zlib: zlib._Decompress | None = None

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Decode ``chunk``; returns at most ``room + 1`` bytes (one more means: over the cap)."""
        if self._zlib is None:
            if self._encoding == "deflate" and chunk[:1] != b"\x78":
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no zlib header
            else:
                self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
        out: list[bytes] = []
        produced = 0
        data = chunk
        while data and not self._zlib.eof:
            piece = self._zlib.decompress(data, room + 1 - produced)
            out.append(piece)
            produced += len(piece)
            if produced > room:
                break
            data = self._zlib.unconsumed_tail
        return b"".join(out)


async def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """The decoded body, or :class:`FeedError` as soon as it would exceed ``cap`` bytes."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater: _Inflater | None = _Inflater("deflate" if encoding == "deflate" else "gzip")
    elif encoding in ("identity", ""):
        inflater = None
    else:
        raise FeedError(f"unsupported content encoding {encoding!r}")
    too_big = FeedError(f"response larger than the {_size(cap)} limit")
    declared = response.headers.get("content-length", "")
    if inflater is None and declared.isdigit() and int(declared) > cap:
        raise too_big
    body = bytearray()
    async for chunk in response.aiter_raw():
        if inflater is not None:
            try:
                chunk = inflater.feed(chunk, cap - len(body))
            except zlib.error:
                raise FeedError(f"corrupt {encoding} response") from None
        body += chunk
        if len(body) > cap:
            raise too_big
    return bytes(body)


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _transport_reason(error: httpx.TransportError) -> str:
    if isinstance(error, httpx.ConnectError):
        return "cannot connect to the server"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server broke the HTTP protocol or closed the connection"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "unsupported protocol"
    return f"network error ({type(error).__name__})"


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _size(n: int) -> str:
    return f"{n / MIB:g} MB" if n >= MIB else f"{n / 1024:g} KB"


def _short(url: str, limit: int = 120) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"
