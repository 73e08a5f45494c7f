"""The word trainer page: what is waiting, the settings, a session, and how it went.

Three views in a stack: the start (what the next session holds, focus
families, new words a day, how firmly to keep words), the card (see
``trainer_card``) and the end. Each rating is stored at once, so ending a
session early (Escape) keeps everything done so far. The session itself is
``core.practice.Practice``; this page only shows it and stores its reviews.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.practice import Practice
from emotrainer.core.scenarios import Scenario
from emotrainer.core.srs import RETENTION_CHOICES, Grade, Mastery, word_mastery
from emotrainer.core.training import (
    DAILY_NEW_KEY,
    DAILY_NEW_MAX,
    FOCUS_KEY,
    RETENTION_KEY,
    SESSION_SIZE_KEY,
    SESSION_SIZE_MAX,
    SESSION_SIZE_MIN,
    SessionPlan,
)
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store
from emotrainer.trainer import plan_from, read_state, settings_of, start_practice
from emotrainer.ui.pages.trainer_card import CardView
from emotrainer.ui.widgets import Card, Figure, copy_label, page_column, plain_label

SECONDS_PER_CARD = 25  # a rough pace for "about N minutes"
_RETENTION_TEXT = {
    0.85: "Lightly: fewer reviews (85 %)",
    0.9: "Steadily: recommended (90 %)",
    0.95: "Firmly: more reviews (95 %)",
}


def describe_plan(plan: SessionPlan) -> str:
    if not plan.cards:
        if plan.new_left_today == 0:
            return "Nothing is waiting right now: today's new words have all been met."
        return "Nothing is waiting right now; words come back when they are due."
    minutes = max(1, round(len(plan.cards) * SECONDS_PER_CARD / 60))
    if plan.reviews and plan.new:
        what = (
            f"{_count(len(plan.cards), 'word')}: {plan.reviews} to look at again "
            f"and {_count(plan.new, 'new word')}"
        )
    elif plan.reviews:
        what = f"{_count(plan.reviews, 'word')} to look at again"
    else:
        what = f"{_count(plan.new, 'new word')} to meet"
    return f"{what}. About {minutes} min."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


class TrainerPage(QWidget):
    title = "Word trainer"

    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        publish: Callable[[Change], None],
        scenarios: Callable[[], Mapping[str, Sequence[Scenario]]],
        *,
        seed: int | None = None,
        fuzz: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._publish = publish
        self._scenarios = scenarios
        self.seed = seed  # fixed in tests and screenshots
        self._fuzz = fuzz
        self.practice: Practice | None = None
        self._shown_at = 0.0
        self._loading = False  # True while refresh sets the controls from the store

        column = page_column(self)
        column.addWidget(copy_label("Word trainer", "title"))
        column.addWidget(
            copy_label(
                "Short practice with feeling words, so that the right one is there when "
                "you need it. A few minutes is plenty, and there is no score.",
                "muted",
            )
        )
        self.stack = QStackedWidget()
        self.start_view = self._build_start()
        self.card_view = CardView()
        self.card_view.chosen.connect(self._choose)
        self.card_view.rated.connect(self._rate)
        self.card_view.end_requested.connect(self.end_session)
        self.end_view = self._build_end()
        for view in (self.start_view, self.card_view, self.end_view):
            self.stack.addWidget(view)
        column.addWidget(self.stack, 1)
        self.refresh()

    # -- the start -------------------------------------------------------------

    def _build_start(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        self.next_card = Card("Next session")
        self.plan_line = copy_label("")
        self.start_button = QPushButton("Start")
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start the session")
        self.start_button.clicked.connect(self.start_session)
        row = QHBoxLayout()
        row.addWidget(self.plan_line, 1)
        row.addWidget(self.start_button)
        self.next_card.body.addLayout(row)
        layout.addWidget(self.next_card)

        figures = QHBoxLayout()
        figures.setSpacing(12)
        self.mastered_figure = Figure("words mastered")
        self.learning_figure = Figure("words you are learning")
        for figure in (self.mastered_figure, self.learning_figure):
            figures.addWidget(figure, 1)
        layout.addLayout(figures)

        settings = Card("How you practise")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.daily_new = QSpinBox()
        self.daily_new.setRange(0, DAILY_NEW_MAX)
        self.daily_new.setAccessibleName("New words a day")
        self.daily_new.valueChanged.connect(partial(self._save_setting, DAILY_NEW_KEY))
        form.addRow("New words a day", self.daily_new)
        self.session_size = QSpinBox()
        self.session_size.setRange(SESSION_SIZE_MIN, SESSION_SIZE_MAX)
        self.session_size.setAccessibleName("Words in one session at most")
        self.session_size.valueChanged.connect(partial(self._save_setting, SESSION_SIZE_KEY))
        form.addRow("Words in one session", self.session_size)
        self.retention = QComboBox()
        self.retention.setAccessibleName("How firmly to keep words")
        for value in RETENTION_CHOICES:
            self.retention.addItem(_RETENTION_TEXT[value], value)
        self.retention.activated.connect(
            lambda i: self._save_setting(RETENTION_KEY, self.retention.itemData(i))
        )
        form.addRow("Keep words", self.retention)
        settings.body.addLayout(form)
        settings.body.addWidget(
            copy_label(
                "Focus on these families (none ticked: all of them). New words come from "
                "the families you tick; words already started keep coming back.",
                "muted",
            )
        )
        grid = QGridLayout()
        self.focus_boxes: dict[str, QCheckBox] = {}
        for i, family in enumerate(self._vocabulary().families):
            box = QCheckBox(family.label)
            box.setAccessibleName(f"Focus on {family.label}")
            box.toggled.connect(self._save_focus)
            grid.addWidget(box, i // 3, i % 3)  # three columns fit a small window
            self.focus_boxes[family.id] = box
        settings.body.addLayout(grid)
        self.homework_note = copy_label("", "muted")
        self.homework_note.hide()
        settings.body.addWidget(self.homework_note)
        layout.addWidget(settings)
        layout.addStretch(1)
        return view

    def _save_setting(self, key: str, value: object) -> None:
        if not self._loading:
            self._publish(self._store.set_setting(key, value))

    def _save_focus(self) -> None:
        if not self._loading:
            chosen = sorted(f for f, box in self.focus_boxes.items() if box.isChecked())
            self._publish(self._store.set_setting(FOCUS_KEY, chosen))

    def refresh(self) -> None:
        """The start view's plan, figures and settings, from the store."""
        self.state = read_state(self._store)
        settings = settings_of(self._store)  # the person's own choices, without homework's
        self._loading = True
        try:
            self.daily_new.setValue(settings.daily_new)
            self.session_size.setValue(settings.session_size)
            self.retention.setCurrentIndex(max(0, self.retention.findData(settings.retention)))
            for family_id, box in self.focus_boxes.items():
                box.setChecked(family_id in settings.focus)
        finally:
            self._loading = False
        vocabulary = self._vocabulary()
        added = [f.label for f in vocabulary.families if f.id in self.state.homework_focus]
        self.homework_note.setText(
            "Your homework plan adds: " + ", ".join(added) + "." if added else ""
        )
        self.homework_note.setVisible(bool(added))
        self.plan = plan_from(self.state, vocabulary, self._scenarios())
        self.plan_line.setText(describe_plan(self.plan))
        self.start_button.setEnabled(bool(self.plan.cards))
        masteries = word_mastery(self.state.cards)
        mastered = sum(m is Mastery.MASTERED for m in masteries.values())
        learning = len(masteries) - mastered
        self.mastered_figure.set_value(str(mastered), f"{mastered} words mastered")
        self.learning_figure.set_value(str(learning), f"{learning} words you are learning")

    def on_change(self, change: Change) -> None:
        if self.practice is None and change.touches(
            trainer=True, settings=True, words=True, entries=True
        ):
            self.refresh()

    # -- a session ---------------------------------------------------------------

    def start_session(self) -> None:
        self.refresh()
        if not self.plan.cards:
            return
        self.practice = start_practice(
            self.state, self.plan, self._vocabulary(), self._scenarios(), self.seed
        )
        self.stack.setCurrentWidget(self.card_view)
        self._show_current()

    def _show_current(self) -> None:
        practice = self.practice
        assert practice is not None
        question = practice.current
        if question is None:
            self._finish()
            return
        self.card_view.show_question(question, practice.position, practice.total)
        self._shown_at = time.monotonic()

    def _choose(self, key: str) -> None:
        practice = self.practice
        if practice is None or practice.current is None or practice.feedback is not None:
            return
        question = practice.current
        elapsed = int((time.monotonic() - self._shown_at) * 1000)
        feedback = practice.answer(key, min(elapsed, 86_400_000))
        self.card_view.show_feedback(question, key, feedback)

    def _rate(self, value: int) -> None:
        practice = self.practice
        if practice is None or practice.feedback is None:
            return
        done = practice.rate(Grade(value))
        try:
            change = self._store.record_review(
                done.word_id,
                done.kind,
                done.grade,
                datetime.now().astimezone(),
                answer=done.answer,
                duration_ms=done.duration_ms,
                retention=self.state.settings.retention,
                fuzz=self._fuzz,
            )
        except sqlite3.Error as exc:
            from emotrainer.ui.dialogs import show_known_error

            practice.end()
            show_known_error(
                "This card was not saved",
                f"The trainer could not save to your data ({type(exc).__name__}). "
                "Everything saved before is kept; the session stops here.",
                self,
            )
            self._finish()
            return
        self._publish(change)
        self._show_current()

    def end_session(self) -> None:
        if self.practice is not None:
            self.practice.end()
            self._finish()

    def _finish(self) -> None:
        practice = self.practice
        assert practice is not None
        lines = practice.summary()
        self.end_heading.setText(lines[0])
        self.end_text.setText(" ".join(lines[1:]))
        self.end_text.setVisible(len(lines) > 1)
        self.practice = None
        self.refresh()
        self.stack.setCurrentWidget(self.end_view)
        self.end_button.setFocus()

    # -- the end -----------------------------------------------------------------

    def _build_end(self) -> QWidget:
        view = QWidget()
        layout = QVBoxLayout(view)
        layout.setContentsMargins(0, 0, 0, 0)
        card = Card()
        self.end_heading = copy_label("", "section")
        self.end_text = plain_label("")  # names words, the user's own among them
        card.body.addWidget(self.end_heading)
        card.body.addWidget(self.end_text)
        self.end_button = QPushButton("Done")
        self.end_button.setAccessibleName("Back to the trainer's start")
        self.end_button.clicked.connect(lambda: self.stack.setCurrentWidget(self.start_view))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.end_button)
        card.body.addLayout(row)
        layout.addWidget(card)
        layout.addStretch(1)
        return view
