"""A realistic, reproducible synthetic history for demos, screenshots and benchmarks.

The imagined person starts out with few, broad words and a good deal of
numbness, and over the months reaches for more specific words; presence
varies by day and week and rises slowly. Several exercise kinds, body marks
drawn from the words' body cues, context tags, feelings-inventory ratings whose
negative items slowly stop moving together, and a clock that follows a
European daylight-saving rule with a few trips abroad.

The same (days, seed, end date) always gives the same history.
"""

from __future__ import annotations

import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from emotrainer.core.body import regions_in
from emotrainer.core.clock import Stamp, format_utc
from emotrainer.core.inventory import ITEMS
from emotrainer.core.models import (
    ACTIVITY_LESS,
    ACTIVITY_MORE,
    ACTIVITY_SAME,
    BodyMark,
    Entry,
    EntryKind,
    Label,
    Tag,
    TagKind,
    WordsState,
)
from emotrainer.core.vocabulary import Level, Vocabulary, Word

SITUATIONS = (
    "work",
    "home",
    "family",
    "friends",
    "alone",
    "commute",
    "outdoors",
    "meal",
    "screen time",
    "exercise",
    "before sleep",
    "therapy",
)
PEOPLE = ("partner", "colleague", "friend", "sibling", "parent", "neighbour", "child")
BEFORE = (
    "",
    "",
    "",
    "a long meeting",
    "a phone call",
    "woke up early",
    "a walk",
    "an argument",
    "a quiet evening",
    "lunch with a friend",
    "a hard email",
)
NOTES = (
    "",
    "",
    "",
    "",
    "Noticed it more in the body than in words.",
    "Hard to tell at first, then it got clearer.",
    "A calmer day than expected.",
    "Tired, but okay.",
    "Took a pause and breathed first.",
)
KINDS_PER_DAY = (  # (kind, mean per day) — about five entries a day in all
    (EntryKind.CHECKIN, 3.4),
    (EntryKind.SESSION_BEFORE, 0.25),
    (EntryKind.INVENTORY, 0.5),
    (EntryKind.BODY_SCAN, 0.35),
    (EntryKind.GROUNDING, 0.25),
    (EntryKind.UNPACK, 0.25),
)


def generate(
    vocabulary: Vocabulary, days: int, seed: int, end: date, now: datetime | None = None
) -> Iterator[Entry]:
    """Entries in time order for the ``days`` days ending with ``end``.

    With ``now`` (an aware datetime), entries later than it are left out: the
    end day is usually today, and a history must not reach into the future.
    The random sequence is the same either way, so the entries that remain do
    not depend on ``now``.
    """
    cutoff = None if now is None else format_utc(now)
    rng = random.Random(seed)
    person = _Person(vocabulary, rng)
    start = end - timedelta(days=days - 1)
    for offset in range(days):
        day = start + timedelta(days=offset)
        progress = offset / max(days - 1, 1)
        person.learn(progress)
        moments = []
        for kind, mean in KINDS_PER_DAY:
            for _ in range(_poisson(rng, mean)):
                moments.append((_moment(rng, day), kind))
        moments.sort(key=lambda m: m[0])
        for moment, kind in moments:
            for entry in person.entries(kind, moment, progress):
                if cutoff is None or entry.at.utc <= cutoff:
                    yield entry


