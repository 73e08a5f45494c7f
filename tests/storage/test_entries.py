"""Entries, drafts, settings and the user's own words through the Store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date

import pytest
from helpers import at, make_entry, open_store, rich_entry

from emotrainer.core.changes import Change
from emotrainer.core.models import (
    BodyMark,
    Counts,
    Draft,
    EntryKind,
    Label,
    Tag,
    TagKind,
    WordsState,
)
from emotrainer.paths import AppPaths
from emotrainer.storage.errors import DuplicateWordError, StoreError
from emotrainer.storage.store import Store


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    with open_store(app_paths) as opened:
        yield opened


def _rows(store: Store, table: str) -> int:
    return int(store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_rich_entry_round_trips_exactly(store: Store) -> None:
    entry = rich_entry()
    assert store.add_entry(entry) == Change(entries=True)
    assert store.entry(entry.uuid) == entry


def test_round_trip_survives_reopening(app_paths: AppPaths) -> None:
    entry = rich_entry()
    with open_store(app_paths) as store:
        store.add_entry(entry)
    with open_store(app_paths, lock=False) as store:
        assert store.all_entries() == [entry]


def test_label_order_is_the_users_order(store: Store) -> None:
    labels = (Label("numb", 1), Label("angry", 9), Label("calm", None), Label("afraid", 0))
    entry = make_entry(labels=labels)
    store.add_entry(entry)
    found = store.entry(entry.uuid)
    assert found is not None and found.labels == labels


def test_marks_keep_order_and_several_sensations(store: Store) -> None:
    marks = (
        BodyMark("throat", ("tight", "hot", "pressure", "buzzing")),
        BodyMark("chest", ("open",), 1, 10),
        BodyMark("foot_right", ("cold", "numb"), -1, 0),
    )
    entry = make_entry(marks=marks)
    store.add_entry(entry)
    found = store.entry(entry.uuid)
    assert found is not None and found.marks == marks


def test_tags_and_ratings_come_back_in_canonical_order(store: Store) -> None:
    # Documented behaviour: tags by (kind, text), ratings by item id; the
    # schema keeps no position for them and a repeated tag is stored once.
    entry = make_entry(
        tags=(
            Tag(TagKind.SITUATION, "work"),
            Tag(TagKind.PERSON, "Sam"),
            Tag(TagKind.SITUATION, "commute"),
            Tag(TagKind.SITUATION, "work"),
        ),
        ratings=(("sad", 2), ("anxious", 4), ("happy", 0)),
    )
    store.add_entry(entry)
    found = store.entry(entry.uuid)
    assert found is not None
    assert found.tags == (
        Tag(TagKind.PERSON, "Sam"),
        Tag(TagKind.SITUATION, "commute"),
        Tag(TagKind.SITUATION, "work"),
    )
    assert found.ratings == (("anxious", 4), ("happy", 0), ("sad", 2))


@pytest.mark.parametrize(
    "note",
    [
        "",
        "emoji 😶‍🌫️🫠👨‍👩‍👧 and a ZWJ",
        "עברית מימין לשמאל — mixed with English",
        "العربية\u200f with an RLM",
        "NUL inside\x00and after",
        "quotes ' \" and -- SQL ; DROP TABLE entries;",
        "x" * 20_000,
    ],
)
def test_unicode_and_awkward_notes(store: Store, note: str) -> None:
    entry = make_entry(note=note, before=note[:100])
    store.add_entry(entry)
    found = store.entry(entry.uuid)
    assert found is not None and found.note == note and found.before == note[:100]


def test_every_words_state_and_kind(store: Store) -> None:
    made = [
        make_entry(kind=kind, words_state=state)
        for kind in EntryKind
        for state in WordsState
    ]  # fmt: skip
    store.add_entries(made)
    assert store.all_entries() == sorted(made, key=lambda e: e.at.utc)
    assert len(store.entries_of_kind(EntryKind.INVENTORY)) == len(WordsState)


def test_delete_cascades_to_children(store: Store) -> None:
    keep, drop = rich_entry(), rich_entry()
    store.add_entries([keep, drop])
    children = ("labels", "body_marks", "entry_tags", "inventory_ratings")
    before = {t: _rows(store, t) for t in children}
    assert store.delete_entry(drop.uuid) == Change(entries=True)
    assert store.entry(drop.uuid) is None
    assert store.entry(keep.uuid) == keep
    for table in children:
        assert _rows(store, table) == before[table] // 2, table


def test_a_failed_batch_writes_nothing(store: Store) -> None:
    first = make_entry()
    with pytest.raises(sqlite3.IntegrityError):
        store.add_entries([first, make_entry(uuid=first.uuid)])
    assert store.all_entries() == []


def test_entries_on_uses_each_entry_own_offset(store: Store) -> None:
    late_berlin = make_entry(at=at(2026, 5, 2, 1, 30, offset=120))  # 23:30 UTC on the 1st
    evening_ny = make_entry(at=at(2026, 5, 1, 22, 0, offset=-300))  # 03:00 UTC on the 2nd
    noon_utc = make_entry(at=at(2026, 5, 1, 12, 0, offset=0))
    kiribati = make_entry(at=at(2026, 5, 2, 0, 30, offset=840))  # 10:30 UTC on the 1st
    samoa = make_entry(at=at(2026, 5, 1, 23, 0, offset=-660))  # 10:00 UTC on the 2nd
    store.add_entries([late_berlin, evening_ny, noon_utc, kiribati, samoa])
    on_first = {e.uuid for e in store.entries_on(date(2026, 5, 1))}
    on_second = {e.uuid for e in store.entries_on(date(2026, 5, 2))}
    assert on_first == {evening_ny.uuid, noon_utc.uuid, samoa.uuid}
    assert on_second == {late_berlin.uuid, kiribati.uuid}
    assert store.entries_on(date(2026, 4, 30)) == []
    assert store.count_entries_since(date(2026, 5, 2)) == 2
    assert store.count_entries_since(date(2026, 5, 1)) == 5


def test_word_uses_and_tags_in_use(store: Store) -> None:
    work, home = Tag(TagKind.SITUATION, "work"), Tag(TagKind.SITUATION, "home")
    store.add_entries(
        [
            make_entry(at=at(2026, 1, 1), labels=(Label("numb"),), tags=(work,)),
            make_entry(at=at(2026, 1, 3), labels=(Label("numb"), Label("calm")), tags=(work,)),
            make_entry(at=at(2026, 1, 2), labels=(Label("calm"),), tags=(home,)),
        ]
    )
    uses = {u.word_id: u for u in store.word_uses()}
    assert set(uses) == {"numb", "calm"}
    assert uses["numb"].times == 2
    assert uses["numb"].first_utc == at(2026, 1, 1).utc
    assert uses["numb"].last_utc == at(2026, 1, 3).utc
    assert store.tags_in_use(TagKind.SITUATION) == ["work", "home"]
    assert store.tags_in_use(TagKind.PERSON) == []


# -- drafts --------------------------------------------------------------------------


def test_drafts_save_overwrite_discard(store: Store) -> None:
    assert store.drafts() == []
    first = Draft("checkin", 1, {"presence": 4})
    assert store.save_draft(first) == Change(drafts=True)
    [saved] = store.drafts()
    assert (saved.flow, saved.step, saved.answers) == ("checkin", 1, {"presence": 4})
    assert saved.started_utc and saved.updated_utc

    later = Draft("checkin", 3, {"presence": 4, "words": ["numb", "flat"], "note": "😶"})
    store.save_draft(later)
    [overwritten] = store.drafts()
    assert (overwritten.step, overwritten.answers) == (3, later.answers)
    assert overwritten.started_utc == saved.started_utc  # the same exercise, resumed

    store.save_draft(Draft("body_scan", 0, {}))
    assert {d.flow for d in store.drafts()} == {"checkin", "body_scan"}
    assert store.discard_draft("checkin") == Change(drafts=True)
    assert [d.flow for d in store.drafts()] == ["body_scan"]
    store.discard_draft("nosuch")  # discarding nothing is fine


# -- settings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [None, True, 0, -3, 2.5, "dark", "", "😶", [1, "two", None], {"a": {"b": [1, 2]}}],
)
def test_settings_round_trip(store: Store, value: object) -> None:
    assert store.setting("key", default="unset") == "unset"
    assert store.set_setting("key", value) == Change(settings=True)
    assert store.setting("key", default="unset") == value
    store.set_setting("key", "replaced")
    assert store.setting("key") == "replaced"


# -- the user's own words ------------------------------------------------------------


def test_user_words(store: Store) -> None:
    word, change = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm", 0.3, None)
    assert change == Change(words=True)
    assert word.id.startswith("user_") and len(word.id) == len("user_") + 12
    other, _ = store.add_user_word("Saudade", "Longing for what is gone.", "sadness")
    assert sorted(store.user_words(), key=lambda w: w.label) == [other, word]
    assert other.valence is None and other.arousal is None


def test_user_word_labels_are_unique_ignoring_case(store: Store) -> None:
    first, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    with pytest.raises(DuplicateWordError, match="“Wabi-sabi” is already one of your words"):
        store.add_user_word("WABI-SABI", "Again.", "calm")
    assert store.user_words() == [first]
    # a known error, which the window and the commands show as they are
    assert issubclass(DuplicateWordError, StoreError)
    # and the store still writes afterwards
    other, _ = store.add_user_word("Saudade", "Longing.", "sadness")
    assert len(store.user_words()) == 2 and other in store.user_words()


def test_other_integrity_errors_are_not_called_duplicates(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm", valence=5.0)
    assert store.user_words() == []


# -- counts --------------------------------------------------------------------------


def test_counts(store: Store) -> None:
    assert store.counts() == Counts(0, 0, 0, 0, 0, 0, 0, 0)
    store.add_entries([rich_entry(), rich_entry(kind=EntryKind.BODY_SCAN), make_entry()])
    store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    store.save_draft(Draft("checkin", 1, {}))
    counts = store.counts()
    assert counts == Counts(
        entries=3, checkins=2, labels=6, body_marks=6, user_words=1, reviews=0, plans=0, drafts=1
    )
