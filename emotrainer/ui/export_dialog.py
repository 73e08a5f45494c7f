"""File → Export a report…: choose the kind of file, the days and what goes in, then write it.

The dialog only gathers choices and shows what will be written ("41 entries
from 3 to 30 November 2026", and in a plain sentence which sections, and
whether the notes are in); the writing is ``emotrainer.exporting.write_export``,
the same as ``emotrainer export``. The notes are the most private part, so
they are left out unless the person ticks them in (SPEC §2, §4.4). The store
is only read. A path or a plan title is shown as plain text, never rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.report import DEFAULT_SECTIONS, Section
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.exporting import (
    FORMATS,
    SUFFIXES,
    ExportResult,
    Format,
    contents_sentence,
    days_text,
    entries_text,
    export_blocker,
    quick_range,
    suggested_name,
    write_export,
)
from emotrainer.paths import DataDirError
from emotrainer.storage.errors import StoreError
from emotrainer.storage.report import count_between, current_plan, first_entry_day
from emotrainer.storage.store import Store
from emotrainer.ui.widgets import copy_label, plain_label

ChoosePath = Callable[[QWidget, str, str], Path | None]

FORMAT_TEXTS: dict[Format, tuple[str, str]] = {
    "pdf": ("PDF report", "For reading together: on screen or printed."),
    "report": (".emoreport file", "For your therapist's emotrainer, which opens it read-only."),
    "csv": ("CSV table", "One row per feeling named, for spreadsheets."),
}
FILTERS: dict[Format, str] = {
    "pdf": "PDF reports (*.pdf)",
    "report": "emotrainer reports (*.emoreport)",
    "csv": "CSV tables (*.csv)",
}
SECTION_TEXTS = {
    Section.SUMMARY: "Summary figures",
    Section.CHARTS: "Charts and the body map",
    Section.WORDS: "The words you used",
    Section.HOMEWORK: "Homework",
}
NOTES_TEXT = "Include my notes"
NOTES_EXPLAINED = "Your notes are what you wrote yourself. They are left out unless you tick this."
CSV_SECTIONS = "A CSV has no sections: every row is one feeling named. Only the notes can be added."
QUICK_TEXTS = {
    "week": "Last 7 days",
    "four_weeks": "Last 28 days",
    "plan": "This homework plan",
    "all": "Everything",
    "chosen": "Days I choose",
}
NOT_WRITTEN = "The report was not written"
FIRST_DATE = QDate(1900, 1, 1)
LAST_DATE = QDate(9000, 12, 31)  # far enough, and clear of date's overflow


def choose_save_path(parent: QWidget, suggested: str, name_filter: str) -> Path | None:
    """Ask where to save; None when the person cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, "Export a report", suggested, name_filter)
    return Path(chosen) if chosen else None


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _explained(button: QWidget, text: str) -> QVBoxLayout:
    """A radio button or check box with a one-line explanation set in under it."""
    explanation = copy_label(text, "muted")
    explanation.setContentsMargins(24, 0, 0, 4)
    button.setAccessibleDescription(text)
    column = QVBoxLayout()
    column.setSpacing(0)
    column.addWidget(button)
    column.addWidget(explanation)
    return column


