"""FSRS scheduling through core.srs: good answers move a card out, a lapse brings it back."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from emotrainer.core.clock import parse_utc
from emotrainer.core.srs import (
    MASTERED_STABILITY_DAYS,
    CardFacts,
    Grade,
    Mastery,
    PastReview,
    review,
    word_mastery,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _walk(grades: list[Grade]) -> list[tuple[datetime, datetime, float | None]]:
    """Review at each due time; (reviewed at, next due, stability) per review."""
    state, now, out = None, T0, []
    for grade in grades:
        after = review(7, state, grade, now, fuzz=False)
        due = parse_utc(after.due_utc)
        out.append((now, due, after.stability))
        state, now = after.state, due
    return out


def test_grades_map_onto_fsrs_ratings() -> None:
    import fsrs

    assert [int(g) for g in Grade] == [int(r) for r in fsrs.Rating]
    assert [g.name for g in Grade] == ["MISSED", "HARD", "GOT_IT", "EASY"]


def test_a_card_answered_well_moves_further_out_each_time() -> None:
    steps = _walk([Grade.GOT_IT] * 6)
    intervals = [due - at for at, due, _s in steps]
    # learning steps first (minutes), then days that keep growing
    assert intervals[0] < timedelta(hours=1)
    assert all(b > a for a, b in itertools.pairwise(intervals[1:]))
    assert intervals[-1] > timedelta(days=30)
    assert steps[-1][2] is not None and steps[-1][2] > MASTERED_STABILITY_DAYS


def test_easy_goes_further_than_got_it_and_hard_less_far() -> None:
    state = review(7, None, Grade.GOT_IT, T0, fuzz=False).state
    nexts = {}
    for grade in (Grade.HARD, Grade.GOT_IT, Grade.EASY):
        s = state
        now = T0
        for g in (Grade.GOT_IT, grade):
            after = review(7, s, g, now, fuzz=False)
            s, now = after.state, parse_utc(after.due_utc)
        nexts[grade] = now
    assert nexts[Grade.HARD] <= nexts[Grade.GOT_IT] < nexts[Grade.EASY]


def test_a_lapse_comes_back_soon_and_loses_stability() -> None:
    steps = _walk([Grade.GOT_IT] * 5)
    last_at, last_due, stability = steps[-1]
    assert last_due - last_at > timedelta(days=20)
    state = None
    now = T0
    for at, _due, _s in steps:
        after = review(7, state, Grade.GOT_IT, at, fuzz=False)
        state, now = after.state, parse_utc(after.due_utc)
    missed = review(7, state, Grade.MISSED, now, fuzz=False)
    assert parse_utc(missed.due_utc) - now <= timedelta(minutes=10)
    assert missed.stability is not None and stability is not None
    assert missed.stability < stability / 2


def test_fuzz_only_spreads_long_intervals_a_little() -> None:
    state, now = None, T0
    for _ in range(4):
        after = review(7, state, Grade.GOT_IT, now, fuzz=False)
        state, now = after.state, parse_utc(after.due_utc)
    plain = parse_utc(review(7, state, Grade.GOT_IT, now, fuzz=False).due_utc) - now
    fuzzed = parse_utc(review(7, state, Grade.GOT_IT, now, fuzz=True).due_utc) - now
    assert abs(fuzzed - plain) <= plain * 0.25


def test_an_unreadable_state_is_rebuilt_from_the_reviews() -> None:
    history = []
    state, now = None, T0
    for _ in range(4):
        after = review(7, state, Grade.GOT_IT, now, fuzz=False)
        history.append(PastReview(_fmt(now), 3))
        state, now = after.state, parse_utc(after.due_utc)
    expected = review(7, state, Grade.GOT_IT, now, fuzz=False)
    for broken in ({"difficulty": 5.1, "state": 2}, {}, {"due": "yesterday"}, None):
        rebuilt = review(7, broken, Grade.GOT_IT, now, history=history, fuzz=False)
        assert rebuilt.due_utc == expected.due_utc
        assert rebuilt.stability == pytest.approx(expected.stability)


def test_retention_outside_the_sensible_range_is_refused() -> None:
    with pytest.raises(ValueError, match="retention"):
        review(7, None, Grade.GOT_IT, T0, retention=0.5)


def test_higher_retention_brings_cards_back_sooner() -> None:
    def due_after(retention: float) -> datetime:
        state, now = None, T0
        for _ in range(4):
            after = review(7, state, Grade.GOT_IT, now, retention=retention, fuzz=False)
            state, now = after.state, parse_utc(after.due_utc)
        return now

    assert due_after(0.95) < due_after(0.9) < due_after(0.85)


def _fmt(moment: datetime) -> str:
    from emotrainer.core.clock import format_utc

    return format_utc(moment)


def _facts(word: str, kind: str, stability: float | None, last: int | None, n: int) -> CardFacts:
    return CardFacts(1, word, kind, "2026-01-01T00:00:00.000Z", stability, last, None, n)


def test_mastery_needs_two_strong_cards_and_no_recent_miss() -> None:
    strong = MASTERED_STABILITY_DAYS
    cards = [
        _facts("calm", "definition_to_word", strong, 3, 5),
        _facts("calm", "word_to_definition", strong + 1, 4, 5),
        _facts("sad", "definition_to_word", strong * 3, 3, 6),  # one strong card only
        _facts("sad", "word_to_definition", 2.0, 3, 2),
        _facts("numb", "definition_to_word", strong, 3, 5),
        _facts("numb", "word_to_definition", strong, 1, 6),  # last answered "missed"
        _facts("flat", "definition_to_word", None, None, 0),  # created, never reviewed
    ]
    assert word_mastery(cards) == {
        "calm": Mastery.MASTERED,
        "sad": Mastery.LEARNING,
        "numb": Mastery.LEARNING,
    }
    assert word_mastery([]) == {}
