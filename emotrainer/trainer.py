"""The word trainer over a store: one read, the next session's plan, its practice.

Shared by the trainer page, ``screenshot`` and ``benchmarks/trainer.py``, so
the benchmark measures exactly what pressing Start does. No Qt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
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
    settings: TrainerSettings  # its focus includes the homework's (``homework_focus``)
    named: dict[str, int]  # how often each word was named in exercises
    homework_focus: frozenset[str] = frozenset()  # families an active plan asks to practise


def settings_of(store: Store) -> TrainerSettings:
    return TrainerSettings.from_values(
        store.setting(DAILY_NEW_KEY),
        store.setting(FOCUS_KEY),
        store.setting(RETENTION_KEY),
        store.setting(SESSION_SIZE_KEY),
    )


def homework_focus(store: Store, today: date | None = None) -> frozenset[str]:
    """The families today's active homework asks the trainer to focus on.

    A plan's trainer tasks name them; a plan without one lends its tasks'
    focus families as a whole. Nothing is loaded when no plan is active.
    """
    if not store.has_active_plans():
        return frozenset()
    from emotrainer.content import shipped_vocabulary
    from emotrainer.core.homework import TaskKind, parse_plan
    from emotrainer.core.validate import BadInput

    day = today or date.today()
    families = [f.id for f in shipped_vocabulary().families]
    focus: set[str] = set()
    for stored in store.homework_plans():
        if not stored.active:
            continue
        try:
            plan = parse_plan(stored.document, families)
        except BadInput:
            continue
        if not plan.start <= day <= plan.end:
            continue
        trainer = [t for t in plan.tasks if t.kind is TaskKind.TRAINER and t.focus_families]
        for task in trainer or plan.tasks:
            focus.update(task.focus_families)
    return frozenset(focus)


def read_state(store: Store, today: date | None = None) -> TrainerState:
    settings = settings_of(store)
    from_homework = homework_focus(store, today)
    if from_homework:
        settings = replace(settings, focus=settings.focus | from_homework)
    return TrainerState(
        store.trainer_cards(),
        settings,
        {use.word_id: use.times for use in store.word_uses()},
        from_homework,
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
