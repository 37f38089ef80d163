"""Fixtures for the library tests: a temporary library and articles written for the tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsreader.store.library import Library

CLOCK_START = 1_795_000_000.0  # a fixed "now" so imported times are reproducible


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSREADER_DB", str(tmp_path / "env-library.sqlite3"))
    monkeypatch.setenv("NEWSREADER_CONFIG", str(tmp_path / "config.toml"))


class Clock:
    def __init__(self) -> None:
        self.now = CLOCK_START

    def __call__(self) -> float:
        self.now += 1.0
        return self.now


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    lib = Library.open(db_path, clock=Clock(), author="Tess Tester", workers=1)
    yield lib
    lib.close()
