"""The rows behind the progress metrics, read in four plain passes.

Each entry's local day was stored with it (from its own UTC offset; schema v2);
labels, body marks and ratings come by entry id from their primary keys
(covering, no join; the marks already summed up per entry), and core.progress
does the rest in memory. At ten years
of data this is a few tens of milliseconds: cheaper than one grouped join of
labels with entries, and it lets the progress page switch spans without
reading the database again.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from emotrainer.core.batch import paused_gc
from emotrainer.core.inventory import NEGATIVE_IDS
from emotrainer.core.progress_types import ProgressRows


def read_rows(conn: sqlite3.Connection) -> ProgressRows:
    with paused_gc():
        return _read(conn)


def _read(conn: sqlite3.Connection) -> ProgressRows:
    conn.execute("BEGIN")  # one consistent read across the four tables
    try:
        found = conn.execute("SELECT id, local_day, presence FROM entries").fetchall()
        labels = conn.execute("SELECT entry_id, word_id FROM labels").fetchall()
        # Per entry, in SQL (in primary-key order, so a streaming GROUP BY): how many
        # marks, how many say numb or nothing, and the places with anything else.
        marks = conn.execute(
            "SELECT entry_id, count(*), "
            "sum(instr(sensations, 'numb') > 0 OR instr(sensations, 'nothing') > 0), "
            "group_concat(CASE WHEN sensations <> 'nothing' THEN region END, ' ') "
            "FROM body_marks GROUP BY entry_id"  # no other sensation id contains either word
        ).fetchall()
        wanted = ",".join("?" * len(NEGATIVE_IDS))
        ratings = conn.execute(
            f"SELECT entry_id, item, rating FROM inventory_ratings WHERE item IN ({wanted})",
            NEGATIVE_IDS,
        ).fetchall()
    finally:
        conn.execute("COMMIT")
    # A few thousand distinct days: parse each once, then pair them up in C.
    dates = {text: date.fromisoformat(text) for text in {row[1] for row in found}}
    entries = tuple(
        zip(
            (row[0] for row in found),
            map(dates.__getitem__, (row[1] for row in found)),
            (row[2] for row in found),
            strict=True,
        )
    )
    return ProgressRows(entries, tuple(labels), tuple(marks), tuple(ratings))
