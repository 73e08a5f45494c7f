"""The word trainer over a store: one read, the next session's plan, its practice.

Shared by the trainer page, ``screenshot`` and ``benchmarks/trainer.py``, so
the benchmark measures exactly what pressing Start does. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from datetime import time as clock_time

from emotrainer.core.practice import Practice
from emotrainer.core.scenarios import Scenario
from emotrainer.core.srs import CardFacts
from emotrainer.core.training import (
    DAILY_NEW_KEY,
    FOCUS_KEY,
    RETENTION_KEY,
    SESSION_SIZE_KEY,
    SessionPlan,
    TrainerSettings,
    plan_session,
)
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store


@dataclass(frozen=True, slots=True)
class TrainerState:
    """What the trainer needs from the store, read once."""

    cards: list[CardFacts]
    settings: TrainerSettings
    named: dict[str, int]  # how often each word was named in exercises


def settings_of(store: Store) -> TrainerSettings:
    return TrainerSettings.from_values(
        store.setting(DAILY_NEW_KEY),
        store.setting(FOCUS_KEY),
        store.setting(RETENTION_KEY),
        store.setting(SESSION_SIZE_KEY),
    )


def read_state(store: Store) -> TrainerState:
    return TrainerState(
        store.trainer_cards(),
        settings_of(store),
        {use.word_id: use.times for use in store.word_uses()},
    )


def plan_from(
    state: TrainerState,
    vocabulary: Vocabulary,
    scenarios: Mapping[str, Sequence[Scenario]],
    now: datetime | None = None,
) -> SessionPlan:
    """The next session as of ``now``; the daily limit counts over the local day."""
    moment = (now or datetime.now()).astimezone()
    day_start = datetime.combine(moment.date(), clock_time(0), moment.tzinfo)
    return plan_session(
        state.cards,
        vocabulary,
        scenarios.keys(),
        moment,
        day_start,
        state.settings,
        state.named,
    )


def start_practice(
    state: TrainerState,
    plan: SessionPlan,
    vocabulary: Vocabulary,
    scenarios: Mapping[str, Sequence[Scenario]],
    seed: int | None = None,
) -> Practice:
    seen = {(c.word_id, c.kind): c.reviews for c in state.cards}
    return Practice(plan, vocabulary, scenarios, seed=seed, seen_reviews=seen)
