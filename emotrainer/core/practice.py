"""One word-trainer session as it is worked through: question, answer, rating. Pure, no Qt.

``Practice`` walks a ``SessionPlan``: ``current`` is the question on screen,
``answer`` gives the teaching feedback, ``rate`` takes the person's rating and
returns the review for the store, then moves on. Ending early is always
allowed: every rated card has been stored already, so nothing is lost.
A card that cannot be asked any more (its word was removed) is passed over.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from emotrainer.core.questions import Feedback, Question, QuestionError, judge, make_question
from emotrainer.core.scenarios import Scenario
from emotrainer.core.srs import Grade
from emotrainer.core.training import Planned, SessionPlan
from emotrainer.core.vocabulary import Vocabulary


class PracticeError(ValueError):
    """A move the session does not allow now (rating before answering, …)."""


@dataclass(frozen=True, slots=True)
class Done:
    """A rated card: what the store keeps as the review."""

    word_id: str
    kind: str
    grade: Grade
    answer: str
    duration_ms: int | None
    right: bool
    is_new: bool


class Practice:
    def __init__(
        self,
        plan: SessionPlan,
        vocabulary: Vocabulary,
        scenarios: Mapping[str, Sequence[Scenario]],
        *,
        seed: int | None = None,
        seen_reviews: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self._vocabulary = vocabulary
        self._rng = random.Random(seed)
        self._questions: list[tuple[Planned, Question]] = []
        for planned in plan.cards:
            seen = (seen_reviews or {}).get((planned.word_id, planned.kind.value), 0)
            try:
                question = make_question(planned, vocabulary, scenarios, self._rng, seen)
            except QuestionError:
                continue
            self._questions.append((planned, question))
        self._index = 0
        self._answer: tuple[str, Feedback, int | None] | None = None
        self.done: list[Done] = []
        self.ended_early = False

    @property
    def total(self) -> int:
        return len(self._questions)

    @property
    def position(self) -> int:
        """1-based number of the current card (total + 1 when finished)."""
        return self._index + 1

    @property
    def finished(self) -> bool:
        return self.ended_early or self._index >= len(self._questions)

    @property
    def current(self) -> Question | None:
        return None if self.finished else self._questions[self._index][1]

    @property
    def feedback(self) -> Feedback | None:
        return None if self._answer is None else self._answer[1]

    @property
    def chosen(self) -> str | None:
        return None if self._answer is None else self._answer[0]

    def answer(self, key: str, duration_ms: int | None = None) -> Feedback:
        question = self.current
        if question is None:
            raise PracticeError("the session is over")
        if self._answer is not None:
            raise PracticeError("this card is answered already")
        if key not in {o.key for o in question.options}:
            raise PracticeError(f"{key!r} is not one of the choices")
        feedback = judge(question, key, self._vocabulary)
        self._answer = (key, feedback, duration_ms)
        return feedback

    def rate(self, grade: Grade) -> Done:
        if self._answer is None or self.finished:
            raise PracticeError("answer the card before rating it")
        planned, _question = self._questions[self._index]
        key, feedback, duration = self._answer
        done = Done(
            planned.word_id,
            planned.kind.value,
            grade,
            key,
            duration,
            feedback.right,
            planned.is_new,
        )
        self.done.append(done)
        self._answer = None
        self._index += 1
        return done

    def end(self) -> None:
        """Stop here; what was rated is kept, the card on screen is left as it was."""
        self.ended_early = True

    def summary(self) -> list[str]:
        """A few kind lines about what was practised: counts, never a score."""
        if not self.done:
            return ["Nothing was practised this time, and that is fine. The words will wait."]
        cards = len(self.done)
        new = sum(d.is_new for d in self.done)
        words = len({d.word_id for d in self.done})
        lines = [f"You practised {_count(words, 'word')} today."]
        if new:
            lines.append(f"{_count(new, 'of them was', 'of them were')} new to you.")
        again = [
            self._vocabulary.get(d.word_id).label for d in self.done if d.grade is Grade.MISSED
        ]
        if again:
            lines.append("These will come back soon for another look: " + ", ".join(again) + ".")
        if self.ended_early and cards < self.total:
            lines.append("You stopped early; what you did is saved.")
        return lines


def _count(n: int, one: str, many: str | None = None) -> str:
    if many is None:
        many = one + "s"
    return f"{n} {one if n == 1 else many}"
