"""The paced-breathing pattern: 4 s in, 6 s out, smooth, driven by time alone."""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emotrainer.core.breathing import (
    BREATHS_PER_MINUTE,
    CYCLE_S,
    EXHALE_S,
    IN,
    INHALE_S,
    OUT,
    ease,
    phase_at,
    seconds_left,
)

moments = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


def test_the_pattern_is_four_in_six_out_about_six_a_minute() -> None:
    assert (INHALE_S, EXHALE_S, CYCLE_S) == (4.0, 6.0, 10.0)
    assert pytest.approx(6.0) == BREATHS_PER_MINUTE


@pytest.mark.parametrize(
    ("seconds", "name", "fraction", "scale"),
    [
        (0.0, IN, 0.0, 0.0),
        (2.0, IN, 0.5, 0.5),
        (3.0, IN, 0.75, (1 - math.cos(0.75 * math.pi)) / 2),
        (4.0, OUT, 0.0, 1.0),
        (7.0, OUT, 0.5, 0.5),
        (9.9, OUT, 5.9 / 6, None),
        (10.0, IN, 0.0, 0.0),
        (12.0, IN, 0.5, 0.5),
        (-3.0, OUT, 0.5, 0.5),  # 7 s into the previous breath
    ],
)
def test_phase_at_known_moments(
    seconds: float, name: str, fraction: float, scale: float | None
) -> None:
    phase = phase_at(seconds)
    assert phase.name == name
    assert phase.fraction == pytest.approx(fraction)
    if scale is not None:
        assert phase.scale == pytest.approx(scale)


def test_phase_is_a_plain_tuple_of_name_fraction_scale() -> None:
    name, fraction, scale = phase_at(1.0)
    assert (name, fraction) == (IN, pytest.approx(0.25))
    assert 0.0 < scale < 0.25  # eased: slow at the start of the breath


def test_the_circle_grows_on_the_in_breath_and_shrinks_on_the_out_breath() -> None:
    ins = [phase_at(t / 10).scale for t in range(40)]
    outs = [phase_at(4 + t / 10).scale for t in range(60)]
    assert all(a < b for a, b in itertools.pairwise(ins))
    assert all(a > b for a, b in itertools.pairwise(outs))


@given(moments)
def test_values_stay_in_range(seconds: float) -> None:
    phase = phase_at(seconds)
    assert phase.name in (IN, OUT)
    assert 0.0 <= phase.fraction < 1.0 or phase.fraction == pytest.approx(1.0)
    assert 0.0 <= phase.scale <= 1.0


@given(st.floats(min_value=0, max_value=1e4, allow_nan=False))
def test_the_pattern_repeats_every_cycle(seconds: float) -> None:
    a, b = phase_at(seconds), phase_at(seconds + CYCLE_S)
    assert a.scale == pytest.approx(b.scale, abs=1e-6)


@given(st.floats(min_value=0, max_value=1e3, allow_nan=False))
def test_smooth_no_jumps_even_where_the_breath_turns(seconds: float) -> None:
    # 1/30 s (one frame at 30 fps) never moves the circle by more than a few percent.
    assert abs(phase_at(seconds + 1 / 30).scale - phase_at(seconds).scale) < 0.03


@pytest.mark.parametrize("turn", [INHALE_S, CYCLE_S])
def test_continuous_where_the_breath_turns(turn: float) -> None:
    before, after = phase_at(turn - 1e-6), phase_at(turn + 1e-6)
    assert before.name != after.name
    assert before.scale == pytest.approx(after.scale, abs=1e-5)


def test_ease_starts_and_ends_at_rest() -> None:
    assert (ease(0.0), ease(0.5), ease(1.0)) == (0.0, pytest.approx(0.5), 1.0)
    assert ease(-1.0) == 0.0 and ease(2.0) == 1.0
    assert ease(0.01) < 0.01  # slow start
    assert 1.0 - ease(0.99) < 0.01  # slow finish


@pytest.mark.parametrize(("seconds", "left"), [(0.0, 4.0), (3.0, 1.0), (4.0, 6.0), (9.5, 0.5)])
def test_seconds_left_until_the_breath_turns(seconds: float, left: float) -> None:
    assert seconds_left(seconds) == pytest.approx(left)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_refuses_moments_that_are_not_finite(bad: float) -> None:
    with pytest.raises(ValueError, match="finite"):
        phase_at(bad)
