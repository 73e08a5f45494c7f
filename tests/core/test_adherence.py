"""Adherence to a homework plan, by hand-computed examples: local days, weeks, DST, travel."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from helpers import at
from hypothesis import given, settings
from hypothesis import strategies as st

from emotrainer.core.adherence import (
    Adherence,
    Done,
    Due,
    PeriodProgress,
    adherence,
    due_today,
    week_share,
)
from emotrainer.core.clock import Stamp, format_utc
from emotrainer.core.homework import Frequency, Plan, Task, TaskKind
from emotrainer.core.models import EntryKind

MON, SUN = date(2026, 3, 2), date(2026, 3, 8)  # a whole week, Monday to Sunday


def _plan(start: date, end: date, *tasks: Task) -> Plan:
    return Plan("00000000-0000-4000-8000-000000000001", "Plan", None, None, start, end, tasks)


def _daily(times: int, kind: TaskKind = TaskKind.CHECKIN) -> Task:
    return Task(kind, times, Frequency.PER_DAY)


def _weekly(times: int, kind: TaskKind = TaskKind.BODY_SCAN) -> Task:
    return Task(kind, times, Frequency.PER_WEEK)


def _done(kind: str, day: date, hour: int = 12, minute: int = 0, *, offset: int = 60) -> Done:
    return Done(kind, at(day.year, day.month, day.day, hour, minute, offset=offset))


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


# -- the examples ---------------------------------------------------------------------


def test_two_checkins_a_day_for_a_week_with_one_missed() -> None:
    plan = _plan(MON, SUN, _daily(2))
    done = [_done("checkin", d, h) for d in _days(MON, SUN) for h in (9, 21)]
    thursday_evening = _done("checkin", date(2026, 3, 5), 21)
    done.remove(thursday_evening)

    result = adherence(plan, done, SUN)

    (task,) = result.tasks
    assert (task.task_index, task.expected, task.done) == (0, 14, 13)
    assert task.share == pytest.approx(13 / 14)
    assert result.overall == pytest.approx(13 / 14)
    assert len(task.periods) == 7
    assert task.periods[3] == PeriodProgress(date(2026, 3, 5), date(2026, 3, 5), 2, 1)
    assert all(p.done == 2 for i, p in enumerate(task.periods) if i != 3)


def test_per_week_task_with_partial_first_and_last_weeks() -> None:
    # Wednesday 4 March to Tuesday 17 March, 3 body scans a week.
    plan = _plan(date(2026, 3, 4), date(2026, 3, 17), _weekly(3))
    done = [
        _done("body_scan", date(2026, 3, 4)),
        _done("body_scan", date(2026, 3, 6)),
        _done("body_scan", date(2026, 3, 8)),  # a third in a week that asks 2: not counted
        _done("body_scan", date(2026, 3, 10)),
        _done("body_scan", date(2026, 3, 15)),
        _done("body_scan", date(2026, 3, 17)),
    ]
    result = adherence(plan, done, date(2026, 3, 20))
    (task,) = result.tasks
    assert task.periods == (
        PeriodProgress(date(2026, 3, 4), date(2026, 3, 8), 2, 2),  # 5 days: 3 × 5/7 ≈ 2.1 → 2
        PeriodProgress(date(2026, 3, 9), date(2026, 3, 15), 3, 2),
        PeriodProgress(date(2026, 3, 16), date(2026, 3, 17), 1, 1),  # 2 days: 0.86 → 1
    )
    assert (task.expected, task.done) == (6, 5)
    assert result.overall == pytest.approx(5 / 6)


@pytest.mark.parametrize(
    ("times", "days", "asked"),
    [
        (3, 7, 3),
        (3, 1, 1),  # 0.43, but never less than 1
        (3, 3, 1),  # 1.29
        (3, 4, 2),  # 1.71
        (3, 5, 2),  # 2.14
        (3, 6, 3),  # 2.57
        (1, 1, 1),
        (1, 3, 1),
        (7, 3, 3),
        (20, 6, 17),  # 17.14
        (2, 4, 1),  # 1.14
    ],
)
def test_week_share(times: int, days: int, asked: int) -> None:
    assert week_share(times, days) == asked


def test_the_current_week_is_expected_in_full_and_later_weeks_not_at_all() -> None:
    plan = _plan(MON, MON + timedelta(27), _weekly(2))
    result = adherence(plan, [_done("body_scan", MON + timedelta(8))], MON + timedelta(9))
    (task,) = result.tasks
    assert [(p.first_day, p.expected, p.done) for p in task.periods] == [
        (MON, 2, 0),
        (MON + timedelta(7), 2, 1),
    ]
    assert result.overall == pytest.approx(1 / 4)


def test_extra_exercises_do_not_inflate_adherence() -> None:
    plan = _plan(MON, MON + timedelta(2), _daily(1))
    done = [_done("checkin", MON, h) for h in range(8, 13)]  # five on the first day
    result = adherence(plan, done, MON + timedelta(2))
    assert (result.tasks[0].expected, result.tasks[0].done) == (3, 1)
    assert result.overall == pytest.approx(1 / 3)
    assert [p.done for p in result.tasks[0].periods] == [1, 0, 0]


def test_spring_forward_in_london() -> None:
    """29 March 2026: at 01:00 GMT London's clocks jump to 02:00 BST (offset 0 → +60)."""
    plan = _plan(date(2026, 3, 28), date(2026, 3, 30), _daily(2))
    done = [
        _done("checkin", date(2026, 3, 28), 23, 30, offset=0),  # 23:30Z on the 28th
        _done("checkin", date(2026, 3, 29), 0, 30, offset=0),  # 00:30Z on the 29th
        _done("checkin", date(2026, 3, 29), 3, 30, offset=60),  # 02:30Z on the 29th
        _done("checkin", date(2026, 3, 30), 0, 30, offset=60),  # 23:30Z on the 29th!
    ]
    assert done[3].at.utc == "2026-03-29T23:30:00.000Z"
    result = adherence(plan, done, date(2026, 3, 30))
    assert [p.done for p in result.tasks[0].periods] == [1, 2, 1]
    assert result.overall == pytest.approx(4 / 6)


