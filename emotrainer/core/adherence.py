"""How much of a homework plan was done: per task, per period and overall.

Pure and Qt-free. The rules (docs/homework-format.md, "Adherence"):

- An exercise counts on its *local* day: the date its own stamp's offset gives
  (``Stamp.local()``), so one done at 23:30 in New York counts on that New York
  day, and a daylight-saving change never moves one to another day, drops it
  or counts it twice.
- A per-day task has one period per plan day. A per-week task has one period
  per calendar week, Monday to Sunday, clipped to the plan's start and end. A
  clipped week asks for its share of the week — ``times × days / 7`` rounded
  to the nearest whole number — but never less than 1, so the
  exercises done in it always count, and never more than ``times``.
- Only plan days up to ``today`` count; a period that starts after today is
  not expected yet. The period that holds today counts in full.
- In each period a task counts at most what the period asks: extra exercises
  do not raise adherence. Exercises are matched in time order to the tasks of
  their kind, first task first: an exercise fills the first task's period
  while it has room, then the next task's, and is left over after the last.
- ``overall`` is the sum of what counted over the sum of what was asked, over
  all tasks; None before the plan starts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from emotrainer.core.clock import Stamp, format_utc
from emotrainer.core.homework import Frequency, Plan, Task


@dataclass(frozen=True, slots=True)
class Done:
    """A finished exercise (its entry kind and stamp) or a word-trainer session ("trainer")."""

    kind: str
    at: Stamp


@dataclass(frozen=True, slots=True)
class PeriodProgress:
    first_day: date
    last_day: date  # inclusive; a week's Sunday or the plan's end
    expected: int  # what the period asks
    done: int  # what counted: at most ``expected``


@dataclass(frozen=True, slots=True)
class TaskProgress:
    task_index: int
    expected: int  # the periods' asks together, up to today
    done: int  # what counted, at most each period's ask
    periods: tuple[PeriodProgress, ...]  # up to the one that holds today
    share: float  # done / expected; 0.0 while nothing is expected yet


@dataclass(frozen=True, slots=True)
class Adherence:
    tasks: tuple[TaskProgress, ...]
    overall: float | None  # None before the plan starts


class Due(NamedTuple):
    """A task in its current period, for Today: "1 of 2 check-ins today"."""

    task_index: int
    done: int  # what counted so far in the current period (at most ``expected``)
    expected: int  # the period's ask: ``times``, or a clipped week's share


_MAX_OFFSET = timedelta(hours=18)  # the widest UTC offset a stamp may have (±1080 minutes)


class _Period(NamedTuple):
    first_day: date
    last_day: date
    expected: int


def week_share(times: int, days: int) -> int:
    """What a week of ``days`` plan days (1–7) asks of a ``times``-per-week task."""
    if days >= 7:
        return times
    # The nearest whole number: times × days / 7 is never exactly a half (7 is odd).
    return min(times, max(1, (2 * times * days + 7) // 14))


def _periods(task: Task, plan: Plan, last: date) -> list[_Period]:
    """The task's periods from the plan's start to the one holding ``last``."""
    periods: list[_Period] = []
    first = plan.start
    while first <= last:
        if task.frequency is Frequency.PER_DAY:
            periods.append(_Period(first, first, task.times))
            first += timedelta(days=1)
            continue
        # Plan dates end in 2999 (homework.LAST_DATE), so a week's Sunday always exists.
        sunday = first + timedelta(days=6 - first.weekday())
        week_end = min(sunday, plan.end)
        periods.append(
            _Period(first, week_end, week_share(task.times, (week_end - first).days + 1))
        )
        first = week_end + timedelta(days=1)
    return periods


def _period_index(task: Task, plan: Plan, day: date) -> int:
    offset = (day - plan.start).days
    if task.frequency is Frequency.PER_DAY:
        return offset
    return (offset + plan.start.weekday()) // 7


def _counted(
    plan: Plan, done: Iterable[Done], today: date
) -> list[tuple[list[_Period], list[int]]]:
    """Each task's periods up to today and what counted in each."""
    last = min(plan.end, today)
    table = [
        (periods, [0] * len(periods)) for periods in (_periods(t, plan, last) for t in plan.tasks)
    ]
    by_kind: dict[str, list[int]] = {}
    for index, task in enumerate(plan.tasks):
        by_kind.setdefault(task.kind.value, []).append(index)
    if last < plan.start:
        return table
    # Any offset is within 18 hours of UTC: a cheap text comparison skips the years
    # of history around a plan before any time is parsed.
    low = format_utc(datetime.combine(plan.start, time(), UTC) - _MAX_OFFSET)
    high = format_utc(datetime.combine(last + timedelta(days=1), time(), UTC) + _MAX_OFFSET)
    relevant = [d for d in done if low <= d.at.utc <= high and str(d.kind) in by_kind]
    # In time order (canonical UTC text sorts so), the same for any order given.
    for item in sorted(relevant, key=lambda d: (d.at.utc, d.at.offset_min, str(d.kind))):
        indices = by_kind[str(item.kind)]
        day = item.at.local_date()
        if not plan.start <= day <= last:
            continue
        for index in indices:
            periods, counts = table[index]
            p = _period_index(plan.tasks[index], plan, day)
            if counts[p] < periods[p].expected:
                counts[p] += 1
                break
    return table


def adherence(plan: Plan, done: Iterable[Done], today: date) -> Adherence:
    """Adherence per task and overall on ``today`` (a local date)."""
    tasks = []
    for index, (periods, counts) in enumerate(_counted(plan, done, today)):
        expected = sum(p.expected for p in periods)
        total = sum(counts)
        tasks.append(
            TaskProgress(
                task_index=index,
                expected=expected,
                done=total,
                periods=tuple(
                    PeriodProgress(p.first_day, p.last_day, p.expected, n)
                    for p, n in zip(periods, counts, strict=True)
                ),
                share=total / expected if expected else 0.0,
            )
        )
    asked = sum(t.expected for t in tasks)
    overall = sum(t.done for t in tasks) / asked if asked else None
    return Adherence(tuple(tasks), overall)


def due_today(plan: Plan, done: Iterable[Done], today: date) -> list[Due]:
    """Every task's current period on ``today``: done so far and asked; [] outside the plan."""
    if not plan.start <= today <= plan.end:
        return []
    return [
        Due(index, counts[-1], periods[-1].expected)
        for index, (periods, counts) in enumerate(_counted(plan, done, today))
    ]


__all__ = [
    "Adherence",
    "Done",
    "Due",
    "PeriodProgress",
    "TaskProgress",
    "adherence",
    "due_today",
    "week_share",
]
