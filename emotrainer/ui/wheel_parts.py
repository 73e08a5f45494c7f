"""The parts of the feelings-wheel step around the wheel itself.

- ``Chip``: one chosen word with its own intensity, removable with × or Delete.
- ``WordTree``: the same words as a tree with check boxes, the list-based
  alternative to the wheel for screen readers and anyone who prefers a list.
- ``Suggestions``: search results floating under the search field.
- ``AddWordDialog``: asks for the user's own word and hands it to a callback.

``WheelPanel`` (emotrainer.ui.wheel_panel) puts them together.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.vocabulary import (
    MAX_USER_DEFINITION,
    Vocabulary,
    VocabularyError,
    Word,
    validate_user_label,
)
from emotrainer.core.wheel_choice import search_words
from emotrainer.ui.wheel_paint import USER_MARK
from emotrainer.ui.widgets import copy_label, plain_label

AddWord = Callable[[str, str, str], Word]


class Suggestions(QListWidget):
    """Search suggestions floating under the search field, matched by label and
    definition. A child widget rather than a completer popup window: screen
    readers meet an ordinary list and nothing grabs the keyboard. Down moves into
    it, Enter or a click chooses, Escape (or Up from the top) goes back."""

    chosen = Signal(str)
    ROWS = 8

    def __init__(
        self, field: QLineEdit, vocabulary: Callable[[], Vocabulary], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._vocabulary = vocabulary
        self.setAccessibleName("Suggestions")
        self.setUniformItemSizes(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.hide()
        field.textEdited.connect(self.update_for)
        field.returnPressed.connect(self._enter_in_field)
        field.installEventFilter(self)
        self.itemActivated.connect(self._activate)
        self.itemClicked.connect(self._activate)  # one click is enough in a suggestion list

    def ids(self) -> list[str]:
        """The word ids offered now, best first."""
        return [str(self.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.count())]

    def update_for(self, text: str) -> None:
        self.clear()
        for word in search_words(self._vocabulary(), text, limit=12):
            item = QListWidgetItem(f"{word.label} — {word.definition}")
            item.setData(Qt.ItemDataRole.UserRole, word.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{word.label}: {word.definition}")
            self.addItem(item)
        self.setVisible(self.count() > 0)
        self.place()

    def place(self) -> None:
        if not self.isVisible():
            return
        field = self._field
        parent = self.parentWidget()
        if parent is None:
            return
        top_left = field.mapTo(parent, QPoint(0, field.height()))
        rows = min(self.count(), self.ROWS)
        height = rows * max(self.sizeHintForRow(0), 1) + 2 * self.frameWidth()
        self.setGeometry(top_left.x(), top_left.y(), field.width(), height)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._field and isinstance(event, QKeyEvent) and self.isVisible():
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
                self.setCurrentRow(max(self.currentRow(), 0))
                self.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
        if watched is self._field and event.type() == QEvent.Type.FocusOut:
            self._hide_unless_focus_stays()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        at_top = event.key() == Qt.Key.Key_Up and self.currentRow() <= 0
        if event.key() == Qt.Key.Key_Escape or at_top:
            self._field.setFocus(Qt.FocusReason.OtherFocusReason)
            if not at_top:
                self.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self._hide_unless_focus_stays()

    def _hide_unless_focus_stays(self) -> None:
        if QApplication.focusWidget() not in (self, self._field):
            self.hide()

    def _enter_in_field(self) -> None:
        if not self.count():
            self.update_for(self._field.text())
        if self.count():
            self._activate(self.item(max(self.currentRow(), 0)))

    def _activate(self, item: QListWidgetItem) -> None:
        word_id = str(item.data(Qt.ItemDataRole.UserRole))
        word = self._vocabulary().find(word_id)
        self.hide()
        if word is not None:
            self._field.setText(word.label)
            self.chosen.emit(word_id)


class Chip(QFrame):
    """A chosen word with its own intensity; Delete or Backspace on it removes it."""

    removed = Signal(str)
    intensity_changed = Signal(str, object)  # word id, 0–10 or None (left open)

    def __init__(self, word: Word, intensity: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word = word
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{word.label}, chosen")
        self.setAccessibleDescription("Press Delete to remove it.")
        self.label = plain_label(f"{USER_MARK} {word.label}" if word.is_user else word.label)
        self.intensity = QSpinBox()
        self.intensity.setRange(-1, 10)
        self.intensity.setSpecialValueText("–")  # -1: left open
        self.intensity.setSuffix(" / 10")
        self.intensity.setAccessibleName(f"How strong is “{word.label}”, from 0 to 10")
        self.intensity.setAccessibleDescription("Leave it open if you cannot tell.")
        self.set_intensity(intensity)
        self.intensity.valueChanged.connect(
            lambda v: self.intensity_changed.emit(word.id, None if v < 0 else v)
        )
        self.remove_button = QToolButton()
        self.remove_button.setText("×")
        self.remove_button.setAccessibleName(f"Remove “{word.label}”")
        self.remove_button.setAutoRaise(True)
        self.remove_button.clicked.connect(lambda: self.removed.emit(word.id))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 4, 4)
        row.addWidget(self.label, 1)
        self.intensity.setMinimumWidth(self.intensity.sizeHint().width())
        row.addWidget(self.intensity)
        row.addWidget(self.remove_button)

    def focus_chain(self) -> list[QWidget]:
        return [self, self.intensity, self.remove_button]

    def set_intensity(self, intensity: int | None) -> None:
        self.intensity.blockSignals(True)
        self.intensity.setValue(-1 if intensity is None else intensity)
        self.intensity.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removed.emit(self.word.id)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(1.5, 1.5, -1.5, -1.5)
        path = QPainterPath()
        path.addRoundedRect(rect, rect.height() / 2.0, rect.height() / 2.0)
        painter.fillPath(path, palette.alternateBase())
        focus = self.hasFocus()
        role = QPalette.ColorRole.WindowText if focus else QPalette.ColorRole.Mid
        painter.setPen(QPen(palette.color(role), 2.5 if focus else 1.0))
        painter.drawPath(path)


class WordTree(QTreeWidget):
    """The same words as a tree with check boxes: the plain, screen-reader-friendly picker.

    Space ticks or unticks a word; Enter or a double-click does the same.
    """

    check_requested = Signal(str, bool)
    word_focused = Signal(str)

    def __init__(self, vocabulary: Vocabulary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setUniformRowHeights(True)
        self.setExpandsOnDoubleClick(False)
        self.setAccessibleName("Feelings as a list")
        self.setAccessibleDescription("Space chooses a word; Right opens a broad word's list.")
        self._items: dict[str, QTreeWidgetItem] = {}
        self._syncing = False
        self.set_vocabulary(vocabulary)
        self.itemChanged.connect(self._item_changed)
        self.itemActivated.connect(self._activated)
        self.currentItemChanged.connect(self._current_changed)

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        checked = {i for i, item in self._items.items() if _is_checked(item)}
        self._syncing = True
        self.clear()
        self._items = {}

        def add(word: Word, parent: QTreeWidget | QTreeWidgetItem) -> None:
            item = QTreeWidgetItem(parent)
            item.setText(0, f"{word.label}  {USER_MARK}" if word.is_user else word.label)
            item.setData(0, Qt.ItemDataRole.UserRole, word.id)
            spoken = f"{word.label}, your word" if word.is_user else word.label
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, word.definition)
            item.setCheckState(0, _state(word.id in checked))
            self._items[word.id] = item
            for child in vocabulary.children(word.id):
                add(child, item)

        for family in vocabulary.families:
            add(family, self)
        self._syncing = False

    def set_checked(self, word_ids: set[str]) -> None:
        self._syncing = True
        for word_id, item in self._items.items():
            item.setCheckState(0, _state(word_id in word_ids))
        self._syncing = False

    def focus_word(self, word_id: str) -> None:
        item = self._items[word_id]
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def item_for(self, word_id: str) -> QTreeWidgetItem:
        return self._items[word_id]

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._syncing:
            word_id = str(item.data(0, Qt.ItemDataRole.UserRole))
            self.check_requested.emit(word_id, _is_checked(item))

    def _activated(self, item: QTreeWidgetItem, column: int) -> None:
        item.setCheckState(0, _state(not _is_checked(item)))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.word_focused.emit(str(item.data(0, Qt.ItemDataRole.UserRole)))


def _state(checked: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked


def _is_checked(item: QTreeWidgetItem) -> bool:
    return item.checkState(0) == Qt.CheckState.Checked


MAX_DEFINITION = MAX_USER_DEFINITION


class AddWordDialog(QDialog):
    """Label, a one-sentence meaning (optional) and a family; refusals say why, calmly."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        add_word: AddWord,
        known_errors: tuple[type[Exception], ...],
        *,
        family: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add your own word")
        self._vocabulary = vocabulary
        self._add_word = add_word
        self._known_errors = known_errors
        self.word: Word | None = None
        self.label_edit = QLineEdit()
        self.label_edit.setPlaceholderText("A word that fits how you feel")
        self.label_edit.setAccessibleName("Your word")
        self.definition_edit = QLineEdit()
        self.definition_edit.setPlaceholderText("What it is like for you, in a sentence (optional)")
        self.definition_edit.setAccessibleName("What it means to you")
        self.family = QComboBox()
        self.family.setAccessibleName("Closest feeling family")
        for word in vocabulary.families:
            self.family.addItem(word.label, word.id)
        if family is not None:
            self.family.setCurrentIndex(max(0, self.family.findData(family)))
        self.reason = plain_label("")
        self.reason.setAccessibleName("Why the word was not added")
        line = self.fontMetrics().height()
        self.reason.setMinimumHeight(line * 2)  # room kept, so nothing jumps
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("Add word", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Your word", self.label_edit)
        form.addRow("What it means", self.definition_edit)
        form.addRow("Closest family", self.family)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # see WheelPanel
        layout.addWidget(copy_label("Your words count just like the others.", "muted"))
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.setMinimumWidth(line * 28)
        self.resize(self.minimumWidth(), layout.sizeHint().height())

    def accept(self) -> None:
        try:
            label = validate_user_label(self.label_edit.text(), self._vocabulary)
        except VocabularyError as exc:
            self._refuse(str(exc), self.label_edit)
            return
        definition = " ".join(self.definition_edit.text().split())
        if len(definition) > MAX_DEFINITION:
            reason = f"the meaning can have at most {MAX_DEFINITION} characters"
            self._refuse(reason, self.definition_edit)
            return
        try:
            self.word = self._add_word(label, definition, str(self.family.currentData()))
        except self._known_errors as exc:
            self._refuse(str(exc), self.label_edit)
            return
        super().accept()

    def _refuse(self, reason: str, field: QWidget) -> None:
        text = reason[:1].upper() + reason[1:]
        self.reason.setText(text if text.endswith(".") else text + ".")
        field.setFocus(Qt.FocusReason.OtherFocusReason)
