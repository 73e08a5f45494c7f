"""The body map's symbols and shading, shared by the figure, the panel's key and its lists.

One line-drawn glyph per family of sensations (and ± for activity), the
round badges that carry them on the figure, the diagonal hatching that makes
intensity visible without colour, and the colour-blind-safe heat palette.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, BodyMark
from emotrainer.core.suggest import mark_families

# Sequential, colour-blind-safe steps: ColorBrewer YlGnBu on light, viridis on dark.
HEAT_LIGHT = ("#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494")
HEAT_DARK = ("#3b528b", "#21918c", "#5ec962", "#b5de2b", "#fde725")


def mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def heat_colours(palette: QPalette) -> list[QColor]:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return [QColor(c) for c in (HEAT_DARK if dark else HEAT_LIGHT)]


def heat_colour(index: int, count: int, colours: list[QColor]) -> QColor:
    """Spread ``count`` steps over the palette, always ending at its strongest colour."""
    return colours[round(index * (len(colours) - 1) / max(1, count - 1)) if count > 1 else -1]


Stroke = tuple[tuple[float, float], ...]


def _circle(radius: float, n: int = 20) -> Stroke:
    return tuple(
        (radius * math.cos(2 * math.pi * k / n), radius * math.sin(2 * math.pi * k / n))
        for k in range(n + 1)
    )


def _spokes(n: int, inner: float, outer: float) -> list[Stroke]:
    angles = [math.pi / 2 + 2 * math.pi * k / n for k in range(n)]
    return [((inner * math.cos(a), inner * math.sin(a)), (outer * math.cos(a), outer * math.sin(a)))
            for a in angles]  # fmt: skip


# One symbol per family of sensations (and ± for activity), in a -1..1 box:
# (strokes, whether the first stroke is filled, whether the line is dotted).
GLYPHS: dict[str, tuple[list[Stroke], bool, bool]] = {
    "tension": ([((-0.8, 0.1), (-0.4, -0.45), (0, 0.45), (0.4, -0.45), (0.8, 0.1))], False, False),
    "heat": ([_circle(0.42), *_spokes(8, 0.64, 0.92)], True, False),  # a small sun
    "cold": (_spokes(6, 0.0, 0.85), False, False),  # a snowflake
    "activation": (
        [tuple((-0.85 + 1.7 * k / 12, -0.42 * math.sin(k * math.pi / 4)) for k in range(13))],
        False,
        False,
    ),  # a wave
    "weight": ([((-0.7, -0.45), (0.7, -0.45), (0, 0.65), (-0.7, -0.45))], True, False),
    "lightness": ([((-0.7, 0.45), (0.7, 0.45), (0, -0.65), (-0.7, 0.45))], False, False),
    "muted": ([_circle(0.6), ((-0.72, 0.72), (0.72, -0.72))], False, False),
    "absence": ([_circle(0.62)], False, True),
    "more": ([((-0.6, 0), (0.6, 0)), ((0, -0.6), (0, 0.6))], False, False),
    "less": ([((-0.6, 0), (0.6, 0))], False, False),
}


def hatch(
    painter: QPainter, path: QPainterPath, level: float, colour: QColor, scale: float
) -> None:
    """Diagonal lines inside ``path``: closer together for a higher ``level`` (0..1)."""
    spacing = max(3.5, scale * (0.1 - 0.07 * max(0.0, min(1.0, level))))
    box = path.boundingRect()
    painter.save()
    painter.setClipPath(path, Qt.ClipOperation.IntersectClip)
    painter.setPen(QPen(colour, max(0.8, scale / 300)))
    # Lines x + y = c for multiples c of the spacing: they continue across neighbours.
    c = math.floor((box.x() + box.y()) / spacing) * spacing
    while c <= box.right() + box.bottom():
        top, bottom = box.y(), box.bottom()
        painter.drawLine(QPointF(c - bottom, bottom), QPointF(c - top, top))
        c += spacing
    painter.restore()


def paint_glyph(painter: QPainter, name: str, centre: QPointF, size: float, colour: QColor) -> None:
    """A symbol from GLYPHS, drawn with lines so it stays crisp at any size."""
    strokes, filled, dotted = GLYPHS[name]
    pen = QPen(colour, max(1.1, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dotted:
        pen.setStyle(Qt.PenStyle.DotLine)
    painter.save()
    painter.setPen(pen)
    for i, stroke in enumerate(strokes):
        path = QPainterPath()
        points = [QPointF(centre.x() + x * size / 2, centre.y() + y * size / 2) for x, y in stroke]
        path.moveTo(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.setBrush(colour if filled and i == 0 else Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    painter.restore()


def paint_badges(
    painter: QPainter,
    anchor: QPointF,
    mark: BodyMark,
    size: float,
    palette: QPalette,
    *,
    align_left: bool = False,
) -> None:
    """The mark's symbols in small round badges at the region's anchor, with ± for activity."""
    names = mark_families(mark)[:3]
    if mark.activity in (ACTIVITY_MORE, ACTIVITY_LESS):
        names.append("more" if mark.activity == ACTIVITY_MORE else "less")
    step = size * 1.25
    x = anchor.x() - (0 if align_left else step * (len(names) - 1) / 2)
    base = palette.color(QPalette.ColorRole.Base)
    ink = palette.color(QPalette.ColorRole.WindowText)
    for name in names:
        centre = QPointF(x, anchor.y())
        painter.setPen(QPen(mix(base, ink, 0.45), 1.0))
        painter.setBrush(base)
        painter.drawEllipse(centre, size * 0.62, size * 0.62)
        paint_glyph(painter, name, centre, size * 0.9, ink)
        x += step


def glyph_icon(family: str, size: int, palette: QPalette) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    centre = QPointF(size / 2, size / 2)
    base, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
    painter.setPen(mix(base, ink, 0.45))
    painter.setBrush(base)
    painter.drawEllipse(centre, size * 0.46, size * 0.46)
    paint_glyph(painter, family, centre, size * 0.62, ink)
    painter.end()
    return QIcon(pixmap)
