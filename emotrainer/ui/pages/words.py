"""Words: every feeling word, searchable and filtered, each shown in full beside the list.

A refresh reads the store twice (how often each word was named, and the
trainer's cards) into dicts and rebuilds the list; search and filters only
hide rows, in memory, through ``matches`` — a pure function in
``emotrainer.core.word_browser`` that the tests call. The search line
(``words_list``) hands Up, Down and Page keys to the list, so typing and
moving go together. All data reaches the screen as plain text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.srs import MASTERY_LABELS, CardFacts, Mastery, word_mastery
from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.word_browser import USER, list_line, matches, sort_key
from emotrainer.storage.entries import WordUse
from emotrainer.storage.store import Store
from emotrainer.ui.pages.words_detail import WordDetail, WordFacts
from emotrainer.ui.pages.words_edit import EditWordDialog
from emotrainer.ui.pages.words_list import ID_ROLE, LINE_ROLE, SearchLine, WordDelegate
from emotrainer.ui.widgets import copy_label, page_column, plain_label

WIDE = 600  # from this page width on, the detail sits beside the list

LEVEL_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("All levels", None),
    ("Family", Level.FAMILY.value),
    ("Group", Level.GROUP.value),
    ("Specific", Level.SPECIFIC.value),
    ("Your own words", USER),
)
MASTERY_CHOICES: tuple[tuple[str, str | None], ...] = (
    ("Any", None),
    *((MASTERY_LABELS[m], m.value) for m in Mastery),
)

EMPTY_HINT = "Try fewer letters, or clear the filters."
EMPTY_FILTER = f"No words match these filters. {EMPTY_HINT}"
EMPTY_USER = (
    "You have not added words of your own yet. In an exercise, the feelings wheel "
    "has a place to add one whenever you like."
)
EMPTY_MASTERY = {
    Mastery.NEW: "Every word here has had some practice in the trainer.",
    Mastery.LEARNING: "No words are being learnt in the trainer just now.",
    Mastery.MASTERED: (
        "No words are mastered yet. That comes with a few weeks of short practice; "
        "there is no hurry."
    ),
}


class WordsPage(QWidget):
    title = "Words"

    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        publish: Callable[[Change], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._publish = publish
        self._vocab = Vocabulary([])
        self._words: dict[str, Word] = {}
        self._items: dict[str, QListWidgetItem] = {}
        self._uses: dict[str, WordUse] = {}
        self._cards: dict[str, list[CardFacts]] = {}
        self._masteries: dict[str, Mastery] = {}
        self.editor: EditWordDialog | None = None

        layout = page_column(self)
        scroll = self.findChild(QScrollArea)
        if scroll is not None:  # it takes focus to scroll: give it a name
            scroll.setAccessibleName("Words page")
        layout.addWidget(copy_label("Words", "title"))
        layout.addWidget(
            copy_label(
                "Every feeling word, what it means, the words close to it, "
                "and how you have used it.",
                "muted",
            )
        )
        self.detail = WordDetail(self._jump, self.edit_selected)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(14)
        self.split.addWidget(self._build_browser(), 2)
        self.split.addWidget(self.detail, 3)
        layout.addLayout(self.split, 1)

        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self.search.setToolTip("Search (Ctrl+F)")
        order = (self.search, self.family_filter, self.level_filter, self.mastery_filter)
        for first, second in zip(order, (*order[1:], self.list), strict=True):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.list, self.clear_button)
        QWidget.setTabOrder(self.clear_button, self.detail.detail_scroll)
        QWidget.setTabOrder(self.detail.detail_scroll, self.detail.edit_button)
        self.refresh()

    # -- building -------------------------------------------------------------------

    def _build_browser(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.list = QListWidget()
        self.list.setAccessibleName("Words")
        self.list.setItemDelegate(WordDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setMinimumHeight(self.fontMetrics().height() * 10)
        self.list.currentItemChanged.connect(self._current_changed)

        self.search = SearchLine(self.list)
        self.search.setPlaceholderText("Search words and meanings")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search words and meanings")
        self.search.textChanged.connect(self._filters_changed)
        self.family_filter = QComboBox()
        self.family_filter.setAccessibleName("Filter by feeling family")
        self.level_filter = QComboBox()
        self.level_filter.setAccessibleName("Filter by level")
        self.mastery_filter = QComboBox()
        self.mastery_filter.setAccessibleName("Filter by progress in the trainer")
        for combo, choices in (
            (self.level_filter, LEVEL_CHOICES),
            (self.mastery_filter, MASTERY_CHOICES),
        ):
            for text, value in choices:
                combo.addItem(text, value)
        for combo in (self.family_filter, self.level_filter, self.mastery_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
            combo.setMinimumContentsLength(8)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for caption, combo in (
            ("Family", self.family_filter),
            ("Level", self.level_filter),
            ("Trainer", self.mastery_filter),
        ):
            label = copy_label(caption, wrap=False)
            label.setBuddy(combo)
            form.addRow(label, combo)

        self.count = copy_label("", "muted")
        self.empty_note = plain_label("", "muted")
        self.clear_button = QPushButton("Clear search and filters")
        self.clear_button.setAccessibleName("Clear search and filters")
        self.clear_button.clicked.connect(self.clear_filters)
        clear_line = QHBoxLayout()
        clear_line.addWidget(self.clear_button)
        clear_line.addStretch(1)

        column.addWidget(self.search)
        column.addLayout(form)
        column.addWidget(self.count)
        column.addWidget(self.list, 1)
        column.addWidget(self.empty_note)
        column.addLayout(clear_line)
        column.addStretch(0)
        return box

    def _fill_families(self) -> None:
        chosen = self.family_filter.currentData()
        self.family_filter.blockSignals(True)
        self.family_filter.clear()
        self.family_filter.addItem("All families", None)
        for family in self._vocab.families:
            self.family_filter.addItem(family.label, family.id)
        found = self.family_filter.findData(chosen) if chosen else 0
        self.family_filter.setCurrentIndex(max(found, 0))
        self.family_filter.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.split.direction() != direction:
            self.split.setDirection(direction)
        super().resizeEvent(event)

    # -- loading ----------------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if change.touches(entries=True, words=True, trainer=True):
            self.refresh()

    def refresh(self) -> None:
        """Read the store once and rebuild the list; the search, filters and word stay."""
        current = self.selected_id()
        self._vocab = self._vocabulary()
        self._words = {word.id: word for word in self._vocab}
        self._uses = {use.word_id: use for use in self._store.word_uses()}
        cards = self._store.trainer_cards()
        self._cards = {}
        for card in cards:
            self._cards.setdefault(card.word_id, []).append(card)
        self._masteries = word_mastery(cards)
        self._fill_families()

        order = {family.id: i for i, family in enumerate(self._vocab.families)}
        self.list.blockSignals(True)
        self.list.clear()
        self._items = {}
        for word in sorted(self._vocab, key=lambda w: sort_key(w, order)):
            item = QListWidgetItem(word.label)
            line = list_line(word, self._vocab)
            item.setData(ID_ROLE, word.id)
            item.setData(LINE_ROLE, line)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{word.label}, {line}")
            self.list.addItem(item)
            self._items[word.id] = item
        self.list.blockSignals(False)
        self._apply_filters(current)

    # -- filters ------------------------------------------------------------------------

    def _filters_changed(self) -> None:
        self._apply_filters(self.selected_id())

    def _apply_filters(self, keep: str | None) -> None:
        text = self.search.text()
        family = self.family_filter.currentData()
        level = self.level_filter.currentData()
        chosen = self.mastery_filter.currentData()
        mastery = Mastery(chosen) if chosen else None
        shown = 0
        for word_id, item in self._items.items():
            visible = matches(self._words[word_id], text, family, level, mastery, self._masteries)
            item.setHidden(not visible)
            shown += visible
        self.count.setText(
            f"All {shown:,} words"
            if shown == len(self._items) and shown != 1
            else f"{shown:,} {'word' if shown == 1 else 'words'}"
        )
        self.count.setVisible(shown > 0)
        self.list.setVisible(shown > 0)
        self.empty_note.setVisible(shown == 0)
        self.clear_button.setVisible(shown == 0)
        if shown == 0:
            self.empty_note.setText(self._empty_text(text, family, level, mastery))
            self.empty_note.setAccessibleName(self.empty_note.text())
        chosen_item = self._items.get(keep) if keep else None
        if chosen_item is None or chosen_item.isHidden():
            chosen_item = next((i for i in self._items.values() if not i.isHidden()), None)
        if chosen_item is not None:
            if self.list.currentItem() is chosen_item:
                self._current_changed(chosen_item, None)  # same word, fresh facts
            self.list.setCurrentItem(chosen_item)
            self.list.scrollToItem(chosen_item)
        else:
            self.list.setCurrentRow(-1)
            self._current_changed(None, None)

    def _empty_text(
        self, text: str, family: str | None, level: str | None, mastery: Mastery | None
    ) -> str:
        searching = bool(text.strip())
        if level == USER and not searching and family is None and mastery is None:
            return EMPTY_USER
        if mastery is not None and not searching and family is None and level is None:
            return EMPTY_MASTERY[mastery]
        if searching:
            quoted = f"“{' '.join(text.split())}”"
            filtered = family is not None or level is not None or mastery is not None
            where = " with these filters" if filtered else ""
            return f"No words match {quoted}{where}. {EMPTY_HINT}"
        return EMPTY_FILTER

    def clear_filters(self) -> None:
        for widget in (self.search, self.family_filter, self.level_filter, self.mastery_filter):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.family_filter, self.level_filter, self.mastery_filter):
            combo.setCurrentIndex(0)
        for widget in (self.search, self.family_filter, self.level_filter, self.mastery_filter):
            widget.blockSignals(False)
        focused = self.clear_button.hasFocus()
        self._apply_filters(self.selected_id())
        if focused:
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- selection and detail ----------------------------------------------------------

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        word_id = item.data(ID_ROLE) if item is not None and not item.isHidden() else None
        return word_id if isinstance(word_id, str) else None

    def select_word(self, word_id: str) -> None:
        """Show ``word_id``; filters that hide it are cleared first."""
        item = self._items.get(word_id)
        if item is None:
            return
        if item.isHidden():
            self.clear_filters()
        self.list.setCurrentItem(item)
        self.list.scrollToItem(item)

    def _jump(self, word_id: str) -> None:
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)  # the button goes with the word
        self.select_word(word_id)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        word_id = current.data(ID_ROLE) if current is not None else None
        word = self._words.get(word_id) if isinstance(word_id, str) else None
        if word is None:
            self.detail.show_word(
                None, self._vocab, WordFacts(None, (), Mastery.NEW), readonly=True
            )
            return
        facts = WordFacts(
            self._uses.get(word.id),
            tuple(self._cards.get(word.id, ())),
            self._masteries.get(word.id, Mastery.NEW),
        )
        self.detail.show_word(word, self._vocab, facts, readonly=self._store.readonly)
        previous: QWidget = self.detail.edit_button
        for button in self.detail.buttons:
            QWidget.setTabOrder(previous, button)
            previous = button

    # -- editing the user's own words --------------------------------------------------

    def edit_selected(self) -> None:
        word = self.detail.word
        if word is None or not word.is_user or self._store.readonly:
            return
        editor = EditWordDialog(word, self._vocab, self._save_word, self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.finished.connect(lambda _result: self._edit_closed())
        self.editor = editor
        editor.open()

    def _save_word(self, word_id: str, label: str, definition: str, family_id: str) -> None:
        change = self._store.update_user_word(word_id, label, definition, family_id)
        self._publish(change)  # the window's new vocabulary comes back through on_change
        self.detail.say("Your changes are saved.")

    def _edit_closed(self) -> None:
        self.editor = None
        self.detail.edit_button.setFocus(Qt.FocusReason.OtherFocusReason)
