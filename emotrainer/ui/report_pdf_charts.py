"""The PDF report's charts: where each point goes (pure), and the drawing with QPainter.

``plot_geometry`` maps a chart's points into a rectangle in plain numbers, so it
is cheap to test; ``draw_chart`` paints that geometry: axis lines, a few y
ticks, the first and last dates, one line per series with its own dash pattern
and marker shape, and a small legend — colour is never the only signal.
``draw_heat`` draws the body heat map with the app's own body map widget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
)

from emotrainer.core.progress_axis import MONTH_NAMES, y_top
from emotrainer.core.progress_types import Chart

# Light palette (ui.theme): text, a quiet grid, then one colour per series.
INK = QColor("#23272b")
QUIET = QColor("#6b7075")
GRID = QColor("#e4e0da")
AXIS = QColor("#a39d94")
SERIES_COLOURS = (QColor("#2d7a72"), QColor("#8a5a2b"), QColor("#4a5a8a"), QColor("#6b7075"))
DASHES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine, Qt.PenStyle.DashDotLine)
MARKERS = ("circle", "square", "triangle", "diamond")
MAX_MARKED = 40  # points per series up to which each point gets its marker


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True, slots=True)
class Plot:
    """A chart mapped into its plot area: ticks as (value, y), lines as (x, y) points."""

    area: Box
    top: float  # the value at the top of the y axis
    y_ticks: tuple[tuple[float, float], ...]
    first: date
    last: date
    lines: tuple[tuple[tuple[float, float], ...], ...]  # one per series, in order


HEAT_WIDTH_PX = 640  # the body map is laid out at this width, then scaled to the page


def tick_values(top: float) -> tuple[float, ...]:
    """0 to ``top`` in five steps (``y_top`` gives tops that divide nicely by five)."""
    return tuple(top * i / 5 for i in range(6))


def tick_text(value: float, unit: str) -> str:
    if unit.startswith("index"):
        return f"{value:.1f}"
    if unit == "%":
        return f"{value:.0f} %"
    return f"{value:g}"


def day_text(day: date) -> str:
    """ "3 Nov 2026": spelled out here so it does not change with the system locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def plot_geometry(chart: Chart, area: Box) -> Plot:
    """Where everything of ``chart`` goes in ``area`` (y grows downward, as on a page)."""
    days = [p.day for s in chart.series for p in s.points]
    first, last = (min(days), max(days)) if days else (date.min, date.min)
    values = [p.value for s in chart.series for p in s.points]
    top = y_top(chart.unit, values)
    top = max(top, max(values, default=0.0))  # a fixed scale never cuts a line off
    span = (last - first).days

    def x_of(day: date) -> float:
        if span == 0:
            return area.x + area.w / 2
        return area.x + area.w * (day - first).days / span

    def y_of(value: float) -> float:
        share = min(max(value / top, 0.0), 1.0) if top > 0 else 0.0
        return area.bottom - area.h * share

    ticks = tuple((v, y_of(v)) for v in tick_values(top))
    lines = tuple(tuple((x_of(p.day), y_of(p.value)) for p in s.points) for s in chart.series)
    return Plot(area, top, ticks, first, last, lines)


# -- drawing ---------------------------------------------------------------------------


def draw_chart(painter: QPainter, chart: Chart, box: Box, font: QFont, mm: float) -> None:
    """``chart`` (which has series) inside ``box``: legend on top, dates below, ticks left."""
    painter.save()
    painter.setFont(font)
    metrics = painter.fontMetrics()
    line_h = metrics.height()
    legend_h = _legend(painter, chart, box, line_h, mm) if chart.series else 0.0
    labels = [tick_text(v, chart.unit) for v, _y in plot_geometry(chart, box).y_ticks]
    widest = max(metrics.horizontalAdvance(text) for text in labels)
    gutter = float(max(widest, metrics.horizontalAdvance(chart.unit))) + 2.5 * mm
    area = Box(
        box.x + gutter,
        box.y + legend_h + line_h * 1.9,
        box.w - gutter - 2 * mm,
        box.h - legend_h - line_h * 3.2 - mm,
    )
    plot = plot_geometry(chart, area)
    # the unit above the y axis
    painter.setPen(QUIET)
    painter.drawText(
        QRectF(box.x, area.y - line_h * 1.8, gutter + area.w, line_h),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        chart.unit,
    )
    for value, y in plot.y_ticks:
        painter.setPen(QPen(GRID if value else AXIS, 0.25 * mm))
        painter.drawLine(QPointF(area.x, y), QPointF(area.right, y))
        painter.setPen(QUIET)
        painter.drawText(
            QRectF(box.x, y - line_h / 2, gutter - 1.5 * mm, line_h),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            tick_text(value, chart.unit),
        )
    painter.setPen(QPen(AXIS, 0.3 * mm))
    painter.drawLine(QPointF(area.x, area.y), QPointF(area.x, area.bottom))
    label_y = area.bottom + mm
    painter.setPen(QUIET)
    first, last = day_text(plot.first), day_text(plot.last)
    row = QRectF(area.x, label_y, area.w, line_h)
    if plot.last == plot.first:  # one day sits in the middle, and so does its date
        painter.drawText(row, Qt.AlignmentFlag.AlignHCenter, first)
    else:
        painter.drawText(row, Qt.AlignmentFlag.AlignLeft, first)
        painter.drawText(row, Qt.AlignmentFlag.AlignRight, last)
    painter.setClipRect(QRectF(area.x - mm, area.y - mm, area.w + 2 * mm, area.h + 2 * mm))
    for i, points in enumerate(plot.lines):
        _series(painter, points, i, mm)
    painter.restore()


