"""When to look at an item again: often while it is fresh, less and less as it ages.

Outlets edit an article most in its first hours (corrections, updated tolls, new quotes), so
an item whose text came from its page is re-checked every 15 minutes in its first hour, then
hourly, then every few hours, and not at all after three days. An item's age counts from when
it was published, or from when we first saw it if that is earlier or the date is missing.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# (age below which the interval applies, interval)
RECHECK_STEPS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=1), timedelta(minutes=15)),
    (timedelta(hours=6), timedelta(hours=1)),
    (timedelta(days=1), timedelta(hours=3)),
    (timedelta(days=3), timedelta(hours=12)),
)
MAX_RECHECKS_PER_FEED = 20  # page re-checks per feed and run, so one busy feed cannot stall a run


def item_age(first_seen: datetime, published: str | None, now: datetime) -> timedelta:
    """How old an item is: from its publication date when plausible, else from first sight."""
    born = first_seen
    when = parse_time(published)
    if when is not None and when < born:
        born = when
    return max(now - born, timedelta(0))


def next_check(first_seen: datetime, published: str | None, now: datetime) -> datetime | None:
    """When to re-check the item next, or None when it is old enough to leave alone."""
    age = item_age(first_seen, published, now)
    for limit, interval in RECHECK_STEPS:
        if age < limit:
            return now + interval
    return None


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 time as an aware UTC datetime (naive means UTC), or None."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def format_time(value: datetime | None) -> str | None:
    """The ISO 8601 form the store keeps, seconds precision, UTC."""
    if value is None:
        return None
    return value.astimezone(timezone.utc).replace(microsecond=0).isoformat()
