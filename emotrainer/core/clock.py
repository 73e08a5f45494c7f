"""Moments in time as stored: UTC plus the local UTC offset at that moment.

Times are kept as ISO 8601 UTC text with milliseconds and a ``Z``
("2026-03-29T01:30:00.000Z") so they sort as text and SQLite's date functions
read them; the offset in minutes is kept beside them so "which local day was
this?" has the answer the user lived, even after travel or a clock change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

_FORMAT = "%Y-%m-%dT%H:%M:%S"


def format_utc(moment: datetime) -> str:
    """UTC text for an aware datetime."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a stored time needs its time zone")
    utc = moment.astimezone(UTC)
    return utc.strftime(_FORMAT) + f".{utc.microsecond // 1000:03d}Z"


def parse_utc(text: str) -> datetime:
    """Inverse of format_utc; raises ValueError on anything else."""
    if not text.endswith("Z") or len(text) != 24 or not text.isascii():
        raise ValueError(f"not a UTC time: {text!r}")
    # fromisoformat (in C, and free of strptime's regex and locale set-up)
    # accepts more spellings than ours; only the canonical text sorts correctly
    # beside the others, so anything that does not format back is refused.
    moment = datetime.fromisoformat(text)
    if format_utc(moment) != text:
        raise ValueError(f"not a UTC time: {text!r}")
    return moment


@dataclass(frozen=True, slots=True)
class Stamp:
    """A stored moment: the UTC time and the local offset the user had then."""

    utc: str
    offset_min: int

    @classmethod
    def now(cls) -> Stamp:
        return cls.of(datetime.now().astimezone())

    @classmethod
    def of(cls, moment: datetime) -> Stamp:
        offset = moment.utcoffset()
        if offset is None:
            raise ValueError("naive datetime: a stored time needs its time zone")
        return cls(format_utc(moment), int(offset.total_seconds() // 60))

    def local(self) -> datetime:
        """The moment as the user's wall clock showed it."""
        zone = timezone(timedelta(minutes=self.offset_min))
        return parse_utc(self.utc).astimezone(zone)

    def local_date(self) -> date:
        return self.local().date()
