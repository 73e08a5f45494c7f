"""History from Daylio: its CSV export and its .daylio backup, read and planned.

Both files are untrusted. ``read_csv`` and ``read_backup`` either return a
DaylioFile or raise BadInput with one line naming the file and the place; a
CSV row that cannot be read is left out with a reason (``Skipped``), a file
that is not Daylio's at all is refused. ``default_mapping`` proposes a word
for every mood (the preview lets the person change it) and ``plan_import``
turns the rows into check-ins; storage.daylio writes a plan in one
transaction.

A row's identity (``source_ref``) is its local wall time to the minute plus
an occurrence counter for rows at the same minute: nothing else, so that a
later, longer export, the backup of the same diary, or an export made after
renaming a mood all match the rows already imported instead of doubling them.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Literal

from emotrainer.core.clock import Stamp
from emotrainer.core.flows import NOTE_MAX, TAG_MAX, TAGS_MAX
from emotrainer.core.models import Entry, EntryKind, Label, Tag, TagKind, UserWord, WordsState
from emotrainer.core.validate import BadInput, human_size
from emotrainer.core.vocabulary import (
    MAX_LABEL_LENGTH,
    USER_PREFIX,
    Vocabulary,
    VocabularyError,
    validate_user_label,
)

Kind = Literal["csv", "backup"]
SOURCE = "import:daylio"
MAX_BYTES = 100 * 1024 * 1024
MAX_ROWS = 200_000  # ten years of daily use is about 18,000
MOOD_MAX = 100  # characters in a mood's name
FIRST_YEAR, LAST_YEAR = 1970, 2100
DEFAULT_LEVELS = {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
# Level → (family, valence) for a mood that becomes the user's own word. Awful
# goes to sadness like bad: the broadest "feeling low" family, where fear or
# anger would guess at a cause. A level not known (a renamed or custom mood in
# a CSV, which does not say its level) goes to calm without a valence: the
# middle of Daylio's scale, for the person to correct in the preview.
LEVEL_FAMILY = {5: "joy", 4: "joy", 3: "calm", 2: "sadness", 1: "sadness"}
UNKNOWN_LEVEL_FAMILY = "calm"
LEVEL_VALENCE = {5: 0.8, 4: 0.4, 3: 0.0, 2: -0.4, 1: -0.8}
_NAMESPACE = uuid.UUID("6f3c1d2e-9a47-5b8e-a1c0-3d5e7f9b2a64")  # entry uuids, never changed


@dataclass(frozen=True, slots=True)
class DaylioRow:
    line: int  # CSV: the line the row starts on (the header is line 1); backup: dayEntries index
    local: datetime  # naive: the wall clock the person saw
    offset_min: int | None  # None: the file does not say (CSV)
    mood: str  # whitespace trimmed and collapsed
    activities: tuple[str, ...]  # trimmed, none empty, in the file's order
    note_title: str  # as read (may hold HTML)
    note: str
    scales: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str  # one line that names the place: "line 14: the time “25:61” is not a time"


@dataclass(frozen=True, slots=True)
class DaylioFile:
    kind: Kind
    rows: tuple[DaylioRow, ...]
    skipped: tuple[Skipped, ...]
    moods: dict[str, int | None]  # the moods the rows use → level 1–5, None when not known

    @property
    def first_day(self) -> date | None:
        return min((r.local.date() for r in self.rows), default=None)

    @property
    def last_day(self) -> date | None:
        return max((r.local.date() for r in self.rows), default=None)

    def rows_with(self, mood: str) -> int:
        return sum(1 for r in self.rows if r.mood == mood)


def sniff(data: bytes) -> Kind:
    """A zip archive (what a .daylio file is) is a "backup"; anything else a "csv"."""
    return "backup" if data[:4] in (b"PK\x03\x04", b"PK\x05\x06") else "csv"


def check_size(data: bytes, name: str) -> None:
    if len(data) > MAX_BYTES:
        raise BadInput(f"{name}: larger than {human_size(MAX_BYTES)}")


def read_backup(data: bytes, name: str) -> DaylioFile:
    """The .daylio backup (see daylio_backup); BadInput names the place."""
    check_size(data, name)
    from emotrainer.core.daylio_backup import parse_backup  # it imports this module's types

    return parse_backup(data, name)


def read_csv(data: bytes, name: str) -> DaylioFile:
    """A Daylio CSV export (see daylio_csv); BadInput names the place."""
    from emotrainer.core.daylio_csv import parse_csv  # it imports this module's types

    return parse_csv(data, name)


def read_path(path: Path, kind: Literal["auto", Kind] = "auto") -> tuple[DaylioFile, str]:
    """The file at ``path``, read (with a size cap) and parsed, and its sha256.

    The one reading path of the command line and the window. ``kind`` "auto"
    sniffs the bytes. BadInput names the file: too large, unreadable, or the
    reader's reason.
    """
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BadInput(f"{name}: larger than {human_size(MAX_BYTES)}")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may grow after stat
    except OSError as exc:
        raise BadInput(f"{name}: cannot read ({exc.strerror or exc})") from None
    chosen = sniff(data) if kind == "auto" else kind
    file = read_backup(data, name) if chosen == "backup" else read_csv(data, name)
    return file, hashlib.sha256(data).hexdigest()


def shown(text: str, limit: int = 40) -> str:
    """Untrusted text for a one-line reason: quoted, on one line, printable, short."""
    flat = "".join(c if c.isprintable() else " " for c in text)
    flat = " ".join(flat.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


# -- plain text ---------------------------------------------------------------

_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6])\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>|<![^<>]*>")  # "a < b" is no tag: a letter follows "<"
_RAW_MAX = 5 * NOTE_MAX  # markup can be long; a note is cut to NOTE_MAX after reduction


def plain_text(text: str) -> str:
    """Daylio's note HTML as plain text: never interpreted, only reduced.

    ``<br>`` and the end of a paragraph become line breaks, every other tag
    is dropped, entities are unescaped, control characters are removed.
    """
    text = text[:_RAW_MAX].replace("\r\n", "\n").replace("\r", "\n")
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    text = "".join(
        c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs")
    ).replace("\xa0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def one_line(text: str) -> str:
    """A name from the file (mood, activity) on one line, printable, spaces collapsed."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


