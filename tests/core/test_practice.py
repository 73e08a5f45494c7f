"""A trainer session as it is worked through: answer, rate, end early, a kind summary."""

from __future__ import annotations

import pytest

from emotrainer.content import shipped_scenarios, shipped_vocabulary
from emotrainer.core.practice import Practice, PracticeError
from emotrainer.core.srs import CardKind, Grade
from emotrainer.core.training import Planned, SessionPlan

V = shipped_vocabulary()


def practice(*words: str, kind: CardKind = CardKind.DEFINITION_TO_WORD) -> Practice:
    plan = SessionPlan(tuple(Planned(w, kind, True) for w in words), 0, 0)
    return Practice(plan, V, shipped_scenarios(), seed=1)


def test_a_session_goes_question_answer_rating_to_the_end() -> None:
    p = practice("anxious", "numb", "glad")
    assert p.total == 3 and p.position == 1 and not p.finished
    for expected in ("anxious", "numb", "glad"):
        q = p.current
        assert q is not None and q.word_id == expected
        feedback = p.answer(expected, 1200)
        assert feedback.right
        done = p.rate(Grade.GOT_IT)
        assert (done.word_id, done.answer, done.duration_ms) == (expected, expected, 1200)
    assert p.finished and p.current is None
    assert [d.grade for d in p.done] == [Grade.GOT_IT] * 3


def test_moves_out_of_order_are_refused() -> None:
    p = practice("anxious")
    with pytest.raises(PracticeError):
        p.rate(Grade.EASY)
    with pytest.raises(PracticeError):
        p.answer("not_a_choice")
    p.answer("anxious")
    with pytest.raises(PracticeError):
        p.answer("anxious")
    p.rate(Grade.EASY)
    with pytest.raises(PracticeError):
        p.answer("anxious")


def test_ending_early_keeps_what_was_rated_and_says_so_kindly() -> None:
    p = practice("anxious", "numb", "glad")
    q = p.current
    assert q is not None
    other = next(o.key for o in q.options if o.key != "anxious")
    p.answer(other)
    p.rate(Grade.MISSED)
    p.answer("numb")  # answered, never rated: not kept
    p.end()
    assert p.finished and len(p.done) == 1
    summary = " ".join(p.summary())
    assert "You practised 1 word today." in summary
    assert "Anxious" in summary and "come back soon" in summary
    assert "saved" in summary
    for harsh in ("wrong", "fail", "score", "%"):
        assert harsh not in summary.lower()


def test_nothing_practised_is_fine_too() -> None:
    p = practice("anxious")
    p.end()
    assert p.summary() == [
        "Nothing was practised this time, and that is fine. The words will wait."
    ]


def test_cards_that_cannot_be_asked_are_passed_over() -> None:
    p = practice("user_gone", "anxious")
    assert p.total == 1 and p.current is not None and p.current.word_id == "anxious"
