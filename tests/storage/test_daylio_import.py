"""Importing Daylio history: one transaction, idempotent, and nothing touched on failure."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from helpers import open_store, rich_entry, sha256, snapshot_of

from emotrainer import __version__
from emotrainer.content import full_vocabulary, shipped_vocabulary
from emotrainer.core import daylio, daylio_backup, exchange
from emotrainer.core.changes import EVERYTHING, NOTHING
from emotrainer.core.clock import Stamp
from emotrainer.core.daylio import BadInput, Plan
from emotrainer.core.models import Label, UserWord
from emotrainer.paths import AppPaths
from emotrainer.storage import daylio as store_daylio
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.daylio import ImportSummary
from emotrainer.storage.errors import ImportRejectedError, StoreError
from emotrainer.storage.store import Store

OURS = Path(__file__).parents[1] / "core" / "daylio"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "daylio"
CSV_HEADER = "full_date,date,weekday,time,mood,activities,note_title,note\n"


def backup(entries: list[dict[str, Any]] | None = None) -> bytes:
    """A small .daylio archive: base64 JSON in backup.daylio, one photo under assets/."""
    document = {
        "version": 15,
        "customMoods": [
            {"id": 1, "custom_name": "", "mood_group_id": 1, "predefined_name_id": 1},
            {"id": 2, "custom_name": "Wobbly", "mood_group_id": 4, "predefined_name_id": -1},
        ],
        "tags": [{"id": 184, "name": "programming"}],
        "dayEntries": entries
        if entries is not None
        else [
            {
                "datetime": 1700408759432,
                "timeZoneOffset": -18000000,
                "mood": 1,
                "tags": [184],
                "note": "Working on a converter",
                "note_title": "",
            },
            {
                "datetime": 1625126400000,
                "timeZoneOffset": 7200000,
                "mood": 2,
                "tags": [],
                "note": "",
                "note_title": "",
            },
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("backup.daylio", base64.b64encode(json.dumps(document).encode()))
        archive.writestr("assets/photos/2023/9/0123abcd", b"\xff\xd8\xff photo")
    return buffer.getvalue()


def import_bytes(store: Store, data: bytes, name: str = "export.csv") -> ImportSummary:
    """What the command and the window do: read, map by default, plan, apply."""
    kind = daylio.sniff(data)
    file = (daylio.read_backup if kind == "backup" else daylio.read_csv)(data, name)
    vocabulary = full_vocabulary(store.user_words())
    sha = hashlib.sha256(data).hexdigest()
    plan = daylio.plan_import(
        file, daylio.default_mapping(file, vocabulary), vocabulary, sha, default_offset_min=60
    )
    return store_daylio.apply_plan(
        store, plan, file_name=name, file_sha256=sha, source=f"daylio-{kind}"
    )


def _fixtures() -> list[Any]:
    shared = [("daylio-7col-sample.csv", 32, 0, 5), ("daylio-8col-sample.csv", 3, 0, 1)]
    ours = [
        ("daylio-9col-scales.csv", 4, 0, 4),
        ("daylio-year-date.csv", 5, 0, 5),
        ("daylio-html-notes.csv", 3, 0, 3),
        ("daylio-upper-ampm.csv", 5, 0, 5),
        ("daylio-crlf-bom.csv", 2, 0, 2),
        ("daylio-custom-moods.csv", 6, 0, 4),  # "sad" is a vocabulary word
        ("daylio-bad-rows.csv", 3, 6, 3),
    ]
    skip = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures is not here")
    return [pytest.param(SHARED / n, *rest, marks=skip, id=n) for n, *rest in shared] + [
        pytest.param(OURS / n, *rest, id=n) for n, *rest in ours
    ]


@pytest.mark.parametrize(("path", "rows", "skipped", "words"), _fixtures())
def test_every_fixture_imports_and_a_second_time_adds_nothing(
    app_paths: AppPaths, path: Path, rows: int, skipped: int, words: int
) -> None:
    data = path.read_bytes()
    with open_store(app_paths) as store:
        summary = import_bytes(store, data, path.name)
        assert (summary.imported, summary.already_there, len(summary.skipped)) == (rows, 0, skipped)
        assert (summary.words_added, summary.change) == (words, EVERYTHING)
        assert store.counts().checkins == rows
        assert len(store.user_words()) == words
        record = store.conn.execute(
            "SELECT source, file_name, file_sha256, rows_imported, rows_skipped FROM imports"
        ).fetchall()
        assert record == [
            ("daylio-csv", path.name, hashlib.sha256(data).hexdigest(), rows, skipped)
        ]
        linked = store.conn.execute(
            "SELECT count(*) FROM entries WHERE import_id IS NOT NULL AND source = 'import:daylio'"
        ).fetchone()[0]
        assert linked == rows
        before = store_exchange.snapshot(store)
        again = import_bytes(store, data, path.name)
        assert again == ImportSummary(0, rows, summary.skipped, 0, NOTHING)
        assert store_exchange.snapshot(store) == before


def test_a_second_import_leaves_every_byte(app_paths: AppPaths) -> None:
    data = (OURS / "daylio-year-date.csv").read_bytes()
    with open_store(app_paths) as store:
        import_bytes(store, data)
    before = sha256(app_paths.database)
    with open_store(app_paths) as store:
        assert import_bytes(store, data).imported == 0
    assert sha256(app_paths.database) == before


def test_spot_checked_rows_in_the_store(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        import_bytes(store, (OURS / "daylio-9col-scales.csv").read_bytes())
        entries = {e.at.local().strftime("%Y-%m-%d %H:%M"): e for e in store.all_entries()}
        vocabulary = full_vocabulary(store.user_words())
    evening = entries["2024-03-10 21:45"]
    assert (evening.at.utc, evening.at.offset_min) == ("2024-03-10T20:45:00.000Z", 60)
    assert vocabulary.get(evening.labels[0].word_id).label == "good"
    assert sorted(t.text for t in evening.tags) == ["reading", "tea"]
    assert evening.note == "Quiet evening\n\nFinished the book."
    midnight = entries["2024-03-09 00:00"]
    assert vocabulary.get(midnight.labels[0].word_id).family == "sadness"  # awful


def test_a_longer_export_adds_only_the_new_rows(app_paths: AppPaths) -> None:
    old = (
        "2024-01-02,2 January,Tuesday,9:00 am,good,walk,,\n"
        "2024-01-01,1 January,Monday,8:00 pm,rad,,,\n"
    )
    new = "2024-01-03,3 January,Wednesday,7:00 am,meh,,,\n"
    with open_store(app_paths) as store:
        assert import_bytes(store, (CSV_HEADER + old).encode(), "a.csv").imported == 2
        later = import_bytes(store, (CSV_HEADER + new + old).encode(), "b.csv")
        assert (later.imported, later.already_there) == (1, 2)
        assert store.counts().checkins == 3
        rows = store.conn.execute("SELECT file_name, rows_imported FROM imports ORDER BY id")
        assert rows.fetchall() == [("a.csv", 2), ("b.csv", 1)]


def test_the_backup_imports_and_matches_the_csv_of_the_same_diary(app_paths: AppPaths) -> None:
    csv_row = "2023-11-19,19 November,Sunday,10:45 am,rad,programming,,Working on a converter\n"
    with open_store(app_paths) as store:
        assert import_bytes(store, (CSV_HEADER + csv_row).encode()).imported == 1
        summary = import_bytes(store, backup(), "backup_2023_11_27.daylio")
        assert (summary.imported, summary.already_there, summary.words_added) == (1, 1, 1)
        kinds = store.conn.execute("SELECT source FROM imports ORDER BY id").fetchall()
        assert kinds == [("daylio-csv",), ("daylio-backup",)]
        wobbly = next(w for w in store.user_words() if w.label == "Wobbly")
        assert (wobbly.family_id, wobbly.valence) == ("sadness", -0.4)  # mood group 4 → level 2
        summer = next(e for e in store.all_entries() if e.at.utc.startswith("2021"))
        assert (summer.at.utc, summer.at.offset_min) == ("2021-07-01T08:00:00.000Z", 120)
        assert summer.labels == (Label(wobbly.id, None),)


def test_a_word_of_the_users_with_the_moods_name_is_used(app_paths: AppPaths) -> None:
    data = (OURS / "daylio-upper-ampm.csv").read_bytes()
    with open_store(app_paths) as store:
        mine, _ = store.add_user_word("Rad", "Very good indeed.", "love")
        # planned with the shipped words only: a new "rad" is planned, the stored one used
        file = daylio.read_csv(data, "x.csv")
        vocabulary = shipped_vocabulary()
        plan = daylio.plan_import(
            file, daylio.default_mapping(file, vocabulary), vocabulary, "ab", default_offset_min=0
        )
        assert any(w.label == "rad" for w in plan.new_words)
        summary = store_daylio.apply_plan(
            store, plan, file_name="x.csv", file_sha256="ab", source="daylio-csv"
        )
        assert summary.words_added == 4  # good, meh, bad, awful
        assert [w.label for w in store.user_words()].count("Rad") == 1
        rad = next(e for e in store.all_entries() if e.at.local().hour == 22)
        assert rad.labels == (Label(mine.id, None),)


def test_the_import_survives_the_full_export(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        for path in sorted(OURS.glob("*.csv")):
            import_bytes(store, path.read_bytes(), path.name)
        import_bytes(store, backup(), "b.daylio")
        snap = store_exchange.snapshot(store)
    document = json.loads(
        json.dumps(exchange.to_document(snap, app_version=__version__, exported_utc="x"))
    )
    document["exported_utc"] = "2026-01-01T00:00:00.000Z"
    vocabulary = shipped_vocabulary()
    back = exchange.from_document(
        document, [w.id for w in vocabulary], [w.id for w in vocabulary.families]
    )
    assert back == snap


# -- failures change nothing ----------------------------------------------------------


def _seeded(app_paths: AppPaths) -> str:
    with open_store(app_paths) as store:
        store.add_entry(rich_entry())
        store.add_user_word("Mine", "My own word.", "calm")
        import_bytes(store, (OURS / "daylio-crlf-bom.csv").read_bytes(), "first.csv")
    return sha256(app_paths.database)


def _csv(row: bytes) -> bytes:
    return CSV_HEADER.encode() + row + b"\n"


def _bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("backup.daylio", b"A" * (2 * 1024 * 1024))
    return buffer.getvalue()


def _zip_of(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("backup.daylio", data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"date,mood,note\n2024-01-01,good,\n", "f.csv: line 1: not a Daylio export"),
        (_csv(b"2024-01-01,1 Jan,Monday,9:00 am,gr\xfcn,,,"), "f.csv: line 2: not UTF-8 text"),
        (b"x" * 5000, "f.csv: larger than 4 KB"),
        (_bomb(), "f.csv: backup.daylio: would unpack to more than 64 KB"),
        (_zip_of(b"not*base64"), "f.csv: backup.daylio: not base64 text"),
        (
            _zip_of(base64.b64encode(b'{"customMoods": [}')),
            "f.csv: backup.daylio: line 1 column 18",
        ),
        (
            backup([{"datetime": "yesterday", "mood": 1}]),
            "f.csv: backup.daylio: dayEntries[0].datetime: ",
        ),
    ],
)
def test_a_rejected_file_changes_no_stored_byte(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, data: bytes, message: str
) -> None:
    before = _seeded(app_paths)
    snap = snapshot_of(app_paths)
    monkeypatch.setattr(daylio, "MAX_BYTES", 4096 if len(data) == 5000 else daylio.MAX_BYTES)
    monkeypatch.setattr(daylio_backup, "MAX_DATA", 64 * 1024)
    with open_store(app_paths) as store, pytest.raises(BadInput) as caught:
        import_bytes(store, data, "f.csv")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert sha256(app_paths.database) == before
    assert snapshot_of(app_paths) == snap


def _planned(store: Store) -> Plan:
    file = daylio.read_csv((OURS / "daylio-year-date.csv").read_bytes(), "y.csv")
    vocabulary = full_vocabulary(store.user_words())
    return daylio.plan_import(
        file, daylio.default_mapping(file, vocabulary), vocabulary, "cd", default_offset_min=0
    )


def _bad_last_entry(plan: Plan) -> Plan:
    last = plan.entries[-1]
    broken = replace(last, at=Stamp(last.at.utc, 5000))  # the store refuses an offset of 83 h
    return replace(plan, entries=(*plan.entries[:-1], broken))


def _bad_second_word(plan: Plan) -> Plan:
    bad = UserWord("user_badbadbad", "Broken", "x", "joy", "2020-01-01T00:00:00.000Z", 7.0)
    return replace(plan, new_words=(plan.new_words[0], bad, *plan.new_words[1:]))


@pytest.mark.parametrize(
    ("spoil", "place"),
    [
        (_bad_last_entry, "entries[4] (2020-02-29T07:30/1)"),
        (_bad_second_word, "new words[1] (“Broken”)"),
    ],
)
def test_a_refused_plan_writes_nothing(app_paths: AppPaths, spoil: Any, place: str) -> None:
    before = _seeded(app_paths)
    snap = snapshot_of(app_paths)
    with open_store(app_paths) as store:
        plan = spoil(_planned(store))
        with pytest.raises(ImportRejectedError) as caught:
            store_daylio.apply_plan(
                store, plan, file_name="y.csv", file_sha256="cd", source="daylio-csv"
            )
    assert str(caught.value).startswith(f"{place}: clashes with data already stored")
    assert str(caught.value).endswith("nothing was imported")
    assert sha256(app_paths.database) == before
    assert snapshot_of(app_paths) == snap


def test_only_the_base_name_is_kept(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        plan = _planned(store)
        for i, name in enumerate(["/home/me/Downloads/daylio.csv", r"C:\Users\me\daylio.csv"]):
            store_daylio.apply_plan(
                store, plan, file_name=name, file_sha256=f"{i}", source="daylio-csv"
            )
        names = store.conn.execute("SELECT file_name FROM imports").fetchall()
    assert names == [("daylio.csv",), ("daylio.csv",)]


def test_an_unknown_source_and_a_read_only_store_are_refused(app_paths: AppPaths) -> None:
    _seeded(app_paths)
    with open_store(app_paths) as store:
        plan = _planned(store)
        with pytest.raises(ValueError, match="unknown import source"):
            store_daylio.apply_plan(store, plan, file_name="y", file_sha256="cd", source="json")
    with Store.open_readonly(app_paths) as store, pytest.raises(StoreError, match="read-only"):
        store_daylio.apply_plan(store, plan, file_name="y", file_sha256="cd", source="daylio-csv")
