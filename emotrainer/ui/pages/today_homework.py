"""Today's homework card: each active plan's tasks for today and this week, in plain text.

Loaded only when a plan is active, so that start-up without homework pays
nothing for it. Everything from the plan file (title, names, instructions)
is shown as plain text: it came from outside.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtWidgets import QWidget

from emotrainer.core.adherence import Done
from emotrainer.core.homework import Plan, parse_plan
from emotrainer.core.homework_today import plan_today
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store
from emotrainer.ui.widgets import copy_label, plain_label


def active_plans(store: Store, vocabulary: Vocabulary) -> list[Plan]:
    """The active plans; one that no longer validates (a vocabulary change) is left out."""
    families = [f.id for f in vocabulary.families]
    plans = []
    for stored in store.homework_plans():
        if not stored.active:
            continue
        try:
            plans.append(parse_plan(stored.document, families))
        except BadInput:
            continue
    return plans


def homework_widgets(store: Store, vocabulary: Vocabulary, day: date) -> list[QWidget]:
    widgets: list[QWidget] = []
    for plan in active_plans(store, vocabulary):
        if day > plan.end:
            continue  # a finished plan stays in the data (and in reports), not on Today
        done = store.homework_done(plan.start, min(day, plan.end))
        widgets.extend(plan_widgets(plan, done, day))
    return widgets


def plan_widgets(plan: Plan, done: Iterable[Done], day: date) -> list[QWidget]:
    """One plan as Today shows it on ``day``; also the therapist form's preview.

    Its title, names and instructions came from a file, so they are plain labels.
    """
    today = plan_today(plan, done, day)
    widgets: list[QWidget] = [plain_label(today.title, "section")]
    by = f"From {today.therapist}, " if today.therapist else ""
    widgets.append(plain_label(f"{by}{today.when}.", "muted"))
    for line in today.tasks:
        mark = "✓ " if line.done else "• "
        label = plain_label(mark + line.text)
        label.setAccessibleName(line.text + (", done" if line.done else ""))
        widgets.append(label)
        if line.instructions:
            widgets.append(plain_label(line.instructions, "muted"))
    if today.so_far:
        widgets.append(copy_label(today.so_far, "muted"))
    return widgets
