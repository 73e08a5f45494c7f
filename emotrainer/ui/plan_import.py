"""Bringing a therapist's homework plan in: File → Import a homework plan…, or a drop.

The file is validated in full (core.homework) before anything is stored; a
refusal is one calm sentence naming the file and the place, and changes
nothing. Nothing from the file is shown as rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from emotrainer.core.changes import Change
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store

PLAN_SUFFIX = ".emohw"


def choose_plan_file(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Import a homework plan", "", "Homework plans (*.emohw)"
    )
    return Path(chosen) if chosen else None


def import_plan_file(
    parent: QWidget,
    store: Store,
    vocabulary: Vocabulary,
    path: Path,
    publish: Callable[[Change], None],
) -> str | None:
    """Import ``path``; the outcome ("added", "updated", "same"), or None when refused."""
    from emotrainer.core.homework import read_plan_file
    from emotrainer.ui.dialogs import show_known_error

    try:
        plan = read_plan_file(path, [f.id for f in vocabulary.families])
        outcome, change = store.import_plan(plan)
    except (BadInput, StoreError) as exc:
        show_known_error("This plan was not imported", f"{exc}\n\nNothing was changed.", parent)
        return None
    publish(change)
    said = {
        "added": "The plan is on Today now.",
        "updated": "The plan was updated; what you did so far still counts.",
        "same": "You had this plan already; nothing changed.",
    }[outcome]
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Homework plan",
        f"“{plan.title}” ({plan.start:%d %B} to {plan.end:%d %B}). {said}",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    from PySide6.QtCore import Qt

    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()  # not modal-blocking: the window stays usable, tests can read it
    return outcome
