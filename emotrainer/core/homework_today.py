"""What Today says about homework: one plain line per task, and how far along. Pure.

Counts, never a score or a streak: "Check-in: 1 of 2 today", "Body scan: 2 of
3 this week", and for the plan "So far: 12 of the 14 asked". Whatever is
left is simply what is still open — nothing is "missed".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from emotrainer.core.adherence import Done, adherence, due_today
from emotrainer.core.homework import Frequency, Plan, TaskKind
from emotrainer.core.models import KIND_LABELS

TASK_LABELS: dict[TaskKind, str] = {
    **{TaskKind(kind.value): label for kind, label in KIND_LABELS.items()},
    TaskKind.TRAINER: "Word trainer session",
}


@dataclass(frozen=True, slots=True)
class TaskLine:
    kind: TaskKind
    text: str  # "Check-in: 1 of 2 today"
    done: bool  # the current period's ask is met
    instructions: str


@dataclass(frozen=True, slots=True)
class PlanToday:
    title: str
    therapist: str | None
    when: str  # "until Tuesday 17 March" / "starts on Wednesday 4 March" / "ended on …"
    tasks: tuple[TaskLine, ...]  # empty outside the plan's days
    so_far: str  # "So far: 12 of the 14 asked." ("" before the start)


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def plan_today(plan: Plan, done: Iterable[Done], today: date) -> PlanToday:
    done = list(done)
    if today < plan.start:
        when = f"starts on {_day(plan.start)}"
    elif today > plan.end:
        when = f"ended on {_day(plan.end)}"
    else:
        when = f"until {_day(plan.end)}"
    lines = []
    for due in due_today(plan, done, today):
        task = plan.tasks[due.task_index]
        period = "today" if task.frequency is Frequency.PER_DAY else "this week"
        lines.append(
            TaskLine(
                task.kind,
                f"{TASK_LABELS[task.kind]}: {due.done} of {due.expected} {period}",
                due.done >= due.expected,
                task.instructions,
            )
        )
    result = adherence(plan, done, min(today, plan.end))
    asked = sum(t.expected for t in result.tasks)
    so_far = ""
    if asked and today >= plan.start:
        so_far = f"So far: {sum(t.done for t in result.tasks)} of the {asked} asked."
    return PlanToday(plan.title, plan.therapist, when, tuple(lines), so_far)
