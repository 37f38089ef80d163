"""The [feeds] table of the config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.errors import NewsreaderError
from newsreader.feeds.http import MIB, FetchSettings
from newsreader.feeds.settings import load_fetch_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_fetch_settings(tmp_path / "none.toml") == FetchSettings()


def test_feeds_table_overrides_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('author = "x"\n[feeds]\ntimeout = 2.5\nper_host = 1\nmax_feed_mb = 0.5\n')
    settings = load_fetch_settings(path)
    assert settings.read_timeout == 2.5
    assert settings.per_host == 1
    assert settings.max_feed_bytes == MIB // 2


@pytest.mark.parametrize("line", ["timeout = 'soon'", "per_host = 0", "retries = 1.5"])
def test_bad_values_are_one_line_errors(tmp_path: Path, line: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[feeds]\n{line}\n")
    with pytest.raises(NewsreaderError, match="config.toml: feeds"):
        load_fetch_settings(path)
