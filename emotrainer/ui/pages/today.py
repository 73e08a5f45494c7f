"""Today: a warm greeting, the exercises, an unfinished one to continue, today's entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.clock import parse_utc
from emotrainer.core.history import history_line
from emotrainer.core.metrics import active_vocabulary
from emotrainer.core.models import KIND_LABELS, Draft, EntryKind
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store
from emotrainer.ui.widgets import Card, Figure, copy_label, page_column


def greeting(now: datetime) -> str:
    if now.hour < 5:
        return "Hello"  # late at night: no "good" to live up to
    if now.hour < 12:
        return "Good morning"
    if 12 <= now.hour < 18:
        return "Good afternoon"
    return "Good evening"


# The exercises in the order Today offers them, each with one calm line.
EXERCISES: tuple[tuple[str, str], ...] = (
    ("checkin", "How present you feel, your body, and a word or two."),
    ("body_scan", "Part by part, notice what is there, or that nothing is."),
    ("unpack", "From a broad word to a closer one, by small choices."),
    ("grounding", "Five senses and slow breathing. Good at any time."),
    ("inventory", "Rate ten feelings from 0 to 4."),
    ("session_before", "A short check-in before a therapy or work session."),
    ("session_after", "The same after it, with the two side by side."),
)


def exercise_title(flow_id: str) -> str:
    """The exercise's name; flow ids are the entry kinds' values (see core.flow_defs),
    which keeps the step definitions off the start-up path."""
    try:
        return KIND_LABELS[EntryKind(flow_id)]
    except ValueError:
        return flow_id


def draft_line(draft: Draft, today: date) -> str:
    """ "Check-in, step 3 of 8, started at 14:05" (or "on Monday 20 November")."""
    from emotrainer.core.flows import DraftMismatch, FlowState

    title = exercise_title(draft.flow)
    try:
        state = FlowState.from_draft(draft)
        where = f"step {len(state.path)} of {len(state.route())}"
    except DraftMismatch:
        where = "from an earlier version"
    if not draft.started_utc:
        return f"{title}, {where}"
    started = parse_utc(draft.started_utc).astimezone()
    when = f"at {started:%H:%M}" if started.date() == today else f"on {started:%A %d %B}"
    return f"{title}, {where}, started {when}"


class TodayPage(QWidget):
    title = "Today"

    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        *,
        start: Callable[[str], object] | None = None,
        discard: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._start = start
        self._discard = discard

        self.heading = copy_label("", "title")
        self.date_line = copy_label("", "muted")
        self.subtitle = copy_label(
            "A quiet place to notice how you are. There is no right answer, and no hurry.",
            "muted",
        )
        self.checkins_today = Figure("check-ins today")
        self.named_words = Figure("different feelings you have named so far")
        self.week_entries = Figure("exercises in the last seven days")
        figures = QHBoxLayout()
        figures.setSpacing(12)
        for figure in (self.checkins_today, self.named_words, self.week_entries):
            figures.addWidget(figure, 1)

        self.drafts_card = Card("Waiting for you")
        self.drafts_box = QVBoxLayout()
        self.drafts_card.body.addWidget(
            copy_label("You can carry on where you left off, or let it go.", "muted")
        )
        self.drafts_card.body.addLayout(self.drafts_box)
        self.draft_rows: dict[str, tuple[QPushButton, QPushButton]] = {}

        # A homework reminder, when one is due (ui.reminders); Dismiss puts it away.
        self.reminder_card = Card()
        self.reminder_text = copy_label("")
        self.reminder_dismiss = QPushButton("Dismiss")
        self.reminder_dismiss.setAccessibleName("Dismiss the reminder")
        self.reminder_dismiss.clicked.connect(lambda: self.reminder_card.setVisible(False))
        reminder_row = QHBoxLayout()
        reminder_row.addWidget(self.reminder_text, 1)
        reminder_row.addWidget(self.reminder_dismiss)
        self.reminder_card.body.addLayout(reminder_row)
        self.reminder_card.setVisible(False)

        # Homework: shown only while a plan is active; its code loads only then.
        self.homework_card = Card("Homework")
        self.homework_box = QVBoxLayout()
        self.homework_box.setSpacing(4)
        self.homework_card.body.addLayout(self.homework_box)
        self.homework_card.setVisible(False)

        self.practice_card = Card("Practice")
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        self.exercise_buttons: dict[str, QPushButton] = {}
        for row, (flow_id, line) in enumerate(EXERCISES):
            title = exercise_title(flow_id)
            button = QPushButton(title)
            button.setAccessibleName(f"Start: {title}")
            button.setAccessibleDescription(line)
            button.clicked.connect(lambda _c=False, f=flow_id: self._begin(f))
            self.exercise_buttons[flow_id] = button
            # One line, never wrapped: wrapped labels cost a height-for-width layout
            # pass each at start-up. At very narrow widths the end is cut off instead.
            description = copy_label(line, "muted", wrap=False)
            description.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            grid.addWidget(button, row, 0)
            grid.addWidget(description, row, 1)
        grid.setColumnStretch(1, 1)
        self.practice_card.body.addLayout(grid)

        self.entries_card = Card("Today so far")
        self.entries = QListWidget()
        self.entries.setSpacing(3)
        self.entries.setFrameShape(QListWidget.Shape.NoFrame)
        self.entries.setAccessibleName("Today's entries")
        self.entries.setWordWrap(True)
        self.empty_note = copy_label(
            "Nothing recorded yet today. That is completely fine — noticing can start any time.",
            "muted",
        )
        self.entries_card.body.addWidget(self.empty_note)
        self.entries_card.body.addWidget(self.entries, 1)

        layout = page_column(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.date_line)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.reminder_card)
        layout.addWidget(self.drafts_card)
        layout.addWidget(self.homework_card)
        layout.addWidget(self.practice_card)
        layout.addLayout(figures)
        layout.addWidget(self.entries_card, 1)
        layout.addStretch(0)  # takes the room instead of an empty card
        self._layout = layout
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.touches(entries=True, words=True):
            self.refresh()
        elif change.touches(homework=True, trainer=True):
            self.refresh_homework(date.today())
        elif change.touches(drafts=True):
            self.refresh_drafts()

    def _begin(self, flow_id: str) -> None:
        if self._start is not None:
            self._start(flow_id)

    def _let_go(self, flow_id: str) -> None:
        from emotrainer.ui.dialogs import confirm

        title = exercise_title(flow_id)
        if self._discard is not None and confirm(
            self,
            "Let this go?",
            f"The unfinished “{title}” and its answers will be deleted.",
            "Delete it",
            "Keep it",
        ):
            self._discard(flow_id)

    def refresh_drafts(self, today: date | None = None) -> None:
        day = today or date.today()
        drafts = self._store.drafts()
        _clear(self.drafts_box)
        self.draft_rows = {}
        for draft in drafts:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(copy_label(draft_line(draft, day)), 1)
            title = exercise_title(draft.flow)
            go_on = QPushButton("Continue")
            go_on.setAccessibleName(f"Continue: {title}")
            go_on.clicked.connect(lambda _c=False, f=draft.flow: self._begin(f))
            let_go = QPushButton("Let it go…")
            let_go.setAccessibleName(f"Delete the unfinished {title}")
            let_go.clicked.connect(lambda _c=False, f=draft.flow: self._let_go(f))
            line.addWidget(go_on)
            line.addWidget(let_go)
            self.drafts_box.addWidget(row)
            self.draft_rows[draft.flow] = (go_on, let_go)
            if draft.flow in self.exercise_buttons:
                self.exercise_buttons[draft.flow].setText(f"Continue: {title}")
        for flow_id, button in self.exercise_buttons.items():
            if flow_id not in self.draft_rows:
                button.setText(exercise_title(flow_id))
        self.drafts_card.setVisible(bool(drafts))

    def show_reminder(self, text: str) -> None:
        self.reminder_text.setText(text)
        self.reminder_card.setVisible(True)

    def refresh_homework(self, day: date) -> None:
        _clear(self.homework_box)
        if not self._store.has_active_plans():
            self.homework_card.setVisible(False)
            return
        from emotrainer.ui.pages.today_homework import homework_widgets

        widgets = homework_widgets(self._store, self._vocabulary(), day)
        for widget in widgets:
            self.homework_box.addWidget(widget)
        self.homework_card.setVisible(bool(widgets))

    def refresh(self, today: date | None = None) -> None:
        now = datetime.now().astimezone()
        day = today or now.date()
        self.heading.setText(f"{greeting(now)}.")
        self.date_line.setText(f"{day:%A %d %B}")
        self.heading.setAccessibleName(f"{greeting(now)}. {day:%A %d %B}")
        self.refresh_drafts(day)
        self.refresh_homework(day)
        todays = self._store.entries_on(day)
        checkins = sum(e.kind is EntryKind.CHECKIN for e in todays)
        self.checkins_today.set_value(str(checkins), f"{checkins} check-ins today")
        active = active_vocabulary(self._store.used_word_ids(), self._vocabulary())
        self.named_words.set_value(
            str(active.total), f"You have named {active.total} different feelings so far"
        )
        week = self._store.count_entries_since(day - timedelta(days=6))
        self.week_entries.set_value(str(week), f"{week} exercises in the last seven days")
        self.entries.clear()
        for entry in reversed(todays):
            text = history_line(entry, self._vocabulary())
            self.entries.addItem(QListWidgetItem(text))
        self.entries.setVisible(bool(todays))
        self.empty_note.setVisible(not todays)
        # A list fills the page; the gentle empty note keeps its card small.
        self._layout.setStretch(self._layout.indexOf(self.entries_card), 1 if todays else 0)
        self._layout.setStretch(self._layout.count() - 1, 0 if todays else 1)


def _clear(box: QVBoxLayout) -> None:
    while box.count():
        item = box.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.deleteLater()
