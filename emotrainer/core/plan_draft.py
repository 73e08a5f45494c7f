"""A homework plan being written: the draft the therapist's form edits. Pure.

The form (ui/pages/therapist.py) changes a PlanDraft field by field; ``build``
turns it into a Plan through ``parse_plan``, the very check a client's import
runs, so a file the form writes can never be one the client refuses. A
refusal is the same one-line BadInput ("tasks[2].times: …"), which the form
shows beside its Save button; ``describe_problem`` says the place in words.

A new draft gets a new UUID; a draft made from an opened plan keeps its UUID,
so that the client's re-import updates the plan instead of adding a second.
``write_plan_file`` writes the ``.emohw`` atomically and private (0600).
"""

from __future__ import annotations

import json
import os
import re
import uuid as uuid_module
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from emotrainer.core.homework import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Frequency,
    Plan,
    Task,
    TaskKind,
    parse_plan,
    plan_document,
)
from emotrainer.core.homework_today import TASK_LABELS

PLAN_SUFFIX = ".emohw"
DEFAULT_DAYS = 14  # a new plan runs two weeks: today and the 13 days after


@dataclass(slots=True)
class TaskDraft:
    kind: TaskKind = TaskKind.CHECKIN
    times: int = 1
    frequency: Frequency = Frequency.PER_DAY
    focus_families: list[str] = field(default_factory=list)  # family ids
    instructions: str = ""

    @classmethod
    def from_task(cls, task: Task) -> TaskDraft:
        return cls(
            task.kind, task.times, task.frequency, list(task.focus_families), task.instructions
        )

    def copy(self) -> TaskDraft:
        return replace(self, focus_families=list(self.focus_families))


@dataclass(slots=True)
class PlanDraft:
    """Everything the form holds. A name left empty is simply not in the file."""

    uuid: str
    start: date
    end: date
    title: str = ""
    therapist: str = ""
    client: str = ""
    tasks: list[TaskDraft] = field(default_factory=list)
    reminders: list[time] = field(default_factory=list)

    @classmethod
    def new(cls, today: date) -> PlanDraft:
        """An empty plan from ``today`` for two weeks, with a new identity."""
        return cls(
            uuid=str(uuid_module.uuid4()),
            start=today,
            end=today + timedelta(days=DEFAULT_DAYS - 1),
        )

    @classmethod
    def from_plan(cls, plan: Plan) -> PlanDraft:
        """A plan to edit; it keeps its UUID, so saving it again updates the client's copy."""
        return cls(
            uuid=plan.uuid,
            start=plan.start,
            end=plan.end,
            title=plan.title,
            therapist=plan.therapist or "",
            client=plan.client or "",
            tasks=[TaskDraft.from_task(t) for t in plan.tasks],
            reminders=list(plan.reminders),
        )

    def copy(self) -> PlanDraft:
        return replace(self, tasks=[t.copy() for t in self.tasks], reminders=list(self.reminders))

    # -- the task list ------------------------------------------------------------

    def add_task(self, task: TaskDraft) -> int:
        """Add ``task`` at the end; its index."""
        self.tasks.append(task)
        return len(self.tasks) - 1

    def remove_task(self, index: int) -> None:
        del self.tasks[self._index(index)]

    def replace_task(self, index: int, task: TaskDraft) -> None:
        self.tasks[self._index(index)] = task

    def move_up(self, index: int) -> int:
        """Swap the task with the one before it; its new index (the same at the top)."""
        index = self._index(index)
        if index == 0:
            return 0
        self.tasks[index - 1], self.tasks[index] = self.tasks[index], self.tasks[index - 1]
        return index - 1

    def move_down(self, index: int) -> int:
        """Swap the task with the one after it; its new index (the same at the bottom)."""
        index = self._index(index)
        if index == len(self.tasks) - 1:
            return index
        self.tasks[index + 1], self.tasks[index] = self.tasks[index], self.tasks[index + 1]
        return index + 1

    def _index(self, index: int) -> int:
        if not 0 <= index < len(self.tasks):
            raise IndexError(f"no task {index} (the plan has {len(self.tasks)})")
        return index

    # -- the plan -----------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        """The ``.emohw`` document as drafted, not yet checked; an empty name is left out.

        Text is taken exactly as it is (the form trims what is typed), so that
        any plan comes back unchanged from ``from_plan(plan).build()``.
        """
        document: dict[str, Any] = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "uuid": self.uuid,
            "title": self.title,
        }
        for key, value in (("therapist", self.therapist), ("client", self.client)):
            if value:
                document[key] = value
        document.update(
            start=self.start.isoformat(),
            end=self.end.isoformat(),
            tasks=[
                {
                    "kind": t.kind.value,
                    "times": t.times,
                    "frequency": t.frequency.value,
                    "focus_families": list(t.focus_families),
                    "instructions": t.instructions,
                }
                for t in self.tasks
            ],
            reminders=[f"{r.hour:02d}:{r.minute:02d}" for r in self.reminders],
        )
        return document

    def build(self, known_families: Collection[str]) -> Plan:
        """The plan, checked by ``parse_plan``; BadInput("tasks[2].times: …") when not valid."""
        return parse_plan(self.document(), known_families)


# -- words for the form ---------------------------------------------------------

_PLACE = re.compile(
    r"^(title|therapist|client|start|end|tasks|reminders)(?:\[(\d+)\])?(\.\w+)?(?:\[\d+\])?: "
)
_FIELD_WORDS = {
    "title": "Title",
    "therapist": "Therapist's name",
    "client": "Client's name",
    "start": "Start",
    "end": "End",
    "tasks": "Tasks",
    "reminders": "Reminders",
}


def describe_problem(message: str) -> str:
    """A BadInput message with its place in words: "tasks[2].times: …" → "Task 3, times: …"."""
    match = _PLACE.match(message)
    if match is None:
        return message
    name, index, sub = match.groups()
    rest = message[match.end() :].replace("expected non-empty text", "still empty")
    if name == "tasks" and index is not None:
        place = f"Task {int(index) + 1}"
        if sub:
            place += ", " + sub[1:].replace("_", " ")
    elif name == "reminders" and index is not None:
        place = f"Reminder {int(index) + 1}"
    else:
        place = _FIELD_WORDS[name]
    return f"{place}: {rest}"


def frequency_words(times: int, frequency: Frequency) -> str:
    """ "2 a day", "1 a week" — how the report says it, too."""
    return f"{times} {'a day' if frequency is Frequency.PER_DAY else 'a week'}"


def task_summary(task: TaskDraft | Task, family_labels: Mapping[str, str]) -> str:
    """One line for the form's task list: "Check-in — 2 a day · focus: Fear, Sadness"."""
    parts = [f"{TASK_LABELS[task.kind]} — {frequency_words(task.times, task.frequency)}"]
    if task.focus_families:
        names = ", ".join(family_labels.get(f, f) for f in task.focus_families)
        parts.append(f"focus: {names}")
    first_line = task.instructions.strip().split("\n", 1)[0].strip()
    if first_line:
        if len(first_line) > 60 or "\n" in task.instructions.strip():
            first_line = first_line[:60].rstrip() + "…"
        parts.append(f"“{first_line}”")
    return " · ".join(parts)