class ExportDialog(QDialog):
    """Choose the file's kind, days and sections; Export… writes it and says what it wrote."""

    def __init__(
        self,
        store: Store,
        vocabulary: Vocabulary,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        choose_path: ChoosePath = choose_save_path,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._today = today or date.today()
        self._choose_path = choose_path
        self._first_entry = first_entry_day(store)
        plan = current_plan(store, vocabulary)
        self._plan_days = (plan.start, plan.end) if plan is not None else None
        self._open_ends = False  # "Everything": no limit at either end
        self._setting_dates = False
        self._ready = False  # no refresh while the controls are being built
        self.written: ExportResult | None = None
        self.setWindowTitle("Export a report")
        self.setAccessibleName("Export a report")

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self._format_group())
        layout.addWidget(self._days_group(plan.title if plan is not None else None))
        layout.addWidget(self._sections_group())

        self.summary = copy_label("", "section")
        self.contents = copy_label("")
        self.reason = copy_label("", "muted")
        for label in (self.summary, self.contents, self.reason):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        layout.addWidget(self.contents)
        layout.addWidget(self.reason)
        layout.addWidget(self._result_frame())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton("Export…")
        self.export_button.setAccessibleName("Export")
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        self.close_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.format_buttons["pdf"].setChecked(True)
        self.quick["week"].setChecked(True)
        self.format_buttons["pdf"].setFocus()
        self._ready = True
        self.refresh()
        # wide enough for the notes' explanation on one line, at the system font's size
        text_width = self.fontMetrics().horizontalAdvance(NOTES_EXPLAINED)
        width = max(self.sizeHint().width(), text_width + 80)
        self.resize(width, self.heightForWidth(width))

    # -- building ---------------------------------------------------------------

    def _format_group(self) -> QGroupBox:
        group = QGroupBox("What kind of file")
        group.setAccessibleName("What kind of file")
        column = QVBoxLayout(group)
        column.setSpacing(2)
        self.format_buttons: dict[Format, QRadioButton] = {}
        self._format_group_buttons = QButtonGroup(self)
        for fmt in FORMATS:
            title, explanation = FORMAT_TEXTS[fmt]
            button = QRadioButton(title)
            button.setAccessibleName(title)
            self.format_buttons[fmt] = button
            self._format_group_buttons.addButton(button)
            button.toggled.connect(self._changed)
            column.addLayout(_explained(button, explanation))
        return group

    def _days_group(self, plan_title: str | None) -> QGroupBox:
        group = QGroupBox("Which days")
        group.setAccessibleName("Which days")
        column = QVBoxLayout(group)
        column.setSpacing(2)
        self.quick: dict[str, QRadioButton] = {}
        self._quick_group = QButtonGroup(self)
        for key, text in QUICK_TEXTS.items():
            if key == "plan" and self._plan_days is None:
                continue
            if key == "plan" and self._plan_days is not None:
                text = f"{text} ({days_text(*self._plan_days)})"
            button = QRadioButton(text)
            button.setAccessibleName(text)
            self.quick[key] = button
            self._quick_group.addButton(button)
            button.toggled.connect(lambda on, k=key: self._quick_toggled(k, on))
            column.addWidget(button)
            if key == "plan" and plan_title:
                title = plain_label(f"“{plan_title}”", "muted")
                title.setContentsMargins(24, 0, 0, 2)
                button.setAccessibleDescription(plan_title)
                column.addWidget(title)

        self.first_edit = self._date_edit("First day")
        self.last_edit = self._date_edit("Last day")
        line = QHBoxLayout()
        line.setContentsMargins(24, 4, 0, 0)
        line.addWidget(copy_label("From", wrap=False))
        line.addWidget(self.first_edit)
        line.addWidget(copy_label("to", wrap=False))
        line.addWidget(self.last_edit)
        line.addStretch(1)
        column.addLayout(line)
        return group

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setDateRange(FIRST_DATE, LAST_DATE)
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._dates_edited)
        return edit

    def _sections_group(self) -> QGroupBox:
        group = QGroupBox("What goes in")
        group.setAccessibleName("What goes in")
        column = QVBoxLayout(group)
        column.setSpacing(2)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for section, text in SECTION_TEXTS.items():
            box = QCheckBox(text)
            box.setAccessibleName(text)
            box.setChecked(section in DEFAULT_SECTIONS)
            box.toggled.connect(self._changed)
            self.section_boxes[section] = box
            column.addWidget(box)
        self.csv_note = copy_label(CSV_SECTIONS, "muted")
        self.csv_note.setContentsMargins(24, 0, 0, 2)
        column.addWidget(self.csv_note)
        self.notes = QCheckBox(NOTES_TEXT)
        self.notes.setAccessibleName(NOTES_TEXT)
        self.notes.setChecked(False)
        self.notes.toggled.connect(self._changed)
        column.addSpacing(6)
        column.addLayout(_explained(self.notes, NOTES_EXPLAINED))
        return group

    def _result_frame(self) -> QFrame:
        self.result_frame = QFrame()
        self.result_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.result_label = plain_label("")  # holds a path: data
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_folder = QPushButton("Show in folder")
        self.show_folder.setAccessibleName("Show the file in its folder")
        self.show_folder.setAutoDefault(False)
        self.show_folder.clicked.connect(self.open_folder)
        column = QVBoxLayout(self.result_frame)
        column.addWidget(self.result_label)
        row = QHBoxLayout()
        row.addWidget(self.show_folder)
        row.addStretch(1)
        column.addLayout(row)
        self.result_frame.hide()
        return self.result_frame

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough for every wrapped line at the current width.

        A top-level window gets its minimum height, not the height its wrapped
        labels need at its width; without this the last lines would be cut off.
        It runs again after each new layout (``event``): a part that has
        just appeared is measured only once its own layout has run.
        """
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest and self.isVisible():
            self.fit_height()  # a part appeared or its text changed: make room for it
        return handled

    # -- choices ------------------------------------------------------------------

    def chosen_format(self) -> Format:
        return next(f for f, b in self.format_buttons.items() if b.isChecked())

    def chosen_sections(self) -> frozenset[Section]:
        """The ticked sections (for a CSV, only the notes count)."""
        chosen = {s for s, box in self.section_boxes.items() if box.isChecked()}
        if self.notes.isChecked():
            chosen.add(Section.NOTES)
        return frozenset(chosen)

    def shown_days(self) -> tuple[date, date]:
        return _day(self.first_edit.date()), _day(self.last_edit.date())

    def _limits(self) -> tuple[date | None, date | None]:
        """The days to export: those shown, or no limit at all for "Everything"."""
        if self._open_ends:
            return None, None
        return self.shown_days()

    def _quick_toggled(self, key: str, on: bool) -> None:
        if not on:
            return
        if key == "chosen":
            self._open_ends = False
            self.refresh()
            return
        first, last = quick_range(key, self._today, self._first_entry, self._plan_days)
        self._setting_dates = True
        try:
            self.first_edit.setDate(_qdate(first))
            self.last_edit.setDate(_qdate(last))
        finally:
            self._setting_dates = False
        self._open_ends = key == "all"
        self.refresh()

    def _dates_edited(self) -> None:
        if self._setting_dates:
            return
        self._open_ends = False
        self.quick["chosen"].setChecked(True)
        self.refresh()

    def _changed(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Bring the summary, the sentence about what goes in and Export up to date."""
        if not self._ready:
            return
        fmt = self.chosen_format()
        csv = fmt == "csv"
        for box in self.section_boxes.values():
            box.setEnabled(not csv)
        self.csv_note.setVisible(csv)
        first, last = self.shown_days()
        sections = self.chosen_sections()
        blocker = export_blocker(fmt, first, last, sections)
        if last < first:
            self.summary.setText("These days are the wrong way round.")
        else:
            first_day, last_day = self._limits()
            count = count_between(self._store, first_day, last_day)
            counted = "No entries" if count == 0 else entries_text(count).capitalize()
            self.summary.setText(f"{counted} from {days_text(first, last)}")
        self.summary.setAccessibleName(self.summary.text())
        self.contents.setText(contents_sentence(fmt, sections))
        self.reason.setText(blocker or "")
        self.reason.setVisible(blocker is not None)
        self.export_button.setEnabled(blocker is None)
        self.export_button.setAccessibleDescription(blocker or self.summary.text())
        if self.isVisible():
            self.fit_height()

    # -- writing --------------------------------------------------------------------

    def export(self) -> ExportResult | None:
        """Ask where, write, and show what was written; None when cancelled or refused."""
        fmt = self.chosen_format()
        first, last = self.shown_days()
        sections = self.chosen_sections()
        if export_blocker(fmt, first, last, sections) is not None:
            return None
        suggested = Path.home() / suggested_name(fmt, first, last)
        path = self._choose_path(self, str(suggested), FILTERS[fmt])
        if path is None:
            return None
        if not path.suffix:
            path = path.with_suffix(SUFFIXES[fmt])
        first_day, last_day = self._limits()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = write_export(
                self._store, self._vocabulary, fmt, path, first_day, last_day, sections, self._today
            )
        except (DataDirError, StoreError, BadInput) as exc:
            refused: Exception | None = exc
        else:
            refused = None
        finally:
            QApplication.restoreOverrideCursor()
        if refused is not None:
            from emotrainer.ui.dialogs import show_known_error

            show_known_error(
                NOT_WRITTEN,
                f"{refused}\n\nNothing was written there, and your own data is unchanged.",
                self,
            )
            return None
        self.written = result
        self.result_label.setText(result.summary)
        self.result_label.setAccessibleName(result.summary)
        self.result_frame.show()
        self.show_folder.setFocus()
        return result

    def open_folder(self) -> None:
        """Show the written file's folder in the file manager (a local file URL, nothing more)."""
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.path.parent)))


def open_export_dialog(parent: QWidget, store: Store, vocabulary: Vocabulary) -> ExportDialog:
    """Open the Export dialog without blocking the window; it is deleted when closed."""
    dialog = ExportDialog(store, vocabulary, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
