"""How the feelings wheel is drawn: the scene cache, the wedge paths and the label layer.

``WheelCanvas`` holds what the drawing depends on (zoom root, chosen, focused
and hovered words) and turns one (layout, size, palette, font) into a
``_Scene``: wedge outlines for the marks, one filled sector per run of
same-coloured neighbours, separator lines and label placements. The labels are
rasterised once per scene; ``paintEvent`` only draws that cache. Interaction
lives in emotrainer.ui.wheel (``WheelWidget``); geometry in emotrainer.core.wheel.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.wheel import (
    LabelPlan,
    Wedge,
    WheelLayout,
    plan_labels,
    polar,
    shown_levels,
    wheel_layout,
)
from emotrainer.core.wheel_choice import family_hue, mix, ring_fill

MARGIN = 6.0
USER_MARK = "★"  # the user's own words: a glyph in the label, not colour alone
CHOSEN_MARK = "✓"
_FONT_SCALE = {Level.FAMILY: 1.0, Level.GROUP: 1.0, Level.SPECIFIC: 0.95}


@dataclass(slots=True)
class _Item:
    wedge: Wedge
    outline: QPainterPath  # the full wedge: hover, chosen and focus rings
    bounds: QRectF
    brush: QBrush
    transform: QTransform  # wheel centre, then the label's rotation
    plan: LabelPlan | None
    font: QFont


@dataclass(slots=True)
class _Scene:
    layout: WheelLayout
    centre: QPointF
    items: dict[str, _Item]
    root_brush: QBrush | None
    sectors: list[tuple[QPainterPath, QBrush, QRectF]]  # see _sectors
    separators: list[QLineF]
    separator: QPen
    text: QImage | None = None  # the labels, rasterised once (see _paint_text)


class WheelCanvas(QWidget):
    """The wheel's drawing: state that shows, the cached scene and its painting."""

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._root: str | None = None
        self._chosen: frozenset[str] = frozenset()
        self._focus: str | None = None
        self._hover: str | None = None
        self._hover_centre = False
        self._focus_visible = False  # drawn for keyboard focus, as :focus-visible
        self._scene: _Scene | None = None
        self._previous: _Scene | None = None
        self._zoom_in = True
        self._progress = 1.0

    # -- scene cache ------------------------------------------------------------

    def _current(self) -> _Scene:
        if self._scene is None:
            self._scene = self._build_scene(self._root)
        return self._scene

    def _invalidate(self) -> None:
        self._scene = None
        self._previous = None
        self.update()

    def _radius(self) -> float:
        rect = self.contentsRect()
        return max(min(rect.width(), rect.height()) / 2.0 - MARGIN, 20.0)

    def _font(self, level: Level) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * _FONT_SCALE[level])
        font.setBold(level is Level.FAMILY)
        return font

    def _fitting_layout(self, root_id: str | None, radius: float) -> WheelLayout:
        """The deepest layout whose every label has room for a few letters."""
        root = None if root_id is None else self._vocabulary.get(root_id)
        levels = shown_levels(root)
        hole = 0.0
        if root is not None:  # the centre names the zoom root
            name = QFontMetricsF(self._font(Level.FAMILY))
            hole = math.hypot(name.horizontalAdvance(root.label) / 2.0 + 6.0, name.height() + 2.0)
        for rings in range(min(3, len(levels)), 0, -1):
            layout = wheel_layout(self._vocabulary, root_id, radius, rings, hole)
            if rings == 1 or self._labels_fit(layout):
                return layout
        raise AssertionError("unreachable")

    def _labels_fit(self, layout: WheelLayout) -> bool:
        for ring in layout.rings:
            metrics = QFontMetricsF(self._font(ring.level))
            wedges = [w for w in ring.wedges if layout.ring_of(w) is ring]
            least = 4 * metrics.height()  # a few letters, then the ellipsis
            widths = [min(metrics.horizontalAdvance(self._label(w.word)), least) for w in wedges]
            plans = plan_labels(wedges, widths, metrics.height())
            if any(p is None or p.room < width for p, width in zip(plans, widths, strict=True)):
                return False
        return True

    def _build_scene(self, root_id: str | None) -> _Scene:
        rect = QRectF(self.contentsRect())
        centre = rect.center()
        radius = self._radius()
        layout = self._fitting_layout(root_id, radius)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text).name()
        window = palette.color(QPalette.ColorRole.Window).name()
        families = {f.id: i for i, f in enumerate(self._vocabulary.families)}
        enabled = self.isEnabled()
        gap = _gap(radius)

        def brush_for(word: Word) -> QBrush:
            hue = family_hue(word.family, families.get(word.family, 0))
            colour = ring_fill(hue, word.level.depth - 1, text, window)
            return QBrush(QColor(colour if enabled else mix(colour, window, 0.55)))

        items: dict[str, _Item] = {}
        base = QTransform().translate(centre.x(), centre.y())
        for ring in layout.rings:
            own = [w for w in ring.wedges if layout.ring_of(w) is ring]
            font = self._font(ring.level)
            metrics = QFontMetricsF(font)
            widths = [metrics.horizontalAdvance(self._label(w.word)) for w in own]
            for wedge, plan in zip(own, plan_labels(own, widths, metrics.height()), strict=True):
                outline = _wedge_path(centre, wedge, 0.0)
                items[wedge.word_id] = _Item(
                    wedge=wedge,
                    outline=outline,
                    bounds=outline.boundingRect(),
                    brush=brush_for(wedge.word),
                    transform=QTransform(base).rotate(plan.rotation) if plan else base,
                    plan=plan,
                    font=font,
                )
        root_brush = None if layout.root is None else brush_for(layout.root)
        sectors, separators = _sectors(centre, list(items.values()), gap)
        separator = QPen(palette.color(self.backgroundRole()), gap)
        separator.setCapStyle(Qt.PenCapStyle.FlatCap)
        return _Scene(layout, centre, items, root_brush, sectors, separators, separator)

    def _label(self, word: Word) -> str:
        text = f"{USER_MARK} {word.label}" if word.is_user else word.label
        return f"{CHOSEN_MARK} {text}" if word.id in self._chosen else text

    # -- painting -------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._current()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip = QRectF(event.rect())
        if self._previous is not None and self._progress < 1.0:
            p = self._progress
            grow, shrink = (1.25, 0.8) if self._zoom_in else (0.8, 1.25)
            self._paint_scene(painter, self._previous, clip, 1.0 - p, 1.0 + (grow - 1.0) * p)
            self._paint_scene(painter, scene, clip, p, shrink + (1.0 - shrink) * p)
            return
        self._paint_scene(painter, scene, clip, 1.0, 1.0)
        self._paint_marks(painter, scene)

    def _paint_scene(
        self, painter: QPainter, scene: _Scene, clip: QRectF, opacity: float, scale: float
    ) -> None:
        painter.setOpacity(opacity)
        if scale != 1.0:
            c = scene.centre
            zoom = QTransform().translate(c.x(), c.y()).scale(scale, scale)
            painter.setTransform(zoom.translate(-c.x(), -c.y()))
            clip = QRectF(-1e6, -1e6, 2e6, 2e6)
        self._paint_wedges(painter, scene, clip)
        self._paint_centre(painter, scene)
        if scene.text is None:
            scene.text = self._paint_text(scene)
        painter.drawImage(QPointF(0.0, 0.0), scene.text)
        painter.resetTransform()
        painter.setOpacity(1.0)

    def _paint_wedges(self, painter: QPainter, scene: _Scene, clip: QRectF) -> None:
        for path, brush, bounds in scene.sectors:
            if bounds.intersects(clip):
                painter.fillPath(path, brush)
        painter.setPen(scene.separator)
        painter.drawLines(scene.separators)

    def _paint_text(self, scene: _Scene) -> QImage:
        """All labels on a transparent layer, drawn once per scene.

        Qt caches glyphs for upright text but rasterises rotated glyphs afresh on
        every draw (~6 ms for the whole wheel at 900 px), so the rotated labels
        are drawn once per layout, palette, font and set of chosen words and
        then blitted; the wedges are still painted from their paths each time.
        """
        ratio = self.devicePixelRatioF()
        size = self.size() * ratio
        image = QImage(size.width(), size.height(), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().color(self._group(), QPalette.ColorRole.Text))
        for item in scene.items.values():
            if item.plan is None:
                continue
            metrics = QFontMetricsF(item.font)
            label = self._label(item.wedge.word)
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, item.plan.room)
            cx, cy = item.plan.centre
            origin = QPointF(
                cx - metrics.horizontalAdvance(text) / 2.0,
                cy - metrics.height() / 2.0 + metrics.ascent(),
            )
            painter.setFont(item.font)
            painter.setTransform(item.transform)
            painter.drawText(origin, text)
        painter.end()
        return image

    def _paint_centre(self, painter: QPainter, scene: _Scene) -> None:
        """When zoomed, the centre names where you are and is the way back out."""
        layout = scene.layout
        if layout.root is None or scene.root_brush is None:
            return
        palette = self.palette()
        radius = layout.hole - _gap(layout.radius) / 2.0
        colour = scene.root_brush.color()
        if self._hover_centre:
            colour = mix_colour(colour, palette.color(QPalette.ColorRole.Base), 0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(scene.centre, radius, radius)
        painter.setPen(palette.color(self._group(), QPalette.ColorRole.Text))
        font = self._font(Level.FAMILY)
        metrics = QFontMetricsF(font)
        width = 2.0 * math.sqrt(max(radius**2 - metrics.height() ** 2, 0.0)) - 4.0
        name = metrics.elidedText(layout.root.label, Qt.TextElideMode.ElideRight, width)
        painter.setFont(font)
        c = scene.centre
        painter.drawText(
            QPointF(c.x() - metrics.horizontalAdvance(name) / 2.0, c.y() - metrics.descent()), name
        )
        small = QFontMetricsF(self.font())
        back = small.elidedText("‹ back", Qt.TextElideMode.ElideRight, width)
        painter.setFont(self.font())
        painter.drawText(
            QPointF(c.x() - small.horizontalAdvance(back) / 2.0, c.y() + small.ascent() + 2.0),
            back,
        )

    def _paint_marks(self, painter: QPainter, scene: _Scene) -> None:
        """Hover, chosen and focus rings: shapes, so colour is not the only signal."""
        palette = self.palette()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self._hover in scene.items:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.WindowText), 1.5))
            painter.drawPath(scene.items[self._hover].outline)
        chosen = self._chosen & scene.items.keys()
        if chosen:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3.0)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            for word_id in chosen:
                painter.drawPath(scene.items[word_id].outline)
        if self._focus in scene.items and self.hasFocus() and self._focus_visible:
            path = scene.items[self._focus].outline
            outer = QPen(palette.color(QPalette.ColorRole.WindowText), 4.0)
            outer.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(outer)
            painter.drawPath(path)
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Base), 1.5))
            painter.drawPath(path)

    def _group(self) -> QPalette.ColorGroup:
        return QPalette.ColorGroup.Active if self.isEnabled() else QPalette.ColorGroup.Disabled


