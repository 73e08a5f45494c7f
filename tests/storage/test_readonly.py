"""Opening the store read-only: nothing in the data folder is created, migrated, moved or chmodded.

Every test compares the data folder's files (names, sha256 and modes) before
and after.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers import folder_state, make_entry, open_store, sha256

from emotrainer.paths import AppPaths, ensure_private_dir
from emotrainer.storage import database
from emotrainer.storage.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    OlderDatabaseError,
    StoreError,
    UnreadableDatabaseError,
)
from emotrainer.storage.migrations import LATEST_VERSION, MIGRATIONS
from emotrainer.storage.store import Store


def _fill(app_paths: AppPaths, count: int = 3) -> None:
    """A database as the app leaves it: written, then closed (no -wal, no -shm)."""
    with open_store(app_paths) as store:
        store.add_entries(make_entry(note=f"entry {i} " + "words " * 200) for i in range(count))
        store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    assert app_paths.database.read_bytes()[18:20] == b"\x02\x02"  # a WAL database
    for suffix in database.SIDE_FILES:
        assert not Path(f"{app_paths.database}{suffix}").exists(), suffix


def _open_and_read(app_paths: AppPaths) -> tuple[int, int]:
    with Store.open_readonly(app_paths) as store:
        assert store.readonly
        return store.counts().entries, len(store.user_words())


# -- nothing to read ------------------------------------------------------------------


def test_no_data_folder_gives_an_empty_store_and_creates_nothing(app_paths: AppPaths) -> None:
    assert not app_paths.data_dir.exists()
    with Store.open_readonly(app_paths) as store:
        assert store.schema_version == LATEST_VERSION
        assert store.counts().entries == 0
        assert store.user_words() == []
        assert store.all_entries() == []
    assert not app_paths.data_dir.exists()


def test_an_empty_data_folder_stays_empty(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    assert _open_and_read(app_paths) == (0, 0)
    assert list(app_paths.data_dir.iterdir()) == []


def test_the_empty_file_a_crash_at_creation_leaves(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    app_paths.database.write_bytes(b"")
    before = folder_state(app_paths.data_dir)
    assert _open_and_read(app_paths) == (0, 0)
    assert folder_state(app_paths.data_dir) == before


# -- the normal cases -----------------------------------------------------------------


def test_a_database_last_closed_by_the_app(app_paths: AppPaths) -> None:
    _fill(app_paths, 5)
    with open_store(app_paths) as store:
        store.backup_now()
    before = folder_state(app_paths.data_dir)
    with Store.open_readonly(app_paths) as store:
        assert store.counts().entries == 5
        assert [w.label for w in store.user_words()] == ["Wabi-sabi"]
        assert store.integrity() == "ok"
        assert folder_state(app_paths.data_dir) == before  # not even while it is open
    assert folder_state(app_paths.data_dir) == before
    # and the app opens it as before
    with open_store(app_paths) as store:
        assert store.counts().entries == 5


def test_while_the_app_runs_it_sees_the_latest_commits(app_paths: AppPaths) -> None:
    _fill(app_paths, 2)
    with open_store(app_paths) as writer:
        writer.add_entry(make_entry())  # committed to the WAL, not yet to the file
        main = sha256(app_paths.database)
        names = set(folder_state(app_paths.data_dir))
        assert _open_and_read(app_paths) == (3, 1)
        assert sha256(app_paths.database) == main
        assert set(folder_state(app_paths.data_dir)) == names
        writer.add_entry(make_entry())  # the app still writes
        assert _open_and_read(app_paths) == (4, 1)


def test_writes_are_refused(app_paths: AppPaths) -> None:
    _fill(app_paths)
    before = folder_state(app_paths.data_dir)
    with Store.open_readonly(app_paths) as store:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.add_entry(make_entry())
        with pytest.raises(StoreError, match="read-only"):
            store.backup_now()
        with pytest.raises(StoreError, match="read-only"):
            store.maybe_backup()
    assert folder_state(app_paths.data_dir) == before


# -- refusals, each leaving the file as it was ------------------------------------------


def _set_version(app_paths: AppPaths, version: int) -> None:
    conn = sqlite3.connect(app_paths.database)
    try:
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def test_an_older_schema_is_refused_never_migrated(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(app_paths)
    before = folder_state(app_paths.data_dir)
    # this emotrainer has one more schema step than the file
    monkeypatch.setattr(database, "MIGRATIONS", (*MIGRATIONS, "CREATE TABLE later (a);"))
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(OlderDatabaseError) as caught:
        Store.open_readonly(app_paths)
    message = str(caught.value)
    assert str(app_paths.database) in message
    assert "written by an older emotrainer" in message
    assert "open emotrainer once to update it" in message
    assert caught.value.found == LATEST_VERSION
    assert folder_state(app_paths.data_dir) == before  # no backup, no migration


def test_a_newer_schema_is_refused(app_paths: AppPaths) -> None:
    _fill(app_paths)
    _set_version(app_paths, LATEST_VERSION + 1)
    before = folder_state(app_paths.data_dir)
    with pytest.raises(NewerDatabaseError, match="newer emotrainer"):
        Store.open_readonly(app_paths)
    assert folder_state(app_paths.data_dir) == before


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(5).randbytes(4096))


def _corrupted_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2
    data[middle * page : (middle + 4) * page] = random.Random(3).randbytes(4 * page)
    path.write_bytes(bytes(data))


def _header_only(path: Path) -> None:
    path.write_bytes(database.SQLITE_HEADER + b"\x00" * 20)


@pytest.mark.parametrize("spoil", [_garbage, _corrupted_pages, _header_only])
def test_a_damaged_file_is_reported_not_moved(spoil: object, app_paths: AppPaths) -> None:
    _fill(app_paths, 300)
    with open_store(app_paths) as store:
        backup = store.backup_now()
    assert callable(spoil)
    spoil(app_paths.database)
    before = folder_state(app_paths.data_dir)
    with pytest.raises(UnreadableDatabaseError) as caught:
        Store.open_readonly(app_paths)
    message = str(caught.value)
    assert not isinstance(caught.value, DamagedDatabaseError)
    assert str(app_paths.database) in message
    assert "could not be read" in message
    assert "opening emotrainer will move it aside" in message
    assert f"offer the newest backup ({backup.name})" in message
    assert "\n" not in message
    assert folder_state(app_paths.data_dir) == before
    # the window, which writes, moves it aside as before
    with pytest.raises(DamagedDatabaseError):
        open_store(app_paths)


def test_a_damaged_file_without_a_backup(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    app_paths.database.write_text("not a database at all\n" * 20)
    with pytest.raises(UnreadableDatabaseError, match="there is no backup to restore"):
        Store.open_readonly(app_paths)


# -- a SQLite file that is not emotrainer's -------------------------------------------------


def _foreign(path: Path, *, wal: bool) -> None:
    """Like a browser's places.sqlite renamed: tables, user_version 0, another page size."""
    ensure_private_dir(path.parent)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA page_size = 8192")
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
        conn.commit()
    finally:
        conn.close()


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_foreign_file_is_refused_read_only(wal: bool, app_paths: AppPaths) -> None:
    _foreign(app_paths.database, wal=wal)
    before = folder_state(app_paths.data_dir)
    with pytest.raises(ForeignDatabaseError) as caught:
        Store.open_readonly(app_paths)
    assert f"{app_paths.database}: this file is a SQLite database but not emotrainer's" in str(
        caught.value
    )
    assert "left untouched" in str(caught.value)
    assert folder_state(app_paths.data_dir) == before


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
@pytest.mark.parametrize("full_check", [True, False], ids=["full-check", "as-the-window"])
def test_a_foreign_file_is_refused_untouched_by_the_writer(
    wal: bool, full_check: bool, app_paths: AppPaths
) -> None:
    _foreign(app_paths.database, wal=wal)
    before = sha256(app_paths.database)
    names = {p.name for p in app_paths.data_dir.iterdir()}
    with pytest.raises(ForeignDatabaseError, match="not emotrainer's; it was left untouched"):
        Store.open(app_paths, full_check=full_check)
    assert sha256(app_paths.database) == before
    # nothing but the lock file the writer takes first
    assert {p.name for p in app_paths.data_dir.iterdir()} - names <= {"emotrainer.lock"}
    assert not app_paths.backups_dir.exists()
    conn = sqlite3.connect(f"{app_paths.database.as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM moz_places").fetchone()[0] == 1
    finally:
        conn.close()
    # the refusal released the lock
    with pytest.raises(ForeignDatabaseError):
        Store.open(app_paths)