def _pen(index: int, mm: float) -> QPen:
    pen = QPen(SERIES_COLOURS[index % len(SERIES_COLOURS)], 0.55 * mm)
    pen.setStyle(DASHES[index % len(DASHES)])
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def _series(
    painter: QPainter, points: Sequence[tuple[float, float]], index: int, mm: float
) -> None:
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(_pen(index, mm))
    if len(points) > 1:
        painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in points]))
    if len(points) <= MAX_MARKED:
        for x, y in points:
            _marker(painter, QPointF(x, y), index, (1.1 if len(points) > 1 else 1.5) * mm)


def _marker(painter: QPainter, at: QPointF, index: int, size: float) -> None:
    colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    painter.setPen(QPen(colour, size / 5))
    painter.setBrush(QColor("#ffffff"))
    shape = MARKERS[index % len(MARKERS)]
    half = size / 2
    if shape == "circle":
        painter.drawEllipse(at, half, half)
    elif shape == "square":
        painter.drawRect(QRectF(at.x() - half, at.y() - half, size, size))
    else:
        path = QPainterPath()
        if shape == "triangle":
            corners = [(0.0, -half * 1.15), (half * 1.1, half * 0.8), (-half * 1.1, half * 0.8)]
        else:
            corners = [(0.0, -half * 1.2), (half * 1.2, 0.0), (0.0, half * 1.2), (-half * 1.2, 0.0)]
        path.addPolygon(QPolygonF([QPointF(at.x() + dx, at.y() + dy) for dx, dy in corners]))
        path.closeSubpath()
        painter.drawPath(path)


def _legend(painter: QPainter, chart: Chart, box: Box, line_h: float, mm: float) -> float:
    """The series' names with their line and marker, wrapping onto more rows; its height."""
    sample = 9 * mm
    x, y = box.x, box.y
    for i, series in enumerate(chart.series):
        width = sample + 1.5 * mm + painter.fontMetrics().horizontalAdvance(series.label)
        if x > box.x and x + width > box.right:
            x, y = box.x, y + line_h * 1.2
        mid = y + line_h / 2
        painter.setPen(_pen(i, mm))
        painter.drawLine(QPointF(x, mid), QPointF(x + sample, mid))
        _marker(painter, QPointF(x + sample / 2, mid), i, 1.3 * mm)
        painter.setPen(INK)
        painter.drawText(
            QRectF(x + sample + 1.5 * mm, y, width, line_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            series.label,
        )
        x += width + 5 * mm
    return y - box.y + line_h * 1.3


def draw_heat(painter: QPainter, heat: Mapping[str, float], box: Box, font: QFont) -> None:
    """The body heat map, front and back, drawn by the app's own body map in the light palette.

    The widget is rendered to an image at three times its size, then drawn
    into ``box`` keeping its proportions, so it reads the same on paper as on screen.
    """
    from emotrainer.core.report_text import HEAT_LEGEND
    from emotrainer.ui import theme
    from emotrainer.ui.bodymap import BodyMapWidget

    widget = BodyMapWidget()
    palette = theme.palette_for("light")
    palette.setColor(QPalette.ColorRole.Window, Qt.GlobalColor.white)  # the paper, not a card
    widget.setPalette(palette)
    widget.setFont(font)
    widget.set_heat(heat, HEAT_LEGEND)
    scale = 3
    size = QSize(HEAT_WIDTH_PX, round(HEAT_WIDTH_PX * box.h / box.w))
    widget.resize(size)
    image = QImage(size * scale, QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(scale)
    image.fill(Qt.GlobalColor.white)
    widget.render(image)
    widget.deleteLater()
    painter.drawImage(QRectF(box.x, box.y, box.w, box.h), image)
