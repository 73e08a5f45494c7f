"""Today's homework lines: counts in plain words, nothing 'missed'."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from emotrainer.content import shipped_vocabulary
from emotrainer.core.adherence import Done
from emotrainer.core.clock import Stamp
from emotrainer.core.homework import parse_plan
from emotrainer.core.homework_today import TASK_LABELS, plan_today
from emotrainer.resources import asset

FAMILIES = [w.id for w in shipped_vocabulary().families]
PLAN = parse_plan(
    json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8")), FAMILIES
)  # 4–17 March 2026: check-ins 2 a day, body scans 3 a week, a trainer session a week


def done(kind: str, day: date, hour: int = 9) -> Done:
    zone = timezone(timedelta(hours=1))
    return Done(kind, Stamp.of(datetime(day.year, day.month, day.day, hour, tzinfo=zone)))


def test_lines_for_a_day_in_the_plan() -> None:
    day = date(2026, 3, 5)  # a Thursday
    today = plan_today(PLAN, [done("checkin", day), done("body_scan", day)], day)
    assert today.when == "until Tuesday 17 March"
    assert [line.text for line in today.tasks] == [
        "Check-in: 1 of 2 today",
        "Body scan: 1 of 2 this week",  # the first week is 4–8 March: 5 days of 7
        "Word trainer session: 0 of 1 this week",
    ]
    assert [line.done for line in today.tasks] == [False, False, False]
    assert today.so_far == "So far: 2 of the 7 asked."
    text = " ".join([today.so_far, *(line.text for line in today.tasks)]).lower()
    assert "miss" not in text and "fail" not in text


def test_a_met_task_says_so_and_extra_ones_do_not_inflate() -> None:
    day = date(2026, 3, 4)
    today = plan_today(PLAN, [done("checkin", day, h) for h in (8, 12, 20)], day)
    assert today.tasks[0].text == "Check-in: 2 of 2 today" and today.tasks[0].done


def test_before_and_after_the_plan() -> None:
    before = plan_today(PLAN, [], date(2026, 3, 1))
    assert before.when == "starts on Wednesday 4 March" and before.tasks == ()
    assert before.so_far == ""
    after = plan_today(PLAN, [], date(2026, 3, 20))
    assert after.when == "ended on Tuesday 17 March" and after.tasks == ()
    assert after.so_far.startswith("So far: 0 of the ")


def test_every_task_kind_has_a_label() -> None:
    from emotrainer.core.homework import TaskKind

    assert set(TASK_LABELS) == set(TaskKind)
