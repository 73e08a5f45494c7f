"""The report window's sections: summary, charts and body, words, homework, notes.

Each ``*_section`` builds one card (or a column of cards) from a Report and
nothing else. Every string may come from a client's file, so text is shown
with ``plain_label`` and in item views (which draw item text as plain text);
no tooltip carries file text, because Qt guesses rich text in tooltips. The
wording is ``core.report_text``'s, the same as the PDF's.
"""

from __future__ import annotations

import os
import re

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.progress_types import Chart
from emotrainer.core.report import HomeworkPart, Report, Section
from emotrainer.core.report_text import (
    FIGURE_LABELS,
    HEAT_HEADING,
    HEAT_LEGEND,
    NEW_WORDS,
    NO_HOMEWORK,
    NO_NOTES,
    NO_WORDS,
    SECTION_HEADINGS,
    WORD_COLUMNS,
    figure_text,
    heat_text,
    note_head,
    note_paragraphs,
    overall_text,
    plan_dates_text,
    word_cells,
)
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.pages.progress_chart import ChartCard
from emotrainer.ui.widgets import Card, copy_label, plain_label

NOT_INCLUDED = "Not included in this report."
NO_CHARTS = "This report has no charts."
NO_HEAT = "Nothing was marked on the body map in these days."
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TABLE_ROWS_SHOWN = 14  # a longer table scrolls inside itself
# A clear ring round the table that has the keyboard (Fusion only tints the current cell).
TABLE_STYLE = """
QTableView { border: 1px solid palette(mid); }
QTableView:focus { border: 2px solid palette(highlight); }
"""
ZERO_WIDTH_SPACE = "\u200b"
_LONG_RUN = re.compile(r"\S{33,}")


def breakable(text: str, every: int = 24) -> str:
    """``text`` with a zero-width space every ``every`` characters of a very long word.

    A QLabel wraps only between words, so one long word from a file (a plan
    title of 200 letters) would widen the whole window; this lets it wrap.
    """

    def split(match: re.Match[str]) -> str:
        run = match.group()
        return ZERO_WIDTH_SPACE.join(run[i : i + every] for i in range(0, len(run), every))

    return _LONG_RUN.sub(split, text)


def text_label(text: str, role: str | None = None, *, bold: bool = False) -> QLabel:
    """A plain-text label for text from the file, wrapping even inside a long word."""
    label = plain_label(breakable(text), role)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


def section_card(section: Section) -> Card:
    """A card headed with the section's name, as in the PDF."""
    return Card(SECTION_HEADINGS[section])


def left_out(section: Section) -> Card:
    """The card of a section the report leaves out: it says so, calmly."""
    card = section_card(section)
    card.setObjectName(f"left-out-{section.value}")
    card.body.addWidget(copy_label(NOT_INCLUDED, "muted"))
    return card


# -- summary --------------------------------------------------------------------------


class SummaryCard(Card):
    """The figures, in the PDF's order and words; "—" where there is nothing to measure."""

    def __init__(self, report: Report) -> None:
        super().__init__(SECTION_HEADINGS[Section.SUMMARY])
        self.figure_values: dict[str, str] = {}  # figure key → the text shown
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(2, 1)  # the values stay near their labels
        row = 0
        for key, label in FIGURE_LABELS.items():
            if key not in report.figures:
                continue
            text = figure_text(key, report.figures[key])
            value = plain_label(text)
            font = value.font()
            font.setBold(True)
            value.setFont(font)
            value.setObjectName(f"figure-{key}")
            name = plain_label(label, wrap=False)  # short program text
            name.setBuddy(value)
            value.setAccessibleName(f"{label}: {text}")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            self.figure_values[key] = text
            row += 1
        if row == 0:
            self.body.addWidget(copy_label("This report holds no figures.", "muted"))
        self.body.addLayout(grid)


# -- charts and the body ------------------------------------------------------------------


def chart_cards(report: Report) -> list[ChartCard]:
    """The Progress page's chart cards over the report's days, as a fixed record."""
    return [
        ChartCard(_wrappable(c), report.first_day, report.last_day, live=False)
        for c in report.charts
    ]


def _wrappable(chart: Chart) -> Chart:
    """The chart with its sentences able to wrap inside a long word (see ``breakable``)."""
    return replace(
        chart,
        title=breakable(chart.title),
        summary=breakable(chart.summary),
        empty=None if chart.empty is None else breakable(chart.empty),
    )


