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

Geometry and hit-testing come from emotrainer.core.wheel (pure). The scene
cache and all painting are in emotrainer.ui.wheel_paint (``WheelCanvas``, the
base class); this module adds the signals, the public API, focus, hover, zoom,
mouse, keyboard and accessibility.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFocusEvent,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.wheel import WheelLayout
from emotrainer.ui.wheel_paint import WheelCanvas

LEVEL_NAMES = {
    Level.FAMILY: "feeling family",
    Level.GROUP: "group",
    Level.SPECIFIC: "specific word",
}
HELP = (
    "Left and Right move round the ring, Up moves to a broader word, Down to a narrower one. "
    "Enter opens a broad word or chooses a specific one; Space chooses the word itself. "
    "Escape goes back out."
)


def accessible_name(word: Word, chosen: bool) -> str:
    parts = [word.label, LEVEL_NAMES[word.level]]
    if word.is_user:
        parts.append("your word")
    if chosen:
        parts.append("chosen")
    return ", ".join(parts)


class WheelWidget(WheelCanvas):
    word_focused = Signal(str)
    word_hovered = Signal(str)  # "" when the pointer leaves the words
    choose_requested = Signal(str)  # the panel decides (limit, toggling)
    zoom_changed = Signal(str)  # the zoom root; "" for the whole wheel
    opened = Signal(str)  # the person opened a broad word (click, Enter, “Open …”)

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(vocabulary, parent)
        self._pressed: str | None = None
        self._pointed: str | None = None  # hover_word's word, until the mouse moves

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
