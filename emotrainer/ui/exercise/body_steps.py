"""Step views over the body map and the wheel: body map, scan region, wheel, candidates.

Each wraps a panel built in the widgets issue and translates its signals into
the step contract of ``ui.exercise.base``: the panels know nothing of flows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.body import area as body_area
from emotrainer.core.bodymap import scan_regions
from emotrainer.core.flow_defs import CANT_TELL, Step
from emotrainer.core.flows import JSON, WORDS_MAX, answer_marks, marks_answer
from emotrainer.core.models import BodyMark
from emotrainer.core.suggest import Suggestion, rank_words
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.bodymap_panel import BodyMapPanel
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.indicators import outlined
from emotrainer.ui.mark_editor import MarkEditor
from emotrainer.ui.wheel_panel import WheelPanel
from emotrainer.ui.widgets import button_text, copy_label, plain_label


def _fill(view: QWidget, child: QWidget) -> None:
    layout = QVBoxLayout(view)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(child)


class BodyMapView(StepView):
    """The whole body map: any places, any sensations; "numb" and "nothing" too."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.panel = BodyMapPanel(context.vocabulary)
        # Words are a later step's business (the wheel, or the candidates on the
        # body-first path): here the map is only about noticing.
        words_card = self.panel.suggestions.parentWidget()
        if words_card is not None:
            words_card.hide()
        self.panel.marks_changed.connect(lambda _marks: self.answer_changed.emit())
        _fill(self, self.panel)

    def value(self) -> object | None:
        marks = self.panel.marks()
        return marks_answer(marks) if marks else None

    def set_value(self, value: JSON) -> None:
        self.panel.set_marks(answer_marks(value))

    def first_focus(self) -> QWidget:
        if self.panel.map.focused_region() is None:
            self.panel.map.set_focused_region("head")  # Enter then describes a place at once
        return self.panel.map


class ScanRegionView(StepView):
    """One part of the body scan: what is noticed there, or "nothing"; Enter goes on.

    The map beside it shows what the scan has found so far. The answer marks
    the area's places as seen from the front (both sides alike); the body map
    step is where single places are told apart.
    """

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        assert step.area is not None
        self.regions = scan_regions(step.area)
        self.map = BodyMapWidget()
        self.map.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a picture here, not a control
        self.map.setAccessibleName("What the scan has found so far")
        self._earlier = [m for m in context.body_marks if m.region not in self.regions]
        self.map.set_marks(self._earlier)
        self.editor = MarkEditor()
        for button in (
            self.editor.save_button,
            self.editor.remove_button,
            self.editor.cancel_button,
        ):
            button.hide()
        self.editor.chips.changed.connect(self._changed)
        self.editor.activity.idToggled.connect(self._changed)
        self.editor.intensity.valueChanged.connect(self._changed)
        self.editor.saved.connect(lambda _mark: self._submit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(self.map, 1)
        layout.addWidget(self.editor, 1, Qt.AlignmentFlag.AlignTop)
        self._open(None)  # once parented: open() shows the editor

    def _open(self, mark: BodyMark | None) -> None:
        self.editor.open(self.regions[0], mark)
        name = body_area(self.step.area or "").label
        sides = "" if len(self.regions) == 1 else " (all of it)"
        self.editor.title.setText(f"{name}{sides}")
        self.editor.setAccessibleName(f"What do you notice in your {name.lower()}?")

    def _marks(self) -> list[BodyMark]:
        mark = self.editor.mark()
        if mark is None:
            return []
        return [BodyMark(r, mark.sensations, mark.activity, mark.intensity) for r in self.regions]

    def _changed(self) -> None:
        self.map.set_marks([*self._earlier, *self._marks()])
        self.answer_changed.emit()

    def _submit(self) -> None:
        value = self.value()
        if value is not None:
            self.submitted.emit(value)

    def value(self) -> object | None:
        marks = self._marks()
        return marks_answer(marks) if marks else None

    def set_value(self, value: JSON) -> None:
        marks = answer_marks(value)
        if marks:
            self._open(BodyMark(self.regions[0], *_rest(marks[0])))
        self.map.set_marks([*self._earlier, *self._marks()])

    def first_focus(self) -> QWidget:
        return self.editor.chips


def _rest(mark: BodyMark) -> tuple[tuple[str, ...], int, int | None]:
    return mark.sensations, mark.activity, mark.intensity


class WheelView(StepView):
    """The feelings wheel: one to three words, each with its own intensity.

    "I don't know what I feel" answers the step with ``CANT_TELL`` and goes on:
    in the check-in that is the way to the body-first path.
    """

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.panel = WheelPanel(
            context.vocabulary,
            context.add_word,
            max_selected=WORDS_MAX,
            known_errors=context.known_errors,
        )
        self.panel.selection_changed.connect(lambda _sel: self.answer_changed.emit())
        self.panel.unsure_requested.connect(lambda: self.submitted.emit(CANT_TELL))
        _fill(self, self.panel)

    def value(self) -> object | None:
        chosen = self.panel.selection()
        return [[word_id, intensity] for word_id, intensity in chosen] if chosen else None

    def set_value(self, value: JSON) -> None:
        if not isinstance(value, list):
            return  # CANT_TELL: nothing was chosen
        for pair in value:
            assert isinstance(pair, list)
            word_id, intensity = pair
            if isinstance(word_id, str) and word_id in self.panel.vocabulary:
                self.panel.choose(word_id)
                self.panel.set_intensity(word_id, intensity if isinstance(intensity, int) else None)

    def first_focus(self) -> QWidget:
        return self.panel.search


class _Candidate(QFrame):
    """One suggested word: a check box, what it means, why it was suggested."""

    def __init__(self, suggestion: Suggestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        word = suggestion.word
        self.word_id = word.id
        self.check = QCheckBox(button_text(word.label))
        self.check.setAccessibleName(f"{word.label}: {word.definition}")
        outlined(self.check)
        self.intensity = QSpinBox()
        self.intensity.setRange(-1, 10)
        self.intensity.setSpecialValueText("–")  # -1: left open
        self.intensity.setSuffix(" / 10")
        self.intensity.setValue(-1)
        self.intensity.setAccessibleName(f"How strong is “{word.label}”, from 0 to 10")
        self.intensity.setAccessibleDescription("Leave it open if you cannot tell.")
        self.intensity.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.check, 1)
        top.addWidget(copy_label("how strong", "muted", wrap=False))
        top.addWidget(self.intensity)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 2, 4, 6)
        column.setSpacing(2)
        column.addLayout(top)
        definition = plain_label(word.definition, "muted")
        definition.setContentsMargins(24, 0, 0, 0)
        column.addWidget(definition)
        if suggestion.reasons:
            why = plain_label("Goes with: " + "; ".join(suggestion.reasons), "muted")
            why.setContentsMargins(24, 0, 0, 0)
            column.addWidget(why)

    def chosen(self) -> tuple[str, int | None] | None:
        if not self.check.isChecked():
            return None
        value = self.intensity.value()
        return self.word_id, None if value < 0 else value


