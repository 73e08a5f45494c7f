"""The progress rows from the store: local days from each entry's own offset."""

from __future__ import annotations

from datetime import date

from helpers import at, make_entry

from emotrainer.content import shipped_vocabulary
from emotrainer.core.models import BodyMark, EntryKind, Label, WordsState
from emotrainer.core.progress import ProgressMetrics, Span
from emotrainer.paths import AppPaths
from emotrainer.storage.store import Store


def test_each_entry_counts_on_the_local_day_it_was_lived(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        store.add_entries(
            [
                # Europe's spring change, 29 March 2026: 00:30 at +01:00 and 02:30 at
                # +02:00 are the same night, an hour apart in UTC (23:30Z and 00:30Z).
                make_entry(at=at(2026, 3, 29, 0, 30, offset=60), labels=(Label("numb"),)),
                make_entry(at=at(2026, 3, 29, 3, 30, offset=120), labels=(Label("calm"),)),
                # New York evening: 22:00 on 1 March at −05:00 is 03:00Z on 2 March.
                make_entry(at=at(2026, 3, 1, 22, 0, offset=-300), presence=7),
                # Tokyo morning: 07:00 on 2 March at +09:00 is 22:00Z on 1 March.
                make_entry(at=at(2026, 3, 2, 7, 0, offset=540), presence=3),
            ]
        )
        rows = store.progress_rows()
    days = sorted(day for _id, day, _p in rows.entries)
    assert days == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 29), date(2026, 3, 29)]
    p = ProgressMetrics(rows, shipped_vocabulary()).progress(Span.MONTH, date(2026, 3, 29))
    words = {pt.day: pt.value for pt in p.chart("range").series[0].points}
    assert words == {date(2026, 3, 29): 2.0}  # both on the night of the change
    presence = {pt.day: pt.value for pt in p.chart("presence").series[0].points}
    assert presence == {date(2026, 3, 1): 7.0, date(2026, 3, 2): 3.0}


def test_rows_carry_labels_marks_flags_and_only_negative_ratings(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        store.add_entry(
            make_entry(
                labels=(Label("anxious", 5), Label("numb")),
                marks=(
                    BodyMark("chest", ("tight", "heavy")),
                    BodyMark("jaw", ("nothing",)),
                    BodyMark("hand_left", ("numb", "cold")),
                ),
            )
        )
        store.add_entry(
            make_entry(
                kind=EntryKind.INVENTORY,
                words_state=WordsState.NOT_ASKED,
                ratings=(("happy", 4), ("sad", 2), ("numb", 1)),
            )
        )
        rows = store.progress_rows()
    assert sorted(w for _e, w in rows.labels) == ["anxious", "numb"]
    ((_entry, marks, absent, places),) = rows.marks
    assert (marks, absent, sorted(places.split())) == (3, 2, ["chest", "hand_left"])
    assert sorted((i, r) for _e, i, r in rows.ratings) == [("numb", 1), ("sad", 2)]


def test_an_empty_store_gives_empty_rows(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        rows = store.progress_rows()
    assert rows.entries == rows.labels == rows.marks == rows.ratings == ()


def test_the_stored_local_day_is_the_day_of_the_offset_on_every_path(
    app_paths: AppPaths, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Inserted, imported, or migrated from schema 1: local_day = date(at_utc + offset)."""
    import sqlite3
    from pathlib import Path

    from helpers import full_snapshot

    from emotrainer.paths import ensure_private_dir, resolve
    from emotrainer.storage import exchange as store_exchange

    check = "SELECT count(*) FROM entries WHERE local_day <> date(at_utc, offset_min || ' minutes')"
    with Store.open(app_paths) as store:
        store.add_entry(make_entry(at=at(2026, 3, 29, 0, 30, offset=60)))
        store_exchange.apply(store, full_snapshot())
        assert store.conn.execute(check).fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 5
    old = resolve(tmp_path / "old")
    ensure_private_dir(old.data_dir)
    conn = sqlite3.connect(old.database)
    fixture = Path(__file__).parent / "fixtures" / "schema-v1.sql"
    conn.executescript(fixture.read_text(encoding="utf-8"))
    conn.close()
    with Store.open(old) as migrated:
        assert migrated.conn.execute(check).fetchone()[0] == 0
        days = [r[0] for r in migrated.conn.execute("SELECT local_day FROM entries ORDER BY id")]
        assert days == ["2026-01-05", "2026-01-06", "2026-01-06", "2026-01-07"]
