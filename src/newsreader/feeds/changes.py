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

from newsreader.core.model import Article
from newsreader.feeds.model import Change

_WORDS = re.compile(r"\w+")

SUMMARY_MAX_WORDS = 120  # an item shorter than this is a teaser: fetch its page
_TEASER_ENDINGS = ("…", "...", "[…]", "[...]", "read more", "continue reading", "read the full")


def words_hash(title: str, body: str) -> str:
    """A hash of the words of title and body, in order, ignoring punctuation and spacing."""
    text = unicodedata.normalize("NFKC", f"{title}\n{body}")
    words = _WORDS.findall(text)
    return hashlib.sha256("\x1f".join(words).encode("utf-8")).hexdigest()


def item_key(article: Article) -> str | None:
    """The item's identity within its feed: guid, else link, else None (cannot be tracked)."""
    return article.input_id or article.url or None


def classify(old_content_hash: str | None, old_words_hash: str | None, article: Article) -> Change:
    """How ``article`` relates to the stored state of the same item."""
    if old_content_hash is None:
        return "new"
    if article.content_hash == old_content_hash:
        return "unchanged"
    if words_hash(article.title, article.body) == old_words_hash:
        return "trivial"
    return "updated"


def is_teaser(article: Article) -> bool:
    """True when the item carries only a summary: short, or cut off with a "read more"."""
    if not article.url or not article.url.lower().startswith(("http://", "https://")):
        return False
    body = article.body.strip()
    if len(body.split()) < SUMMARY_MAX_WORDS:
        return True
    tail = body[-40:].lower().rstrip(" .»›>")
    return tail.endswith(_TEASER_ENDINGS) or body.endswith(("…", "..."))