class CandidatesView(StepView):
    """The body-first path's words: ideas drawn from the body cues, never a verdict.

    Choose up to three, or none: going on without a word is saved as "couldn't
    tell yet", a valid answer.
    """

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        marks = context.body_marks
        self.suggestions = rank_words(marks, context.vocabulary, limit=8)
        self.rows: list[_Candidate] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if not self.suggestions:
            text = (
                "No words come from the body this time, and that's all right. You can go on "
                "without a word: not knowing is a valid answer."
                if marks
                else "Nothing was marked on the body, so there are no ideas to show. You can go "
                "back and mark a place, or go on without a word."
            )
            layout.addWidget(copy_label(text, "muted"))
        for suggestion in self.suggestions:
            row = _Candidate(suggestion)
            row.check.toggled.connect(lambda on, r=row: self._toggled(r, on))
            row.intensity.valueChanged.connect(lambda _v: self.answer_changed.emit())
            self.rows.append(row)
            layout.addWidget(row)
        self.note = copy_label("", "muted")
        self.note.setAccessibleName("Note")
        layout.addWidget(self.note)
        layout.addStretch(1)

    def _toggled(self, row: _Candidate, on: bool) -> None:
        if on and sum(r.check.isChecked() for r in self.rows) > WORDS_MAX:
            row.check.setChecked(False)
            self.note.setText("Up to three words. Uncheck one to choose another.")
            return
        self.note.setText("")
        row.intensity.setEnabled(on)
        self.answer_changed.emit()

    def value(self) -> object | None:
        chosen = [c for r in self.rows if (c := r.chosen()) is not None]
        return [[w, i] for w, i in chosen] if chosen else None

    def set_value(self, value: JSON) -> None:
        if not isinstance(value, list):
            return
        wanted = {p[0]: p[1] for p in value if isinstance(p, list) and len(p) == 2}
        for row in self.rows:
            if row.word_id in wanted:
                row.check.setChecked(True)
                intensity = wanted[row.word_id]
                row.intensity.setValue(intensity if isinstance(intensity, int) else -1)

    def first_focus(self) -> QWidget:
        return self.rows[0].check if self.rows else self
