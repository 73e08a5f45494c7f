"""The progress rows folded into per-day totals, once, so that any span is cheap. Pure.

Every chart of every span is then a walk over the span's days (at most a few
thousand), never over the tens of thousands of labels and marks again.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date, timedelta

from emotrainer.core.body import REGION_IDS
from emotrainer.core.inventory import NEGATIVE_IDS
from emotrainer.core.progress_types import ProgressRows
from emotrainer.core.vocabulary import Level, Vocabulary


@dataclass(slots=True)
class Day:
    """One local day's totals."""

    entries: int = 0
    presence_sum: int = 0
    presence_n: int = 0
    labels_known: int = 0  # labels of words in the vocabulary
    labels_specific: int = 0
    words: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    body_entries: int = 0  # entries with at least one body mark
    regions_noticed: int = 0  # summed over those entries: distinct places with a sensation
    marks: int = 0
    marks_absent: int = 0  # marks saying numb or nothing

    def add(self, other: Day) -> None:
        """Add another day's (or week's) totals to these."""
        self.entries += other.entries
        self.presence_sum += other.presence_sum
        self.presence_n += other.presence_n
        self.labels_known += other.labels_known
        self.labels_specific += other.labels_specific
        self.words |= other.words
        self.families |= other.families
        self.body_entries += other.body_entries
        self.regions_noticed += other.regions_noticed
        self.marks += other.marks
        self.marks_absent += other.marks_absent


@dataclass(frozen=True, slots=True)
class DayIndex:
    days: dict[date, Day]
    weeks: dict[date, Day]  # Monday → the totals of that Monday-to-Sunday week
    first_use: dict[str, date]  # word id → the first day it was named
    levels: dict[str, Level | None]  # for every named word; None: no longer in the vocabulary
    inventories: tuple[tuple[date, tuple[int, ...]], ...]  # by day: the negative items' ratings
    family_count: int
    noticed: dict[str, list[date]]  # place → the days of the entries that noticed it, sorted

    def heat(self, first: date, last: date) -> dict[str, float]:
        """Per place, the entries from ``first`` to ``last`` that noticed it."""
        heat = {}
        for region, days in self.noticed.items():
            count = bisect.bisect_right(days, last) - bisect.bisect_left(days, first)
            if count:
                heat[region] = float(count)
        return heat

    @property
    def first_day(self) -> date | None:
        return min(self.days, default=None)


def build_index(rows: ProgressRows, vocabulary: Vocabulary) -> DayIndex:
    days: dict[date, Day] = {}
    day_of: dict[int, Day] = {}
    date_of: dict[int, date] = {}
    for entry_id, day, presence in rows.entries:
        cell = days.get(day)
        if cell is None:
            cell = days[day] = Day()
        cell.entries += 1
        if presence is not None:
            cell.presence_sum += presence
            cell.presence_n += 1
        day_of[entry_id] = cell
        date_of[entry_id] = day

    # id → (is specific, family), or None for a word no longer in the vocabulary
    word_facts: dict[str, tuple[bool, str] | None] = {}
    first_use: dict[str, date] = {}
    for entry_id, word_id in rows.labels:
        cell = day_of.get(entry_id)
        if cell is None:
            continue
        if word_id in word_facts:
            facts = word_facts[word_id]
        else:
            word = vocabulary.find(word_id)
            facts = None if word is None else (word.level is Level.SPECIFIC, word.family)
            word_facts[word_id] = facts
        cell.words.add(word_id)
        if facts is not None:
            cell.labels_known += 1
            cell.labels_specific += facts[0]
            cell.families.add(facts[1])
        day = date_of[entry_id]
        first = first_use.get(word_id)
        if first is None or day < first:
            first_use[word_id] = day

    noticed_on: dict[str, list[date]] = {region: [] for region in REGION_IDS}
    for entry_id, marks, absent, places in rows.marks:
        cell = day_of.get(entry_id)
        if cell is None:
            continue
        cell.body_entries += 1
        cell.marks += marks
        cell.marks_absent += absent or 0
        if places:
            noticed = set(places.split()) & REGION_IDS
            cell.regions_noticed += len(noticed)
            day = date_of[entry_id]
            for region in noticed:
                noticed_on[region].append(day)
    for days_noticed in noticed_on.values():
        days_noticed.sort()

    ratings: dict[int, dict[str, int]] = {}
    for entry_id, item, rating in rows.ratings:
        if entry_id in date_of and item in NEGATIVE_IDS:
            ratings.setdefault(entry_id, {})[item] = rating
    inventories = tuple(
        sorted(
            (date_of[entry_id], tuple(given[i] for i in NEGATIVE_IDS))
            for entry_id, given in ratings.items()
            if len(given) == len(NEGATIVE_IDS)
        )
    )
    levels = {
        w: (word.level if (word := vocabulary.find(w)) is not None else None) for w in first_use
    }
    seen = {region: on for region, on in noticed_on.items() if on}
    return DayIndex(
        days, _weeks(days), first_use, levels, inventories, len(vocabulary.families), seen
    )


def _weeks(days: dict[date, Day]) -> dict[date, Day]:
    weeks: dict[date, Day] = {}
    for day, cell in days.items():
        monday = day - timedelta(days=day.weekday())
        week = weeks.get(monday)
        if week is None:
            week = weeks[monday] = Day()
        week.add(cell)
    return weeks
