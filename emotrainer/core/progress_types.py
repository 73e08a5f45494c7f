"""The progress metrics' data: what the store hands over, and what a page draws. Pure.

See ``core.progress`` for how one becomes the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Span(StrEnum):
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    ALL = "all"


SPAN_LABELS = {Span.WEEK: "Week", Span.MONTH: "Month", Span.YEAR: "Year", Span.ALL: "All"}
SPAN_DAYS = {Span.WEEK: 7, Span.MONTH: 30, Span.YEAR: 365}


# -- what the store hands over ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgressRows:
    """Every entry once, with its labels, body marks and inventory ratings by entry id."""

    entries: tuple[tuple[int, date, int | None], ...]  # (id, local day, presence)
    labels: tuple[tuple[int, str], ...]  # (entry id, word id)
    # per entry with body marks: (entry id, marks, marks saying numb or nothing,
    # the places marked with anything other than "nothing", space-separated or None)
    marks: tuple[tuple[int, int, int, str | None], ...]
    ratings: tuple[tuple[int, str, int], ...]  # (entry id, negative inventory item, 0–4)

    @classmethod
    def empty(cls) -> ProgressRows:
        return cls((), (), (), ())


# -- what the page draws --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    # the day, or the first day of the week or window it stands for; on a
    # cumulative chart (vocabulary), the last day: the total reached by then
    day: date
    value: float


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str  # for the legend: "All words", "Specific words", …
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    key: str  # "vocabulary", "specificity", "range", "differentiation", "presence", "body"
    title: str
    unit: str  # what the values are: "words", "%", "0–10", "per check-in", "index"
    series: tuple[Series, ...]
    summary: str  # one plain sentence about the span
    empty: str | None = None  # an encouraging note when there is too little to draw
    step_days: int = 1  # 1: a point per day; 7: per week; 28: per window


@dataclass(frozen=True, slots=True)
class Progress:
    span: Span
    first_day: date
    last_day: date
    charts: tuple[Chart, ...]
    heat: Mapping[str, float]  # region id → times noticed in the span (the body heat map)
    figures: Mapping[str, float | int | None]  # headline numbers (see ``figures``)

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())
