"""What every step view shares: the context it is built with and its small contract.

The exercise page (``ui.exercise.page``) owns the FlowState; a step view only
edits one answer. It is built for one step, is given the stored answer when
the person comes back to the step (``set_value``), reports every edit through
``answer_changed`` and hands its answer out through ``value()`` in the
JSON-compatible shape ``core.flows.validate_answer`` expects, or None for "no
answer (yet)". The page validates, shows a refused answer's message, and moves
on; a view never sees the store.

A view that ends its own step (the wheel's "I don't know what I feel") emits
``submitted`` with the answer; the page answers and goes on as if Next was
pressed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from emotrainer.core.flow_defs import Step
from emotrainer.core.flows import JSON
from emotrainer.core.models import BodyMark, Entry
from emotrainer.core.vocabulary import Vocabulary, Word

AddWord = Callable[[str, str, str], Word]


@dataclass(frozen=True)
class StepContext:
    """Everything a step view may need, gathered by the page; nothing here writes."""

    vocabulary: Vocabulary
    # The answers given so far in this flow (read-only), e.g. the body-first
    # marks the candidate words come from.
    answers: Mapping[str, JSON] = field(default_factory=dict)
    # The body map as the steps before this one left it.
    body_marks: tuple[BodyMark, ...] = ()
    # Situation and people tags the person used before, most used first.
    past_situations: tuple[str, ...] = ()
    past_people: tuple[str, ...] = ()
    # Word ids named in any entry before this exercise: "first time" notes.
    used_before: frozenset[str] = frozenset()
    reduced_motion: bool = False
    add_word: AddWord | None = None
    known_errors: tuple[type[Exception], ...] = (ValueError,)
    # A session_after's own session_before, shown beside it in the summary.
    paired: Entry | None = None
    # The step ids on the way taken, in order (the summary reads the answers along it).
    route: tuple[str, ...] = ()
    # At the summary: the entry as it will be saved.
    preview: Entry | None = None


class StepView(QWidget):
    """Base class of the step views; subclasses override the three methods below."""

    answer_changed = Signal()
    submitted = Signal(object)  # an answer that also ends the step

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.context = context

    def value(self) -> object | None:
        """The current answer in the shape validate_answer expects; None: no answer."""
        return None

    def set_value(self, value: JSON) -> None:
        """Show a stored answer (coming back to the step, or resuming a draft)."""

    def first_focus(self) -> QWidget:
        """Where keyboard focus goes when the step is shown."""
        return self

    def stop(self) -> None:
        """The step is leaving the screen: stop timers and animations."""
