"""The command line contract (SPEC §4.6): output, exit codes, and data left safe."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    at,
    folder_state,
    full_snapshot,
    make_entry,
    open_store,
    run_cli,
    sha256,
    snapshot_of,
)

from emotrainer import __version__, cli
from emotrainer.content import shipped_vocabulary
from emotrainer.core import demo, exchange
from emotrainer.core.clock import format_utc
from emotrainer.core.exchange import to_document
from emotrainer.paths import AppPaths, resolve
from emotrainer.storage import backups, database
from emotrainer.storage.migrations import LATEST_VERSION, MIGRATIONS
from emotrainer.storage.store import Store

WORD_KEYS = {
    "id", "label", "level", "parent", "family", "definition", "valence", "arousal",
    "neighbours", "body_cues", "own_word",
}  # fmt: skip


def _json_out(capsys: pytest.CaptureFixture[str]) -> Any:
    return json.loads(capsys.readouterr().out)


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- basics ------------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["--version"]) == 0
    assert capsys.readouterr().out == "emotrainer 0.1.0\n"
    assert __version__ == "0.1.0"


def test_unknown_subcommand_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["frobnicate"]) == 2
    assert "frobnicate" in _one_error_line(capsys)


def test_unknown_option_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["stats", "--nosuch"]) == 2
    assert "--nosuch" in _one_error_line(capsys)


def test_data_dir_option_beats_the_variable(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    assert run_cli(["--data-dir", str(other), "doctor", "--json"]) == 0
    report = _json_out(capsys)
    assert report["data_dir"] == str(other)
    assert not (data_dir / "emotrainer.db").exists()


# -- doctor ---------------------------------------------------------------------------------


def test_doctor_json(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["demo-data", "--days", "3"]) == 0
    capsys.readouterr()
    assert run_cli(["doctor", "--json"]) == 0
    report = _json_out(capsys)
    assert report["schema_version"] == LATEST_VERSION
    assert report["supported_schema_version"] == LATEST_VERSION
    assert report["integrity"] == "ok"
    assert report["database_exists"] is True
    assert report["database"] == str(app_paths.database)
    assert report["version"] == __version__
    assert report["counts"]["entries"] > 0
    assert {"labels", "body_marks", "user_words", "drafts", "imports"} <= set(report["counts"])
    assert report["counts"]["entries"] == sum(
        v for k, v in report["counts"].items() if k.startswith("entries_")
    )
    if os.name == "posix":
        assert report["permissions"] == {"data_dir": "0700", "database": "0600"}
    assert report["backups"] >= 1
    assert report["vocabulary_words"] == len(shipped_vocabulary())


def test_doctor_without_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["doctor", "--json"]) == 0
    report = _json_out(capsys)
    assert report["database_exists"] is False
    assert report["schema_version"] is None and report["counts"] is None


def test_doctor_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "schema version" in out and "data dir" in out


def test_doctor_on_a_damaged_file_only_looks(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
    app_paths.database.write_bytes(os.urandom(4096))
    before = sha256(app_paths.database)
    files = sorted(p.name for p in app_paths.data_dir.iterdir() if p.name != "logs")
    assert run_cli(["doctor", "--json"]) == 2
    out, err = capsys.readouterr()
    report = json.loads(out)  # the report stays on stdout, whole
    assert report["integrity"].startswith("unreadable")
    assert report["schema_version"] is None and report["counts"] is None
    # and the reason, in one line, on stderr
    assert err.count("\n") == 1
    assert err.startswith(f"emotrainer: {app_paths.database}: the data file could not be read")
    assert "not a SQLite database" in err and "move it aside" in err
    assert sha256(app_paths.database) == before
    assert sorted(p.name for p in app_paths.data_dir.iterdir() if p.name != "logs") == files


def test_doctor_on_corrupted_pages_says_why_on_stderr(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill_and_close(app_paths, 300)
    data = bytearray(app_paths.database.read_bytes())
    middle = len(data) // 4096 // 2
    data[middle * 4096 : (middle + 4) * 4096] = b"\xa5" * (4 * 4096)
    app_paths.database.write_bytes(bytes(data))
    before = folder_state(app_paths.data_dir)
    assert run_cli(["doctor"]) == 2
    out, err = capsys.readouterr()
    assert "integrity" in out and "schema version" in out
    assert err.count("\n") == 1
    assert err.startswith(f"emotrainer: {app_paths.database}: the data file could not be read (")
    assert folder_state(app_paths.data_dir) == before


def test_doctor_on_a_healthy_database_is_silent_and_changes_nothing(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill_and_close(app_paths)
    before = folder_state(app_paths.data_dir)
    assert run_cli(["doctor", "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    report = json.loads(out)
    assert report["integrity"] == "ok" and report["counts"]["entries"] == 3
    assert folder_state(app_paths.data_dir) == before  # no -wal, no -shm left behind


# -- words and stats ---------------------------------------------------------------------------


def test_words_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["words", "--json"]) == 0
    doc = _json_out(capsys)
    assert (doc["format"], doc["version"]) == ("emotrainer-words", 1)
    vocabulary = shipped_vocabulary()
    assert [w["id"] for w in doc["words"]] == [w.id for w in vocabulary]
    for word in doc["words"]:
        assert set(word) == WORD_KEYS, word["id"]
        assert word["own_word"] is False
        if word["level"] == "specific":
            assert len(word["neighbours"]) >= 2 and word["body_cues"]
            assert set(word["body_cues"][0]) == {"area", "sensation"}


def test_words_include_the_users_own(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths) as store:
        own, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    assert run_cli(["words", "--json"]) == 0
    words = {w["id"]: w for w in _json_out(capsys)["words"]}
    assert words[own.id]["own_word"] is True
    assert words[own.id]["family"] == "calm"


def test_words_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["words"]) == 0
    out = capsys.readouterr().out
    assert "Detachment" in out and "    Numb:" in out


def test_stats_json_on_an_empty_folder(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["stats", "--json"]) == 0
    stats = _json_out(capsys)
    assert (stats["format"], stats["version"]) == ("emotrainer-stats", 1)
    assert stats["entries"] == stats["checkins"] == stats["labels"] == 0
    assert stats["first_entry_utc"] is None and stats["last_entry_utc"] is None
    assert stats["active_vocabulary"]["total"] == 0
    assert stats["vocabulary_size"] == len(shipped_vocabulary())
    assert stats["trainer"] == {
        "words_mastered": 0,
        "words_learning": 0,
        "cards": 0,
        "reviews": 0,
        "mastered_when": {"cards_at_least": 2, "stability_days_at_least": 21.0},
    }
    assert not app_paths.database.exists()  # reading never creates a store
    if os.name == "posix":  # the log folder made it; it is private all the same
        assert _mode(app_paths.data_dir) == 0o700


def test_stats_after_demo_data(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["demo-data", "--days", "30", "--seed", "4"]) == 0
    assert "demo entries over 30 days" in capsys.readouterr().out
    assert run_cli(["stats", "--json"]) == 0
    stats = _json_out(capsys)
    assert stats["entries"] > 60 and stats["labels"] > 0
    active = stats["active_vocabulary"]
    assert active["total"] == sum(active["by_level"].values()) > 0
    assert stats["first_entry_utc"] < stats["last_entry_utc"]
    assert set(stats["spans"]) == {"week", "month", "year", "all"}
    month = stats["spans"]["month"]
    assert set(month) == {
        "first_day",
        "last_day",
        "words_named",
        "new_words",
        "entries",
        "words_used",
        "families_used",
        "specific_percent",
        "presence_mean",
        "places_per_body_checkin",
        "numb_or_nothing_percent",
        "differentiation",
        "words_mastered",
        "homework_adherence",
        "charts",
        "body_heat",
    }
    assert month["last_day"] == stats["today"]
    assert set(month["charts"]) == {
        "vocabulary",
        "specificity",
        "range",
        "differentiation",
        "presence",
        "body",
        "numbness",
    }
    assert stats["spans"]["all"]["words_named"] == active["total"]
    assert 0 <= month["specific_percent"] <= 100
    day, value = month["charts"]["vocabulary"]["series"]["all"][-1]
    assert day == stats["today"] and value == active["total"]


def test_stats_counts_mastered_words(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    from emotrainer.core.clock import parse_utc
    from emotrainer.core.srs import Grade

    with Store.open(app_paths) as store:
        for word in ("calm", "numb"):
            for kind in ("definition_to_word", "word_to_definition"):
                now = datetime(2025, 1, 1, tzinfo=UTC)
                reps = 6 if word == "calm" else 1
                for _ in range(reps):
                    store.record_review(word, kind, Grade.GOT_IT, now, fuzz=False)
                    card = next(
                        c for c in store.trainer_cards() if (c.word_id, c.kind) == (word, kind)
                    )
                    now = parse_utc(card.due_utc)
    assert run_cli(["stats", "--json"]) == 0
    trainer = _json_out(capsys)["trainer"]
    assert (trainer["words_mastered"], trainer["words_learning"]) == (1, 1)
    assert (trainer["cards"], trainer["reviews"]) == (4, 14)
    assert run_cli(["stats"]) == 0
    assert "Word trainer: 1 word mastered, 1 learning (14 reviews)" in capsys.readouterr().out


def test_demo_data_never_reaches_into_the_future(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, Any] = {}
    original = demo.generate

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return original(*args, **kwargs)

    monkeypatch.setattr(demo, "generate", spy)
    assert run_cli(["demo-data", "--days", "3"]) == 0
    after = format_utc(datetime.now(UTC))
    assert isinstance(seen.get("now"), datetime) and seen["now"].tzinfo is not None
    with open_store(app_paths, lock=False) as store:
        latest = store.conn.execute("SELECT max(at_utc) FROM entries").fetchone()[0]
    assert latest is not None and latest <= after


# -- commands that only read change nothing ------------------------------------------------------


def _fill_and_close(app_paths: AppPaths, count: int = 3) -> None:
    """A database as the app leaves it when closed, with a backup."""
    with open_store(app_paths) as store:
        store.add_entries(make_entry(note="words " * 100) for _ in range(count))
        store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
        store.backup_now()
    assert not Path(f"{app_paths.database}-wal").exists()


def _reading(command: str, tmp_path: Path) -> list[str]:
    return {
        "stats": ["stats", "--json"],
        "words": ["words", "--json"],
        "export": ["export", "--format", "json", "--out", str(tmp_path / "out.json")],
    }[command]


READING = ["stats", "words", "export"]


@pytest.mark.parametrize("command", READING)
def test_reading_without_a_database_creates_nothing(
    command: str, tmp_path: Path, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(_reading(command, tmp_path)) == 0
    assert folder_state(app_paths.data_dir) == {}  # only the log folder, if that
    out = capsys.readouterr().out
    if command == "stats":
        assert json.loads(out)["entries"] == 0
    elif command == "words":
        assert len(json.loads(out)["words"]) == len(shipped_vocabulary())
    else:
        doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        vocabulary = shipped_vocabulary()
        known = [w.id for w in vocabulary]
        families = [w.id for w in vocabulary.families]
        assert exchange.from_document(doc, known, families) == exchange.Snapshot()


@pytest.mark.parametrize("command", READING)
def test_reading_a_database_last_closed_by_the_app_changes_nothing(
    command: str, tmp_path: Path, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill_and_close(app_paths)
    before = folder_state(app_paths.data_dir)
    assert run_cli(_reading(command, tmp_path)) == 0
    assert folder_state(app_paths.data_dir) == before
    out = capsys.readouterr().out
    if command == "stats":
        assert json.loads(out)["entries"] == 3
    elif command == "words":
        assert "Wabi-sabi" in {w["label"] for w in json.loads(out)["words"]}
    else:
        doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
        assert len(doc["entries"]) == 3 and len(doc["user_words"]) == 1


def _older(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(database, "MIGRATIONS", (*MIGRATIONS, "CREATE TABLE later (a);"))
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION + 1)


def _newer(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = sqlite3.connect(app_paths.database)
    try:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    finally:
        conn.close()


def _damaged(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    app_paths.database.write_bytes(b"\x00garbage" * 500)


def _foreign(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    app_paths.database.unlink()
    conn = sqlite3.connect(app_paths.database)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    finally:
        conn.close()


@pytest.mark.parametrize("command", READING)
@pytest.mark.parametrize(
    ("spoil", "reason"),
    [
        (_older, f"was written by an older emotrainer (schema {LATEST_VERSION}; this version "
                 f"uses {LATEST_VERSION + 1}); open emotrainer once to update it"),
        (_newer, "was written by a newer emotrainer"),
        (_damaged, "could not be read (it is not a SQLite database); it was left untouched — "
                   "opening emotrainer will move it aside (nothing is deleted) and offer the "
                   "newest backup"),
        (_foreign, "this file is a SQLite database but not emotrainer's; it was left untouched"),
    ],
    ids=["older", "newer", "damaged", "foreign"],
)  # fmt: skip
def test_reading_refuses_what_it_cannot_read_and_changes_nothing(
    command: str,
    spoil: Any,
    reason: str,
    tmp_path: Path,
    app_paths: AppPaths,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _fill_and_close(app_paths)
    spoil(app_paths, monkeypatch)
    before = folder_state(app_paths.data_dir)
    assert run_cli(_reading(command, tmp_path)) == 2
    line = _one_error_line(capsys)
    assert line.startswith(f"emotrainer: {app_paths.database}: ")
    assert reason in line
    assert folder_state(app_paths.data_dir) == before
    assert not (tmp_path / "out.json").exists()


def test_a_foreign_database_is_refused_by_a_writing_command(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill_and_close(app_paths)
    _foreign(app_paths, monkeypatch)
    before = sha256(app_paths.database)
    assert run_cli(["demo-data", "--days", "2"]) == 2
    assert "but not emotrainer's; it was left untouched" in _one_error_line(capsys)
    assert sha256(app_paths.database) == before


# -- bad arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["demo-data", "--days", "0"], "--days"),
        (["demo-data", "--days", "-5"], "--days"),
        (["demo-data", "--days", "many"], "--days"),
        (["demo-data"], "--days"),
        (["export", "--format", "json", "--out", "x.json", "--from", "2026-13-01"], "--from"),
        (["export", "--format", "json", "--out", "x.json", "--to", "yesterday"], "--to"),
        (["export", "--format", "xml", "--out", "x.json"], "--format"),
        (["import", "x.json", "--format", "daylio-xml"], "--format"),
        (["restore", "nosuch.db"], "nosuch.db"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    argv: list[str], named: str, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(argv) == 2
    assert named in _one_error_line(capsys)
    assert not app_paths.database.exists()


def test_export_to_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "nosuch" / "export.json"
    assert run_cli(["export", "--format", "json", "--out", str(out)]) == 2
    assert str(out) in _one_error_line(capsys)


# -- export and import -----------------------------------------------------------------------------


def _export(data: Path, out: Path, *extra: str) -> dict[str, Any]:
    assert (
        run_cli(["--data-dir", str(data), "export", "--format", "json", "--out", str(out), *extra])
        == 0
    )
    doc: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def _without_time(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_utc"}


def test_export_import_export_is_lossless(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run_cli(["--data-dir", str(first), "demo-data", "--days", "365", "--seed", "1"]) == 0
    one = _export(first, tmp_path / "one.json")
    assert len(one["entries"]) > 1000

    assert run_cli(["--data-dir", str(second), "import", str(tmp_path / "one.json")]) == 0
    assert f"Imported {len(one['entries'])} entries" in capsys.readouterr().out
    two = _export(second, tmp_path / "two.json")
    assert _without_time(two) == _without_time(one)
    assert two["exported_utc"] >= one["exported_utc"]
    if os.name == "posix":
        assert _mode(tmp_path / "one.json") == 0o600

    # the same file again adds nothing
    before = snapshot_of(resolve(second))
    assert (
        run_cli(
            ["--data-dir", str(second), "import", str(tmp_path / "one.json"), "--format", "json"]
        )
        == 0
    )
    assert f"Imported 0 entries from one.json ({len(one['entries'])} already present)" in (
        capsys.readouterr().out
    )
    assert snapshot_of(resolve(second)) == before


def test_export_a_date_range(tmp_path: Path, app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entries(
            [
                make_entry(at=at(2026, 1, 31, 23, 30, offset=120)),
                make_entry(at=at(2026, 2, 1, 0, 30, offset=120)),
                make_entry(at=at(2026, 2, 28, 22, 0)),
                make_entry(at=at(2026, 3, 1, 1, 0)),
            ]
        )
    doc = _export(
        app_paths.data_dir, tmp_path / "feb.json", "--from", "2026-02-01", "--to", "2026-02-28"
    )
    assert [e["at_utc"] for e in doc["entries"]] == [
        "2026-01-31T22:30:00.000Z",
        "2026-02-28T21:00:00.000Z",
    ]


def _valid_doc() -> dict[str, Any]:
    doc = to_document(full_snapshot(), app_version="0.1.0", exported_utc="2026-02-01T00:00:00.000Z")
    parsed: dict[str, Any] = json.loads(json.dumps(doc))
    return parsed


def _write_json(change: Any) -> Any:
    def make(path: Path) -> None:
        doc = _valid_doc()
        change(doc)
        path.write_text(json.dumps(doc), encoding="utf-8")

    return make


def _write_bytes(data: bytes) -> Any:
    def make(path: Path) -> None:
        path.write_bytes(data)

    return make


def _set_format(doc: dict[str, Any]) -> None:
    doc["format"] = "daylio-backup"


def _set_version(doc: dict[str, Any]) -> None:
    doc["version"] = exchange.FORMAT_VERSION + 1


def _set_intensity(doc: dict[str, Any]) -> None:
    doc["entries"][0]["labels"][0]["intensity"] = 11


def _set_word(doc: dict[str, Any]) -> None:
    doc["entries"][2]["labels"][0]["word"] = "flabbergasted_x"


def _clash_label(doc: dict[str, Any]) -> None:
    doc["user_words"][0]["label"] = "MINE"  # the store holds "mine" already


def _set_rating_item(doc: dict[str, Any]) -> None:
    doc["entries"][3]["ratings"]["bored"] = 2


def _set_family(doc: dict[str, Any]) -> None:
    doc["user_words"][0]["family"] = "ennui"


@pytest.mark.parametrize(
    ("make", "place"),
    [
        (_write_json(_set_format), "format: not an emotrainer export"),
        (_write_json(_set_version), "version: written by a newer emotrainer"),
        (_write_json(_set_intensity), "entries[0].labels[0].intensity:"),
        (_write_json(_set_word), "entries[2].labels[0].word: unknown word"),
        (_write_json(_clash_label), "user_words[0]: clashes"),
        (_write_json(_set_rating_item), "entries[3].ratings.bored: unknown feelings-inventory"),
        (_write_json(_set_family), "user_words[0].family: unknown family 'ennui'"),
        (_write_bytes(b'{"format": "emotrainer-export",\n  "version": }'), "line 2 column"),
        (_write_bytes(b""), "line 1 column 1"),
        (_write_bytes(b'{"format": "caf\xe9"}'), "byte 15: not UTF-8"),
        (_write_bytes(b"[" * 100_000), "nested too deeply"),
        (_write_bytes(b"[" + b"7" * 5000 + b"]"), "not valid JSON"),
        (_write_bytes(b'{"version": NaN}'), "not valid JSON"),
    ],
    ids=[
        "format", "version", "intensity", "word", "clash", "rating-item", "family", "syntax",
        "empty", "utf8", "deep", "huge-int", "nan",
    ],
)  # fmt: skip
def test_import_refusals_change_nothing(
    make: Any,
    place: str,
    tmp_path: Path,
    app_paths: AppPaths,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        store.add_user_word("mine", "My own word.", "calm")
        store.set_setting("theme", "dark")
    before = snapshot_of(app_paths)
    source = tmp_path / "to import.json"
    make(source)

    assert run_cli(["import", str(source)]) == 2

    line = _one_error_line(capsys)
    assert str(source) in line and place in line
    assert snapshot_of(app_paths) == before


def test_import_over_the_size_cap(
    tmp_path: Path,
    app_paths: AppPaths,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
    before = snapshot_of(app_paths)
    source = tmp_path / "big.json"
    source.write_text(json.dumps(_valid_doc()), encoding="utf-8")
    monkeypatch.setattr(exchange, "MAX_BYTES", 1024)
    assert run_cli(["import", str(source)]) == 2
    line = _one_error_line(capsys)
    assert line.endswith(f"{source}: larger than 1 KB")
    assert snapshot_of(app_paths) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_of_an_endless_file_stops_at_the_cap(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_BYTES", 64 * 1024)
    assert run_cli(["import", "/dev/zero"]) == 2
    line = _one_error_line(capsys)
    assert line.endswith("/dev/zero: larger than 64 KB")


def test_import_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "nosuch.json"
    assert run_cli(["import", str(source)]) == 2
    assert str(source) in _one_error_line(capsys)


# -- backups and restore ---------------------------------------------------------------------------


def test_backups_and_restore(app_paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["backups"]) == 0
    assert "No backups yet." in capsys.readouterr().out
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
        store.add_entry(make_entry())
    assert run_cli(["backups"]) == 0
    assert backup.name in capsys.readouterr().out

    assert run_cli(["restore", backup.name]) == 0
    out = capsys.readouterr().out
    assert f"Restored {backup.name}" in out and "emotrainer.db.replaced-" in out
    with open_store(app_paths) as store:
        assert store.counts().entries == 1


def test_restore_refuses_a_damaged_backup(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
    backup.write_bytes(os.urandom(4096))
    before = sha256(app_paths.database)
    assert run_cli(["restore", backup.name]) == 2
    assert backup.name in _one_error_line(capsys)
    assert sha256(app_paths.database) == before
    assert not list(app_paths.data_dir.glob("*.replaced-*"))


def test_restore_while_the_app_runs_is_refused(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths) as store:
        backup = store.backup_now()
        assert run_cli(["restore", backup.name]) == 2
        assert "already open" in _one_error_line(capsys)
    assert [b.path for b in backups.list_backups(app_paths.backups_dir)] == [backup]


def test_writing_commands_refuse_while_the_app_runs(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths):
        assert run_cli(["demo-data", "--days", "2"]) == 2
        assert "already open" in _one_error_line(capsys)
        assert run_cli(["stats", "--json"]) == 0  # reading is fine


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], {"data_dir": None, "exit_after_start": False, "theme": None}),
        (["--data-dir", "/x"], {"data_dir": "/x"}),
        (
            ["--data-dir=/x", "--theme", "dark", "--exit-after-start"],
            {"data_dir": "/x", "theme": "dark", "exit_after_start": True},
        ),
        (["--data-dir", "doctor"], {"data_dir": "doctor"}),  # a folder named like a command
    ],
)
def test_window_options_are_read_without_argparse(
    argv: list[str], expected: dict[str, object]
) -> None:
    options = cli.parse_window_options(argv)
    assert options is not None and options.command is None
    for key, value in expected.items():
        assert getattr(options, key) == value


@pytest.mark.parametrize(
    "argv",
    [
        ["doctor"],
        ["--help"],
        ["--version"],
        ["--theme", "blue"],
        ["--data-dir"],
        ["--data-dir", "--theme"],
        ["--bogus"],
    ],
)
def test_anything_else_goes_to_the_full_parser(argv: list[str]) -> None:
    assert cli.parse_window_options(argv) is None


@pytest.mark.parametrize("kind", ["foreign", "newer"])
def test_doctor_names_a_file_it_will_not_open(
    kind: str, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    app_paths.data_dir.mkdir(parents=True)
    conn = sqlite3.connect(app_paths.database)
    if kind == "foreign":
        conn.execute("CREATE TABLE moz_places (id INTEGER)")
    else:
        conn.execute("CREATE TABLE t (id INTEGER)")
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = sha256(app_paths.database)
    code = run_cli(["--data-dir", str(app_paths.data_dir), "doctor", "--json"])
    captured = capsys.readouterr()
    assert code == 2
    assert json.loads(captured.out)["integrity"] == "ok"
    expected = "not emotrainer's" if kind == "foreign" else "newer emotrainer"
    assert expected in captured.err and len(captured.err.strip().splitlines()) == 1
    assert sha256(app_paths.database) == before
