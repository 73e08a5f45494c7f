"""The Words page's list: a two-line row for each word, and the search line above it.

Each row keeps the word's id under ``ID_ROLE`` and its muted second line (its
place, or "your word") under ``LINE_ROLE``; ``WordDelegate`` paints both, in
the palette's colours. ``SearchLine`` hands Up, Down and Page keys to the list,
so typing and moving go together.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

ID_ROLE = Qt.ItemDataRole.UserRole
LINE_ROLE = Qt.ItemDataRole.UserRole + 1  # the muted second line of a row


class WordDelegate(QStyledItemDelegate):
    """Two lines a row: the word, and its place (or "your word") in the muted colour."""

    PAD = 6

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        height = QFontMetrics(option.font).height()
        return QSize(100, 2 * height + 2 * self.PAD + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        label, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        state = opt.state
        palette: QPalette = opt.palette
        group = (
            QPalette.ColorGroup.Active
            if state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        selected = bool(state & QStyle.StateFlag.State_Selected)
        main = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        metrics = QFontMetrics(opt.font)
        rect = opt.rect.adjusted(self.PAD + 4, self.PAD, -self.PAD, -self.PAD)
        top = rect.adjusted(0, 0, 0, -rect.height() // 2)
        bottom = rect.adjusted(0, rect.height() // 2, 0, 0)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        second = str(index.data(LINE_ROLE) or "")
        elide = Qt.TextElideMode.ElideRight
        painter.save()
        painter.setPen(palette.color(group, main))
        painter.drawText(top, align, metrics.elidedText(label, elide, top.width()))
        painter.setPen(palette.color(group, muted))
        painter.drawText(bottom, align, metrics.elidedText(second, elide, bottom.width()))
        painter.restore()


class SearchLine(QLineEdit):
    """The search field; Up, Down, Page Up and Page Down move through the list."""

    MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, target: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.MOVES and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            moved = QKeyEvent(event.type(), event.key(), event.modifiers())
            QCoreApplication.sendEvent(self._target, moved)
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._target.isVisible():
            self._target.setFocus(Qt.FocusReason.OtherFocusReason)  # on to the word itself
            event.accept()
            return
        super().keyPressEvent(event)