def _wedge_path(centre: QPointF, wedge: Wedge, gap: float) -> QPainterPath:
    """An annular sector, inset by half of `gap` on every side so that the page
    shows between neighbours (cheaper than stroking every wedge). Qt measures
    angles counter-clockwise from 3 o'clock; ours run clockwise from 12."""
    half = gap / 2.0
    r_out = wedge.outer - half
    r_in = wedge.inner + half if wedge.inner > 0 else 0.0
    path = QPainterPath()
    outer = QRectF(centre.x() - r_out, centre.y() - r_out, 2 * r_out, 2 * r_out)
    inner = QRectF(centre.x() - r_in, centre.y() - r_in, 2 * r_in, 2 * r_in)
    if wedge.span >= 359.999:
        path.addEllipse(outer)
        path.addEllipse(inner)
        return path

    def inset(radius: float) -> tuple[float, float]:
        delta = math.degrees(half / radius) if radius > 0 else 0.0
        delta = min(delta, wedge.span / 2.0 - 1e-3)
        return 90.0 - (wedge.start + delta), wedge.span - 2.0 * delta

    start, span = inset(r_out)
    path.arcMoveTo(outer, start)
    path.arcTo(outer, start, -span)
    start, span = inset(r_in)
    path.arcTo(inner, start - span, span)
    path.closeSubpath()
    return path


