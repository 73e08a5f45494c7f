"""The plan form's draft: edits, the plan it builds (checked as an import is), the file."""

from __future__ import annotations

import json
import os
import stat
import uuid
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from helpers import run_cli
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
    read_plan_file,
)
from emotrainer.core.plan_draft import (
    PlanDraft,
    PlanWriteError,
    TaskDraft,
    describe_problem,
    suggested_file_name,
    task_summary,
    with_plan_suffix,
    write_plan_file,
)
from emotrainer.resources import asset

VOCABULARY = shipped_vocabulary()
FAMILIES = frozenset(f.id for f in VOCABULARY.families)
LABELS = {f.id: f.label for f in VOCABULARY.families}
EXAMPLE = asset("homework", "example.emohw")
DAY = date(2026, 3, 4)
_EMPTY = ("expected non-empty text", "still empty")  # how the form says a blank field


def _draft(**changes: object) -> PlanDraft:
    draft = PlanDraft.new(DAY)
    draft.title = "Two weeks of check-ins"
    draft.tasks = [TaskDraft()]
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


# -- a new draft --------------------------------------------------------------------


def test_a_new_draft_runs_two_weeks_from_today_with_a_fresh_uuid() -> None:
    first, second = PlanDraft.new(DAY), PlanDraft.new(DAY)
    assert (first.start, first.end) == (DAY, date(2026, 3, 17))
    assert uuid.UUID(first.uuid).version == 4
    assert first.uuid != second.uuid
    assert (first.title, first.therapist, first.client) == ("", "", "")
    assert first.tasks == [] and first.reminders == []


def test_a_built_plan_is_what_the_form_holds() -> None:
    draft = _draft(
        therapist="Dr. Amira Haddad",
        reminders=[time(20, 30), time(9, 0)],
        tasks=[
            TaskDraft(TaskKind.CHECKIN, 2, Frequency.PER_DAY, ["anger"], "Morning and evening."),
            TaskDraft(TaskKind.TRAINER, 1, Frequency.PER_WEEK),
        ],
    )
    plan = draft.build(FAMILIES)
    assert plan == Plan(
        uuid=draft.uuid,
        title="Two weeks of check-ins",
        therapist="Dr. Amira Haddad",
        client=None,  # left empty: not in the file
        start=DAY,
        end=date(2026, 3, 17),
        tasks=(
            Task(TaskKind.CHECKIN, 2, Frequency.PER_DAY, ("anger",), "Morning and evening."),
            Task(TaskKind.TRAINER, 1, Frequency.PER_WEEK),
        ),
        reminders=(time(9, 0), time(20, 30)),  # sorted, as parse_plan keeps them
    )
    assert draft.build(FAMILIES).uuid == plan.uuid  # building again keeps the identity


# -- editing an opened plan ---------------------------------------------------------


def test_the_example_plan_round_trips_and_keeps_its_uuid() -> None:
    plan = read_plan_file(EXAMPLE, FAMILIES)
    draft = PlanDraft.from_plan(plan)
    assert draft.uuid == "7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70"
    assert draft.build(FAMILIES) == plan
    draft.title = "Three weeks"
    edited = draft.build(FAMILIES)
    assert edited.uuid == plan.uuid and edited.title == "Three weeks"


def test_editing_the_draft_leaves_the_plan_it_came_from_alone() -> None:
    plan = read_plan_file(EXAMPLE, FAMILIES)
    draft = PlanDraft.from_plan(plan)
    draft.tasks[0].focus_families.append("fear")
    draft.reminders.clear()
    assert plan.tasks[0].focus_families == ("anger",)
    assert plan.reminders == (time(9, 0), time(20, 30))
    copied = draft.copy()
    copied.tasks[0].focus_families.clear()
    assert draft.tasks[0].focus_families == ["anger", "fear"]
    assert copied != draft and draft.copy() == draft


_line = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1).filter(
    lambda s: bool(s.strip()) and len(s) <= homework.NAME_MAX
)
_tasks = st.builds(
    Task,
    kind=st.sampled_from(list(TaskKind)),
    times=st.integers(1, homework.TIMES_MAX),
    frequency=st.sampled_from(list(Frequency)),
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
        tasks=tuple(draw(st.lists(_tasks, min_size=1, max_size=homework.TASKS_MAX))),
        reminders=tuple(
            sorted(
                draw(st.sets(st.builds(time, st.integers(0, 23), st.integers(0, 59)), max_size=6))
            )
        ),
    )


