"""The body map panel: the figure, a compact editor, the marks, and words to try.

Click a place (or Tab to the figure, move with the arrow keys, press Enter)
and the editor beside it asks what is noticed there: any of the sensation
qualities (“numb” and “nothing / can't tell” are answers like any other),
more or less activity than usual, and how strong (0–10). Marks are listed
beside the map, where Enter changes one and Delete removes it. A plain list
of every place (“As a list”) reaches the same editor without the picture.

Below, “Words that often go with what you noticed” offers candidate words
from the body cues (core.suggest) — ideas to try, never a verdict. Choosing
one emits ``suggestion_chosen``; what happens next is the host's business.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.body import REGIONS, SENSATIONS
from emotrainer.core.bodymap import BodyMap, describe_mark, region_label
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, ACTIVITY_SAME, BodyMark
from emotrainer.core.suggest import SENSATION_FAMILIES, mark_families, rank_words
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.ui.bodymap import WHOLE_BODY, BodyMapWidget, mix, paint_glyph
from emotrainer.ui.widgets import Card, copy_label, plain_label

ID_ROLE = Qt.ItemDataRole.UserRole
SECOND_ROLE = Qt.ItemDataRole.UserRole + 1
THIRD_ROLE = Qt.ItemDataRole.UserRole + 2
SUGGESTIONS_TITLE = "Words that often go with what you noticed"
ABSENCE = "nothing"
DEFAULT_INTENSITY = 5
FAMILY_NAMES = {
    "tension": "tight, tense, pressure, aching",
    "heat": "warm, hot",
    "cold": "cold",
    "activation": "tingling, buzzing, fluttery, restless, shaky, racing",
    "weight": "heavy, sinking",
    "lightness": "light, open",
    "muted": "numb, hollow",
    "absence": "nothing / can't tell",
}


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


class _KeyList(QListWidget):
    """A list that says which item Enter or Delete was pressed on (by its id)."""

    enter_pressed = Signal(str)
    delete_pressed = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        key = event.key()
        if item is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit(item.data(ID_ROLE))
        elif item is not None and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit(item.data(ID_ROLE))
        else:
            super().keyPressEvent(event)


class _LinesDelegate(QStyledItemDelegate):
    """A bold first line, then muted wrapped lines: a word and its definition."""

    def _lines(self, index: QModelIndex | QPersistentModelIndex) -> list[str]:
        return [t for t in (index.data(SECOND_ROLE), index.data(THIRD_ROLE)) if t]

    def _box(self, option: QStyleOptionViewItem) -> QRect:
        indent = option.decorationSize.width() + 12 if not option.icon.isNull() else 0
        return option.rect.adjusted(10 + indent, 6, -10, -6)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        self.initStyleOption(option, index)
        view = self.parent()
        # Items are laid out as wide as the viewport: measure the text at that width.
        width = view.viewport().width() if isinstance(view, QListWidget) else 300
        option.rect = QRect(0, 0, width, 1000)
        box = self._box(option)
        height = 14 + self._height(QFontMetrics(self._bold(option)), box.width(), option.text)
        for text in self._lines(index):
            height += self._height(option.fontMetrics, box.width(), text)
        return QSize(width - 2, height)  # a hair narrower: never a sideways scroll bar

    @staticmethod
    def _bold(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(True)
        return font

    @staticmethod
    def _height(metrics: QFontMetrics, width: int, text: str) -> int:
        flags = int(Qt.TextFlag.TextWordWrap)
        return metrics.boundingRect(QRect(0, 0, width, 10_000), flags, text).height()

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        pal = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not option.state & QStyle.StateFlag.State_Enabled:
            painter.setOpacity(0.5)
        card = QRectF(option.rect).adjusted(2, 2, -2, -2)
        fill = (
            pal.color(QPalette.ColorRole.Highlight)
            if selected
            else pal.color(QPalette.ColorRole.Base)
        )
        if not selected and option.state & QStyle.StateFlag.State_MouseOver:
            fill = mix(fill, pal.color(QPalette.ColorRole.Highlight), 0.1)
        painter.setPen(
            mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text), 0.2)
        )
        painter.setBrush(fill)
        painter.drawRoundedRect(card, 7, 7)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(1, 1, -1, -1), 6, 6)
        text = pal.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = text if selected else pal.color(QPalette.ColorRole.PlaceholderText)
        box = self._box(option)
        if not option.icon.isNull():
            size = option.decorationSize
            icon_rect = QRect(option.rect.x() + 10, box.y() + 1, size.width(), size.height())
            option.icon.paint(painter, icon_rect)
        flags = int(Qt.TextFlag.TextWordWrap)
        bold = self._bold(option)
        painter.setFont(bold)
        painter.setPen(text)
        y = box.y()
        for part, metrics in [(option.text, QFontMetrics(bold))] + [
            (line, option.fontMetrics) for line in self._lines(index)
        ]:
            height = self._height(metrics, box.width(), part)
            painter.drawText(QRect(box.x(), y, box.width(), height), flags, part)
            painter.setFont(option.font)
            painter.setPen(muted)
            y += height
        painter.restore()


class _LinesList(_KeyList):
    """A list of two- or three-line cards, as tall as its content (the column scrolls)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setItemDelegate(_LinesDelegate(self))
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setIconSize(QSize(20, 20))
        self.viewport().setAutoFillBackground(False)

    def fit(self) -> None:
        self.setFixedHeight(sum(self.sizeHintForRow(i) for i in range(self.count())) + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.doItemsLayout()
            self.fit()


class _ChipDelegate(QStyledItemDelegate):
    """Sensations as rounded chips; a chosen one is filled and ticked."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = option.fontMetrics
        text = str(index.data(Qt.ItemDataRole.DisplayRole))
        return QSize(metrics.horizontalAdvance(text) + metrics.height() + 22, metrics.height() + 12)

    def editorEvent(self, *args: object) -> bool:
        return False  # the list toggles chips itself: a click anywhere, or Space

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        pal = option.palette
        chosen = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked.value
        rect = QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        base, text = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Text)
        accent = pal.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not option.state & QStyle.StateFlag.State_Enabled:
            painter.setOpacity(0.5)
        painter.setPen(accent if chosen else mix(base, text, 0.35))
        painter.setBrush(mix(base, accent, 0.22) if chosen else base)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(text)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(
                rect.adjusted(-0.5, -0.5, 0.5, 0.5), rect.height() / 2, rect.height() / 2
            )
        line = option.fontMetrics.height()
        mark = QRectF(rect.x() + 8, rect.center().y() - line * 0.32, line * 0.64, line * 0.64)
        painter.setPen(text)
        if chosen:  # a tick: the state is never colour alone
            painter.drawLine(
                QPointF(mark.left(), mark.center().y()),
                QPointF(mark.center().x() - 1, mark.bottom()),
            )
            painter.drawLine(
                QPointF(mark.center().x() - 1, mark.bottom()), QPointF(mark.right(), mark.top())
            )
        else:
            painter.setPen(mix(base, text, 0.45))
            painter.drawEllipse(mark)
        painter.setPen(text)
        label = rect.adjusted(mark.width() + 13, 0, -8, 0)
        painter.drawText(
            label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(index.data())
        )
        painter.restore()


class SensationChips(QListWidget):
    """Every sensation as a chip: arrow keys move, Space (or a click) chooses, several allowed.

    “Nothing / can't tell” and the other qualities exclude each other.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What do you notice here? Choose any that fit")
        self.setItemDelegate(_ChipDelegate(self))
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setMovement(QListWidget.Movement.Static)
        self.setSpacing(3)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.viewport().setAutoFillBackground(False)
        for s in SENSATIONS:
            item = QListWidgetItem(s.label)
            item.setData(ID_ROLE, s.id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setCurrentRow(0)
        self.itemClicked.connect(self.toggle)

    def checked(self) -> tuple[str, ...]:
        return tuple(
            self.item(i).data(ID_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def toggle(self, item: QListWidgetItem) -> None:
        on = item.checkState() != Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        if on:  # "nothing" and the qualities exclude each other
            absent = item.data(ID_ROLE) == ABSENCE
            for i in range(self.count()):
                other = self.item(i)
                if other is not item and (other.data(ID_ROLE) == ABSENCE) != absent:
                    other.setCheckState(Qt.CheckState.Unchecked)
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and self.currentItem():
            self.toggle(self.currentItem())
            return
        super().keyPressEvent(event)

    def _height_for(self, width: int) -> int:
        spacing, x, rows = self.spacing(), self.spacing(), 1
        row_height = 0
        option = QStyleOptionViewItem()
        option.initFrom(self)
        for i in range(self.count()):
            hint = self.itemDelegate().sizeHint(option, self.indexFromItem(self.item(i)))
            row_height = max(row_height, hint.height())
            if x + hint.width() + spacing > width and x > spacing:
                rows, x = rows + 1, spacing
            x += hint.width() + 2 * spacing
        return rows * (row_height + 2 * spacing) + 2 * spacing

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setFixedHeight(self._height_for(event.size().width()))


class MarkEditor(Card):
    """The compact editor for one place: qualities, activity, intensity. Enter saves."""

    saved = Signal(object)  # BodyMark
    removed = Signal(str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.region = ""
        self.title = plain_label("", "section")
        self.chips = SensationChips()
        self.chips.changed.connect(self._sync)
        self.activity = QButtonGroup(self)
        activity_row = QHBoxLayout()
        for value, text, name in (
            (ACTIVITY_LESS, "Less", "Less activity than usual"),
            (ACTIVITY_SAME, "Same", "About the same activity as usual"),
            (ACTIVITY_MORE, "More", "More activity than usual"),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(name)
            self.activity.addButton(button, value + 1)  # ids from 0: Qt reserves -1
            activity_row.addWidget(button)
        activity_row.addStretch(1)
        self.activity.idToggled.connect(self._rove)
        self.intensity = QSlider(Qt.Orientation.Horizontal)
        self.intensity.setRange(0, 10)
        self.intensity.setPageStep(2)
        self.intensity.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.intensity.setAccessibleName("How strong, from 0 to 10")
        self.intensity_value = copy_label("", wrap=False)
        self.intensity.valueChanged.connect(self._sync)
        strength_row = QHBoxLayout()
        strength_row.addWidget(self.intensity, 1)
        strength_row.addWidget(self.intensity_value)
        self.hint = copy_label("Choose at least one — “Nothing / can't tell” counts too.", "muted")
        self.save_button = QPushButton("Save")
        self.remove_button = QPushButton("Remove")
        self.cancel_button = QPushButton("Cancel")
        buttons = QHBoxLayout()
        for push in (self.save_button, self.remove_button, self.cancel_button):
            push.setAutoDefault(True)  # Enter presses the focused button
            push.setMinimumWidth(push.fontMetrics().horizontalAdvance(push.text()) + 24)
            buttons.addWidget(push)
        buttons.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(lambda: self.removed.emit(self.region))
        self.cancel_button.clicked.connect(self.closed.emit)
        self.body.addWidget(self.title)
        self.body.addWidget(copy_label("What do you notice here? Choose any that fit.", "muted"))
        self.body.addWidget(self.chips)
        self.body.addWidget(copy_label("Activity, compared with usual"))
        self.body.addLayout(activity_row)
        self.body.addWidget(copy_label("How strong"))
        self.body.addLayout(strength_row)
        self.body.addWidget(self.hint)
        self.body.addLayout(buttons)

    def open(self, region_id: str, mark: BodyMark | None) -> None:
        self.region = region_id
        name = "My whole body" if region_id == WHOLE_BODY else region_label(region_id)
        self.title.setText(name)
        self.setAccessibleName(f"Describe: {name}")
        self.chips.set_checked(mark.sensations if mark else ())
        self.chips.setCurrentRow(0)
        self.activity.button((mark.activity if mark else ACTIVITY_SAME) + 1).setChecked(True)
        intensity = mark.intensity if mark and mark.intensity is not None else DEFAULT_INTENSITY
        self.intensity.setValue(intensity)
        self.remove_button.setVisible(mark is not None)
        self._sync()
        self.show()
        self.chips.setFocus(Qt.FocusReason.OtherFocusReason)

    def _rove(self) -> None:
        """Tab lands on the chosen activity; the arrow keys move between the three."""
        for button in self.activity.buttons():
            strong = button.isChecked()
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if strong else Qt.FocusPolicy.ClickFocus
            )

    def mark(self) -> BodyMark | None:
        chosen = self.chips.checked()
        if not chosen:
            return None
        only_absence = all(s == ABSENCE for s in chosen)
        intensity = None if only_absence else self.intensity.value()
        return BodyMark(self.region, chosen, self.activity.checkedId() - 1, intensity)

    def save(self) -> None:
        mark = self.mark()
        if mark is not None:
            self.saved.emit(mark)

    def _sync(self) -> None:
        chosen = self.chips.checked()
        self.save_button.setEnabled(bool(chosen))
        self.hint.setVisible(not chosen)
        absent = bool(chosen) and all(s == ABSENCE for s in chosen)
        self.intensity.setEnabled(not absent)
        self.intensity_value.setText("—" if absent else f"{self.intensity.value()} / 10")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            self.closed.emit()
        else:
            super().keyPressEvent(event)


class MarkKey(QWidget):
    """What the symbols mean, and that stronger colour and closer lines mean more intense."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Key to the symbols on the body map")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self._icons: list[tuple[QLabel, str]] = []
        for i, family in enumerate(SENSATION_FAMILIES):
            icon = QLabel()
            self._icons.append((icon, family))
            row, column = divmod(i, 2)
            grid.addWidget(icon, row, column * 2)
            grid.addWidget(copy_label(FAMILY_NAMES[family], "muted"), row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        note = "Stronger colour and closer lines: more intense. + more, − less activity than usual."
        grid.addWidget(copy_label(note, "muted"), len(self._icons) // 2, 0, 1, 4)
        self._paint_icons()

    def _paint_icons(self) -> None:
        size = self.fontMetrics().height() + 2
        for label, family in self._icons:
            label.setPixmap(glyph_icon(family, size, self.palette()).pixmap(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._paint_icons()
        super().changeEvent(event)


def _toggle(text: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    policy = button.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # the panel's minimum size stays put
    button.setSizePolicy(policy)
    return button


class BodyMapPanel(QWidget):
    marks_changed = Signal(list)  # list[BodyMark], after every change the person makes
    region_focused = Signal(str)
    suggestion_chosen = Signal(str)  # a word id

    def __init__(
        self, vocabulary: Vocabulary, bodymap: BodyMap | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._marks: dict[str, BodyMark] = {}
        self._return_to: QWidget | None = None
        self.map = BodyMapWidget(bodymap)
        self.map.setAccessibleName("Body map")
        self.map.region_activated.connect(self.open_editor)
        self.map.region_cleared.connect(self._remove)
        self.map.region_focused.connect(self.region_focused.emit)
        self.map.views_changed.connect(self._sync_toggles)
        self.editor = MarkEditor()
        self.editor.hide()
        self.editor.saved.connect(self._saved)
        self.editor.removed.connect(self._remove)
        self.editor.closed.connect(self._close_editor)
        layout = QHBoxLayout(self)
        # Advisory only: as a window of its own (screenshots, tests) the panel must not
        # push a minimum size onto the platform window.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(14)
        layout.addLayout(self._build_picture(), 5)
        layout.addWidget(self._build_side(), 4)
        # Tab order: the figure first, then its controls, the editor, marks and words.
        editor = self.editor
        order: list[QWidget] = [
            self.map, self.whole_body_button, self.show_picture, self.show_list,
            self.show_front, self.show_back, self.region_list, editor.chips,
            *editor.activity.buttons(), editor.intensity, editor.save_button,
            editor.remove_button, editor.cancel_button, self.mark_list, self.suggestions,
        ]  # fmt: skip
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)
        self._refresh()

    def _build_picture(self) -> QVBoxLayout:
        self.show_picture = _toggle("Picture", "Show the body as a picture")
        self.show_list = _toggle("List", "Show every place as a list")
        self.show_front = _toggle("Front", "Show the front of the body")
        self.show_back = _toggle("Back", "Show the back of the body")
        toolbar = QHBoxLayout()
        pairs = ((self.show_picture, self.show_list), (self.show_front, self.show_back))
        for pair in pairs:
            group = QButtonGroup(self)
            for button in pair:
                group.addButton(button)
                toolbar.addWidget(button)
            pair[0].setChecked(True)
        toolbar.addStretch(1)
        self.show_picture.clicked.connect(lambda: self._show_list(False))
        self.show_list.clicked.connect(lambda: self._show_list(True))
        self.show_front.clicked.connect(lambda: self.map.set_view("front"))
        self.show_back.clicked.connect(lambda: self.map.set_view("back"))

        self.region_list = _KeyList()
        self.region_list.setAccessibleName("Every place on the body; Enter describes one")
        self.region_list.enter_pressed.connect(self.open_editor)
        self.region_list.itemDoubleClicked.connect(lambda i: self.open_editor(i.data(ID_ROLE)))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.map)
        self.stack.addWidget(self.region_list)

        self.whole_body_button = QPushButton("My whole body")
        self.whole_body_button.setAccessibleName("Describe my whole body")
        self.whole_body_button.clicked.connect(lambda: self.open_editor(WHOLE_BODY))
        whole_row = QHBoxLayout()
        whole_row.addStretch(1)
        whole_row.addWidget(copy_label("Or, for all of you at once:", "muted", wrap=False))
        whole_row.addWidget(self.whole_body_button)
        whole_row.addStretch(1)

        column = QVBoxLayout()
        column.addLayout(toolbar)
        column.addWidget(self.stack, 1)
        column.addLayout(whole_row)
        column.addWidget(MarkKey())
        return column

    def _build_side(self) -> QScrollArea:
        marks_card = Card("What you noticed")
        self.mark_list = _LinesList("What you noticed; Enter changes a mark, Delete removes it")
        self.mark_list.enter_pressed.connect(self.open_editor)
        self.mark_list.delete_pressed.connect(self._remove)
        self.mark_list.itemDoubleClicked.connect(lambda i: self.open_editor(i.data(ID_ROLE)))
        self.marks_empty = copy_label(
            "Nothing marked yet. Any place and any answer counts — “numb” and “nothing” too.",
            "muted",
        )
        marks_card.body.addWidget(self.marks_empty)
        marks_card.body.addWidget(self.mark_list)

        words_card = Card(SUGGESTIONS_TITLE)
        self.suggestions_note = copy_label("", "muted")
        self.suggestions = _LinesList(SUGGESTIONS_TITLE)
        self.suggestions.enter_pressed.connect(self.suggestion_chosen.emit)
        self.suggestions.itemClicked.connect(
            lambda item: self.suggestion_chosen.emit(item.data(ID_ROLE))
        )
        words_card.body.addWidget(self.suggestions_note)
        words_card.body.addWidget(self.suggestions)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        for part in (self.editor, marks_card, words_card):
            column.addWidget(part)
        column.addStretch(1)
        self.side = QScrollArea()
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QScrollArea.Shape.NoFrame)
        self.side.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side.setWidget(content)
        self._side_width = content.fontMetrics().horizontalAdvance("M") * 17
        self.side.setMinimumWidth(self._side_width)
        return self.side

    # -- public ----------------------------------------------------------------------

    def set_marks(self, marks: Iterable[BodyMark]) -> None:
        """Show these marks (for example a draft being resumed); emits nothing."""
        self._marks = {m.region: m for m in marks}
        self._refresh()

    def marks(self) -> list[BodyMark]:
        return list(self._marks.values())

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._refresh()

    def open_editor(self, region_id: str) -> None:
        focus = self.focusWidget()
        if focus is not None and not self.editor.isAncestorOf(focus):
            self._return_to = focus
        self.editor.open(region_id, self._marks.get(region_id))
        # The column widens to the editor rather than scroll sideways.
        bar = self.side.verticalScrollBar().sizeHint().width()
        self.side.setMinimumWidth(
            max(self._side_width, self.editor.minimumSizeHint().width() + bar + 6)
        )
        self.side.ensureWidgetVisible(self.editor)

    # -- changes -------------------------------------------------------------------------

    def _saved(self, mark: BodyMark) -> None:
        self._marks[mark.region] = mark
        self._changed()
        self._close_editor()

    def _remove(self, region_id: str) -> None:
        row = self.mark_list.currentRow()
        if self._marks.pop(region_id, None) is not None:
            self._changed()
            self.mark_list.setCurrentRow(min(row, self.mark_list.count() - 1))
        if self.editor.isVisible() and self.editor.region == region_id:
            self._close_editor()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()  # the symbols in the list are drawn in the theme's colours
        super().changeEvent(event)

    def _changed(self) -> None:
        self._refresh()
        self.marks_changed.emit(self.marks())

    def _close_editor(self) -> None:
        self.editor.hide()
        self.side.setMinimumWidth(self._side_width)
        target = (
            self._return_to
            if self._return_to is not None and self._return_to.isVisible()
            else self.map
        )
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_list(self, as_list: bool) -> None:
        self.stack.setCurrentWidget(self.region_list if as_list else self.map)
        self._sync_toggles()

    def _sync_toggles(self) -> None:
        single = len(self.map.visible_views()) == 1 and self.stack.currentWidget() is self.map
        self.show_front.setVisible(single)
        self.show_back.setVisible(single)

    # -- refresh -------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.map.set_marks(self._marks.values())
        palette = self.palette()
        current = self.mark_list.currentItem()
        keep = current.data(ID_ROLE) if current else None
        self.mark_list.clear()
        ordered = sorted(self._marks.values(), key=lambda m: _REGION_ORDER.get(m.region, 99))
        for mark in ordered:
            name = "Whole body" if mark.region == WHOLE_BODY else region_label(mark.region)
            details = describe_mark(mark)
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, mark.region)
            item.setData(SECOND_ROLE, details[:1].upper() + details[1:])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} — {details}")
            item.setIcon(glyph_icon(mark_families(mark)[0], 20, palette))
            self.mark_list.addItem(item)
        if keep in self._marks:
            self.mark_list.setCurrentRow([m.region for m in ordered].index(keep))
        self.mark_list.setVisible(bool(self._marks))
        self.marks_empty.setVisible(not self._marks)
        self.mark_list.fit()
        self._refresh_region_list()
        self._refresh_suggestions()

    def _refresh_region_list(self) -> None:
        row = max(0, self.region_list.currentRow())
        self.region_list.clear()
        for region in REGIONS:
            name = "My whole body" if region.id == WHOLE_BODY else region_label(region.id)
            text = f"{name} — {describe_mark(self._marks.get(region.id))}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, region.id)
            self.region_list.addItem(item)
        self.region_list.setCurrentRow(row)

    def _refresh_suggestions(self) -> None:
        ranked = rank_words(self._marks.values(), self._vocabulary)
        self.suggestions.clear()
        for word, _score, reasons in ranked:
            item = QListWidgetItem(word.label)
            item.setData(ID_ROLE, word.id)
            item.setData(SECOND_ROLE, word.definition)
            if reasons:
                item.setData(THIRD_ROLE, "Goes with: " + "; ".join(reasons))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{word.label}. {word.definition}")
            self.suggestions.addItem(item)
        if not self._marks:
            note = "Mark a place on the body to see words that often go with it."
        elif not ranked:
            note = "“Nothing” is a real answer. Words may come later, or not today — both are fine."
        else:
            note = "Only ideas: choose one if it fits, or none. Click or press Enter to choose."
        self.suggestions_note.setText(note)
        self.suggestions.setVisible(bool(ranked))
        self.suggestions.fit()


_REGION_ORDER = {r.id: i for i, r in enumerate(REGIONS)}


# -- samples for `emotrainer screenshot body` ------------------------------------------------


def screenshot_sample(vocabulary: Vocabulary) -> QWidget:
    panel = BodyMapPanel(vocabulary)
    panel.set_marks(
        [
            BodyMark("jaw", ("tight",), ACTIVITY_SAME, 6),
            BodyMark("chest", ("heavy",), ACTIVITY_MORE, 7),
            BodyMark("hand_left", ("numb",), ACTIVITY_LESS, 5),
            BodyMark("hand_right", ("numb",), ACTIVITY_LESS, 5),
            BodyMark("stomach", ("fluttery",), ACTIVITY_SAME, 4),
        ]
    )
    return panel


def heat_sample() -> QWidget:
    """A heat map of how often places were noticed (made-up numbers)."""
    widget = BodyMapWidget()
    counts = {
        "chest": 14, "stomach": 11, "jaw": 9, "throat": 8, "shoulder_left": 6,
        "shoulder_right": 7, "head": 4, "eyes": 2, "belly": 5, "hand_left": 3,
        "hand_right": 3, "upper_back": 6, "neck": 9, "lower_back": 4, "shoulder_blade_left": 5,
        "shoulder_blade_right": 5, "foot_left": 1, "foot_right": 1, "thigh_left": 1,
    }  # fmt: skip
    widget.set_heat(counts, "Times noticed in the last 30 days")
    return widget
