"""One progress chart in a card: its plot, legend, values on hover, summary and PNG export.

The plot is built once and only gets new data when the span changes
(``set_chart``), so a switch costs a few ``setData`` calls. The chart is for
reading, not exploring: no pan, zoom, context menu or auto-range button, and
the mouse wheel scrolls the page instead (see ``progress_plot``). Pointing at
the chart, or focusing it and using the arrow keys, shows the nearest day's
values in a plain label under it, with a marker line: never in a tooltip
that hides the data. The summary sentence under the chart is also the plot's
accessible name. When the core says there is too little to draw, its
encouraging note takes the plot's place: never empty axes.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QFontMetricsF, QPalette, QPen
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

# isort: split
import numpy as np
import pyqtgraph as pg

from emotrainer.core.progress import Chart, Series
from emotrainer.core.progress_axis import (
    DAY_SECONDS,
    day_at,
    format_value,
    midnight,
    period_text,
    y_top,
)
from emotrainer.ui.pages.progress_plot import (
    SYMBOLS,
    SYMBOLS_UP_TO,
    ChartPlot,
    Legend,
    series_colours,
    series_pen,
)
from emotrainer.ui.widgets import Card, plain_label

CUMULATIVE = frozenset({"vocabulary"})  # charts of running totals, not per-period values
FEW_POINTS = 3  # fewer days with something to show than this: a word of encouragement
FIRST_POINTS = "A start. Each time you practise adds to this, and over a few days a line appears."
NOTHING_TO_DRAW = "Nothing to draw for this span yet; it fills in as you practise."
NOTHING_IN_REPORT = "Nothing to draw in these days."  # a report's chart: it will not fill in
HINT = "Point at the chart, or use the arrow keys, to read the values of each day."


class ChartCard(Card):
    """A chart's card; ``set_chart`` gives it the numbers for a span.

    ``live``: the chart grows as the person practises (the Progress page), so a
    chart with little on it says so and encourages. A report's chart (the
    report window) is a fixed record and says only what is there.
    """

    def __init__(
        self,
        chart: Chart,
        first: date,
        last: date,
        parent: QWidget | None = None,
        *,
        live: bool = True,
    ) -> None:
        super().__init__(parent=parent)
        self.key = chart.key
        self.live = live
        self.chart = chart
        self.file_stem = f"emotrainer-{chart.key}"
        self._xs = np.empty(0)  # every day with a value, sorted (x positions)
        self._data: list[tuple[Series, np.ndarray, np.ndarray]] = []
        self._index: int | None = None  # the day shown under the chart
        self._multi_year = False
        self._offset = 0.0  # from a point's day to where it is drawn (a window's middle)

        # The content (title to summary) is what "Save as PNG" saves.
        self.content = QWidget()
        self.content.setAutoFillBackground(True)
        self.content.setBackgroundRole(QPalette.ColorRole.Base)
        column = QVBoxLayout(self.content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        header = QHBoxLayout()
        self.heading = plain_label(chart.title, "section")
        header.addWidget(self.heading, 1)
        self.save_button = QPushButton("Save as PNG…")
        self.save_button.setAccessibleName(f"Save the chart “{chart.title}” as a PNG picture")
        self.save_button.clicked.connect(self.save_png)
        header.addWidget(self.save_button)
        column.addLayout(header)
        self.legend = Legend()
        column.addWidget(self.legend)
        self.plot = ChartPlot(self._on_key, self._left)
        column.addWidget(self.plot)
        self.hover = plain_label("", "muted")  # the values of the day pointed at, or the latest
        column.addWidget(self.hover)
        self.note = plain_label("", "muted")
        column.addWidget(self.note)
        self.start_note = plain_label(FIRST_POINTS, "muted")
        column.addWidget(self.start_note)
        self.summary = plain_label("")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.summary)
        self.body.addWidget(self.content)

        item = self.plot.getPlotItem()
        self.marker = pg.InfiniteLine(angle=90, movable=False)
        self.marker.setVisible(False)
        item.addItem(self.marker, ignoreBounds=True)
        self.spots = pg.ScatterPlotItem(size=9)
        item.addItem(self.spots, ignoreBounds=True)
        self._curves: list[pg.PlotDataItem] = []
        self.plot.scene().sigMouseMoved.connect(self._moved)
        self._apply_font()
        self._apply_colours()
        self.set_chart(chart, first, last)

    # -- data -----------------------------------------------------------------

    def set_chart(self, chart: Chart, first: date, last: date) -> None:
        """Show ``chart`` over the days ``first`` to ``last``."""
        self.chart = chart
        self.file_stem = f"emotrainer-{chart.key}-{last.isoformat()}"
        self.heading.setText(chart.title)
        self.summary.setText(chart.summary)
        self.plot.setAccessibleName(chart.summary)
        self.plot.setAccessibleDescription(HINT)
        if chart.empty is None and not any(s.points for s in chart.series):
            # never empty axes
            chart = replace(chart, empty=NOTHING_TO_DRAW if self.live else NOTHING_IN_REPORT)
            self.chart = chart
        empty = chart.empty is not None
        for widget in (self.legend, self.plot, self.hover, self.save_button):
            widget.setVisible(not empty)
        self.note.setVisible(empty)
        self.note.setText(chart.empty or "")
        self.summary.setVisible(not empty and bool(chart.summary))
        few = self.live and _days_with_news(chart) < FEW_POINTS
        self.start_note.setVisible(not empty and few)
        self._index = None
        self._data = []
        if empty:
            self._xs = np.empty(0)
            return
        windows = chart.step_days > 7  # each point stands for a window of days: a segment
        span = chart.step_days * DAY_SECONDS
        self._offset = span / 2 if windows else 0.0
        for i, series in enumerate(chart.series):
            xs = np.fromiter((midnight(p.day) for p in series.points), float, len(series.points))
            ys = np.fromiter((p.value for p in series.points), float, len(series.points))
            self._data.append((series, xs, ys))
            if windows:
                ends = xs + span - DAY_SECONDS / 2
                pairs = np.column_stack([xs + DAY_SECONDS / 2, ends]).ravel()
                self._curve(i).setData(pairs, np.repeat(ys, 2), connect="pairs", symbol=None)
            else:
                self._curve(i).setData(xs, ys, connect="all", **self._symbol(i, len(xs)))
        for curve in self._curves[len(chart.series) :]:
            curve.setData([], [])
        self._xs = np.unique(np.concatenate([xs for _s, xs, _y in self._data] or [np.empty(0)]))
        self._set_legend(chart.series)
        # The span's days, widened to a point that starts before them (a week, a window).
        low, high = midnight(first), midnight(last)
        if len(self._xs):
            low = min(low, float(self._xs[0]))
            high = max(high, float(self._xs[-1]) + (span - DAY_SECONDS if windows else 0.0))
        shown_first, shown_last = day_at(low), day_at(high)
        self._multi_year = shown_first.year != shown_last.year
        self.plot.day_axis.set_days(shown_first, shown_last)
        item = self.plot.getPlotItem()
        item.setXRange(low - DAY_SECONDS / 2, high + DAY_SECONDS / 2, padding=0)
        top = y_top(chart.unit, [float(ys.max(initial=0.0)) for _s, _x, ys in self._data])
        # A little room below 0 and above the top, so their labels and lines are not cut.
        item.setYRange(-top * 0.04, top * 1.06, padding=0)
        self._show(None)

    def _curve(self, index: int) -> pg.PlotDataItem:
        while len(self._curves) <= index:
            curve = pg.PlotDataItem()
            self.plot.getPlotItem().addItem(curve)
            self._curves.append(curve)
            self._colour_curve(len(self._curves) - 1)
        return self._curves[index]

    def _symbol(self, index: int, count: int) -> dict[str, object]:
        if count > SYMBOLS_UP_TO:
            return {"symbol": None}
        return {"symbol": SYMBOLS[index % len(SYMBOLS)], "symbolSize": 7}

    def _set_legend(self, series: Sequence[Series]) -> None:
        self.legend.setVisible(len(series) > 1)
        self.legend.set_labels([s.label for s in series] if len(series) > 1 else [])

    # -- values on hover and by keyboard ---------------------------------------------

    def nearest(self, x: float) -> int | None:
        """The index of the day with a value nearest to ``x`` (POSIX seconds)."""
        if not len(self._xs):
            return None
        x -= self._offset
        i = int(np.searchsorted(self._xs, x))
        if i >= len(self._xs):
            return len(self._xs) - 1
        if i > 0 and x - self._xs[i - 1] < self._xs[i] - x:
            return i - 1
        return i

    def values_at(self, index: int) -> str:
        """ "Mon 3 Nov: 42 words" (one series) or "Mon 3 Nov: All words 42, Specific 10"."""
        x = float(self._xs[index])
        parts = []
        for series, xs, ys in self._data:
            j = int(np.searchsorted(xs, x))
            if j < len(xs) and xs[j] == x:
                value = float(ys[j])
                if len(self._data) == 1:
                    parts.append(format_value(value, self.chart.unit))
                elif self.chart.unit == "words":  # "All words 42, Specific 10"
                    parts.append(f"{series.label} {round(value)}")
                else:
                    parts.append(f"{series.label} {format_value(value, self.chart.unit)}")
        # A running total is the count on that day, whatever the step between points.
        step = 1 if self.chart.key in CUMULATIVE else self.chart.step_days
        when = period_text(day_at(x), step, year=self._multi_year)
        return f"{when}: {', '.join(parts)}"

    def show_near(self, x: float) -> str | None:
        """Show the values of the day nearest to ``x``; returns the text shown."""
        index = self.nearest(x)
        self._show(index)
        return None if index is None else self.hover.text()

    def _show(self, index: int | None) -> None:
        self._index = index
        if index is None:  # nothing pointed at: the latest values, without a marker
            self.marker.setVisible(False)
            self.spots.setData([], [])
            latest = f"Latest, {self.values_at(len(self._xs) - 1)}" if len(self._xs) else ""
            self.hover.setText(latest)
            self.plot.setAccessibleDescription(f"{latest}. {HINT}" if latest else HINT)
            return
        x = float(self._xs[index])
        self.marker.setPos(x + self._offset)
        self.marker.setVisible(True)
        spots = []
        colours = series_colours(self.palette())
        for i, (_series, xs, ys) in enumerate(self._data):
            j = int(np.searchsorted(xs, x))
            if j < len(xs) and xs[j] == x:
                spot = (x + self._offset, float(ys[j]))
                spots.append({"pos": spot, "brush": colours[i % len(colours)], "pen": None})
        self.spots.setData(spots)
        text = self.values_at(index)
        self.hover.setText(text)
        self.plot.setAccessibleDescription(text)

    def _moved(self, pos: QPointF) -> None:
        box = self.plot.view_box
        if not box.sceneBoundingRect().contains(pos) or not len(self._xs):
            return
        self.show_near(float(box.mapSceneToView(pos).x()))

    def _left(self) -> None:
        if not self.plot.hasFocus():
            self._show(None)

    def _on_key(self, key: int) -> bool:
        if not len(self._xs):
            return False
        last = len(self._xs) - 1
        current = self._index
        moves: dict[int, int] = {
            Qt.Key.Key_Left.value: -1,
            Qt.Key.Key_Right.value: 1,
            Qt.Key.Key_PageUp.value: -7,
            Qt.Key.Key_PageDown.value: 7,
        }
        if key == Qt.Key.Key_Home:
            self._show(0)
        elif key == Qt.Key.Key_End:
            self._show(last)
        elif key in moves:
            start = last if current is None else current + moves[key]
            self._show(min(last, max(0, start)))
        else:
            return False
        return True

    # -- export -------------------------------------------------------------------

    def save_png(self) -> Path | None:
        """Ask where, then save the chart (title to summary) as a PNG; None if not saved."""
        suggested = str(Path.home() / f"{self.file_stem}.png")
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save the chart as a picture", suggested, "PNG pictures (*.png)"
        )
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        self.save_button.hide()  # a button means nothing in a picture
        try:
            saved = self.content.grab().save(str(path), "PNG")
        finally:
            self.save_button.show()
        if not saved:
            from emotrainer.ui.dialogs import show_known_error

            show_known_error(
                "The picture was not saved",
                f"It could not be written to {path}. Perhaps the folder is read-only "
                "or the disk is full; try another place.",
                self,
            )
            return None
        return path

    # -- looks ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_colours()
        elif event.type() == QEvent.Type.FontChange:
            self._apply_font()

    def _apply_font(self) -> None:
        font = self.font()
        item = self.plot.getPlotItem()
        metrics = QFontMetricsF(font)
        for name in ("left", "bottom"):
            item.getAxis(name).setTickFont(font)
        item.getAxis("left").setWidth(int(metrics.horizontalAdvance("0000") + 14))
        item.getAxis("bottom").setHeight(int(metrics.height() * 1.2 + 8))
        self.plot.setFixedHeight(int(metrics.height() * 13))

    def _apply_colours(self) -> None:
        palette = self.palette()
        self.plot.setBackground(palette.color(QPalette.ColorRole.Base))
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            axis.setTextPen(palette.color(QPalette.ColorRole.Text))
        marker = QPen(palette.color(QPalette.ColorRole.PlaceholderText))
        marker.setWidthF(1.0)
        marker.setStyle(Qt.PenStyle.DashLine)
        marker.setCosmetic(True)
        self.marker.setPen(marker)
        for i in range(len(self._curves)):
            self._colour_curve(i)
        if self.plot.hasFocus():
            self.plot.show_focus()
        if self._index is not None:
            self._show(self._index)

    def _colour_curve(self, index: int) -> None:
        palette = self.palette()
        colour = series_colours(palette)[index % 4]
        curve = self._curves[index]
        curve.setPen(series_pen(palette, index))
        curve.setSymbolBrush(colour)
        curve.setSymbolPen(None)


def _days_with_news(chart: Chart) -> int:
    """On how many days the chart has something new: a value, or a change in a running total."""
    if chart.key not in CUMULATIVE:
        return len({p.day for series in chart.series for p in series.points})
    changed = set()
    for series in chart.series:
        before = 0.0
        for point in series.points:
            if point.value != before:
                changed.add(point.day)
            before = point.value
    return len(changed)