def test_fall_back_in_berlin() -> None:
    """25 October 2026: at 03:00 CEST Berlin's clocks go back to 02:00 CET (+120 → +60)."""
    plan = _plan(date(2026, 10, 24), date(2026, 10, 26), _daily(4))
    done = [
        _done("checkin", date(2026, 10, 25), 0, 30, offset=120),  # 22:30Z on the 24th!
        _done("checkin", date(2026, 10, 25), 2, 30, offset=120),  # 00:30Z: the first 02:30
        _done("checkin", date(2026, 10, 25), 2, 30, offset=60),  # 01:30Z: the second 02:30
        _done("checkin", date(2026, 10, 25), 3, 30, offset=60),  # 02:30Z
        _done("checkin", date(2026, 10, 25), 23, 30, offset=60),  # 22:30Z on the 25th
    ]
    assert done[0].at.utc == "2026-10-24T22:30:00.000Z"
    result = adherence(plan, done, date(2026, 10, 26))
    # The repeated hour is two moments, both counted; none moves to the 24th or 26th.
    assert [p.done for p in result.tasks[0].periods] == [0, 4, 0]


@pytest.mark.parametrize(
    ("zone", "day"),
    [("Europe/London", date(2026, 3, 29)), ("Europe/Berlin", date(2026, 10, 25))],
)
def test_stamps_taken_by_the_clock_on_a_change_day(zone: str, day: date) -> None:
    """The same, with stamps made as the app makes them: from the zone's own wall clock."""
    tz = ZoneInfo(zone)
    moments = [datetime(day.year, day.month, day.day, h, 30, tzinfo=tz) for h in (0, 3, 23)]
    stamps = [Stamp.of(m) for m in moments]
    assert stamps[0].offset_min != stamps[1].offset_min  # the change happened in between
    plan = _plan(day - timedelta(1), day + timedelta(1), _daily(3))
    result = adherence(plan, [Done("checkin", s) for s in stamps], day + timedelta(1))
    assert [p.done for p in result.tasks[0].periods] == [0, 3, 0]


