"""History from Daylio: File → Import history from Daylio…

The file is read in full first (``core.daylio.read_path``, the command line's
reading path too); a file that cannot be read is refused with one calm line
naming it, and nothing changes. Then a preview: the rows read, the days they
span, the rows that will be left out and why, how many are in your data
already, and what each mood becomes, editable. Every change plans the import
again. Import writes it in one transaction (storage.daylio) after the usual
backup and shows what was done; Cancel before that writes nothing. Nothing
from the file is shown as rich text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core import daylio
from emotrainer.core.changes import Change
from emotrainer.core.daylio import DaylioFile, MoodMapping, Plan, Skipped
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.daylio import ImportSummary, already_present, apply_plan
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store
from emotrainer.ui.daylio_mapping import MappingTable
from emotrainer.ui.widgets import copy_label, plain_label

FILE_FILTER = "Daylio exports (*.csv *.daylio)"
TYPING_PAUSE_MS = 300  # a long diary takes about a second to plan: not on every key
KIND_NAMES = {"csv": "A Daylio CSV export", "backup": "A Daylio backup"}


def choose_daylio_file(parent: QWidget | None) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Import history from Daylio", "", FILE_FILTER
    )
    return Path(chosen) if chosen else None


def import_daylio(
    parent: QWidget | None,
    store: Store,
    vocabulary: Vocabulary,
    publish: Callable[[Change], None],
    path: Path | None = None,
    *,
    choose: Callable[[QWidget | None], Path | None] = choose_daylio_file,
) -> DaylioImportDialog | None:
    """Read the file (asking for one when ``path`` is None), then open the preview.

    None when nothing was chosen or the file was refused (a calm message
    says why; nothing was changed). The dialog is not modal-blocking.
    """
    from emotrainer.ui.dialogs import show_known_error

    if path is None:
        path = choose(parent)
        if path is None:
            return None
    try:
        read = daylio.read_path(path)
    except BadInput as exc:
        show_known_error("This history was not imported", f"{exc}\n\nNothing was changed.", parent)
        return None
    dialog = DaylioImportDialog(store, vocabulary, path, publish, parent, read=read)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def long_day(day: date) -> str:
    """ "1 March 2024" (no leading zero)."""
    return f"{day.day} {day:%B %Y}"


def span_text(first: date | None, last: date | None) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return f"on {long_day(first)}"
    return f"from {long_day(first)} to {long_day(last)}"


def counted(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"


def preview_lines(file: DaylioFile, plan: Plan, present: int) -> tuple[str, str]:
    """(what was read, what importing would do), in the preview's words."""
    read = f"{KIND_NAMES[file.kind]}: {counted(len(file.rows), 'row', 'rows')} read"
    span = span_text(file.first_day, file.last_day)
    read = f"{read}, {span}." if span else f"{read}."
    entries = len(plan.entries)
    fresh = entries - present
    words = len(plan.new_words)
    if not file.rows:
        return read, "There is nothing in this file to import."
    if not entries:
        return read, "Every row is left out, so there is nothing to import."
    if fresh == 0:
        return read, (
            f"All {counted(entries, 'entry is', 'entries are')} already in your data; "
            "importing again adds nothing."
        )
    adds = f"Importing adds {counted(fresh, 'check-in', 'check-ins')}"
    if words:
        adds += f" and {counted(words, 'new word', 'new words')} of your own"
    adds += "."
    if present:
        adds += (
            f" {counted(present, 'entry is', 'entries are')} already in your data "
            "and will not be added again."
        )
    return read, adds


def summary_lines(summary: ImportSummary) -> list[str]:
    there = summary.already_there
    if not summary.imported:
        return [
            f"Nothing new to add: all {counted(there, 'entry was', 'entries were')} "
            "already in your data."
            if there
            else "Nothing was imported."
        ]
    lines = [f"Imported {counted(summary.imported, 'check-in', 'check-ins')}."]
    if there:
        lines.append(
            f"{counted(there, 'entry was', 'entries were')} already in your data "
            "and not added again."
        )
    if summary.words_added:
        added = counted(summary.words_added, "new word", "new words")
        lines.append(f"Added {added} of your own; you can change them on the Words page.")
    lines.append("You can find the check-ins in History.")
    return lines