@settings(max_examples=100, deadline=None, database=None)
@given(_plans())
def test_any_plan_comes_back_unchanged_through_a_draft(plan: Plan) -> None:
    assert PlanDraft.from_plan(plan).build(FAMILIES) == plan


# -- the task list ------------------------------------------------------------------


def _kinds(draft: PlanDraft) -> list[TaskKind]:
    return [t.kind for t in draft.tasks]


def test_tasks_are_added_moved_replaced_and_removed() -> None:
    draft = PlanDraft.new(DAY)
    assert draft.add_task(TaskDraft(TaskKind.CHECKIN)) == 0
    assert draft.add_task(TaskDraft(TaskKind.BODY_SCAN)) == 1
    assert draft.add_task(TaskDraft(TaskKind.GROUNDING)) == 2
    assert draft.move_up(2) == 1
    assert _kinds(draft) == [TaskKind.CHECKIN, TaskKind.GROUNDING, TaskKind.BODY_SCAN]
    assert draft.move_up(0) == 0  # the top stays the top
    assert draft.move_down(0) == 1
    assert _kinds(draft) == [TaskKind.GROUNDING, TaskKind.CHECKIN, TaskKind.BODY_SCAN]
    assert draft.move_down(2) == 2  # and the bottom the bottom
    draft.replace_task(1, TaskDraft(TaskKind.INVENTORY, 3, Frequency.PER_WEEK))
    draft.remove_task(0)
    assert _kinds(draft) == [TaskKind.INVENTORY, TaskKind.BODY_SCAN]
    draft.title = "Order"
    built = draft.build(FAMILIES)
    assert [t.kind for t in built.tasks] == [TaskKind.INVENTORY, TaskKind.BODY_SCAN]
    assert built.tasks[0].times == 3
    with pytest.raises(IndexError):
        draft.remove_task(2)
    with pytest.raises(IndexError):
        draft.move_up(-1)


def test_a_task_line_reads_as_the_form_lists_it() -> None:
    task = TaskDraft(TaskKind.CHECKIN, 2, Frequency.PER_DAY, ["fear", "sadness"])
    assert task_summary(task, LABELS) == "Check-in — 2 a day · focus: Fear, Sadness"
    assert task_summary(TaskDraft(TaskKind.TRAINER, 1, Frequency.PER_WEEK), LABELS) == (
        "Word trainer session — 1 a week"
    )
    with_text = TaskDraft(TaskKind.BODY_SCAN, instructions="<b>x</b>\nand more")
    assert task_summary(with_text, LABELS) == "Body scan — 1 a day · “<b>x</b>…”"
    long = TaskDraft(instructions="word " * 30)
    assert task_summary(long, LABELS).endswith("word word…”")


# -- every refusal names its place ----------------------------------------------------


@pytest.mark.parametrize(
    ("change", "place", "words"),
    [
        (lambda d: setattr(d, "title", ""), "title: ", "Title: "),
        (lambda d: setattr(d, "title", "x" * 201), "title: ", "Title: "),
        (lambda d: setattr(d, "title", "two\nlines"), "title: ", "Title: "),
        (lambda d: setattr(d, "therapist", "x" * 101), "therapist: ", "Therapist's name: "),
        (lambda d: setattr(d, "client", "   "), "client: ", "Client's name: "),
        (lambda d: setattr(d, "end", DAY - timedelta(days=1)), "end: ", "End: "),
        (lambda d: setattr(d, "end", DAY + timedelta(days=367)), "end: ", "End: "),
        (lambda d: setattr(d, "start", date(1999, 12, 31)), "start: ", "Start: "),
        (lambda d: d.tasks.clear(), "tasks: ", "Tasks: "),
        (lambda d: d.tasks.extend(TaskDraft() for _ in range(20)), "tasks: ", "Tasks: "),
        (lambda d: setattr(d.tasks[0], "times", 0), "tasks[0].times: ", "Task 1, times: "),
        (lambda d: setattr(d.tasks[0], "times", 21), "tasks[0].times: ", "Task 1, times: "),
        (
            lambda d: d.tasks[0].focus_families.append("nope"),
            "tasks[0].focus_families[0]: ",
            "Task 1, focus families: ",
        ),
        (
            lambda d: d.tasks[0].focus_families.extend(["fear", "fear"]),
            "tasks[0].focus_families[1]: ",
            "Task 1, focus families: ",
        ),
        (
            lambda d: setattr(d.tasks[0], "instructions", "x" * 2001),
            "tasks[0].instructions: ",
            "Task 1, instructions: ",
        ),
        (
            lambda d: setattr(d.tasks[0], "instructions", "bell\x07"),
            "tasks[0].instructions: ",
            "Task 1, instructions: ",
        ),
        (
            lambda d: d.reminders.extend([time(9, 0), time(9, 0)]),
            "reminders[1]: ",
            "Reminder 2: ",
        ),
        (
            lambda d: d.reminders.extend(time(h, 0) for h in range(7)),
            "reminders: ",
            "Reminders: ",
        ),
    ],
)
def test_every_refusal_names_its_place(change, place: str, words: str) -> None:  # type: ignore[no-untyped-def]
    draft = _draft(tasks=[TaskDraft(), TaskDraft(TaskKind.BODY_SCAN)])
    draft.build(FAMILIES)  # valid before the change
    change(draft)
    with pytest.raises(BadInput) as refused:
        draft.build(FAMILIES)
    message = str(refused.value)
    assert message.startswith(place), message
    assert describe_problem(message).startswith(words)
    assert describe_problem(message).endswith(message[len(place) :].replace(*_EMPTY))


