"""Fixtures for the reader's Pilot and snapshot tests: a demo library in tmp_path, a fixed clock.

The library is built from the bundled demo corpus with the store's own import, so the tests see
what a user of ``newsreader demo`` sees.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("newsreader.store.library", reason="the library store has not landed yet")

from newsreader.demo import corpus_paths  # noqa: E402
from newsreader.store.library import Library  # noqa: E402
from newsreader.ui.app import NewsreaderApp  # noqa: E402

FIXED_NOW = 1_773_360_000.0  # 2026-03-13 00:00 UTC: after every demo article


def fixed_clock() -> float:
    return FIXED_NOW


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the developer's data and config out of the tests."""
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "default.sqlite3"))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)


def build_library(path: Path, files: tuple[Path, ...] | None = None) -> Path:
    library = Library.open(path, clock=fixed_clock, author="tester")
    try:
        library.import_paths([str(p) for p in (files or corpus_paths())])
    finally:
        library.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return build_library(tmp_path / "demo.sqlite3")


@pytest.fixture
def make_app() -> Callable[..., NewsreaderApp]:
    def make(db: Path, **kwargs: object) -> NewsreaderApp:
        return NewsreaderApp(db, clock=fixed_clock, author="tester", **kwargs)  # type: ignore[arg-type]

    return make


def open_library(db: Path) -> Library:
    return Library.open(db, clock=fixed_clock, author="tester")
