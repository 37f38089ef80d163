"""newsreader: read the versions of a news story side by side.

The Python API::

    from newsreader import split_sentences, compare, group_stories

``split_sentences(text)`` splits news prose into sentences with character offsets,
``compare(articles)`` aligns the versions of one story into match groups, and
``group_stories(articles)`` groups many articles into stories. Imports are lazy so that the
command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Comparison",
    "Story",
    "compare",
    "group_stories",
    "read_articles",
    "split_sentences",
]

_LAZY = {
    "Article": "newsreader.core.model",
    "Comparison": "newsreader.core.model",
    "Story": "newsreader.core.model",
    "split_sentences": "newsreader.core.sentences",
    "compare": "newsreader.core.align",
    "group_stories": "newsreader.core.groups",
    "read_articles": "newsreader.ingest",
}

if TYPE_CHECKING:
    from newsreader.core.align import compare
    from newsreader.core.groups import group_stories
    from newsreader.core.model import Article, Comparison, Story
    from newsreader.core.sentences import split_sentences
    from newsreader.ingest import read_articles


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsreader' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
