"""Opening the store: durable settings, private files, and known errors that keep data safe."""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest
from helpers import make_entry, open_store, sha256

from emotrainer.paths import AppPaths, DataDirError, ensure_private_dir, resolve
from emotrainer.storage.errors import DamagedDatabaseError, LockedError, NewerDatabaseError
from emotrainer.storage.migrations import LATEST_VERSION
from emotrainer.storage.store import Store

POSIX = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX only")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pragma(store: Store, name: str) -> object:
    return store.conn.execute(f"PRAGMA {name}").fetchone()[0]


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def _fill(app_paths: AppPaths, count: int = 300) -> None:
    """A real database of a few hundred KB."""
    with open_store(app_paths) as store:
        store.add_entries(
            make_entry(note=f"entry {i} " + "words and more words " * 40) for i in range(count)
        )


# -- a fresh store -----------------------------------------------------------------


def test_fresh_open_is_migrated_and_durable(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        assert store.schema_version == LATEST_VERSION
        assert _pragma(store, "user_version") == LATEST_VERSION
        assert _pragma(store, "journal_mode") == "wal"
        assert _pragma(store, "synchronous") == 2  # FULL
        assert _pragma(store, "foreign_keys") == 1
        assert store.integrity() == "ok"


@POSIX
def test_folder_and_files_are_private(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        assert _mode(app_paths.data_dir) == 0o700
        for suffix in ("", "-wal", "-shm"):
            side = Path(f"{app_paths.database}{suffix}")
            assert side.exists(), suffix
            assert _mode(side) == 0o600, suffix
        assert _mode(app_paths.lock_file) == 0o600


@POSIX
def test_an_existing_open_folder_is_made_private(app_paths: AppPaths) -> None:
    app_paths.data_dir.mkdir(mode=0o755)
    app_paths.data_dir.chmod(0o755)
    with open_store(app_paths):
        pass
    assert _mode(app_paths.data_dir) == 0o700


@POSIX
def test_missing_parents_are_created_private(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "c"
    ensure_private_dir(target)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", target):
        assert _mode(folder) == 0o700, folder


def test_reopen_keeps_data(app_paths: AppPaths) -> None:
    entry = make_entry()
    with open_store(app_paths) as store:
        store.add_entry(entry)
    with open_store(app_paths) as store:
        assert store.entry(entry.uuid) == entry
        assert store.schema_version == LATEST_VERSION


def test_an_empty_file_is_what_a_crash_at_creation_leaves(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    app_paths.database.write_bytes(b"")
    with open_store(app_paths) as store:
        assert store.schema_version == LATEST_VERSION
    assert not [n for n in _files(app_paths.data_dir) if ".damaged-" in n]


# -- a database from a newer version -------------------------------------------------


def test_newer_database_is_refused_untouched(app_paths: AppPaths) -> None:
    _fill(app_paths, 5)
    with open_store(app_paths) as store:
        store.conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = sha256(app_paths.database)
    files = _files(app_paths.data_dir)
    with pytest.raises(NewerDatabaseError, match="newer emotrainer") as caught:
        open_store(app_paths)
    assert caught.value.found == LATEST_VERSION + 1
    assert sha256(app_paths.database) == before
    assert _files(app_paths.data_dir) == files
    # the refusal released the lock: the next attempt is refused the same way
    with pytest.raises(NewerDatabaseError):
        open_store(app_paths)


# -- a damaged database -------------------------------------------------------------------


def test_garbage_is_moved_aside_and_named(app_paths: AppPaths) -> None:
    _fill(app_paths, 5)
    with open_store(app_paths) as store:
        backup = store.backup_now()
    garbage = random.Random(7).randbytes(4096)
    app_paths.database.write_bytes(garbage)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(app_paths)
    error = caught.value
    assert error.moved_to.parent == app_paths.data_dir
    assert error.moved_to.name.startswith("emotrainer.db.damaged-")
    assert error.moved_to.read_bytes() == garbage  # nothing was deleted or overwritten
    assert error.newest_backup == backup
    assert backup.name in str(error)
    assert "not a SQLite database" in str(error)
    assert not app_paths.database.exists()
    # the next open starts afresh; the moved file stays
    with open_store(app_paths) as store:
        assert store.counts().entries == 0
    assert error.moved_to.read_bytes() == garbage


def test_damage_without_a_backup_says_so(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    app_paths.database.write_bytes(b"this is a text file, not a database\n" * 50)
    with pytest.raises(DamagedDatabaseError, match="there is no backup") as caught:
        open_store(app_paths)
    assert caught.value.newest_backup is None


def test_two_damaged_files_in_one_second_do_not_collide(app_paths: AppPaths) -> None:
    ensure_private_dir(app_paths.data_dir)
    moved = []
    for content in (b"first garbage" * 100, b"second garbage" * 100):
        app_paths.database.write_bytes(content)
        with pytest.raises(DamagedDatabaseError) as caught:
            open_store(app_paths)
        moved.append((caught.value.moved_to, content))
    assert moved[0][0] != moved[1][0]
    for path, content in moved:
        assert path.read_bytes() == content


def test_corrupted_pages_behind_a_valid_header_are_found(app_paths: AppPaths) -> None:
    _fill(app_paths)
    data = bytearray(app_paths.database.read_bytes())
    assert len(data) > 200_000 and data.startswith(b"SQLite format 3\x00")
    page = 4096
    middle = len(data) // page // 2
    noise = random.Random(3).randbytes(6 * page)
    data[middle * page : (middle + 6) * page] = noise
    app_paths.database.write_bytes(bytes(data))
    corrupted = sha256(app_paths.database)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_store(app_paths)
    assert sha256(caught.value.moved_to) == corrupted
    assert not app_paths.database.exists()
    with open_store(app_paths) as store:
        assert store.integrity() == "ok"


# -- the instance lock ---------------------------------------------------------------------


def test_a_second_writer_is_refused(app_paths: AppPaths) -> None:
    with open_store(app_paths):
        with pytest.raises(LockedError, match="already open") as caught:
            open_store(app_paths)
        assert f"process {os.getpid()}" in str(caught.value)
        # readers work while the writer holds the lock
        with open_store(app_paths, lock=False) as reader:
            assert reader.counts().entries == 0
    # released on close
    with open_store(app_paths):
        pass


def test_a_reader_sees_the_writers_commits(app_paths: AppPaths) -> None:
    entry = make_entry()
    with open_store(app_paths) as writer:
        writer.add_entry(entry)
        with open_store(app_paths, lock=False) as reader:
            assert reader.entry(entry.uuid) == entry


# -- a folder that cannot be used ----------------------------------------------------------


@POSIX
@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores modes")
def test_unwritable_parent_folder(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(DataDirError, match="cannot use this folder") as caught:
            Store.open(resolve(parent / "data"))
        assert str(parent / "data") in str(caught.value)
    finally:
        parent.chmod(0o700)


def test_data_folder_under_a_regular_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    target = afile / "data"
    with pytest.raises(DataDirError, match="cannot use this folder for data") as caught:
        Store.open(resolve(target))
    assert str(target) in str(caught.value)
    assert afile.read_text() == "not a folder"


def test_data_folder_that_is_a_file(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    with pytest.raises(DataDirError, match="cannot use this folder"):
        Store.open(resolve(afile))
    assert afile.read_text() == "not a folder"
    if os.name == "posix":
        assert _mode(afile) != 0o700
