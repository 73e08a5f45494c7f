"""Reading and writing finished exercises (entries) and what hangs off them."""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from emotrainer.core.clock import Stamp
from emotrainer.core.models import BodyMark, Entry, EntryKind, Label, Tag, TagKind, WordsState

if TYPE_CHECKING:  # only for annotations: the store opens without loading core.history
    from emotrainer.core.history import HistoryFilter

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
        "updated_utc, local_day) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
        "date(?3, ?4 || ' minutes'))",
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
    # index on at_utc narrows the scan, the stored local day decides.
    low = (day - timedelta(days=1)).isoformat()
    high = (day + timedelta(days=2)).isoformat()
    return fetch(
        conn,
        "at_utc >= ? AND at_utc < ? AND local_day = ?",
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


# -- history: filtered pages, edits, delete with undo -------------------------

_LOCAL_DAY = "local_day"  # stored at insert (schema 2): date(at_utc, offset_min minutes)


@dataclass(frozen=True, slots=True)
class Removed:
    """A deleted entry with what puts it back exactly: its import and homework links."""

    entry: Entry
    import_id: int | None = None
    completions: tuple[tuple[int, int], ...] = ()  # (plan id, task index)


def history_where(
    flt: HistoryFilter, family_word_ids: Collection[str] | None = None
) -> tuple[str, list[object]]:
    """The WHERE clause (over ``entries``) and parameters for a history filter.

    ``family_word_ids`` are the word ids of ``flt.family_id`` (storage has no
    vocabulary; the caller resolves them).
    """
    clauses: list[str] = []
    params: list[object] = []
    if flt.kind is not None:
        clauses.append("kind = ?")
        params.append(flt.kind.value)
    # Offsets reach ±18 h: the UTC bounds, a day wider on each side, let the
    # index on at_utc narrow the scan; the local date decides.
    if flt.first_day is not None:
        clauses.append(f"at_utc >= ? AND {_LOCAL_DAY} >= ?")
        params += [(flt.first_day - timedelta(days=1)).isoformat(), flt.first_day.isoformat()]
    if flt.last_day is not None:
        clauses.append(f"at_utc < ? AND {_LOCAL_DAY} <= ?")
        params += [(flt.last_day + timedelta(days=2)).isoformat(), flt.last_day.isoformat()]
    # "id IN (labels by word)" reads the labels_word index: a rare word costs
    # little, where EXISTS per entry would visit every entry.
    if flt.word_id is not None:
        clauses.append("id IN (SELECT entry_id FROM labels WHERE word_id = ?)")
        params.append(flt.word_id)
    if flt.family_id is not None:
        if family_word_ids is None:
            raise ValueError("a family filter needs the family's word ids")
        ids = sorted(family_word_ids)
        if not ids:
            clauses.append("0")
        else:
            marks = ",".join("?" * len(ids))
            clauses.append(f"id IN (SELECT entry_id FROM labels WHERE word_id IN ({marks}))")
            params += ids
    return " AND ".join(clauses) or "1", params


def history(
    conn: sqlite3.Connection,
    flt: HistoryFilter,
    family_word_ids: Collection[str] | None = None,
    limit: int | None = 200,
    offset: int = 0,
) -> list[Entry]:
    """Entries kept by ``flt``, newest local day first, newest first within a day.

    The order is total (ties broken by row id), so LIMIT/OFFSET pages never
    skip or repeat an entry. ``limit=None``: all the rest.
    """
    where, params = history_where(flt, family_word_ids)
    if limit is not None and limit > 0:
        # Sorting by local day cannot use an index; bound the sort instead.
        # The K-th newest entry by UTC (K = offset + limit, read from an index)
        # has a UTC date u; the K newest by UTC all fall on local days ≥ u − 1
        # (offsets reach −18 h), so the K newest by local day do too, and each
        # of those has a UTC time on or after day u − 2 (offsets reach +18 h).
        kth = conn.execute(
            f"SELECT at_utc FROM entries WHERE {where} ORDER BY at_utc DESC LIMIT 1 OFFSET ?",
            [*params, max(0, offset) + limit - 1],
        ).fetchone()
        if kth is not None:
            floor = date.fromisoformat(kth[0][:10]) - timedelta(days=2)
            where, params = f"({where}) AND at_utc >= ?", [*params, floor.isoformat()]
    # fetch() takes the ORDER BY text; LIMIT and OFFSET ride along behind it.
    order = f"{_LOCAL_DAY} DESC, at_utc DESC, id DESC LIMIT ? OFFSET ?"
    count = -1 if limit is None else max(0, limit)  # SQLite: a negative LIMIT means none
    return fetch(conn, where, [*params, count, max(0, offset)], order)


def history_count(
    conn: sqlite3.Connection, flt: HistoryFilter, family_word_ids: Collection[str] | None = None
) -> int:
    where, params = history_where(flt, family_word_ids)
    return int(conn.execute(f"SELECT count(*) FROM entries WHERE {where}", params).fetchone()[0])


def update_words_and_note(
    conn: sqlite3.Connection,
    uuid: str,
    labels: Sequence[Label],
    words_state: WordsState,
    note: str,
    updated_utc: str,
) -> bool:
    """Replace an entry's labels and set its note; the caller owns the transaction."""
    row = conn.execute("SELECT id FROM entries WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        return False
    conn.execute(
        "UPDATE entries SET words_state = ?, note = ?, updated_utc = ? WHERE id = ?",
        (words_state.value, note, updated_utc, row[0]),
    )
    conn.execute("DELETE FROM labels WHERE entry_id = ?", (row[0],))
    conn.executemany(
        "INSERT INTO labels (entry_id, position, word_id, intensity) VALUES (?,?,?,?)",
        [(row[0], i, lb.word_id, lb.intensity) for i, lb in enumerate(labels)],
    )
    return True


def remove_for_undo(conn: sqlite3.Connection, uuid: str) -> Removed | None:
    """Delete an entry and hand back what ``reinsert`` needs; the caller owns the transaction."""
    row = conn.execute("SELECT id, import_id FROM entries WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        return None
    found = fetch(conn, "id = ?", (row[0],))
    completions = conn.execute(
        "SELECT plan_id, task_index FROM homework_completions WHERE entry_id = ? "
        "ORDER BY plan_id, task_index",
        (row[0],),
    ).fetchall()
    conn.execute("DELETE FROM entries WHERE id = ?", (row[0],))
    return Removed(found[0], row[1], tuple((p, t) for p, t in completions))


def reinsert(conn: sqlite3.Connection, removed: Removed) -> bool:
    """Put a removed entry back with its uuid, source and links; False if it is back already.

    An import record or homework plan deleted in the meantime is not brought
    back: the entry then returns without that link.
    """
    if exists(conn, removed.entry.uuid):
        return False
    import_id = removed.import_id
    if (
        import_id is not None
        and conn.execute("SELECT 1 FROM imports WHERE id = ?", (import_id,)).fetchone() is None
    ):
        import_id = None
    row_id = insert(conn, removed.entry, import_id)
    conn.executemany(
        "INSERT OR IGNORE INTO homework_completions (plan_id, task_index, entry_id) "
        "SELECT id, ?, ? FROM homework_plans WHERE id = ?",
        [(task, row_id, plan) for plan, task in removed.completions],
    )
    return True
