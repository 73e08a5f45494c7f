"""Homework plans in the store, and what counts toward them."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers import at, make_entry

from emotrainer.content import shipped_vocabulary
from emotrainer.core.adherence import adherence
from emotrainer.core.homework import parse_plan
from emotrainer.core.models import EntryKind
from emotrainer.core.srs import Grade
from emotrainer.paths import AppPaths
from emotrainer.resources import asset
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store

FAMILIES = [w.id for w in shipped_vocabulary().families]


def example(**changes: object) -> dict[str, object]:
    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(changes)
    return document


def test_a_plan_is_kept_once_and_an_edited_one_replaces_it(app_paths: AppPaths) -> None:
    plan = parse_plan(example(), FAMILIES)
    with Store.open(app_paths) as store:
        outcome, change = store.import_plan(plan)
        assert outcome == "added" and change.homework
        again, change = store.import_plan(plan)
        assert again == "same" and not change.homework  # nothing changed the second time
        edited = parse_plan(example(title="Two weeks: anger, gently"), FAMILIES)
        assert store.import_plan(edited)[0] == "updated"
        (stored,) = store.homework_plans()
        assert stored.title == "Two weeks: anger, gently" and stored.active
        assert parse_plan(stored.document, FAMILIES) == edited
        assert store.counts().plans == 1


def test_a_plan_can_be_put_away_and_back(app_paths: AppPaths) -> None:
    plan = parse_plan(example(), FAMILIES)
    with Store.open(app_paths) as store:
        store.import_plan(plan)
        assert store.set_plan_active(plan.uuid, False).homework
        assert not store.homework_plans()[0].active
        store.set_plan_active(plan.uuid, True)
        assert store.homework_plans()[0].active
        with pytest.raises(KeyError):
            store.set_plan_active("00000000-0000-4000-8000-000000000000", False)


def test_a_read_only_store_refuses_a_plan(app_paths: AppPaths) -> None:
    Store.open(app_paths).close()
    with Store.open_readonly(app_paths) as store, pytest.raises(StoreError):
        store.import_plan(parse_plan(example(), FAMILIES))


def test_exercises_done_in_the_app_count_on_their_local_day(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        store.add_entries(
            [
                make_entry(at=at(2026, 3, 4, 8, 0)),
                make_entry(at=at(2026, 3, 4, 21, 0)),
                # 23:30 in New York on the 5th is the 6th in UTC: it counts on the 5th
                make_entry(at=at(2026, 3, 5, 23, 30, offset=-300)),
                make_entry(at=at(2026, 3, 5, 9, 0), kind=EntryKind.BODY_SCAN),
                # imported history is not homework
                make_entry(at=at(2026, 3, 5, 10, 0), source="import:daylio", source_ref="r1"),
                make_entry(at=at(2026, 3, 9, 10, 0)),  # outside the asked days
            ]
        )
        done = store.homework_done(date(2026, 3, 4), date(2026, 3, 5))
    assert sorted((d.kind, d.at.local().date()) for d in done) == [
        ("body_scan", date(2026, 3, 5)),
        ("checkin", date(2026, 3, 4)),
        ("checkin", date(2026, 3, 4)),
        ("checkin", date(2026, 3, 5)),
    ]
    plan = parse_plan(example(), FAMILIES)
    result = adherence(plan, done, date(2026, 3, 5))
    checkins = result.tasks[0]
    assert (checkins.expected, checkins.done) == (4, 3)  # two a day on the 4th and the 5th


def test_trainer_reviews_close_together_are_one_session(app_paths: AppPaths) -> None:
    start = datetime(2026, 3, 6, 9, 0, tzinfo=UTC)
    with Store.open(app_paths) as store:
        for minutes in (0, 1, 3, 20, 45, 200):  # 0…45: one session; 200: another
            store.record_review(
                f"w{minutes}", "definition_to_word", Grade.GOT_IT,
                start + timedelta(minutes=minutes), fuzz=False,
            )  # fmt: skip
        done = store.homework_done(date(2026, 3, 4), date(2026, 3, 17))
    sessions = [d for d in done if d.kind == "trainer"]
    assert len(sessions) == 2
    assert sessions[0].at.utc == "2026-03-06T09:00:00.000Z"
