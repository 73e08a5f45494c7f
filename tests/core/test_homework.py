"""The .emohw plan format: strict reading, the inverse for saving, the schema and the docs."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emotrainer.content import shipped_vocabulary
from emotrainer.core import homework
from emotrainer.core.homework import (
    BadInput,
    Frequency,
    Plan,
    Task,
    TaskKind,
    parse_plan,
    plan_document,
    read_plan_file,
)
from emotrainer.core.models import EntryKind
from emotrainer.resources import asset

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = frozenset(f.id for f in shipped_vocabulary().families)
EXAMPLE = asset("homework", "example.emohw")
SCHEMA = asset("homework", "emohw.schema.json")


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


def _minimal() -> dict[str, Any]:
    return {
        "format": "emotrainer-homework",
        "version": 1,
        "uuid": "00000000-0000-4000-8000-000000000001",
        "title": "One check-in a day",
        "start": "2026-01-05",
        "end": "2026-01-11",
        "tasks": [{"kind": "checkin", "times": 1, "frequency": "per_day"}],
    }


# -- reading a valid plan --------------------------------------------------------------


def test_the_example_plan() -> None:
    plan = parse_plan(_example(), FAMILIES)
    assert plan.uuid == "7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70"
    assert plan.title == "Two weeks: noticing anger in the body"
    assert (plan.therapist, plan.client) == ("Dr. Amira Haddad", "Sam")
    assert (plan.start, plan.end) == (date(2026, 3, 4), date(2026, 3, 17))
    assert plan.tasks[0] == Task(
        TaskKind.CHECKIN,
        2,
        Frequency.PER_DAY,
        ("anger",),
        'Once in the morning and once in the evening. Any word is fine, and so is "I can\'t tell".',
    )
    assert [(t.kind, t.times, t.frequency) for t in plan.tasks[1:]] == [
        (TaskKind.BODY_SCAN, 3, Frequency.PER_WEEK),
        (TaskKind.TRAINER, 1, Frequency.PER_WEEK),
    ]
    assert plan.reminders == (time(9, 0), time(20, 30))
    assert plan.focus_families == ("anger", "fear")


def test_a_minimal_plan_has_the_defaults() -> None:
    plan = parse_plan(_minimal(), FAMILIES)
    assert plan.therapist is None and plan.client is None
    assert plan.reminders == ()
    assert plan.tasks == (Task(TaskKind.CHECKIN, 1, Frequency.PER_DAY),)
    assert plan.tasks[0].focus_families == () and plan.tasks[0].instructions == ""
    assert plan.focus_families == ()


def test_optional_fields_may_be_null() -> None:
    doc = _minimal()
    doc.update(therapist=None, client=None, reminders=None)
    doc["tasks"][0].update(focus_families=None, instructions=None)
    assert parse_plan(doc, FAMILIES) == parse_plan(_minimal(), FAMILIES)


def test_task_kinds_are_the_exercises_and_the_trainer() -> None:
    assert {k.value for k in TaskKind} == {k.value for k in EntryKind} | {"trainer"}
    for kind in TaskKind:
        doc = _minimal()
        doc["tasks"][0]["kind"] = kind.value
        assert parse_plan(doc, FAMILIES).tasks[0].kind is kind


def test_reminders_are_kept_sorted() -> None:
    doc = _minimal()
    doc["reminders"] = ["20:30", "07:05", "00:00", "23:59"]
    assert parse_plan(doc, FAMILIES).reminders == (
        time(0, 0),
        time(7, 5),
        time(20, 30),
        time(23, 59),
    )


def test_the_uuid_is_kept_in_lower_case() -> None:
    doc = _minimal()
    doc["uuid"] = "7C0E4F52-3B8A-4D1E-9F6A-2E5B8C1D4A70"
    assert parse_plan(doc, FAMILIES).uuid == "7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70"


def test_limits_that_are_allowed() -> None:
    doc = _minimal()
    doc["title"] = "t" * homework.TITLE_MAX
    doc["therapist"] = "n" * homework.NAME_MAX
    doc["end"] = "2027-01-06"  # 366 days after 2026-01-05
    doc["tasks"] = [
        {"kind": "grounding", "times": 20, "frequency": "per_week", "instructions": "x" * 2000}
    ] * 20
    doc["reminders"] = ["06:00", "08:00", "10:00", "12:00", "14:00", "16:00"]
    doc["tasks"][0] = {**doc["tasks"][0], "focus_families": sorted(FAMILIES)}
    plan = parse_plan(doc, FAMILIES)
    assert len(plan.tasks) == 20 and (plan.end - plan.start).days == 366
    assert set(plan.focus_families) == FAMILIES


def test_instructions_keep_line_breaks_and_markup_as_text() -> None:
    doc = _minimal()
    doc["tasks"][0]["instructions"] = "Line one\r\nline two\tand <b>not bold</b> 😶‍🌫️"
    plan = parse_plan(doc, FAMILIES)
    assert plan.tasks[0].instructions == "Line one\r\nline two\tand <b>not bold</b> 😶‍🌫️"


# -- writing -------------------------------------------------------------------------


def test_plan_document_is_the_inverse() -> None:
    for doc in (_example(), _minimal()):
        plan = parse_plan(doc, FAMILIES)
        written = plan_document(plan)
        assert parse_plan(json.loads(json.dumps(written)), FAMILIES) == plan


def test_plan_document_writes_the_example_back_exactly() -> None:
    assert plan_document(parse_plan(_example(), FAMILIES)) == _example()
    assert list(plan_document(parse_plan(_example(), FAMILIES))) == list(_example())


def test_plan_document_leaves_out_missing_names() -> None:
    written = plan_document(parse_plan(_minimal(), FAMILIES))
    assert "therapist" not in written and "client" not in written
    assert written["reminders"] == [] and written["tasks"][0]["focus_families"] == []


_line = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() != "")
_tasks = st.builds(
    Task,
    kind=st.sampled_from(TaskKind),
    times=st.integers(1, 20),
    frequency=st.sampled_from(Frequency),
    focus_families=st.lists(st.sampled_from(sorted(FAMILIES)), unique=True).map(tuple),
    instructions=st.text(st.characters(blacklist_categories=("Cc", "Cs")) | st.just("\n")),
)


@st.composite
def _plans(draw: st.DrawFn) -> Plan:
    start = draw(st.dates(homework.FIRST_DATE, homework.LAST_DATE - timedelta(366)))
    return Plan(
        uuid=str(draw(st.uuids())),
        title=draw(_line),
        therapist=draw(st.none() | _line),
        client=draw(st.none() | _line),
        start=start,
        end=start + timedelta(draw(st.integers(0, 366))),
        tasks=tuple(draw(st.lists(_tasks, min_size=1, max_size=20))),
        reminders=tuple(
            sorted(
                draw(st.sets(st.builds(time, st.integers(0, 23), st.integers(0, 59)), max_size=6))
            )
        ),
    )


@settings(max_examples=150, deadline=None, database=None)
@given(_plans())
def test_any_valid_plan_round_trips_through_a_file(plan: Plan) -> None:
    text = json.dumps(plan_document(plan), ensure_ascii=False)
    assert parse_plan(json.loads(text), FAMILIES) == plan


# -- refusals ------------------------------------------------------------------------


def _set(path: str, value: Any) -> Any:
    """A change that sets the value at a dotted path like 'tasks.0.times'."""

    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _delete(path: str) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[int(last) if isinstance(node, list) else last]

    return change


_KINDS = (
    "expected one of checkin, body_scan, unpack, grounding, session_before, session_after,"
    " inventory, trainer"
)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("format", "emotrainer-export"), r"^format: not an emotrainer homework plan"),
        (_delete("format"), r"^top level: missing field 'format'"),
        (_set("version", 2), r"^version: written by a newer emotrainer \(format 2;"),
        (_set("version", 0), r"^version: expected a whole number"),
        (_set("version", "1"), r"^version: expected a whole number"),
        (_set("titel", "typo"), r"^top level: unexpected field 'titel'"),
        (_delete("uuid"), r"^top level: missing field 'uuid'"),
        (_set("uuid", "not-a-uuid"), r"^uuid: expected a UUID like"),
        (_set("uuid", "{7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70}"), r"^uuid: expected a UUID"),
        (_set("uuid", "7c0e4f523b8a4d1e9f6a2e5b8c1d4a70"), r"^uuid: expected a UUID"),
        (_set("uuid", 7), r"^uuid: expected text"),
        (_set("title", ""), r"^title: expected non-empty text"),
        (_set("title", "   "), r"^title: expected non-empty text"),
        (_set("title", "x" * 201), r"^title: longer than 200 characters"),
        (_set("title", "two\nlines"), r"^title: contains a line break or tab \(U\+000A\)"),
        (_set("title", "para\u2029graph"), r"^title: contains a line break or tab \(U\+2029\)"),
        (_set("title", "bell\x07"), r"^title: contains the control character U\+0007"),
        (_set("title", "half \ud800"), r"^title: contains U\+D800, half of a surrogate pair"),
        (_set("therapist", ""), r"^therapist: expected non-empty text"),
        (_set("therapist", "x" * 101), r"^therapist: longer than 100 characters"),
        (_set("client", ["Sam"]), r"^client: expected text"),
        (_set("start", "2026-3-04"), r"^start: expected a date like 2026-03-02, got '2026-3-04'"),
        (_set("start", "20260304"), r"^start: expected a date like"),
        (_set("start", "2026-02-30"), r"^start: expected a date like"),
        (_set("start", "２０２６-03-04"), r"^start: expected a date like"),
        (_set("start", "1999-12-31"), r"^start: expected a date from 2000-01-01 to 2999-12-31"),
        (_set("end", "2026-03-03"), r"^end: the plan ends before it starts \(2026-03-04\)"),
        (_set("end", "2027-03-06"), r"^end: a plan lasts at most 366 days after its start"),
        (_delete("end"), r"^top level: missing field 'end'"),
        (_set("tasks", []), r"^tasks: expected at least one task"),
        (_set("tasks", {}), r"^tasks: expected a list"),
        (_set("tasks", [_minimal()["tasks"][0]] * 21), r"^tasks: more than 20 items"),
        (_set("tasks.1", "checkin"), r"^tasks\[1\]: expected an object"),
        (_set("tasks.0.kind", "nap"), rf"^tasks\[0\]\.kind: unknown exercise 'nap'; {_KINDS}$"),
        (_set("tasks.0.kind", 3), rf"^tasks\[0\]\.kind: {_KINDS}$"),
        (_delete("tasks.2.kind"), r"^tasks\[2\]: missing field 'kind'"),
        (_set("tasks.2.times", 0), r"^tasks\[2\]\.times: expected a whole number from 1 to 20$"),
        (_set("tasks.2.times", 21), r"^tasks\[2\]\.times: expected a whole number from 1 to 20$"),
        (_set("tasks.2.times", 2.0), r"^tasks\[2\]\.times: expected a whole number"),
        (_set("tasks.2.times", True), r"^tasks\[2\]\.times: expected a whole number"),
        (_set("tasks.1.frequency", "monthly"), r"^tasks\[1\]\.frequency: expected 'per_day' or"),
        (_set("tasks.1.focus_families", "anger"), r"^tasks\[1\]\.focus_families: expected a list"),
        (
            _set("tasks.2.focus_families.1", "ennui"),
            r"^tasks\[2\]\.focus_families\[1\]: unknown fam",
        ),
        (
            _set("tasks.2.focus_families.1", "anger"),
            r"^tasks\[2\]\.focus_families\[1\]: 'anger' ap",
        ),
        (_set("tasks.2.focus_families.0", 1), r"^tasks\[2\]\.focus_families\[0\]: expected text"),
        (_set("tasks.0.instructions", "x" * 2001), r"^tasks\[0\]\.instructions: longer than 2000"),
        (
            _set("tasks.0.instructions", "nul\x00"),
            r"^tasks\[0\]\.instructions: contains the control",
        ),
        (_set("tasks.0.extra", 1), r"^tasks\[0\]: unexpected field 'extra'"),
        (_set("reminders", "09:00"), r"^reminders: expected a list"),
        (
            _set("reminders.0", "9:00"),
            r"^reminders\[0\]: expected a 24-hour time like 09:00 or 20:30, got",
        ),
        (_set("reminders.0", "24:00"), r"^reminders\[0\]: expected a 24-hour time"),
        (_set("reminders.1", "09:60"), r"^reminders\[1\]: expected a 24-hour time"),
        (_set("reminders.1", "09:00"), r"^reminders\[1\]: '09:00' appears twice"),
        (_set("reminders", [f"0{h}:00" for h in range(7)]), r"^reminders: more than 6 items"),
    ],
)
def test_refusals_name_the_place(change: Any, expected: str) -> None:
    doc = _example()
    change(doc)
    with pytest.raises(BadInput, match=expected) as caught:
        parse_plan(doc, FAMILIES)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("data", [None, [], "plan", 3, True, {}, {"format": "emotrainer-homework"}])
def test_refuses_what_is_not_a_plan(data: Any) -> None:
    with pytest.raises(BadInput, match=r"^(top level|format|version):"):
        parse_plan(data, FAMILIES)


def test_families_are_checked_against_the_given_ones() -> None:
    doc = _example()
    with pytest.raises(BadInput, match=r"^tasks\[0\]\.focus_families\[0\]: unknown family 'anger'"):
        parse_plan(doc, {"joy", "calm"})


def test_the_problem_first_in_the_document_is_reported() -> None:
    doc = _example()
    doc["title"] = ""
    doc["tasks"][0]["times"] = 0
    with pytest.raises(BadInput, match=r"^title:"):
        parse_plan(doc, FAMILIES)


def test_a_refused_plan_leaves_the_document_as_it_was() -> None:
    doc = _example()
    doc["tasks"][1]["times"] = 99
    before = copy.deepcopy(doc)
    with pytest.raises(BadInput):
        parse_plan(doc, FAMILIES)
    assert doc == before


# -- reading files -----------------------------------------------------------------------


def _write(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "plan.emohw"
    path.write_bytes(raw)
    return path


def test_read_the_example_file() -> None:
    assert read_plan_file(EXAMPLE, FAMILIES) == parse_plan(_example(), FAMILIES)


def test_a_byte_order_mark_is_allowed(tmp_path: Path) -> None:
    path = _write(tmp_path, b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert read_plan_file(path, FAMILIES).title == "Two weeks: noticing anger in the body"


def test_a_file_error_names_the_file_and_the_place(tmp_path: Path) -> None:
    doc = _example()
    doc["tasks"][2]["times"] = 30
    path = _write(tmp_path, json.dumps(doc).encode())
    with pytest.raises(BadInput) as caught:
        read_plan_file(path, FAMILIES)
    assert str(caught.value) == f"{path}: tasks[2].times: expected a whole number from 1 to 20"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", r"line 1 column 1: Expecting value"),
        (b'{"format": "emotrainer-homework",\n "version": }', r"line 2 column 13"),
        (b'{"title": "caf\xe9"}', r"byte 14: not UTF-8 text$"),
        (b"\xff\xfe{\x00}\x00", r"byte 0: not UTF-8 text$"),
        (b'{"version": NaN}', r"not valid JSON \(NaN is not a JSON number\)"),
        (b'{"version": -Infinity}', r"not valid JSON"),
        (b"[" + b"7" * 5000 + b"]", r"not valid JSON"),
        (b"[" * 100_000, r"nested too deeply to be a homework plan"),
        (b"[]", r"top level: expected an object$"),
    ],
    ids=["empty", "syntax", "latin-1", "utf-16", "nan", "infinity", "huge-int", "deep", "list"],
)
def test_files_that_are_not_plans(tmp_path: Path, raw: bytes, expected: str) -> None:
    path = _write(tmp_path, raw)
    with pytest.raises(BadInput, match=rf"^{re.escape(str(path))}: .*{expected}"):
        read_plan_file(path, FAMILIES)


def test_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = EXAMPLE.read_bytes()
    path = _write(tmp_path, raw)
    monkeypatch.setattr(homework, "MAX_BYTES", len(raw))
    assert read_plan_file(path, FAMILIES).title  # exactly at the cap: fine
    monkeypatch.setattr(homework, "MAX_BYTES", len(raw) - 1)
    with pytest.raises(BadInput, match=rf"^{re.escape(str(path))}: larger than \d"):
        read_plan_file(path, FAMILIES)


def test_the_cap_is_one_megabyte(tmp_path: Path) -> None:
    assert homework.MAX_BYTES == 1024 * 1024
    path = _write(tmp_path, b" " * homework.MAX_BYTES + b"{}")
    with pytest.raises(BadInput, match=r": larger than 1 MB$"):
        read_plan_file(path, FAMILIES)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(homework, "MAX_BYTES", 64 * 1024)
    with pytest.raises(BadInput, match=r"^/dev/zero: larger than 64 KB$"):
        read_plan_file(Path("/dev/zero"), FAMILIES)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"nosuch\.emohw: cannot read \(No such file"):
        read_plan_file(tmp_path / "nosuch.emohw", FAMILIES)
    with pytest.raises(BadInput, match=r": cannot read \("):
        read_plan_file(tmp_path, FAMILIES)


# -- the schema and the docs say the same as the code -------------------------------------


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return schema


def _enum(node: dict[str, Any]) -> list[Any]:
    """The enum of a property, looking inside anyOf and array items."""
    if "enum" in node:
        return list(node["enum"])
    if "anyOf" in node:
        return [v for option in node["anyOf"] for v in _enum(option)]
    if "items" in node:
        return _enum(node["items"])
    return []


def test_schema_fields_match_the_parser() -> None:
    schema = _schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["required"] == list(homework.REQUIRED_FIELDS)
    assert set(schema["properties"]) == {*homework.REQUIRED_FIELDS, *homework.OPTIONAL_FIELDS}
    assert schema["properties"]["format"] == {"const": homework.FORMAT_NAME}
    assert schema["properties"]["version"] == {"const": homework.FORMAT_VERSION}
    task = schema["$defs"]["task"]
    assert task["additionalProperties"] is False
    assert task["required"] == list(homework.TASK_REQUIRED_FIELDS)
    assert set(task["properties"]) == {
        *homework.TASK_REQUIRED_FIELDS,
        *homework.TASK_OPTIONAL_FIELDS,
    }


def test_schema_enums_and_limits_match_the_parser() -> None:
    schema = _schema()
    props, task = schema["properties"], schema["$defs"]["task"]["properties"]
    assert _enum(task["kind"]) == [k.value for k in TaskKind]
    assert _enum(task["frequency"]) == [f.value for f in Frequency]
    assert _enum(task["focus_families"]) == [f.id for f in shipped_vocabulary().families]
    assert (task["times"]["minimum"], task["times"]["maximum"]) == (1, homework.TIMES_MAX)
    assert task["instructions"]["anyOf"][0]["maxLength"] == homework.INSTRUCTIONS_MAX
    assert props["title"]["maxLength"] == homework.TITLE_MAX
    assert props["therapist"]["anyOf"][0]["maxLength"] == homework.NAME_MAX
    assert props["client"]["anyOf"][0]["maxLength"] == homework.NAME_MAX
    assert (props["tasks"]["minItems"], props["tasks"]["maxItems"]) == (1, homework.TASKS_MAX)
    assert props["reminders"]["anyOf"][0]["maxItems"] == homework.REMINDERS_MAX
    date_pattern = schema["$defs"]["date"]["pattern"]
    assert re.fullmatch(date_pattern, homework.FIRST_DATE.isoformat())
    assert re.fullmatch(date_pattern, homework.LAST_DATE.isoformat())
    assert not re.fullmatch(date_pattern, "1999-12-31")


def test_the_example_validates_against_the_schema() -> None:
    import jsonschema  # a dev dependency: this check never skips

    parse_plan(_example(), FAMILIES)
    validator = jsonschema.Draft202012Validator(_schema())
    validator.check_schema(_schema())
    assert list(validator.iter_errors(_example())) == []
    assert list(validator.iter_errors(plan_document(parse_plan(_minimal(), FAMILIES)))) == []
    bad = _example()
    bad["tasks"][0]["kind"] = "nap"
    assert list(validator.iter_errors(bad))


def _doc_example() -> Any:
    text = (ROOT / "docs" / "homework-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", text, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_the_documented_example_is_the_shipped_one_and_parses() -> None:
    assert _doc_example() == _example()
    assert parse_plan(_doc_example(), FAMILIES) == parse_plan(_example(), FAMILIES)


def test_the_docs_list_every_field_and_kind() -> None:
    text = (ROOT / "docs" / "homework-format.md").read_text(encoding="utf-8")
    fields = (*homework.REQUIRED_FIELDS, *homework.OPTIONAL_FIELDS)
    for name in (*fields, *homework.TASK_REQUIRED_FIELDS, *homework.TASK_OPTIONAL_FIELDS):
        assert f"| `{name}` |" in text, name
    for value in (*TaskKind, *Frequency, *FAMILIES):
        assert f"`{value}`" in text, value
