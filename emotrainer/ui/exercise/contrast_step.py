"""Unpack a feeling: the step view over ``core.contrast``'s walk.

Three faces in one stack: where to start (the families as buttons, or any
broad word typed by name), the question ("more like A or more like B?", each
word with its definition), and a calm closing card with the word that fits and
an optional intensity. A breadcrumb shows the way down so far.

Every word and definition is data (users' own words included), so it is shown
with ``plain_label`` and, on push buttons, with ``button_text``.

Keyboard: Tab reaches everything; on a question, 1 and 2 choose the left or
right word and Left/Right move between them; Enter presses the focused button.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.contrast import ContrastError, ContrastWalk, broad_words, find_broad
from emotrainer.core.flow_defs import Step
from emotrainer.core.flows import JSON
from emotrainer.core.vocabulary import Level, Word
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.widgets import Card, button_text, copy_label, plain_label

SEPARATOR = " › "
GRID_COLUMN_MIN = 300  # px: the family grid gets one more column per this much width


class WordButton(QPushButton):
    """A large button with a word and its definition, both plain text that wraps.

    QPushButton text neither wraps nor stays plain, so the text sits in labels
    inside the button that let clicks through; the size comes from them.
    """

    def __init__(self, title_role: str = "section", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.word: Word | None = None
        self.title = plain_label("", title_role)
        self.definition = plain_label("")
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(14, 10, 14, 12)
        self._column.setSpacing(4)
        for label in (self.title, self.definition):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._column.addWidget(label)
        self._column.addStretch(1)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAutoDefault(True)  # Enter presses the focused button

    def show_word(self, word: Word, accessible: str) -> None:
        self.word = word
        self.title.setText(word.label)
        self.definition.setText(word.definition)
        self.setAccessibleName(accessible)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self._column.totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._column.totalMinimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._column.totalHeightForWidth(width)


def _push(text: str, accessible: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(accessible)
    button.setAutoDefault(True)
    return button


def _quoted(word: Word) -> str:
    return f"“{word.label}”"


class ContrastView(StepView):
    """Narrow a broad word down by contrast questions; stop at any level."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.vocabulary = context.vocabulary
        self.walk: ContrastWalk | None = None
        self.breadcrumb = plain_label("")
        # One face shown at a time; not a QStackedWidget, whose height would be
        # the tallest face's (the family grid) and stretch the question's buttons.
        self.faces = (self._build_start(), self._build_question(), self._build_end())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.breadcrumb)
        for face in self.faces:
            layout.addWidget(face)
        layout.addStretch(1)
        self._fix_tab_order()
        self._render()

    # -- building -------------------------------------------------------------------

    def _build_start(self) -> QWidget:
        page = QWidget()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a broad word, like sadness or annoyed")
        self.search.setAccessibleName("Start from a broad word: type its name")
        self.search.setClearButtonEnabled(True)
        names = [w.label for w in broad_words(self.vocabulary)]
        self.completer = QCompleter(QStringListModel(names, self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(self.completer)
        self.completer.activated.connect(self._start_from_text)
        self.search.returnPressed.connect(lambda: self._start_from_text(self.search.text()))
        self.start_button = _push("Start", "Start from the word typed")
        self.start_button.clicked.connect(lambda: self._start_from_text(self.search.text()))
        self.start_note = plain_label("", "muted")
        self.start_note.setAccessibleName("About the word typed")
        self.start_note.hide()
        self.family_buttons: list[WordButton] = []
        for family in self.vocabulary.families:
            button = WordButton("section")
            button.show_word(family, f"Start from {family.label}: {family.definition}")
            button.clicked.connect(lambda _=False, w=family.id: self.start(w))
            self.family_buttons.append(button)
        self.grid = QGridLayout()
        self.grid.setSpacing(8)
        self._columns = 0
        self._place_families(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.start_button)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        column.addWidget(copy_label("Where would you like to start?", "section"))
        column.addWidget(
            copy_label("Type a broad word, or choose one of the feeling families.", "muted")
        )
        column.addLayout(search_row)
        column.addWidget(self.start_note)
        column.addLayout(self.grid)
        return page

    def _build_question(self) -> QWidget:
        page = QWidget()
        self.question = plain_label("", "section")
        self.question.setAccessibleName("Question")
        self.keys_hint = plain_label("", "muted")  # may quote a word
        self.options = (WordButton(), WordButton())
        self.options[0].clicked.connect(lambda: self._choose(0))
        self.options[1].clicked.connect(lambda: self._choose(1))
        for option in self.options:
            # A push button turns Left/Right into "previous/next in the Tab
            # chain"; here they mean "the left word" and "the right word".
            option.installEventFilter(self)
        self.left_note = copy_label("", "muted")
        self.neither_button = _push("Neither quite fits", "Neither quite fits")
        self.neither_button.clicked.connect(self.neither)
        self.stop_button = _push("", "")
        self.stop_button.clicked.connect(self.stop)
        self.back_button = _push("‹ Back one choice", "Back one choice")
        self.back_button.clicked.connect(self.back)
        self.restart_button = _push("Start from another word", "Start from another word")
        self.restart_button.clicked.connect(self.restart)
        row = QHBoxLayout()
        row.setSpacing(12)
        for option in self.options:
            row.addWidget(option, 1)
        # Two rows that close up when a button is hidden (no question: no "neither").
        actions = QVBoxLayout()
        actions.setSpacing(6)
        for pair in (
            (self.neither_button, self.stop_button),
            (self.back_button, self.restart_button),
        ):
            line = QHBoxLayout()
            line.setSpacing(8)
            for button in pair:
                line.addWidget(button)
            line.addStretch(1)
            actions.addLayout(line)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(self.question)
        column.addWidget(self.keys_hint)
        column.addLayout(row)
        column.addWidget(self.left_note)
        column.addLayout(actions)
        return page

    def _build_end(self) -> QWidget:
        self.end_card = Card()
        self.end_word = plain_label("", "title")
        self.end_definition = plain_label("")
        self.end_note = copy_label("", "muted")
        self.intensity = QSpinBox()
        self.intensity.setRange(-1, 10)
        self.intensity.setSpecialValueText("–")  # -1: left open
        self.intensity.setSuffix(" / 10")
        self.intensity.setValue(-1)
        self.intensity.setAccessibleDescription("Leave it open if you cannot tell.")
        self.intensity.valueChanged.connect(lambda _v: self.answer_changed.emit())
        strength = QHBoxLayout()
        strength.addWidget(copy_label("How strong is it, from 0 to 10?", wrap=False))
        strength.addWidget(self.intensity)
        strength.addStretch(1)
        self.end_back = _push("‹ Back one choice", "Back one choice")
        self.end_back.clicked.connect(self.back)
        self.end_restart = _push("Start from another word", "Start from another word")
        self.end_restart.clicked.connect(self.restart)
        buttons = QHBoxLayout()
        buttons.addWidget(self.end_back)
        buttons.addWidget(self.end_restart)
        buttons.addStretch(1)
        body = self.end_card.body
        body.addWidget(self.end_word)
        body.addWidget(self.end_definition)
        body.addWidget(self.end_note)
        body.addSpacing(6)
        body.addLayout(strength)
        body.addWidget(
            copy_label(
                "Strength is a separate question from the word. You can leave it open.", "muted"
            )
        )
        body.addSpacing(4)
        body.addLayout(buttons)
        return self.end_card

    def _place_families(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.family_buttons:
            self.grid.removeWidget(button)
        for i, button in enumerate(self.family_buttons):
            self.grid.addWidget(button, i // columns, i % columns)
        for c in range(max(columns, 4)):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        # The height for this width changed (10 rows became 4): let the scroll area ask again.
        self.updateGeometry()

    def _fix_tab_order(self) -> None:
        order: list[QWidget] = [self.search, self.start_button, *self.family_buttons]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_families(max(1, min(3, event.size().width() // GRID_COLUMN_MIN)))

    # -- moves ------------------------------------------------------------------------

    def start(self, word_id: str) -> None:
        self._move(ContrastWalk.start(self.vocabulary, word_id))

    def choose(self, word_id: str) -> None:
        assert self.walk is not None
        self._move(self.walk.choose(word_id))

    def neither(self) -> None:
        if self.walk is not None and self.walk.question is not None:
            self._move(self.walk.neither())

    def stop(self) -> None:
        if self.walk is not None and not self.walk.done:
            self._move(self.walk.stop())

    def back(self) -> None:
        """Undo the last choice; before the first one, back to where to start."""
        if self.walk is not None:
            self._move(self.walk.back() if self.walk.can_back else None)

    def restart(self) -> None:
        """Back to where to start, with a fresh intensity (it belonged to the old word)."""
        self.search.clear()
        self.intensity.blockSignals(True)
        self.intensity.setValue(-1)
        self.intensity.blockSignals(False)
        self._move(None)

    def _choose(self, index: int) -> None:
        word = self.options[index].word
        question = None if self.walk is None else self.walk.question
        if question is not None and word is not None and word.id in question.ids():
            self.choose(word.id)

    def _start_from_text(self, text: str) -> None:
        if self.walk is not None:
            return  # the completer and Return can both report the same Enter
        word = find_broad(self.vocabulary, text)
        if word is not None:
            self.start(word.id)
            return
        typed = " ".join(text.split())
        if not typed:
            self._say("Type a broad word, or choose a family below.")
            return
        specific = next(
            (w for w in self.vocabulary if w.label.casefold() == typed.casefold()), None
        )
        if specific is not None and specific.parent is not None:
            parent = self.vocabulary.get(specific.parent)
            self._say(
                f"{_quoted(specific)} is already a specific word. To compare it with its close "
                f"words, start from {_quoted(parent)}."
            )
        else:
            self._say(
                f"“{typed}” isn't one of the broad words here. Choose a family below, or pick "
                "a word from the list that opens as you type."
            )

    def _say(self, text: str) -> None:
        self.start_note.setText(text)
        self.start_note.setVisible(bool(text))

    def _move(self, walk: ContrastWalk | None) -> None:
        self.walk = walk
        self._say("")
        self._render()
        self._focus_current()
        self.answer_changed.emit()

    # -- showing ---------------------------------------------------------------------

    def _render(self) -> None:
        walk = self.walk
        self.breadcrumb.setVisible(walk is not None)
        if walk is None:
            self._show_face(0)
            return
        labels = [w.label for w in walk.words]
        self.breadcrumb.setText("The way so far: " + SEPARATOR.join(labels))
        self.breadcrumb.setAccessibleName("The way so far: " + ", then ".join(labels))
        if walk.done:
            self._render_end(walk)
            self._show_face(2)
        else:
            self._render_question(walk)
            self._show_face(1)

    def _show_face(self, index: int) -> None:
        for i, face in enumerate(self.faces):
            face.setVisible(i == index)

    def _render_question(self, walk: ContrastWalk) -> None:
        current = walk.current
        question = walk.question
        self.stop_button.setText(button_text(f"Stop here — {_quoted(current)} fits"))
        self.stop_button.setAccessibleName(f"Stop here: {current.label} fits")
        self.back_button.setVisible(True)
        if question is None:  # every closer word was set aside
            self.question.setText("None of the closer words fit just now, and that's all right.")
            self.keys_hint.setText(
                f"{_quoted(current)} is a fine place to stop. You can also go back one choice "
                "and look again."
            )
            for option in self.options:
                option.hide()
            self.neither_button.hide()
            self.left_note.hide()
            return
        first = question.options[0]
        if question.is_pair:
            second = question.options[1]
            self.question.setText(f"More like {_quoted(first)} or more like {_quoted(second)}?")
            self.keys_hint.setText("Press 1 or 2 to choose, or use Tab and Enter.")
            self.options[0].show_word(first, f"More like {first.label}: {first.definition}")
            self.options[1].show_word(second, f"More like {second.label}: {second.definition}")
            self.options[1].show()
            self.neither_button.setText("Neither quite fits")
            self.neither_button.setAccessibleName("Neither quite fits")
        else:
            self.question.setText(f"Is it more like {_quoted(first)}?")
            self.keys_hint.setText("Press 1 or Enter to choose it.")
            self.options[0].show_word(first, f"Yes, more like {first.label}: {first.definition}")
            self.options[1].hide()
            self.neither_button.setText("Not quite")
            self.neither_button.setAccessibleName(f"Not quite: {first.label} does not fit")
        self.options[0].show()
        self.neither_button.show()
        waiting = walk.still_waiting
        self.left_note.setVisible(True)
        if waiting == 0:
            self.left_note.setText("This is the last choice at this level.")
        else:
            more = "one more close word" if waiting == 1 else f"{waiting} more close words"
            self.left_note.setText(f"After this, {more} to compare.")

    def _render_end(self, walk: ContrastWalk) -> None:
        word = walk.current
        self.end_word.setText(_quoted(word))
        self.end_word.setAccessibleName(f"The word: {word.label}")
        self.end_definition.setText(word.definition)
        self.end_definition.setAccessibleName(f"What {word.label} means: {word.definition}")
        if walk.reached and word.level is Level.SPECIFIC:
            note = "This is as specific as the list goes. Take a moment with it, if you like."
        else:
            note = (
                "A broad word is a real answer. You can unpack it further another time, "
                "or go back a choice now."
            )
        self.end_note.setText(note)
        self.intensity.setAccessibleName(f"How strong is “{word.label}”, from 0 to 10")
        self.end_back.setEnabled(walk.can_back)

    def _focus_current(self) -> None:
        self.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keyboard ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._question_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self.options:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
                return self._question_key(event)
        return super().eventFilter(watched, event)

    def _question_key(self, event: QKeyEvent) -> bool:
        """1 and 2 choose the left and right word; Left and Right move between them."""
        if self.walk is None or self.walk.question is None:
            return False
        key = event.key()
        shown = [o for o in self.options if o.isVisibleTo(self)]
        if key in (Qt.Key.Key_1, Qt.Key.Key_2):
            index = 0 if key == Qt.Key.Key_1 else 1
            if index < len(shown):
                shown[index].click()
                return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            target = shown[0] if key == Qt.Key.Key_Left else shown[-1]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False

    # -- the step contract -------------------------------------------------------------

    def value(self) -> object | None:
        if self.walk is None:
            return None
        strength = self.intensity.value()
        return self.walk.answer(strength if strength >= 0 and self.walk.done else None)

    def set_value(self, value: JSON) -> None:
        if not isinstance(value, dict):
            return
        path = value.get("path")
        walk: ContrastWalk | None = None
        if isinstance(path, list):
            # The longest part of the stored path that still fits the words (a
            # user's word may have been removed since).
            for end in range(len(path), 0, -1):
                try:
                    walk = ContrastWalk.from_path(self.vocabulary, [str(i) for i in path[:end]])
                    break
                except ContrastError:
                    continue
        strength = value.get("intensity")
        fits = isinstance(strength, int) and not isinstance(strength, bool) and 0 <= strength <= 10
        self.intensity.blockSignals(True)
        self.intensity.setValue(strength if fits and isinstance(strength, int) else -1)
        self.intensity.blockSignals(False)
        self.walk = walk
        self._render()

    def first_focus(self) -> QWidget:
        walk = self.walk
        if walk is None:
            return self.search
        if walk.done:
            return self.intensity
        if walk.question is None:
            return self.stop_button
        return self.options[0]