def charts_section(report: Report) -> tuple[QWidget, list[ChartCard], BodyMapWidget | None]:
    """The charts, then the body heat map; the cards and the map are handed back for tests."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(14)
    column.addWidget(copy_label(SECTION_HEADINGS[Section.CHARTS], "section"))
    cards = chart_cards(report)
    if not cards:
        column.addWidget(copy_label(NO_CHARTS, "muted"))
    for card in cards:
        column.addWidget(card)
    heat = {k: v for k, v in report.heat.items() if v > 0}
    body = Card(HEAT_HEADING)
    heat_map: BodyMapWidget | None = None
    if heat:
        summary = text_label(heat_text(heat))
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body.body.addWidget(summary)
        heat_map = BodyMapWidget()
        heat_map.set_heat(heat, HEAT_LEGEND)
        heat_map.setAccessibleDescription(heat_text(heat))
        body.body.addWidget(heat_map)
    else:
        body.body.addWidget(copy_label(NO_HEAT, "muted"))
    column.addWidget(body)
    return box, cards, heat_map


# -- tables -------------------------------------------------------------------------------


class ReportTable(QTableView):
    """A read-only, sortable table. Tab leaves it (arrow keys move within)."""

    def __init__(
        self,
        name: str,
        headers: Sequence[str],
        rows: Sequence[Sequence[tuple[str, object]]],
        *,
        right: frozenset[int] = frozenset(),
        stretch: frozenset[int] = frozenset({0}),
        sortable: bool = True,
    ) -> None:
        super().__init__()
        self.source = QStandardItemModel(len(rows), len(headers), self)
        self.source.setHorizontalHeaderLabels(list(headers))
        for r, cells in enumerate(rows):
            for c, (text, key) in enumerate(cells):
                item = QStandardItem(text)
                item.setEditable(False)
                item.setData(key, SORT_ROLE)
                if c in right:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.source.setItem(r, c, item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setAccessibleName(name)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(TABLE_STYLE)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for c in range(len(headers)):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        for c in stretch:  # the text columns share the width, eliding what does not fit
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)
        if sortable:  # in the report's own order until a header is clicked
            header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.setSortingEnabled(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_height(len(rows))

    def _fit_height(self, rows: int) -> None:
        """Tall enough for every row up to TABLE_ROWS_SHOWN; the page scrolls, not the table."""
        line = self.verticalHeader().defaultSectionSize()
        shown = max(1, min(rows, TABLE_ROWS_SHOWN))
        frame = 2 * self.frameWidth()
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + shown * line + frame)

    def row_texts(self) -> list[tuple[str, ...]]:
        """Every row's cells as shown, in the current order."""
        model = self.model()
        return [
            tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
            for r in range(model.rowCount())
        ]


# -- words, homework, notes --------------------------------------------------------------


def words_section(report: Report) -> tuple[Card, ReportTable | None]:
    card = section_card(Section.WORDS)
    if not report.words:
        card.body.addWidget(copy_label(NO_WORDS, "muted"))
        return card, None
    card.body.addWidget(copy_label(NEW_WORDS, "muted"))
    rows = []
    for word in report.words:
        cells = word_cells(word)
        keys: tuple[object, ...] = (
            word.label.casefold(),
            word.family_label.casefold(),
            word.times,
            word.first_day.isoformat(),
            int(word.new_in_range),
        )
        rows.append(list(zip(cells, keys, strict=True)))
    table = ReportTable(
        "Words used", WORD_COLUMNS, rows, right=frozenset({2}), stretch=frozenset({0, 1})
    )
    card.body.addWidget(table)
    return card, table


def homework_section(report: Report) -> tuple[Card, list[ReportTable]]:
    card = section_card(Section.HOMEWORK)
    if not report.homework:
        card.body.addWidget(copy_label(NO_HOMEWORK, "muted"))
        return card, []
    tables = []
    for i, part in enumerate(report.homework):
        if i:
            card.body.addSpacing(10)
        tables += _plan(card, part)
    return card, tables


def _plan(card: Card, part: HomeworkPart) -> list[ReportTable]:
    card.body.addWidget(text_label(part.title, bold=True))
    card.body.addWidget(text_label(plan_dates_text(part), "muted"))
    tables = []
    if part.tasks:
        rows = [
            [(t.label, t.label.casefold()), (str(t.done), t.done), (str(t.expected), t.expected)]
            for t in part.tasks
        ]
        table = ReportTable(
            f"Tasks of the plan {part.title}",
            ("Task", "Done", "Asked"),
            rows,
            right=frozenset({1, 2}),
        )
        card.body.addWidget(table)
        tables.append(table)
    card.body.addWidget(text_label(overall_text(part), bold=True))
    return tables


def notes_section(report: Report) -> Card:
    """The client's notes, when they chose to include them; else that they are not in."""
    if Section.NOTES not in report.sections:
        return left_out(Section.NOTES)
    card = section_card(Section.NOTES)
    if not report.notes:
        card.body.addWidget(copy_label(NO_NOTES, "muted"))
        return card
    for i, line in enumerate(report.notes):
        if i:
            card.body.addSpacing(6)
        head = text_label(note_head(line), "muted")
        card.body.addWidget(head)
        note = text_label("\n".join(note_paragraphs(line.note)))
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.setContentsMargins(12, 0, 0, 0)
        card.body.addWidget(note)
    return card
