"""The word trainer's card: a question, numbered choices, teaching feedback, a rating.

Keyboard: the number keys choose (1–4), Enter takes the suggested rating (or
the focused button), 1–4 rate once the feedback shows, Escape ends the
session. Choices wrap, since a choice may be a whole definition. After an
answer the right choice is marked with a tick and the chosen one with an
arrow: shape and words, never colour alone, and nothing in red.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.questions import Feedback, Question
from emotrainer.core.srs import GRADE_LABELS, KIND_LABELS, Grade
from emotrainer.ui.widgets import Card, copy_label, plain_label

_GRADE_HINTS = {
    Grade.MISSED: "show it again soon",
    Grade.HARD: "it took some thought",
    Grade.GOT_IT: "I knew it",
    Grade.EASY: "no effort at all",
}
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class ChoiceButton(QPushButton):
    """A push button whose text wraps: "1  A small, pleased feeling about…"."""

    def __init__(self, number: int, key: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.number = number
        self.text_value = text
        self.mark = copy_label(f"{number}", wrap=False)
        font = self.mark.font()
        font.setBold(True)
        self.mark.setFont(font)
        self.mark.setMinimumWidth(self.mark.fontMetrics().horizontalAdvance("✓ 9"))
        self.label = plain_label(text)
        self.note = copy_label("", "muted", wrap=False)
        self.note.hide()
        for child in (self.mark, self.label, self.note):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(10)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        row.addWidget(self.note, 0, Qt.AlignmentFlag.AlignTop)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAccessibleName(f"{number}: {text}")

    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return layout.totalSizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return QSize(layout.totalMinimumSize().width(), self.heightForWidth(self.width()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return layout.totalHeightForWidth(width)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # a clear ring: the style's own is a hairline
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 3, 3)

    def show_result(self, right: bool, chosen: bool) -> None:
        if right:
            mark, note = "✓", "your choice" if chosen else "the answer"
        else:
            mark, note = ("→", "your choice") if chosen else (f"{self.number}", "")
        self.mark.setText(mark)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        font = self.label.font()
        font.setBold(right)
        self.label.setFont(font)
        name = f"{self.number}: {self.text_value}"
        self.setAccessibleName(f"{name} ({note})" if note else name)


class CardView(QWidget):
    """One card on screen; it only shows and reports, the page keeps the session."""

    chosen = Signal(str)  # an option's key
    rated = Signal(int)  # a Grade
    end_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = copy_label("", "muted", wrap=False)
        self.kind = copy_label("", "muted", wrap=False)
        top = QHBoxLayout()
        top.addWidget(self.progress)
        top.addStretch(1)
        top.addWidget(self.kind)

        self.question_card = Card()
        self.ask = plain_label("", "section")  # may quote words, the user's own too
        self.prompt = plain_label("")
        font = self.prompt.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt.setFont(font)
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question_card.body.addWidget(self.ask)
        self.question_card.body.addWidget(self.prompt)
        self.choices_box = QVBoxLayout()
        self.choices_box.setSpacing(6)
        self.question_card.body.addLayout(self.choices_box)
        self.hint = copy_label("Press a number key to choose.", "muted")
        self.question_card.body.addWidget(self.hint)
        self.choices: list[ChoiceButton] = []

        self.feedback_card = Card()
        self.verdict = plain_label("", "section")
        self.feedback_lines = QVBoxLayout()
        self.feedback_lines.setSpacing(6)
        self.feedback_card.body.addWidget(self.verdict)
        self.feedback_card.body.addLayout(self.feedback_lines)
        self.feedback_card.body.addWidget(copy_label("How did that one feel?", "muted"))
        grades = QHBoxLayout()
        self.grade_buttons: dict[Grade, QPushButton] = {}
        for grade in Grade:
            button = QPushButton(f"{int(grade)}  {GRADE_LABELS[grade]}")
            button.setAccessibleName(f"{GRADE_LABELS[grade]}: {_GRADE_HINTS[grade]}")
            button.setToolTip(_GRADE_HINTS[grade].capitalize())
            button.clicked.connect(lambda _c=False, g=grade: self.rated.emit(int(g)))
            grades.addWidget(button)
            self.grade_buttons[grade] = button
        grades.addStretch(1)
        self.feedback_card.body.addLayout(grades)
        self.grade_hint = copy_label("", "muted")
        self.feedback_card.body.addWidget(self.grade_hint)

        self.end_button = QPushButton("End the session (Esc)")
        self.end_button.setAccessibleName("End the session; what you did is kept")
        self.end_button.clicked.connect(self.end_requested)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.end_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.question_card)
        layout.addWidget(self.feedback_card)
        layout.addStretch(1)
        layout.addLayout(bottom)
        self._suggested = Grade.GOT_IT

    # -- showing -------------------------------------------------------------

    def show_question(self, question: Question, position: int, total: int) -> None:
        self.progress.setText(f"Card {position} of {total}")
        self.kind.setText(KIND_LABELS[question.kind])
        self.ask.setText(question.ask)
        self.prompt.setText(question.prompt)
        self.prompt.setAccessibleName(f"{question.ask} {question.prompt}")
        for button in self.choices:
            self.choices_box.removeWidget(button)
            button.deleteLater()
        self.choices = []
        for number, option in enumerate(question.options, start=1):
            button = ChoiceButton(number, option.key, option.text)
            button.clicked.connect(lambda _c=False, k=option.key: self._choose(k))
            self.choices_box.addWidget(button)
            button.show()  # now, not when the layout gets round to it: it takes focus
            self.choices.append(button)
        self.hint.setText(f"Press 1–{len(self.choices)} to choose, or click.")
        self.hint.show()
        self.feedback_card.hide()
        if self.choices:
            self.choices[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_feedback(self, question: Question, key: str, feedback: Feedback) -> None:
        for button in self.choices:
            button.show_result(button.key in question.right, button.key == key)
        self.hint.hide()
        self.verdict.setText(feedback.verdict)
        while self.feedback_lines.count():
            item = self.feedback_lines.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for line in feedback.lines:
            label = plain_label(line)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.feedback_lines.addWidget(label)
        self._suggested = feedback.suggested
        for grade, grade_button in self.grade_buttons.items():
            grade_button.setDefault(grade is feedback.suggested)  # drawn stronger: Enter takes it
        name = GRADE_LABELS[feedback.suggested]
        self.grade_hint.setText(f"Enter takes “{name}”; or press 1–4.")
        self.feedback_card.show()
        self.grade_buttons[feedback.suggested].setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, self._reveal_feedback)  # once the layout has made room

    def _reveal_feedback(self) -> None:
        """In a small window, scroll so that the feedback and the ratings are in view."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and self.feedback_card.isVisible():
            parent.ensureWidgetVisible(self.feedback_card, 0, 0)

    @property
    def answered(self) -> bool:
        return self.feedback_card.isVisibleTo(self)

    # -- input ---------------------------------------------------------------

    def _choose(self, key: str) -> None:
        if not self.answered:
            self.chosen.emit(key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.end_requested.emit()
            return
        number = _DIGITS.get(Qt.Key(key))
        if number is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            if not self.answered and number <= len(self.choices):
                self.choices[number - 1].click()
                return
            if self.answered and number <= len(Grade):
                self.rated.emit(number)
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and (
                focused in self.choices or focused in self.grade_buttons.values()
            ):
                focused.click()  # outside a dialog a push button leaves Enter to us
                return
            if self.answered:
                self.rated.emit(int(self._suggested))
                return
        super().keyPressEvent(event)
