"""The bundled demo corpus: fictional stories written for newsreader, in several versions each.

``newsreader demo`` imports these files into a throwaway library, and tests across the project use
them as a known, realistic input. Every outlet, person and place here is invented. Files are plain
text: the headline on the first line, ``Source:`` / ``URL:`` / ``Published:`` header lines, a blank
line, then one paragraph per line.

Files live under ``corpus/``:

- ``imley-floods/``: six versions of a flood story: a wire report, a paper that runs the wire copy
  with additions and later revises it with new figures, an independent paper, a broadcaster, and an
  aggregator repost of the wire wrapped in junk lines. Numbers conflict (1,200 / 1,400 / 1,450
  evacuated; "dozens" / "more than 200" homes), each outlet has unique claims, one sentence is
  reworded, one is split in two.
- ``hallam-tram/``: three versions of a council vote, with a cost conflict (48 / 52 million).
- ``museum-portrait/``: two versions of a recovered painting.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

STORIES = ("imley-floods", "hallam-tram", "museum-portrait")


def corpus_dir() -> Path:
    """The folder holding the demo corpus (one sub-folder per story, nothing else)."""
    return Path(str(files(__name__))) / "corpus"


def corpus_paths() -> tuple[Path, ...]:
    """Every demo article file, story by story, in a stable order."""
    root = corpus_dir()
    return tuple(path for story in STORIES for path in sorted((root / story).glob("*.txt")))
