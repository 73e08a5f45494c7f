"""Edit an entry's words, their intensities and its note, from History.

Up to three words from the vocabulary, each with an intensity 0–10 or "–"
(left open, as in the exercise); the note has a visible counter and a hard
cap. The dialog only returns the new values; the page saves them through
``Store.update_entry`` and publishes the change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.flows import NOTE_MAX, WORDS_MAX
from emotrainer.core.history import long_date
from emotrainer.core.models import KIND_LABELS, Entry, Label, WordsState
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.ui.widgets import copy_label, plain_label

OPEN = -1  # the spin box value shown as "–": intensity left open


class WordInput(QLineEdit):
    """A line to type a word into; Enter adds it instead of closing the dialog."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            popup = self.completer().popup() if self.completer() else None
            if popup is None or not popup.isVisible():
                self.submitted.emit()
                event.accept()
                return
        super().keyPressEvent(event)


class WordRow(QWidget):
    """One chosen word: its label, an intensity (or "–") and Remove."""

    def __init__(self, word_id: str, label: str, intensity: int | None) -> None:
        super().__init__()
        self.word_id = word_id
        self.label = plain_label(label, wrap=True)
        self.intensity = QSpinBox()
        self.intensity.setRange(OPEN, 10)
        self.intensity.setSpecialValueText("–")  # shown for OPEN, the minimum
        self.intensity.setValue(OPEN if intensity is None else intensity)
        self.intensity.setAccessibleName(f"Intensity of {label}, 0 to 10, or left open")
        self.intensity.setSuffix(" / 10")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName(f"Remove {label}")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.label, 1)
        line.addWidget(copy_label("Intensity", "muted", wrap=False))
        line.addWidget(self.intensity)
        line.addWidget(self.remove)

    def value(self) -> Label:
        chosen = self.intensity.value()
        return Label(self.word_id, None if chosen == OPEN else chosen)