def test_exercises_done_in_other_time_zones_count_on_their_own_local_day() -> None:
    plan = _plan(date(2026, 3, 3), date(2026, 3, 5), _daily(1))
    done = [
        _done("checkin", date(2026, 3, 3), 23, 30, offset=-300),  # New York: 04:30Z on the 4th
        _done("checkin", date(2026, 3, 4), 12, 0, offset=60),  # at home
        _done("checkin", date(2026, 3, 5), 0, 30, offset=540),  # Tokyo: 15:30Z on the 4th
    ]
    assert [d.at.utc[:10] for d in done] == ["2026-03-04"] * 3
    result = adherence(plan, done, date(2026, 3, 5))
    assert [p.done for p in result.tasks[0].periods] == [1, 1, 1]
    assert result.overall == 1.0


def test_the_widest_offsets_at_the_plan_edges_still_count() -> None:
    plan = _plan(MON, MON + timedelta(1), _daily(1))
    done = [
        _done("checkin", MON, 0, 0, offset=1080),  # 06:00Z the day before the plan
        _done("checkin", MON + timedelta(1), 23, 59, offset=-1080),  # 17:59Z the day after
        _done("checkin", MON - timedelta(1), 23, 59, offset=1080),  # the day before: not
        _done("checkin", MON + timedelta(2), 0, 0, offset=-1080),  # the day after: not
    ]
    result = adherence(plan, done, MON + timedelta(5))
    assert [p.done for p in result.tasks[0].periods] == [1, 1]


def test_nothing_done() -> None:
    plan = _plan(MON, SUN, _daily(2), _weekly(1))
    result = adherence(plan, [], date(2026, 3, 4))
    assert [(t.expected, t.done, t.share) for t in result.tasks] == [(6, 0, 0.0), (1, 0, 0.0)]
    assert result.overall == 0.0


def test_before_the_plan_starts() -> None:
    plan = _plan(MON, SUN, _daily(2), _weekly(1))
    early = [_done("checkin", MON - timedelta(1))]
    result = adherence(plan, early, MON - timedelta(1))
    assert result.overall is None
    assert [(t.expected, t.done, t.periods, t.share) for t in result.tasks] == [
        (0, 0, (), 0.0),
        (0, 0, (), 0.0),
    ]
    assert due_today(plan, early, MON - timedelta(1)) == []


def test_after_the_end_only_the_plan_days_count() -> None:
    plan = _plan(MON, MON + timedelta(1), _daily(1))
    done = [
        _done("checkin", MON - timedelta(1)),
        _done("checkin", MON),
        _done("checkin", MON + timedelta(2)),
        _done("checkin", MON + timedelta(30)),
    ]
    later = adherence(plan, done, MON + timedelta(60))
    assert later == adherence(plan, done, MON + timedelta(1))
    assert (later.tasks[0].expected, later.tasks[0].done) == (2, 1)
    assert later.overall == pytest.approx(0.5)
    assert due_today(plan, done, MON + timedelta(2)) == []


def test_exercises_after_today_are_not_counted_yet() -> None:
    plan = _plan(MON, SUN, _daily(1))
    done = [_done("checkin", MON), _done("checkin", MON + timedelta(1))]
    result = adherence(plan, done, MON)
    assert (result.tasks[0].expected, result.tasks[0].done) == (1, 1)


def test_only_matching_kinds_count_and_trainer_sessions_count_for_trainer_tasks() -> None:
    plan = _plan(MON, SUN, _daily(1), _weekly(2, TaskKind.TRAINER))
    done = [
        _done("grounding", MON),
        _done("body_scan", MON),
        _done(EntryKind.CHECKIN, MON),  # an entry kind works as well as its text
        _done("trainer", MON + timedelta(2)),
    ]
    result = adherence(plan, done, SUN)
    assert [(t.expected, t.done) for t in result.tasks] == [(7, 1), (2, 1)]
    assert result.overall == pytest.approx(2 / 9)


