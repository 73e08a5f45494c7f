"""The store's History queries and edits: filters, local-day order, pages, edit, undo."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from helpers import at, make_entry, open_store, rich_entry

from emotrainer.content import shipped_vocabulary
from emotrainer.core.changes import NOTHING, Change
from emotrainer.core.clock import Stamp
from emotrainer.core.history import HistoryFilter, family_word_ids, matches
from emotrainer.core.models import Entry, EntryKind, Label, WordsState
from emotrainer.paths import AppPaths
from emotrainer.storage import entries
from emotrainer.storage.database import transaction
from emotrainer.storage.store import Store

VOCAB = shipped_vocabulary()
WORDS = ("frustrated", "numb", "calm", "anxious", "relieved", "weary")


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    with open_store(app_paths) as opened:
        yield opened


def _random_entries(seed: int, count: int) -> list[Entry]:
    """Entries over three weeks with offsets from −18 h to +18 h and shared UTC times."""
    rng = random.Random(seed)
    result = []
    base = datetime(2026, 3, 1, tzinfo=UTC)
    for n in range(count):
        # Every fifth entry shares the previous one's UTC time: ties need the id.
        if n % 5 == 0 or not result:
            moment = base + timedelta(minutes=rng.randrange(0, 21 * 24 * 60))
        offset = rng.choice((-1080, -300, 0, 60, 330, 540, 1080))
        local = moment.astimezone(timezone(timedelta(minutes=offset)))
        labels = tuple(
            Label(w, rng.choice((None, 3, 8))) for w in rng.sample(WORDS, rng.randint(0, 3))
        )
        result.append(
            make_entry(
                uuid=f"{seed:04d}-{n:06d}",
                kind=rng.choice(list(EntryKind)),
                at=Stamp.of(local),
                labels=labels,
                words_state=WordsState.NAMED if labels else WordsState.CANT_TELL,
            )
        )
    return result


def _expected(items: list[Entry], flt: HistoryFilter) -> list[str]:
    """The reference: core's matches(), sorted by local day, then UTC, then insertion."""
    kept = [(i, e) for i, e in enumerate(items) if matches(e, flt, VOCAB)]
    kept.sort(key=lambda p: (p[1].at.local_date(), p[1].at.utc, p[0]), reverse=True)
    return [e.uuid for _, e in kept]


def _family_ids(flt: HistoryFilter) -> frozenset[str] | None:
    return family_word_ids(VOCAB, flt.family_id) if flt.family_id else None


FAMILY = VOCAB.get("frustrated").family
FILTERS = [
    HistoryFilter(),
    HistoryFilter(kind=EntryKind.CHECKIN),
    HistoryFilter(word_id="numb"),
    HistoryFilter(family_id=FAMILY),
    HistoryFilter(first_day=date(2026, 3, 5)),
    HistoryFilter(last_day=date(2026, 3, 12)),
    HistoryFilter(first_day=date(2026, 3, 8), last_day=date(2026, 3, 8)),
    HistoryFilter(word_id="calm", kind=EntryKind.UNPACK, first_day=date(2026, 3, 3)),
    HistoryFilter(family_id=FAMILY, last_day=date(2026, 3, 15), kind=EntryKind.GROUNDING),
]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_the_query_agrees_with_core_matches_and_orders_by_local_day(
    store: Store, flt: HistoryFilter
) -> None:
    items = _random_entries(7, 400)
    store.add_entries(items)
    expected = _expected(items, flt)
    assert expected or flt.kind is EntryKind.GROUNDING  # the data exercises each filter
    got = store.history(flt, _family_ids(flt), limit=None)
    assert [e.uuid for e in got] == expected
    assert store.history_count(flt, _family_ids(flt)) == len(expected)


