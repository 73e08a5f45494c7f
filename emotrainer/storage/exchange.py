"""Whole-store snapshots for the full export, and applying one on import.

Applying merges: anything already present (same entry uuid, word id, card,
plan uuid, import file) is left as it is, so importing a file twice adds
nothing the second time. It all happens in one transaction: a failure
changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from emotrainer.core.exchange import CardRecord, ImportRecord, PlanRecord, Review, Snapshot
from emotrainer.storage import entries
from emotrainer.storage.database import transaction
from emotrainer.storage.errors import ImportRejectedError
from emotrainer.storage.store import Store, insert_user_word


@dataclass(frozen=True, slots=True)
class ApplyResult:
    entries_added: int
    entries_skipped: int
    other_added: int


def snapshot(store: Store) -> Snapshot:
    conn = store.conn
    conn.execute("BEGIN")  # one consistent read across all tables
    try:
        imports_of = dict(
            conn.execute(
                "SELECT e.uuid, i.file_sha256 FROM entries e JOIN imports i ON i.id = e.import_id"
            ).fetchall()
        )
        cards = []
        for card_id, word, kind, state, due, stab, created in conn.execute(
            "SELECT id, word_id, kind, state_json, due_utc, stability, created_utc "
            "FROM srs_cards ORDER BY word_id, kind"
        ).fetchall():
            reviews = tuple(
                Review(*r)
                for r in conn.execute(
                    "SELECT reviewed_utc, rating, answer, duration_ms FROM srs_reviews "
                    "WHERE card_id = ? ORDER BY reviewed_utc, id",
                    (card_id,),
                )
            )
            cards.append(CardRecord(word, kind, json.loads(state), due, stab, created, reviews))
        plans = []
        for plan_id, uuid, title, plan, imported, active in conn.execute(
            "SELECT id, uuid, title, plan_json, imported_utc, active FROM homework_plans "
            "ORDER BY imported_utc, uuid"
        ).fetchall():
            done = tuple(
                conn.execute(
                    "SELECT c.task_index, e.uuid FROM homework_completions c "
                    "JOIN entries e ON e.id = c.entry_id WHERE c.plan_id = ? "
                    "ORDER BY c.task_index, e.uuid",
                    (plan_id,),
                ).fetchall()
            )
            plans.append(PlanRecord(uuid, title, json.loads(plan), imported, bool(active), done))
        imports = tuple(
            ImportRecord(*r)
            for r in conn.execute(
                "SELECT source, file_name, file_sha256, imported_utc, rows_imported, rows_skipped "
                "FROM imports ORDER BY imported_utc, file_sha256"
            )
        )
        settings = {
            k: json.loads(v)
            for k, v in conn.execute("SELECT key, value_json FROM settings ORDER BY key")
        }
        result = Snapshot(
            entries=tuple(entries.fetch(conn, order="at_utc, uuid")),
            entry_imports=imports_of,
            user_words=tuple(store.user_words()),
            settings=settings,
            drafts=tuple(sorted(store.drafts(), key=lambda d: d.flow)),
            cards=tuple(cards),
            plans=tuple(plans),
            imports=imports,
        )
    finally:
        conn.execute("COMMIT")
    return result


def apply(store: Store, snap: Snapshot) -> ApplyResult:
    """Merge ``snap`` into the store in one transaction.

    A row that clashes with one already stored (or earlier in the same file),
    such as a user word whose label is taken, refuses the whole import with
    ImportRejectedError naming the place; nothing is written.
    """
    conn = store.conn
    added = skipped = other = 0
    where = "top level"
    try:
        with transaction(conn):
            import_ids = {}
            for i, rec in enumerate(snap.imports):
                where = f"imports[{i}]"
                row = conn.execute(
                    "SELECT id FROM imports WHERE source = ? AND file_sha256 = ?",
                    (rec.source, rec.file_sha256),
                ).fetchone()
                if row is None:
                    row = (
                        conn.execute(
                            "INSERT INTO imports (source, file_name, file_sha256, imported_utc, "
                            "rows_imported, rows_skipped) VALUES (?,?,?,?,?,?)",
                            (
                                rec.source,
                                rec.file_name,
                                rec.file_sha256,
                                rec.imported_utc,
                                rec.rows_imported,
                                rec.rows_skipped,
                            ),
                        ).lastrowid,
                    )
                    other += 1
                import_ids[rec.file_sha256] = row[0]
            existing_words = {w.id for w in store.user_words()}
            for i, word in enumerate(snap.user_words):
                where = f"user_words[{i}]"
                if word.id not in existing_words:
                    insert_user_word(conn, word)
                    other += 1
            for i, entry in enumerate(snap.entries):
                where = f"entries[{i}]"
                if entries.exists(conn, entry.uuid):
                    skipped += 1
                    continue
                sha = snap.entry_imports.get(entry.uuid)
                entries.insert(conn, entry, import_ids.get(sha) if sha else None)
                added += 1
            where = "settings"
            for key, value in snap.settings.items():
                other += conn.execute(
                    "INSERT OR IGNORE INTO settings (key, value_json) VALUES (?,?)",
                    (key, json.dumps(value, sort_keys=True)),
                ).rowcount
            where = "drafts"
            for d in snap.drafts:
                other += conn.execute(
                    "INSERT OR IGNORE INTO drafts (flow, step, answers_json, started_utc, "
                    "updated_utc) VALUES (?,?,?,?,?)",
                    (d.flow, d.step, json.dumps(d.answers), d.started_utc, d.updated_utc),
                ).rowcount
            where = "trainer_cards"
            other += _apply_cards(conn, snap.cards)
            where = "homework_plans"
            other += _apply_plans(conn, snap.plans)
    except sqlite3.IntegrityError as exc:
        raise ImportRejectedError(
            f"{where}: clashes with data already stored or earlier in the file ({exc})"
        ) from exc
    return ApplyResult(added, skipped, other)


def _apply_cards(conn: sqlite3.Connection, cards: tuple[CardRecord, ...]) -> int:
    added = 0
    for c in cards:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO srs_cards (word_id, kind, state_json, due_utc, stability, "
            "created_utc) VALUES (?,?,?,?,?,?)",
            (
                c.word_id,
                c.kind,
                json.dumps(c.state, sort_keys=True),
                c.due_utc,
                c.stability,
                c.created_utc,
            ),
        )
        if cursor.rowcount:
            conn.executemany(
                "INSERT INTO srs_reviews (card_id, reviewed_utc, rating, answer, duration_ms) "
                "VALUES (?,?,?,?,?)",
                [
                    (cursor.lastrowid, r.reviewed_utc, r.rating, r.answer, r.duration_ms)
                    for r in c.reviews
                ],
            )
            added += 1
    return added


def _apply_plans(conn: sqlite3.Connection, plans: tuple[PlanRecord, ...]) -> int:
    added = 0
    for p in plans:
        cursor = conn.execute(
            "INSERT OR IGNORE INTO homework_plans (uuid, title, plan_json, imported_utc, active)"
            " VALUES (?,?,?,?,?)",
            (p.uuid, p.title, json.dumps(p.plan, sort_keys=True), p.imported_utc, int(p.active)),
        )
        if cursor.rowcount:
            for task, entry_uuid in p.completions:
                conn.execute(
                    "INSERT INTO homework_completions (plan_id, task_index, entry_id) "
                    "SELECT ?, ?, id FROM entries WHERE uuid = ?",
                    (cursor.lastrowid, task, entry_uuid),
                )
            added += 1
    return added
