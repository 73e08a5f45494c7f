"""The panel's card-style lists: marks and word suggestions, with Enter and Delete.

Each item is a rounded card with a bold first line and muted wrapped lines
below (a word and its definition, a place and what was noticed there); the
list grows to its content so the side column scrolls, not the list.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QListWidget, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from emotrainer.ui.bodyglyphs import mix

ID_ROLE = Qt.ItemDataRole.UserRole
SECOND_ROLE = Qt.ItemDataRole.UserRole + 1
THIRD_ROLE = Qt.ItemDataRole.UserRole + 2


class KeyList(QListWidget):
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


class LinesList(KeyList):
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