class _Person:
    def __init__(self, vocabulary: Vocabulary, rng: random.Random) -> None:
        self.v = vocabulary
        self.rng = rng
        self.families = vocabulary.families
        groups = vocabulary.at_level(Level.GROUP)
        self.specific = vocabulary.at_level(Level.SPECIFIC)
        detach = [f for f in self.families if f.id == "detachment"]
        # At first: the families and a handful of broad words, numbness prominent.
        self.known: list[Word] = list(self.families) + rng.sample(groups, min(4, len(groups)))
        self.unknown: list[Word] = [w for w in vocabulary if w not in self.known]
        rng.shuffle(self.unknown)
        self.detachment = detach[0] if detach else None

    def learn(self, progress: float) -> None:
        """Now and then a new word becomes part of the person's vocabulary."""
        chance = 0.35 * (1.0 - 0.6 * progress)
        if self.unknown and self.rng.random() < chance:
            wanted = Level.SPECIFIC if self.rng.random() < 0.3 + 0.6 * progress else Level.GROUP
            pick = next((w for w in self.unknown if w.level is wanted), self.unknown[0])
            self.unknown.remove(pick)
            self.known.append(pick)

    def _uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def _presence(self, moment: datetime, progress: float) -> int:
        weekly = 0.8 * math.sin(moment.toordinal() * 2 * math.pi / 7)
        value = 3.5 + 3.0 * progress + weekly + self.rng.gauss(0, 1.6)
        return max(0, min(10, round(value)))

    def _words(self, progress: float) -> tuple[Label, ...]:
        count = self.rng.choices((1, 2, 3), weights=(5, 3 + 3 * progress, 1 + 2 * progress))[0]
        specific_bias = 0.5 + 3.0 * progress
        weights = [specific_bias if w.level is Level.SPECIFIC else 1.0 for w in self.known]
        if self.detachment is not None:
            weights = [
                wt * (2.5 - 2.0 * progress) if w.family == self.detachment.id else wt
                for wt, w in zip(weights, self.known, strict=True)
            ]
        picked: list[Word] = []
        while len(picked) < count:
            word = self.rng.choices(self.known, weights=weights)[0]
            if word not in picked:
                picked.append(word)
        return tuple(Label(w.id, self.rng.randint(2, 9)) for w in picked)

    def _marks(self, labels: tuple[Label, ...], many: bool = False) -> tuple[BodyMark, ...]:
        cues = [c for lb in labels for c in self.v.get(lb.word_id).body_cues]
        marks: dict[str, BodyMark] = {}
        wanted = self.rng.randint(6, 12) if many else self.rng.randint(0, 3)
        for _ in range(wanted):
            if cues and self.rng.random() < 0.75:
                cue = self.rng.choice(cues)
                area, sensations = cue.area, (cue.sensation,)
            else:
                area = self.rng.choice(("chest", "stomach", "shoulders", "jaw", "hands", "legs"))
                sensations = (self.rng.choice(("tense", "warm", "numb", "nothing", "heavy")),)
            region = self.rng.choice(regions_in(area))
            activity = self.rng.choice((ACTIVITY_LESS, ACTIVITY_SAME, ACTIVITY_MORE))
            intensity = None if "nothing" in sensations else self.rng.randint(1, 9)
            marks.setdefault(region.id, BodyMark(region.id, sensations, activity, intensity))
        return tuple(marks.values())

    def _tags(self) -> tuple[Tag, ...]:
        situations = self.rng.sample(SITUATIONS, self.rng.randint(0, 2))
        tags = [Tag(TagKind.SITUATION, s) for s in situations]
        if self.rng.random() < 0.4:
            tags.append(Tag(TagKind.PERSON, self.rng.choice(PEOPLE)))
        return tuple(tags)

    def entries(self, kind: EntryKind, moment: datetime, progress: float) -> Iterator[Entry]:
        at = Stamp.of(moment)
        base = Entry(
            uuid=self._uuid(),
            kind=kind,
            at=at,
            updated_utc=at.utc,
            duration_s=self.rng.randint(60, 600),
        )
        if kind is EntryKind.CHECKIN:
            cant_tell = self.rng.random() < 0.18 * (1.0 - progress)
            labels = () if cant_tell else self._words(progress)
            yield replace(
                base,
                presence=self._presence(moment, progress),
                labels=labels,
                words_state=WordsState.CANT_TELL if cant_tell else WordsState.NAMED,
                marks=self._marks(labels),
                tags=self._tags(),
                before=self.rng.choice(BEFORE),
                note=self.rng.choice(NOTES),
                pauses=1 if self.rng.random() < 0.05 else 0,
            )
        elif kind is EntryKind.SESSION_BEFORE:
            before = replace(
                base,
                presence=self._presence(moment, progress),
                labels=self._words(progress),
                tags=(Tag(TagKind.SITUATION, "therapy"),),
            )
            yield before
            later = moment + timedelta(minutes=self.rng.randint(55, 80))
            after_at = Stamp.of(later)
            yield Entry(
                uuid=self._uuid(),
                kind=EntryKind.SESSION_AFTER,
                at=after_at,
                updated_utc=after_at.utc,
                presence=self._presence(later, progress + 0.1),
                labels=self._words(progress),
                pair_uuid=before.uuid,
                tags=(Tag(TagKind.SITUATION, "therapy"),),
            )
        elif kind is EntryKind.INVENTORY:
            yield replace(base, words_state=WordsState.NOT_ASKED, ratings=self._ratings(progress))
        elif kind is EntryKind.BODY_SCAN:
            yield replace(
                base,
                words_state=WordsState.NOT_ASKED,
                marks=self._marks(self._words(progress), many=True),
            )
        elif kind is EntryKind.GROUNDING:
            yield replace(base, words_state=WordsState.NOT_ASKED)
        else:  # unpack: from a broad word down to a specific one, or stop on the way
            broad = [w for w in self.known if w.level is not Level.SPECIFIC]
            start = self.rng.choice(broad)
            end = start
            while self.v.children(end.id) and self.rng.random() < 0.55 + 0.4 * progress:
                end = self.rng.choice(self.v.children(end.id))
            yield replace(base, labels=(Label(end.id, self.rng.randint(3, 8)),), before=start.label)

    def _ratings(self, progress: float) -> tuple[tuple[str, int], ...]:
        # One shared "bad" factor drives every negative item early on; later the
        # items move more on their own: emotion differentiation grows.
        shared = self.rng.gauss(0, 1)
        own_weight = 0.3 + 0.7 * progress
        result = []
        for item in ITEMS:
            if item.negative:
                raw = 1.6 + (1 - own_weight) * shared * 1.2 + own_weight * self.rng.gauss(0, 1.2)
            else:
                raw = 1.8 + 0.8 * progress + self.rng.gauss(0, 0.9)
            result.append((item.id, max(0, min(4, round(raw)))))
        return tuple(result)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def _moment(rng: random.Random, day: date) -> datetime:
    """A local time on ``day`` in the person's zone, mostly Central Europe."""
    minutes = int(rng.triangular(7 * 60, 23 * 60, 20 * 60))
    offset = _europe_offset(day)
    if day.toordinal() % 97 < 6:  # a week abroad now and then
        offset = -5 * 60
    zone = timezone(timedelta(minutes=offset))
    return datetime(
        day.year, day.month, day.day, minutes // 60, minutes % 60, rng.randint(0, 59), tzinfo=zone
    )


def _europe_offset(day: date) -> int:
    """Central European time: +60, or +120 from the last Sunday of March to the
    last Sunday of October (the switch itself at night, close enough here)."""

    def last_sunday(month: int) -> date:
        d = date(day.year, month, 31)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    return 120 if last_sunday(3) <= day < last_sunday(10) else 60
