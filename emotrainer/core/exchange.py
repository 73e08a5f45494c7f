"""The full-export JSON format: everything a user has, lossless and versioned.

``{"format": "emotrainer-export", "version": 1, ...}``. Export → import into
an empty store → export gives the same document but for ``exported_utc``.
A document of a newer version, of another format or with a wrong field is
refused with BadInput naming the place. See docs/export-format.md.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from emotrainer.core.body import REGION_IDS, SENSATION_IDS
from emotrainer.core.clock import Stamp, parse_utc
from emotrainer.core.inventory import ITEM_IDS
from emotrainer.core.models import (
    BodyMark,
    Draft,
    Entry,
    EntryKind,
    Label,
    Tag,
    TagKind,
    UserWord,
    WordsState,
)
from emotrainer.core.validate import BadInput, Reader

FORMAT_NAME = "emotrainer-export"
FORMAT_VERSION = 1
MAX_BYTES = 100 * 1024 * 1024
NOTE_MAX = 20_000


@dataclass(frozen=True, slots=True)
class Review:
    reviewed_utc: str
    rating: int
    answer: str | None
    duration_ms: int | None


@dataclass(frozen=True, slots=True)
class CardRecord:
    word_id: str
    kind: str
    state: dict[str, Any]
    due_utc: str
    stability: float | None
    created_utc: str
    reviews: tuple[Review, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanRecord:
    uuid: str
    title: str
    plan: dict[str, Any]
    imported_utc: str
    active: bool
    completions: tuple[tuple[int, str], ...] = ()  # (task index, entry uuid)


@dataclass(frozen=True, slots=True)
class ImportRecord:
    source: str
    file_name: str
    file_sha256: str
    imported_utc: str
    rows_imported: int
    rows_skipped: int


@dataclass(frozen=True, slots=True)
class Snapshot:
    entries: tuple[Entry, ...] = ()
    entry_imports: dict[str, str] = field(default_factory=dict)  # entry uuid → file sha256
    user_words: tuple[UserWord, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)
    drafts: tuple[Draft, ...] = ()
    cards: tuple[CardRecord, ...] = ()
    plans: tuple[PlanRecord, ...] = ()
    imports: tuple[ImportRecord, ...] = ()


def within(snapshot: Snapshot, first: date | None, last: date | None) -> Snapshot:
    """The snapshot with only the entries whose local date is in [first, last]."""
    if first is None and last is None:
        return snapshot
    kept = tuple(
        e
        for e in snapshot.entries
        if (first is None or e.at.local_date() >= first)
        and (last is None or e.at.local_date() <= last)
    )
    return replace(snapshot, entries=kept)


# -- writing --------------------------------------------------------------


def to_document(snapshot: Snapshot, *, app_version: str, exported_utc: str) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": app_version,
        "exported_utc": exported_utc,
        "entries": [_entry_json(e, snapshot.entry_imports.get(e.uuid)) for e in snapshot.entries],
        "user_words": [_user_word_json(w) for w in snapshot.user_words],
        "settings": dict(sorted(snapshot.settings.items())),
        "drafts": [
            {
                "flow": d.flow,
                "step": d.step,
                "answers": d.answers,
                "started_utc": d.started_utc,
                "updated_utc": d.updated_utc,
            }
            for d in snapshot.drafts
        ],
        "trainer_cards": [_card_json(c) for c in snapshot.cards],
        "homework_plans": [_plan_json(p) for p in snapshot.plans],
        "imports": [
            {
                "source": i.source,
                "file_name": i.file_name,
                "file_sha256": i.file_sha256,
                "imported_utc": i.imported_utc,
                "rows_imported": i.rows_imported,
                "rows_skipped": i.rows_skipped,
            }
            for i in snapshot.imports
        ],
    }


def _entry_json(e: Entry, import_sha: str | None) -> dict[str, Any]:
    return {
        "uuid": e.uuid,
        "kind": e.kind.value,
        "at_utc": e.at.utc,
        "offset_min": e.at.offset_min,
        "presence": e.presence,
        "words_state": e.words_state.value,
        "labels": [{"word": lb.word_id, "intensity": lb.intensity} for lb in e.labels],
        "body_marks": [
            {
                "region": m.region,
                "sensations": list(m.sensations),
                "activity": m.activity,
                "intensity": m.intensity,
            }
            for m in e.marks
        ],
        "tags": [{"kind": t.kind.value, "text": t.text} for t in e.tags],
        "ratings": dict(e.ratings),
        "before": e.before,
        "note": e.note,
        "pair_uuid": e.pair_uuid,
        "pauses": e.pauses,
        "duration_s": e.duration_s,
        "source": e.source,
        "source_ref": e.source_ref,
        "import_sha256": import_sha,
        "updated_utc": e.updated_utc,
    }


def _user_word_json(w: UserWord) -> dict[str, Any]:
    return {
        "id": w.id,
        "label": w.label,
        "definition": w.definition,
        "family": w.family_id,
        "valence": w.valence,
        "arousal": w.arousal,
        "created_utc": w.created_utc,
    }


def _card_json(c: CardRecord) -> dict[str, Any]:
    return {
        "word": c.word_id,
        "kind": c.kind,
        "state": c.state,
        "due_utc": c.due_utc,
        "stability": c.stability,
        "created_utc": c.created_utc,
        "reviews": [
            {
                "reviewed_utc": r.reviewed_utc,
                "rating": r.rating,
                "answer": r.answer,
                "duration_ms": r.duration_ms,
            }
            for r in c.reviews
        ],
    }


def _plan_json(p: PlanRecord) -> dict[str, Any]:
    return {
        "uuid": p.uuid,
        "title": p.title,
        "plan": p.plan,
        "imported_utc": p.imported_utc,
        "active": p.active,
        "completions": [{"task": t, "entry_uuid": u} for t, u in p.completions],
    }


# -- reading --------------------------------------------------------------

_TOP = {
    "format",
    "version",
    "app_version",
    "exported_utc",
    "entries",
    "user_words",
    "settings",
    "drafts",
    "trainer_cards",
    "homework_plans",
    "imports",
}


def from_document(
    data: Any, known_words: Collection[str], known_families: Collection[str]
) -> Snapshot:
    """Validate a parsed export document in full; BadInput names the place.

    ``known_words`` are the word ids labels may use besides the document's own
    user words; ``known_families`` the family ids a user word may belong to.
    """
    top = Reader(data).obj()
    fmt = top.get("format").value
    if fmt != FORMAT_NAME:
        top.get("format").fail(f"not an emotrainer export (expected {FORMAT_NAME!r})")
    version = top.get("version").integer(1, 1_000_000)
    if version > FORMAT_VERSION:
        top.get("version").fail(
            f"written by a newer emotrainer (format {version}; this version reads up to "
            f"{FORMAT_VERSION})"
        )
    top.obj(_TOP)
    families = frozenset(known_families)
    user_words = tuple(_read_user_word(r, families) for r in top.get("user_words").items())
    words = set(known_words) | {w.id for w in user_words}
    entries, imports_of = [], {}
    seen: set[str] = set()
    for r in top.get("entries").items():
        entry, sha = _read_entry(r, words)
        if entry.uuid in seen:
            r.get("uuid").fail("the same uuid appears twice")
        seen.add(entry.uuid)
        entries.append(entry)
        if sha:
            imports_of[entry.uuid] = sha
    settings_reader = top.get("settings").obj()
    return Snapshot(
        entries=tuple(entries),
        entry_imports=imports_of,
        user_words=user_words,
        settings=dict(settings_reader.value),
        drafts=tuple(_read_draft(r) for r in top.get("drafts").items()),
        cards=tuple(_read_card(r) for r in top.get("trainer_cards").items()),
        plans=tuple(_read_plan(r) for r in top.get("homework_plans").items()),
        imports=tuple(_read_import(r) for r in top.get("imports").items()),
    )


def _utc(r: Reader) -> str:
    text = r.text(max_len=40)
    try:
        parse_utc(text)
    except ValueError:
        r.fail("expected a UTC time like 2026-01-31T20:15:00.000Z")
    return text


def _read_entry(r: Reader, words: Collection[str]) -> tuple[Entry, str | None]:
    r.obj(
        {
            "uuid",
            "kind",
            "at_utc",
            "offset_min",
            "presence",
            "words_state",
            "labels",
            "body_marks",
            "tags",
            "ratings",
            "before",
            "note",
            "pair_uuid",
            "pauses",
            "duration_s",
            "source",
            "source_ref",
            "import_sha256",
            "updated_utc",
        }
    )
    labels = []
    for lr in r.get("labels").items(max_items=50):
        lr.obj({"word", "intensity"})
        word = lr.get("word").text(max_len=100)
        if word not in words:
            lr.get("word").fail(f"unknown word {word!r}")
        labels.append(Label(word, lr.get("intensity").opt_integer(0, 10)))
    marks = []
    for mr in r.get("body_marks").items(max_items=200):
        mr.obj({"region", "sensations", "activity", "intensity"})
        sensations = tuple(s.choice(SENSATION_IDS) for s in mr.get("sensations").items())
        marks.append(
            BodyMark(
                mr.get("region").choice(REGION_IDS),
                sensations,
                mr.get("activity").integer(-1, 1),
                mr.get("intensity").opt_integer(0, 10),
            )
        )
    tags = []
    for tr in r.get("tags").items(max_items=200):
        tr.obj({"kind", "text"})
        tags.append(
            Tag(
                TagKind(tr.get("kind").choice({k.value for k in TagKind})),
                tr.get("text").text(max_len=200, allow_empty=False),
            )
        )
    ratings_reader = r.get("ratings").obj()
    ratings = []
    for item, value in ratings_reader.value.items():
        rating = Reader(value, f"{ratings_reader.where}.{item}")
        if item not in ITEM_IDS:
            rating.fail(f"unknown feelings-inventory item {item!r}")
        ratings.append((str(item), rating.integer(0, 4)))
    entry = Entry(
        uuid=r.get("uuid").text(max_len=64, allow_empty=False),
        kind=EntryKind(r.get("kind").choice({k.value for k in EntryKind})),
        at=Stamp(_utc(r.get("at_utc")), r.get("offset_min").integer(-1080, 1080)),
        presence=r.get("presence").opt_integer(0, 10),
        words_state=WordsState(r.get("words_state").choice({w.value for w in WordsState})),
        labels=tuple(labels),
        marks=tuple(marks),
        tags=tuple(tags),
        ratings=tuple(ratings),
        before=r.get("before").text(max_len=NOTE_MAX),
        note=r.get("note").text(max_len=NOTE_MAX),
        pair_uuid=r.get("pair_uuid").opt_text(max_len=64),
        pauses=r.get("pauses").integer(0, 10_000),
        duration_s=r.get("duration_s").opt_integer(0, 10_000_000),
        source=r.get("source").text(max_len=60, allow_empty=False),
        source_ref=r.get("source_ref").opt_text(max_len=200),
        updated_utc=_utc(r.get("updated_utc")),
    )
    return entry, r.get("import_sha256").opt_text(max_len=64)


def _read_user_word(r: Reader, families: Collection[str]) -> UserWord:
    r.obj({"id", "label", "definition", "family", "valence", "arousal", "created_utc"})
    word_id = r.get("id").text(max_len=40)
    if not word_id.startswith("user_"):
        r.get("id").fail("a user's word id starts with 'user_'")
    family = r.get("family").text(max_len=60, allow_empty=False)
    if family not in families:
        r.get("family").fail(f"unknown family {family!r}")
    return UserWord(
        id=word_id,
        label=r.get("label").text(max_len=40, allow_empty=False),
        definition=r.get("definition").text(max_len=500),
        family_id=family,
        created_utc=_utc(r.get("created_utc")),
        valence=r.get("valence").opt_number(-1, 1),
        arousal=r.get("arousal").opt_number(0, 1),
    )


def _read_draft(r: Reader) -> Draft:
    r.obj({"flow", "step", "answers", "started_utc", "updated_utc"})
    return Draft(
        flow=r.get("flow").text(max_len=60, allow_empty=False),
        step=r.get("step").integer(0, 1000),
        answers=dict(r.get("answers").obj().value),
        started_utc=_utc(r.get("started_utc")),
        updated_utc=_utc(r.get("updated_utc")),
    )


def _read_card(r: Reader) -> CardRecord:
    r.obj({"word", "kind", "state", "due_utc", "stability", "created_utc", "reviews"})
    reviews = []
    for rr in r.get("reviews").items():
        rr.obj({"reviewed_utc", "rating", "answer", "duration_ms"})
        reviews.append(
            Review(
                _utc(rr.get("reviewed_utc")),
                rr.get("rating").integer(1, 4),
                rr.get("answer").opt_text(max_len=500),
                rr.get("duration_ms").opt_integer(0, 86_400_000),
            )
        )
    return CardRecord(
        word_id=r.get("word").text(max_len=100, allow_empty=False),
        kind=r.get("kind").text(max_len=60, allow_empty=False),
        state=dict(r.get("state").obj().value),
        due_utc=_utc(r.get("due_utc")),
        stability=r.get("stability").opt_number(0, 1e9),
        created_utc=_utc(r.get("created_utc")),
        reviews=tuple(reviews),
    )


def _read_plan(r: Reader) -> PlanRecord:
    r.obj({"uuid", "title", "plan", "imported_utc", "active", "completions"})
    completions = []
    for cr in r.get("completions").items():
        cr.obj({"task", "entry_uuid"})
        completions.append(
            (
                cr.get("task").integer(0, 1000),
                cr.get("entry_uuid").text(max_len=64, allow_empty=False),
            )
        )
    return PlanRecord(
        uuid=r.get("uuid").text(max_len=64, allow_empty=False),
        title=r.get("title").text(max_len=200),
        plan=dict(r.get("plan").obj().value),
        imported_utc=_utc(r.get("imported_utc")),
        active=r.get("active").boolean(),
        completions=tuple(completions),
    )


def _read_import(r: Reader) -> ImportRecord:
    r.obj({"source", "file_name", "file_sha256", "imported_utc", "rows_imported", "rows_skipped"})
    return ImportRecord(
        source=r.get("source").text(max_len=60, allow_empty=False),
        file_name=r.get("file_name").text(max_len=260),
        file_sha256=r.get("file_sha256").text(max_len=64, allow_empty=False),
        imported_utc=_utc(r.get("imported_utc")),
        rows_imported=r.get("rows_imported").integer(0, 10**9),
        rows_skipped=r.get("rows_skipped").integer(0, 10**9),
    )


__all__ = ["BadInput", "Snapshot", "from_document", "to_document"]
