"""Progress: how naming feelings and noticing the body have grown, over a chosen span.

The page reads the store once per change of data (``store.progress_rows``
and the trainer's cards), indexes it once (``core.progress.ProgressMetrics``),
and a switch of span (week, month, year, all) only recomputes the charts from
that index and hands each already-built chart its new numbers. Nothing here
is a score: every chart has a plain sentence under it, and an encouraging
note instead of empty axes when there is not enough to draw yet.

pyqtgraph comes in with this module (through ``progress_chart``), so the
main window imports it only when the page is first opened.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.bodymap import region_label
from emotrainer.core.changes import Change
from emotrainer.core.progress import SPAN_LABELS, Progress, ProgressMetrics, Span
from emotrainer.core.srs import trainer_progress
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.pages.progress_chart import ChartCard
from emotrainer.ui.widgets import Card, Figure, copy_label, page_column, plain_label

SPAN_KEY = "progress.span"
DEFAULT_SPAN = Span.MONTH
# How a span is said in running text, and to a screen reader on its button.
SPAN_PHRASES = {
    Span.WEEK: "the last 7 days",
    Span.MONTH: "the last 30 days",
    Span.YEAR: "the last 12 months",
    Span.ALL: "all your time here",
}
SPAN_BUTTON_NAMES = {
    Span.WEEK: "Show the last week",
    Span.MONTH: "Show the last month",
    Span.YEAR: "Show the last year",
    Span.ALL: "Show everything since you began",
}
WELCOME = (
    "This page fills in as you practise. After a few check-ins it shows the feelings "
    "you have named, how specific they were, and where you noticed something in your "
    "body. There is nothing to catch up on."
)
HEAT_EMPTY = (
    "Nothing was marked on the body map in this span. When a check-in or a body scan "
    "asks where you feel something, the places you mark gather here. “Nothing” is an "
    "answer too."
)
SPAN_STYLE = """
QPushButton {
    padding: 5px 16px;
    border: 1px solid palette(mid);
    border-radius: 7px;
    background: palette(button);
}
QPushButton:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QPushButton:focus { border: 2px solid palette(window-text); }
"""


def heat_summary(heat: Mapping[str, float]) -> str:
    """One sentence about the heat map: the places noticed most often."""
    noticed = sorted(((v, k) for k, v in heat.items() if v > 0), key=lambda p: (-p[0], p[1]))
    if not noticed:
        return "No places were marked in this span."
    top = noticed[:3]
    parts = [f"{region_label(k).lower()} ({_times(v)})" for v, k in top]
    named = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    more = len(noticed) - len(top)
    rest = f", and {more} other places" if more > 1 else ", and one other place" if more else ""
    return f"Most often noticed: {named}{rest}."


def _times(value: float) -> str:
    n = round(value)
    return "once" if n == 1 else f"{n} times"


class ProgressPage(QWidget):
    title = "Progress"

    def __init__(
        self, store: Store, vocabulary: Callable[[], Vocabulary], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._metrics: ProgressMetrics | None = None
        self._mastered: int | None = None
        self._dirty = False
        self.today: Callable[[], date] = date.today  # tests may fix the day
        self.progress: Progress | None = None
        self.cards: dict[str, ChartCard] = {}
        saved = store.setting(SPAN_KEY, DEFAULT_SPAN.value)
        self.span = Span(saved) if saved in {s.value for s in Span} else DEFAULT_SPAN

        column = page_column(self)
        scroll = self.findChild(QScrollArea)
        if scroll is not None:  # it takes focus to scroll: give it a name
            scroll.setAccessibleName("Progress page")
        column.addWidget(copy_label("Progress", "title"))
        column.addWidget(
            copy_label(
                "How your words for feelings and your sense of the body have grown. "
                "Nothing here is a score: each line only shows what you noticed.",
                "muted",
            )
        )
        self.welcome = Card()
        self.welcome.body.addWidget(copy_label(WELCOME))
        column.addWidget(self.welcome)
        self.top = QWidget()
        top = QVBoxLayout(self.top)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(14)
        figures = QGridLayout()
        figures.setSpacing(14)
        self.named = Figure("different feelings named so far")
        self.new_words = Figure("new in the last 30 days")
        self.mastered = Figure("words mastered in the word trainer")
        for i, figure in enumerate((self.named, self.new_words, self.mastered)):
            figures.addWidget(figure, 0, i)
            figures.setColumnStretch(i, 1)
        top.addLayout(figures)
        top.addLayout(self._build_spans())
        top.addWidget(
            copy_label(
                "Point at a chart, or Tab to it and use the arrow keys, to read the values "
                "of a day.",
                "muted",
            )
        )
        column.addWidget(self.top)
        self.charts = QWidget()
        self.chart_column = QVBoxLayout(self.charts)
        self.chart_column.setContentsMargins(0, 0, 0, 0)
        self.chart_column.setSpacing(14)
        column.addWidget(self.charts)
        column.addWidget(self._build_heat())
        column.addStretch(1)
        self.refresh()

    def _build_spans(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        shown = copy_label("Show:", wrap=False)
        row.addWidget(shown)
        self.span_group = QButtonGroup(self)
        self.span_group.setExclusive(True)
        self.span_buttons: dict[Span, QPushButton] = {}
        for span in Span:
            button = QPushButton(SPAN_LABELS[span])
            button.setCheckable(True)
            button.setChecked(span is self.span)
            button.setAccessibleName(SPAN_BUTTON_NAMES[span])
            button.setStyleSheet(SPAN_STYLE)
            button.clicked.connect(lambda _checked=False, s=span: self.set_span(s))
            self.span_group.addButton(button)
            self.span_buttons[span] = button
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_heat(self) -> Card:
        self.heat_card = Card("Where you noticed something in the body")
        self.heat_summary = plain_label("")
        self.heat_summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heat_note = plain_label(HEAT_EMPTY, "muted")
        self.heat_map = BodyMapWidget()
        self.heat_card.body.addWidget(self.heat_summary)
        self.heat_card.body.addWidget(self.heat_note)
        self.heat_card.body.addWidget(self.heat_map)
        return self.heat_card

    # -- data ----------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if not change.touches(entries=True, words=True, trainer=True):
            return
        if not self.isVisible():
            self._dirty = True  # read again when shown
            return
        if change.touches(entries=True, words=True):
            self.refresh()
        else:  # the trainer only: the count of words mastered
            self._mastered = self._read_mastered()
            self._draw()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Read the store once, index it, and draw the current span."""
        self._dirty = False
        self._metrics = ProgressMetrics.load(self._store.progress_rows, self._vocabulary())
        self._mastered = self._read_mastered()
        self._draw()

    def _read_mastered(self) -> int:
        return trainer_progress(self._store.trainer_cards()).words_mastered

    def set_span(self, span: Span) -> None:
        """Show ``span``; the choice is kept for next time."""
        self.span = span
        button = self.span_buttons[span]
        if not button.isChecked():
            button.setChecked(True)
        if not self._store.readonly and self._store.setting(SPAN_KEY) != span.value:
            with suppress(StoreError):  # only a preference: the page works without it
                self._store.set_setting(SPAN_KEY, span.value)
        self._draw()

    def _draw(self) -> None:
        assert self._metrics is not None
        progress = self._metrics.progress(self.span, self.today(), self._mastered)
        self.progress = progress
        started = self._metrics.first_day is not None
        self.welcome.setVisible(not started)
        self.top.setVisible(started)  # no figures of zeros, no spans to choose from
        self._set_figures(progress)
        for i, chart in enumerate(progress.charts):
            card = self.cards.get(chart.key)
            if card is None:
                card = ChartCard(chart, progress.first_day, progress.last_day)
                self.cards[chart.key] = card
                self.chart_column.insertWidget(i, card)
            else:
                card.set_chart(chart, progress.first_day, progress.last_day)
        self._set_heat(progress)

    def _set_figures(self, progress: Progress) -> None:
        figures = progress.figures
        phrase = SPAN_PHRASES[progress.span]
        named = int(figures.get("words_named") or 0)
        self.named.set_value(str(named), f"You have named {named} different feelings so far")
        new = int(figures.get("new_words") or 0)
        self.new_words.caption.setText(
            "named for the first time, in all your time here"
            if progress.span is Span.ALL
            else f"new in {phrase}"
        )
        self.new_words.set_value(str(new), f"{new} feelings named for the first time in {phrase}")
        mastered = figures.get("words_mastered")
        if mastered is None:
            self.mastered.set_value("–", "Words mastered in the word trainer: not known")
        else:
            count = int(mastered)
            self.mastered.set_value(str(count), f"{count} words mastered in the word trainer")

    def _set_heat(self, progress: Progress) -> None:
        heat = {k: v for k, v in progress.heat.items() if v > 0}
        self.heat_map.set_heat(heat, f"Times noticed in {SPAN_PHRASES[progress.span]}")
        self.heat_map.setVisible(bool(heat))
        self.heat_note.setVisible(not heat)
        self.heat_summary.setText(heat_summary(heat))
        self.heat_summary.setVisible(bool(heat))
