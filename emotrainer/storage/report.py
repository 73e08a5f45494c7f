"""What a report needs, read from the store in one go (core.report builds it). No Qt.

Read-only: it works on a store opened with ``Store.open_readonly`` and never
writes. The history is read once for the metrics (first uses are first *ever*
uses), the range's entries once for the words, notes and CSV rows. The Export
dialog's live line ("41 entries from …") uses the cheap counts at the end,
which read no entry.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from emotrainer.core.history import HistoryFilter
from emotrainer.core.homework import Plan, parse_plan
from emotrainer.core.models import Entry
from emotrainer.core.progress import ProgressMetrics
from emotrainer.core.report import DEFAULT_SECTIONS, Report, Section, build_report, report_range
from emotrainer.core.srs import trainer_progress
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store


def entries_between(store: Store, first: date | None, last: date | None) -> list[Entry]:
    """The entries of local days ``first``…``last`` (None: open), oldest first."""
    found = store.history(HistoryFilter(first_day=first, last_day=last), limit=None)
    return sorted(found, key=lambda e: (e.at.utc, e.uuid))


def count_between(store: Store, first: date | None, last: date | None) -> int:
    """How many entries local days ``first``…``last`` hold (None: open): one COUNT query."""
    return store.history_count(HistoryFilter(first_day=first, last_day=last))


def first_entry_day(store: Store) -> date | None:
    """The local day of the first entry, None before there is one."""
    row = store.conn.execute("SELECT min(local_day) FROM entries").fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def current_plan(store: Store, vocabulary: Vocabulary) -> Plan | None:
    """The newest active plan (the latest start, then the latest imported); None without one."""
    families = [f.id for f in vocabulary.families]
    newest: tuple[date, str, Plan] | None = None
    for stored in store.homework_plans():
        if not stored.active:
            continue
        try:
            plan = parse_plan(stored.document, families)
        except BadInput:
            continue
        key = (plan.start, stored.imported_utc, plan)
        if newest is None or key[:2] > newest[:2]:
            newest = key
    return newest[2] if newest is not None else None


def stored_plans(store: Store, vocabulary: Vocabulary) -> list[Plan]:
    """Every plan, active or put away; one that no longer validates is left out."""
    families = [f.id for f in vocabulary.families]
    plans = []
    for stored in store.homework_plans():
        try:
            plans.append(parse_plan(stored.document, families))
        except BadInput:
            continue
    return plans


def read_report(
    store: Store,
    vocabulary: Vocabulary,
    *,
    first: date | None,
    last: date | None,
    today: date,
    made_utc: str,
    app_version: str,
    sections: Collection[Section] = DEFAULT_SECTIONS,
) -> Report:
    """The report of ``first``…``last`` (an open end: see ``core.report.report_range``)."""
    metrics = ProgressMetrics.load(store.progress_rows, vocabulary)
    first_day, last_day = report_range(first, last, metrics.first_day, today)
    plans = [p for p in stored_plans(store, vocabulary) if p.start <= last_day]
    done = store.homework_done(min(p.start for p in plans), last_day) if plans else []
    return build_report(
        metrics.index,
        entries_between(store, first_day, last_day),
        vocabulary,
        plans,
        done,
        first_day=first_day,
        last_day=last_day,
        today=today,
        made_utc=made_utc,
        app_version=app_version,
        sections=sections,
        mastered=trainer_progress(store.trainer_cards()).words_mastered,
    )
