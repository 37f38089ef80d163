"""Telling new items, real revisions and trivial edits apart, and spotting teaser items.

A feed item is keyed by its guid (its link when it has none). Its text is compared with what
we stored last time through two hashes: :func:`~newsreader.core.model.content_hash`, blind to
whitespace, and :func:`words_hash`, blind to punctuation as well. Same content hash: unchanged.
Same words: a *trivial* edit (a comma, a curly quote, a double space), recorded, not announced.
Anything else is a revision, stored as a new version beside the old one.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

from newsreader.core.model import Article
from newsreader.feeds.model import Change, ItemState

_NON_WORDS = re.compile(r"\W+")

SUMMARY_MAX_WORDS = 120  # an item shorter than this is a teaser: fetch its page
_TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "read the full")


def words_hash(title: str, body: str) -> str:
    """A hash of the words of title and body, in order, ignoring punctuation and spacing."""
    text = unicodedata.normalize("NFKC", f"{title}\n{body}")
    words = _NON_WORDS.sub(" ", text).strip()
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


def item_key(article: Article) -> str | None:
    """The item's identity within its feed: guid, else link, else None (cannot be tracked)."""
    return article.input_id or article.url or None


@dataclass(frozen=True, slots=True)
class Item:
    """A parsed feed item with what comparing it needs, computed once (in a worker process)."""

    key: str
    article: Article
    content_hash: str
    words_hash: str
    teaser: bool

    @classmethod
    def of(cls, article: Article) -> Item:
        content = article.content_hash
        return cls(
            key=item_key(article) or f"hash:{content}",
            article=article,
            content_hash=content,
            words_hash=words_hash(article.title, article.body),
            teaser=is_teaser(article),
        )


def classify(old: ItemState | None, item: Item) -> Change:
    """How ``item`` relates to the stored state of the same item."""
    if old is None:
        return "new"
    if item.content_hash == old.content_hash:
        return "unchanged"
    if item.words_hash == old.words_hash:
        return "trivial"
    return "updated"


def is_teaser(article: Article) -> bool:
    """True when the item carries only a summary: short, or cut off with a "read more"."""
    if not article.url or not article.url.lower().startswith(("http://", "https://")):
        return False
    body = article.body.strip()
    if len(body.split(None, SUMMARY_MAX_WORDS)) < SUMMARY_MAX_WORDS:  # stops counting early
        return True
    tail = body[-40:].lower().rstrip(" .»›>")
    return tail.endswith(_TEASER_ENDINGS) or body.endswith(("…", "..."))
