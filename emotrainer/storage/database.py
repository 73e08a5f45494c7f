"""Opening the database safely: check, move aside if damaged, migrate, tune.

Durability settings: WAL journal, ``synchronous=FULL`` (a commit survives a
power cut), foreign keys on. A damaged file is renamed aside, never
overwritten or deleted; a file from a newer version, or a SQLite file that is
not emotrainer's, is refused untouched.

Commands that only read use ``open_readonly``: an in-memory copy read through
a ``mode=ro`` connection, so that nothing in the data folder is created,
migrated, moved aside or chmodded (see ``read_only_copy``).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from emotrainer.paths import make_private_file
from emotrainer.storage.errors import (
    DamagedDatabaseError,
    ForeignDatabaseError,
    NewerDatabaseError,
    OlderDatabaseError,
    StoreError,
    UnreadableDatabaseError,
)
from emotrainer.storage.migrations import LATEST_VERSION, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm")
READ_ATTEMPTS = 3


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
    NewerDatabaseError or ForeignDatabaseError (a SQLite file with tables but
    no schema version: not emotrainer's) without touching the file.

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
            version = _inspect(conn, path, full_check=full_check and existed)
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


def open_readonly(path: Path, backups_dir: Path, *, full_check: bool = True) -> sqlite3.Connection:
    """A read-only view of the store at ``path`` for a command that only reads.

    Never creates, migrates, moves aside or chmods anything. No database (or
    the empty file a crash at creation leaves) gives an empty store of the
    current schema, in memory. Refused with a known error, the file left as
    it was: a newer schema (NewerDatabaseError), an older one that the window
    would migrate (OlderDatabaseError), a SQLite file that is not
    emotrainer's (ForeignDatabaseError), a damaged file that the window would
    move aside (UnreadableDatabaseError).
    """
    conn = read_only_copy(path, backups_dir)
    if conn is None:
        return _empty_store()
    try:
        try:
            version = _inspect(conn, path, full_check=full_check)
            if version == 0:
                conn.close()  # a file with no tables yet: what a crash at creation leaves
                return _empty_store()
        except sqlite3.DatabaseError as exc:
            if not _is_damage(exc):
                raise
            raise unreadable_error(path, backups_dir, _reason(exc)) from exc
        if version < LATEST_VERSION:
            raise OlderDatabaseError(path, version, LATEST_VERSION)
    except BaseException:
        conn.close()
        raise
    return conn


def read_only_copy(path: Path, backups_dir: Path) -> sqlite3.Connection | None:
    """An in-memory, query-only copy of the database at ``path``; None if there is none.

    Read through a ``mode=ro`` connection without changing or creating a
    file. A read-only connection to a WAL database otherwise creates the
    ``-wal`` and ``-shm`` files when the app closed it cleanly (the normal
    case), so then the file is opened ``immutable``, and the copy counts only
    if no writer opened it meanwhile (no ``-wal`` appeared, the file is
    unchanged); otherwise it is read again. While the app runs (``-wal`` and
    ``-shm`` exist), SQLite's own locking gives a consistent copy.

    Raises UnreadableDatabaseError for a file that is not a database or is
    damaged, and StoreError when it cannot be read without changing it.
    """
    for _ in range(READ_ATTEMPTS):
        before = _file_state(path)
        if before is None or before[1] == 0:
            return None  # no database yet, or the empty file a crash at creation leaves
        try:
            problem = _header_problem(path)
        except OSError as exc:
            raise StoreError(f"{path}: cannot read the data file ({exc.strerror or exc})") from exc
        if problem:
            raise unreadable_error(path, backups_dir, problem)
        settled = not any(Path(f"{path}{s}").exists() for s in ("-wal", "-journal"))
        try:
            copy = _copy_into_memory(path, settled=settled)
        except sqlite3.DatabaseError as exc:
            if settled and _file_state(path) != before:
                continue  # a writer started meanwhile: read again the way it left it
            if _is_damage(exc):
                raise unreadable_error(path, backups_dir, _reason(exc)) from exc
            name = getattr(exc, "sqlite_errorname", "")
            if name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_BUSY")):
                raise StoreError(
                    f"{path}: the data file cannot be read right now without changing it "
                    f"({exc}); it was left untouched — if emotrainer is not open, open it once "
                    "so it can finish what it was doing, close it, then try again"
                ) from exc
            raise
        if not settled or _file_state(path) == before:
            copy.execute("PRAGMA query_only = ON")
            return copy
        copy.close()
    raise StoreError(
        f"{path}: the data file kept changing while it was being read; "
        "it was left untouched — try again"
    )


def _copy_into_memory(path: Path, *, settled: bool) -> sqlite3.Connection:
    # Settled: no writer has it open and nothing waits in a journal, so the
    # file alone is the whole database and needs no locks or side files.
    # Otherwise "readonly_shm": without an -shm file (a crash, and it was
    # deleted) SQLite refuses (SQLITE_CANTOPEN) rather than create one.
    if settled:
        options = "mode=ro&immutable=1"
    elif Path(f"{path}-shm").exists():
        options = "mode=ro"
    else:
        options = "mode=ro&readonly_shm=1"
    source = sqlite3.connect(f"{path.as_uri()}?{options}", uri=True, isolation_level=None)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        page_size = int(source.execute("PRAGMA page_size").fetchone()[0])
        copy = sqlite3.connect(":memory:", isolation_level=None)
        try:
            copy.execute(f"PRAGMA page_size = {page_size}")  # a copy must keep it
            source.backup(copy)
        except BaseException:
            copy.close()
            raise
    finally:
        source.close()
    return copy


def _file_state(path: Path) -> tuple[int, int, int, int, bool] | None:
    """What changes when anyone writes the database: None when there is no file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the data file ({exc.strerror or exc})") from exc
    wal = Path(f"{path}-wal").exists()
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, wal)


def _empty_store() -> sqlite3.Connection:
    """An empty store of the current schema, in memory and query-only."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrate(conn, 0)
    conn.execute("PRAGMA query_only = ON")
    return conn


def unreadable_error(path: Path, backups_dir: Path, reason: str) -> UnreadableDatabaseError:
    """The error for a damaged file that a command that only reads leaves in place."""
    from emotrainer.storage import backups  # only on damage

    newest = backups.newest(backups_dir)
    return UnreadableDatabaseError(path, reason, newest.path if newest else None)


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


def _inspect(conn: sqlite3.Connection, path: Path, *, full_check: bool) -> int:
    """The schema version, after refusing what must not be opened.

    Raises NewerDatabaseError, ForeignDatabaseError (before anything could
    write to the file), or sqlite3.DatabaseError when the file is damaged:
    the whole file read by quick_check, or only its header and schema.
    """
    version = _read_version(conn)
    if version > LATEST_VERSION:
        raise NewerDatabaseError(path, version, LATEST_VERSION)
    if version == 0 and _has_schema(conn):
        raise ForeignDatabaseError(path)
    if full_check:
        _quick_check(conn)
    else:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return version


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


def _has_schema(conn: sqlite3.Connection) -> bool:
    """Whether any table, index, view or trigger exists (version 0 has none of ours)."""
    return conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None


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
