"""Today shows an active homework plan: what is due and how far along, as plain text."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from emotrainer.content import shipped_vocabulary
from emotrainer.core.clock import Stamp
from emotrainer.core.homework import parse_plan
from emotrainer.core.models import Entry, EntryKind
from emotrainer.resources import asset

FAMILIES = [w.id for w in shipped_vocabulary().families]


def current_plan(**changes: object):  # type: ignore[no-untyped-def]
    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    today = date.today()
    document.update(
        start=(today - timedelta(days=2)).isoformat(),
        end=(today + timedelta(days=10)).isoformat(),
        **changes,
    )
    return parse_plan(document, FAMILIES)


def texts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in page.homework_card.findChildren(QLabel)]


def test_no_plan_no_card(window):  # type: ignore[no-untyped-def]
    today = window.page("today")
    assert not today.homework_card.isVisibleTo(today)


def test_an_active_plan_shows_todays_tasks_and_counts_a_new_checkin(window, store):  # type: ignore[no-untyped-def]
    plan = current_plan(title="<b>Week two</b> & more")
    _outcome, change = store.import_plan(plan)
    window.bus.publish(change)
    today = window.page("today")
    assert today.homework_card.isVisibleTo(today)
    shown = texts(today)
    assert "<b>Week two</b> & more" in shown  # the plan's text, literally
    assert "• Check-in: 0 of 2 today" in shown
    for label in today.homework_card.findChildren(QLabel):
        if label.text() == "<b>Week two</b> & more":
            assert label.textFormat() is Qt.TextFormat.PlainText
    entry = Entry(
        uuid="00000000-0000-4000-8000-0000000000aa",
        kind=EntryKind.CHECKIN,
        at=Stamp.of(datetime.now().astimezone()),
    )
    window.bus.publish(store.add_entry(entry))
    assert "• Check-in: 1 of 2 today" in texts(today)
    window.bus.publish(store.set_plan_active(plan.uuid, False))
    assert not today.homework_card.isVisibleTo(today)
