"""The exercise page: a thin controller over the pure step machine (core.flows).

``StepRunner`` shows the current step of a FlowState: its title and prompt,
the step's view, and Back, Skip and Next. ``ExercisePage`` holds one runner for
the exercise and, while paused, a second one for the grounding pause; it saves
the draft after every step (and a moment after every edit), and the finished
entry at the end.

Keyboard: Tab moves through the step; Alt+B, Alt+K and Alt+N (or Ctrl+Enter)
are Back, Skip and Next; the window's Pause shortcut (Ctrl+G) opens the
grounding pause from any step, and its last step or Alt+R returns to the
exercise exactly where it was.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.clock import Stamp
from emotrainer.core.flow_defs import GROUNDING_PAUSE, SCAN_REGION, SUMMARY
from emotrainer.core.flows import FlowError, FlowState, following, marks_so_far, to_entry
from emotrainer.core.models import Entry, EntryKind, TagKind
from emotrainer.core.vocabulary import Vocabulary, Word, user_word
from emotrainer.storage.errors import DuplicateWordError
from emotrainer.storage.store import Store
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.exercise.pace import PaceTimer
from emotrainer.ui.exercise.views import make_view
from emotrainer.ui.theme import REDUCED_MOTION_KEY
from emotrainer.ui.widgets import copy_label, plain_label

DRAFT_DELAY_MS = 800  # an edit is saved this long after the last keystroke
PAIR_WINDOW_S = 24 * 3600  # an after-session check-in pairs with a before within a day
PACE_KEY = "body_scan.pace_s"  # the body scan's timer: seconds per part, or None (off)
CRISIS_NOTE = (
    "If you feel unsafe or in crisis, please contact your local emergency number or a "
    "crisis line. This app can't help in an emergency."
)


class StepRunner(QWidget):
    """The current step of one flow, with Back, Skip and Next."""

    changed = Signal()  # an answer changed
    moved = Signal()  # Back, Skip or Next went to another step
    finished = Signal()  # Next on the last step: ``state`` is now finished

    def __init__(
        self,
        state: FlowState,
        context_for: Callable[[FlowState], StepContext],
        finish_text: str,
        parent: QWidget | None = None,
        *,
        pace: PaceTimer | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._context_for = context_for
        self._finish_text = finish_text
        self.view: StepView | None = None
        self.pace = pace
        if pace is not None:
            pace.elapsed.connect(self._time_is_up)

        self.counter = copy_label("", "muted", wrap=False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.setAccessibleName("Progress through the exercise")
        self.step_title = copy_label("", "title")
        self.prompt = copy_label("", "muted")
        self.problem = plain_label("")
        self.problem.setAccessibleName("About this answer")
        self.problem.hide()
        self.holder = QScrollArea()
        self.holder.setWidgetResizable(True)
        self.holder.setFrameShape(QScrollArea.Shape.NoFrame)
        self.holder.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.back_button = QPushButton("‹ Back")
        self.back_button.setAccessibleName("Back to the previous step")
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAccessibleName("Skip this step")
        self.next_button = QPushButton("Next ›")
        self.back_button.clicked.connect(self.go_back)
        self.skip_button.clicked.connect(self.skip)
        self.next_button.clicked.connect(self.go_next)
        # Explicit shortcuts rather than mnemonics: the pause's runner sits beside this
        # one, and two "&Next" in a window would make Alt+N ambiguous.
        for keys, action, button in (
            (("Ctrl+Return", "Ctrl+Enter", "Alt+N"), self.go_next, self.next_button),
            (("Alt+B",), self.go_back, self.back_button),
            (("Alt+K",), self.skip, self.skip_button),
        ):
            for sequence in keys:
                shortcut = QShortcut(QKeySequence.fromString(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(action)
            button.setToolTip(" or ".join(keys))

        top = QHBoxLayout()
        top.addWidget(self.counter)
        top.addWidget(self.progress, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        if pace is not None:
            buttons.addWidget(pace)
            buttons.addSpacing(12)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.step_title)
        layout.addWidget(self.prompt)
        layout.addWidget(self.problem)
        layout.addWidget(self.holder, 1)
        layout.addLayout(buttons)
        self.show_step()

    # -- showing ---------------------------------------------------------------------

    def show_step(self) -> None:
        if self.view is not None:
            # Focus leaves the old view first: if it simply vanished, Qt would hand
            # focus to the next widget in the window (the page list, say).
            self.next_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.view.stop()
            self.view.answer_changed.disconnect(self._answer_changed)
            self.view.submitted.disconnect(self._submitted)
            self.holder.takeWidget()
            self.view.deleteLater()
        state = self.state
        step = state.current
        self.view = make_view(step, self._context_for(state))
        if step.id in state.answers:
            self.view.set_value(state.answers[step.id])
        self.view.answer_changed.connect(self._answer_changed)
        self.view.submitted.connect(self._submitted)
        self.holder.setWidget(self.view)
        self.view.show()  # a scroll area that is already shown leaves that to us
        self.step_title.setText(step.title)
        self.prompt.setText(step.prompt)
        self.step_title.setAccessibleName(step.title)
        self._say("")
        self._update()
        self.focus_step()
        if self.pace is not None:
            self.pace.setVisible(step.kind == SCAN_REGION)
            self.pace.restart()

    def focus_step(self) -> None:
        """Keyboard focus to the step's first control (as if tabbed into, so that the
        body map shows which place has focus)."""
        if self.view is not None:
            self.view.first_focus().setFocus(Qt.FocusReason.TabFocusReason)

    def _update(self) -> None:
        state = self.state
        route = state.route()
        position = len(state.path)
        self.counter.setText(f"Step {position} of {len(route)}")
        self.progress.setRange(0, len(route))
        self.progress.setValue(position)
        self.back_button.setEnabled(state.can_back and len(state.path) > 1)
        self.skip_button.setVisible(state.can_skip)
        last = following(state.flow, state.index, state.answers) is None
        self.next_button.setText(self._finish_text if last else "Next ›")
        self.next_button.setAccessibleName(self._finish_text if last else "Next step")
        self.next_button.setEnabled(state.can_next)

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # -- answers ---------------------------------------------------------------------

    def _time_is_up(self) -> None:
        """The body scan's timer: on to the next part, as Next (or Skip) would."""
        if self.state.can_next:
            self.go_next()
        elif self.state.can_skip:
            self.skip()

    def _answer_changed(self) -> None:
        assert self.view is not None
        if self.pace is not None and self.pace.running:
            self.pace.restart()  # someone answering is never cut off
        step_id = self.state.current.id
        value = self.view.value()
        try:
            if value is None:
                self.state = self.state.clear(step_id)
            else:
                self.state = self.state.answer(step_id, value)
            self._say("")
        except FlowError as e:
            self.state = self.state.clear(step_id)
            self._say(str(e))
        self._update()
        self.changed.emit()

    def _submitted(self, value: object) -> None:
        try:
            self.state = self.state.answer(self.state.current.id, value)
        except FlowError as e:
            self._say(str(e))
            return
        self.changed.emit()
        self.go_next()

    # -- moves ---------------------------------------------------------------------

    def go_next(self) -> None:
        if not self.state.can_next:
            self._say(
                "Choose an answer to go on"
                + (", or skip this step." if self.state.can_skip else ".")
            )
            return
        self._move(self.state.next())

    def go_back(self) -> None:
        if len(self.state.path) > 1:
            self._move(self.state.back())

    def skip(self) -> None:
        if self.state.can_skip:
            self._move(self.state.skip())

    def _move(self, state: FlowState) -> None:
        self.state = state
        if state.is_finished:
            self.finished.emit()
            return
        self.show_step()
        self.moved.emit()

    def reopen(self, state: FlowState) -> None:
        """Show ``state`` (e.g. after saving failed at the end)."""
        self.state = state
        self.show_step()

    def stop(self) -> None:
        if self.view is not None:
            self.view.stop()
        if self.pace is not None:
            self.pace.halt()


