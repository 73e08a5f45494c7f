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
_SIDE_FILES = ("-wal", "-shm")


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

    In an order that never leaves the folder without a sound database: the
    backup is copied to ``<database>.partial`` and checked there, then the
    current file (and its -wal/-shm) is renamed aside, then the copy is
    renamed into place. A failure at any step puts back what was moved,
    removes the partial copy, and raises StoreError: the current database
    is left exactly where and as it was.
    """
    partial = database.with_name(database.name + ".partial")
    source = sqlite3.connect(f"{backup.as_uri()}?mode=ro", uri=True)
    try:
        version = _check_restorable(source, backup)
        _remove(partial)  # a leftover of an attempt that was cut short
        try:
            _copy(source, partial)
            _verify(partial, version, backup)
            make_private_file(partial)
        except BaseException as exc:
            _remove(partial)
            if isinstance(exc, OSError | sqlite3.Error):
                raise StoreError(
                    f"{backup}: the backup could not be copied ({_why(exc)}); "
                    "your current data was left as it was"
                ) from exc
            raise
    finally:
        source.close()

    renamed: list[tuple[Path, Path]] = []  # (from, to), in the order done
    try:
        moved = _set_aside(database, renamed)
        partial.replace(database)
    except BaseException as exc:
        left = _undo(renamed)
        _remove(partial)
        if isinstance(exc, OSError):
            where = (
                "your current data was left as it was"
                if left is None
                else f"your current data is kept as {left.name}"
            )
            raise StoreError(
                f"{database}: the backup could not be put in place ({_why(exc)}); {where}"
            ) from exc
        raise
    return moved


def _copy(source: sqlite3.Connection, partial: Path) -> None:
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode = DELETE")  # one file, no side files
    finally:
        dest.close()


def _verify(partial: Path, version: int, backup: Path) -> None:
    """StoreError unless the copy is sound and of the backup's schema."""
    conn = sqlite3.connect(f"{partial.as_uri()}?mode=ro", uri=True)
    try:
        sound = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        same = int(conn.execute("PRAGMA user_version").fetchone()[0]) == version
    except sqlite3.DatabaseError:
        sound = same = False
    finally:
        conn.close()
    if not (sound and same):
        raise StoreError(
            f"{backup}: the copy of this backup did not check out; "
            "your current data was left as it was"
        )


def _set_aside(database: Path, renamed: list[tuple[Path, Path]]) -> Path | None:
    """Rename the database and its side files to a new ``.replaced-`` name."""
    if not database.exists():
        return None
    stamp = datetime.now(UTC).strftime(_STAMP)
    moved = database.with_name(f"{database.name}.replaced-{stamp}")
    counter = 1
    while any(Path(f"{moved}{s}").exists() for s in ("", *_SIDE_FILES)):
        counter += 1  # never rename over a file kept aside earlier
        moved = database.with_name(f"{database.name}.replaced-{stamp}-{counter}")
    for suffix in ("", *_SIDE_FILES):
        side = Path(f"{database}{suffix}")
        if suffix and not side.exists():
            continue
        target = Path(f"{moved}{suffix}")
        side.rename(target)
        renamed.append((side, target))
    return moved


def _undo(renamed: list[tuple[Path, Path]]) -> Path | None:
    """Rename back; None when all went back, else where the database still is.

    On a failure it stops, so that a database and its -wal stay together.
    """
    for original, target in reversed(renamed):
        try:
            target.rename(original)
        except OSError:
            return renamed[0][1]
    return None


def _remove(partial: Path) -> None:
    for suffix in ("", "-journal", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _check_restorable(source: sqlite3.Connection, backup: Path) -> int:
    """The schema version of ``backup``, a sound emotrainer database this version reads.

    StoreError otherwise.
    """
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
    return version