# -- mapping moods to words ---------------------------------------------------


@dataclass(slots=True)
class MoodMapping:
    """What one mood becomes; the preview edits these.

    ``word_id`` set: that word (family and valence are shown, not used).
    ``new_word_label`` set: a new word of the user's with that family and
    valence. Neither: the mood's rows are left out, each with a reason.
    """

    mood: str
    word_id: str | None
    new_word_label: str | None
    family_id: str | None
    valence: float | None


def _fold(label: str) -> str:
    return " ".join(label.split()).casefold()


def default_mapping(file: DaylioFile, vocabulary: Vocabulary) -> list[MoodMapping]:
    """A word for every mood: one of the vocabulary's by name, else a new word of the user's."""
    by_label = {_fold(w.label): w for w in vocabulary}
    families = [w.id for w in vocabulary.families]
    result = []
    for mood, level in file.moods.items():
        label = one_line(mood)[:MAX_LABEL_LENGTH].strip() or "Daylio mood"
        word = by_label.get(_fold(mood)) or by_label.get(_fold(label))
        if word is not None:
            result.append(MoodMapping(mood, word.id, None, word.family, word.valence))
            continue
        family, valence = UNKNOWN_LEVEL_FAMILY, None
        if level is not None:
            family, valence = LEVEL_FAMILY.get(level, family), LEVEL_VALENCE.get(level)
        if family not in families and families:
            family = families[0]
        result.append(MoodMapping(mood, None, label, family, valence))
    return result


def user_word_id(label: str) -> str:
    """A new word's id, derived from its label so that a second import finds it again."""
    digest = hashlib.sha256(f"daylio\0{_fold(label)}".encode()).hexdigest()
    return f"{USER_PREFIX}{digest[:12]}"


# -- the plan -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    entries: tuple[Entry, ...]
    new_words: tuple[UserWord, ...]
    skipped: tuple[Skipped, ...]
    first_day: date | None
    last_day: date | None


def local_offset_min(local: datetime) -> int:
    """This computer's UTC offset at a wall-clock time (daylight saving included).

    Where the platform cannot say (Windows, before 1970 in UTC), today's offset.
    """
    try:
        offset = local.astimezone().utcoffset()
    except (OverflowError, OSError, ValueError):
        offset = datetime.now().astimezone().utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def place(file: DaylioFile, line: int) -> str:
    return f"line {line}" if file.kind == "csv" else f"dayEntries[{line}]"


