"""History in core: what a filter keeps, grouping by local day, the texts of an entry."""

from __future__ import annotations

from datetime import date

from emotrainer.content import shipped_vocabulary
from emotrainer.core.history import (
    HistoryFilter,
    day_heading,
    describe_detail,
    describe_entry,
    detail_lines,
    family_word_ids,
    group_by_day,
    history_line,
    matches,
    source_text,
)
from emotrainer.core.models import BodyMark, EntryKind, Label, WordsState
from tests.helpers import at, make_entry, rich_entry

VOCAB = shipped_vocabulary()


def _lines(entry) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {line.key: line.text for line in detail_lines(entry, VOCAB)}


# -- the filter --------------------------------------------------------------


def test_an_empty_filter_keeps_everything() -> None:
    assert HistoryFilter().is_empty
    assert not HistoryFilter(kind=EntryKind.GROUNDING).is_empty
    assert matches(rich_entry(), HistoryFilter(), VOCAB)


def test_each_dimension_of_the_filter() -> None:
    entry = make_entry(
        kind=EntryKind.CHECKIN, at=at(2026, 3, 10, 9), labels=(Label("frustrated", 4),)
    )
    anger = VOCAB.get("frustrated").family
    other = next(f.id for f in VOCAB.families if f.id != anger)
    assert matches(entry, HistoryFilter(word_id="frustrated"), VOCAB)
    assert not matches(entry, HistoryFilter(word_id="calm"), VOCAB)
    assert matches(entry, HistoryFilter(family_id=anger), VOCAB)
    assert not matches(entry, HistoryFilter(family_id=other), VOCAB)
    assert matches(entry, HistoryFilter(kind=EntryKind.CHECKIN), VOCAB)
    assert not matches(entry, HistoryFilter(kind=EntryKind.BODY_SCAN), VOCAB)
    assert matches(entry, HistoryFilter(first_day=date(2026, 3, 10)), VOCAB)
    assert not matches(entry, HistoryFilter(first_day=date(2026, 3, 11)), VOCAB)
    assert matches(entry, HistoryFilter(last_day=date(2026, 3, 10)), VOCAB)
    assert not matches(entry, HistoryFilter(last_day=date(2026, 3, 9)), VOCAB)


def test_filters_combine_with_and() -> None:
    entry = make_entry(kind=EntryKind.CHECKIN, labels=(Label("frustrated", 4),))
    word_and_kind = HistoryFilter(word_id="frustrated", kind=EntryKind.CHECKIN)
    assert matches(entry, word_and_kind, VOCAB)
    assert not matches(entry, HistoryFilter(word_id="frustrated", kind=EntryKind.UNPACK), VOCAB)


def test_the_date_filter_uses_the_local_day_of_each_entry() -> None:
    # 00:30 on the 11th at UTC+2 is 22:30 on the 10th in UTC.
    late = make_entry(at=at(2026, 3, 11, 0, 30, offset=120))
    assert late.at.utc.startswith("2026-03-10T22:30")
    assert matches(late, HistoryFilter(first_day=date(2026, 3, 11)), VOCAB)
    assert not matches(late, HistoryFilter(last_day=date(2026, 3, 10)), VOCAB)


def test_a_family_holds_its_groups_and_specific_words() -> None:
    family = VOCAB.get("frustrated").family
    ids = family_word_ids(VOCAB, family)
    assert {family, "frustrated", VOCAB.get("frustrated").parent} <= ids
    assert "calm" not in ids
    group_only = make_entry(labels=(Label(VOCAB.get("frustrated").parent or "", None),))
    assert matches(group_only, HistoryFilter(family_id=family), VOCAB)


# -- days --------------------------------------------------------------------


def test_grouping_follows_the_local_day_across_an_offset_boundary() -> None:
    # Both are 23:30 UTC on 9 March; one was already the 10th where it was made.
    tokyo = make_entry(at=at(2026, 3, 10, 8, 30, offset=540))
    new_york = make_entry(at=at(2026, 3, 9, 18, 30, offset=-300))
    earlier = make_entry(at=at(2026, 3, 10, 7, 0, offset=540))
    assert tokyo.at.utc[:10] == new_york.at.utc[:10] == "2026-03-09"
    groups = group_by_day([tokyo, new_york, earlier])
    assert [g.day for g in groups] == [date(2026, 3, 10), date(2026, 3, 9)]
    assert groups[0].entries == (tokyo, earlier)  # kept together, in the order given
    assert groups[1].entries == (new_york,)