def suggested_file_name(title: str) -> str:
    """A file name from the title: "Two weeks: anger" → "two-weeks-anger.emohw"."""
    words = re.findall(r"\w+", title.casefold())
    stem = "-".join(words)[:60].strip("-") or "homework-plan"
    return stem + PLAN_SUFFIX


# -- writing the file -------------------------------------------------------------


class PlanWriteError(Exception):
    """The plan file could not be written; the message names the file."""


def with_plan_suffix(path: Path) -> Path:
    """``path``, with ``.emohw`` added unless it already ends so (any case)."""
    if path.suffix.lower() == PLAN_SUFFIX:
        return path
    return path.with_name(path.name + PLAN_SUFFIX)


def write_plan_file(plan: Plan, path: Path) -> Path:
    """Write ``plan`` as an ``.emohw`` file, atomically and private (0600); the path written.

    The text goes to a temporary file beside the target, is flushed to disk and
    then replaces the target, so a crash leaves either the old file or the new
    one, never half of one. ``.emohw`` is added when the name lacks it.
    """
    target = with_plan_suffix(path)
    text = json.dumps(plan_document(plan), indent=1, ensure_ascii=False) + "\n"
    partial = target.with_name(target.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            partial.chmod(0o600)  # an existing partial file kept its old mode
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PlanWriteError(f"{target}: cannot write ({exc.strerror or exc})") from exc
    return target


__all__ = [
    "DEFAULT_DAYS",
    "PLAN_SUFFIX",
    "PlanDraft",
    "PlanWriteError",
    "TaskDraft",
    "describe_problem",
    "frequency_words",
    "suggested_file_name",
    "task_summary",
    "with_plan_suffix",
    "write_plan_file",
]
