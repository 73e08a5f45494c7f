"""Stored moments: UTC text plus the offset the user lived."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from emotrainer.core.clock import Stamp, format_utc, parse_utc


def _zone(minutes: int) -> timezone:
    return timezone(timedelta(minutes=minutes))


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999_000, tzinfo=UTC),
        datetime(2000, 1, 1, 0, 0, 0, 1_000, tzinfo=UTC),
        datetime(2026, 6, 1, 8, 15, 30, 250_000, tzinfo=_zone(-570)),
    ],
)
def test_format_parse_round_trip(moment: datetime) -> None:
    text = format_utc(moment)
    assert len(text) == 24 and text.endswith("Z")
    assert parse_utc(text) == moment
    assert format_utc(parse_utc(text)) == text


def test_format_is_utc_with_milliseconds() -> None:
    moment = datetime(2026, 3, 29, 3, 30, 0, 123_456, tzinfo=_zone(120))
    assert format_utc(moment) == "2026-03-29T01:30:00.123Z"


def test_texts_sort_like_the_moments() -> None:
    moments = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=37 * i) for i in range(50)]
    texts = [format_utc(m) for m in moments]
    assert sorted(texts) == texts


def test_naive_datetime_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        format_utc(datetime(2026, 1, 1, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        Stamp.of(datetime(2026, 1, 1, 12, 0))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2026-01-01T00:00:00.000",  # no Z
        "2026-01-01T00:00:00Z",  # no milliseconds
        "2026-01-01 00:00:00.000Z",
        "2026-01-01T00:00:00.000+00:00",
        "2026-13-01T00:00:00.000Z",
        "2026-1-01T00:00:00.0000Z",  # right length, not canonical
        "2026-01-01T0:00:00.00000Z",
        "２０２６-01-01T00:00:00.000Z",  # fullwidth digits that strptime accepts
        "2026-01-01T00:00:00.000z",
    ],
)
def test_parse_refuses_anything_but_the_canonical_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_utc(text)


def test_stamp_keeps_the_offset_and_the_wall_clock() -> None:
    stamp = Stamp.of(datetime(2026, 7, 1, 9, 45, tzinfo=_zone(120)))
    assert stamp == Stamp("2026-07-01T07:45:00.000Z", 120)
    assert stamp.local().hour == 9 and stamp.local().minute == 45
    assert stamp.local().utcoffset() == timedelta(minutes=120)


@pytest.mark.parametrize(
    ("utc", "offset", "local_day"),
    [
        ("2026-05-01T23:30:00.000Z", 120, date(2026, 5, 2)),  # late UTC, next local day
        ("2026-05-01T23:30:00.000Z", 0, date(2026, 5, 1)),
        ("2026-05-01T21:59:59.999Z", 120, date(2026, 5, 1)),
        ("2026-05-01T22:00:00.000Z", 120, date(2026, 5, 2)),
        ("2026-05-02T03:00:00.000Z", -300, date(2026, 5, 1)),  # New York evening
        ("2026-05-01T12:00:00.000Z", 840, date(2026, 5, 2)),  # Kiribati, +14 h
        ("2026-05-01T12:00:00.000Z", -720, date(2026, 5, 1)),
        ("2026-05-01T18:31:00.000Z", 330, date(2026, 5, 2)),  # India, half hours
        ("2026-05-01T18:29:00.000Z", 330, date(2026, 5, 1)),
        ("2026-12-31T23:00:00.000Z", 60, date(2027, 1, 1)),  # a new year, locally
    ],
)
def test_local_date_uses_the_entry_offset(utc: str, offset: int, local_day: date) -> None:
    assert Stamp(utc, offset).local_date() == local_day


def test_dst_like_offsets_around_a_switch() -> None:
    # Central Europe moved from +60 to +120 at 01:00 UTC on 2026-03-29: two
    # moments an hour apart in UTC show wall clocks two hours apart.
    before = Stamp.of(datetime(2026, 3, 29, 0, 30, tzinfo=UTC).astimezone(_zone(60)))
    after = Stamp.of(datetime(2026, 3, 29, 1, 30, tzinfo=UTC).astimezone(_zone(120)))
    assert (before.offset_min, after.offset_min) == (60, 120)
    assert before.local().hour == 1 and after.local().hour == 3
    assert before.utc < after.utc
    assert before.local_date() == after.local_date() == date(2026, 3, 29)


def test_negative_offsets_with_odd_minutes() -> None:
    stamp = Stamp.of(datetime(2026, 1, 1, 0, 10, tzinfo=_zone(-210)))  # Newfoundland
    assert stamp.offset_min == -210
    assert stamp.utc == "2026-01-01T03:40:00.000Z"
    assert stamp.local_date() == date(2026, 1, 1)


def test_now_is_aware_and_round_trips() -> None:
    stamp = Stamp.now()
    assert parse_utc(stamp.utc).tzinfo is UTC
    assert -1080 <= stamp.offset_min <= 1080
