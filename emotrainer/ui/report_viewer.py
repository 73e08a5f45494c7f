"""A client's ``.emoreport``, opened read-only in a window of its own.

A therapist opens the report a client brought (SPEC §4.4): the same figures,
charts (with the Progress page's chart cards), body heat map, words, homework
and, when the client chose to include them, notes. The window takes a Report
and nothing else: no store, no settings, no vocabulary, so a client's data can
never mix into the reader's own (``open_report`` takes no store, and this
module does not import ``emotrainer.storage``). The file is untrusted: it is
read by the strict, size-capped ``read_report_file``, a refusal is shown as a
calm message naming the reason, and every text from it is shown as plain
text. Ctrl+W or Escape closes the window; Tab moves from table to table.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QWidget,
)

from emotrainer.core.report import Report, Section
from emotrainer.core.report_format import EXTENSION, read_report_file
from emotrainer.core.report_text import (
    NOT_A_SCORE,
    TITLE,
    included_text,
    made_text,
    notes_included_text,
    range_text,
)
from emotrainer.core.validate import BadInput
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.dialogs import show_known_error
from emotrainer.ui.pages.progress_chart import ChartCard
from emotrainer.ui.report_viewer_parts import (
    ReportTable,
    SummaryCard,
    charts_section,
    homework_section,
    left_out,
    notes_section,
    text_label,
    words_section,
)
from emotrainer.ui.widgets import Card, copy_label, page_column, plain_label

BANNER = "A client's report, opened read-only. It is not part of your own data."
FILE_FILTER = f"emotrainer reports (*{EXTENSION})"
CANNOT_OPEN = "This report cannot be opened"


def choose_report_file(parent: QWidget | None) -> Path | None:
    """Ask which report to open; None when the person cancels."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent, "Open a client's report", str(Path.home()), FILE_FILTER
    )
    return Path(chosen) if chosen else None


def open_report(
    parent: QWidget | None,
    path: Path | None = None,
    *,
    choose: Callable[[QWidget | None], Path | None] = choose_report_file,
) -> ReportWindow | None:
    """Open a client's report read-only in its own window; the caller keeps it referenced.

    Asks for the file when ``path`` is None. A file the strict reader refuses
    is not opened: a message says why (the reason names the file and the
    place), and None comes back, as it does when the person cancels.
    """
    if path is None:
        path = choose(parent)
        if path is None:
            return None
    try:
        report = read_report_file(path)
    except BadInput as exc:
        show_known_error(CANNOT_OPEN, f"{exc}", parent)
        return None
    window = ReportWindow(report, path, parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


class ReportWindow(QMainWindow):
    """A report, read-only, in a scrolling column: deleted when closed."""

    def __init__(self, report: Report, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.path = path
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Report — {range_text(report)}")
        self.resize(1000, 760)

        central = QWidget()
        self.setCentralWidget(central)
        column = page_column(central)
        self.scroll_area = central.findChild(QScrollArea)
        if self.scroll_area is not None:  # it takes focus to scroll: give it a name
            self.scroll_area.setAccessibleName("The client's report")
        column.addWidget(self._banner())
        column.addWidget(self._cover())

        self.summary: SummaryCard | None = None
        if Section.SUMMARY in report.sections:
            self.summary = SummaryCard(report)
            column.addWidget(self.summary)
        else:
            column.addWidget(left_out(Section.SUMMARY))

        self.charts: list[ChartCard] = []
        self.heat_map: BodyMapWidget | None = None
        if Section.CHARTS in report.sections:
            box, self.charts, self.heat_map = charts_section(report)
            column.addWidget(box)
        else:
            column.addWidget(left_out(Section.CHARTS))

        self.words_table: ReportTable | None = None
        if Section.WORDS in report.sections:
            card, self.words_table = words_section(report)
            column.addWidget(card)
        else:
            column.addWidget(left_out(Section.WORDS))

        self.homework_tables: list[ReportTable] = []
        if Section.HOMEWORK in report.sections:
            card, self.homework_tables = homework_section(report)
            column.addWidget(card)
        else:
            column.addWidget(left_out(Section.HOMEWORK))

        column.addWidget(notes_section(report))
        column.addStretch(1)

        for keys in (QKeySequence("Ctrl+W"), QKeySequence(Qt.Key.Key_Escape)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(self.close)

    def _banner(self) -> Card:
        card = Card()
        row = QHBoxLayout()
        row.setSpacing(12)
        banner = copy_label(BANNER, "section")
        banner.setAccessibleName(BANNER)
        row.addWidget(banner, 1)
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close the client's report")
        self.close_button.clicked.connect(self.close)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        card.body.addLayout(row)
        card.body.addWidget(text_label(f"From the file {self.path.name}", "muted"))
        return card

    def _cover(self) -> QWidget:
        """The title, the range, when and by which version it was made, and the disclaimer."""
        report = self.report
        box = Card()
        box.body.addWidget(copy_label(TITLE, "muted"))
        self.range_label = plain_label(range_text(report), "title")
        box.body.addWidget(self.range_label)
        box.body.addWidget(
            text_label(f"{made_text(report.made_utc)} · emotrainer {report.app_version}", "muted")
        )
        box.body.addSpacing(6)
        box.body.addWidget(copy_label(included_text(report.sections)))
        box.body.addWidget(copy_label(notes_included_text(report.sections), "muted"))
        box.body.addSpacing(6)
        self.disclaimer = text_label(report.disclaimer)
        self.disclaimer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.body.addWidget(self.disclaimer)
        box.body.addWidget(copy_label(NOT_A_SCORE, "muted"))
        return box

    def tables(self) -> list[ReportTable]:
        """The window's tables in Tab order: the words, then each plan's tasks."""
        words = [self.words_table] if self.words_table is not None else []
        return [*words, *self.homework_tables]
