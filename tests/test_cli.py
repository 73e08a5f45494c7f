"""The command line contract (SPEC §4.6): output, exit codes, and data left safe."""

from __future__ import annotations

import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import at, full_snapshot, make_entry, open_store, run_cli, sha256, snapshot_of

from emotrainer import __version__, cli
from emotrainer.content import shipped_vocabulary
from emotrainer.core import demo, exchange
from emotrainer.core.clock import format_utc
from emotrainer.core.exchange import to_document
from emotrainer.paths import AppPaths, resolve
from emotrainer.storage import backups
from emotrainer.storage.migrations import LATEST_VERSION

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
    report = _json_out(capsys)
    assert report["integrity"].startswith("unreadable")
    assert sha256(app_paths.database) == before
    assert sorted(p.name for p in app_paths.data_dir.iterdir() if p.name != "logs") == files


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


@pytest.mark.parametrize(
    ("make", "place"),
    [
        (_write_json(_set_format), "format: not an emotrainer export"),
        (_write_json(_set_version), "version: written by a newer emotrainer"),
        (_write_json(_set_intensity), "entries[0].labels[0].intensity:"),
        (_write_json(_set_word), "entries[2].labels[0].word: unknown word"),
        (_write_json(_clash_label), "user_words[0]: clashes"),
        (_write_bytes(b'{"format": "emotrainer-export",\n  "version": }'), "line 2 column"),
        (_write_bytes(b""), "line 1 column 1"),
        (_write_bytes(b'{"format": "caf\xe9"}'), "byte 15: not UTF-8"),
        (_write_bytes(b"[" * 100_000), "nested too deeply"),
        (_write_bytes(b"[" + b"7" * 5000 + b"]"), "not valid JSON"),
        (_write_bytes(b'{"version": NaN}'), "not valid JSON"),
    ],
    ids=[
        "format", "version", "intensity", "word", "clash", "syntax", "empty", "utf8",
        "deep", "huge-int", "nan",
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
    assert str(source) in line and "larger than" in line
    assert snapshot_of(app_paths) == before


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_import_of_an_endless_file_stops_at_the_cap(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_BYTES", 64 * 1024)
    assert run_cli(["import", "/dev/zero"]) == 2
    line = _one_error_line(capsys)
    assert "/dev/zero" in line and "larger than" in line


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