# -- what a crash leaves, and a file that changes while it is read -------------------------


def _crash_leftovers(app_paths: AppPaths, tmp_path: Path, *, keep_shm: bool) -> None:
    """The files a crash leaves: the database and a -wal holding the last commits."""
    _fill(app_paths, 2)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with open_store(app_paths) as writer:
        writer.add_entry(make_entry())
        suffixes = ("", "-wal", "-shm") if keep_shm else ("", "-wal")
        for suffix in suffixes:
            shutil.copy(f"{app_paths.database}{suffix}", scratch / f"db{suffix}")
    for suffix in suffixes:
        shutil.copy(scratch / f"db{suffix}", f"{app_paths.database}{suffix}")
    assert Path(f"{app_paths.database}-wal").stat().st_size > 0


def test_a_crash_leftover_wal_is_read(app_paths: AppPaths, tmp_path: Path) -> None:
    _crash_leftovers(app_paths, tmp_path, keep_shm=True)
    main, wal = sha256(app_paths.database), sha256(Path(f"{app_paths.database}-wal"))
    names = set(folder_state(app_paths.data_dir))
    assert _open_and_read(app_paths) == (3, 1)  # with the commit still in the -wal
    assert sha256(app_paths.database) == main
    assert sha256(Path(f"{app_paths.database}-wal")) == wal
    assert set(folder_state(app_paths.data_dir)) == names


