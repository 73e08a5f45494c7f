"""The Words page's right side: one word in full.

What a word means, the close words with what tells them apart, how it is
often felt, how often the user has named it, and where it stands in the
trainer. The texts are built by small pure functions in
``emotrainer.core.word_browser`` (tested without widgets); every text that
holds data reaches the screen through ``plain_label``, never as rich text.
The dialog that edits the user's own words is in ``words_edit``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.differences import cue_text, difference
from emotrainer.core.srs import (
    GRADE_LABELS,
    MASTERED_CARDS,
    MASTERED_STABILITY_DAYS,
    CardFacts,
    Grade,
    Mastery,
)
from emotrainer.core.vocabulary import Level, Vocabulary, Word
from emotrainer.core.word_browser import (
    first_use_text,
    kind_text,
    mastery_text,
    usage_text,
)
from emotrainer.storage.entries import WordUse
from emotrainer.ui.widgets import Card, button_text, copy_label, plain_label

_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}

MASTERY_NOTE = (
    f"A word counts as mastered when at least {_NUMBERS.get(MASTERED_CARDS, MASTERED_CARDS)} "
    f"kinds of practice card for it are expected to stay with you for "
    f"{MASTERED_STABILITY_DAYS:g} days or more, and the last answer on each was not "
    f"“{GRADE_LABELS[Grade.MISSED]}”. It comes with short, spaced practice; there is no hurry."
)


# -- the detail card ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What the store knows about the user and one word."""

    use: WordUse | None
    cards: tuple[CardFacts, ...]
    mastery: Mastery


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WordDetail(Card):
    """One word in full; ``jump`` shows another word, ``edit`` edits the user's own."""

    def __init__(
        self, jump: Callable[[str], None], edit: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent=parent)
        self._jump = jump
        self.word: Word | None = None
        self.buttons: list[QPushButton] = []  # the word buttons, in order, for Tab
        self.hint = copy_label("Choose a word to see what it means.", "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        policy = self.hint.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Expanding)
        self.hint.setSizePolicy(policy)  # it sits at the top while no word is shown
        self.label = _selectable(plain_label("", "title"))
        self.kind = _selectable(plain_label("", "muted"))
        self.definition = _selectable(plain_label(""))
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit this word of yours")
        self.edit_button.clicked.connect(edit)
        self.status = plain_label("", "muted")
        self.status.hide()  # shown with a message after an edit
        edit_line = QHBoxLayout()
        edit_line.addWidget(self.edit_button)
        edit_line.addWidget(self.status)
        edit_line.addStretch(1)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(16)
        top = QVBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.label)
        top.addWidget(self.kind)
        top.addWidget(self.definition)
        top.addLayout(edit_line)
        column.addLayout(top)
        self.close_section, self.close_rows = _section(column, "Close words", 12)
        self.cues_section, cues = _section(column, "Often felt as")
        self.cues = _selectable(plain_label(""))
        cues.addWidget(self.cues)
        self.children_section, self.children_rows = _section(column, "", 10)
        self.usage_section, usage = _section(column, "In your exercises")
        self.usage = _selectable(plain_label(""))
        self.first_use = _selectable(plain_label("", "muted"))
        usage.addWidget(self.usage)
        usage.addWidget(self.first_use)
        self.trainer_section, trainer = _section(column, "In the trainer")
        self.mastery = _selectable(plain_label(""))
        self.mastery_note = _selectable(copy_label(MASTERY_NOTE, "muted"))
        trainer.addWidget(self.mastery)
        trainer.addWidget(self.mastery_note)
        column.addStretch(1)

        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(content)
        self.detail_scroll.viewport().setAutoFillBackground(False)
        content.setAutoFillBackground(False)
        self.detail_scroll.setAccessibleName("Word details")
        self.detail_scroll.setMinimumHeight(self.fontMetrics().height() * 8)
        self.body.addWidget(self.hint)
        self.body.addWidget(self.detail_scroll, 1)
        self.show_word(None, Vocabulary([]), WordFacts(None, (), Mastery.NEW), readonly=True)

    def show_word(
        self, word: Word | None, vocabulary: Vocabulary, facts: WordFacts, *, readonly: bool
    ) -> None:
        if word is None or self.word is None or word.id != self.word.id:
            self.say("")
            self.detail_scroll.verticalScrollBar().setValue(0)
        self.word = word
        self.hint.setVisible(word is None)
        self.detail_scroll.setVisible(word is not None)
        self._clear_rows()
        if word is None:
            self.setAccessibleName("No word chosen")
            return
        self.setAccessibleName(f"About {word.label}")
        self.label.setText(word.label)
        self.kind.setText(kind_text(word, vocabulary))
        self.definition.setText(word.definition or "You have not written a meaning for it yet.")
        self.edit_button.setVisible(word.is_user)
        self.edit_button.setEnabled(not readonly)

        neighbours = [n for n in map(vocabulary.find, word.neighbours) if n is not None]
        for other in neighbours:
            self._add_row(self.close_rows, other, difference(word, other, vocabulary))
        self.close_section.setVisible(bool(neighbours))
        self.cues.setText(", ".join(cue_text(c) for c in word.body_cues).capitalize())
        self.cues_section.setVisible(bool(word.body_cues))

        children = vocabulary.children(word.id)
        for child in children:
            self._add_row(self.children_rows, child, None)
        heading = self.children_section.findChild(QLabel)
        if heading is not None:
            group = word.level is Level.GROUP
            heading.setText("Words in this group" if group else "In this family")
        self.children_section.setVisible(bool(children))

        self.usage.setText(usage_text(facts.use))
        self.first_use.setText(first_use_text(facts.use))
        self.first_use.setVisible(bool(self.first_use.text()))
        trainable = word.level is Level.SPECIFIC
        self.mastery.setText(mastery_text(facts.mastery, facts.cards, trainable=trainable))
        self.mastery_note.setVisible(trainable or bool(facts.cards))

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _add_row(self, rows: QVBoxLayout, other: Word, contrast: str | None) -> None:
        """A word that can be shown in full: its label as a button, its meaning under it."""
        row = QWidget()
        column = QVBoxLayout(row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        button = QPushButton(button_text(other.label))
        button.setAccessibleName(f"Show {other.label}")
        button.setToolTip(f"Show {other.label}")
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False, word_id=other.id: self._jump(word_id))
        line = QHBoxLayout()
        line.addWidget(button)
        if other.is_user:
            line.addWidget(copy_label("your word", "muted", wrap=False))
        line.addStretch(1)
        column.addLayout(line)
        if other.definition:
            column.addWidget(_selectable(plain_label(other.definition)))
        if contrast:
            column.addWidget(_selectable(plain_label(contrast, "muted")))
        rows.addWidget(row)
        self.buttons.append(button)

    def _clear_rows(self) -> None:
        self.buttons = []
        for rows in (self.close_rows, self.children_rows):
            while rows.count():
                item = rows.takeAt(0)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()


def _section(column: QVBoxLayout, title: str, spacing: int = 6) -> tuple[QWidget, QVBoxLayout]:
    """A heading with room under it, hidden as one piece; returns it and its rows."""
    section = QWidget()
    outer = QVBoxLayout(section)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(6)
    outer.addWidget(copy_label(title, "section"))
    rows = QVBoxLayout()
    rows.setSpacing(spacing)
    outer.addLayout(rows)
    column.addWidget(section)
    return section, rows