def plan_import(
    file: DaylioFile,
    mapping: Sequence[MoodMapping],
    vocabulary: Vocabulary,
    file_sha256: str,
    *,
    default_offset_min: int,
    offset_of: Callable[[datetime], int] | None = None,
) -> Plan:
    """Check-ins for the rows, under the mapping; VocabularyError for a mapping that cannot be.

    A row's UTC offset is the file's (backup), else ``offset_of(local time)``
    when given (``local_offset_min``: this computer's zone on that date), else
    ``default_offset_min``. ``file_sha256`` is not part of any row's identity,
    on purpose: see the module docstring.
    """
    del file_sha256  # the caller's record of the file; rows are identified by content
    targets, words = _resolve(mapping, vocabulary)
    entries: list[Entry] = []
    skipped = list(file.skipped)
    created: dict[str, str] = {}
    seen: dict[str, int] = {}
    for row in file.rows:
        minute = f"{row.local:%Y-%m-%dT%H:%M}"
        seen[minute] = occurrence = seen.get(minute, 0) + 1  # over every row: stable refs
        word_id = targets.get(row.mood)
        if word_id is None:
            reason = f"{place(file, row.line)}: the mood {shown(row.mood)} has no word; left out"
            skipped.append(Skipped(row.line, reason))
            continue
        offset = row.offset_min
        if offset is None:
            offset = offset_of(row.local) if offset_of is not None else default_offset_min
        if not -1080 <= offset <= 1080:
            raise ValueError(f"a UTC offset of {offset} minutes is outside ±18 hours")
        at = Stamp.of(row.local.replace(tzinfo=timezone(timedelta(minutes=offset))))
        ref = f"{minute}/{occurrence}"
        entries.append(
            Entry(
                uuid=str(uuid.uuid5(_NAMESPACE, ref)),
                kind=EntryKind.CHECKIN,
                at=at,
                words_state=WordsState.NAMED,
                labels=(Label(word_id, None),),
                tags=_tags(row.activities),
                note=_note(row.note_title, row.note),
                source=SOURCE,
                source_ref=ref,
                updated_utc=at.utc,
            )
        )
        created[word_id] = min(created.get(word_id, at.utc), at.utc)
    new_words = tuple(
        UserWord(w.id, w.label, w.definition, w.family_id, created[w.id], w.valence)
        for w in words
        if w.id in created  # a word no row uses is not added
    )
    days = [e.at.local_date() for e in entries]
    return Plan(
        tuple(entries), new_words, tuple(skipped), min(days, default=None), max(days, default=None)
    )


def _resolve(
    mapping: Sequence[MoodMapping], vocabulary: Vocabulary
) -> tuple[dict[str, str | None], list[UserWord]]:
    by_label = {_fold(w.label): w.id for w in vocabulary}
    families = {w.id for w in vocabulary.families}
    targets: dict[str, str | None] = {}
    words: dict[str, UserWord] = {}
    for m in mapping:
        if m.word_id is not None:
            if m.word_id not in vocabulary:
                raise VocabularyError(f"{shown(m.mood)}: unknown word {m.word_id!r}")
            targets[m.mood] = m.word_id
        elif m.new_word_label is None:
            targets[m.mood] = None
        elif _fold(m.new_word_label) in by_label:  # already a word: that word
            targets[m.mood] = by_label[_fold(m.new_word_label)]
        else:
            label = validate_user_label(m.new_word_label, vocabulary)
            if m.family_id not in families:
                raise VocabularyError(f"“{label}”: choose one of the families")
            if m.valence is not None and not -1.0 <= m.valence <= 1.0:
                raise VocabularyError(f"“{label}”: a valence is from −1 to 1")
            word_id = user_word_id(label)
            definition = f"Your own word, from the Daylio mood {shown(m.mood)}."
            words.setdefault(
                word_id, UserWord(word_id, label, definition, m.family_id, "", m.valence)
            )
            targets[m.mood] = word_id
    return targets, list(words.values())


def _tags(activities: Sequence[str]) -> tuple[Tag, ...]:
    tags: list[Tag] = []
    seen: set[str] = set()
    for activity in activities:
        text = one_line(activity)[:TAG_MAX].strip()
        if text and text.casefold() not in seen and len(tags) < TAGS_MAX:
            seen.add(text.casefold())
            tags.append(Tag(TagKind.SITUATION, text))
    return tuple(tags)


def _note(title: str, note: str) -> str:
    joined = "\n\n".join(part for part in (plain_text(title), plain_text(note)) if part)
    return joined[:NOTE_MAX].rstrip()