def test_a_wal_without_its_shm_is_refused_with_a_reason(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    _crash_leftovers(app_paths, tmp_path, keep_shm=False)
    before = folder_state(app_paths.data_dir)
    with pytest.raises(StoreError) as caught:
        Store.open_readonly(app_paths)
    message = str(caught.value)
    assert str(app_paths.database) in message
    assert "cannot be read right now without changing it" in message
    assert "if emotrainer is not open, open it once" in message
    assert folder_state(app_paths.data_dir) == before
    # the window recovers the commit
    with open_store(app_paths) as store:
        assert store.counts().entries == 3


def test_a_file_that_changes_while_read_is_read_again(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(app_paths)
    real = database._file_state
    calls = 0

    def changes_once(path: Path) -> object:
        nonlocal calls
        calls += 1
        state = real(path)
        return (*state, "changed") if calls == 2 and state else state

    monkeypatch.setattr(database, "_file_state", changes_once)
    assert _open_and_read(app_paths) == (3, 1)
    assert calls == 4  # before and after each of two reads


def test_a_file_that_keeps_changing_is_refused(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(app_paths)
    before = folder_state(app_paths.data_dir)
    real = database._file_state
    counter = iter(range(1000))

    def always_changing(path: Path) -> object:
        state = real(path)
        return (*state, next(counter)) if state else state

    monkeypatch.setattr(database, "_file_state", always_changing)
    with pytest.raises(StoreError, match="kept changing while it was being read"):
        Store.open_readonly(app_paths)
    assert folder_state(app_paths.data_dir) == before
