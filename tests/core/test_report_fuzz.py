"""Fuzzing the report reader: whatever comes in, a Report or BadInput comes out, nothing else."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emotrainer.core.progress_types import Chart, Point, Series
from emotrainer.core.report import (
    FIGURE_KEYS,
    HomeworkPart,
    NoteLine,
    Report,
    Section,
    TaskCount,
    WordUsed,
)
from emotrainer.core.report_format import parse_report, read_report_file, report_document
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Level

_FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_REPORT = Report(
    first_day=date(2026, 3, 2),
    last_day=date(2026, 3, 8),
    made_utc="2026-03-09T18:00:00.000Z",
    app_version="0.1.0",
    sections=frozenset(Section),
    figures={key: (1 if key != "differentiation" else None) for key in FIGURE_KEYS},
    charts=(
        Chart(
            "vocabulary",
            "Feelings you have named",
            "words",
            (
                Series(
                    "all", "All words", (Point(date(2026, 3, 2), 2.0), Point(date(2026, 3, 3), 3.0))
                ),
            ),
            "By 8 March 2026 you had named 3 different feelings.",
        ),
        Chart("body", "Places noticed", "per check-in", (), "No body marks.", "Nothing yet.", 7),
    ),
    heat={"chest": 2.0, "jaw": 1.0},
    words=(
        WordUsed("irritated", "Irritated", "Anger", Level.SPECIFIC, 2, date(2026, 2, 1), False),
        WordUsed("user_ab12", "Wabi-sabi", "Calm", None, 1, date(2026, 3, 4), True),
    ),
    homework=(
        HomeworkPart(
            "Two weeks",
            "Dr. Haddad",
            date(2026, 3, 4),
            date(2026, 3, 17),
            (TaskCount("Check-in (2 a day)", 3, 10),),
            0.3,
        ),
    ),
    notes=(NoteLine(date(2026, 3, 3), "Check-in", ("Numb",), "Far away\nall evening"),),
)
_EXAMPLE: dict[str, Any] = json.loads(json.dumps(report_document(_REPORT)))


def test_the_example_is_valid() -> None:
    assert parse_report(_EXAMPLE) == _REPORT


_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp"]), max_size=3)
    | st.sampled_from(
        [
            "emotrainer-report",
            "summary",
            "notes",
            "vocabulary",
            "specific",
            "chest",
            "2026-03-04",
            "2026-02-29",
            "2026-03-09T18:00:00.000Z",
            "",
            " ",
            "\ud800",
            "x" * 201,
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


def _only_report_or_bad_input(data: Any) -> None:
    try:
        report = parse_report(data)
    except BadInput as exc:
        assert "\n" not in str(exc)  # one line, always
        return
    assert isinstance(report, Report)
    assert parse_report(json.loads(json.dumps(report_document(report)))) == report


@_FUZZ
@given(_json)
def test_arbitrary_json_gives_a_report_or_bad_input(data: Any) -> None:
    _only_report_or_bad_input(data)


@_FUZZ
@given(st.sampled_from(sorted(_EXAMPLE)), _json)
def test_any_field_replaced_gives_a_report_or_bad_input(key: str, value: Any) -> None:
    _only_report_or_bad_input({**_EXAMPLE, key: value})


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
    | st.text(min_size=190, max_size=21_000)  # around and over every length limit
    | st.integers()  # any size, not just the JSON-ish ones
    | st.floats(min_value=-2, max_value=200)
    | st.dates().map(lambda d: d.isoformat())
    | st.sampled_from([s.value for s in Section])
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
            if action == "drop" and isinstance(node, dict | list):
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
def test_mutated_examples_give_a_report_or_bad_input(data: Any) -> None:
    _only_report_or_bad_input(data)


def _read(path: Path, raw: bytes) -> None:
    path.write_bytes(raw)
    try:
        report = read_report_file(path)
    except BadInput as exc:
        assert str(exc).startswith(f"{path}: ")
        assert "\n" not in str(exc)
        return
    assert isinstance(report, Report)


@_FUZZ
@given(st.binary(max_size=2_000))
def test_arbitrary_bytes_give_a_report_or_bad_input(tmp_path: Path, raw: bytes) -> None:
    _read(tmp_path / "fuzz.emoreport", raw)


_example_bytes = json.dumps(_EXAMPLE, indent=1).encode("utf-8")


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
def test_damaged_files_give_a_report_or_bad_input(tmp_path: Path, raw: bytes) -> None:
    _read(tmp_path / "damaged.emoreport", raw)
