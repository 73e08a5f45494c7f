"""The synthetic history: reproducible, plausible, and never in the future."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core import demo
from emotrainer.core.body import REGION_IDS, SENSATION_IDS
from emotrainer.core.clock import format_utc
from emotrainer.core.exchange import Snapshot, from_document, to_document
from emotrainer.core.inventory import ITEM_IDS
from emotrainer.core.models import Entry, EntryKind, WordsState
from emotrainer.core.vocabulary import Level, Vocabulary

END = date(2026, 6, 15)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return shipped_vocabulary()


@pytest.fixture(scope="module")
def year(vocabulary: Vocabulary) -> list[Entry]:
    return list(demo.generate(vocabulary, 365, 1, END))


def test_same_seed_and_end_give_the_same_history(vocabulary: Vocabulary, year: list[Entry]) -> None:
    assert list(demo.generate(vocabulary, 365, 1, END)) == year


def test_another_seed_gives_another_history(vocabulary: Vocabulary, year: list[Entry]) -> None:
    other = list(demo.generate(vocabulary, 365, 2, END))
    assert [e.uuid for e in other] != [e.uuid for e in year]
    assert [e.labels for e in other] != [e.labels for e in year]


def test_size_and_span(year: list[Entry]) -> None:
    assert 1000 < len(year) < 3000  # about five a day
    days = {e.at.local_date() for e in year}
    assert min(days) >= END - timedelta(days=364)
    assert max(e.at.local_date() for e in year if e.kind is not EntryKind.SESSION_AFTER) <= END
    assert len({e.uuid for e in year}) == len(year)


def _quarters(year: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    start = END - timedelta(days=364)
    first = [e for e in year if e.at.local_date() < start + timedelta(days=91)]
    last = [e for e in year if e.at.local_date() > END - timedelta(days=91)]
    return first, last


def test_vocabulary_widens(vocabulary: Vocabulary, year: list[Entry]) -> None:
    first, last = _quarters(year)

    def distinct(entries: list[Entry]) -> set[str]:
        return {lb.word_id for e in entries for lb in e.labels}

    def specific_share(entries: list[Entry]) -> float:
        labels = [lb for e in entries for lb in e.labels]
        specific = [lb for lb in labels if vocabulary.get(lb.word_id).level is Level.SPECIFIC]
        return len(specific) / len(labels)

    assert len(distinct(last)) > len(distinct(first))
    assert specific_share(last) > specific_share(first) + 0.1


def test_cant_tell_fades_and_presence_rises(year: list[Entry]) -> None:
    first, last = _quarters(year)

    def checkins(entries: list[Entry]) -> list[Entry]:
        return [e for e in entries if e.kind is EntryKind.CHECKIN]

    def cant_tell(entries: list[Entry]) -> int:
        return sum(e.words_state is WordsState.CANT_TELL for e in checkins(entries))

    def presence(entries: list[Entry]) -> float:
        values = [e.presence for e in checkins(entries) if e.presence is not None]
        return sum(values) / len(values)

    assert cant_tell(first) > cant_tell(last)
    assert presence(last) > presence(first)


def test_every_reference_is_valid(vocabulary: Vocabulary, year: list[Entry]) -> None:
    for entry in year:
        for label in entry.labels:
            assert label.word_id in vocabulary, entry
            assert label.intensity is None or 0 <= label.intensity <= 10
        for mark in entry.marks:
            assert mark.region in REGION_IDS, mark
            assert mark.sensations and set(mark.sensations) <= SENSATION_IDS, mark
        for item, rating in entry.ratings:
            assert item in ITEM_IDS and 0 <= rating <= 4
        assert entry.presence is None or 0 <= entry.presence <= 10


def test_kinds_pairs_and_offsets(year: list[Entry]) -> None:
    kinds = {e.kind for e in year}
    assert kinds == set(EntryKind)
    uuids = {e.uuid: e for e in year}
    afters = [e for e in year if e.kind is EntryKind.SESSION_AFTER]
    assert afters
    for after in afters:
        assert after.pair_uuid is not None
        before = uuids[after.pair_uuid]
        assert before.kind is EntryKind.SESSION_BEFORE and before.at.utc < after.at.utc
    offsets = {e.at.offset_min for e in year}
    assert {60, 120} <= offsets
    assert offsets <= {60, 120, -300}


def test_the_history_survives_the_export_format(vocabulary: Vocabulary, year: list[Entry]) -> None:
    snapshot = Snapshot(entries=tuple(year))
    doc = json.loads(
        json.dumps(to_document(snapshot, app_version="x", exported_utc=year[0].at.utc))
    )
    families = [w.id for w in vocabulary.families]
    assert from_document(doc, [w.id for w in vocabulary], families) == snapshot


# -- the cut-off at "now" --------------------------------------------------------


def test_without_a_cut_off_the_end_day_reaches_into_the_evening(year: list[Entry]) -> None:
    # Why the cut-off exists: the last day runs until 23:00 local time.
    noon = format_utc(datetime(2026, 6, 15, 12, 0, tzinfo=UTC))
    assert any(e.at.utc > noon for e in year)


def test_nothing_later_than_now(vocabulary: Vocabulary, year: list[Entry]) -> None:
    now = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    cut = list(demo.generate(vocabulary, 365, 1, END, now=now))
    limit = format_utc(now)
    assert cut
    assert all(e.at.utc <= limit for e in cut)
    # the same history up to now, including the morning of the end day
    assert cut == [e for e in year if e.at.utc <= limit]
    assert any(e.at.local_date() == END for e in cut)


def test_now_before_the_whole_range_gives_nothing(vocabulary: Vocabulary) -> None:
    now = datetime(2020, 1, 1, tzinfo=UTC)
    assert list(demo.generate(vocabulary, 30, 1, END, now=now)) == []


def test_a_naive_now_is_refused(vocabulary: Vocabulary) -> None:
    with pytest.raises(ValueError, match="naive"):
        list(demo.generate(vocabulary, 3, 1, END, now=datetime(2026, 6, 15, 12, 0)))
