"""Opening the database safely: check, move aside if damaged, migrate, tune.

Durability settings: WAL journal, ``synchronous=FULL`` (a commit survives a
power cut), foreign keys on. A damaged file is renamed aside, never
overwritten or deleted; a file from a newer version is refused untouched.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from emotrainer.paths import make_private_file
from emotrainer.storage.errors import DamagedDatabaseError, NewerDatabaseError
from emotrainer.storage.migrations import LATEST_VERSION, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection in autocommit mode; transactions are explicit."""
    if readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_database(path: Path, backups_dir: Path, *, full_check: bool = True) -> sqlite3.Connection:
    """Open (creating if absent) and migrate the store at ``path``.

    Raises DamagedDatabaseError after moving a broken file aside, and
    NewerDatabaseError without touching a file from a newer version.

    With ``full_check`` the whole file is read by ``PRAGMA quick_check``
    (time grows with the data: ~10 ms a year of use). Without it only the
    header and the schema are read; the window runs the full check right
    after it is shown (see ``check_file``), so start-up stays flat.
    """
    existed = path.exists()
    if existed:
        problem = _header_problem(path)
        if problem:
            raise _move_aside(path, backups_dir, problem)
    conn = connect(path)
    try:
        try:
            version = _read_version(conn)
            if version > LATEST_VERSION:
                raise NewerDatabaseError(path, version, LATEST_VERSION)
            if existed:
                if full_check:
                    _quick_check(conn)
                else:
                    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            conn.close()
            raise _move_aside(path, backups_dir, _reason(exc)) from exc
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if version < LATEST_VERSION:
            if version > 0:
                from emotrainer.storage import backups  # only when migrating

                backups.create(conn, backups_dir, tag=f"before-v{LATEST_VERSION}")
            migrate(conn, version)
    except BaseException:
        conn.close()
        raise
    for suffix in ("", *SIDE_FILES):
        make_private_file(Path(f"{path}{suffix}"))
    return conn


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply each missing step in its own transaction."""
    for number, step in enumerate(MIGRATIONS[from_version:], start=from_version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(step):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


def check_file(path: Path) -> str:
    """quick_check on a separate read-only connection: 'ok' or the problem.

    Safe to run in a worker thread while the store is open elsewhere.
    """
    try:
        conn = connect(path, readonly=True)
        try:
            return integrity(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return _reason(exc)


def move_aside(path: Path, backups_dir: Path, reason: str) -> DamagedDatabaseError:
    """Rename a damaged database (and its WAL) aside; the error describes it."""
    return _move_aside(path, backups_dir, reason)


def schema_version(conn: sqlite3.Connection) -> int:
    return _read_version(conn)


def integrity(conn: sqlite3.Connection) -> str:
    """'ok', or SQLite's first complaint."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return "ok" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])


def _statements(script: str) -> list[str]:
    parts, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            parts.append(buffer.strip())
            buffer = ""
    return [p for p in parts if p]


def _read_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


class _QuickCheckFailed(sqlite3.DatabaseError):
    pass


def _quick_check(conn: sqlite3.Connection) -> None:
    result = integrity(conn)
    if result != "ok":
        raise _QuickCheckFailed(result)


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """Damage, as opposed to a busy or locked file, which must be left alone."""
    if isinstance(exc, _QuickCheckFailed):
        return True
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))


def _header_problem(path: Path) -> str | None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        return None  # an empty file is what a crash during creation leaves: start afresh
    if header != SQLITE_HEADER:
        return "it is not a SQLite database"
    return None


def _reason(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    return "it is not a SQLite database" if "not a database" in text else text


def _move_aside(path: Path, backups_dir: Path, reason: str) -> DamagedDatabaseError:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while any(Path(f"{target}{s}").exists() for s in ("", *SIDE_FILES)):
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    path.rename(target)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            side.rename(Path(f"{target}{suffix}"))
    from emotrainer.storage import backups  # only on damage

    newest = backups.newest(backups_dir)
    return DamagedDatabaseError(path, target, reason, newest.path if newest else None)
