"""Homework reminders while the app runs: a banner on Today, each time once a day."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from emotrainer.content import shipped_vocabulary
from emotrainer.core.homework import parse_plan
from emotrainer.core.reminders import BANNER_TEXT
from emotrainer.resources import asset
from emotrainer.ui.reminders import SHOWN_KEY, Reminders

FAMILIES = [w.id for w in shipped_vocabulary().families]


def add_plan(store) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(
        start=(date.today() - timedelta(days=1)).isoformat(),
        end=(date.today() + timedelta(days=6)).isoformat(),
    )  # reminders at 09:00 and 20:30
    store.import_plan(parse_plan(document, FAMILIES))


def test_a_due_reminder_shows_the_banner_once(window, store):  # type: ignore[no-untyped-def]
    add_plan(store)
    evening = datetime.combine(date.today(), time(21, 0))
    shown: list[str] = []
    reminders = Reminders(store, lambda: window.vocabulary, shown.append, now=lambda: evening)
    assert reminders.check()
    assert shown == [BANNER_TEXT]
    assert store.setting(SHOWN_KEY) == [
        f"{date.today().isoformat()} 09:00",
        f"{date.today().isoformat()} 20:30",
    ]  # a late start shows one reminder, not two
    assert not reminders.check()


def test_no_plan_no_reminder_and_the_window_shows_it_on_today(window, store):  # type: ignore[no-untyped-def]
    morning = datetime.combine(date.today(), time(9, 30))
    quiet = Reminders(store, lambda: window.vocabulary, lambda text: None, now=lambda: morning)
    assert not quiet.check()
    add_plan(store)
    window.start_reminders()  # uses the clock: the banner may or may not be due now
    today = window.page("today")
    window._remind(BANNER_TEXT)
    assert today.reminder_card.isVisibleTo(today)
    assert today.reminder_text.text() == BANNER_TEXT
    today.reminder_dismiss.click()
    assert not today.reminder_card.isVisibleTo(today)
    window.reminders.timer.stop()
