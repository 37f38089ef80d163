"""What the fetch run needs from storage, as a protocol, so the network side stays testable.

:class:`newsreader.store.feeds.FeedStore` implements it on the library's SQLite file.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from newsreader.feeds.model import Feed, FeedUpdate, ItemState


class FeedStorage(Protocol):
    def select_feeds(self, keys: Sequence[str] = ()) -> tuple[Feed, ...]:
        """The feeds named by id or URL (all feeds when ``keys`` is empty)."""
        ...

    def item_states(self, feed_id: int) -> dict[str, ItemState]:
        """Every tracked item of a feed, by guid."""
        ...

    def due_items(self, feed_id: int, now: datetime) -> tuple[ItemState, ...]:
        """Items whose page re-check is due, oldest check first."""
        ...

    def save_update(self, update: FeedUpdate) -> None:
        """Import the update's articles, then record item and feed state."""
        ...

    def close(self) -> None: ...
