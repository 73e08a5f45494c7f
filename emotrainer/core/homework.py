"""Homework plans: the ``.emohw`` format a therapist writes and a client imports.

A plan is JSON (``{"format": "emotrainer-homework", "version": 1, ...}``): a
title, optional therapist and client display names, start and end dates, the
tasks (an exercise kind, how many times per day or per week, focus families,
instructions) and reminder times. docs/homework-format.md describes it field by
field; assets/homework/emohw.schema.json says the same as a JSON Schema, and a
test keeps the two from drifting apart.

Plans come from outside, so they are untrusted: capped at 1 MB, read strictly
(unknown fields refused), and every refusal is a BadInput whose one-line
message names the place ("tasks[2].times: expected a whole number from 1 to
20"). Their text is plain text; the UI never shows it as rich text. How well a
plan was followed is in adherence.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum
from pathlib import Path
from typing import Any

from emotrainer.core.validate import BadInput, Reader, read_untrusted_json

FORMAT_NAME = "emotrainer-homework"
FORMAT_VERSION = 1
MAX_BYTES = 1024 * 1024

TITLE_MAX = 200
NAME_MAX = 100
INSTRUCTIONS_MAX = 2_000
TIMES_MAX = 20
TASKS_MAX = 20
REMINDERS_MAX = 6
DAYS_MAX = 366  # the end is at most this many days after the start
FIRST_DATE, LAST_DATE = date(2000, 1, 1), date(2999, 12, 31)

REQUIRED_FIELDS = ("format", "version", "uuid", "title", "start", "end", "tasks")
OPTIONAL_FIELDS = ("therapist", "client", "reminders")
TASK_REQUIRED_FIELDS = ("kind", "times", "frequency")
TASK_OPTIONAL_FIELDS = ("focus_families", "instructions")


class TaskKind(StrEnum):
    """What a task asks for: one of the exercises (the entry kinds) or the word trainer."""

    CHECKIN = "checkin"
    BODY_SCAN = "body_scan"
    UNPACK = "unpack"
    GROUNDING = "grounding"
    SESSION_BEFORE = "session_before"
    SESSION_AFTER = "session_after"
    INVENTORY = "inventory"
    TRAINER = "trainer"  # a word-trainer session


class Frequency(StrEnum):
    PER_DAY = "per_day"
    PER_WEEK = "per_week"


@dataclass(frozen=True, slots=True)
class Task:
    kind: TaskKind
    times: int  # 1–20, per day or per week
    frequency: Frequency
    focus_families: tuple[str, ...] = ()  # family ids, each once
    instructions: str = ""  # plain text, may hold line breaks


@dataclass(frozen=True, slots=True)
class Plan:
    """A validated plan. Build one with parse_plan, so the same rules always hold."""

    uuid: str  # lower-case canonical UUID text
    title: str
    therapist: str | None
    client: str | None
    start: date
    end: date  # inclusive
    tasks: tuple[Task, ...]
    reminders: tuple[time, ...] = ()  # whole minutes, each once, sorted

    @property
    def focus_families(self) -> tuple[str, ...]:
        """The tasks' focus families together, each once, in the order they first appear."""
        return tuple(dict.fromkeys(f for task in self.tasks for f in task.focus_families))


# -- reading ------------------------------------------------------------------

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I | re.A)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")
_LINE_BREAKS = frozenset("\n\r\t")


def parse_plan(data: Any, known_families: Collection[str]) -> Plan:
    """Validate a parsed ``.emohw`` document in full; BadInput names the place.

    ``known_families`` are the family ids a task may focus on.
    """
    top = Reader(data).obj()
    if top.get("format").value != FORMAT_NAME:
        top.get("format").fail(f"not an emotrainer homework plan (expected {FORMAT_NAME!r})")
    version = top.get("version").integer(1, 1_000_000)
    if version > FORMAT_VERSION:
        top.get("version").fail(
            f"written by a newer emotrainer (format {version}; this version reads up to "
            f"{FORMAT_VERSION})"
        )
    top.obj({*REQUIRED_FIELDS, *OPTIONAL_FIELDS})
    # In the order a document lists its fields, so the first problem is reported first.
    uuid = _uuid(top.get("uuid"))
    title = _line(top.get("title"), TITLE_MAX)
    therapist = _name(top.get("therapist", optional=True))
    client = _name(top.get("client", optional=True))
    start = _date(top.get("start"))
    end = _date(top.get("end"))
    if end < start:
        top.get("end").fail(f"the plan ends before it starts ({start.isoformat()})")
    if (end - start).days > DAYS_MAX:
        top.get("end").fail(f"a plan lasts at most {DAYS_MAX} days after its start")
    tasks_reader = top.get("tasks")
    families = frozenset(known_families)
    tasks = tuple(_task(r, families) for r in tasks_reader.items(max_items=TASKS_MAX))
    if not tasks:
        tasks_reader.fail("expected at least one task")
    return Plan(
        uuid=uuid,
        title=title,
        therapist=therapist,
        client=client,
        start=start,
        end=end,
        tasks=tasks,
        reminders=_reminders(top.get("reminders", optional=True)),
    )


