"""The Daylio import's mood table: what each mood of the file becomes, editable.

One row per mood: its name as in the file (plain text: a mood may hold
HTML-like text), its level when the file says it, how many rows use it, and a
choice: one of the vocabulary's words (a searchable list), a new word of the
person's own (label and family), or leaving those rows out. The table only
holds the choices; the dialog turns them into a plan (core.daylio) and
shows what it would do.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.daylio import DaylioFile, MoodMapping, one_line, shown
from emotrainer.core.vocabulary import MAX_LABEL_LENGTH, Vocabulary, VocabularyError
from emotrainer.ui.widgets import copy_label, plain_label

WORD, NEW, OUT = "word", "new", "out"
CHOICES = (
    (WORD, "One of the words"),
    (NEW, "A new word of my own"),
    (OUT, "Leave these rows out"),
)


def fold(label: str) -> str:
    return " ".join(label.split()).casefold()


def level_text(level: int | None) -> str:
    return "not given" if level is None else f"{level} of 5"


class MoodRow:
    """The widgets of one mood's row; ``mapping()`` reads them back."""

    def __init__(
        self,
        default: MoodMapping,
        level: int | None,
        rows: int,
        vocabulary: Vocabulary,
        words: list[tuple[str, str]],  # (label, id), sorted by label
    ) -> None:
        self.mood = default.mood
        self._vocabulary = vocabulary
        self._by_label = {fold(label): word_id for label, word_id in words}
        self._default = default
        name = one_line(default.mood) or "(no name)"
        self.name = plain_label(name)
        self.name.setAccessibleName(f"Daylio mood {name}")
        self.level = copy_label(level_text(level), wrap=False)
        self.level.setAccessibleName(f"Level {level_text(level)}")
        self.rows = copy_label(f"{rows:,}", wrap=False)
        self.rows.setAccessibleName(f"{rows:,} {'row uses' if rows == 1 else 'rows use'} it")

        self.choice = QComboBox()
        for key, text in CHOICES:
            self.choice.addItem(text, key)
        self.choice.setAccessibleName(f"What {name} becomes")

        self.word = QComboBox()
        self.word.setEditable(True)
        self.word.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for label, word_id in words:
            self.word.addItem(label, word_id)
        self.word.setMaxVisibleItems(12)
        self.word.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.word.setMinimumContentsLength(12)
        completer = QCompleter(self.word.model(), self.word)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.word.setCompleter(completer)
        self.word.setAccessibleName(f"Word for {name}")
        line = self.word.lineEdit()
        if line is not None:  # an editable combo box has one
            line.setPlaceholderText("Type to search the words…")
            line.setAccessibleName(f"Word for {name}")

        self.label = QLineEdit()
        self.label.setMaxLength(MAX_LABEL_LENGTH)
        self.label.setPlaceholderText("Your word")
        self.label.setAccessibleName(f"Your own word for {name}")
        self.family = QComboBox()
        for family in vocabulary.families:
            self.family.addItem(family.label, family.id)
        self.family.setAccessibleName(f"Feeling family of your word for {name}")

        self.detail = QStackedWidget()
        self.detail.addWidget(self.word)
        new_word = QWidget()
        new_line = QHBoxLayout(new_word)
        new_line.setContentsMargins(0, 0, 0, 0)
        new_line.addWidget(self.label, 3)
        new_line.addWidget(self.family, 2)
        self.detail.addWidget(new_word)
        left_out = copy_label("These rows are not imported.", "muted")
        self.detail.addWidget(left_out)
        self.hint = plain_label("", "muted")
        self.hint.setVisible(False)

        self.becomes = QWidget()
        cell = QVBoxLayout(self.becomes)
        cell.setContentsMargins(0, 0, 0, 0)
        cell.setSpacing(4)
        cell.addWidget(self.choice)
        cell.addWidget(self.detail)
        cell.addWidget(self.hint)
        self._set_from(default)
        self.choice.currentIndexChanged.connect(self._show_choice)

    def _set_from(self, default: MoodMapping) -> None:
        if default.word_id is not None and default.word_id in self._vocabulary:
            key = WORD
            self.word.setCurrentIndex(self.word.findData(default.word_id))
        elif default.new_word_label is not None:
            key = NEW
            self.word.setCurrentIndex(-1)
        else:
            key = OUT
            self.word.setCurrentIndex(-1)
        self.label.setText(default.new_word_label or one_line(default.mood)[:MAX_LABEL_LENGTH])
        self.label.setCursorPosition(0)  # a long word shows its start
        family = default.family_id
        if default.word_id is not None:
            found = self._vocabulary.find(default.word_id)
            family = found.family if found is not None else family
        index = self.family.findData(family)
        self.family.setCurrentIndex(max(index, 0))
        self.choice.setCurrentIndex(self.choice.findData(key))
        self._show_choice()

    def _show_choice(self) -> None:
        self.detail.setCurrentIndex(self.choice.currentIndex())
        self.refresh_hint()

    def refresh_hint(self) -> None:
        """A quiet note under the choice: a new word that is already a word is that word."""
        text = ""
        if self.choice.currentData() == NEW:
            found = self._by_label.get(fold(self.label.text()))
            if found is not None:
                label = self._vocabulary.get(found).label
                text = f"“{label}” is already one of the words; these rows will use it."
        self.hint.setText(text)
        self.hint.setVisible(bool(text))

    def mapping(self) -> MoodMapping:
        """What the row says; VocabularyError when the typed word is not one of the words."""
        key = self.choice.currentData()
        if key == OUT:
            return MoodMapping(self.mood, None, None, None, None)
        if key == WORD:
            typed = self.word.currentText()
            word_id = self._by_label.get(fold(typed))
            if word_id is None:
                if not typed.strip():
                    raise VocabularyError(f"{shown(self.mood)}: choose one of the words")
                raise VocabularyError(
                    f"{shown(self.mood)}: {shown(typed)} is not one of the words; "
                    "pick one from the list"
                )
            word = self._vocabulary.get(word_id)
            return MoodMapping(self.mood, word_id, None, word.family, word.valence)
        if not self.label.text().strip():
            raise VocabularyError(f"{shown(self.mood)}: your word needs at least one letter")
        family = self.family.currentData()
        # The level's valence fits the family the level suggested; another
        # family the person chose brings its own.
        valence = self._default.valence if family == self._default.family_id else None
        return MoodMapping(self.mood, None, self.label.text(), family, valence)