def reason_list(name: str) -> QListWidget:
    """A short scrollable list of one-line reasons (list items are plain text)."""
    listing = QListWidget()
    listing.setAccessibleName(name)
    listing.setAlternatingRowColors(True)
    listing.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    return listing


def fill_reasons(listing: QListWidget, skipped: tuple[Skipped, ...], most_rows: int) -> None:
    """The reasons, the list as tall as they are up to ``most_rows`` (then it scrolls)."""
    listing.clear()
    listing.addItems([daylio.one_line(s.reason) for s in skipped])
    listing.setVisible(bool(skipped))
    if skipped:
        row = listing.sizeHintForRow(0)
        bar = listing.horizontalScrollBar().sizeHint().height()
        shown_rows = min(len(skipped), most_rows)
        listing.setFixedHeight(shown_rows * row + 2 * listing.frameWidth() + bar)


class DaylioImportDialog(QDialog):
    """The preview, then the summary; built after the file was read.

    ``read`` is ``read_path``'s result when the caller has it already;
    without it the file is read here (BadInput naming it).
    """

    def __init__(
        self,
        store: Store,
        vocabulary: Vocabulary,
        path: Path,
        publish: Callable[[Change], None],
        parent: QWidget | None = None,
        *,
        read: tuple[DaylioFile, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._publish = publish
        self.path = path
        self.file, self.sha256 = read if read is not None else daylio.read_path(path)
        self.plan: Plan | None = None
        self.summary: ImportSummary | None = None
        self._mapping: list[MoodMapping] | None = None
        self.setWindowTitle("Import history from Daylio")
        self.setMinimumSize(520, 400)

        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_preview())
        self.pages.addWidget(self._build_summary())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.recompute)
        self.table.changed.connect(self.recompute)
        self.table.typed.connect(self._timer.start)
        self.recompute()
        self.resize(self._natural_size())

    # -- building -----------------------------------------------------------

    def _build_preview(self) -> QWidget:
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(4, 4, 12, 4)
        column.setSpacing(10)
        self.file_label = plain_label(self.path.name, "title")
        self.file_label.setAccessibleName(f"File: {self.path.name}")
        self.read_label = plain_label()
        self.plan_label = plain_label()
        self.skipped_label = plain_label("", "section")
        self.skipped_list = reason_list("Rows that will be left out, each with its reason")
        column.addWidget(self.file_label)
        column.addWidget(self.read_label)
        column.addWidget(self.plan_label)
        column.addWidget(self.skipped_label)
        column.addWidget(self.skipped_list)
        column.addWidget(copy_label("What each mood becomes", "section"))
        column.addWidget(
            copy_label(
                "Each Daylio mood becomes a feeling word in your check-ins. "
                "You can choose another word, make one of your own, or leave a mood out.",
                "muted",
            )
        )
        defaults = daylio.default_mapping(self.file, self._vocabulary)
        self.table = MappingTable(self.file, defaults, self._vocabulary)
        column.addWidget(self.table)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self._scroll = scroll

        self.status = plain_label()
        self.status.setAccessibleName("Why Import is not possible yet")
        self.status.setVisible(False)
        # Not a QDialogButtonBox: it makes its first accept button the default
        # once shown, and Enter in a word's line must not import (a click or
        # Space does).
        self.import_button = QPushButton("Import")
        self.import_button.setAccessibleName("Import these entries")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: import nothing")
        for button in (self.import_button, self.cancel_button):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.buttons = QWidget()
        line = QHBoxLayout(self.buttons)
        line.setContentsMargins(0, 0, 0, 0)
        line.addStretch(1)
        line.addWidget(self.import_button)
        line.addWidget(self.cancel_button)
        self.import_button.clicked.connect(self.do_import)
        self.cancel_button.clicked.connect(self.reject)

        page = QWidget()
        outer = QVBoxLayout(page)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.status)
        outer.addWidget(self.buttons)
        return page

    def _build_summary(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 4)
        column.setSpacing(10)
        self.done_label = plain_label(self.path.name, "title")
        self.summary_label = plain_label()
        self.summary_label.setAccessibleName("What was imported")
        self.left_out_label = plain_label("", "section")
        self.left_out_list = reason_list("Rows left out, each with its reason")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName("Close")
        close.rejected.connect(self.accept)
        column.addWidget(self.done_label)
        column.addWidget(self.summary_label)
        column.addWidget(self.left_out_label)
        column.addWidget(self.left_out_list)
        column.addStretch(1)
        column.addWidget(close)
        return page

    # -- the plan -----------------------------------------------------------

    def recompute(self, *, force: bool = False) -> None:
        """Plan again under the table's mapping and say what importing would do."""
        self._timer.stop()
        try:
            mapping = self.table.mapping()
            if mapping == self._mapping and not force:
                return
            self._mapping = mapping
            plan = daylio.plan_import(
                self.file,
                mapping,
                self._vocabulary,
                self.sha256,
                default_offset_min=daylio.local_offset_min(datetime.now()),
                offset_of=daylio.local_offset_min,
            )
        except ValueError as exc:  # VocabularyError, or an offset the file cannot mean
            self._mapping = None
            self.plan = None
            self._say_blocked(f"{exc}.")
            return
        try:
            present = already_present(self._store, plan)
        except StoreError as exc:
            self.plan = None
            self._say_blocked(str(exc))
            return
        self.plan = plan
        read, adds = preview_lines(self.file, plan, present)
        self.read_label.setText(read)
        self.plan_label.setText(adds)
        self.plan_label.setVisible(True)
        self.skipped_label.setText(
            f"{counted(len(plan.skipped), 'row', 'rows')} will be left out:" if plan.skipped else ""
        )
        self.skipped_label.setVisible(bool(plan.skipped))
        fill_reasons(self.skipped_list, plan.skipped, 6)
        self.status.setVisible(False)
        self.import_button.setEnabled(bool(plan.entries))

    def _say_blocked(self, reason: str) -> None:
        self.plan_label.setText("")  # what the last mapping would do is not what Import does
        self.plan_label.setVisible(False)
        self.status.setText(f"Not ready to import: {reason}")
        self.status.setVisible(True)
        self.import_button.setEnabled(False)

    # -- importing ----------------------------------------------------------

    def do_import(self) -> ImportSummary | None:
        """Back up when due, write the plan in one transaction, show the summary."""
        if self._timer.isActive():
            self.recompute()  # what was typed a moment ago counts
        if self.plan is None or not self.plan.entries:
            return None
        try:
            self._store.maybe_backup()
            summary = apply_plan(
                self._store,
                self.plan,
                file_name=self.path.name,
                file_sha256=self.sha256,
                source=f"daylio-{self.file.kind}",
            )
        except StoreError as exc:  # ImportRejectedError too: the transaction kept nothing
            self.status.setText(f"{self.path.name}: {exc}. Nothing was changed.")
            self.status.setAccessibleName("Why the history was not imported")
            self.status.setVisible(True)
            return None
        self.summary = summary
        self._publish(summary.change)
        self._show_summary(summary)
        return summary

    def _show_summary(self, summary: ImportSummary) -> None:
        self.summary_label.setText("\n".join(summary_lines(summary)))
        self.left_out_label.setText(
            f"{counted(len(summary.skipped), 'row was', 'rows were')} left out:"
        )
        self.left_out_label.setVisible(bool(summary.skipped))
        fill_reasons(self.left_out_list, summary.skipped, 14)
        self.pages.setCurrentIndex(1)
        self.close_button.setFocus()

    def _natural_size(self) -> QSize:
        """Room for the whole preview when the screen has it, else what the screen has."""
        content = self._scroll.widget()
        inner = content.sizeHint() if content is not None else QSize(600, 400)
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        layout = self.layout()
        extra = 24
        if layout is not None:
            margins = layout.contentsMargins()
            extra = margins.left() + margins.right()
        width = inner.width() + bar + extra
        height = inner.height() + self.buttons.sizeHint().height() + 3 * extra
        screen = self.screen()
        room = screen.availableSize() if screen is not None else QSize(1000, 800)
        wanted = QSize(max(width, 600), max(height, 440))
        return wanted.boundedTo(QSize(min(room.width() - 40, 900), min(room.height() - 60, 760)))
