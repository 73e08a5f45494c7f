"""The body map: a painted figure, front and back, to mark where something is felt.

Geometry is a pure function of (size, drawing): on resize the normalised
polygons of the visible views are scaled into QPainterPaths once; painting
draws that cache and hit-testing uses the same paths, after the core's grid
index has narrowed a point down to the regions whose box holds it.

Marks show as colour strength *and* a pattern (closer hatch lines for more
intensity) *and* a symbol per family of sensations, so colour is never the
only signal. In heat-map mode (``set_heat``) the regions are shaded in five
steps of a colour-blind-safe sequential palette, again with hatching, and a
legend with numbers. Keyboard: Tab in, arrow keys move to the nearest place
in that direction, Enter or Space opens it (``region_activated``), Delete asks
to clear its mark (``region_cleared``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

from emotrainer.core.bodymap import (
    BodyMap,
    BodyView,
    HeatStep,
    describe_mark,
    heat_step_of,
    heat_steps,
    load_bodymap,
    nearest_in_direction,
    region_label,
)
from emotrainer.core.models import BodyMark
from emotrainer.core.suggest import is_absence
from emotrainer.resources import asset
from emotrainer.ui.bodyglyphs import hatch, heat_colour, heat_colours, mix, paint_badges

WHOLE_BODY = "whole_body"
BOTH_VIEWS_MIN_SHARE = 0.72  # both views side by side when each keeps this share of the height
_KEYS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
VIEW_TITLES = {"front": "Front", "back": "Back"}


@cache
def shipped_bodymap() -> BodyMap:
    return load_bodymap(asset("body", "bodymap.json"))


@dataclass
class _Figure:
    view: BodyView
    rect: QRectF
    paths: dict[str, QPainterPath] = field(default_factory=dict)
    anchors: dict[str, QPointF] = field(default_factory=dict)
    outline: QPainterPath = field(default_factory=QPainterPath)

    def to_unit(self, point: QPointF) -> tuple[float, float]:
        return (
            (point.x() - self.rect.x()) / self.rect.width(),
            (point.y() - self.rect.y()) / self.rect.height(),
        )


class BodyMapWidget(QWidget):
    region_focused = Signal(str)
    region_activated = Signal(str)  # Enter, Space or a click: "describe this place"
    region_cleared = Signal(str)  # Delete on a marked place
    views_changed = Signal()

    def __init__(self, bodymap: BodyMap | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._map = bodymap or shipped_bodymap()
        self._view = "front"
        self._allow_both = True
        self._marks: dict[str, BodyMark] = {}
        self._heat: dict[str, float] | None = None
        self._heat_title = ""
        self._steps: list[HeatStep] = []
        self._focus: str | None = None
        self._hover: str | None = None
        self._figures: list[_Figure] = []
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._update_accessible()

    # -- state ------------------------------------------------------------------

    @property
    def bodymap(self) -> BodyMap:
        return self._map

    def set_view(self, view: str) -> None:
        """The view shown when there is room for only one."""
        if view not in self._map.views:
            raise ValueError(f"unknown view {view!r}")
        self._view = view
        self._relayout()

    def view(self) -> str:
        return self._view

    def set_allow_both(self, allow: bool) -> None:
        self._allow_both = allow
        self._relayout()

    def visible_views(self) -> list[str]:
        if not self._figures:
            self._relayout(notify=False)
        return [f.view.name for f in self._figures]

    def set_marks(self, marks: Iterable[BodyMark]) -> None:
        self._marks = {m.region: m for m in marks}
        self._update_accessible()
        self.update()

    def marks(self) -> list[BodyMark]:
        return list(self._marks.values())

    def set_heat(self, values: Mapping[str, float], legend_title: str) -> None:
        """Show aggregated values per region (counts, mean intensity) with a legend."""
        self._heat = {k: float(v) for k, v in values.items() if k in self._all_ids()}
        self._heat_title = legend_title
        self._steps = heat_steps(self._heat.values())
        self._relayout()

    def clear_heat(self) -> None:
        self._heat = None
        self._steps = []
        self._relayout()

    def heat_steps(self) -> list[HeatStep]:
        return list(self._steps)

    def focused_region(self) -> str | None:
        return self._focus

    def set_focused_region(self, region_id: str | None) -> None:
        if region_id == self._focus:
            return
        self._focus = region_id
        if region_id is not None and region_id not in self._visible_ids():
            view = self._map.view_of(region_id)
            if view is not None:
                self._view = view
                self._relayout()
        self._update_accessible()
        self.update()
        if region_id is not None:
            self.region_focused.emit(region_id)

    def describe(self, region_id: str) -> str:
        """The words for a place, for screen readers and the caption under the figure."""
        name = region_label(region_id)
        if self._heat is not None:
            value = self._heat.get(region_id, 0.0)
            shown = f"{value:g}" if value == int(value) else f"{value:.1f}"
            return f"{name} — {self._heat_title}: {shown}"
        return f"{name} — {describe_mark(self._marks.get(region_id))}"

    def region_anchor(self, region_id: str) -> QPointF:
        """Where a region is drawn: a point inside it (tests click there)."""
        if not self._figures:
            self._relayout(notify=False)
        for figure in self._figures:
            if region_id in figure.anchors:
                return QPointF(figure.anchors[region_id])
        raise KeyError(region_id)

    def region_at(self, point: QPointF) -> str | None:
        for figure in self._figures:
            if not figure.rect.contains(point):
                continue
            x, y = figure.to_unit(point)
            for shape in figure.view.index.candidates(x, y):
                if figure.paths[shape.id].contains(point):
                    return shape.id
        return None

    def _all_ids(self) -> set[str]:
        return {i for v in self._map.views.values() for i in v.regions}

    def _visible_ids(self) -> set[str]:
        return {i for f in self._figures for i in f.anchors}

    # -- geometry -----------------------------------------------------------------

    def _caption_height(self) -> float:
        lines = 2 + (3.6 if self._heat is not None else 0)
        return self.fontMetrics().height() * lines + 10

    def _relayout(self, notify: bool = True) -> None:
        before = [f.view.name for f in self._figures]
        margin = 8.0
        area = QRectF(self.rect()).adjusted(margin, margin, -margin, -margin)
        area.setBottom(area.bottom() - self._caption_height())
        aspect = self._map.aspect
        single = min(area.height(), area.width() * aspect)
        both = min(area.height(), (area.width() - margin) / 2 * aspect)
        names = [self._view]
        if self._allow_both and single > 0 and both >= BOTH_VIEWS_MIN_SHARE * single:
            names = list(self._map.views)
        slot_width = (area.width() - margin * (len(names) - 1)) / len(names)
        self._figures = []
        for i, name in enumerate(names):
            height = max(1.0, min(area.height(), slot_width * aspect))
            width = height / aspect
            left = area.x() + i * (slot_width + margin) + (slot_width - width) / 2
            self._figures.append(
                self._build(self._map.views[name], QRectF(left, area.y(), width, height))
            )
        if self._focus is not None and self._focus not in self._visible_ids() | {WHOLE_BODY}:
            self._focus = self._counterpart(self._focus)
            self._update_accessible()
        self.update()
        if notify and before != names:
            self.views_changed.emit()

    def _build(self, view: BodyView, rect: QRectF) -> _Figure:
        figure = _Figure(view, rect)

        def path(rings: Iterable[Iterable[tuple[float, float]]]) -> QPainterPath:
            result = QPainterPath()
            for ring in rings:
                points = [QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())
                          for x, y in ring]  # fmt: skip
                result.moveTo(points[0])
                for point in points[1:]:
                    result.lineTo(point)
                result.closeSubpath()
            return result

        for region_id, shape in view.regions.items():
            figure.paths[region_id] = path(shape.rings)
            ax, ay = shape.anchor
            figure.anchors[region_id] = QPointF(
                rect.x() + ax * rect.width(), rect.y() + ay * rect.height()
            )
        figure.outline = path([view.outline])
        return figure

    def _counterpart(self, region_id: str) -> str | None:
        """The nearest visible place to ``region_id`` seen from the other side (mirrored)."""
        view_name = self._map.view_of(region_id)
        if view_name is None or not self._figures:
            return None
        x, y = self._map.views[view_name].regions[region_id].anchor
        shapes = self._figures[0].view.regions.values()
        return min(shapes, key=lambda s: (s.anchor[0] - (1 - x)) ** 2 + (s.anchor[1] - y) ** 2).id

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._relayout()
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        height = line * 30
        return QSize(
            int(height / self._map.aspect) + line * 4, height + int(self._caption_height())
        )

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 8, line * 16)

    # -- painting -------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._figures:
            self._relayout(notify=False)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.isEnabled():
            painter.setOpacity(0.45)
        colours = heat_colours(self.palette())
        for figure in self._figures:
            self._paint_figure(painter, figure, colours)
        for figure in self._figures:
            self._paint_symbols(painter, figure)
        self._paint_focus(painter)
        self._paint_captions(painter)
        if self._heat is not None:
            self._paint_legend(painter, colours)
        painter.end()

    def _paint_figure(self, painter: QPainter, figure: _Figure, colours: list[QColor]) -> None:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        accent = pal.color(QPalette.ColorRole.Highlight)
        body = mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Mid), 0.45)
        whole = self._marks.get(WHOLE_BODY) if self._heat is None else None
        if whole is not None and not is_absence(whole):
            body = mix(body, accent, 0.08 + 0.015 * (whole.intensity or 4))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(figure.outline, body)
        edge = QPen(mix(body, text, 0.22), max(0.6, figure.rect.width() / 400))
        scale = figure.rect.width()
        for region_id, path in figure.paths.items():
            fill, level = self._fill_for(region_id, body, accent, colours)
            if region_id == self._hover:
                fill = mix(fill, accent, 0.18)
            painter.fillPath(path, fill)
            if level is not None:
                hatch(painter, path, level, mix(fill, text, 0.3), scale)
            painter.strokePath(path, edge)
            mark = self._marks.get(region_id) if self._heat is None else None
            if mark is not None and is_absence(mark):  # "nothing" is an answer: shown, dashed
                dashed = QPen(mix(body, text, 0.55), max(1.0, scale / 260), Qt.PenStyle.DashLine)
                painter.strokePath(path, dashed)
        outline_colour = accent if whole is not None else mix(body, text, 0.62)
        width = max(1.2, scale / 160) * (2.0 if whole is not None else 1.0)
        painter.strokePath(figure.outline, QPen(outline_colour, width))

    def _fill_for(
        self, region_id: str, body: QColor, accent: QColor, colours: list[QColor]
    ) -> tuple[QColor, float | None]:
        """The region's colour and hatch level (0..1, None for no hatching)."""
        if self._heat is not None:
            step = heat_step_of(self._heat.get(region_id, 0.0), self._steps)
            if step is None:
                return body, None
            count = len(self._steps)
            return heat_colour(step, count, colours), (step + 1) / max(count, 1)
        mark = self._marks.get(region_id)
        if mark is None or is_absence(mark):
            return body, None
        strength = 0.5 if mark.intensity is None else mark.intensity / 10
        fill = mix(body, accent, 0.22 + 0.6 * strength)
        return fill, None if mark.intensity is None or mark.intensity == 0 else strength

    def _paint_symbols(self, painter: QPainter, figure: _Figure) -> None:
        if self._heat is not None:
            self._paint_heat_numbers(painter, figure)
            return
        size = max(11.0, min(17.0, figure.rect.width() * 0.065))
        for region_id, mark in self._marks.items():
            if region_id == WHOLE_BODY:  # beside the head: the whole figure is meant
                r = figure.rect
                corner = QPointF(r.x() + size, r.y() + size)
                paint_badges(painter, corner, mark, size, self.palette(), align_left=True)
            elif region_id in figure.anchors:
                paint_badges(painter, figure.anchors[region_id], mark, size, self.palette())

    def _paint_heat_numbers(self, painter: QPainter, figure: _Figure) -> None:
        if figure.rect.width() < 150 or self._heat is None:
            return
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        colours = heat_colours(self.palette())
        for region_id, anchor in figure.anchors.items():
            value = self._heat.get(region_id, 0.0)
            step = heat_step_of(value, self._steps)
            if step is None:
                continue
            fill = heat_colour(step, len(self._steps), colours)
            painter.setPen(QColor("#111111") if fill.lightness() > 140 else QColor("#ffffff"))
            text = f"{value:g}" if value == int(value) else f"{value:.1f}"
            box = QRectF(anchor.x() - 30, anchor.y() - 10, 60, 20)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_focus(self, painter: QPainter) -> None:
        if self._focus is None:
            return
        pal = self.palette()
        for figure in self._figures:
            path = figure.outline if self._focus == WHOLE_BODY else figure.paths.get(self._focus)
            if path is None:
                continue
            strong = self.hasFocus()
            halo = QPen(pal.color(QPalette.ColorRole.Base), 5.0 if strong else 3.5)
            ring = QPen(pal.color(QPalette.ColorRole.WindowText), 2.5 if strong else 1.5)
            if not strong:
                ring.setStyle(Qt.PenStyle.DashLine)
            painter.strokePath(path, halo)
            painter.strokePath(path, ring)

    def _paint_captions(self, painter: QPainter) -> None:
        pal = self.palette()
        metrics = self.fontMetrics()
        line = metrics.height()
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        for figure in self._figures:
            r = figure.rect
            row = QRectF(r.x(), r.bottom() + 4, r.width(), line)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(row, Qt.AlignmentFlag.AlignCenter, VIEW_TITLES[figure.view.name])
            # Which side is whose, beside the feet: the figure's own left and right.
            painter.setPen(muted)
            feet = QRectF(r.x(), r.bottom() - line * 1.2, r.width(), line)
            left_on = figure.view.viewer_side("left")
            align = Qt.AlignmentFlag.AlignLeft if left_on == "left" else Qt.AlignmentFlag.AlignRight
            other = Qt.AlignmentFlag.AlignRight if left_on == "left" else Qt.AlignmentFlag.AlignLeft
            painter.drawText(feet, align, "left")
            painter.drawText(feet, other, "right")
        top = max(f.rect.bottom() for f in self._figures) + line + 8
        status = QRectF(8, top, self.width() - 16, line)
        shown = self._hover or self._focus
        if shown is not None:
            text, colour = self.describe(shown), pal.color(QPalette.ColorRole.WindowText)
        elif self._heat is None and self.focusPolicy() != Qt.FocusPolicy.NoFocus:
            text, colour = "Click a place, or press Tab and use the arrows.", muted
        else:
            text, colour = "", muted
        painter.setPen(colour)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(status.width()))
        painter.drawText(status, Qt.AlignmentFlag.AlignHCenter, elided)

    def _paint_legend(self, painter: QPainter, colours: list[QColor]) -> None:
        pal = self.palette()
        ink = pal.color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        line = metrics.height()
        top = max(f.rect.bottom() for f in self._figures) + 2 * line + 16
        painter.setPen(ink)
        title = QRectF(8, top, self.width() - 16, line)
        painter.drawText(title, Qt.AlignmentFlag.AlignHCenter, self._heat_title)
        body = mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Mid), 0.45)
        count = len(self._steps)
        entries = [(body, None, "0")] + [
            (heat_colour(i, count, colours), (i + 1) / count, step.label)
            for i, step in enumerate(self._steps)
        ]
        widths = [max(metrics.horizontalAdvance(e[2]) + 14, line * 2.8) for e in entries]
        x = (self.width() - sum(widths)) / 2
        for (fill, level, label), width in zip(entries, widths, strict=True):
            swatch = QPainterPath()
            swatch.addRoundedRect(QRectF(x + 3, top + line + 4, width - 6, line * 1.1), 4, 4)
            painter.fillPath(swatch, fill)
            if level is not None:
                hatch(painter, swatch, level, mix(fill, ink, 0.3), 200)
            painter.strokePath(swatch, QPen(mix(body, ink, 0.4), 1.0))
            painter.setPen(ink)
            below = QRectF(x, top + line * 2.2 + 6, width, line)
            painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, label)
            x += width

    # -- input ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _KEYS and self._figures:
            if self._focus is None or self._focus not in self._visible_ids():
                self.set_focused_region(self._first_region())
            else:
                anchors = {i: (p.x(), p.y()) for f in self._figures for i, p in f.anchors.items()}
                target = nearest_in_direction(anchors, self._focus, *_KEYS[key])
                if target is not None:
                    self.set_focused_region(target)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self._focus:
            self.region_activated.emit(self._focus)
            return
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._focus in self._marks:
            self.region_cleared.emit(self._focus)
            return
        super().keyPressEvent(event)

    def _first_region(self) -> str:
        return min(self._figures[0].anchors.items(), key=lambda kv: (kv[1].y(), kv[1].x()))[0]

    def focusInEvent(self, event: QFocusEvent) -> None:
        tabbed = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
        )
        if tabbed and self._focus is None and self._figures:
            self.set_focused_region(self._first_region())
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.region_at(event.position())
        if hover != self._hover:
            self._hover = hover
            shape = Qt.CursorShape.PointingHandCursor if hover else Qt.CursorShape.ArrowCursor
            self.setCursor(shape)
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        if self._hover is not None:
            self._hover = None
            self.update()
        super().leaveEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._relayout()  # the captions and legend take their height from the font
        super().changeEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        region_id = self.region_at(event.position())
        if region_id is None:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.set_focused_region(region_id)
        self.region_activated.emit(region_id)

    def _update_accessible(self) -> None:
        views = " and ".join(VIEW_TITLES[v].lower() for v in [f.view.name for f in self._figures])
        self.setAccessibleDescription(
            f"Body map, {views or 'front'} view. Arrow keys move to the nearest place; "
            "Enter describes the place."
        )
        self.setAccessibleName(self.describe(self._focus) if self._focus else "Body map")