class MappingTable(QWidget):
    """The moods of a file and what each becomes.

    ``changed``: a choice was made (recompute now); ``typed``: text is being
    typed (recompute after a pause: a large diary takes a moment to plan).
    """

    changed = Signal()
    typed = Signal()

    def __init__(
        self,
        file: DaylioFile,
        defaults: list[MoodMapping],
        vocabulary: Vocabulary,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName("What each Daylio mood becomes")
        uses = Counter(row.mood for row in file.rows)
        words = sorted(((w.label, w.id) for w in vocabulary), key=lambda p: p[0].casefold())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        for column, heading in enumerate(("Daylio mood", "Level", "Rows", "Becomes")):
            label = copy_label(heading, "muted", wrap=False)
            grid.addWidget(label, 0, column)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(3, 5)

        def order(m: MoodMapping) -> tuple[int, int, str]:
            level = file.moods.get(m.mood)
            return (-(level or 0), -uses[m.mood], m.mood.casefold())

        self.rows: list[MoodRow] = []
        for index, default in enumerate(sorted(defaults, key=order), start=1):
            level = file.moods.get(default.mood)
            row = MoodRow(default, level, uses[default.mood], vocabulary, words)
            top = Qt.AlignmentFlag.AlignTop
            grid.addWidget(row.name, index, 0, top)
            grid.addWidget(row.level, index, 1, top)
            grid.addWidget(row.rows, index, 2, top | Qt.AlignmentFlag.AlignRight)
            grid.addWidget(row.becomes, index, 3, top)
            row.choice.currentIndexChanged.connect(self.changed)
            row.family.currentIndexChanged.connect(self.changed)
            row.word.currentIndexChanged.connect(self.changed)
            row.word.editTextChanged.connect(self.typed)
            row.label.textChanged.connect(row.refresh_hint)
            row.label.textChanged.connect(self.typed)
            self.rows.append(row)

    def row(self, mood: str) -> MoodRow:
        return next(r for r in self.rows if r.mood == mood)

    def mapping(self) -> list[MoodMapping]:
        """Every row's mapping; VocabularyError naming the first that cannot be."""
        return [row.mapping() for row in self.rows]
