"""The painted feelings wheel: families inside, groups around them, specific words outside.

Interaction (documented once here; the panel's help text says the same):

- Mouse: pointing at a word shows it (the panel's detail area reads
  ``word_hovered``). Clicking a specific word chooses it, clicking it again lets
  it go. Clicking a family or group opens it (zooms in, animated); Shift+click
  chooses the broad word itself, as does the panel's “Choose …” button. The
  centre shows where you are; clicking it goes back out.
- Keyboard: Tab in; Left/Right move round the ring (Right is clockwise);
  Up moves to the broader word (toward the centre), Down to the first narrower
  word (outward); Enter acts like a click (chooses a specific word, opens a
  broad one); Space or Shift+Enter chooses the focused word at any level;
  Escape goes back out.

The focused word is always a visible wedge: moving to a word the current zoom
does not show zooms so that it does. At small sizes the whole-wheel view
leaves out the outer ring rather than draw labels too small to read; opening a
family shows its specific words.

Geometry and hit-testing come from emotrainer.core.wheel (pure). This module
caches the paths, colours and label placements for one (layout, size, palette,
font) in a ``_Scene`` and ``paintEvent`` only draws that cache.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QLineF, QPointF, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QBrush,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.wheel import (
    LabelPlan,
    Wedge,
    WheelLayout,
    family_hue,
    mix,
    plan_labels,
    polar,
    ring_fill,
    shown_levels,
    wheel_layout,
)

MARGIN = 6.0
LEVEL_NAMES = {
    Level.FAMILY: "feeling family",
    Level.GROUP: "group",
    Level.SPECIFIC: "specific word",
}
USER_MARK = "★"  # the user's own words: a glyph in the label, not colour alone
CHOSEN_MARK = "✓"
HELP = (
    "Left and Right move round the ring, Up moves to a broader word, Down to a narrower one. "
    "Enter opens a broad word or chooses a specific one; Space chooses the word itself. "
    "Escape goes back out."
)
_FONT_SCALE = {Level.FAMILY: 1.0, Level.GROUP: 1.0, Level.SPECIFIC: 0.95}


def accessible_name(word: Word, chosen: bool) -> str:
    parts = [word.label, LEVEL_NAMES[word.level]]
    if word.is_user:
        parts.append("your word")
    if chosen:
        parts.append("chosen")
    return ", ".join(parts)


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


class WheelWidget(QWidget):
    word_focused = Signal(str)
    word_hovered = Signal(str)  # "" when the pointer leaves the words
    choose_requested = Signal(str)  # the panel decides (limit, toggling)
    zoom_changed = Signal(str)  # the zoom root; "" for the whole wheel
    opened = Signal(str)  # the person opened a broad word (click, Enter, “Open …”)

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._root: str | None = None
        self._chosen: frozenset[str] = frozenset()
        self._focus: str | None = None
        self._hover: str | None = None
        self._hover_centre = False
        self._pressed: str | None = None
        self._pointed: str | None = None  # hover_word's word, until the mouse moves
        self._focus_visible = False  # drawn for keyboard focus, as :focus-visible
        self._scene: _Scene | None = None
        self._previous: _Scene | None = None
        self._zoom_in = True
        self._progress = 1.0
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setDuration(220)
        self._animation.valueChanged.connect(self._animate)
        self._animation.finished.connect(self._animation_done)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Feelings wheel")
        self.setAccessibleDescription(HELP)

    # -- public API ---------------------------------------------------------

    @property
    def zoom_duration(self) -> int:
        """Milliseconds of the zoom animation; 0 switches it off (tests, reduced motion)."""
        return self._animation.duration()

    @zoom_duration.setter
    def zoom_duration(self, ms: int) -> None:
        self._animation.setDuration(max(0, ms))

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    @property
    def zoom_root(self) -> str | None:
        return self._root

    @property
    def focused_word(self) -> str | None:
        return self._focus

    @property
    def hovered_word(self) -> str | None:
        return self._hover

    def layout_geometry(self) -> WheelLayout:
        return self._current().layout

    def centre_point(self) -> QPointF:
        return QPointF(self._current().centre)

    def point_of(self, word_id: str) -> QPointF:
        """The centre of the word's slice in widget coordinates (for tests and tools)."""
        scene = self._current()
        x, y = scene.layout.centroid(word_id)
        return QPointF(scene.centre.x() + x, scene.centre.y() + y)

    def word_at(self, point: QPointF) -> str | None:
        scene = self._current()
        return scene.layout.hit(point.x() - scene.centre.x(), point.y() - scene.centre.y())

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        if self._root is not None and self._root not in vocabulary:
            self._root = None
        if self._focus is not None and self._focus not in vocabulary:
            self._focus = None
        if self._hover is not None and self._hover not in vocabulary:
            self._hover = None
        self._invalidate()

    def set_chosen(self, word_ids: frozenset[str] | set[str] | tuple[str, ...]) -> None:
        changed = self._chosen ^ frozenset(word_ids)
        self._chosen = frozenset(word_ids)
        if self._scene is not None and changed & self._scene.items.keys():
            self._scene.text = None  # the ✓ marks are part of the labels
        if self._focus in changed:
            self._announce()
        self.update()

    def zoom_to(self, root_id: str | None, *, focus: str | None = None) -> None:
        """Open `root_id` (a family or group; None for the whole wheel)."""
        if root_id is not None and not self._vocabulary.children(root_id):
            raise ValueError(f"{root_id!r} has no narrower words")
        if root_id == self._root:
            if focus is not None and focus in self._current().items:
                self._set_focus(focus)
            return
        self._zoom_in = _depth(self._vocabulary, root_id) > _depth(self._vocabulary, self._root)
        self._previous = self._scene
        self._root = root_id
        self._scene = None
        self._hover = None
        scene = self._current()
        if focus is None or focus not in scene.items:
            focus = scene.layout.rings[0].wedges[0].word_id
        self._set_focus(focus)
        self.zoom_changed.emit(root_id or "")
        self._animation.stop()
        if self._animation.duration() > 0 and self._previous is not None and self.isVisible():
            self._progress = 0.0
            self._animation.start()
        else:
            self._animation_done()

    def open_word(self, word_id: str) -> None:
        """Open a broad word at a person's request; unlike a zoom that only
        reveals the focused word, this tells the panel to show the word opened."""
        self.zoom_to(word_id)
        self.opened.emit(word_id)

    def zoom_out(self) -> None:
        if self._root is None:
            return
        old = self._root
        self.zoom_to(self._vocabulary.get(old).parent, focus=old)

    def focus_word(self, word_id: str) -> None:
        """Move the focus to a word, zooming so that it is visible."""
        self._set_focus(word_id)

    def hover_word(self, word_id: str | None) -> None:
        """Show a word as pointed at, zooming so that it is visible (the screenshot
        sample uses this). It holds until the pointer moves, and is applied again
        after a resize, since the zoom that shows the word depends on the size."""
        self._pointed = word_id
        if not self.isVisible():
            return
        if word_id is not None:
            self._set_focus(word_id)
        self._set_hover(word_id)

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

    # -- focus, hover, zoom ----------------------------------------------------

    def _set_focus(self, word_id: str) -> None:
        word = self._vocabulary.get(word_id)
        if word_id not in self._current().items:
            self.zoom_to(self._root_showing(word), focus=word_id)
            return
        changed = word_id != self._focus
        self._focus = word_id
        self._announce()
        self.update()
        if changed:
            self.word_focused.emit(word_id)

    def _root_showing(self, word: Word) -> str | None:
        """The zoom root to show `word`: the whole wheel, else its family, else its parent."""
        radius = self._radius()
        for root in (None, word.family, word.parent):
            if root == word.id or (root is not None and not self._vocabulary.children(root)):
                continue
            if word.id in self._fitting_layout(root, radius).wedges:
                return root
        return word.parent

    def _announce(self) -> None:
        word = None if self._focus is None else self._vocabulary.find(self._focus)
        if word is None:
            self.setAccessibleName("Feelings wheel")
            self.setAccessibleDescription(HELP)
        else:
            self.setAccessibleName(accessible_name(word, word.id in self._chosen))
            self.setAccessibleDescription(word.definition)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))

    def _set_hover(self, word_id: str | None) -> None:
        if word_id == self._hover:
            return
        scene = self._current()
        for old_or_new in (self._hover, word_id):
            if old_or_new in scene.items:
                self.update(scene.items[old_or_new].bounds.toAlignedRect().adjusted(-4, -4, 4, 4))
        self._hover = word_id
        self.word_hovered.emit(word_id or "")

    def _animate(self, value: object) -> None:
        self._progress = float(value)  # type: ignore[arg-type]
        self.update()

    def _animation_done(self) -> None:
        self._progress = 1.0
        self._previous = None
        self.update()

    # -- events -----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._pointed is not None:
            self.hover_word(self._pointed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._invalidate()
        super().resizeEvent(event)
        if self._pointed is not None and self.isVisible():
            self.hover_word(self._pointed)

    def changeEvent(self, event: QEvent) -> None:
        kinds = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.EnabledChange)
        if event.type() in kinds:
            self._invalidate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        side = round(QFontMetricsF(self.font()).height() * 40)
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = round(QFontMetricsF(self.font()).height() * 14)
        return QSize(side, side)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._pointed = None
        point = event.position()
        scene = self._current()
        centre = scene.layout.root is not None and scene.layout.in_hole(
            point.x() - scene.centre.x(), point.y() - scene.centre.y()
        )
        if centre != self._hover_centre:
            self._hover_centre = centre
            self.update()
        self._set_hover(self.word_at(point))

    def leaveEvent(self, event: QEvent) -> None:
        self._pointed = None
        self._hover_centre = False
        self._set_hover(None)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._focus_visible = False
        self._pressed = self._target(event.position())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        target = self._target(event.position())
        pressed, self._pressed = self._pressed, None
        if event.button() != Qt.MouseButton.LeftButton or target is None or target != pressed:
            return
        if target == _CENTRE:
            self.zoom_out()
            return
        item = self._current().items[target]
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if item.wedge.is_leaf or shift:
            self._set_focus(target)
            self.choose_requested.emit(target)
        else:
            self.open_word(target)

    def _target(self, point: QPointF) -> str | None:
        scene = self._current()
        x, y = point.x() - scene.centre.x(), point.y() - scene.centre.y()
        if scene.layout.root is not None and scene.layout.in_hole(x, y):
            return _CENTRE
        return scene.layout.hit(x, y)

    def focusInEvent(self, event: QFocusEvent) -> None:
        keyboard = event.reason() in (
            Qt.FocusReason.TabFocusReason,
            Qt.FocusReason.BacktabFocusReason,
            Qt.FocusReason.ShortcutFocusReason,
            Qt.FocusReason.OtherFocusReason,
        )
        self._focus_visible = keyboard
        if self._focus is None or self._focus not in self._current().items:
            self._set_focus(self._current().layout.rings[0].wedges[0].word_id)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        focus = self._focus
        if focus is None or focus not in self._current().items:
            super().keyPressEvent(event)
            return
        self._focus_visible = True
        word = self._vocabulary.get(focus)
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = 1 if key == Qt.Key.Key_Right else -1
            self._set_focus(self._current().layout.neighbour(focus, step))
        elif key == Qt.Key.Key_Up and word.parent is not None:
            if word.parent == self._root:
                self.zoom_out()
            else:
                self._set_focus(word.parent)
        elif key == Qt.Key.Key_Down and self._vocabulary.children(focus):
            self._set_focus(self._vocabulary.children(focus)[0].id)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not shift:
            if self._current().items[focus].wedge.is_leaf:
                self.choose_requested.emit(focus)
            else:
                self.open_word(focus)
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_requested.emit(focus)
        elif key == Qt.Key.Key_Escape and self._root is not None:
            self.zoom_out()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            pass  # at the edge of the tree: stay, as a list does at its end
        else:
            super().keyPressEvent(event)
            return
        self.update()


_CENTRE = "\0centre"


def _depth(vocabulary: Vocabulary, word_id: str | None) -> int:
    return 0 if word_id is None else vocabulary.get(word_id).level.depth


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
