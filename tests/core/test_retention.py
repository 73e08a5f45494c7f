"""The backup thinning policy, on hand-made timelines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from emotrainer.core.retention import KEEP_RECENT, backup_due, backups_to_keep

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # a Monday
H = timedelta(hours=1)
D = timedelta(days=1)


def _day(days_ago: int, hour: int) -> datetime:
    return (NOW - days_ago * D).replace(hour=hour)


def test_now_is_a_monday() -> None:
    assert NOW.isoweekday() == 1  # the expectations below rely on it


def test_keeps_exactly_the_newest_six_of_one_busy_hour() -> None:
    times = [NOW - timedelta(minutes=5 * i) for i in range(12)]
    assert backups_to_keep(times, NOW) == set(times[:KEEP_RECENT])


def test_fewer_than_six_are_all_kept() -> None:
    times = [NOW - 400 * D, NOW - 3 * D, NOW - H]
    assert backups_to_keep(times, NOW) == set(times)


def test_nothing_at_all() -> None:
    assert backups_to_keep([], NOW) == set()


def test_one_per_day_for_a_week_then_one_per_iso_week() -> None:
    # Two backups a day, at 08:00 and 11:00, for the last ten days.
    times = [_day(n, h) for n in range(10) for h in (8, 11)]
    expected = {
        *(_day(n, h) for n in range(3) for h in (8, 11)),  # the newest six
        *(_day(n, 11) for n in range(3, 7)),  # newest of each day within 7 days
        _day(8, 11),  # newest of the ISO week 2026-06-01..07
    }
    # Dropped: the 08:00 ones from day 3 on; day 7 (older than 7 days, and its
    # week's newest is day 1); day 9 (its week's newest is day 8).
    assert backups_to_keep(times, NOW) == expected


def test_one_per_month_for_a_year_and_nothing_older() -> None:
    # One backup on the 1st and the 20th of every month for three years. The
    # monthly ones reach back 365 days: 2025-06-20 (360 days) stays, 2025-06-01 goes.
    times = [
        datetime(year, month, day, 6, 0, tzinfo=UTC)
        for year in (2023, 2024, 2025, 2026)
        for month in range(1, 13)
        for day in (1, 20)
        if datetime(year, month, day, 6, 0, tzinfo=UTC) <= NOW
    ]
    kept = backups_to_keep(times, NOW)
    newest_six = set(sorted(times)[-KEEP_RECENT:])
    monthly = {
        datetime(y, m, 20, 6, 0, tzinfo=UTC)
        for y, m in [(2025, 6), (2025, 7), (2025, 8), (2025, 9), (2025, 10), (2025, 11), (2025, 12),
                     (2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5)]
    } | {datetime(2026, 6, 1, 6, 0, tzinfo=UTC)}  # fmt: skip
    weekly = {datetime(2026, 5, 20, 6, 0, tzinfo=UTC), datetime(2026, 6, 1, 6, 0, tzinfo=UTC)}
    assert kept == newest_six | monthly | weekly
    assert all(NOW - t <= timedelta(days=365) for t in kept - newest_six)


def test_a_backup_older_than_twelve_months_goes_even_alone_in_its_month() -> None:
    # 2025-06-10 is 370 days back: the only backup of its month, still too old.
    old = datetime(2025, 6, 10, 6, 0, tzinfo=UTC)
    recent = [NOW - n * H for n in range(KEEP_RECENT)]
    kept = backups_to_keep([old, *recent], NOW)
    assert old not in kept
    assert kept == set(recent)


def test_old_ones_survive_only_as_the_newest_six() -> None:
    times = [NOW - (400 + n) * D for n in range(20)]
    assert backups_to_keep(times, NOW) == set(times[:KEEP_RECENT])


def test_dense_two_years_properties() -> None:
    times = [NOW - n * 3 * H for n in range(2 * 365 * 8)]
    kept = backups_to_keep(times, NOW)
    assert set(times[:KEEP_RECENT]) <= kept
    assert len(kept) <= KEEP_RECENT + 8 + 6 + 13
    for moment in kept:
        age = NOW - moment
        same_day = [t for t in times if t.date() == moment.date()]
        same_week = [t for t in times if t.isocalendar()[:2] == moment.isocalendar()[:2]]
        same_month = [t for t in times if (t.year, t.month) == (moment.year, moment.month)]
        assert (
            moment in times[:KEEP_RECENT]
            or (age <= 7 * D and moment == max(same_day))
            or (age <= 35 * D and moment == max(same_week))
            or (age <= 365 * D and moment == max(same_month))
        ), moment
    # every day of the last week still has a backup
    assert {t.date() for t in kept if NOW - t <= 7 * D} >= {(NOW - n * D).date() for n in range(7)}


def test_duplicates_do_not_confuse_it() -> None:
    times = [NOW - H] * 3 + [NOW - 2 * H]
    assert backups_to_keep(times, NOW) == {NOW - H, NOW - 2 * H}


@pytest.mark.parametrize(
    ("newest", "changed", "due"),
    [
        (None, False, True),  # the first backup is always due
        (None, True, True),
        (NOW - timedelta(minutes=29, seconds=59), True, False),  # < 30 min: never
        (NOW - timedelta(minutes=1), True, False),
        (NOW - timedelta(minutes=30), True, True),
        (NOW - 3 * D, True, True),
        (NOW - timedelta(minutes=31), False, False),  # unchanged: never
        (NOW - 300 * D, False, False),
    ],
)
def test_backup_due(newest: datetime | None, changed: bool, due: bool) -> None:
    assert backup_due(newest, changed, NOW) is due
