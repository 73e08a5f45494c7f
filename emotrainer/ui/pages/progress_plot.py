"""The pyqtgraph parts of a progress chart: the date axis, the read-only plot, line styles.

Only the progress page's modules import this, so pyqtgraph (and numpy) load
when that page is first opened. PySide6 comes first and PYQTGRAPH_QT_LIB
says so too, so pyqtgraph never looks for another binding.
"""

from __future__ import annotations

import os

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QPointF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QSizePolicy, QWidget

# isort: split
import pyqtgraph as pg

from emotrainer.core.progress_axis import DAY_SECONDS, midnight, ticks
from emotrainer.ui.widgets import plain_label

pg.setConfigOptions(antialias=True)

SYMBOLS_UP_TO = 45  # points a series may have and still show a dot at each
_STYLES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)
SYMBOLS = ("o", "s", "t", "d")


def series_colours(palette: QPalette) -> list[QColor]:
    """Line colours for light and dark: the accent, an orange, a blue, a muted grey.

    Each series also has its own dash pattern and symbol, so colour is never
    the only way to tell them apart.
    """
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    # Okabe–Ito orange and blue, darkened on white so thin lines keep their contrast.
    orange = QColor("#e69f00" if dark else "#b35c00")
    blue = QColor("#56b4e9" if dark else "#0a5f9e")
    return [
        palette.color(QPalette.ColorRole.Highlight),
        orange,
        blue,
        palette.color(QPalette.ColorRole.PlaceholderText),
    ]


def series_pen(palette: QPalette, index: int, width: float = 2.0) -> QPen:
    colours = series_colours(palette)
    pen = QPen(colours[index % len(colours)])
    pen.setWidthF(width)
    pen.setStyle(_STYLES[index % len(_STYLES)])
    pen.setCosmetic(True)
    return pen


class DayAxis(pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A date axis with whole-day ticks (see ``progress_axis.ticks``)."""

    def __init__(self) -> None:
        super().__init__(orientation="bottom")
        self.first = self.last = date.today()
        self._labels: dict[float, str] = {}

    def set_days(self, first: date, last: date) -> None:
        self.first, self.last = first, last
        self.picture = None  # redraw the ticks
        self.update()

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        font = self.style["tickFont"] or QFont()
        metrics = QFontMetricsF(font)
        found = ticks(
            self.first, self.last, size, metrics.horizontalAdvance, metrics.height() * 1.5
        )
        per_second = size / max(1.0, maxVal - minVal)
        self._labels = {}
        for day, text in found:
            x = midnight(day)
            room = metrics.horizontalAdvance(text) / 2 + 2
            # A label that would stick out of the axis is left off, tick and all.
            if (x - minVal) * per_second >= room and (maxVal - x) * per_second >= room:
                self._labels[x] = text
        return [(DAY_SECONDS, list(self._labels))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(v, "") for v in values]


class ChartPlot(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    """The plot: for reading only. Wheel scrolls the page; arrow keys step through days."""

    def __init__(self, on_key: Callable[[int], bool], on_leave: Callable[[], None]) -> None:
        self.day_axis = DayAxis()
        super().__init__(axisItems={"bottom": self.day_axis}, enableMenu=False)
        self._on_key = on_key
        self._on_leave = on_leave
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        item = self.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=False, y=True, alpha=0.3)
        item.getAxis("left").setStyle(maxTickLevel=0)  # major ticks only: a calm grid
        item.getAxis("bottom").setStyle(maxTickLevel=0)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.view_box = item.getViewBox()
        self.view_box.disableAutoRange()

    def wheelEvent(self, ev: QWheelEvent) -> None:
        ev.ignore()  # to the scroll area: the chart never zooms

    def keyPressEvent(self, ev: QKeyEvent) -> None:
        if self._on_key(ev.key()):
            ev.accept()
        else:
            super().keyPressEvent(ev)

    def leaveEvent(self, ev: QEvent) -> None:
        super().leaveEvent(ev)
        self._on_leave()

    def focusInEvent(self, ev: QFocusEvent) -> None:
        super().focusInEvent(ev)
        self.view_box.setBorder(
            pg.mkPen(self.palette().color(QPalette.ColorRole.Highlight), width=2)
        )

    def focusOutEvent(self, ev: QFocusEvent) -> None:
        super().focusOutEvent(ev)
        self.view_box.setBorder(None)
        self._on_leave()


class Swatch(QWidget):
    """A short sample of a series' line, for the legend."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index
        self.setFixedSize(QSize(self.fontMetrics().height() * 2, self.fontMetrics().height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(series_pen(self.palette(), self.index, 2.5))
        middle = self.height() / 2
        painter.drawLine(QPointF(1, middle), QPointF(self.width() - 1, middle))


class Legend(QWidget):
    """The series' names with a sample of each line, in as many columns as fit."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(4)
        self.entries: list[QWidget] = []
        self.labels: list[str] = []
        self._columns = 0

    def set_labels(self, labels: list[str]) -> None:
        if labels == self.labels:
            return
        self.labels = labels
        for entry in self.entries:
            self.grid.removeWidget(entry)
            entry.deleteLater()
        self.entries = []
        for i, label in enumerate(labels):
            entry = QWidget()
            row = QHBoxLayout(entry)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(6)
            row.addWidget(Swatch(i))
            row.addWidget(plain_label(label, wrap=False))
            self.entries.append(entry)
        self._columns = 0
        self._reflow(self.width())

    def _reflow(self, width: int) -> None:
        if not self.entries:
            return
        widest = max(e.sizeHint().width() for e in self.entries) + self.grid.horizontalSpacing()
        columns = max(1, min(len(self.entries), width // max(1, widest)))
        if columns == self._columns:
            return
        self._columns = columns
        for entry in self.entries:
            self.grid.removeWidget(entry)
        for i, entry in enumerate(self.entries):
            self.grid.addWidget(entry, i // columns, i % columns)
        for column in range(len(self.entries) + 1):
            self.grid.setColumnStretch(column, 0)
        self.grid.setColumnStretch(columns, 1)

    def minimumSizeHint(self) -> QSize:
        if not self.entries:
            return QSize(0, 0)
        widest = max(e.sizeHint().width() for e in self.entries)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for swatch in self.findChildren(Swatch):
                swatch.update()
