"""The exercise summary: words with definitions, first-time words, a kind line."""

from __future__ import annotations

import re

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.flow_defs import BODY_SCAN, CHECKIN
from emotrainer.core.flows import FlowState, answer_marks, marks_answer, marks_so_far
from emotrainer.core.models import BodyMark, EntryKind, Label, WordsState
from emotrainer.core.summary import counted, summarize
from tests.helpers import make_entry

VOCAB = shipped_vocabulary()
# Words that rank, compare or count what is missing have no place in a summary.
UNKIND = re.compile(r"\b(missed|only|failed|fail|score|better than|worse|should|streak)\b", re.I)


def test_counted_uses_words_up_to_ten() -> None:
    assert counted(1, "feeling") == "one feeling"
    assert counted(3, "place") == "three places"
    assert counted(12, "word") == "12 words"


def test_words_come_with_definitions_and_first_time_is_noted() -> None:
    entry = make_entry(labels=(Label("discouraged", 6), Label("weary", None)))
    summary = summarize(entry, VOCAB, used_before={"weary"})
    assert [w.label for w in summary.words] == ["Discouraged", "Weary"]
    assert summary.words[0].definition == VOCAB.get("discouraged").definition
    assert [w.word_id for w in summary.first_words] == ["discouraged"]
    assert "two feelings" in summary.encouragement
    assert "“Discouraged” is a new word" in summary.encouragement


def test_not_knowing_is_acknowledged_warmly() -> None:
    entry = make_entry(words_state=WordsState.CANT_TELL)
    summary = summarize(entry, VOCAB, used_before=set())
    assert summary.cant_tell
    assert "honest answer" in summary.encouragement


def test_numb_body_scan_counts_as_noticing() -> None:
    entry = make_entry(
        kind=EntryKind.BODY_SCAN,
        words_state=WordsState.NOT_ASKED,
        marks=(BodyMark("chest", ("numb",)), BodyMark("head", ("nothing",))),
    )
    summary = summarize(entry, VOCAB, used_before=set())
    assert summary.places == ("Chest: numb", "Head: nothing / can't tell")
    assert "noticing too" in summary.encouragement


@pytest.mark.parametrize(
    "fields",
    [
        {"labels": (Label("discouraged", 2),)},
        {"words_state": WordsState.CANT_TELL, "pauses": 2},
        {"kind": EntryKind.GROUNDING, "words_state": WordsState.NOT_ASKED},
        {"kind": EntryKind.INVENTORY, "ratings": (("sad", 0),)},
        {"kind": EntryKind.BODY_SCAN, "words_state": WordsState.NOT_ASKED},
        {"words_state": WordsState.SKIPPED},
    ],
)
def test_encouragement_never_ranks_or_shames(fields: dict[str, object]) -> None:
    summary = summarize(make_entry(**fields), VOCAB, used_before=set())
    assert summary.encouragement
    assert not UNKIND.search(summary.encouragement), summary.encouragement


def test_pauses_are_named_as_care() -> None:
    summary = summarize(make_entry(pauses=1), VOCAB, used_before=set())
    assert "paused when you needed" in summary.encouragement


def test_marks_round_trip_through_answers() -> None:
    marks = [BodyMark("jaw", ("tight",), 1, 6), BodyMark("whole_body", ("nothing",), 0, None)]
    assert answer_marks(marks_answer(marks)) == marks


def test_marks_so_far_follow_the_path() -> None:
    jaw = marks_answer([BodyMark("jaw", ("tight",), 0, 5)])
    state = FlowState.start(CHECKIN).answer("presence", 4).next()
    state = state.answer("body_map", jaw).next()
    assert marks_so_far(state) == [BodyMark("jaw", ("tight",), 0, 5)]
    # the current step's own answer is not "so far"
    assert marks_so_far(FlowState.start(CHECKIN).answer("presence", 4).next()) == []

    scan = FlowState.start(BODY_SCAN)
    head = marks_answer([BodyMark("head", ("warm",), 0, 3)])
    scan = scan.answer("scan_head", head).next()
    face = marks_answer([BodyMark("face", ("numb",), 0, 2)])
    scan = scan.answer("scan_face", face).next()
    assert [m.region for m in marks_so_far(scan)] == ["head", "face"]
