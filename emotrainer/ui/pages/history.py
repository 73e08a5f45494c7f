"""History: every entry by day, filtered, with a detail card, edits and undoable deletes.

Entries come from the store a page at a time (newest local day first), and
each page is finished to the end of its last day so that the day headings
count right. The list skips day headings for the keyboard: arrows go from
entry to entry, Delete deletes (with an Undo bar, no question asked), Enter
edits. All data reaches the screen as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QDate, QModelIndex, QSize, QStringListModel, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.history import (
    HistoryFilter,
    day_heading,
    describe_detail,
    detail_lines,
    family_word_ids,
    group_by_day,
    history_line,
    long_date,
)
from emotrainer.core.models import KIND_LABELS, Entry, EntryKind
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.entries import Removed
from emotrainer.storage.store import Store
from emotrainer.ui.indicators import outlined
from emotrainer.ui.widgets import Card, copy_label, page_column, plain_label

PAGE = 200
UUID_ROLE = Qt.ItemDataRole.UserRole
DAY_ROLE = Qt.ItemDataRole.UserRole + 1
WIDE = 860  # from this page width on, the detail card sits beside the list

EMPTY_STORE = "Nothing here yet — your exercises will appear here."
EMPTY_FILTER = "No entries match these filters."

# The detail card's rows, in order; core.history.detail_lines names them.
DETAIL_KEYS = (
    ("words", "Feelings"),
    ("presence", "Presence"),
    ("body", "In the body"),
    ("ratings", "Ratings"),
    ("tags", "Context"),
    ("before", "Just before"),
    ("note", "Note"),
    ("pauses", "Pauses"),
    ("duration", "Time taken"),
    ("source", "Source"),
)


_LONG_RUN = re.compile(r"\S{32,}")


def breakable(text: str) -> str:
    """``text`` with a zero-width space every 24 characters of a very long unbroken run.

    A QLabel wraps only between words and would cut a long URL or run of
    letters off at its edge; the break points change nothing visible. The
    accessible name keeps the exact text, and Edit shows it as stored.
    """
    if len(text) < 32:
        return text
    return _LONG_RUN.sub(
        lambda m: "\u200b".join(m[0][i : i + 24] for i in range(0, len(m[0]), 24)), text
    )


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class HistoryTree(QTreeWidget):
    """Day headings with their entries; the keyboard moves over entries only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delete_pressed: Callable[[], None] = lambda: None
        self.enter_pressed: Callable[[], None] = lambda: None
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setExpandsOnDoubleClick(False)
        self.setUniformRowHeights(True)  # 200 rows and more lay out at once
        self.setIndentation(14)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Entries by day, newest first")

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        index = super().moveCursor(cursorAction, modifiers)
        item = self.itemFromIndex(index) if index.isValid() else None
        if item is None or item.parent() is not None:
            return index  # an entry (or nowhere)
        actions = QAbstractItemView.CursorAction
        if cursorAction in (actions.MoveLeft, actions.MoveRight):
            return self.currentIndex()  # Left would climb to the heading
        if cursorAction in (actions.MoveUp, actions.MovePageUp, actions.MovePrevious):
            above = self.itemAbove(item)
            return self.indexFromItem(above) if above is not None else self.currentIndex()
        first = item.child(0)
        return self.indexFromItem(first) if first is not None else index

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed()
            event.accept()
            return
        super().keyPressEvent(event)


