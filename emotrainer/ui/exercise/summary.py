"""The last step: the words chosen and what they mean, new words noted, a kind line.

Built from the entry about to be saved (``context.preview``) through the pure
``core.summary``; the body scan ends with its filled map, the after-session
check-in with its before-session one beside it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from emotrainer.core.flow_defs import Step
from emotrainer.core.models import Entry, EntryKind
from emotrainer.core.summary import Summary, WordLine, summarize
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.widgets import Card, copy_label, plain_label


def _word_text(line: WordLine) -> str:
    strength = "strength left open" if line.intensity is None else f"{line.intensity} / 10"
    return f"{line.label} · {strength}"


class SummaryView(StepView):
    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        entry = context.preview
        if entry is None:  # a page bug; say something calm rather than crash
            layout.addWidget(copy_label("Nothing to show yet.", "muted"))
            return
        summary = summarize(entry, context.vocabulary, context.used_before)
        self.encouragement = plain_label(summary.encouragement)
        self.encouragement.setAccessibleName(summary.encouragement)
        layout.addWidget(self.encouragement)
        path = _unpack_path(context, context.vocabulary)
        if path:
            layout.addWidget(plain_label("The way down: " + " › ".join(path), "muted"))
        if entry.kind is EntryKind.SESSION_AFTER and context.paired is not None:
            layout.addWidget(self._pair(context.paired, entry, context))
        else:
            self._words(layout, summary)
        if entry.kind is EntryKind.BODY_SCAN or (entry.marks and not summary.words):
            self.map = BodyMapWidget()
            self.map.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture here; hover names places
            self.map.set_marks(entry.marks)
            self.map.setMinimumHeight(self.map.fontMetrics().height() * 22)
            self.map.setAccessibleName(
                "Your body map: " + ("; ".join(summary.places) or "nothing marked")
            )
            layout.addWidget(self.map, 1)
        elif summary.places:
            card = Card("In your body")
            for place in summary.places:
                card.body.addWidget(plain_label(place))
            layout.addWidget(card)
        if summary.ratings:
            card = Card("Your ratings")
            grid = QGridLayout()
            for i, line in enumerate(summary.ratings):
                grid.addWidget(plain_label(line), i // 2, i % 2)
            card.body.addLayout(grid)
            layout.addWidget(card)
        if entry.presence is not None and entry.kind is not EntryKind.SESSION_AFTER:
            layout.addWidget(copy_label(f"Presence: {entry.presence} / 10", "muted"))
        if not hasattr(self, "map"):
            layout.addStretch(1)  # else the map takes the room

    def _words(self, layout: QVBoxLayout, summary: Summary) -> None:
        if summary.cant_tell and not summary.words:
            layout.addWidget(
                copy_label("Words: couldn't tell yet. This is saved as a valid answer.", "muted")
            )
            return
        if not summary.words:
            return
        card = Card("Your words")
        self.word_labels = []
        for line in summary.words:
            title = plain_label(_word_text(line), "section")
            title.setAccessibleName(_word_text(line))
            self.word_labels.append(title)
            row = QHBoxLayout()
            row.addWidget(title, 1)
            if line.first_time:
                row.addWidget(copy_label("new for you", "muted", wrap=False))
            card.body.addLayout(row)
            if line.definition:
                card.body.addWidget(plain_label(line.definition))
        layout.addWidget(card)

    def _pair(self, before: Entry, after: Entry, context: StepContext) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(12)
        for title, entry in (("Before the session", before), ("Now", after)):
            card = Card(title)
            when = entry.at.local().strftime("%H:%M")
            card.body.addWidget(copy_label(f"at {when}", "muted"))
            presence = "–" if entry.presence is None else f"{entry.presence} / 10"
            card.body.addWidget(copy_label(f"Presence: {presence}"))
            summary = summarize(entry, context.vocabulary, context.used_before)
            if summary.words:
                for line in summary.words:
                    card.body.addWidget(plain_label(_word_text(line)))
            else:
                card.body.addWidget(copy_label("No words this time; that's fine.", "muted"))
            card.body.addStretch(1)
            row.addWidget(card, 1)
        return box


def _unpack_path(context: StepContext, vocabulary: Vocabulary) -> list[str]:
    answer = context.answers.get("contrast")
    if not isinstance(answer, dict):
        return []
    path = answer.get("path")
    if not isinstance(path, list) or len(path) < 2:
        return []
    out = []
    for word_id in path:
        word = vocabulary.find(word_id) if isinstance(word_id, str) else None
        out.append(word.label if word else str(word_id))
    return out
