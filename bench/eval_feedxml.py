"""Does the fast RSS/Atom reader agree with feedparser? Parity on feedparser's own test corpus.

    python bench/eval_feedxml.py PATH

PATH is the ``tests`` folder of feedparser's public repository (kurtmckee/feedparser on GitHub:
about 2,100 small documents, each probing one corner of RSS, Atom, RDF, encodings and
sanitising). For every document the fast reader accepts, the articles newsreader makes from it
must equal the ones it makes through feedparser; documents it declines go to feedparser anyway.
Prints how many were read fast, how many declined, and every disagreement.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsreader.errors import InputError  # noqa: E402
from newsreader.ingest import feedxml  # noqa: E402
from newsreader.ingest.feeds import parse_feed  # noqa: E402


def articles(data: bytes, fast: bool) -> object:
    original = feedxml.read_feed
    if not fast:
        feedxml.read_feed = lambda data: None  # type: ignore[assignment]
    try:
        return parse_feed(data, "feed")
    except InputError as error:
        return f"error: {error}"
    finally:
        feedxml.read_feed = original


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        raise SystemExit("usage: python bench/eval_feedxml.py FEEDPARSER_TESTS_DIR")
    root = Path(sys.argv[1])
    counts: Counter[str] = Counter()
    for path in sorted(root.rglob("*.xml")):
        data = path.read_bytes()
        if feedxml.read_feed(data) is None:
            counts["declined (feedparser reads it)"] += 1
            continue
        if articles(data, fast=True) == articles(data, fast=False):
            counts["read fast, same articles"] += 1
        else:
            counts["read fast, DIFFERENT articles"] += 1
            print(f"differs: {path.relative_to(root)}")
    for what, n in sorted(counts.items()):
        print(f"{n:5d}  {what}")


if __name__ == "__main__":
    main()