def test_two_tasks_of_one_kind_fill_the_first_task_first() -> None:
    plan = _plan(MON, SUN, _daily(1), _weekly(3, TaskKind.CHECKIN))
    done = [
        _done("checkin", MON, 9),  # the first task's Monday
        _done("checkin", MON, 10),  # the first task is full today: the weekly task's 1st
        _done("checkin", MON + timedelta(1), 9),  # Tuesday
        _done("checkin", MON + timedelta(2), 8),  # Wednesday
        _done("checkin", MON + timedelta(2), 9),  # weekly 2nd
        _done("checkin", MON + timedelta(2), 10),  # weekly 3rd
        _done("checkin", MON + timedelta(2), 11),  # left over: not counted
    ]
    result = adherence(plan, done, SUN)
    assert [p.done for p in result.tasks[0].periods] == [1, 1, 1, 0, 0, 0, 0]
    assert [(t.expected, t.done) for t in result.tasks] == [(7, 3), (3, 3)]
    assert result.overall == pytest.approx(6 / 10)
    shuffled = done[:]
    random.Random(4).shuffle(shuffled)
    assert adherence(plan, shuffled, SUN) == result


def test_the_documented_example() -> None:
    """docs/homework-format.md: the example plan on Sunday 8 March 2026."""
    from emotrainer.content import shipped_vocabulary
    from emotrainer.core.homework import read_plan_file
    from emotrainer.resources import asset

    families = [f.id for f in shipped_vocabulary().families]
    plan = read_plan_file(asset("homework", "example.emohw"), families)
    days = _days(date(2026, 3, 4), date(2026, 3, 8))
    done = [_done("checkin", d, h) for d in days for h in (9, 21)][:-1]
    done += [_done("body_scan", days[0]), _done("body_scan", days[3])]
    result = adherence(plan, done, days[-1])
    assert [(t.done, t.expected) for t in result.tasks] == [(9, 10), (2, 2), (0, 1)]
    assert result.overall == pytest.approx(11 / 13)


# -- Today ----------------------------------------------------------------------------


def test_due_today() -> None:
    plan = _plan(date(2026, 3, 4), date(2026, 3, 17), _daily(2), _weekly(3))
    done = [
        _done("checkin", date(2026, 3, 5), 8),
        _done("checkin", date(2026, 3, 6), 8),
        _done("body_scan", date(2026, 3, 4)),
        _done("body_scan", date(2026, 3, 5)),
        _done("body_scan", date(2026, 3, 6)),
    ]
    # Friday 6 March: one check-in today; the clipped first week asks 2 scans, both done.
    assert due_today(plan, done, date(2026, 3, 6)) == [Due(0, 1, 2), Due(1, 2, 2)]
    # Monday 9 March: a new day and a new, whole week.
    assert due_today(plan, done, date(2026, 3, 9)) == [(0, 0, 2), (1, 0, 3)]
    assert due_today(plan, done, date(2026, 3, 17)) == [(0, 0, 2), (1, 0, 1)]


# -- properties -----------------------------------------------------------------------

_PLAN = _plan(
    date(2026, 3, 4),
    date(2026, 4, 20),
    _daily(2),
    _weekly(3),
    _weekly(2, TaskKind.CHECKIN),
    _daily(1, TaskKind.TRAINER),
)
_EPOCH = datetime(2026, 3, 1, tzinfo=UTC)
_stamps = st.builds(
    lambda minutes, offset: Stamp(format_utc(_EPOCH + timedelta(minutes=minutes)), offset),
    st.integers(0, 60 * 24 * 60),
    st.sampled_from([0, -300, 60, 120, 540, -720, 840]),
)
_dones = st.lists(
    st.builds(Done, st.sampled_from(["checkin", "body_scan", "trainer", "grounding"]), _stamps),
    max_size=80,
)


@settings(max_examples=150, deadline=None, database=None)
@given(_dones, st.dates(date(2026, 2, 20), date(2026, 5, 10)), st.randoms())
def test_figures_are_consistent_and_do_not_depend_on_order(
    done: list[Done], today: date, rnd: random.Random
) -> None:
    result = adherence(_PLAN, done, today)
    assert isinstance(result, Adherence)
    for task in result.tasks:
        assert task.expected == sum(p.expected for p in task.periods)
        assert task.done == sum(p.done for p in task.periods)
        assert all(0 <= p.done <= p.expected for p in task.periods)
        assert all(p.last_day >= p.first_day for p in task.periods)
    if result.overall is not None:
        assert 0.0 <= result.overall <= 1.0
    shuffled = done[:]
    rnd.shuffle(shuffled)
    assert adherence(_PLAN, shuffled, today) == result
