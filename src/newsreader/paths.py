"""Where newsreader keeps its files. The only module that asks platformdirs or reads the
environment, so tests can redirect everything by setting ``NEWSREADER_DB`` / ``NEWSREADER_CONFIG``
or patching these functions."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsreader"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """The library file: ``NEWSREADER_DB`` if set, else ``library.sqlite3`` in the data folder."""
    env = os.environ.get("NEWSREADER_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "library.sqlite3"


def config_path() -> Path:
    """The settings file: ``NEWSREADER_CONFIG`` if set, else ``config.toml`` in the config dir."""
    env = os.environ.get("NEWSREADER_CONFIG")
    if env:
        return Path(env).expanduser()
    return config_dir() / "config.toml"
