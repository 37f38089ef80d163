"""Fetch settings from the ``[feeds]`` table of the config file (``newsreader.paths``).

Every key is optional; a missing file or table means the defaults of :class:`FetchSettings`::

    [feeds]
    concurrency = 16        # requests in flight
    per_host = 2            # requests in flight to one host
    host_interval = 0.1     # seconds between request starts to one host
    timeout = 20            # seconds without data before a request is given up
    deadline = 60           # seconds for a whole request, body included
    retries = 2             # further tries after a 5xx, 429, timeout or dropped connection
    max_feed_mb = 10        # size cap of a feed, after decompression
    max_page_mb = 5         # size cap of a linked article page
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from newsreader.config import config_file, read_config
from newsreader.errors import NewsreaderError
from newsreader.feeds.http import MIB, FetchSettings

# config key -> (FetchSettings field, type, scale)
_KEYS: dict[str, tuple[str, type, float]] = {
    "concurrency": ("concurrency", int, 1),
    "per_host": ("per_host", int, 1),
    "host_interval": ("host_interval", float, 1),
    "timeout": ("read_timeout", float, 1),
    "connect_timeout": ("connect_timeout", float, 1),
    "deadline": ("deadline", float, 1),
    "retries": ("retries", int, 1),
    "backoff": ("backoff", float, 1),
    "max_redirects": ("max_redirects", int, 1),
    "max_feed_mb": ("max_feed_bytes", float, MIB),
    "max_page_mb": ("max_page_bytes", float, MIB),
}


def load_fetch_settings(path: str | Path | None = None) -> FetchSettings:
    """The fetch settings in ``path`` (default: the config file), defaults for what is missing."""
    path = config_file(path)
    data = read_config(path)
    table = data.get("feeds", {})
    if not isinstance(table, dict):
        raise NewsreaderError(f"{path}: [feeds] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            continue
        name, kind, scale = _KEYS[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise NewsreaderError(f"{path}: feeds.{key} must be a non-negative number")
        if kind is int and scale == 1 and not isinstance(value, int):
            raise NewsreaderError(f"{path}: feeds.{key} must be a whole number")
        values[name] = int(value * scale) if kind is int or scale != 1 else float(value)
    settings = replace(FetchSettings(), **values)
    if settings.concurrency < 1 or settings.per_host < 1:
        raise NewsreaderError(f"{path}: feeds.concurrency and feeds.per_host must be at least 1")
    return settings
