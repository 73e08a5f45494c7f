"""Today: a warm greeting, today's entries and a few totals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.metrics import active_vocabulary
from emotrainer.core.models import KIND_LABELS, Entry, EntryKind, WordsState
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


def describe(entry: Entry, vocabulary: Vocabulary) -> str:
    """One plain line for an entry: time, kind, words, presence."""
    parts = [entry.at.local().strftime("%H:%M"), KIND_LABELS[entry.kind]]
    if entry.labels:
        words = []
        for label in entry.labels:
            word = vocabulary.find(label.word_id)
            text = word.label if word else label.word_id
            words.append(text if label.intensity is None else f"{text} ({label.intensity}/10)")
        parts.append(", ".join(words))
    elif entry.words_state is WordsState.CANT_TELL:
        parts.append("couldn't tell yet (that counts too)")
    if entry.presence is not None:
        parts.append(f"presence {entry.presence}/10")
    if entry.marks:
        parts.append(f"{len(entry.marks)} body " + ("place" if len(entry.marks) == 1 else "places"))
    return " · ".join(parts)


class TodayPage(QWidget):
    title = "Today"

    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary

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
        layout.addLayout(figures)
        layout.addWidget(self.entries_card, 1)
        layout.addStretch(0)  # takes the room instead of an empty card
        self._layout = layout
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.touches(entries=True, words=True):
            self.refresh()

    def refresh(self, today: date | None = None) -> None:
        now = datetime.now().astimezone()
        day = today or now.date()
        self.heading.setText(f"{greeting(now)}.")
        self.date_line.setText(f"{day:%A %d %B}")
        self.heading.setAccessibleName(f"{greeting(now)}. {day:%A %d %B}")
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
            text = describe(entry, self._vocabulary())
            self.entries.addItem(QListWidgetItem(text))
        self.entries.setVisible(bool(todays))
        self.empty_note.setVisible(not todays)
        # A list fills the page; the gentle empty note keeps its card small.
        self._layout.setStretch(self._layout.indexOf(self.entries_card), 1 if todays else 0)
        self._layout.setStretch(self._layout.count() - 1, 0 if todays else 1)