@pytest.mark.parametrize("size", [1, 7, 50, 199])
def test_pages_join_up_exactly_without_gaps_or_repeats(store: Store, size: int) -> None:
    items = _random_entries(11, 300)
    store.add_entries(items)
    for flt in (HistoryFilter(), HistoryFilter(kind=EntryKind.CHECKIN)):
        pages: list[str] = []
        offset = 0
        while True:
            page = store.history(flt, None, limit=size, offset=offset)
            if not page:
                break
            assert len(page) <= size
            pages += [e.uuid for e in page]
            offset += len(page)
        assert pages == _expected(items, flt)


def test_newest_local_day_comes_first_across_an_offset_boundary(store: Store) -> None:
    # Same UTC instant (23:30 on the 9th): in Tokyo it is already the 10th.
    tokyo = make_entry(at=at(2026, 3, 10, 8, 30, offset=540))
    new_york = make_entry(at=at(2026, 3, 9, 18, 30, offset=-300))
    later_utc = make_entry(at=at(2026, 3, 9, 23, 50, offset=-60))  # 00:50 UTC on the 10th
    store.add_entries([new_york, tokyo, later_utc])
    got = store.history(HistoryFilter())
    assert [e.uuid for e in got] == [tokyo.uuid, later_utc.uuid, new_york.uuid]
    tenth = store.history(HistoryFilter(first_day=date(2026, 3, 10)))
    assert [e.uuid for e in tenth] == [tokyo.uuid]


def test_a_family_filter_needs_its_word_ids(store: Store) -> None:
    store.add_entry(make_entry(labels=(Label("frustrated", 2),)))
    with pytest.raises(ValueError, match="family"):
        store.history(HistoryFilter(family_id=FAMILY))
    assert store.history(HistoryFilter(family_id=FAMILY), frozenset()) == []
    assert len(store.history(HistoryFilter(family_id=FAMILY), {"frustrated"})) == 1


def test_history_hands_back_whole_entries(store: Store) -> None:
    entry = rich_entry(source="import:daylio", source_ref="row-3")
    store.add_entry(entry)
    assert store.history(HistoryFilter(word_id="numb")) == [entry]


# -- edits -------------------------------------------------------------------


def test_update_replaces_words_and_note_and_keeps_the_rest(store: Store) -> None:
    entry = rich_entry()
    store.add_entry(entry)
    note = "Edited 🙂 — שלום עולם and مرحبا بالعالم\nsecond line <b>x</b> & more"
    labels = (Label("weary", None), Label("anxious", 10))
    assert store.update_entry(entry.uuid, labels, note) == Change(entries=True)
    after = store.entry(entry.uuid)
    assert after is not None
    assert after.labels == labels
    assert after.note == note
    assert after.words_state is WordsState.NAMED
    assert after.updated_utc > entry.updated_utc
    assert replace(after, labels=entry.labels, note=entry.note, updated_utc="") == replace(
        entry, updated_utc=""
    )
    # The word filter follows the new words at once.
    assert store.history(HistoryFilter(word_id="frustrated")) == []
    assert [e.uuid for e in store.history(HistoryFilter(word_id="weary"))] == [entry.uuid]


@pytest.mark.parametrize(
    ("before", "labels", "after"),
    [
        (WordsState.CANT_TELL, (), WordsState.CANT_TELL),
        (WordsState.SKIPPED, (), WordsState.SKIPPED),
        (WordsState.NOT_ASKED, (), WordsState.NOT_ASKED),
        (WordsState.NAMED, (), WordsState.SKIPPED),
        (WordsState.CANT_TELL, (Label("numb", 2),), WordsState.NAMED),
    ],
)
def test_words_state_follows_the_words(
    store: Store, before: WordsState, labels: tuple[Label, ...], after: WordsState
) -> None:
    initial = (Label("calm", 1),) if before is WordsState.NAMED else ()
    entry = make_entry(words_state=before, labels=initial)
    store.add_entry(entry)
    store.update_entry(entry.uuid, labels, "")
    stored = store.entry(entry.uuid)
    assert stored is not None and stored.words_state is after