def _sectors(
    centre: QPointF, items: list[_Item], gap: float
) -> tuple[list[tuple[QPainterPath, QBrush, QRectF]], list[QLineF]]:
    """Neighbouring wedges of one colour filled as one sector, split by lines.

    Siblings share a colour (family × level), so a ring needs only one fill per
    family; a radial line in the background colour then separates the words.
    Filling 30 sectors and drawing 150 lines costs half of filling 181 wedges,
    and looks the same: the page shows through a gap of `gap` pixels.
    """
    runs: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: (i.wedge.first_ring, i.wedge.last_ring, i.wedge.start)):
        last = runs[-1][-1] if runs else None
        if (
            last is not None
            and (last.wedge.first_ring, last.wedge.last_ring)
            == (item.wedge.first_ring, item.wedge.last_ring)
            and last.brush.color() == item.brush.color()
            and abs(last.wedge.start + last.wedge.span - item.wedge.start) < 1e-6
        ):
            runs[-1].append(item)
        else:
            runs.append([item])
    sectors = []
    lines = []
    half = gap / 2.0
    for run in runs:
        first, end = run[0].wedge, run[-1].wedge
        span = end.start + end.span - first.start
        whole = Wedge(first.word, first.start, span, first.inner, first.outer, 0, 0, False)
        path = _wedge_path(centre, whole, gap)
        sectors.append((path, run[0].brush, path.boundingRect()))
        for item in run[1:]:
            w = item.wedge
            x1, y1 = polar(w.inner + half, w.start)
            x2, y2 = polar(w.outer - half, w.start)
            lines.append(QLineF(centre.x() + x1, centre.y() + y1, centre.x() + x2, centre.y() + y2))
    return sectors, lines


def _gap(radius: float) -> float:
    """Pixels of page between wedges: visible at any size, finer on small wheels."""
    return max(1.5, radius / 250.0)


def mix_colour(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(mix(a.name(), b.name(), t))
