"""The dialog that edits one of the user's own words, from the Words page.

Label, meaning and closest family; the label is checked as for a word added
from the wheel, against every other word. A refusal (a taken or empty label,
a meaning too long, a word gone meanwhile) is said calmly under the form, and
what was typed stays. Saving goes through the ``save`` callable it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.vocabulary import (
    MAX_LABEL_LENGTH,
    MAX_USER_DEFINITION,
    Vocabulary,
    VocabularyError,
    Word,
    validate_user_label,
)
from emotrainer.storage.errors import StoreError
from emotrainer.ui.widgets import copy_label, plain_label

MAX_DEFINITION = MAX_USER_DEFINITION  # as for a word added from the wheel

SaveWord = Callable[[str, str, str, str], None]  # (id, label, definition, family id)


class EditWordDialog(QDialog):
    """Label, meaning and family of one of the user's own words; refusals say why, calmly."""

    def __init__(
        self, word: Word, vocabulary: Vocabulary, save: SaveWord, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit your word")
        self.word = word
        self._save = save
        # The word may keep its own label: only the others count as taken.
        self._others = Vocabulary(w for w in vocabulary if w.id != word.id)

        self.label_edit = QLineEdit(word.label)
        self.label_edit.setMaxLength(MAX_LABEL_LENGTH)
        self.label_edit.setAccessibleName("Your word")
        self.definition_edit = QPlainTextEdit()
        self.definition_edit.setPlainText(word.definition)
        self.definition_edit.setTabChangesFocus(True)
        self.definition_edit.setAccessibleName("What it means to you")
        line = self.fontMetrics().height()
        self.definition_edit.setMinimumHeight(line * 5)
        self.counter = copy_label("", "muted", wrap=False)
        self.family = QComboBox()
        self.family.setAccessibleName("Closest feeling family")
        for family in vocabulary.families:
            self.family.addItem(family.label, family.id)
        self.family.setCurrentIndex(max(0, self.family.findData(word.family)))
        self.reason = plain_label("")
        self.reason.setAccessibleName("Why the word was not saved")
        self.reason.setMinimumHeight(line * 2)  # room kept, so nothing jumps

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(copy_label("Your word", wrap=False), self.label_edit)
        meaning = QVBoxLayout()
        meaning.setSpacing(2)
        meaning.addWidget(self.definition_edit)
        meaning.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(copy_label("What it means", wrap=False), meaning)
        form.addRow(copy_label("Closest family", wrap=False), self.family)
        layout = QVBoxLayout(self)
        layout.addWidget(
            copy_label(
                "Change how your word reads, or where it belongs. "
                "Everything you have recorded with it stays as it is.",
                "muted",
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        self.definition_edit.textChanged.connect(self._count)
        self._count()
        self.setMinimumWidth(line * 30)

    def _count(self) -> None:
        self.counter.setText(f"{len(self.definition_edit.toPlainText()):,} / {MAX_DEFINITION}")

    def accept(self) -> None:
        try:
            label = validate_user_label(self.label_edit.text(), self._others)
        except VocabularyError as exc:
            self._refuse(str(exc), self.label_edit)
            return
        definition = " ".join(self.definition_edit.toPlainText().split())
        if not definition:
            self._refuse("add a short meaning, in your own words; a sentence is plenty")
            return
        if len(definition) > MAX_DEFINITION:
            self._refuse(
                f"the meaning can have at most {MAX_DEFINITION} characters; "
                f"this one has {len(definition):,}"
            )
            return
        try:
            self._save(self.word.id, label, definition, str(self.family.currentData()))
        except KeyError:
            self._refuse("this word is no longer among your words, so nothing was changed", None)
            return
        except (ValueError, StoreError) as exc:  # DuplicateWordError is a StoreError
            self._refuse(str(exc), self.label_edit)
            return
        super().accept()

    def _refuse(self, reason: str, field: QWidget | None = None) -> None:
        text = reason[:1].upper() + reason[1:]
        self.reason.setText(text if text.endswith(".") else text + ".")
        (field or self.definition_edit).setFocus(Qt.FocusReason.OtherFocusReason)
