"""Fixtures for the feed tests: a loopback server and fetch settings with short fuses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feeds_server import FeedServer

from newsreader.feeds.http import FetchSettings

FAST = FetchSettings(
    concurrency=8,
    per_host=8,
    host_interval=0.0,
    connect_timeout=1.0,
    read_timeout=0.5,
    deadline=1.0,
    retries=1,
    backoff=0.01,
    max_backoff=0.05,
    max_redirects=3,
    max_feed_bytes=256 * 1024,
    max_page_bytes=256 * 1024,
    trust_env=False,
    parse_workers=0,
)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer().start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture
def settings() -> FetchSettings:
    return FAST