def _task(r: Reader, families: frozenset[str]) -> Task:
    r.obj({*TASK_REQUIRED_FIELDS, *TASK_OPTIONAL_FIELDS})
    kind = r.get("kind")
    if not isinstance(kind.value, str) or kind.value not in set(TaskKind):
        unknown = f"unknown exercise {kind.value[:40]!r}; " if isinstance(kind.value, str) else ""
        kind.fail(f"{unknown}expected one of {', '.join(TaskKind)}")
    times = r.get("times").integer(1, TIMES_MAX)
    frequency = r.get("frequency")
    if not isinstance(frequency.value, str) or frequency.value not in set(Frequency):
        frequency.fail(f"expected {Frequency.PER_DAY.value!r} or {Frequency.PER_WEEK.value!r}")
    focus: list[str] = []
    focus_reader = r.get("focus_families", optional=True)
    if not focus_reader.missing:
        for fr in focus_reader.items(max_items=max(len(families), 1)):
            family = fr.text(max_len=60)
            if family not in families:
                fr.fail(f"unknown family {family!r}")
            if family in focus:
                fr.fail(f"{family!r} appears twice")
            focus.append(family)
    instructions = r.get("instructions", optional=True)
    return Task(
        kind=TaskKind(kind.value),
        times=times,
        frequency=Frequency(frequency.value),
        focus_families=tuple(focus),
        instructions="" if instructions.missing else _text(instructions, INSTRUCTIONS_MAX),
    )


def _refuse_odd_characters(r: Reader, text: str, *, one_line: bool) -> str:
    """Refuse what plain text must not hold: control characters, broken surrogates.

    A title or name stays on one line (the CLI prints it in one); instructions
    may hold line breaks and tabs.
    """
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            r.fail(f"contains U+{ord(ch):04X}, half of a surrogate pair; expected plain text")
        if ch in _LINE_BREAKS or category in ("Zl", "Zp"):
            if one_line:
                r.fail(f"contains a line break or tab (U+{ord(ch):04X}); expected one line")
        elif category == "Cc":
            r.fail(f"contains the control character U+{ord(ch):04X}; expected plain text")
    return text


def _text(r: Reader, max_len: int) -> str:
    return _refuse_odd_characters(r, r.text(max_len=max_len), one_line=False)


def _line(r: Reader, max_len: int) -> str:
    return _refuse_odd_characters(r, r.text(max_len=max_len, allow_empty=False), one_line=True)


def _name(r: Reader) -> str | None:
    return None if r.missing else _line(r, NAME_MAX)


def _uuid(r: Reader) -> str:
    text = r.text(max_len=100)
    if not _UUID.fullmatch(text):
        r.fail("expected a UUID like 0b6a1d4e-5c2f-4a8e-9d3b-7f1e2c4a6b8d")
    return text.lower()


def _date(r: Reader) -> date:
    text = r.text(max_len=100)
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        r.fail(f"expected a date like 2026-03-02, got {text!r}")
    if not FIRST_DATE <= day <= LAST_DATE:
        r.fail(f"expected a date from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}")
    return day


def _reminders(r: Reader) -> tuple[time, ...]:
    if r.missing:
        return ()
    seen: set[time] = set()
    for tr in r.items(max_items=REMINDERS_MAX):
        text = tr.text(max_len=100)
        match = _TIME.fullmatch(text)
        if match is None:
            tr.fail(f"expected a 24-hour time like 09:00 or 20:30, got {text!r}")
        moment = time(int(match[1]), int(match[2]))
        if moment in seen:
            tr.fail(f"{text!r} appears twice")
        seen.add(moment)
    return tuple(sorted(seen))


def read_plan_file(path: Path, known_families: Collection[str]) -> Plan:
    """Read and validate a ``.emohw`` file; BadInput("{path}: {place}: {problem}")."""
    data = read_untrusted_json(path, MAX_BYTES, "a homework plan")
    try:
        return parse_plan(data, known_families)
    except BadInput as exc:
        raise BadInput(f"{path}: {exc}") from None


# -- writing ------------------------------------------------------------------


def plan_document(plan: Plan) -> dict[str, Any]:
    """The ``.emohw`` document of a plan: ``parse_plan(plan_document(p)) == p``."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "uuid": plan.uuid,
        "title": plan.title,
    }
    if plan.therapist is not None:
        document["therapist"] = plan.therapist
    if plan.client is not None:
        document["client"] = plan.client
    document.update(
        {
            "start": plan.start.isoformat(),
            "end": plan.end.isoformat(),
            "tasks": [
                {
                    "kind": task.kind.value,
                    "times": task.times,
                    "frequency": task.frequency.value,
                    "focus_families": list(task.focus_families),
                    "instructions": task.instructions,
                }
                for task in plan.tasks
            ],
            "reminders": [f"{r.hour:02d}:{r.minute:02d}" for r in plan.reminders],
        }
    )
    return document


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_BYTES",
    "BadInput",
    "Frequency",
    "Plan",
    "Task",
    "TaskKind",
    "parse_plan",
    "plan_document",
    "read_plan_file",
]
