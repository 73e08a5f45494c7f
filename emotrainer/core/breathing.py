"""The paced-breathing pattern of the grounding pause: in for 4 s, out for 6 s.

Ten seconds a breath is about six breaths a minute, the slow pace used in
paced-breathing practice; the longer out-breath is the calming part. The
guide asks for time, not frames: ``phase_at(seconds)`` says where in the
pattern a moment falls, so an animation driven by a monotonic clock stays in
step however irregular its frames are, and the pattern is tested without Qt.
Whether anything moves at all (reduced motion) is the UI's decision.
"""

from __future__ import annotations

import math
from typing import NamedTuple

INHALE_S = 4.0
EXHALE_S = 6.0
CYCLE_S = INHALE_S + EXHALE_S
BREATHS_PER_MINUTE = 60.0 / CYCLE_S

IN = "in"
OUT = "out"

# The pattern in words, for an accessible name and for the still (reduced-motion) guide.
PATTERN_TEXT = "Breathe in for a count of four, and out for a count of six"


class Phase(NamedTuple):
    """Where a moment falls in the pattern."""

    name: str  # IN or OUT
    fraction: float  # 0..1: how far through this in- or out-breath
    scale: float  # 0..1: how full the breath is (0 empty, 1 full), eased


def ease(t: float) -> float:
    """Sine ease-in-out on 0..1: starts and ends at rest, like a breath turning."""
    t = min(1.0, max(0.0, t))
    return (1.0 - math.cos(math.pi * t)) / 2.0


def phase_at(seconds: float) -> Phase:
    """The phase at ``seconds`` since the guide started (the pattern repeats forever).

    The scale rises from 0 to 1 over the in-breath and falls back to 0 over the
    out-breath, continuously (no jump where one breath turns into the next).
    """
    if not math.isfinite(seconds):
        raise ValueError(f"a moment in the breathing pattern must be finite, not {seconds!r}")
    t = seconds % CYCLE_S  # also for negative times: the pattern runs both ways
    if t < INHALE_S:
        fraction = t / INHALE_S
        return Phase(IN, fraction, ease(fraction))
    fraction = (t - INHALE_S) / EXHALE_S
    return Phase(OUT, fraction, 1.0 - ease(fraction))


def seconds_left(seconds: float) -> float:
    """How long until the breath turns (in → out or out → in) after ``seconds``."""
    phase = phase_at(seconds)
    length = INHALE_S if phase.name == IN else EXHALE_S
    return (1.0 - phase.fraction) * length