def test_day_heading_counts_kindly() -> None:
    assert day_heading(date(2026, 11, 21), 3) == "Saturday 21 November 2026 · 3 entries"
    assert day_heading(date(2026, 3, 2), 1) == "Monday 2 March 2026 · 1 entry"
    assert group_by_day([make_entry(at=at(2026, 3, 2, 9))])[0].heading.endswith("1 entry")


# -- texts -------------------------------------------------------------------


def test_describe_entry_is_one_plain_line() -> None:
    entry = make_entry(
        at=at(2026, 3, 1, 9, 5),
        labels=(Label("frustrated", 7), Label("numb", None)),
        presence=4,
        marks=(BodyMark("chest", ("tight",)),),
    )
    assert describe_entry(entry, VOCAB) == (
        "09:05 · Check-in · Frustrated (7/10), Numb · presence 4/10 · 1 body place"
    )


def test_not_knowing_is_described_as_an_answer() -> None:
    entry = make_entry(words_state=WordsState.CANT_TELL)
    assert "couldn't tell yet (that counts too)" in describe_entry(entry, VOCAB)
    assert "honest answer" in _lines(entry)["words"]


def test_detail_holds_every_part_of_a_rich_entry() -> None:
    entry = rich_entry()
    lines = _lines(entry)
    assert lines["words"].splitlines() == [
        "Frustrated · 7/10",
        "Numb · intensity left open",
        "Calm · 0/10",
    ]
    assert lines["presence"] == "4/10"
    assert (
        lines["body"].splitlines()[0]
        == "Chest: tight, heavy, warm · more activity than usual · 8/10"
    )
    assert "Left hand: nothing / can't tell · less activity than usual" in lines["body"]
    assert lines["tags"] == "Where or what: home, work 🏢\nWith: Zoë"
    assert lines["before"] == "a call with מרים — שלום 👋"
    assert lines["note"] == entry.note  # unchanged, tabs and RTL text included
    assert lines["pauses"] == "You took 2 pauses to look after yourself."
    assert "Angry: quite a bit" in lines["ratings"]
    assert "source" not in lines  # made in the app
    text = describe_detail(entry, VOCAB)
    assert text.startswith("When: Sunday 1 March 2026 at 09:00\nExercise: Check-in\n")


def test_one_pause_is_said_in_words() -> None:
    assert _lines(make_entry(pauses=1))["pauses"] == "You took one pause to look after yourself."
    assert "pauses" not in _lines(make_entry(pauses=0))


def test_imported_entries_show_their_source() -> None:
    daylio = make_entry(source="import:daylio", source_ref="row-9")
    assert source_text(daylio) == "Imported from Daylio"
    assert _lines(daylio)["source"] == "Imported from Daylio"
    assert history_line(daylio, VOCAB).endswith(" · imported from Daylio")
    assert source_text(make_entry(source="import:moodtool")) == "Imported from moodtool"
    assert source_text(make_entry()) is None
    assert history_line(make_entry(), VOCAB) == describe_entry(make_entry(), VOCAB)


def test_unknown_ids_are_shown_as_stored_rather_than_failing() -> None:
    entry = make_entry(labels=(Label("user_gone", 3),), marks=(BodyMark("tail", ("sparkly",)),))
    lines = _lines(entry)
    assert lines["words"] == "user_gone · 3/10"
    assert lines["body"] == "tail: sparkly"


def test_unpack_shows_where_it_started() -> None:
    entry = make_entry(kind=EntryKind.UNPACK, before="Bad", labels=(Label("frustrated", 5),))
    line = next(x for x in detail_lines(entry, VOCAB) if x.key == "before")
    assert (line.caption, line.text) == ("Started from", "Bad")
