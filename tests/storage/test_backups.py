"""Backups: when they are taken, which are thinned, and restoring one safely."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from helpers import folder_state, make_entry, open_store, sha256

from emotrainer.core.retention import backups_to_keep
from emotrainer.paths import AppPaths
from emotrainer.storage import backups
from emotrainer.storage.errors import StoreError
from emotrainer.storage.migrations import LATEST_VERSION
from emotrainer.storage.store import Store

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    with open_store(app_paths) as opened:
        opened.add_entry(make_entry())
        yield opened


def _age(path: Path, seconds: float) -> None:
    """Give ``path`` (if present) an mtime ``seconds`` in the past."""
    if path.exists():
        moment = datetime.now(UTC).timestamp() - seconds
        os.utime(path, (moment, moment))


def _age_database(app_paths: AppPaths, seconds: float) -> None:
    for suffix in ("", "-wal"):
        _age(Path(f"{app_paths.database}{suffix}"), seconds)


def _entries_in(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        conn.close()


# -- taking them ---------------------------------------------------------------------


def test_a_backup_is_a_sound_private_copy(store: Store, app_paths: AppPaths) -> None:
    path = store.backup_now()
    assert path.parent == app_paths.backups_dir
    assert _entries_in(path) == 1
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(app_paths.backups_dir.stat().st_mode) == 0o700
    assert not list(app_paths.backups_dir.glob("*.partial"))


def test_maybe_create_follows_the_rules(store: Store, app_paths: AppPaths) -> None:
    first = store.maybe_backup(now=T0)
    assert first is not None  # the first one is always taken
    assert backups.list_backups(app_paths.backups_dir)[0].taken == T0

    # Within 30 minutes: never, even after a change.
    store.add_entry(make_entry())
    assert store.maybe_backup(now=T0 + timedelta(minutes=29)) is None

    # Unchanged since the newest backup: never, however long ago it was.
    _age_database(app_paths, 600)
    _age(first, 300)
    assert store.maybe_backup(now=T0 + timedelta(hours=5)) is None

    # Changed and 30 minutes passed: taken.
    store.add_entry(make_entry())
    made = store.maybe_backup(now=T0 + timedelta(hours=5))
    assert made is not None and made != first
    assert _entries_in(made) == 3
    assert [b.taken for b in backups.list_backups(app_paths.backups_dir)] == [
        T0 + timedelta(hours=5),
        T0,
    ]


def test_opening_again_without_changes_is_no_change(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        first = store.maybe_backup(now=T0)
        assert first is not None
        # as if the backup was taken a minute ago and the data written before
        _age_database(app_paths, 120)
        _age(first, 60)
    # Closing checkpointed nothing new, and reopening creates an empty WAL:
    # neither is a change.
    with open_store(app_paths) as store:
        store.all_entries()
        assert store.maybe_backup(now=T0 + timedelta(hours=2)) is None
        store.add_entry(make_entry())
        assert store.maybe_backup(now=T0 + timedelta(hours=2)) is not None


def test_tagged_backups_do_not_count_as_the_newest_automatic(
    store: Store, app_paths: AppPaths
) -> None:
    backups.create(store.conn, app_paths.backups_dir, tag="before-restore", now=T0)
    assert store.maybe_backup(now=T0 + timedelta(minutes=1)) is not None


def test_two_in_one_second_are_numbered(store: Store, app_paths: AppPaths) -> None:
    one = backups.create(store.conn, app_paths.backups_dir, now=T0)
    two = backups.create(store.conn, app_paths.backups_dir, now=T0)
    three = backups.create(store.conn, app_paths.backups_dir, tag="before-v2", now=T0)
    four = backups.create(store.conn, app_paths.backups_dir, tag="before-v2", now=T0)
    assert len({one, two, three, four}) == 4
    listed = {b.path: b.tag for b in backups.list_backups(app_paths.backups_dir)}
    assert listed == {one: None, two: None, three: "before-v2", four: "before-v2"}


def test_listing_ignores_other_files(app_paths: AppPaths) -> None:
    folder = app_paths.backups_dir
    folder.mkdir(parents=True)
    for name in (
        "notes.txt",
        "emotrainer-20260101T000000Z.db.partial",
        "emotrainer-2026.db",
        "emotrainer-20260101T000000Z-Bad.db",
    ):
        (folder / name).write_text("x")
    (folder / "emotrainer-20260102T030405Z-before-v1.db").write_text("x")
    (folder / "emotrainer-20260103T030405Z.db").write_text("x")
    listed = backups.list_backups(folder)
    assert [(b.path.name, b.tag) for b in listed] == [
        ("emotrainer-20260103T030405Z.db", None),
        ("emotrainer-20260102T030405Z-before-v1.db", "before-v1"),
    ]
    assert listed[0].taken == datetime(2026, 1, 3, 3, 4, 5, tzinfo=UTC)
    assert backups.list_backups(app_paths.data_dir / "nosuch") == []


# -- thinning ----------------------------------------------------------------------------


def test_thin_deletes_only_what_the_policy_drops(store: Store, app_paths: AppPaths) -> None:
    times = [T0 - timedelta(hours=7 * n) for n in range(40)] + [T0 - timedelta(days=500)]
    for moment in times:
        backups.create(store.conn, app_paths.backups_dir, now=moment)
    tagged = [
        backups.create(store.conn, app_paths.backups_dir, tag=tag, now=T0 - timedelta(days=age))
        for tag, age in (("before-v2", 600), ("before-restore", 30))
    ]
    keep = backups_to_keep(times, T0)
    assert 0 < len(keep) < len(times)

    removed = backups.thin(app_paths.backups_dir, T0)

    left = backups.list_backups(app_paths.backups_dir)
    assert {b.taken for b in left if b.tag is None} == keep
    assert len(removed) == len(times) - len(keep)
    assert all(not p.exists() for p in removed)
    assert all(p.exists() for p in tagged)
    assert backups.thin(app_paths.backups_dir, T0) == []  # nothing more to do


def test_maybe_create_thins_after_taking(store: Store, app_paths: AppPaths) -> None:
    for n in range(1, 10):
        older = backups.create(
            store.conn, app_paths.backups_dir, now=T0 - timedelta(minutes=40 * n)
        )
        _age(older, 60)
    store.add_entry(make_entry())
    made = store.maybe_backup(now=T0)
    assert made is not None
    automatic = [b for b in backups.list_backups(app_paths.backups_dir) if b.tag is None]
    assert made in [b.path for b in automatic]
    assert len(automatic) < 10


# -- restoring -------------------------------------------------------------------------------


def test_restore_puts_a_backup_in_place_and_keeps_the_replaced(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
        store.add_entries([make_entry(), make_entry()])
    replaced_bytes = app_paths.database.read_bytes()

    moved = backups.restore(backup, app_paths.database)

    assert moved is not None and moved.name.startswith("emotrainer.db.replaced-")
    assert moved.read_bytes() == replaced_bytes
    with open_store(app_paths) as store:
        assert store.counts().entries == 1
        assert store.integrity() == "ok"
    if os.name == "posix":
        assert stat.S_IMODE(app_paths.database.stat().st_mode) == 0o600


def test_restore_keeps_every_replaced_file(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        backup = store.backup_now()
    kept = []
    for n in range(3):  # three restores within a second or two
        with open_store(app_paths) as store:
            store.set_setting("round", n)
        moved = backups.restore(backup, app_paths.database)
        assert moved is not None
        kept.append(moved)
    assert len(set(kept)) == 3
    assert all(p.exists() for p in kept)


def test_restore_through_the_store_keeps_the_lock(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
        store.add_entry(make_entry())
        moved, change = store.restore(backup)
        assert change.everything
        assert moved is not None and moved.exists()
        assert store.counts().entries == 1
        store.add_entry(make_entry())  # the reopened connection writes
        with pytest.raises(StoreError):
            open_store(app_paths)  # still locked against a second writer


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    finally:
        conn.close()


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


@pytest.mark.parametrize("spoil", [_garbage, _empty, _newer, _truncated])
def test_a_bad_backup_is_refused_and_nothing_changes(spoil: object, app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
    assert callable(spoil)
    spoil(backup)
    before = sha256(app_paths.database)
    files = sorted(p.name for p in app_paths.data_dir.iterdir())

    with pytest.raises(StoreError, match="choose another one") as caught:
        backups.restore(backup, app_paths.database)

    assert backup.name in str(caught.value)
    assert sha256(app_paths.database) == before
    assert sorted(p.name for p in app_paths.data_dir.iterdir()) == files


# -- a restore that fails part-way leaves the current database in place -----------------------


def _restore_setup(app_paths: AppPaths, *, with_wal: bool) -> Path:
    """A backup of one entry; the current database holds three (and maybe a -wal)."""
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        backup = store.backup_now()
        store.add_entries([make_entry(), make_entry()])
    if with_wal:  # what a crash leaves next to it; it travels with the database
        Path(f"{app_paths.database}-wal").write_bytes(b"")
    return backup


def _fail(*_: object, **__: object) -> None:
    raise OSError(28, "No space left on device")


def _fail_copy_after_writing(monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths) -> None:
    real = backups._copy

    def copy_then_fail(source: sqlite3.Connection, partial: Path) -> None:
        real(source, partial)
        assert partial.exists()
        _fail()

    monkeypatch.setattr(backups, "_copy", copy_then_fail)


def _spoil_the_copy(monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths) -> None:
    real = backups._copy

    def copy_badly(source: sqlite3.Connection, partial: Path) -> None:
        real(source, partial)
        data = bytearray(partial.read_bytes())
        data[4096:8192] = b"\xa5" * 4096  # the quick_check must catch it
        partial.write_bytes(bytes(data))

    monkeypatch.setattr(backups, "_copy", copy_badly)


def _fail_renaming(which: str) -> Any:
    def patch(monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths) -> None:
        real = Path.rename
        source = Path(f"{app_paths.database}{which}")

        def rename(self: Path, target: Any) -> Path:
            if self == source:
                _fail()
            return real(self, target)

        monkeypatch.setattr(Path, "rename", rename)

    return patch


def _fail_the_last_step(monkeypatch: pytest.MonkeyPatch, app_paths: AppPaths) -> None:
    real = Path.replace

    def replace(self: Path, target: Any) -> Path:
        if Path(target) == app_paths.database:
            _fail()
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)


_NO_SPACE = "(No space left on device)"
_STEPS = [
    ("copy", _fail_copy_after_writing, f"the backup could not be copied {_NO_SPACE}"),
    ("verify", _spoil_the_copy, "the copy of this backup did not check out"),
    ("move-aside", _fail_renaming(""), f"could not be put in place {_NO_SPACE}"),
    ("last-step", _fail_the_last_step, f"could not be put in place {_NO_SPACE}"),
]


@pytest.mark.parametrize(
    ("step", "expected", "with_wal"),
    [
        *[pytest.param(step, text, False, id=f"{name}-clean") for name, step, text in _STEPS],
        *[pytest.param(step, text, True, id=f"{name}-with-wal") for name, step, text in _STEPS],
        pytest.param(
            _fail_renaming("-wal"),
            f"could not be put in place {_NO_SPACE}",
            True,
            id="move-aside-the-wal",
        ),
    ],
)
def test_a_failed_restore_leaves_the_current_database_in_place(
    step: Any,
    expected: str,
    with_wal: bool,
    app_paths: AppPaths,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backup = _restore_setup(app_paths, with_wal=with_wal)
    before = folder_state(app_paths.data_dir)
    step(monkeypatch, app_paths)

    with pytest.raises(StoreError) as caught:
        backups.restore(backup, app_paths.database)

    monkeypatch.undo()
    assert expected in str(caught.value)
    assert "your current data was left as it was" in str(caught.value)
    assert folder_state(app_paths.data_dir) == before  # no .partial, nothing set aside
    if with_wal:
        Path(f"{app_paths.database}-wal").unlink()
    with open_store(app_paths) as store:
        assert store.counts().entries == 3
    # and the same restore works once the trouble is gone
    assert backups.restore(backup, app_paths.database) is not None
    with open_store(app_paths) as store:
        assert store.counts().entries == 1


def test_the_copy_is_checked_before_the_current_file_moves(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _restore_setup(app_paths, with_wal=False)
    seen: list[str] = []
    real_verify, real_aside = backups._verify, backups._set_aside

    def verify(partial: Path, version: int, source: Path) -> None:
        assert app_paths.database.exists()  # the current file is still in place
        seen.append("verify")
        real_verify(partial, version, source)

    def set_aside(database: Path, renamed: list[tuple[Path, Path]]) -> Path | None:
        assert database.with_name(database.name + ".partial").exists()
        seen.append("set aside")
        return real_aside(database, renamed)

    monkeypatch.setattr(backups, "_verify", verify)
    monkeypatch.setattr(backups, "_set_aside", set_aside)
    moved = backups.restore(backup, app_paths.database)
    assert seen == ["verify", "set aside"]
    assert moved is not None and moved.exists()
    assert not app_paths.database.with_name("emotrainer.db.partial").exists()


def test_a_leftover_partial_file_is_replaced(app_paths: AppPaths) -> None:
    backup = _restore_setup(app_paths, with_wal=False)
    partial = app_paths.database.with_name("emotrainer.db.partial")
    partial.write_bytes(b"half a copy from an attempt cut short")
    assert backups.restore(backup, app_paths.database) is not None
    assert not partial.exists()
    with open_store(app_paths) as store:
        assert store.counts().entries == 1


def test_a_failed_restore_through_the_store_keeps_it_usable(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = _restore_setup(app_paths, with_wal=False)
    with open_store(app_paths) as store:
        _fail_the_last_step(monkeypatch, app_paths)
        with pytest.raises(StoreError, match="left as it was"):
            store.restore(backup)
        monkeypatch.undo()
        assert store.counts().entries == 3
        store.add_entry(make_entry())
    with open_store(app_paths) as store:
        assert store.counts().entries == 4
