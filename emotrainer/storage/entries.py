"""Reading and writing finished exercises (entries) and what hangs off them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from emotrainer.core.clock import Stamp
from emotrainer.core.models import BodyMark, Entry, EntryKind, Label, Tag, TagKind, WordsState

_ENTRY_COLUMNS = (
    "id, uuid, kind, at_utc, offset_min, presence, words_state, before_text, note, "
    "pair_uuid, pauses, duration_s, source, source_ref, updated_utc"
)


@dataclass(frozen=True, slots=True)
class WordUse:
    word_id: str
    times: int
    first_utc: str
    last_utc: str


def insert(conn: sqlite3.Connection, entry: Entry, import_id: int | None = None) -> int:
    """Insert one entry with its children; the caller owns the transaction."""
    cursor = conn.execute(
        "INSERT INTO entries (uuid, kind, at_utc, offset_min, presence, words_state, "
        "before_text, note, pair_uuid, pauses, duration_s, source, source_ref, import_id, "
        "updated_utc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            entry.uuid,
            entry.kind.value,
            entry.at.utc,
            entry.at.offset_min,
            entry.presence,
            entry.words_state.value,
            entry.before,
            entry.note,
            entry.pair_uuid,
            entry.pauses,
            entry.duration_s,
            entry.source,
            entry.source_ref,
            import_id,
            entry.updated_utc or entry.at.utc,
        ),
    )
    row_id = int(cursor.lastrowid or 0)
    _insert_children(conn, row_id, entry)
    return row_id


def _insert_children(conn: sqlite3.Connection, row_id: int, entry: Entry) -> None:
    conn.executemany(
        "INSERT INTO labels (entry_id, position, word_id, intensity) VALUES (?,?,?,?)",
        [(row_id, i, lb.word_id, lb.intensity) for i, lb in enumerate(entry.labels)],
    )
    conn.executemany(
        "INSERT INTO body_marks (entry_id, position, region, sensations, activity, intensity) "
        "VALUES (?,?,?,?,?,?)",
        [
            (row_id, i, m.region, " ".join(m.sensations), m.activity, m.intensity)
            for i, m in enumerate(entry.marks)
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO entry_tags (entry_id, kind, text) VALUES (?,?,?)",
        [(row_id, t.kind.value, t.text) for t in entry.tags],
    )
    conn.executemany(
        "INSERT INTO inventory_ratings (entry_id, item, rating) VALUES (?,?,?)",
        [(row_id, item, rating) for item, rating in entry.ratings],
    )


def exists(conn: sqlite3.Connection, uuid: str) -> bool:
    return conn.execute("SELECT 1 FROM entries WHERE uuid = ?", (uuid,)).fetchone() is not None


def delete(conn: sqlite3.Connection, uuid: str) -> bool:
    return conn.execute("DELETE FROM entries WHERE uuid = ?", (uuid,)).rowcount > 0


def fetch(
    conn: sqlite3.Connection,
    where: str = "1",
    params: Sequence[object] = (),
    order: str = "at_utc, id",
) -> list[Entry]:
    """Entries matching a WHERE clause over the entries table, with children."""
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM entries WHERE {where} ORDER BY {order}", params
    ).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    labels = _grouped(conn, "SELECT entry_id, word_id, intensity FROM labels", ids, "position")
    marks = _grouped(
        conn,
        "SELECT entry_id, region, sensations, activity, intensity FROM body_marks",
        ids,
        "position",
    )
    tags = _grouped(conn, "SELECT entry_id, kind, text FROM entry_tags", ids, "kind, text")
    ratings = _grouped(conn, "SELECT entry_id, item, rating FROM inventory_ratings", ids, "item")
    return [
        Entry(
            uuid=r[1],
            kind=EntryKind(r[2]),
            at=Stamp(r[3], r[4]),
            presence=r[5],
            words_state=WordsState(r[6]),
            before=r[7],
            note=r[8],
            pair_uuid=r[9],
            pauses=r[10],
            duration_s=r[11],
            source=r[12],
            source_ref=r[13],
            updated_utc=r[14],
            labels=tuple(Label(w, i) for w, i in labels.get(r[0], ())),
            marks=tuple(
                BodyMark(reg, tuple(sens.split()), act, inten)
                for reg, sens, act, inten in marks.get(r[0], ())
            ),
            tags=tuple(Tag(TagKind(k), t) for k, t in tags.get(r[0], ())),
            ratings=tuple((item, rating) for item, rating in ratings.get(r[0], ())),
        )
        for r in rows
    ]


def _grouped(
    conn: sqlite3.Connection, select: str, ids: list[int], order: str
) -> dict[int, list[tuple[Any, ...]]]:
    result: dict[int, list[tuple[Any, ...]]] = {}
    # Chunks keep under SQLite's host-parameter limit on old builds.
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"{select} WHERE entry_id IN ({marks}) ORDER BY entry_id, {order}", chunk
        ):
            result.setdefault(row[0], []).append(tuple(row[1:]))
    return result


def on_local_day(conn: sqlite3.Connection, day: date) -> list[Entry]:
    """Entries whose local date (by their own UTC offset) is ``day``."""
    # Offsets reach ±18 h, so the UTC window is a day wider on each side; the
    # index on at_utc narrows the scan, the date() test decides.
    low = (day - timedelta(days=1)).isoformat()
    high = (day + timedelta(days=2)).isoformat()
    return fetch(
        conn,
        "at_utc >= ? AND at_utc < ? AND date(at_utc, offset_min || ' minutes') = ?",
        (low, high, day.isoformat()),
    )


def word_uses(conn: sqlite3.Connection) -> list[WordUse]:
    rows = conn.execute(
        "SELECT l.word_id, count(*), min(e.at_utc), max(e.at_utc) "
        "FROM labels l JOIN entries e ON e.id = l.entry_id GROUP BY l.word_id"
    ).fetchall()
    return [WordUse(*row) for row in rows]


def tags_in_use(conn: sqlite3.Connection, kind: TagKind) -> list[str]:
    rows = conn.execute(
        "SELECT text FROM entry_tags WHERE kind = ? GROUP BY text ORDER BY count(*) DESC",
        (kind.value,),
    )
    return [r[0] for r in rows]


def insert_many(conn: sqlite3.Connection, items: Iterable[Entry]) -> int:
    count = 0
    for entry in items:
        insert(conn, entry)
        count += 1
    return count
