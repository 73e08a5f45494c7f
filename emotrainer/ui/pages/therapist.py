"""Therapist tools: write a homework plan and save it as ``.emohw``; open a client's report.

The page is for a therapist writing a plan for someone else, so it never
reads or writes the user's own entries: it holds a PlanDraft (core.plan_draft)
and nothing else. Every edit rebuilds the plan through the same check a
client's import runs; the reason it cannot be saved yet is shown beside
Save as…, and the preview is drawn by the code of the client's Today card
(today_homework.plan_widgets). Text typed here ends up on the client's
screen, so it is shown as plain text in the list and the preview as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.homework import FIRST_DATE, LAST_DATE, NAME_MAX, TITLE_MAX
from emotrainer.core.plan_draft import (
    PlanDraft,
    PlanWriteError,
    describe_problem,
    suggested_file_name,
    with_plan_suffix,
    write_plan_file,
)
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.ui.pages.therapist_form import (
    ChooseOpen,
    ChooseSave,
    Confirm,
    ReminderList,
    ask,
    choose_plan_to_open,
    choose_where_to_save,
)
from emotrainer.ui.pages.therapist_tasks import TaskDialog, TaskListEditor
from emotrainer.ui.widgets import Card, copy_label, page_column, plain_label

INTRODUCTION = (
    "These tools are for therapists who give emotrainer practice as homework. Write a plan "
    "here and save it as a file for your client. They bring it in with File → Import a "
    "homework plan… (or by dropping the file on the window), and it stays on their computer. "
    "Nothing on this page reads or changes your own entries."
)
_PLACE = re.compile(r"^(\w+)(?:\[(\d+)\])?")


def _button(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    return button


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(accessible: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("ddd d MMM yyyy")
    edit.setDateRange(_qdate(FIRST_DATE), _qdate(LAST_DATE))
    edit.setAccessibleName(accessible)
    return edit


class TherapistPage(QWidget):
    title = "Therapist tools"

    def __init__(
        self,
        vocabulary: Callable[[], Vocabulary],
        open_report: Callable[[], None],
        parent: QWidget | None = None,
        *,
        choose_open: ChooseOpen = choose_plan_to_open,
        choose_save: ChooseSave = choose_where_to_save,
        confirm: Confirm = ask,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._choose_open = choose_open
        self._choose_save = choose_save
        self._confirm = confirm
        self._today = today
        self.draft = PlanDraft.new(today())
        self._saved = self.draft.copy()  # what the file (or the empty form) holds
        self.saved_path: Path | None = None
        self._loading = False

        report = Card("Open a client's report")
        report.body.addWidget(
            copy_label(
                "A report your client brings (an .emoreport file) opens in a window of its "
                "own, read-only. It never mixes with anything stored here.",
                "muted",
            )
        )
        self.report_button = _button("Open a report…", "Open a client's report")
        self.report_button.clicked.connect(lambda: open_report())
        report.body.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignLeft)

        plan = Card("Write a homework plan")
        self.new_button = _button("New plan", "Start a new plan")
        self.open_button = _button("Open a plan…", "Open a plan to edit")
        files = QHBoxLayout()
        files.addWidget(self.new_button)
        files.addWidget(self.open_button)
        files.addStretch(1)
        plan.body.addLayout(files)

        self.title_edit = self._line_edit(TITLE_MAX, "Title", "Two weeks: noticing anger")
        self.therapist_edit = self._line_edit(NAME_MAX, "Your name (optional)", "optional")
        self.client_edit = self._line_edit(NAME_MAX, "Client's name (optional)", "optional")
        self.start_edit = _date_edit("First day")
        self.end_edit = _date_edit("Last day")
        dates = QHBoxLayout()
        dates.addWidget(self.start_edit)
        dates.addWidget(copy_label("to", wrap=False))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)

        self.tasks = TaskListEditor(self.draft, lambda: self._vocabulary().families)
        self.task_list = self.tasks.list  # the pieces tests and the focus need
        self.add_button = self.tasks.add_button
        self.edit_button = self.tasks.edit_button
        self.remove_button = self.tasks.remove_button
        self.up_button = self.tasks.up_button
        self.down_button = self.tasks.down_button
        self.reminders = ReminderList()

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(copy_label("Title", wrap=False), self.title_edit)
        form.addRow(copy_label("Your name", wrap=False), self.therapist_edit)
        form.addRow(copy_label("Client's name", wrap=False), self.client_edit)
        form.addRow(copy_label("Days", wrap=False), dates)
        form.addRow(copy_label("Tasks", wrap=False), self.tasks)
        form.addRow(copy_label("Reminders", wrap=False), self.reminders)
        plan.body.addLayout(form)

        self.save_button = _button("Save as…", "Save the plan as a file")
        self.problem = plain_label("")
        self.problem.setAccessibleName("Whether the plan can be saved")
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)
        save_row.addWidget(self.problem, 1)
        plan.body.addLayout(save_row)
        self.status = plain_label("", "muted")
        plan.body.addWidget(self.status)

        preview = Card("Preview — as your client will see it on Today")
        self.preview_box = QVBoxLayout()
        self.preview_box.setSpacing(4)
        preview.body.addLayout(self.preview_box)

        layout = page_column(self)
        layout.addWidget(copy_label(self.title, "title"))
        layout.addWidget(copy_label(INTRODUCTION, "muted"))
        layout.addWidget(report)
        layout.addWidget(plan)
        layout.addWidget(preview)
        layout.addStretch(1)

        self.title_edit.textEdited.connect(self._fields_edited)
        self.therapist_edit.textEdited.connect(self._fields_edited)
        self.client_edit.textEdited.connect(self._fields_edited)
        self.start_edit.dateChanged.connect(self._fields_edited)
        self.end_edit.dateChanged.connect(self._fields_edited)
        self.reminders.changed.connect(self._fields_edited)
        self.tasks.changed.connect(self._refresh)
        self.new_button.clicked.connect(self.new_plan)
        self.open_button.clicked.connect(lambda: self.open_plan())
        self.save_button.clicked.connect(lambda: self.save_as())
        self._load(self.draft)

    def _line_edit(self, max_length: int, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        return edit

    def on_change(self, change: Change) -> None:
        # Nothing of the user's data lives here; only the family names could change.
        if change.touches(words=True):
            self.tasks.show_tasks(self.task_list.currentRow())
            self._refresh()

    # -- the draft and the form ----------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Whether the form holds edits that no file has."""
        return self.draft != self._saved

    def _families(self) -> list[str]:
        return [f.id for f in self._vocabulary().families]

    def _load(self, draft: PlanDraft) -> None:
        self.draft = draft
        self._saved = draft.copy()
        self._loading = True
        self.title_edit.setText(draft.title)
        self.therapist_edit.setText(draft.therapist)
        self.client_edit.setText(draft.client)
        for edit in (self.title_edit, self.therapist_edit, self.client_edit):
            edit.setCursorPosition(0)  # a long title shows its beginning
        self.start_edit.setDate(_qdate(draft.start))
        self.end_edit.setDate(_qdate(draft.end))
        self.reminders.set_times(draft.reminders)
        self._loading = False
        self.tasks.set_draft(draft)
        self._refresh()

    def _fields_edited(self) -> None:
        if self._loading:
            return
        self.draft.title = self.title_edit.text().strip()
        self.draft.therapist = self.therapist_edit.text().strip()
        self.draft.client = self.client_edit.text().strip()
        self.draft.start = self.start_edit.date().toPython()  # type: ignore[assignment]
        self.draft.end = self.end_edit.date().toPython()  # type: ignore[assignment]
        self.draft.reminders = self.reminders.times()
        self._refresh()

    def _refresh(self) -> None:
        """The reason beside Save as…, and the preview, from the draft as it is now."""
        from emotrainer.ui.pages.today_homework import plan_widgets

        while self.preview_box.count():
            item = self.preview_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # gone from the page now, not when the event loop gets to it
                widget.deleteLater()
        try:
            plan = self.draft.build(self._families())
        except BadInput as exc:
            reason = describe_problem(str(exc))
            self.problem.setText(reason)
            self.preview_box.addWidget(
                plain_label(f"The preview appears once the plan is complete ({reason}).", "muted")
            )
            return
        self.problem.setText("Ready to save.")
        today = self._today()
        day = today if plan.start <= today <= plan.end else plan.start
        self.preview_box.addWidget(
            copy_label(f"As on {day:%A} {day.day} {day:%B}, before anything is done:", "muted")
        )
        for widget in plan_widgets(plan, [], day):
            self.preview_box.addWidget(widget)

    # -- tasks ---------------------------------------------------------------------

    @property
    def task_dialog(self) -> TaskDialog | None:
        """The task editor while it is open."""
        return self.tasks.dialog

    def add_task(self) -> None:
        self.tasks.add_task()

    def edit_selected(self) -> None:
        self.tasks.edit_selected()

    # -- files -----------------------------------------------------------------------

    def _may_leave(self, question: str) -> bool:
        return not self.dirty or self._confirm(self, question)

    def new_plan(self) -> None:
        if not self._may_leave("Start a new plan? The changes to this one are not saved."):
            return
        self.saved_path = None
        self._load(PlanDraft.new(self._today()))
        self.status.setText("")
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_plan(self, path: Path | None = None) -> bool:
        """Open an ``.emohw`` to edit; a file that does not pass is refused, naming the place."""
        from emotrainer.core.homework import read_plan_file
        from emotrainer.ui import dialogs

        if not self._may_leave("Open another plan? The changes to this one are not saved."):
            return False
        chosen = path or self._choose_open(self)
        if chosen is None:
            return False
        try:
            plan = read_plan_file(chosen, self._families())
        except BadInput as exc:
            dialogs.show_known_error(
                "This plan could not be opened",
                f"{exc}\n\nThe plan on the page is unchanged.",
                self,
            )
            return False
        self.saved_path = chosen
        self._load(PlanDraft.from_plan(plan))
        self.status.setText(
            f"Opened {chosen}. Saving keeps the plan's identity, so your client's copy is "
            "updated when they import it again."
        )
        return True

    def save_as(self) -> Path | None:
        """Ask where, then write the plan; None when it is not valid yet or nothing was chosen."""
        from emotrainer.ui import dialogs

        try:
            plan = self.draft.build(self._families())
        except BadInput as exc:
            self.problem.setText(describe_problem(str(exc)))
            self._focus_place(str(exc))
            return None
        suggested = str(self.saved_path) if self.saved_path else suggested_file_name(plan.title)
        chosen = self._choose_save(self, suggested)
        if chosen is None:
            return None
        target = with_plan_suffix(chosen)
        # The dialog asked about replacing the name it returned, not one we added .emohw to.
        if target != chosen and target.exists():
            question = f"{target.name} exists already. Replace it with this plan?"
            if not self._confirm(self, question):
                return None
        try:
            written = write_plan_file(plan, target)
        except PlanWriteError as exc:
            dialogs.show_known_error("The plan was not saved", str(exc), self)
            return None
        self.saved_path = written
        self._saved = self.draft.copy()
        self.status.setText(
            f"Saved as {written}. Give this file to your client; they import it with "
            "File → Import a homework plan…."
        )
        return written

    def _focus_place(self, message: str) -> None:
        """Put the focus where the problem is: "tasks[2].times: …" selects task 3."""
        match = _PLACE.match(message)
        name, index = (match[1], match[2]) if match else ("", None)
        fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "therapist": self.therapist_edit,
            "client": self.client_edit,
            "start": self.start_edit,
            "end": self.end_edit,
            "reminders": self.reminders.list,
        }
        if name == "tasks":
            if index is not None:
                self.task_list.setCurrentRow(int(index))
            target: QWidget = self.task_list if self.draft.tasks else self.add_button
        else:
            target = fields.get(name, self.save_button)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
