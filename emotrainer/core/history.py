"""History: which entries a filter keeps, how they group by day, how they read.

Pure: the History page and the store's filtered query both speak
``HistoryFilter``; ``matches`` is the reference meaning of a filter (the SQL
in storage must agree with it, and the tests check that it does). The texts
here describe what the person did, plainly and kindly: "couldn't tell" and
pauses are answers and care, never shortfalls (SPEC §2.2, §2.6).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from emotrainer.core.body import sensation
from emotrainer.core.inventory import ITEMS, SCALE
from emotrainer.core.models import (
    ACTIVITY_LESS,
    ACTIVITY_MORE,
    KIND_LABELS,
    BodyMark,
    Entry,
    EntryKind,
    TagKind,
    WordsState,
)
from emotrainer.core.vocabulary import Vocabulary


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """What the History page shows; None everywhere means every entry.

    Days are local days (each entry's own UTC offset) and both ends are
    included.
    """

    word_id: str | None = None
    family_id: str | None = None
    kind: EntryKind | None = None
    first_day: date | None = None
    last_day: date | None = None

    @property
    def is_empty(self) -> bool:
        return self == HistoryFilter()


def family_word_ids(vocabulary: Vocabulary, family_id: str) -> frozenset[str]:
    """Every word in a family at any level (the family itself, its groups, the user's words)."""
    return frozenset(w.id for w in vocabulary if w.family == family_id)


def matches(entry: Entry, flt: HistoryFilter, vocabulary: Vocabulary) -> bool:
    """Whether ``flt`` keeps ``entry``; the meaning the store's query implements."""
    if flt.kind is not None and entry.kind is not flt.kind:
        return False
    day = entry.at.local_date()
    if flt.first_day is not None and day < flt.first_day:
        return False
    if flt.last_day is not None and day > flt.last_day:
        return False
    words = {label.word_id for label in entry.labels}
    if flt.word_id is not None and flt.word_id not in words:
        return False
    return flt.family_id is None or bool(words & family_word_ids(vocabulary, flt.family_id))


# -- days -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DayGroup:
    day: date
    entries: tuple[Entry, ...]

    @property
    def heading(self) -> str:
        return day_heading(self.day, len(self.entries))


def group_by_day(entries: Iterable[Entry]) -> list[DayGroup]:
    """Entries grouped by the local day each was made on.

    Days come in the order they first appear and entries keep their order
    inside a day, so newest-first entries give newest-first days. Two entries
    of one day stay together even when other offsets put something between
    them in UTC order (after travel).
    """
    days: dict[date, list[Entry]] = {}
    for entry in entries:
        days.setdefault(entry.at.local().date(), []).append(entry)
    return [DayGroup(day, tuple(items)) for day, items in days.items()]


def long_date(day: date | datetime) -> str:
    """ "Saturday 21 November 2026" (no leading zero on the day)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def day_heading(day: date, count: int) -> str:
    """ "Saturday 21 November 2026 · 3 entries"."""
    return f"{long_date(day)} · {count:,} {'entry' if count == 1 else 'entries'}"


# -- one entry in words -------------------------------------------------------


def _word_label(vocabulary: Vocabulary, word_id: str) -> str:
    word = vocabulary.find(word_id)
    return word.label if word else word_id


def source_name(entry: Entry) -> str | None:
    """Where an entry came from ("Daylio"); None for one made in the app.

    The source is text from an imported file: show it as plain text only.
    """
    if entry.source == "app":
        return None
    origin = entry.source.removeprefix("import:")
    return _SOURCE_NAMES.get(origin, origin)


_SOURCE_NAMES = {"daylio": "Daylio", "emotrainer": "another emotrainer"}


def source_text(entry: Entry) -> str | None:
    """ "Imported from Daylio" for an imported entry; None for one made in the app."""
    name = source_name(entry)
    if name is None:
        return None
    return f"Imported from {name}" if entry.source.startswith("import:") else f"From {name}"


def describe_entry(entry: Entry, vocabulary: Vocabulary) -> str:
    """One plain line for an entry: time, kind, words, presence, body places."""
    parts = [entry.at.local().strftime("%H:%M"), KIND_LABELS[entry.kind]]
    if entry.labels:
        words = []
        for label in entry.labels:
            text = _word_label(vocabulary, label.word_id)
            words.append(text if label.intensity is None else f"{text} ({label.intensity}/10)")
        parts.append(", ".join(words))
    elif entry.words_state is WordsState.CANT_TELL:
        parts.append("couldn't tell yet (that counts too)")
    if entry.presence is not None:
        parts.append(f"presence {entry.presence}/10")
    if entry.marks:
        parts.append(f"{len(entry.marks)} body " + ("place" if len(entry.marks) == 1 else "places"))
    return " · ".join(parts)


def history_line(entry: Entry, vocabulary: Vocabulary) -> str:
    """The History list's line: ``describe_entry`` and, for an import, where it came from."""
    line = describe_entry(entry, vocabulary)
    origin = source_text(entry)
    return f"{line} · {origin[0].lower()}{origin[1:]}" if origin else line


@dataclass(frozen=True, slots=True)
class DetailLine:
    key: str  # stable: "when", "kind", "words", ... (the page keeps a row per key)
    caption: str
    text: str


def _mark_text(mark: BodyMark) -> str:
    # Imported here: the body map module is large, and the one-line
    # describe_entry (Today, at start-up) never needs it.
    from emotrainer.core.bodymap import region_label

    try:
        place = region_label(mark.region)
    except KeyError:  # a region from a newer body map; show what is stored
        place = mark.region
    qualities = []
    for quality in mark.sensations:
        try:
            qualities.append(sensation(quality).label.lower())
        except KeyError:
            qualities.append(quality)
    text = f"{place}: {', '.join(qualities) or 'noticed'}"
    if mark.activity == ACTIVITY_MORE:
        text += " · more activity than usual"
    elif mark.activity == ACTIVITY_LESS:
        text += " · less activity than usual"
    if mark.intensity is not None:
        text += f" · {mark.intensity}/10"
    return text


def _words_text(entry: Entry, vocabulary: Vocabulary) -> str | None:
    if entry.labels:
        lines = []
        for label in entry.labels:
            strength = "intensity left open" if label.intensity is None else f"{label.intensity}/10"
            lines.append(f"{_word_label(vocabulary, label.word_id)} · {strength}")
        return "\n".join(lines)
    if entry.words_state is WordsState.CANT_TELL:
        return "Couldn't tell yet. That is an honest answer, and it counts."
    if entry.words_state is WordsState.SKIPPED:
        return "No words this time."
    return None


def pauses_text(pauses: int) -> str:
    if pauses == 1:
        return "You took one pause to look after yourself."
    return f"You took {pauses:,} pauses to look after yourself."


def _duration_text(seconds: int) -> str:
    if seconds < 60:
        return "Under a minute"
    minutes = round(seconds / 60)
    return "About a minute" if minutes == 1 else f"About {minutes:,} minutes"


def _tags_text(entry: Entry) -> str | None:
    situations = [t.text for t in entry.tags if t.kind is TagKind.SITUATION]
    people = [t.text for t in entry.tags if t.kind is TagKind.PERSON]
    parts = []
    if situations:
        parts.append("Where or what: " + ", ".join(situations))
    if people:
        parts.append("With: " + ", ".join(people))
    return "\n".join(parts) or None


def _ratings_text(entry: Entry) -> str | None:
    rated = dict(entry.ratings)
    known = {i.id for i in ITEMS}
    lines = [f"{i.label}: {SCALE[rated[i.id]]}" for i in ITEMS if i.id in rated]
    lines += [f"{item}: {value}/4" for item, value in entry.ratings if item not in known]
    return "\n".join(lines) or None


def detail_lines(entry: Entry, vocabulary: Vocabulary) -> tuple[DetailLine, ...]:
    """Everything an entry holds, as captioned plain-text lines; empty parts left out."""
    local = entry.at.local()
    lines = [
        DetailLine("when", "When", f"{long_date(local)} at {local:%H:%M}"),
        DetailLine("kind", "Exercise", KIND_LABELS[entry.kind]),
    ]

    def add(key: str, caption: str, text: str | None) -> None:
        if text:
            lines.append(DetailLine(key, caption, text))

    add("words", "Feelings", _words_text(entry, vocabulary))
    add("presence", "Presence", None if entry.presence is None else f"{entry.presence}/10")
    add("body", "In the body", "\n".join(_mark_text(m) for m in entry.marks))
    add("ratings", "Ratings", _ratings_text(entry))
    add("tags", "Context", _tags_text(entry))
    add("before", "Started from" if entry.kind is EntryKind.UNPACK else "Just before", entry.before)
    add("note", "Note", entry.note)
    add("pauses", "Pauses", pauses_text(entry.pauses) if entry.pauses else None)
    add(
        "duration",
        "Time taken",
        None if entry.duration_s is None else _duration_text(entry.duration_s),
    )
    add("source", "Source", source_text(entry))
    return tuple(lines)


def describe_detail(entry: Entry, vocabulary: Vocabulary) -> str:
    """The detail as one plain text ("Caption: text" per line), e.g. for screen readers."""
    return "\n".join(f"{line.caption}: {line.text}" for line in detail_lines(entry, vocabulary))
