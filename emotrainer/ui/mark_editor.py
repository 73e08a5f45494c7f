"""The compact editor for one place on the body map, and its sensation chips.

The editor asks what is noticed at a place: any of the sensation qualities
(chips; “nothing / can't tell” excludes the others), more or less activity
than usual, and how strong (0–10). Enter saves, Escape closes.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSlider,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from emotrainer.core.body import SENSATIONS
from emotrainer.core.bodymap import region_label
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, ACTIVITY_SAME, BodyMark
from emotrainer.ui.bodyglyphs import mix
from emotrainer.ui.bodymap import WHOLE_BODY
from emotrainer.ui.bodymap_lists import ID_ROLE
from emotrainer.ui.widgets import Card, copy_label, plain_label

ABSENCE = "nothing"
DEFAULT_INTENSITY = 5


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
