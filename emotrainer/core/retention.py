"""Which automatic backups to keep: recent, daily, weekly and monthly copies.

A pure function over backup times so the policy is tested without files.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

KEEP_RECENT = 6
KEEP_DAYS = 7
KEEP_WEEKS = 5
KEEP_MONTHS = 12
MIN_INTERVAL = timedelta(minutes=30)


def backups_to_keep(times: Iterable[datetime], now: datetime) -> set[datetime]:
    """The newest few, then the newest of each recent day, week and month."""
    ordered = sorted(set(times), reverse=True)
    keep = set(ordered[:KEEP_RECENT])
    buckets = (
        (timedelta(days=KEEP_DAYS), lambda t: t.date()),
        (timedelta(weeks=KEEP_WEEKS), lambda t: t.isocalendar()[:2]),
        (timedelta(days=365 * KEEP_MONTHS // 12), lambda t: (t.year, t.month)),
    )
    for horizon, bucket_of in buckets:
        seen: set[object] = set()
        for moment in ordered:  # newest first: the first in a bucket is kept
            if now - moment > horizon:
                break
            bucket = bucket_of(moment)
            if bucket not in seen:
                seen.add(bucket)
                keep.add(moment)
    return keep


def backup_due(newest: datetime | None, changed_since: bool, now: datetime) -> bool:
    """At most one backup per 30 minutes, and only when something changed."""
    if newest is None:
        return True
    return changed_since and now - newest >= MIN_INTERVAL
