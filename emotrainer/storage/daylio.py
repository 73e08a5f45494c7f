"""Writing a planned Daylio import (core.daylio) in one transaction.

All or nothing, and idempotent: an entry already stored (by uuid, or by its
source and source_ref) is counted as already there, a new word already
stored (by id) is not added again, and the file's imports row is found again
by (source, file_sha256). Importing the same file twice adds nothing the
second time; a failure changes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import PureWindowsPath

from emotrainer.core.changes import EVERYTHING, NOTHING, Change
from emotrainer.core.clock import format_utc
from emotrainer.core.daylio import Plan, Skipped
from emotrainer.core.models import Entry, Label
from emotrainer.storage import entries
from emotrainer.storage.database import transaction
from emotrainer.storage.errors import ImportRejectedError, StoreError
from emotrainer.storage.store import Store, insert_user_word

SOURCES = frozenset({"daylio-csv", "daylio-backup"})
FILE_NAME_MAX = 260


@dataclass(frozen=True, slots=True)
class ImportSummary:
    imported: int  # entries added now
    already_there: int  # entries this file holds that were stored before
    skipped: tuple[Skipped, ...]  # rows left out, each with a one-line reason
    words_added: int  # new words of the user's
    change: Change  # for the change bus: EVERYTHING when anything was added


def apply_plan(
    store: Store, plan: Plan, *, file_name: str, file_sha256: str, source: str
) -> ImportSummary:
    """Store the plan's words, an imports row and the new entries, in one transaction.

    A new word whose label is already one of the user's words (under another
    id) is not added: its entries name the stored word. Any clash the database
    refuses raises ImportRejectedError naming the place; nothing is written.
    """
    if store.readonly:
        raise StoreError(f"{store.paths.database}: opened read-only; nothing was changed")
    if source not in SOURCES:
        raise ValueError(f"unknown import source {source!r}")
    conn = store.conn
    base_name = PureWindowsPath(file_name).name[:FILE_NAME_MAX]  # both / and \ separate
    imported = already = words_added = 0
    where = "imports"
    try:
        with transaction(conn):
            import_id, earlier = _import_row(conn, source, base_name, file_sha256, plan)
            renamed: dict[str, str] = {}
            for i, word in enumerate(plan.new_words):
                where = f"new words[{i}] (“{word.label}”)"
                if conn.execute("SELECT 1 FROM user_words WHERE id = ?", (word.id,)).fetchone():
                    continue
                stored = conn.execute(
                    "SELECT id FROM user_words WHERE label = ?", (word.label,)
                ).fetchone()
                if stored is not None:
                    renamed[word.id] = stored[0]
                    continue
                insert_user_word(conn, word)
                words_added += 1
            for i, entry in enumerate(plan.entries):
                where = f"entries[{i}] ({entry.source_ref})"
                if _present(conn, entry):
                    already += 1
                    continue
                entries.insert(conn, _renamed(entry, renamed), import_id)
                imported += 1
            where = "imports"
            if earlier and imported:
                conn.execute(
                    "UPDATE imports SET rows_imported = rows_imported + ? WHERE id = ?",
                    (imported, import_id),
                )
            elif not earlier:
                conn.execute(
                    "UPDATE imports SET rows_imported = ? WHERE id = ?", (imported, import_id)
                )
    except sqlite3.IntegrityError as exc:
        raise ImportRejectedError(
            f"{where}: clashes with data already stored ({exc}); nothing was imported"
        ) from exc
    change = EVERYTHING if imported or words_added else NOTHING
    return ImportSummary(imported, already, plan.skipped, words_added, change)


def already_present(store: Store, plan: Plan) -> int:
    """How many of the plan's entries are stored already: the preview's dry check.

    Read-only, and the same test ``apply_plan`` uses, so the preview's "already
    in your data" is the number the import will count as already there.
    """
    return sum(1 for entry in plan.entries if _present(store.conn, entry))


def _import_row(
    conn: sqlite3.Connection, source: str, file_name: str, file_sha256: str, plan: Plan
) -> tuple[int, bool]:
    """The file's imports row id, and whether it was there before."""
    row = conn.execute(
        "SELECT id FROM imports WHERE source = ? AND file_sha256 = ?", (source, file_sha256)
    ).fetchone()
    if row is not None:
        return int(row[0]), True
    cursor = conn.execute(
        "INSERT INTO imports (source, file_name, file_sha256, imported_utc, rows_imported, "
        "rows_skipped) VALUES (?,?,?,?,0,?)",
        (source, file_name, file_sha256, format_utc(datetime.now(UTC)), len(plan.skipped)),
    )
    return int(cursor.lastrowid or 0), False


def _present(conn: sqlite3.Connection, entry: Entry) -> bool:
    if entries.exists(conn, entry.uuid):
        return True
    found = conn.execute(
        "SELECT 1 FROM entries WHERE source = ? AND source_ref = ?",
        (entry.source, entry.source_ref),
    ).fetchone()
    return found is not None


def _renamed(entry: Entry, renamed: dict[str, str]) -> Entry:
    if not any(label.word_id in renamed for label in entry.labels):
        return entry
    labels = tuple(Label(renamed.get(lb.word_id, lb.word_id), lb.intensity) for lb in entry.labels)
    return replace(entry, labels=labels)
