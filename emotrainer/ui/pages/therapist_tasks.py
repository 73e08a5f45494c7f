"""The tasks of the therapist's plan form: the list with its buttons, and the task editor.

The list shows each task in one line ("Check-in — 2 a day · focus: Fear"),
in the order the client sees them; Enter edits, Delete removes, Ctrl+Up and
Ctrl+Down move the selected one. The editor is a small dialog: the exercises
carry the names Today and the report give them (TASK_LABELS); the focus
families are a checkable list (Space ticks one). Instructions are plain text
up to INSTRUCTIONS_MAX characters; an overlong one is refused there, calmly,
and what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.homework import (
    INSTRUCTIONS_MAX,
    TASKS_MAX,
    TIMES_MAX,
    Frequency,
    TaskKind,
)
from emotrainer.core.homework_today import TASK_LABELS
from emotrainer.core.plan_draft import PlanDraft, TaskDraft, task_summary
from emotrainer.core.vocabulary import Word
from emotrainer.ui.widgets import copy_label, plain_label

FREQUENCY_WORDS = {Frequency.PER_DAY: "a day", Frequency.PER_WEEK: "a week"}


class TaskDialog(QDialog):
    """Edits a copy of one task; ``task()`` is the result once accepted."""

    def __init__(
        self,
        families: list[Word],
        task: TaskDraft | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        editing = task is not None
        self.setWindowTitle("Edit the task" if editing else "Add a task")
        start = task.copy() if task is not None else TaskDraft()

        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Exercise")
        for kind in TaskKind:
            self.kind_box.addItem(TASK_LABELS[kind], kind.value)
        self.kind_box.setCurrentIndex(self.kind_box.findData(start.kind.value))

        self.times_box = QSpinBox()
        self.times_box.setRange(1, TIMES_MAX)
        self.times_box.setValue(min(max(start.times, 1), TIMES_MAX))
        self.times_box.setAccessibleName("How many times")
        self.frequency_box = QComboBox()
        self.frequency_box.setAccessibleName("Per day or per week")
        for frequency, said in FREQUENCY_WORDS.items():
            self.frequency_box.addItem(said, frequency.value)
        self.frequency_box.setCurrentIndex(self.frequency_box.findData(start.frequency.value))
        how_often = QHBoxLayout()
        how_often.addWidget(self.times_box)
        how_often.addWidget(self.frequency_box)
        how_often.addStretch(1)

        self.families_list = QListWidget()
        self.families_list.setAccessibleName("Focus on these feeling families (optional)")
        for family in families:
            item = QListWidgetItem(family.label)
            item.setData(Qt.ItemDataRole.UserRole, family.id)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
            )
            checked = family.id in start.focus_families
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.families_list.addItem(item)
        if self.families_list.count():
            self.families_list.setCurrentRow(0)
        line = self.fontMetrics().height()
        self.families_list.setMinimumHeight(line * 6)
        # Families the vocabulary no longer has stay as they were (the check names them).
        self._other_families = [
            f for f in start.focus_families if f not in {w.id for w in families}
        ]

        self.instructions_edit = QPlainTextEdit()
        self.instructions_edit.setPlainText(start.instructions)
        self.instructions_edit.setTabChangesFocus(True)
        self.instructions_edit.setAccessibleName("Instructions for your client (optional)")
        self.instructions_edit.setMinimumHeight(line * 5)
        self.counter = copy_label("", "muted", wrap=False)
        self.reason = plain_label("")
        self.reason.setAccessibleName("Why the task was not kept")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(
            "Keep changes" if editing else "Add the task", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(copy_label("Exercise", wrap=False), self.kind_box)
        form.addRow(copy_label("How often", wrap=False), how_often)
        form.addRow(copy_label("Focus (optional)", wrap=False), self.families_list)
        words = QVBoxLayout()
        words.setSpacing(2)
        words.addWidget(self.instructions_edit)
        words.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(copy_label("Instructions (optional)", wrap=False), words)
        layout = QVBoxLayout(self)
        layout.addWidget(
            copy_label(
                "Your client sees the exercise, how often, and your instructions on Today. "
                "The focus families steer the word trainer.",
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.instructions_edit.textChanged.connect(self._count)
        self._count()
        self.setMinimumWidth(line * 28)
        self._result = start

    def _count(self) -> None:
        size = len(self.instructions_edit.toPlainText())
        self.counter.setText(f"{size:,} / {INSTRUCTIONS_MAX:,}")

    def checked_families(self) -> list[str]:
        chosen = []
        for row in range(self.families_list.count()):
            item = self.families_list.item(row)
            if item is not None and item.checkState() is Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return chosen + self._other_families

    def task(self) -> TaskDraft:
        """The task as the dialog holds it (valid once the dialog was accepted)."""
        return self._result

    def accept(self) -> None:
        instructions = self.instructions_edit.toPlainText()
        if len(instructions) > INSTRUCTIONS_MAX:
            self.reason.setText(
                f"The instructions can have at most {INSTRUCTIONS_MAX:,} characters; "
                f"these have {len(instructions):,}."
            )
            self.instructions_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._result = TaskDraft(
            kind=TaskKind(str(self.kind_box.currentData())),
            times=self.times_box.value(),
            frequency=Frequency(str(self.frequency_box.currentData())),
            focus_families=self.checked_families(),
            instructions=instructions,
        )
        super().accept()


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    return button


class TaskListEditor(QWidget):
    """The draft's tasks as a list, with Add task…, Edit…, Remove, Move up and Move down.

    It changes the PlanDraft it is given and says so with ``changed``.
    """

    changed = Signal()

    def __init__(
        self,
        draft: PlanDraft,
        families: Callable[[], list[Word]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._families = families
        self._draft = draft
        self.dialog: TaskDialog | None = None

        self.list = QListWidget()
        self.list.setAccessibleName("Tasks, in the order your client sees them")
        self.list.setMinimumHeight(self.fontMetrics().height() * 6)
        # Long lines wrap rather than scroll sideways; Edit… shows a task in full.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.add_button = _button("Add task…", "Add a task")
        self.edit_button = _button("Edit…", "Edit the selected task")
        self.remove_button = _button("Remove", "Remove the selected task")
        self.up_button = _button("Move up", "Move the selected task up")
        self.down_button = _button("Move down", "Move the selected task down")
        buttons = QVBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.remove_button,
            self.up_button,
            self.down_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(
            copy_label(
                "Enter edits the selected task, Delete removes it, Ctrl+Up and Ctrl+Down move it.",
                "muted",
            )
        )

        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        for keys, act in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.remove_selected),
            (QKeySequence("Ctrl+Up"), lambda: self.move_selected(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_selected(1)),
        ):
            shortcut = QShortcut(keys, self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(act)

    def set_draft(self, draft: PlanDraft) -> None:
        self._draft = draft
        self.show_tasks(0 if draft.tasks else -1)

    def show_tasks(self, select: int) -> None:
        labels = {f.id: f.label for f in self._families()}
        self.list.blockSignals(True)
        self.list.clear()
        for task in self._draft.tasks:
            text = task_summary(task, labels)
            item = QListWidgetItem(text)  # an item's text is never rich text
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if 0 <= select < len(self._draft.tasks):
            self.list.setCurrentRow(select)
        self._update_buttons()

    def _selected(self) -> int | None:
        row = self.list.currentRow()
        return row if 0 <= row < len(self._draft.tasks) else None

    def _update_buttons(self) -> None:
        row = self._selected()
        self.add_button.setEnabled(len(self._draft.tasks) < TASKS_MAX)
        self.edit_button.setEnabled(row is not None)
        self.remove_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < len(self._draft.tasks) - 1)

    def add_task(self) -> None:
        if len(self._draft.tasks) < TASKS_MAX:
            self._open_dialog(None)

    def edit_selected(self) -> None:
        row = self._selected()
        if row is not None:
            self._open_dialog(row)

    def _open_dialog(self, row: int | None) -> None:
        task = None if row is None else self._draft.tasks[row]
        dialog = TaskDialog(self._families(), task, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._kept(row, dialog.task()))
        dialog.finished.connect(lambda _result: self._dialog_closed())
        self.dialog = dialog
        dialog.open()

    def _kept(self, row: int | None, task: TaskDraft) -> None:
        if row is None:
            row = self._draft.add_task(task)
        else:
            self._draft.replace_task(row, task)
        self.show_tasks(row)
        self.changed.emit()

    def _dialog_closed(self) -> None:
        self.dialog = None
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def remove_selected(self) -> None:
        row = self._selected()
        if row is None:
            return
        self._draft.remove_task(row)
        self.show_tasks(min(row, len(self._draft.tasks) - 1))
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        row = self._selected()
        if row is None:
            return
        moved = self._draft.move_up(row) if step < 0 else self._draft.move_down(row)
        if moved != row:
            self.show_tasks(moved)
            self.changed.emit()
