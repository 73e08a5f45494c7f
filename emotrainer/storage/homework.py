"""Homework plans in the store, and the exercises that count toward them.

A plan is kept as its validated ``.emohw`` document (``core.homework``), by its
uuid: importing the same plan again changes nothing, and a plan the therapist
edited (same uuid, other content) replaces the stored document. What counts
toward a plan is read from the entries themselves — exercises done in the app
(not imported history) on the plan's local days — and from the word
trainer's reviews, a session being a run of reviews with less than half an
hour between them. The adherence arithmetic is core's (``core.adherence``).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from emotrainer.core.adherence import Done
from emotrainer.core.clock import Stamp, format_utc, parse_utc
from emotrainer.core.homework import Plan, plan_document

SESSION_GAP = timedelta(minutes=30)  # trainer reviews further apart start a new session


@dataclass(frozen=True, slots=True)
class StoredPlan:
    id: int
    uuid: str
    title: str
    document: dict[str, Any]  # the validated .emohw document; parse it with core.homework
    imported_utc: str
    active: bool


def save_plan(conn: sqlite3.Connection, plan: Plan, now_utc: str) -> str:
    """Store ``plan``; "added", "updated" (same uuid, new content) or "same"."""
    document = json.dumps(plan_document(plan), sort_keys=True)
    row = conn.execute(
        "SELECT id, plan_json FROM homework_plans WHERE uuid = ?", (plan.uuid,)
    ).fetchone()
    if row is None:
        conn.execute(
            "INSERT INTO homework_plans (uuid, title, plan_json, imported_utc, active) "
            "VALUES (?, ?, ?, ?, 1)",
            (plan.uuid, plan.title, document, now_utc),
        )
        return "added"
    if json.loads(row[1]) == json.loads(document):
        return "same"
    conn.execute(
        "UPDATE homework_plans SET title = ?, plan_json = ?, imported_utc = ?, active = 1 "
        "WHERE id = ?",
        (plan.title, document, now_utc, row[0]),
    )
    return "updated"


def plans(conn: sqlite3.Connection) -> list[StoredPlan]:
    rows = conn.execute(
        "SELECT id, uuid, title, plan_json, imported_utc, active FROM homework_plans "
        "ORDER BY imported_utc DESC, id DESC"
    )
    return [
        StoredPlan(i, uuid, title, json.loads(document), imported, bool(active))
        for i, uuid, title, document, imported, active in rows
    ]


def set_active(conn: sqlite3.Connection, uuid: str, active: bool) -> bool:
    cursor = conn.execute(
        "UPDATE homework_plans SET active = ? WHERE uuid = ?", (int(active), uuid)
    )
    return cursor.rowcount > 0


def done_between(conn: sqlite3.Connection, first: date, last: date) -> list[Done]:
    """Exercises done in the app, and trainer sessions, on local days ``first``…``last``."""
    done = [
        Done(kind, Stamp(at_utc, offset))
        for kind, at_utc, offset in conn.execute(
            "SELECT kind, at_utc, offset_min FROM entries WHERE source = 'app' "
            "AND local_day >= ? AND local_day <= ? ORDER BY at_utc",
            (first.isoformat(), last.isoformat()),
        )
    ]
    # Reviews keep UTC only; a session is placed at its first review, in this
    # computer's offset at that moment. The window is widened by a day each
    # side so that no local day at the edges is missed; core keeps the days.
    low = format_utc(datetime.combine(first - timedelta(days=1), datetime.min.time(), UTC))
    high = format_utc(datetime.combine(last + timedelta(days=2), datetime.min.time(), UTC))
    previous: datetime | None = None
    for (reviewed,) in conn.execute(
        "SELECT reviewed_utc FROM srs_reviews WHERE reviewed_utc >= ? AND reviewed_utc < ? "
        "ORDER BY reviewed_utc",
        (low, high),
    ):
        moment = parse_utc(reviewed)
        if previous is None or moment - previous > SESSION_GAP:
            done.append(Done("trainer", Stamp.of(moment.astimezone())))
        previous = moment
    return done
