"""Pieces of the therapist's plan form: the file dialogs, the question, the reminder list.

The dialogs are plain functions the page takes as keyword arguments, so tests
pass their own. The reminder list holds up to REMINDERS_MAX times of day,
each once, sorted as the plan keeps them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.homework import REMINDERS_MAX
from emotrainer.ui.widgets import copy_label

PLAN_FILTER = "Homework plans (*.emohw)"

ChooseOpen = Callable[[QWidget], Path | None]
ChooseSave = Callable[[QWidget, str], Path | None]  # (parent, suggested name)
Confirm = Callable[[QWidget, str], bool]  # (parent, question): go ahead?


def choose_plan_to_open(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(parent, "Open a homework plan", "", PLAN_FILTER)
    return Path(chosen) if chosen else None


def choose_where_to_save(parent: QWidget, suggested: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Save the homework plan", suggested, PLAN_FILTER
    )
    return Path(chosen) if chosen else None


def ask(parent: QWidget, question: str) -> bool:
    from emotrainer.ui.dialogs import confirm

    return confirm(parent, "Homework plan", question, "Go ahead", "Go back")


class ReminderList(QWidget):
    """Times of day for the plan's reminders: a list, a time to add, Remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._times: list[time] = []
        self.list = QListWidget()
        self.list.setAccessibleName("Reminder times")
        line = self.fontMetrics().height()
        self.list.setFixedHeight(line * 4 + 8)
        self.time_edit = QTimeEdit(QTime(9, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Reminder time to add")
        self.add_button = QPushButton("Add reminder")
        self.add_button.setAccessibleName("Add reminder")
        self.remove_button = QPushButton("Remove")
        self.remove_button.setAccessibleName("Remove the selected reminder")
        self.note = copy_label("", "muted")

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.time_edit)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.note)

        self.add_button.clicked.connect(self.add_current)
        self.remove_button.clicked.connect(self.remove_selected)
        self.time_edit.editingFinished.connect(self._update)
        self.list.currentRowChanged.connect(self._update)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_selected)
        self._show()

    def times(self) -> list[time]:
        return list(self._times)

    def set_times(self, times: list[time]) -> None:
        self._times = sorted(set(times))
        self._show()

    def add_current(self) -> None:
        chosen = self.time_edit.time()
        moment = time(chosen.hour(), chosen.minute())
        if moment in self._times:
            self.note.setText(f"{moment:%H:%M} is in the list already.")
            return
        if len(self._times) >= REMINDERS_MAX:
            return
        self._times = sorted([*self._times, moment])
        self._show(select=self._times.index(moment))
        self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self._times):
            return
        del self._times[row]
        self._show(select=min(row, len(self._times) - 1))
        self.changed.emit()

    def _show(self, select: int = -1) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for moment in self._times:
            item = QListWidgetItem(f"{moment:%H:%M}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        if select >= 0:
            self.list.setCurrentRow(select)
        self._update()

    def _update(self) -> None:
        full = len(self._times) >= REMINDERS_MAX
        self.add_button.setEnabled(not full)
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        if full:
            self.note.setText(f"A plan has at most {REMINDERS_MAX} reminders.")
        elif not self._times:
            self.note.setText(
                "None yet. At each time, Today shows “A moment for practice, if you like.”"
            )
        else:
            self.note.setText("")
