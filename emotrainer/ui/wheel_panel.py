"""The feelings-wheel step: the wheel (or a plain list), what a word means, the chosen words.

How it is used (the wheel's own mouse and keyboard design is in
emotrainer.ui.wheel):

- Search above the wheel suggests words by label *and* definition; choosing a
  suggestion shows the word in the wheel (zooming to it) and its meaning.
- The detail area shows the pointed-at or focused word as plain text: label,
  where it sits, “your word” for the user's own, the definition, and buttons
  “Choose …” (any level: a broad word is a valid answer) and “Open …” (zoom).
- Chosen words (up to ``max_selected``, three by default) are chips, each with
  its own intensity 0–10 or left open (SPEC §2.4: what you feel is separate
  from how much). × or Delete/Backspace on a chip removes it. A word past the
  limit is refused with a gentle note, never an error.
- The List tab holds the same words as a tree with check boxes, for screen
  readers and anyone who prefers a list; it chooses into the same selection.
- “I don't know what I feel” emits ``unsure_requested``: a valid answer that
  leads to the body-first path, never a failure.
- “Add your own word…” asks for a label, a one-sentence meaning and a family
  and hands them to the ``add_word`` callback; the panel never sees the store.

Signals are semantic: ``selection_changed(list)`` of (word_id, intensity or
None), ``word_focused(str)``, ``unsure_requested()``.

The chip, the list picker, the search suggestions and the add-word dialog are
in emotrainer.ui.wheel_parts.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.wheel_choice import Outcome, Selection, limit_note, number_word
from emotrainer.ui.wheel import WheelWidget
from emotrainer.ui.wheel_paint import USER_MARK
from emotrainer.ui.wheel_parts import AddWord, AddWordDialog, Chip, Suggestions, WordTree
from emotrainer.ui.widgets import Card, button_text, copy_label, plain_label


class WheelPanel(QWidget):
    selection_changed = Signal(list)  # [(word_id, intensity or None), ...]
    word_focused = Signal(str)
    unsure_requested = Signal()

    def __init__(
        self,
        vocabulary: Vocabulary,
        add_word: AddWord | None = None,
        *,
        max_selected: int = 3,
        known_errors: tuple[type[Exception], ...] = (ValueError,),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._add_word = add_word
        self._known_errors = known_errors
        self._selection = Selection(max_selected)
        self._shown: str | None = None  # the word in the detail area
        self._chips: list[Chip] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search words and meanings")
        self.search.setAccessibleName("Search feelings by word or meaning")
        self.search.setClearButtonEnabled(True)
        self.back = QPushButton("‹ Back")
        self.back.setAccessibleName("Back out of this part of the wheel")

        self.wheel = WheelWidget(vocabulary)
        self.tree = WordTree(vocabulary)
        self.views = QTabWidget()
        self.views.setDocumentMode(True)
        self.views.addTab(self.wheel, "Wheel")
        self.views.addTab(self.tree, "List")
        self.views.setAccessibleName("Feelings wheel or list")

        self.detail = Card()
        self.detail_title = plain_label("", "section")
        self.detail_meta = plain_label("", "muted")
        self.detail_mine = copy_label(f"{USER_MARK} Your own word", "muted")
        self.detail_text = plain_label("")
        self.choose_button = QPushButton("Choose")
        self.open_button = QPushButton("Open")
        detail_buttons = QVBoxLayout()  # stacked: the quoted word may be long
        detail_buttons.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        detail_buttons.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.detail_title, self.detail_meta, self.detail_mine, self.detail_text):
            self.detail.body.addWidget(widget)
        self.detail.body.addLayout(detail_buttons)
        self.detail.body.addStretch(1)  # spare height below, not between the lines

        self.chosen_card = Card(f"Chosen (up to {number_word(max_selected)})")
        self.chips_box = QVBoxLayout()
        self.chips_box.setSpacing(6)
        self.empty_note = copy_label(
            "Nothing chosen yet. One word is plenty; a broad one is fine too.", "muted"
        )
        self.note = plain_label("", "muted")
        self.note.setAccessibleName("Note")
        self.chosen_card.body.addWidget(
            copy_label("How strong is each, from 0 to 10? You can leave it open.", "muted")
        )
        self.chosen_card.body.addWidget(self.empty_note)
        self.chosen_card.body.addLayout(self.chips_box)
        self.chosen_card.body.addWidget(self.note)
        self.chosen_card.body.addStretch(1)

        self.unsure_button = QPushButton("I don't know what I feel")
        self.unsure_button.setAccessibleDescription(
            "That is an answer too. We can start from the body instead."
        )
        self.unsure_hint = copy_label("That's an answer too — we can start from the body.", "muted")
        self.add_button = QPushButton("Add your own word…")
        self.add_button.setVisible(add_word is not None)
        self.suggestions = Suggestions(self.search, lambda: self._vocabulary, self)
        self._build_layout()
        self._connect()
        self._show_detail(None)
        self._update_back()

    # -- public API ---------------------------------------------------------

    @property
    def vocabulary(self) -> Vocabulary:
        return self._vocabulary

    @property
    def max_selected(self) -> int:
        return self._selection.max_selected

    def selection(self) -> list[tuple[str, int | None]]:
        return self._selection.as_pairs()

    def choose(self, word_id: str) -> Outcome:
        """Choose a word (any level); FULL leaves a gentle note instead."""
        outcome = self._selection.choose(word_id)
        if outcome is Outcome.FULL:
            self.note.setText(limit_note(self._selection.max_selected))
        elif outcome is Outcome.ADDED:
            self.note.setText("")
            self._changed()
        return outcome

    def remove(self, word_id: str) -> None:
        if self._selection.remove(word_id):
            self.note.setText("")
            self._changed()

    def toggle(self, word_id: str) -> None:
        if word_id in self._selection:
            self.remove(word_id)
        else:
            self.choose(word_id)

    def set_intensity(self, word_id: str, intensity: int | None) -> None:
        self._selection.set_intensity(word_id, intensity)
        for chip in self._chips:
            if chip.word.id == word_id:
                chip.set_intensity(intensity)
        self.selection_changed.emit(self.selection())

    def show_word(self, word_id: str) -> None:
        """Bring a word into view in the current tab and show what it means."""
        if self.views.currentWidget() is self.tree:
            self.tree.focus_word(word_id)
        else:
            self.wheel.focus_word(word_id)
            self.wheel.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_detail(word_id)

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        """New words (e.g. the user's own, added elsewhere); choices of vanished words go."""
        self._vocabulary = vocabulary
        self.wheel.set_vocabulary(vocabulary)
        self.tree.set_vocabulary(vocabulary)
        if self._selection.keep_only({w.id for w in vocabulary}):
            self._changed()
        else:
            self._sync_marks()
        if self._shown is not None and self._shown not in vocabulary:
            self._show_detail(None)

    def open_add_word(self) -> AddWordDialog:
        """Open the “add your own word” dialog (window-modal, not blocking)."""
        if self._add_word is None:
            raise RuntimeError("this panel was made without an add_word callback")
        focus = self._vocabulary.find(self.wheel.focused_word or self.wheel.zoom_root or "")
        family = None if focus is None else focus.family
        dialog = AddWordDialog(
            self._vocabulary, self._add_word, self._known_errors, family=family, parent=self
        )
        dialog.accepted.connect(lambda: self._word_added(dialog.word))
        dialog.open()
        return dialog

    # -- building -------------------------------------------------------------

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.back)
        wheel_column = QVBoxLayout()
        wheel_column.addLayout(top)
        wheel_column.addWidget(self.views, 1)
        self._side = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._side.addWidget(self.detail)
        self._side.addWidget(self.chosen_card)
        self._side.addStretch(1)
        side = QWidget()
        side.setLayout(self._side)
        self._side.setContentsMargins(0, 0, 0, 0)
        self._side_widget = side
        self._main = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._main.addLayout(wheel_column, 3)
        self._main.addWidget(side, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.unsure_button)
        actions.addWidget(self.unsure_hint, 1)
        actions.addWidget(self.add_button)
        outer = QVBoxLayout(self)
        # Chips come and go; a window's minimum size must not follow them (Qt
        # would push new size hints to the platform window each time).
        outer.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        line = self.fontMetrics().height()
        self.setMinimumSize(line * 32, line * 26)
        outer.setContentsMargins(12, 12, 12, 12)
        outer.addLayout(self._main, 1)
        outer.addLayout(actions)
        self._arrange(self.size())

    def _arrange(self, size: QSize) -> None:
        """Side by side when wide; the detail and chosen cards under the wheel when tall."""
        wide = size.width() >= size.height() * 0.9
        self._main.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self._side.setDirection(
            QBoxLayout.Direction.TopToBottom if wide else QBoxLayout.Direction.LeftToRight
        )
        for index, stretch in enumerate((0, 0, 1) if wide else (1, 1, 0)):
            self._side.setStretch(index, stretch)
        line = self.fontMetrics().height()
        self._side_widget.setMaximumWidth(line * 22 if wide else 16_777_215)
        self._side_widget.setMinimumWidth(line * 15 if wide else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(event.size())
        super().resizeEvent(event)
        self.suggestions.place()

    def _connect(self) -> None:
        self.wheel.choose_requested.connect(self.toggle)
        self.wheel.word_focused.connect(self._focused)
        self.wheel.word_hovered.connect(self._hovered)
        self.wheel.zoom_changed.connect(lambda _root: self._update_back())
        self.wheel.opened.connect(self._opened)
        self.tree.check_requested.connect(self._tree_check)
        self.tree.word_focused.connect(self._focused)
        self.back.clicked.connect(self.wheel.zoom_out)
        self.choose_button.clicked.connect(self._choose_shown)
        self.open_button.clicked.connect(self._open_shown)
        self.unsure_button.clicked.connect(self.unsure_requested)
        self.add_button.clicked.connect(self.open_add_word)
        self.suggestions.chosen.connect(self.show_word)

    # -- reacting ---------------------------------------------------------------

    def _focused(self, word_id: str) -> None:
        self._show_detail(word_id)
        self.word_focused.emit(word_id)

    def _hovered(self, word_id: str) -> None:
        # The last word pointed at stays when the pointer leaves the wheel, so
        # that its “Choose …” button can be reached with the mouse.
        if word_id:
            self._show_detail(word_id)

    def _opened(self, word_id: str) -> None:
        """After opening a broad word, show it: its “Choose …” button takes it as it is."""
        self._show_detail(word_id)

    def _choose_shown(self) -> None:
        if self._shown is not None:
            self.toggle(self._shown)

    def _open_shown(self) -> None:
        if self._shown is not None:
            self.views.setCurrentWidget(self.wheel)
            self.wheel.open_word(self._shown)
            self.wheel.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tree_check(self, word_id: str, checked: bool) -> None:
        if checked:
            self.choose(word_id)
        else:
            self.remove(word_id)
        self._sync_marks()  # undo a refused tick

    def _update_back(self) -> None:
        root = self.wheel.zoom_root
        self.back.setEnabled(root is not None)
        parent = None if root is None else self._vocabulary.get(root).parent
        where = "all feelings" if parent is None else self._vocabulary.get(parent).label
        self.back.setText("‹ Back" if root is None else button_text(f"‹ Back to {where}"))

    def _show_detail(self, word_id: str | None) -> None:
        word = None if word_id is None else self._vocabulary.find(word_id)
        self._shown = None if word is None else word.id
        self.choose_button.setVisible(word is not None)
        broad = word is not None and word.level is not Level.SPECIFIC
        self.open_button.setVisible(broad and word is not None and word.id != self.wheel.zoom_root)
        self.detail_mine.setVisible(word is not None and word.is_user)
        if word is None:
            self.detail_title.setText("What does it mean?")
            self.detail_meta.setText("")
            self.detail_text.setText(
                "Point at a word, or move with the arrow keys, to read what it means. "
                "Click a broad word to open it."
            )
            return
        self.detail_title.setText(word.label)
        self.detail_meta.setText(_where(word, self._vocabulary))
        self.detail_text.setText(word.definition)
        chosen = word.id in self._selection
        verb = "Remove" if chosen else "Choose"
        self.choose_button.setText(button_text(f"{verb} “{word.label}”"))
        self.open_button.setText(button_text(f"Open “{word.label}”"))

    # -- selection → widgets ------------------------------------------------------

    def _changed(self) -> None:
        self._rebuild_chips()
        self._sync_marks()
        self.selection_changed.emit(self.selection())

    def _sync_marks(self) -> None:
        ids = set(self._selection.ids)
        self.wheel.set_chosen(ids)
        self.tree.set_checked(ids)
        self._show_detail(self._shown)

    def _rebuild_chips(self) -> None:
        focused = QApplication.focusWidget()
        had_focus = None
        if focused is not None:
            inside = [
                i for i, c in enumerate(self._chips) if c is focused or c.isAncestorOf(focused)
            ]
            had_focus = inside[0] if inside else None
        for chip in self._chips:
            self.chips_box.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self._chips = []
        for choice in self._selection.choices:
            chip = Chip(self._vocabulary.get(choice.word_id), choice.intensity)
            chip.removed.connect(self._chip_removed)
            chip.intensity_changed.connect(self._chip_intensity)
            self.chips_box.addWidget(chip)
            if self.isVisible():
                chip.show()  # now, not after the event loop: it may take the focus
            self._chips.append(chip)
        self.empty_note.setVisible(not self._chips)
        previous: QWidget = self.open_button
        for chip in self._chips:
            for widget in chip.focus_chain():
                QWidget.setTabOrder(previous, widget)
                previous = widget
        QWidget.setTabOrder(previous, self.unsure_button)
        if had_focus is not None:
            target = (
                self._chips[min(had_focus, len(self._chips) - 1)] if self._chips else self.wheel
            )
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _chip_removed(self, word_id: str) -> None:
        self.remove(word_id)

    def _chip_intensity(self, word_id: str, intensity: object) -> None:
        value = intensity if isinstance(intensity, int) else None
        self._selection.set_intensity(word_id, value)
        self.selection_changed.emit(self.selection())

    # -- search and own words --------------------------------------------------

    def _word_added(self, word: Word | None) -> None:
        if word is None:
            return
        if word.id not in self._vocabulary:
            self.set_vocabulary(self._vocabulary.with_user_words([word]))
        outcome = self.choose(word.id)
        added = f"“{word.label}” is now one of your words"
        if outcome is Outcome.FULL:
            self.note.setText(f"{added}. {limit_note(self._selection.max_selected)}")
        else:
            self.note.setText(f"{added}, and it is chosen.")
        self.show_word(word.id)


def _where(word: Word, vocabulary: Vocabulary) -> str:
    family = vocabulary.get(word.family).label
    if word.level is Level.FAMILY:
        return "A feeling family — a broad word you can choose as it is"
    if word.is_user:
        return f"In {family}"
    if word.level is Level.GROUP:
        return f"A broader word in {family}"
    parent = vocabulary.get(word.parent).label if word.parent else family
    return f"In {family} › {parent}"


def screenshot_sample(vocabulary: Vocabulary) -> QWidget:
    """A panel with three words chosen (a specific word, a group and a detachment
    word, each with an intensity) and one word pointed at, so that the detail
    area shows; for ``emotrainer screenshot wheel``."""
    panel = WheelPanel(vocabulary, add_word=_no_add)
    panel.wheel.zoom_duration = 0
    for word_id, intensity in (("anxious", 6), ("lonely", 4), ("numb", 7)):
        if word_id in vocabulary:
            panel.choose(word_id)
            panel.set_intensity(word_id, intensity)
    pointed = "weary" if "weary" in vocabulary else vocabulary.families[0].id
    panel.wheel.hover_word(pointed)  # applied once shown, when the size is known
    panel._show_detail(pointed)
    return panel


def _no_add(label: str, definition: str, family_id: str) -> Word:
    raise ValueError("adding words is switched off in this sample")