class ExercisePage(QWidget):
    """One exercise from first step to saved entry, with its draft and its pause."""

    title = "Exercise"
    left = Signal()  # finished and saved, or put aside for later: show Today

    def __init__(
        self,
        store: Store,
        vocabulary: Callable[[], Vocabulary],
        publish: Callable[[Change], None],
        state: FlowState,
        *,
        resumed: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._vocabulary = vocabulary
        self._publish = publish
        self._resumed = resumed
        self._started = time.monotonic()
        self._dirty = False
        self.saved_entry: Entry | None = None
        self.flow = state.flow
        # Read once: what the steps suggest and compare against.
        self._used_before = frozenset(store.used_word_ids())
        self._situations = tuple(store.tags_in_use(TagKind.SITUATION))
        self._people = tuple(store.tags_in_use(TagKind.PERSON))
        self.paired = self._find_pair() if self.flow.entry_kind is EntryKind.SESSION_AFTER else None

        self.heading = copy_label(self.flow.title, "section")
        self.pause_button = QPushButton("Pause")
        self.pause_button.setAccessibleName("Pause: a grounding exercise; this one waits here")
        self.pause_button.setToolTip("Ctrl+G")
        self.pause_button.clicked.connect(self.pause)
        self.pause_button.setVisible(self.flow is not GROUNDING_PAUSE)
        self.later_button = QPushButton("Finish later")
        self.later_button.setAccessibleName("Finish later: your answers are kept")
        self.later_button.clicked.connect(self.put_aside)
        self.return_button = QPushButton("Return to the exercise")
        self.return_button.setToolTip("Alt+R")
        back_to_it = QShortcut(QKeySequence.fromString("Alt+R"), self)
        back_to_it.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back_to_it.activated.connect(self.resume_from_pause)
        self.return_button.clicked.connect(self.resume_from_pause)
        self.return_button.hide()
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.return_button)
        header.addWidget(self.pause_button)
        header.addWidget(self.later_button)

        pace = None
        if any(step.kind == SCAN_REGION for step in self.flow.steps):
            pace = PaceTimer(store.setting(PACE_KEY))
            pace.changed.connect(self._pace_changed)
        self.runner = StepRunner(state, self._context, "Save and finish", pace=pace)
        self.runner.changed.connect(self._edited)
        self.runner.moved.connect(self.save_draft)
        self.runner.finished.connect(self._finish)
        self.pause_runner: StepRunner | None = None
        self.pause_panel = QWidget()
        pause_layout = QVBoxLayout(self.pause_panel)
        pause_layout.setContentsMargins(0, 0, 0, 0)
        pause_layout.addWidget(
            copy_label(
                "Your exercise is waiting, exactly as you left it. Take as long as you need.",
                "muted",
            )
        )
        self.crisis_note = copy_label(CRISIS_NOTE, "muted")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.runner)
        self.stack.addWidget(self.pause_panel)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 18)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        if not resumed:
            self.save_draft()  # "started" is worth keeping: Today offers to continue

    # -- state -----------------------------------------------------------------------

    @property
    def state(self) -> FlowState:
        return self.runner.state

    @property
    def paused(self) -> bool:
        return self.stack.currentWidget() is self.pause_panel

    def _context(self, state: FlowState) -> StepContext:
        preview = None
        if state.current.kind == SUMMARY and not state.is_finished:
            preview = self._entry(state.next(), "preview")
        return StepContext(
            vocabulary=self._vocabulary(),
            answers=dict(state.answers),
            body_marks=tuple(marks_so_far(state)),
            past_situations=self._situations,
            past_people=self._people,
            used_before=self._used_before,
            reduced_motion=bool(self._store.setting(REDUCED_MOTION_KEY, False)),
            add_word=self._add_word,
            known_errors=(ValueError, DuplicateWordError),
            paired=self.paired,
            route=tuple(state.flow.steps[i].id for i in state.route()),
            preview=preview,
        )

    def _entry(self, finished: FlowState, entry_id: str) -> Entry:
        duration = None if self._resumed else int(time.monotonic() - self._started)
        return to_entry(
            finished,
            Stamp.now(),
            entry_id,
            pair_uuid=self.paired.uuid if self.paired else None,
            duration_s=duration,
        )

    def _find_pair(self) -> Entry | None:
        """The latest before-session check-in of the last day that has no after yet."""
        befores = self._store.entries_of_kind(EntryKind.SESSION_BEFORE)
        afters = {e.pair_uuid for e in self._store.entries_of_kind(EntryKind.SESSION_AFTER)}
        now = time.time()
        for entry in reversed(befores):
            age = now - entry.at.local().timestamp()
            if age > PAIR_WINDOW_S:
                break
            if entry.uuid not in afters and age >= 0:
                return entry
        return None

    def _add_word(self, label: str, definition: str, family_id: str) -> Word:
        added, change = self._store.add_user_word(label, definition, family_id)
        self._publish(change)
        return user_word(
            added.id, added.label, added.definition, added.family_id, self._vocabulary()
        )

    def _pace_changed(self, seconds: int | None) -> None:
        if not self._store.readonly:
            self._publish(self._store.set_setting(PACE_KEY, seconds))

    # -- drafts ----------------------------------------------------------------------

    def _edited(self) -> None:
        self._dirty = True
        self._draft_timer.start()

    def save_draft(self) -> None:
        """Keep the answers so far; an unfinished exercise is offered on the next start."""
        self._draft_timer.stop()
        self._dirty = False
        if self.saved_entry is not None or self._store.readonly:
            return
        self._publish(self._store.save_draft(self.state.to_draft()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        runner = self.pause_runner if self.paused and self.pause_runner else self.runner
        runner.focus_step()
        if runner.pace is not None:
            runner.pace.restart()

    def hideEvent(self, event: QHideEvent) -> None:
        if self._dirty:
            self.save_draft()
        if self.runner.pace is not None:
            self.runner.pace.halt()  # the scan waits while another page is shown
        super().hideEvent(event)

    def put_aside(self) -> None:
        self.save_draft()
        self.runner.stop()
        self.left.emit()

    # -- the end -----------------------------------------------------------------------

    def _finish(self) -> None:
        finished = self.state
        entry = self._entry(finished, str(uuid.uuid4()))
        try:
            change = self._store.add_entry(entry)
        except Exception:
            self.runner.reopen(finished.back())  # nothing is lost: the draft is still there
            raise
        self.saved_entry = entry
        self._draft_timer.stop()
        self._publish(change)
        self._publish(self._store.discard_draft(self.flow.id))
        self.runner.stop()
        self.left.emit()

    # -- pause -----------------------------------------------------------------------

    def pause(self) -> None:
        """The grounding pause; the exercise waits where it is. Counted, never a failure."""
        if self.paused or self.flow is GROUNDING_PAUSE:
            return
        self.runner.stop()
        self.runner.state = self.runner.state.pause()
        self.save_draft()
        runner = StepRunner(
            FlowState.start(GROUNDING_PAUSE),
            self._context,
            "Return to the exercise",
            parent=self.pause_panel,
        )
        runner.finished.connect(self.resume_from_pause)
        layout = self.pause_panel.layout()
        assert layout is not None
        if self.pause_runner is not None:
            layout.removeWidget(self.pause_runner)
            self.pause_runner.deleteLater()
        else:
            layout.addWidget(self.crisis_note)
        layout.addWidget(runner)
        self.pause_runner = runner
        self.heading.setText(f"{self.flow.title} · paused")
        self.return_button.show()
        self.pause_button.hide()
        self.stack.setCurrentWidget(self.pause_panel)
        runner.show()
        runner.focus_step()

    def resume_from_pause(self) -> None:
        if not self.paused:
            return
        if self.pause_runner is not None:
            self.pause_runner.stop()
        self.heading.setText(self.flow.title)
        self.return_button.hide()
        self.pause_button.show()
        self.stack.setCurrentWidget(self.runner)
        self.runner.focus_step()
        if self.runner.pace is not None:
            self.runner.pace.restart()

    def on_change(self, change: Change) -> None:
        """Other pages' writes don't disturb a step in progress."""