class EntryEditor(QDialog):
    def __init__(self, entry: Entry, vocabulary: Vocabulary, parent: QWidget | None = None):
        super().__init__(parent)
        self.entry = entry
        self._vocabulary = vocabulary
        self._by_label = {w.label.casefold(): w.id for w in vocabulary}
        self.setWindowTitle("Edit entry")
        self.setMinimumWidth(460)

        local = entry.at.local()
        heading = plain_label(f"{KIND_LABELS[entry.kind]}, {long_date(local)} at {local:%H:%M}")
        heading.setAccessibleName(heading.text())
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)

        self.rows_box = QVBoxLayout()
        self.rows_box.setSpacing(4)
        self.rows: list[WordRow] = []
        self.no_words = copy_label("", "muted")
        self.word_input = WordInput()
        self.word_input.setPlaceholderText("Add a feeling word…")
        self.word_input.setAccessibleName("Add a feeling word")
        completer = QCompleter(sorted((w.label for w in vocabulary), key=str.casefold), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.word_input.setCompleter(completer)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add this word")
        self.add_button.setAutoDefault(False)
        self.word_status = plain_label("", "muted")
        add_line = QHBoxLayout()
        add_line.addWidget(self.word_input, 1)
        add_line.addWidget(self.add_button)
        self.word_input.submitted.connect(self.add_typed_word)
        self.add_button.clicked.connect(self.add_typed_word)
        completer.activated.connect(self._completed)

        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName("Note")
        self.note.setPlainText(entry.note[:NOTE_MAX])
        self._shown_note = self.note.toPlainText()
        self.note.setMinimumHeight(self.fontMetrics().height() * 6)
        self.counter = copy_label("", "muted", wrap=False)
        self.note_status = copy_label("", "muted")
        self.note.textChanged.connect(self._note_changed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(copy_label(f"Feelings (up to {WORDS_MAX})", "section"))
        layout.addWidget(self.no_words)
        layout.addLayout(self.rows_box)
        layout.addLayout(add_line)
        layout.addWidget(self.word_status)
        layout.addWidget(copy_label("Note", "section"))
        layout.addWidget(self.note, 1)
        counter_line = QHBoxLayout()
        counter_line.addWidget(self.note_status, 1)
        counter_line.addWidget(self.counter)
        layout.addLayout(counter_line)
        layout.addWidget(self.buttons)

        for label in entry.labels[:WORDS_MAX]:
            word = vocabulary.find(label.word_id)
            self._add_row(label.word_id, word.label if word else label.word_id, label.intensity)
        self._update_words()
        self._note_changed()

    # -- words --------------------------------------------------------------

    def add_typed_word(self) -> bool:
        """Add the word typed in the line; a plain reason in the status if not."""
        text = " ".join(self.word_input.text().split())
        if not text:
            return False
        word_id = self._by_label.get(text.casefold())
        if word_id is None:
            self.word_status.setText(f"“{text}” is not in your words. Pick one of the suggestions.")
            return False
        label = self._vocabulary.get(word_id).label
        if any(row.word_id == word_id for row in self.rows):
            self.word_status.setText(f"“{label}” is already here.")
            return False
        if len(self.rows) >= WORDS_MAX:
            return False
        row = self._add_row(word_id, label, None)
        self.word_input.clear()
        self.word_status.setText("")
        self._update_words()
        row.intensity.setFocus()
        return True

    def _completed(self, text: str) -> None:
        self.word_input.setText(text)
        self.add_typed_word()

    def _add_row(self, word_id: str, label: str, intensity: int | None) -> WordRow:
        row = WordRow(word_id, label, intensity)
        row.remove.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
        self.rows.append(row)
        self.rows_box.addWidget(row)
        return row

    def remove_row(self, row: WordRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        self.rows_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_words()
        # Focus stays near: the next word's Remove, or the word line.
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].remove.setFocus()
        else:
            self.word_input.setFocus()

    def _update_words(self) -> None:
        full = len(self.rows) >= WORDS_MAX
        self.word_input.setEnabled(not full)
        self.add_button.setEnabled(not full)
        if full:
            self.word_status.setText(f"{WORDS_MAX} words is the most an entry holds.")
        elif self.word_status.text().startswith(f"{WORDS_MAX} words"):
            self.word_status.setText("")
        if self.rows:
            self.no_words.setVisible(False)
            return
        self.no_words.setVisible(True)
        if self.entry.words_state is WordsState.CANT_TELL:
            self.no_words.setText(
                "This entry says you couldn't tell what you felt. That is a valid answer; "
                "you can add words if some came later."
            )
        else:
            self.no_words.setText("No words in this entry. You can add some, or leave it so.")

    # -- note ---------------------------------------------------------------

    def _note_changed(self) -> None:
        text = self.note.toPlainText()
        if len(text) > NOTE_MAX:
            # Cut what is over the cap as one edit (undoable, the document stays
            # modified). Qt counts UTF-16 units, Python code points: an emoji
            # is two of the one and one of the other.
            keep = len(text[:NOTE_MAX].encode("utf-16-le")) // 2
            cursor = QTextCursor(self.note.document())
            cursor.setPosition(keep)
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
            self.note.blockSignals(True)
            cursor.removeSelectedText()
            self.note.blockSignals(False)
            text = self.note.toPlainText()
            self.note_status.setText(
                f"A note holds up to {NOTE_MAX:,} characters; the rest was not added."
            )
        elif len(text) < NOTE_MAX:
            self.note_status.setText("")
        self.counter.setText(f"{len(text):,} / {NOTE_MAX:,}")
        self.counter.setAccessibleName(f"{len(text):,} of {NOTE_MAX:,} characters used")

    # -- result -------------------------------------------------------------

    def labels(self) -> tuple[Label, ...]:
        return tuple(row.value() for row in self.rows)

    def note_text(self) -> str:
        # An untouched note is handed back as stored: the editor's plain text
        # turns a non-breaking space into a space and "\r\n" into "\n".
        text = self.note.toPlainText()
        return self.entry.note if text == self._shown_note else text
