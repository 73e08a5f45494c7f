"""Spaced repetition for the word trainer: card kinds, FSRS scheduling, mastery.

One card per (word, kind). Its scheduler state is the ``fsrs`` package's Card
as its own dict (``Card.to_dict``), stored beside every review; the rating a
person gives maps one to one onto FSRS's four ratings:

    Missed (1) → Again · Hard (2) → Hard · Got it (3) → Good · Easy (4) → Easy

``fsrs`` is imported only when a card is scheduled, so opening the window,
the word browser and ``stats`` never load it.

Mastery (see ``word_mastery``): a word is *mastered* when at least
``MASTERED_CARDS`` of its cards have a stability of ``MASTERED_STABILITY_DAYS``
days or more and none of its cards was last answered "Missed". Stability is
FSRS's estimate of how many days it takes for the chance of recalling a card
to fall to 90 %; 21 days is the usual line for a "mature" card.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING, Any

from emotrainer.core.clock import format_utc, parse_utc

if TYPE_CHECKING:
    import fsrs

MASTERED_STABILITY_DAYS = 21.0
MASTERED_CARDS = 2
DEFAULT_RETENTION = 0.9
RETENTION_CHOICES = (0.85, 0.9, 0.95)


class CardKind(StrEnum):
    DEFINITION_TO_WORD = "definition_to_word"
    WORD_TO_DEFINITION = "word_to_definition"
    CONTRAST = "contrast"
    SCENARIO_TO_WORD = "scenario_to_word"
    BODY_TO_WORD = "body_to_word"


KIND_LABELS: dict[CardKind, str] = {
    CardKind.DEFINITION_TO_WORD: "Meaning → word",
    CardKind.WORD_TO_DEFINITION: "Word → meaning",
    CardKind.CONTRAST: "Close words",
    CardKind.SCENARIO_TO_WORD: "Situation → word",
    CardKind.BODY_TO_WORD: "Body → word",
}


class Grade(IntEnum):
    """The person's own rating of a card; the values are FSRS's ratings."""

    MISSED = 1
    HARD = 2
    GOT_IT = 3
    EASY = 4


GRADE_LABELS: dict[Grade, str] = {
    Grade.MISSED: "Missed",
    Grade.HARD: "Hard",
    Grade.GOT_IT: "Got it",
    Grade.EASY: "Easy",
}


class Mastery(StrEnum):
    NEW = "new"  # no card yet
    LEARNING = "learning"
    MASTERED = "mastered"


MASTERY_LABELS: dict[Mastery, str] = {
    Mastery.NEW: "Not practised yet",
    Mastery.LEARNING: "Learning",
    Mastery.MASTERED: "Mastered",
}


@dataclass(frozen=True, slots=True)
class CardFacts:
    """What planning a session and mastery need of a stored card (no FSRS state)."""

    id: int
    word_id: str
    kind: str
    due_utc: str
    stability: float | None
    last_rating: int | None
    first_review_utc: str | None
    reviews: int


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A card after a review: its new FSRS state and the columns kept beside it."""

    state: dict[str, Any]
    due_utc: str
    stability: float | None


@dataclass(frozen=True, slots=True)
class PastReview:
    reviewed_utc: str
    rating: int


def _scheduler(retention: float, fuzz: bool) -> fsrs.Scheduler:
    import fsrs

    if not 0.7 <= retention <= 0.99:
        raise ValueError(f"desired retention {retention} is outside 0.7–0.99")
    return fsrs.Scheduler(desired_retention=retention, enable_fuzzing=fuzz)


def _card(
    card_id: int, state: dict[str, Any] | None, history: Sequence[PastReview], retention: float
) -> fsrs.Card:
    """The FSRS card for a stored state; rebuilt from its reviews if the state is unreadable.

    An imported or hand-edited state may not be FSRS's; the reviews are the
    record, so the card is replayed from them rather than reset.
    """
    import fsrs

    if state is not None:
        try:
            card = fsrs.Card.from_dict(state)  # type: ignore[arg-type]
            if card.due.tzinfo is not None:
                card.card_id = card_id
                return card
        except (KeyError, TypeError, ValueError):
            pass
    fresh = fsrs.Card(card_id=card_id, due=datetime(2000, 1, 1, tzinfo=UTC))
    if not history:
        return fresh
    logs = [
        fsrs.ReviewLog(
            card_id=card_id,
            rating=fsrs.Rating(r.rating),
            review_datetime=parse_utc(r.reviewed_utc),
            review_duration=None,
        )
        for r in sorted(history, key=lambda r: r.reviewed_utc)
    ]
    return _scheduler(retention, fuzz=False).reschedule_card(fresh, logs)


def review(
    card_id: int,
    state: dict[str, Any] | None,
    grade: Grade,
    now: datetime,
    *,
    retention: float = DEFAULT_RETENTION,
    history: Sequence[PastReview] = (),
    fuzz: bool = True,
) -> Scheduled:
    """Schedule a card after the person rated it ``grade`` at ``now`` (aware).

    ``state`` None is a new card. ``fuzz`` spreads due dates a little so that
    cards learnt together do not all fall due on the same day (off in tests).
    """
    card = _card(card_id, state, history, retention)
    if state is None and not history:
        card.due = now
    import fsrs

    reviewed, _log = _scheduler(retention, fuzz).review_card(
        card, fsrs.Rating(grade.value), now.astimezone(UTC)
    )
    return Scheduled(dict(reviewed.to_dict()), format_utc(reviewed.due), reviewed.stability)


def word_mastery(cards: Iterable[CardFacts]) -> dict[str, Mastery]:
    """Every word with at least one reviewed card → learning or mastered."""
    strong: dict[str, int] = {}
    lapsed: set[str] = set()
    for card in cards:
        if card.reviews == 0:
            continue
        strong.setdefault(card.word_id, 0)
        if card.last_rating == Grade.MISSED:
            lapsed.add(card.word_id)
        elif card.stability is not None and card.stability >= MASTERED_STABILITY_DAYS:
            strong[card.word_id] += 1
    return {
        word: Mastery.MASTERED
        if count >= MASTERED_CARDS and word not in lapsed
        else Mastery.LEARNING
        for word, count in strong.items()
    }


@dataclass(frozen=True, slots=True)
class TrainerProgress:
    """The trainer's figures for ``stats`` and the progress work."""

    words_mastered: int
    words_learning: int
    cards: int  # cards reviewed at least once
    reviews: int

    def as_json(self) -> dict[str, object]:
        return {
            "words_mastered": self.words_mastered,
            "words_learning": self.words_learning,
            "cards": self.cards,
            "reviews": self.reviews,
            "mastered_when": {
                "cards_at_least": MASTERED_CARDS,
                "stability_days_at_least": MASTERED_STABILITY_DAYS,
            },
        }


def trainer_progress(cards: Sequence[CardFacts]) -> TrainerProgress:
    masteries = word_mastery(cards)
    mastered = sum(m is Mastery.MASTERED for m in masteries.values())
    return TrainerProgress(
        words_mastered=mastered,
        words_learning=len(masteries) - mastered,
        cards=sum(1 for c in cards if c.reviews),
        reviews=sum(c.reviews for c in cards),
    )
