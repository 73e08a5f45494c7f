"""Rotating backups through SQLite's online backup API, listed and restorable.

Files are named ``emotrainer-YYYYMMDDTHHMMSSZ[-tag].db`` in the backups
folder. Automatic ones are taken at most every 30 minutes and only when the
database changed since the newest backup, then thinned by core.retention;
tagged ones (before a migration, before a restore) are never thinned.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from emotrainer.core.retention import backup_due, backups_to_keep
from emotrainer.paths import ensure_private_dir, make_private_file
from emotrainer.storage.errors import StoreError
from emotrainer.storage.migrations import LATEST_VERSION

_NAME = re.compile(r"^emotrainer-(\d{8}T\d{6}Z)(?:-([a-z][a-z0-9-]*?))?(?:-\d+)?\.db$")
_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken: datetime
    tag: str | None

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def list_backups(backups_dir: Path) -> list[Backup]:
    """Backups, newest first."""
    if not backups_dir.is_dir():
        return []
    found = []
    for path in backups_dir.iterdir():
        match = _NAME.match(path.name)
        if match:
            taken = datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC)
            found.append(Backup(path, taken, match[2]))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)


def newest(backups_dir: Path) -> Backup | None:
    all_backups = list_backups(backups_dir)
    return all_backups[0] if all_backups else None


def create(
    conn: sqlite3.Connection,
    backups_dir: Path,
    *,
    tag: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Copy the live database, consistently, into a new backup file."""
    ensure_private_dir(backups_dir)
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    base = f"emotrainer-{moment.strftime(_STAMP)}" + (f"-{tag}" if tag else "")
    target = backups_dir / f"{base}.db"
    counter = 1
    while target.exists():  # two in one second: number them, still readable as tagged
        counter += 1
        target = backups_dir / f"{base}-{counter}.db"
    partial = target.with_name(target.name + ".partial")
    # Copy committed WAL frames into the main file first (never blocks), so the
    # checkpoint a later close performs does not touch the file and make it look
    # changed since this backup (see changed_since). Best effort: SQLite refuses
    # it at times (SQLITE_LOCKED right after a switch to WAL), and the backup
    # matters more than avoiding a redundant one later.
    with contextlib.suppress(sqlite3.OperationalError):
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
    dest = sqlite3.connect(partial)
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    make_private_file(partial)
    partial.replace(target)
    return target


def changed_since(database: Path, moment: datetime) -> bool:
    """Whether the database or its WAL was written after ``moment``.

    An empty WAL holds no change: SQLite creates one afresh each time the
    database is opened after a clean close, which must not count as a change.
    """
    limit = moment.timestamp()
    for suffix in ("", "-wal"):
        side = Path(f"{database}{suffix}")
        if not side.exists():
            continue
        info = side.stat()
        if info.st_mtime > limit and (suffix == "" or info.st_size > 0):
            return True
    return False


def maybe_create(
    conn: sqlite3.Connection, database: Path, backups_dir: Path, now: datetime | None = None
) -> Path | None:
    """The automatic backup: only when due, then thin the old ones."""
    moment = now or datetime.now(UTC)
    last = next((b for b in list_backups(backups_dir) if b.tag is None), None)
    changed = last is None or changed_since(
        database, datetime.fromtimestamp(last.path.stat().st_mtime, UTC)
    )
    if not backup_due(last.taken if last else None, changed, moment):
        return None
    made = create(conn, backups_dir, now=moment)
    thin(backups_dir, moment)
    return made


def thin(backups_dir: Path, now: datetime) -> list[Path]:
    """Delete automatic backups the retention policy no longer keeps."""
    automatic = [b for b in list_backups(backups_dir) if b.tag is None]
    keep = backups_to_keep((b.taken for b in automatic), now)
    removed = []
    for backup in automatic:
        if backup.taken not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def restore(backup: Path, database: Path) -> Path | None:
    """Put ``backup`` in place of ``database``; the current file is kept aside.

    Returns where the replaced database went (None when there was none). The
    caller must hold the instance lock and have closed its connection.
    """
    source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        _check_restorable(source, backup)
        moved = None
        if database.exists():
            stamp = datetime.now(UTC).strftime(_STAMP)
            moved = database.with_name(f"{database.name}.replaced-{stamp}")
            counter = 1
            while any(Path(f"{moved}{s}").exists() for s in ("", "-wal", "-shm")):
                counter += 1  # never rename over a file kept aside earlier
                moved = database.with_name(f"{database.name}.replaced-{stamp}-{counter}")
            database.rename(moved)
            for suffix in ("-wal", "-shm"):
                side = Path(f"{database}{suffix}")
                if side.exists():
                    side.rename(Path(f"{moved}{suffix}"))
        partial = database.with_name(database.name + ".partial")
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
        make_private_file(partial)
        partial.replace(database)
        return moved
    finally:
        source.close()


def _check_restorable(source: sqlite3.Connection, backup: Path) -> None:
    """StoreError unless ``backup`` is a sound emotrainer database this version reads."""
    try:
        sound = source.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError:
        sound, version = False, 0
    if not sound or version == 0:
        raise StoreError(f"{backup}: this backup is damaged; choose another one")
    if version > LATEST_VERSION:
        raise StoreError(
            f"{backup}: this backup was made by a newer emotrainer (schema {version}); "
            "choose another one"
        )