def test_the_third_task_is_task_3() -> None:
    draft = _draft(tasks=[TaskDraft(), TaskDraft(), TaskDraft(times=99)])
    with pytest.raises(BadInput, match=r"^tasks\[2\]\.times: expected a whole number from 1 to 20"):
        draft.build(FAMILIES)
    assert describe_problem("tasks[2].times: expected a whole number from 1 to 20") == (
        "Task 3, times: expected a whole number from 1 to 20"
    )
    assert describe_problem("something else: as it is") == "something else: as it is"
    assert describe_problem("title: expected non-empty text") == "Title: still empty"


# -- the file -------------------------------------------------------------------------


def test_a_written_plan_reads_back_and_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    plan = _draft(
        client="Sam",
        tasks=[TaskDraft(TaskKind.UNPACK, 3, Frequency.PER_WEEK, ["shame"], "Ça va — «doux»\n")],
        reminders=[time(8, 15)],
    ).build(FAMILIES)
    folder = tmp_path / "plans"
    folder.mkdir()
    written = write_plan_file(plan, folder / "sam")
    assert written == folder / "sam.emohw"  # the suffix is added
    assert read_plan_file(written, FAMILIES) == plan
    text = written.read_text(encoding="utf-8")
    assert "Ça va — «doux»" in text  # not \u-escaped
    assert text.startswith('{\n "format": "emotrainer-homework",\n "version": 1,')
    assert text.endswith("}\n")
    if os.name == "posix":
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["sam.emohw"]  # no partial file left
    capsys.readouterr()
    assert run_cli(["homework", "validate", str(written)]) == 0
    assert "a valid homework plan" in capsys.readouterr().out


def test_writing_again_replaces_the_file_and_keeps_a_given_suffix(tmp_path: Path) -> None:
    first = _draft(title="First").build(FAMILIES)
    target = tmp_path / "Plan.EMOHW"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    assert write_plan_file(first, target) == target
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "First"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert with_plan_suffix(Path("a.b")) == Path("a.b.emohw")


def test_a_failed_write_names_the_file_and_leaves_nothing(tmp_path: Path) -> None:
    plan = _draft().build(FAMILIES)
    folder = tmp_path / "plans"
    folder.mkdir()
    missing = folder / "no such folder" / "plan.emohw"
    with pytest.raises(PlanWriteError, match=r"no such folder/plan\.emohw: cannot write"):
        write_plan_file(plan, missing)
    assert list(folder.iterdir()) == []


def test_a_file_name_is_suggested_from_the_title() -> None:
    assert suggested_file_name("Two weeks: noticing anger") == "two-weeks-noticing-anger.emohw"
    assert suggested_file_name("<b>?!</b>") == "b-b.emohw"
    assert suggested_file_name("  ") == "homework-plan.emohw"


def test_a_write_that_fails_at_the_end_leaves_no_partial_file(tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    (folder / "plan.emohw").mkdir(parents=True)  # a folder where the file would go
    with pytest.raises(PlanWriteError, match=r"plan\.emohw: cannot write"):
        write_plan_file(_draft().build(FAMILIES), folder / "plan.emohw")
    assert [p.name for p in folder.iterdir()] == ["plan.emohw"]
    assert (folder / "plan.emohw").is_dir()