class HistoryPage(QWidget):
    title = "History"
    UNDO_MS = 15_000  # how long the Undo bar stays (tests shorten it)

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
        self._entries: dict[str, Entry] = {}
        self._day_items: dict[date, QTreeWidgetItem] = {}
        self._loaded = 0
        self._total = 0
        self._filter = HistoryFilter()
        self._family_ids: frozenset[str] | None = None
        self._word_id: str | None = None
        self._unknown_word: str | None = None
        self._removed: Removed | None = None
        self._echo: Change | None = None  # our own change, coming back from the bus
        self.editor: QWidget | None = None

        layout = page_column(self)
        scroll = self.findChild(QScrollArea)
        if scroll is not None:  # it takes focus to scroll: give it a name
            scroll.setAccessibleName("History page")
        layout.addWidget(copy_label("History", "title"))
        layout.addWidget(
            copy_label(
                "Everything you have recorded, day by day. Choose an entry to see it all, "
                "change its words or note, or delete it.",
                "muted",
            )
        )
        layout.addWidget(self._build_filters())
        self.summary = copy_label("", "muted")
        layout.addWidget(self.summary)

        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(14)
        self.split.addLayout(self._build_list(), 3)
        self.split.addWidget(self._build_detail(), 2)
        layout.addLayout(self.split, 1)

        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._forget_removed)

        QWidget.setTabOrder(self.clear_button, self.tree)
        QWidget.setTabOrder(self.tree, self.undo_button)
        QWidget.setTabOrder(self.undo_button, self.more_button)
        QWidget.setTabOrder(self.more_button, self.detail_scroll)
        QWidget.setTabOrder(self.detail_scroll, self.edit_button)
        QWidget.setTabOrder(self.edit_button, self.delete_button)
        self.refresh()

    # -- building -------------------------------------------------------------

    def _build_filters(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)

        self.word_filter = QLineEdit()
        self.word_filter.setPlaceholderText("Any word")
        self.word_filter.setClearButtonEnabled(True)
        self.word_filter.setAccessibleName("Filter by feeling word")
        self._word_model = QStringListModel(self)
        completer = QCompleter(self._word_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.word_filter.setCompleter(completer)
        self.word_filter.textChanged.connect(self._word_typed)
        self.word_filter.editingFinished.connect(self._word_finished)
        completer.activated.connect(self._word_completed)

        self.family_filter = QComboBox()
        self.family_filter.setAccessibleName("Filter by feeling family")
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName("Filter by exercise")
        self.kind_filter.addItem("All exercises", None)
        for kind, label in KIND_LABELS.items():
            self.kind_filter.addItem(label, kind.value)
        self.family_filter.currentIndexChanged.connect(self._filters_changed)
        self.kind_filter.currentIndexChanged.connect(self._filters_changed)

        today = QDate.currentDate()
        self.from_check = QCheckBox("From")
        self.from_check.setAccessibleName("Only entries from a date on")
        self.from_date = QDateEdit(today.addMonths(-1))
        self.from_date.setAccessibleName("First day")
        self.to_check = QCheckBox("Until")
        self.to_check.setAccessibleName("Only entries up to a date")
        self.to_date = QDateEdit(today)
        self.to_date.setAccessibleName("Last day")
        outlined(self.from_check, self.to_check)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._filters_changed)
            edit.dateChanged.connect(self._filters_changed)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setAccessibleName("Clear filters")
        self.clear_button.clicked.connect(self.clear_filters)

        grid.addWidget(copy_label("Word", wrap=False), 0, 0)
        grid.addWidget(self.word_filter, 0, 1)
        grid.addWidget(copy_label("Family", wrap=False), 0, 2)
        grid.addWidget(self.family_filter, 0, 3)
        grid.addWidget(copy_label("Exercise", wrap=False), 0, 4)
        grid.addWidget(self.kind_filter, 0, 5)
        dates = QHBoxLayout()
        dates.setSpacing(8)
        dates.addWidget(self.from_check)
        dates.addWidget(self.from_date)
        dates.addSpacing(8)
        dates.addWidget(self.to_check)
        dates.addWidget(self.to_date)
        dates.addStretch(1)
        dates.addWidget(self.clear_button)
        grid.addLayout(dates, 1, 0, 1, 6)
        for column in (1, 3, 5):
            grid.setColumnStretch(column, 1)
        self._fill_vocabulary_choices()
        return box

    def _build_list(self) -> QBoxLayout:
        column = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        column.setSpacing(8)
        self.tree = HistoryTree()
        self.tree.setMinimumHeight(self.fontMetrics().height() * 14)
        self.tree.delete_pressed = self.delete_selected
        self.tree.enter_pressed = self.edit_selected
        self.tree.currentItemChanged.connect(self._current_changed)
        self.empty_note = plain_label("", "muted")
        self.empty_note.setAccessibleName("No entries")

        self.undo_bar = Card()
        self.undo_bar.body.setContentsMargins(14, 8, 10, 8)
        bar = QHBoxLayout()
        self.undo_text = copy_label("Entry deleted.", wrap=False)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo delete")
        self.undo_button.setToolTip("Undo (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        bar.addWidget(self.undo_text, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.body.addLayout(bar)
        self.undo_bar.setAccessibleName("Entry deleted. Undo is available.")
        self.undo_bar.hide()

        self.more_button = QPushButton("Show more")
        self.more_button.setAccessibleName("Show more entries")
        self.more_button.clicked.connect(self.load_more)
        more = QHBoxLayout()
        more.addWidget(self.more_button)
        more.addStretch(1)

        column.addWidget(self.tree, 1)
        column.addWidget(self.empty_note)
        column.addWidget(self.undo_bar)
        column.addLayout(more)
        return column

    def _build_detail(self) -> Card:
        self.detail = Card("Entry")
        self.detail_title = plain_label("", "section")
        self.detail_kind = plain_label("", "muted")
        self.detail_hint = copy_label("Choose an entry to see everything it holds.", "muted")
        self.detail_form = QFormLayout()
        self.detail_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.detail_form.setVerticalSpacing(8)
        self.detail_values: dict[str, QLabel] = {}
        for key, caption in DETAIL_KEYS:
            value = plain_label("")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setMinimumWidth(40)
            label = copy_label(caption, "muted")
            self.detail_form.addRow(label, value)
            self.detail_values[key] = value
        self.detail_captions = {
            key: self.detail_form.labelForField(value) for key, value in self.detail_values.items()
        }
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit this entry")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setAccessibleName("Delete this entry")
        self.delete_button.clicked.connect(self.delete_selected)
        self.status = plain_label("", "muted")
        self.status.hide()  # shown with a message after an edit
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        # The rows scroll on their own: a 20,000-character note keeps the list
        # and the buttons in view. An unbroken run of text scrolls sideways
        # rather than being cut or changed.
        rows = QWidget()
        rows_column = QVBoxLayout(rows)
        rows_column.setContentsMargins(0, 0, 4, 0)
        rows_column.addLayout(self.detail_form)
        rows_column.addStretch(1)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(rows)
        self.detail_scroll.viewport().setAutoFillBackground(False)
        rows.setAutoFillBackground(False)
        self.detail_scroll.setAccessibleName("Entry details")
        self.detail_scroll.setMinimumHeight(self.fontMetrics().height() * 8)
        self.detail.body.addWidget(self.detail_title)
        self.detail.body.addWidget(self.detail_kind)
        self.detail.body.addWidget(self.detail_hint)
        self.detail.body.addWidget(self.detail_scroll, 1)
        self.detail.body.addLayout(buttons)
        self.detail.body.addWidget(self.status)
        return self.detail

    def _fill_vocabulary_choices(self) -> None:
        vocabulary = self._vocabulary()
        self._word_model.setStringList(sorted((w.label for w in vocabulary), key=str.casefold))
        chosen = self.family_filter.currentData()
        self.family_filter.blockSignals(True)
        self.family_filter.clear()
        self.family_filter.addItem("All families", None)
        for family in vocabulary.families:
            self.family_filter.addItem(family.label, family.id)
        found = self.family_filter.findData(chosen) if chosen else 0
        self.family_filter.setCurrentIndex(max(found, 0))
        self.family_filter.blockSignals(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Ctrl+Z (the platform's Undo) reaches the page when the focused widget
        # has no use for it: the word filter keeps its own text undo.
        if event.matches(QKeySequence.StandardKey.Undo) and self._removed is not None:
            self.undo()
            event.accept()
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= WIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.split.direction() != direction:
            self.split.setDirection(direction)
        super().resizeEvent(event)

    # -- filters ------------------------------------------------------------

    def current_filter(self) -> HistoryFilter:
        first = _day(self.from_date) if self.from_check.isChecked() else None
        last = _day(self.to_date) if self.to_check.isChecked() else None
        if first is not None and last is not None and first > last:
            first, last = last, first  # a range typed backwards still means that range
        kind = self.kind_filter.currentData()
        return HistoryFilter(
            word_id=self._word_id,
            family_id=self.family_filter.currentData(),
            kind=EntryKind(kind) if kind else None,
            first_day=first,
            last_day=last,
        )

    def _resolve_word(self, text: str) -> str | None:
        folded = " ".join(text.split()).casefold()
        for word in self._vocabulary():
            if word.label.casefold() == folded:
                return word.id
        return None

    def _word_typed(self, text: str) -> None:
        """Filter as soon as the text names a word (or is empty); else wait for Enter."""
        word_id = self._resolve_word(text) if text.strip() else None
        if word_id is not None or not text.strip():
            self._word_id, self._unknown_word = word_id, None
            self._filters_changed()

    def _word_finished(self) -> None:
        text = self.word_filter.text().strip()
        if text and self._resolve_word(text) is None and self._unknown_word != text:
            self._word_id, self._unknown_word = None, text
            self._filters_changed()

    def _word_completed(self, text: str) -> None:
        if self.word_filter.text() != text:
            self.word_filter.setText(text)

    def _filters_changed(self) -> None:
        self.refresh()

    def clear_filters(self) -> None:
        for widget in (self.word_filter, self.family_filter, self.kind_filter):
            widget.blockSignals(True)
        for check in (self.from_check, self.to_check):
            check.blockSignals(True)
        self.word_filter.clear()
        self.family_filter.setCurrentIndex(0)
        self.kind_filter.setCurrentIndex(0)
        self.from_check.setChecked(False)
        self.to_check.setChecked(False)
        self.from_date.setEnabled(False)
        self.to_date.setEnabled(False)
        for widget in (self.word_filter, self.family_filter, self.kind_filter):
            widget.blockSignals(False)
        for check in (self.from_check, self.to_check):
            check.blockSignals(False)
        self._word_id = self._unknown_word = None
        self.refresh()

    # -- loading ------------------------------------------------------------

    def on_change(self, change: Change) -> None:
        if change is self._echo:  # our own write: already on screen
            self._echo = None
            return
        if change.touches(words=True):
            self._fill_vocabulary_choices()
        if change.touches(entries=True, words=True):
            self.refresh(keep=self._loaded, select=self.selected_uuid())

    def refresh(self, keep: int = 0, select: str | None = None) -> None:
        """Reload from the store: at least ``keep`` entries, ``select`` made current."""
        self._filter = self.current_filter()
        family = self._filter.family_id
        self._family_ids = family_word_ids(self._vocabulary(), family) if family else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self.tree.blockSignals(False)
        self._entries = {}
        self._day_items = {}
        self._loaded = 0
        if self._unknown_word is not None:
            self._total = 0
        else:
            self._total = self._store.history_count(self._filter, self._family_ids)
            self._load(max(PAGE, keep))
        self._select(select)
        self._update_counts()

    def load_more(self) -> None:
        current = self.selected_uuid()
        self._load(PAGE)
        self._select(current)
        self._update_counts()
        if not self.more_button.isVisible():
            self.tree.setFocus()

    def _load(self, count: int) -> None:
        found = self._store.history(self._filter, self._family_ids, count, self._loaded)
        if found and len(found) == count:
            # A full page: finish its last day, so that a heading never counts short.
            last_day = found[-1].at.local_date()
            on_last = 1
            while on_last < len(found) and found[-1 - on_last].at.local_date() == last_day:
                on_last += 1
            day_only = replace(self._filter, first_day=last_day, last_day=last_day)
            found += self._store.history(day_only, self._family_ids, None, on_last)
        vocabulary = self._vocabulary()
        bold = self.tree.font()
        bold.setBold(True)
        height = self.tree.fontMetrics().height() + 8
        new_headings = []
        # Items are built off the tree and added in bulk: one model update, not hundreds.
        for group in group_by_day(found):
            heading = self._day_items.get(group.day)
            if heading is None:
                heading = QTreeWidgetItem()
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
                heading.setFont(0, bold)
                heading.setData(0, DAY_ROLE, group.day.isoformat())
                heading.setSizeHint(0, QSize(0, height))
                self._day_items[group.day] = heading
                new_headings.append(heading)
            day_text = long_date(group.day)
            children = []
            for entry in group.entries:
                line = history_line(entry, vocabulary)
                item = QTreeWidgetItem([line])
                item.setData(0, UUID_ROLE, entry.uuid)
                item.setData(0, Qt.ItemDataRole.ToolTipRole, line)
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{day_text}, {line}")
                item.setSizeHint(0, QSize(0, height))
                children.append(item)
                self._entries[entry.uuid] = entry
            heading.addChildren(children)
            text = day_heading(group.day, heading.childCount())
            heading.setText(0, text)
            heading.setData(0, Qt.ItemDataRole.AccessibleTextRole, text)
        self.tree.addTopLevelItems(new_headings)
        for heading in new_headings:
            heading.setExpanded(True)
        self._loaded += len(found)

    def _update_counts(self) -> None:
        has_any = self._total > 0
        self.tree.setVisible(has_any)
        self.empty_note.setVisible(not has_any)
        if not has_any:
            no_filter = self._filter.is_empty and self._unknown_word is None
            text = EMPTY_STORE if no_filter else EMPTY_FILTER
            if self._unknown_word is not None:
                text += f" “{self._unknown_word}” is not one of your words; pick a suggestion."
            self.empty_note.setText(text)
            self.empty_note.setAccessibleName(text)
        self.more_button.setVisible(self._loaded < self._total)
        if not has_any:
            self.summary.setText("")
        elif self._loaded < self._total:
            self.summary.setText(f"Showing the newest {self._loaded:,} of {self._total:,} entries")
        else:
            self.summary.setText(f"{self._total:,} {'entry' if self._total == 1 else 'entries'}")

    # -- selection and detail ----------------------------------------------

    def _item_for(self, uuid: str) -> QTreeWidgetItem | None:
        for heading in self._day_items.values():
            for i in range(heading.childCount()):
                child = heading.child(i)
                if child is not None and child.data(0, UUID_ROLE) == uuid:
                    return child
        return None

    def _first_entry_item(self) -> QTreeWidgetItem | None:
        top = self.tree.topLevelItem(0)
        return top.child(0) if top is not None else None

    def _select(self, uuid: str | None) -> None:
        item = (self._item_for(uuid) if uuid else None) or self._first_entry_item()
        if item is not None:
            self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        else:
            self._show_detail(None)

    def selected_uuid(self) -> str | None:
        item = self.tree.currentItem()
        uuid = item.data(0, UUID_ROLE) if item is not None else None
        return uuid if isinstance(uuid, str) else None

    def selected_entry(self) -> Entry | None:
        uuid = self.selected_uuid()
        return self._entries.get(uuid) if uuid else None

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        first = current.child(0) if current is not None and current.parent() is None else None
        if first is not None:
            self.tree.setCurrentItem(first)  # a click on a day: its first entry
            return
        uuid = current.data(0, UUID_ROLE) if current is not None else None
        self._show_detail(self._entries.get(uuid) if isinstance(uuid, str) else None)

    def _show_detail(self, entry: Entry | None) -> None:
        self.edit_button.setEnabled(entry is not None)
        self.delete_button.setEnabled(entry is not None)
        self.detail_hint.setVisible(entry is None)
        self.detail_title.setVisible(entry is not None)
        self.detail_kind.setVisible(entry is not None)
        lines = (
            {}
            if entry is None
            else {line.key: line for line in detail_lines(entry, self._vocabulary())}
        )
        self.detail_scroll.verticalScrollBar().setValue(0)
        self.detail_scroll.horizontalScrollBar().setValue(0)
        if entry is not None:
            self.detail_title.setText(lines["when"].text)
            self.detail_kind.setText(lines["kind"].text)
            self.detail.setAccessibleDescription(describe_detail(entry, self._vocabulary()))
        for row, (key, _caption) in enumerate(DETAIL_KEYS):
            line = lines.get(key)
            value = self.detail_values[key]
            value.setText(breakable(line.text) if line else "")
            value.setAccessibleName(f"{line.caption}: {line.text}" if line else "")
            caption = self.detail_captions[key]
            if line is not None and isinstance(caption, QLabel):
                caption.setText(line.caption)  # "Just before" / "Started from"
            self.detail_form.setRowVisible(row, line is not None)

    # -- edit, delete, undo ---------------------------------------------------

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _send(self, change: Change) -> None:
        self._echo = change
        self._publish(change)

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        from emotrainer.ui.entry_editor import EntryEditor

        editor = EntryEditor(entry, self._vocabulary(), self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.accepted.connect(lambda: self._save_edit(editor))
        editor.finished.connect(lambda _result: self._edit_closed())
        self.editor = editor
        editor.open()

    def _edit_closed(self) -> None:
        self.editor = None
        self.tree.setFocus()

    def _save_edit(self, editor: QWidget) -> None:
        from emotrainer.ui.entry_editor import EntryEditor

        assert isinstance(editor, EntryEditor)
        uuid = editor.entry.uuid
        try:
            change = self._store.update_entry(uuid, editor.labels(), editor.note_text())
        except (ValueError, KeyError) as exc:
            self._say(f"The changes could not be saved: {exc}")
            return
        self._say("Your changes are saved.")
        self.refresh(keep=self._loaded, select=uuid)
        self._send(change)

    def delete_selected(self) -> None:
        item = self.tree.currentItem()
        entry = self.selected_entry()
        if item is None or entry is None:
            return
        # Where the keyboard goes next: the entry below, else the one above.
        below = self.tree.itemBelow(item)
        if below is not None and below.parent() is None:
            below = below.child(0)
        above = self.tree.itemAbove(item)
        if above is not None and above.parent() is None:
            above = self.tree.itemAbove(above)
        neighbour = below or above
        next_uuid = neighbour.data(0, UUID_ROLE) if neighbour is not None else None
        try:
            removed, change = self._store.delete_entry_for_undo(entry.uuid)
        except KeyError:
            self.refresh(keep=self._loaded)
            return
        self._removed = removed  # an earlier delete can no longer be undone
        self.refresh(keep=max(self._loaded - 1, 0), select=next_uuid)
        self._say("")
        self.undo_bar.show()
        self._undo_timer.start(self.UNDO_MS)
        if not self.tree.isVisible():  # the last one went: keep the keyboard close
            self.undo_button.setFocus()
        self._send(change)

    def undo(self) -> None:
        removed = self._removed
        if removed is None:
            return
        had_focus = self.undo_button.hasFocus()
        self._forget_removed()
        change = self._store.undo_delete(removed)
        self.refresh(keep=self._loaded + 1, select=removed.entry.uuid)
        if had_focus or self.tree.isVisible():
            self.tree.setFocus()
        self._send(change)

    def _forget_removed(self) -> None:
        self._undo_timer.stop()
        self._removed = None
        if self.undo_button.hasFocus():
            self.tree.setFocus()
        self.undo_bar.hide()

    @property
    def can_undo(self) -> bool:
        return self._removed is not None
