"""Starting the window: damaged, locked and healthy stores; the start-up report."""

from __future__ import annotations

import os

import pytest
from helpers import start_app_once

from emotrainer.storage.store import Store
from emotrainer.ui import app as ui_app


def _store_with_backup(paths) -> bytes:  # type: ignore[no-untyped-def]
    with Store.open(paths) as store:
        store.set_setting("kept", "from the backup")
        store.backup_now()
    garbage = os.urandom(8192)
    paths.database.write_bytes(garbage)
    return garbage


@pytest.mark.parametrize("choice", ["restore", "fresh"])
def test_damaged_database_is_moved_aside_and_the_choice_is_honoured(ui_paths, choice):
    garbage = _store_with_backup(ui_paths)
    asked = []
    store = ui_app.open_store(ui_paths, on_damage=lambda e: asked.append(e) or choice)
    assert store is not None
    try:
        assert len(asked) == 1 and asked[0].newest_backup is not None
        moved = list(ui_paths.data_dir.glob("emotrainer.db.damaged-*"))
        assert [m.read_bytes() for m in moved] == [garbage]
        expected = "from the backup" if choice == "restore" else None
        assert store.setting("kept") == expected
    finally:
        store.close()


def test_quitting_at_the_damage_question_opens_nothing(ui_paths):
    _store_with_backup(ui_paths)
    assert ui_app.open_store(ui_paths, on_damage=lambda e: "quit") is None
    assert not ui_paths.database.exists()


def test_a_second_instance_is_told_and_stops(ui_paths, monkeypatch):
    shown = []
    monkeypatch.setattr(ui_app.errors, "show_known_error", lambda t, m: shown.append(m))
    with Store.open(ui_paths):
        assert ui_app.open_store(ui_paths) is None
    assert len(shown) == 1 and "already open" in shown[0]


def test_exit_after_start_paints_without_heavy_modules(ui_paths):
    report = start_app_once(ui_paths.data_dir, QT_QPA_PLATFORM="offscreen")
    assert report["heavy_modules"] == []
    assert ui_paths.database.exists()


def _store_with_damaged_pages(paths) -> None:  # type: ignore[no-untyped-def]
    with Store.open(paths) as store:
        store.set_setting("kept", "from the backup")
        store.backup_now()
        for i in range(400):
            store.set_setting(f"filler-{i}", "x" * 200)
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with paths.database.open("r+b") as handle:
        handle.seek(4096 * 5)
        handle.write(os.urandom(4096 * 4))


@pytest.mark.parametrize(("choice", "expected"), [("restore", "from the backup"), ("fresh", None)])
def test_deferred_check_finds_damage_after_the_window_opened(ui_paths, choice, expected):
    from emotrainer.storage.database import check_file
    from emotrainer.ui.bus import ChangeBus

    _store_with_damaged_pages(ui_paths)
    store = ui_app.open_store(ui_paths, on_damage=lambda e: "quit", full_check=False)
    assert store is not None, "the cheap check at start lets a readable header through"
    try:
        result = check_file(ui_paths.database)
        assert result != "ok"
        bus = ChangeBus()
        published = []
        bus.changed.connect(published.append)
        assert ui_app.handle_check_result(result, store, bus, on_damage=lambda e: choice)
        assert store.setting("kept") == expected
        assert store.integrity() == "ok"
        assert published and published[-1].everything
        assert list(ui_paths.data_dir.glob("emotrainer.db.damaged-*"))
    finally:
        store.close()


def test_deferred_check_passes_a_healthy_store(ui_paths):
    from emotrainer.storage.database import check_file
    from emotrainer.ui.bus import ChangeBus

    with Store.open(ui_paths) as store:
        result = check_file(ui_paths.database)
        assert result == "ok"
        assert ui_app.handle_check_result(result, store, ChangeBus(), on_damage=pytest.fail)


def test_a_newer_database_is_refused_untouched(ui_paths, monkeypatch):
    import hashlib

    from emotrainer.storage.migrations import LATEST_VERSION

    with Store.open(ui_paths) as store:
        store.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = hashlib.sha256(ui_paths.database.read_bytes()).hexdigest()
    shown = []
    monkeypatch.setattr(ui_app.errors, "show_known_error", lambda t, m: shown.append(m))
    assert ui_app.open_store(ui_paths) is None
    assert len(shown) == 1 and "newer emotrainer" in shown[0]
    assert hashlib.sha256(ui_paths.database.read_bytes()).hexdigest() == before


def test_an_unusable_data_folder_is_explained(tmp_path, monkeypatch):
    from emotrainer.paths import resolve

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    shown = []
    monkeypatch.setattr(ui_app.errors, "show_known_error", lambda t, m: shown.append(m))
    assert ui_app.open_store(resolve(blocker / "data")) is None
    assert len(shown) == 1 and str(blocker / "data") in shown[0]


def test_the_integrity_check_reports_from_its_thread(qtbot, ui_paths):
    with Store.open(ui_paths):
        check = ui_app.IntegrityCheck()
        with qtbot.waitSignal(check.finished, timeout=10_000) as signal:
            check.start(ui_paths.database)
    assert signal.args == ["ok"]
