"""Dates and values on the progress charts: x positions, ticks that fit, the y scale, hover text.

No Qt and no pyqtgraph here, so it is cheap to test. A chart's x value is the
POSIX time of the local midnight that starts a day (what ``pg.DateAxisItem``
expects). Ticks are whole days, Mondays, first days of months or of years,
whichever is the finest that leaves room between labels; names are spelled
out here, not by ``strftime``, so they do not change with the system locale
while the rest of the copy stays English.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAY_SECONDS = 86_400.0


@lru_cache(maxsize=8192)
def midnight(day: date) -> float:
    """POSIX seconds of the local midnight at the start of ``day``."""
    return datetime(day.year, day.month, day.day).timestamp()


def day_at(seconds: float) -> date:
    """The local day that ``seconds`` falls in (noon-rounded, so DST cannot shift it)."""
    return datetime.fromtimestamp(seconds + DAY_SECONDS / 2).date()


def short_day(day: date, *, year: bool = False) -> str:
    """ "Mon 3 Nov", or "Mon 3 Nov 2025" when the chart spans more than one year."""
    text = f"{DAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def period_text(day: date, step_days: int, *, year: bool = False) -> str:
    """What one point stands for: a day, a week or a window of ``step_days`` days."""
    if step_days <= 1:
        return short_day(day, year=year)
    if step_days == 7:
        return f"Week of {short_day(day, year=year)}"
    last = day + timedelta(days=step_days - 1)
    return f"{short_day(day, year=year)} to {short_day(last, year=year)}"


def _days(first: date, last: date, step: int) -> list[date]:
    if step == 7:  # Mondays
        start = first + timedelta(days=(7 - first.weekday()) % 7)
    elif step == 14:  # every other Monday, counted from a fixed Monday so they do not jump
        start = first + timedelta(days=(7 - first.weekday()) % 7)
        if (start.toordinal() // 7) % 2:
            start += timedelta(days=7)
    else:
        start = first
    count = (last - start).days // step + 1
    return [start + timedelta(days=step * i) for i in range(max(0, count))]


def _months(first: date, last: date, step: int) -> list[date]:
    found = []
    year, month = first.year, first.month
    if first.day != 1:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    while date(year, month, 1) <= last:
        if (month - 1) % step == 0:
            found.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _years(first: date, last: date, step: int) -> list[date]:
    start = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    return [date(y, 1, 1) for y in range(start, last.year + 1) if y % step == 0]


def _month_label(day: date) -> str:
    return str(day.year) if day.month == 1 else MONTH_NAMES[day.month - 1]


# Finest first: (days between ticks, the ticks, their label, the widest label of that kind).
_LEVELS: tuple[tuple[float, Callable[[date, date, int], list[date]], int, str], ...] = (
    (1, _days, 1, "day"),
    (2, _days, 2, "date"),
    (7, _days, 7, "date"),
    (14, _days, 14, "date"),
    (30.4, _months, 1, "month"),
    (61, _months, 2, "month"),
    (91, _months, 3, "month"),
    (182, _months, 6, "month"),
    (365, _years, 1, "year"),
    (730, _years, 2, "year"),
    (1826, _years, 5, "year"),
    (3652, _years, 10, "year"),
)
_WIDEST = {"day": "Wed 30", "date": "30 Sep", "month": "2026", "year": "2026"}


def _label(kind: str, day: date) -> str:
    if kind == "day":
        return f"{DAY_NAMES[day.weekday()]} {day.day}"
    if kind == "date":
        return f"{day.day} {MONTH_NAMES[day.month - 1]}"
    if kind == "month":
        return _month_label(day)
    return str(day.year)


def ticks(
    first: date, last: date, pixels: float, width_of: Callable[[str], float], gap: float
) -> list[tuple[date, str]]:
    """Labelled days between ``first`` and ``last`` (inclusive) that fit in ``pixels``.

    ``width_of`` measures a label in pixels; ``gap`` is the room kept between two.
    Daily labels ("Mon 3") are used only for up to two weeks; longer spans say
    the month ("3 Nov").
    """
    days = (last - first).days + 1
    per_day = pixels / max(1, days)
    for spacing, make, step, kind in _LEVELS:
        if kind == "day" and days > 14:
            continue
        widest = max(width_of(_WIDEST[kind]), width_of("Sep"))
        if spacing * per_day < widest + gap:
            continue
        found = make(first, last, step)
        if found:
            return [(day, _label(kind, day)) for day in found]
    return [(first, str(first.year))]


def format_value(value: float, unit: str) -> str:
    """A value as a person reads it: "42 words", "35 %", "6.5 of 10", "0.42"."""
    if unit == "words":
        whole = round(value)
        return f"{whole} word" if whole == 1 else f"{whole} words"
    if unit == "%":
        return f"{value:.0f} %"
    if unit == "0–10":
        return f"{value:.1f} of 10"
    if unit.startswith("index"):
        return f"{value:.2f}"
    if unit == "per check-in":
        return f"{value:.1f} per check-in"
    return f"{value:g} {unit}".strip()


def y_top(unit: str, values: Sequence[float]) -> float:
    """The top of the y axis: fixed scales stay fixed, counts get a round ceiling."""
    if unit == "%":
        return 100.0
    if unit == "0–10":
        return 10.0
    if unit.startswith("index"):
        return 1.0
    top = max(values, default=0.0)
    floor = 5.0 if unit == "words" else 1.0
    if top <= floor:
        return floor
    magnitude = 10.0 ** math.floor(math.log10(top))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * magnitude >= top * 1.04:
            return step * magnitude
    return 10 * magnitude
