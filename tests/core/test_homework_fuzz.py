"""Fuzzing the plan reader: whatever comes in, a Plan or BadInput comes out, nothing else."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emotrainer.content import shipped_vocabulary
from emotrainer.core.homework import BadInput, Plan, parse_plan, plan_document, read_plan_file
from emotrainer.resources import asset

FAMILIES = frozenset(f.id for f in shipped_vocabulary().families)
_EXAMPLE: dict[str, Any] = json.loads(asset("homework", "example.emohw").read_text("utf-8"))
_FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp"]), max_size=3)
    | st.sampled_from(
        [
            "emotrainer-homework",
            "checkin",
            "trainer",
            "per_day",
            "per_week",
            "anger",
            "2026-03-04",
            "2026-02-29",
            "09:00",
            "24:00",
            "7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70",
            "",
            " ",
            "\ud800",
            "x" * 2_001,
        ]
    )
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=15), inner, max_size=5)
    ),
    max_leaves=25,
)


def _only_plan_or_bad_input(data: Any) -> None:
    try:
        plan = parse_plan(data, FAMILIES)
    except BadInput as exc:
        assert "\n" not in str(exc)  # one line, always
        return
    assert isinstance(plan, Plan)
    assert parse_plan(plan_document(plan), FAMILIES) == plan  # what was accepted can be saved


@_FUZZ
@given(_json)
def test_arbitrary_json_gives_a_plan_or_bad_input(data: Any) -> None:
    _only_plan_or_bad_input(data)


@_FUZZ
@given(_json.map(lambda tasks: {**_EXAMPLE, "tasks": tasks}))
def test_arbitrary_tasks_give_a_plan_or_bad_input(data: Any) -> None:
    _only_plan_or_bad_input(data)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


_ALL_PATHS = _paths(_EXAMPLE)
_replacements = (
    _json
    | st.text(min_size=90, max_size=3_000)  # around and over every length limit
    | st.integers()  # any size, not just the JSON-ish ones
    | st.dates().map(lambda d: d.isoformat())
    | st.times().map(lambda t: t.strftime("%H:%M"))
    | st.uuids().map(str)
    | st.sampled_from(sorted(FAMILIES))
)


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    """The example with one to four fields dropped, replaced, or joined by junk."""
    doc = copy.deepcopy(_EXAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(_ALL_PATHS))
        node: Any = doc
        try:
            for key in path[:-1]:
                node = node[key]
            action = draw(st.sampled_from(["drop", "replace", "replace", "replace", "add"]))
            if action == "drop" and isinstance(node, dict):
                del node[path[-1]]
            elif action == "add" and isinstance(node, dict):
                node[draw(st.text(max_size=12))] = draw(_json)
            elif action == "add" and isinstance(node, list):
                node.append(draw(_json))
            else:
                node[path[-1]] = draw(_replacements)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return doc


@_FUZZ
@given(_mutated())
def test_mutated_examples_give_a_plan_or_bad_input(data: Any) -> None:
    _only_plan_or_bad_input(data)


def _read(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    try:
        plan = read_plan_file(path, FAMILIES)
    except BadInput as exc:
        assert str(exc).startswith(f"{path}: ")
        assert "\n" not in str(exc)
        return
    assert isinstance(plan, Plan)


@_FUZZ
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_give_a_plan_or_bad_input(tmp_path: Path, raw: bytes) -> None:
    _read(tmp_path / "fuzz.emohw", raw)


_example_bytes = asset("homework", "example.emohw").read_bytes()


@st.composite
def _damaged_bytes(draw: st.DrawFn) -> bytes:
    """The example file with bytes flipped, cut, or inserted."""
    raw = bytearray(_example_bytes)
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["flip", "cut", "insert"]))
        if action == "flip" and where < len(raw):
            raw[where] = draw(st.integers(0, 255))
        elif action == "cut":
            del raw[where : where + draw(st.integers(1, 40))]
        else:
            raw[where:where] = draw(st.binary(min_size=1, max_size=8))
    return bytes(raw)


@_FUZZ
@given(_damaged_bytes())
def test_damaged_files_give_a_plan_or_bad_input(tmp_path: Path, raw: bytes) -> None:
    _read(tmp_path / "damaged.emohw", raw)
