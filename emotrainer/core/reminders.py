"""Homework reminders: which reminder time is due, and what a reminder may say. Pure.

A plan names reminder times of day ("09:00", "20:30"). A reminder is due once
its time has passed today, the plan runs today, something it asks is still
open today, and that time has not been shown already. Its words are the same
for everyone and say nothing about feelings or therapy: a notification can be
read over a shoulder or on a locked screen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from emotrainer.core.homework_today import PlanToday

NOTIFICATION_TITLE = "emotrainer"
NOTIFICATION_TEXT = "A moment for practice, if you like."
BANNER_TEXT = (
    "A gentle reminder from your homework plan: today's practice is here when you are ready."
)


def due_reminder(
    reminders: Iterable[time], plan_today: PlanToday, now: datetime, shown: Iterable[time]
) -> time | None:
    """The latest reminder time passed today and not yet shown, while something is open."""
    if not plan_today.tasks or all(line.done for line in plan_today.tasks):
        return None
    seen = set(shown)
    passed = [t for t in reminders if t <= now.time() and t not in seen]
    return max(passed) if passed else None


def reminder_key(day: date, at: time) -> str:
    """How a shown reminder is remembered (in settings): "2026-03-05 09:00"."""
    return f"{day.isoformat()} {at:%H:%M}"
