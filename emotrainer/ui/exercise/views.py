"""Which view shows which kind of step."""

from __future__ import annotations

from emotrainer.core import flow_defs as k
from emotrainer.core.flow_defs import Step
from emotrainer.ui.exercise.base import StepContext, StepView


def make_view(step: Step, context: StepContext) -> StepView:
    """A new view for ``step``; every kind in flow_defs.KINDS has one (a test checks)."""
    from emotrainer.ui.exercise import body_steps, contrast_step, grounding, simple_steps, summary

    makers: dict[str, type[StepView]] = {
        k.PRESENCE: simple_steps.PresenceView,
        k.BODY_MAP: body_steps.BodyMapView,
        k.WHEEL: body_steps.WheelView,
        k.CANDIDATES: body_steps.CandidatesView,
        k.CONTEXT: simple_steps.ContextView,
        k.NOTE: simple_steps.NoteView,
        k.CONTRAST: contrast_step.ContrastView,
        k.SCAN_REGION: body_steps.ScanRegionView,
        k.INVENTORY: simple_steps.InventoryView,
        k.SUMMARY: summary.SummaryView,
        k.GROUNDING: grounding.SenseView,
        k.BREATHING: grounding.BreathingView,
    }
    return makers[step.kind](step, context)
