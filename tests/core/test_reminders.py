"""Reminders: due once a time has passed while something is open; words without detail."""

from __future__ import annotations

from datetime import date, datetime, time

from emotrainer.core.homework import TaskKind
from emotrainer.core.homework_today import PlanToday, TaskLine
from emotrainer.core.reminders import (
    BANNER_TEXT,
    NOTIFICATION_TEXT,
    due_reminder,
    reminder_key,
)

OPEN = PlanToday(
    "Plan", None, "until …", (TaskLine(TaskKind.CHECKIN, "Check-in: 0 of 2 today", False, ""),), ""
)
DONE = PlanToday(
    "Plan", None, "until …", (TaskLine(TaskKind.CHECKIN, "Check-in: 2 of 2 today", True, ""),), ""
)
TIMES = (time(9, 0), time(20, 30))


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 5, hour, minute)


def test_a_reminder_is_due_once_its_time_has_passed() -> None:
    assert due_reminder(TIMES, OPEN, at(8, 59), ()) is None
    assert due_reminder(TIMES, OPEN, at(9, 0), ()) == time(9, 0)
    assert due_reminder(TIMES, OPEN, at(21), ()) == time(20, 30)
    assert due_reminder(TIMES, OPEN, at(21), (time(20, 30),)) == time(9, 0)
    assert due_reminder(TIMES, OPEN, at(21), TIMES) is None


def test_no_reminder_when_everything_is_done_or_nothing_is_asked() -> None:
    assert due_reminder(TIMES, DONE, at(21), ()) is None
    nothing = PlanToday("Plan", None, "starts on …", (), "")
    assert due_reminder(TIMES, nothing, at(21), ()) is None


def test_the_words_say_nothing_about_feelings_or_therapy() -> None:
    feelings = ("feel", "anger", "sad", "anx", "numb", "mood")
    shaming = ("missed", "late", "behind", "failed", "streak")
    notification = NOTIFICATION_TEXT.lower()  # may show on a locked screen
    for word in (*feelings, *shaming, "therap", "homework", "plan"):
        assert word not in notification
    banner = BANNER_TEXT.lower()  # inside the app, where the plan is the person's own
    for word in (*feelings, *shaming):
        assert word not in banner


def test_a_shown_reminder_is_remembered_by_day_and_time() -> None:
    assert reminder_key(date(2026, 3, 5), time(9, 0)) == "2026-03-05 09:00"
