"""Plain records of what a user has done, as the store hands them out.

Frozen dataclasses with no behaviour beyond validation of their own fields:
the storage layer reads and writes them, the UI and metrics read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from emotrainer.core.clock import Stamp


class EntryKind(StrEnum):
    CHECKIN = "checkin"
    BODY_SCAN = "body_scan"
    UNPACK = "unpack"
    GROUNDING = "grounding"
    SESSION_BEFORE = "session_before"
    SESSION_AFTER = "session_after"
    INVENTORY = "inventory"


KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.CHECKIN: "Check-in",
    EntryKind.BODY_SCAN: "Body scan",
    EntryKind.UNPACK: "Unpack a feeling",
    EntryKind.GROUNDING: "Grounding pause",
    EntryKind.SESSION_BEFORE: "Before a session",
    EntryKind.SESSION_AFTER: "After a session",
    EntryKind.INVENTORY: "Feelings inventory",
}


class WordsState(StrEnum):
    """How an entry ended at the naming step. Every state is a valid answer."""

    NAMED = "named"  # one or more words
    CANT_TELL = "cant_tell"  # "I can't tell what I feel": recorded, never an error
    NOT_ASKED = "not_asked"  # the exercise has no naming step (grounding, body scan)
    SKIPPED = "skipped"


class TagKind(StrEnum):
    SITUATION = "situation"
    PERSON = "person"


ACTIVITY_LESS, ACTIVITY_SAME, ACTIVITY_MORE = -1, 0, 1


@dataclass(frozen=True, slots=True)
class Label:
    word_id: str
    intensity: int | None = None  # 0–10; None when the user left it open


@dataclass(frozen=True, slots=True)
class BodyMark:
    region: str
    sensations: tuple[str, ...]
    activity: int = ACTIVITY_SAME  # -1 less, 0 same, +1 more
    intensity: int | None = None  # 0–10


@dataclass(frozen=True, slots=True)
class Tag:
    kind: TagKind
    text: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One finished exercise of any kind."""

    uuid: str
    kind: EntryKind
    at: Stamp
    presence: int | None = None  # 0–10, how present/connected
    words_state: WordsState = WordsState.NAMED
    labels: tuple[Label, ...] = ()
    marks: tuple[BodyMark, ...] = ()
    tags: tuple[Tag, ...] = ()
    ratings: tuple[tuple[str, int], ...] = ()  # feelings inventory: (item id, 0–4)
    before: str = ""  # what happened just before
    note: str = ""
    pair_uuid: str | None = None  # a session_after points at its session_before
    pauses: int = 0  # grounding pauses taken during the exercise (never a failure)
    duration_s: int | None = None
    source: str = "app"  # "app", "import:daylio", ...
    source_ref: str | None = None  # the row's identity in the source, for re-imports
    updated_utc: str = ""


@dataclass(frozen=True, slots=True)
class UserWord:
    """A feeling word the user added, with their own definition."""

    id: str  # "user_<hex>", never reused
    label: str
    definition: str
    family_id: str
    created_utc: str
    valence: float | None = None
    arousal: float | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """An unfinished exercise, saved after every step."""

    flow: str
    step: int
    answers: dict[str, object] = field(default_factory=dict)
    started_utc: str = ""
    updated_utc: str = ""


@dataclass(frozen=True, slots=True)
class Counts:
    entries: int
    checkins: int
    labels: int
    body_marks: int
    user_words: int
    reviews: int
    plans: int
    drafts: int
