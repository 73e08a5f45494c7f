"""A progress report for a chosen range of local days: what the PDF, the .emoreport and the
report window show. Pure, no Qt.

The person chooses the days and the sections; notes are in only when they tick
them in. Everything is a count or a plain sentence, the same figures and charts
as the Progress page (core.progress) but over any range, not only the fixed
spans: the charts come from ``progress_charts`` over the range's own totals,
with "all your time with emotrainer" in their sentences replaced by the range's
dates. Days are the local days the person lived (each entry's own UTC offset),
as everywhere. Nothing ranks the person, and every report says plainly that
the app is not diagnostic (SPEC §2.7). The file format is in report_format.py.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from emotrainer.core import progress_charts as charts
from emotrainer.core.adherence import Done, adherence
from emotrainer.core.homework import Frequency, Plan
from emotrainer.core.homework_today import TASK_LABELS
from emotrainer.core.models import KIND_LABELS, Entry, WordsState
from emotrainer.core.progress_index import DayIndex
from emotrainer.core.progress_types import Chart, Span
from emotrainer.core.vocabulary import Level, Vocabulary


class Section(StrEnum):
    SUMMARY = "summary"  # the headline figures
    CHARTS = "charts"  # the progress charts and the body heat map
    WORDS = "words"  # every word used in the range
    HOMEWORK = "homework"  # the plans of the range, with what was done of each task
    NOTES = "notes"  # the person's own notes: only when they tick them in


SECTION_ORDER = tuple(Section)
DEFAULT_SECTIONS = frozenset({Section.SUMMARY, Section.CHARTS, Section.WORDS, Section.HOMEWORK})

DISCLAIMER = (
    "emotrainer is a practice tool for noticing and naming feelings. It is not a diagnostic "
    "tool and not a treatment, and this report is not an assessment: it counts what was "
    "recorded in the app, nothing more. In a crisis, contact your local emergency services "
    "or a crisis line."
)

# The range's charts have a point per day up to this many days, else per week.
DAILY_UP_TO = 31

FIGURE_KEYS = (
    "words_named",  # distinct words named by the last day (since the start)
    "new_words",  # of those, named for the first time in the range
    "entries",
    "words_used",
    "families_used",
    "specific_percent",
    "presence_mean",
    "places_per_body_checkin",
    "numb_or_nothing_percent",
    "differentiation",
    "words_mastered",  # in the trainer, when the report was made
    "homework_adherence",  # done of what was asked, 0–1, over the range's plans
    "cant_tell",  # entries answered "I can't tell" — an answer, counted as one
)


@dataclass(frozen=True, slots=True)
class WordUsed:
    word_id: str
    label: str
    family_label: str  # "" for a word no longer in the vocabulary
    level: Level | None  # None: no longer in the vocabulary
    times: int  # labels in the range
    first_day: date  # the first day it was ever named
    new_in_range: bool  # first named within the range


@dataclass(frozen=True, slots=True)
class NoteLine:
    day: date
    kind: str  # the exercise, as the person reads it: "Check-in"
    words: tuple[str, ...]  # the words named with it (labels)
    note: str


class TaskCount(NamedTuple):
    label: str  # "Check-in (2 a day)"
    done: int  # what counted in the range, at most what was asked
    expected: int  # what was asked in the range, up to the last day


@dataclass(frozen=True, slots=True)
class HomeworkPart:
    title: str
    therapist: str | None
    start: date
    end: date
    tasks: tuple[TaskCount, ...]
    overall: float | None  # done / asked over the tasks; None when nothing was asked yet


@dataclass(frozen=True, slots=True)
class Report:
    first_day: date
    last_day: date
    made_utc: str
    app_version: str
    sections: frozenset[Section]
    figures: Mapping[str, float | int | None] = field(default_factory=dict)  # FIGURE_KEYS
    charts: tuple[Chart, ...] = ()
    heat: Mapping[str, float] = field(default_factory=dict)  # place id → entries noticing it
    words: tuple[WordUsed, ...] = ()
    homework: tuple[HomeworkPart, ...] = ()
    notes: tuple[NoteLine, ...] = ()  # empty unless Section.NOTES
    disclaimer: str = DISCLAIMER

    def chart(self, key: str) -> Chart:
        return next(c for c in self.charts if c.key == key)


def range_phrase(first: date, last: date) -> str:
    """ "From 3 May to 9 June 2026", "On 3 May 2026": how a sentence about the range starts."""
    if first == last:
        return f"On {first.day} {first:%B %Y}"
    start = f"{first.day} {first:%B}" if first.year == last.year else f"{first.day} {first:%B %Y}"
    return f"From {start} to {last.day} {last:%B %Y}"


def report_range(
    first: date | None, last: date | None, data_first: date | None, today: date
) -> tuple[date, date]:
    """The report's days when the person leaves an end open.

    The last day defaults to today (or the first day, when that is later); the
    first to the day of the first entry (or the last day, when there is nothing
    before it). Raises ValueError when the range ends before it starts.
    """
    if first is not None and last is not None and last < first:
        raise ValueError(f"the last day ({last}) is before the first ({first})")
    if last is None:
        last = today if first is None else max(today, first)
    if first is None:
        first = min(data_first or last, last)
    return first, last


def build_report(
    index: DayIndex,
    entries: Iterable[Entry],
    vocabulary: Vocabulary,
    plans: Sequence[Plan],
    done: Sequence[Done],
    *,
    first_day: date,
    last_day: date,
    today: date,
    made_utc: str,
    app_version: str,
    sections: Collection[Section] = DEFAULT_SECTIONS,
    mastered: int | None = None,
) -> Report:
    """The report of local days ``first_day``…``last_day``.

    ``index``: ``ProgressMetrics.index`` over the whole history (first uses are
    first *ever* uses); ``entries``: at least the range's (others are left
    out); ``plans`` and ``done``: every homework plan and what counts toward
    them (``Store.homework_done``) from the earliest plan start to the last day.
    """
    if last_day < first_day:
        raise ValueError(f"the report ends ({last_day}) before it starts ({first_day})")
    chosen = frozenset(Section(s) for s in sections)
    kept = sorted(
        (e for e in entries if first_day <= e.at.local_date() <= last_day),
        key=lambda e: (e.at.utc, e.uuid),
    )
    homework = _homework(plans, done, first_day, last_day, min(today, last_day))
    totals = _range_totals(index, first_day, last_day)
    built = _charts(index, totals)
    figures: dict[str, float | int | None] = {}
    if Section.SUMMARY in chosen:
        figures = _figures(index, totals, built, homework, kept, mastered)
    return Report(
        first_day=first_day,
        last_day=last_day,
        made_utc=made_utc,
        app_version=app_version,
        sections=chosen,
        figures=figures,
        charts=built if Section.CHARTS in chosen else (),
        heat=index.heat(first_day, last_day) if Section.CHARTS in chosen else {},
        words=_words(index, kept, vocabulary, first_day) if Section.WORDS in chosen else (),
        homework=homework if Section.HOMEWORK in chosen else (),
        notes=_notes(kept, vocabulary) if Section.NOTES in chosen else (),
    )


# -- charts and figures -------------------------------------------------------------


def _range_totals(index: DayIndex, first: date, last: date) -> charts.SpanTotals:
    """The range's totals: per day up to DAILY_UP_TO days, else per Monday-to-Sunday week.

    ``span_totals`` picks the bucket from the span; ``Span.ALL`` (weeks, nothing
    compared) fits a long range as it is. A short range takes the month's daily
    buckets and then drops the month before, so that no sentence compares the
    range with days the person did not choose.
    """
    if (last - first).days + 1 > DAILY_UP_TO:
        return charts.span_totals(index, Span.ALL, first, last)
    daily = charts.span_totals(index, Span.MONTH, first, last)
    return replace(daily, span=Span.ALL, before=None)


def _charts(index: DayIndex, t: charts.SpanTotals) -> tuple[Chart, ...]:
    during = range_phrase(t.first, t.last)
    every_day = f"In {charts.phrase(Span.ALL)}"

    def for_range(chart: Chart) -> Chart:
        if chart.summary.startswith(every_day):
            return replace(chart, summary=during + chart.summary.removeprefix(every_day))
        return chart

    vocabulary = charts.vocabulary_chart(index, t)
    if vocabulary.series:
        total = sum(1 for d in index.first_use.values() if d <= t.last)
        new = sum(1 for d in index.first_use.values() if t.first <= d <= t.last)
        vocabulary = replace(
            vocabulary,
            summary=f"By {t.last.day} {t.last:%B %Y} you had named {charts.feelings(total)}; "
            f"{new} of them for the first time in these days.",
        )
    built = (
        vocabulary,
        charts.specificity_chart(t),
        charts.range_chart(index, t),
        charts.differentiation_chart(index, t.first, t.last),
        charts.presence_chart(t),
        *charts.body_charts(t),
    )
    return tuple(for_range(c) for c in built)


def _figures(
    index: DayIndex,
    t: charts.SpanTotals,
    built: tuple[Chart, ...],
    homework: tuple[HomeworkPart, ...],
    entries: Sequence[Entry],
    mastered: int | None,
) -> dict[str, float | int | None]:
    """The Progress page's figures (docs/metrics.md) over the range, and two of the report's."""
    differentiation = next(c for c in built if c.key == "differentiation")
    asked = sum(task.expected for part in homework for task in part.tasks)
    counted = sum(task.done for part in homework for task in part.tasks)
    adherence = round(counted / asked, 3) if asked else None
    return {
        **charts.figures(index, t, differentiation, mastered, adherence),
        "cant_tell": sum(1 for e in entries if e.words_state is WordsState.CANT_TELL),
    }


# -- words, homework, notes ---------------------------------------------------------------


def _words(
    index: DayIndex, entries: Sequence[Entry], vocabulary: Vocabulary, first: date
) -> tuple[WordUsed, ...]:
    """Every word named in the range: most used first, then alphabetically."""
    times: Counter[str] = Counter()
    earliest: dict[str, date] = {}
    for entry in entries:
        day = entry.at.local_date()
        for label in entry.labels:
            times[label.word_id] += 1
            earliest[label.word_id] = min(day, earliest.get(label.word_id, day))
    words = []
    for word_id, count in times.items():
        word = vocabulary.find(word_id)
        family = vocabulary.find(word.family) if word is not None else None
        first_use = min(index.first_use.get(word_id, earliest[word_id]), earliest[word_id])
        words.append(
            WordUsed(
                word_id=word_id,
                label=one_line(word.label) if word is not None else word_id,
                family_label=one_line(family.label) if family is not None else "",
                level=word.level if word is not None else None,
                times=count,
                first_day=first_use,
                new_in_range=first_use >= first,
            )
        )
    words.sort(key=lambda w: (-w.times, w.label.casefold(), w.word_id))
    return tuple(words)


def _task_label(plan: Plan, index: int) -> str:
    task = plan.tasks[index]
    per = "a day" if task.frequency is Frequency.PER_DAY else "a week"
    return f"{TASK_LABELS[task.kind]} ({task.times} {per})"


def _homework(
    plans: Sequence[Plan], done: Sequence[Done], first: date, last: date, as_of: date
) -> tuple[HomeworkPart, ...]:
    """Each plan with days in the range: per task, what counted and what was asked there.

    Adherence is core.adherence's, counted up to ``as_of`` (the last day, or
    today if that is earlier); a task's periods that overlap the range count, so
    a week that starts before the range counts whole.
    """
    parts = []
    for plan in sorted(plans, key=lambda p: (p.start, p.title, p.uuid)):
        if plan.end < first or plan.start > last:
            continue
        result = adherence(plan, done, min(as_of, plan.end))
        tasks = []
        for progress in result.tasks:
            periods = [p for p in progress.periods if p.last_day >= first and p.first_day <= last]
            tasks.append(
                TaskCount(
                    _task_label(plan, progress.task_index),
                    sum(p.done for p in periods),
                    sum(p.expected for p in periods),
                )
            )
        asked = sum(t.expected for t in tasks)
        parts.append(
            HomeworkPart(
                title=one_line(plan.title),
                therapist=one_line(plan.therapist) if plan.therapist is not None else None,
                start=plan.start,
                end=plan.end,
                tasks=tuple(tasks),
                overall=round(sum(t.done for t in tasks) / asked, 3) if asked else None,
            )
        )
    return tuple(parts)


def _notes(entries: Sequence[Entry], vocabulary: Vocabulary) -> tuple[NoteLine, ...]:
    lines = []
    for entry in entries:
        note = plain_text(entry.note)
        if not note.strip():
            continue
        words = tuple(
            one_line(word.label) if (word := vocabulary.find(label.word_id)) else label.word_id
            for label in entry.labels
        )
        lines.append(NoteLine(entry.at.local_date(), KIND_LABELS[entry.kind], words, note))
    return tuple(lines)


# -- plain text -------------------------------------------------------------------------

LINE_BREAKS = frozenset("\n\r\t")


def plain_text(text: str) -> str:
    """Text without control characters (line breaks and tabs stay) or broken surrogates."""
    return "".join(ch for ch in text if ch in LINE_BREAKS or not _odd(ch))


def one_line(text: str) -> str:
    """Text on one line: line breaks and control characters become spaces."""
    return "".join(" " if _odd(ch) or _breaks(ch) else ch for ch in text)


def _odd(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs")


def _breaks(ch: str) -> bool:
    return ch in LINE_BREAKS or unicodedata.category(ch) in ("Zl", "Zp")
