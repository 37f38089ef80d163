"""``newsreader`` with no command opens the reader; ``newsreader demo`` opens the demo library.

Textual is imported inside the functions, so other commands never pay for it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from newsreader.cli.common import resolve_db


def open_reader(db: str | None) -> None:
    """Open the reader on the library at ``db`` (or the default library)."""
    from newsreader.ui.app import NewsreaderApp

    path = resolve_db(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    NewsreaderApp(path).run()


def demo_library_path() -> Path:
    """Where the demo library lives: a cache folder of its own, never the user's library."""
    from platformdirs import user_cache_path

    return user_cache_path("newsreader", appauthor=False) / "demo" / "demo.sqlite3"


def build_demo_library(path: Path) -> Path:
    """(Re)build the demo library at ``path`` from the bundled corpus; returns ``path``."""
    from newsreader.demo import corpus_paths
    from newsreader.store.library import Library

    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    library = Library.open(path)
    try:
        library.import_paths([str(p) for p in corpus_paths()])
    finally:
        library.close()
    return path


@click.command()
@click.option("--fresh", is_flag=True, help="Rebuild the demo library, dropping earlier changes.")
def demo(fresh: bool) -> None:
    """Open a demo library of fictional stories (your own library is not touched).

    The demo library is kept in the cache folder, so tags and notes you add survive until
    --fresh rebuilds it.
    """
    from newsreader.ui.app import NewsreaderApp

    path = demo_library_path()
    if fresh or not path.exists():
        if path.parent.exists() and fresh:
            shutil.rmtree(path.parent)
        build_demo_library(path)
    NewsreaderApp(path, title="demo").run()


COMMANDS = (demo,)