@pytest.mark.parametrize(
    ("labels", "note", "reason"),
    [
        ((Label("a"), Label("b"), Label("c"), Label("d")), "", "at most 3"),
        ((Label("calm", 11),), "", "intensity"),
        ((Label("calm", -1),), "", "intensity"),
        ((Label("calm", True),), "", "intensity"),  # type: ignore[arg-type]
        ((Label("calm"), Label("calm")), "", "twice"),
        ((Label(""),), "", "non-empty"),
        ((), "x" * 20_001, "20,000"),
    ],
)
def test_update_refuses_bad_values_and_changes_nothing(
    store: Store, labels: tuple[Label, ...], note: str, reason: str
) -> None:
    entry = rich_entry()
    store.add_entry(entry)
    with pytest.raises(ValueError, match=reason):
        store.update_entry(entry.uuid, labels, note)
    assert store.entry(entry.uuid) == entry


def test_a_note_of_exactly_the_limit_is_kept(store: Store) -> None:
    entry = make_entry()
    store.add_entry(entry)
    store.update_entry(entry.uuid, (), "😶" * 20_000)
    stored = store.entry(entry.uuid)
    assert stored is not None and stored.note == "😶" * 20_000


def test_update_of_an_unknown_entry_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.update_entry("no-such-uuid", (), "")


# -- delete and undo ---------------------------------------------------------


def _imported(store: Store) -> tuple[Entry, int]:
    """An imported entry linked to its import record and to a homework task."""
    entry = rich_entry(source="import:daylio", source_ref="row-42", pair_uuid="p-1")
    with transaction(store.conn):
        import_id = store.conn.execute(
            "INSERT INTO imports (source, file_name, file_sha256, imported_utc) "
            "VALUES ('daylio-csv', 'daylio.csv', 'ab', '2026-01-01T00:00:00.000Z')"
        ).lastrowid
        row_id = entries.insert(store.conn, entry, import_id)
        plan = store.conn.execute(
            "INSERT INTO homework_plans (uuid, title, plan_json, imported_utc) "
            "VALUES ('plan-1', 'Week 1', '{}', '2026-01-01T00:00:00.000Z')"
        ).lastrowid
        store.conn.execute(
            "INSERT INTO homework_completions (plan_id, task_index, entry_id) VALUES (?, 2, ?)",
            (plan, row_id),
        )
    assert import_id is not None
    return entry, int(import_id)


def _links(store: Store, uuid: str) -> tuple[object, ...]:
    row = store.conn.execute("SELECT id, import_id FROM entries WHERE uuid = ?", (uuid,)).fetchone()
    completions = store.conn.execute(
        "SELECT plan_id, task_index FROM homework_completions WHERE entry_id = ?", (row[0],)
    ).fetchall()
    return row[1], completions


def test_delete_then_undo_restores_the_identical_entry(store: Store) -> None:
    entry, import_id = _imported(store)
    other = make_entry()
    store.add_entry(other)
    links = _links(store, entry.uuid)
    assert links[0] == import_id

    removed, change = store.delete_entry_for_undo(entry.uuid)
    assert change == Change(entries=True)
    assert store.entry(entry.uuid) is None
    assert store.counts().labels == len(other.labels)  # children went with it
    assert removed.entry == entry
    assert removed.import_id == import_id

    assert store.undo_delete(removed) == Change(entries=True)
    back = store.entry(entry.uuid)
    assert back == entry  # uuid, source, source_ref, pair, children: every field
    assert back is not None and (back.source, back.source_ref) == ("import:daylio", "row-42")
    assert _links(store, entry.uuid) == links
    assert store.undo_delete(removed) is NOTHING  # once back, undo changes nothing


def test_undo_leaves_out_links_whose_other_end_is_gone(store: Store) -> None:
    entry, _import_id = _imported(store)
    removed, _change = store.delete_entry_for_undo(entry.uuid)
    with transaction(store.conn):
        store.conn.execute("DELETE FROM imports")
        store.conn.execute("DELETE FROM homework_plans")
    store.undo_delete(removed)
    assert store.entry(entry.uuid) == entry
    assert _links(store, entry.uuid) == (None, [])


def test_deleting_an_unknown_entry_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.delete_entry_for_undo("no-such-uuid")
