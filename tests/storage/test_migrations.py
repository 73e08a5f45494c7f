"""Every released schema, migrated, gives exactly the fresh schema with its rows intact."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from helpers import open_store

from emotrainer.paths import AppPaths, ensure_private_dir, resolve
from emotrainer.storage import backups, database
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.migrations import LATEST_VERSION, MIGRATIONS
from emotrainer.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
DUMPS = sorted(FIXTURES.glob("schema-v*.sql"), key=lambda p: int(p.stem.split("-v")[1]))

Schema = list[tuple[str, str, str, str | None]]
Rows = dict[str, tuple[list[str], list[tuple[object, ...]]]]


def _normalised(sql: str | None) -> str | None:
    if sql is None:
        return None
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = re.sub(r"\s+", " ", sql)
    return re.sub(r"\s*([(),])\s*", r"\1", sql).strip()


def _schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return sorted((t, n, tbl, _normalised(sql)) for t, n, tbl, sql in rows)


def _rows(conn: sqlite3.Connection) -> Rows:
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    result: Rows = {}
    for table in tables:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        select = ", ".join(columns)
        rows = conn.execute(f"SELECT {select} FROM {table}").fetchall()
        result[table] = (columns, sorted(rows, key=repr))
    return result


def _version_of(dump: Path) -> int:
    return int(dump.stem.split("-v")[1])


def _build(dump: Path, target: Path) -> None:
    ensure_private_dir(target.parent)
    conn = sqlite3.connect(target)
    try:
        conn.executescript(dump.read_text(encoding="utf-8"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh_schema(tmp_path_factory: pytest.TempPathFactory) -> Schema:
    paths = resolve(tmp_path_factory.mktemp("fresh") / "data")
    with Store.open(paths) as store:
        return _schema(store.conn)


def test_a_fixture_for_every_released_version() -> None:
    assert [_version_of(d) for d in DUMPS] == list(range(1, LATEST_VERSION + 1))
    assert len(MIGRATIONS) == LATEST_VERSION


@pytest.mark.parametrize("dump", DUMPS, ids=lambda d: d.stem)
def test_fixture_migrates_to_exactly_the_fresh_schema(
    dump: Path, app_paths: AppPaths, fresh_schema: Schema
) -> None:
    _build(dump, app_paths.database)
    conn = sqlite3.connect(app_paths.database)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == _version_of(dump)
        old_rows = _rows(conn)
    finally:
        conn.close()
    assert all(rows for _, rows in old_rows.values()), "a fixture has rows in every table"

    with open_store(app_paths) as store:
        assert store.schema_version == LATEST_VERSION
        assert _schema(store.conn) == fresh_schema
        assert store.integrity() == "ok"
        assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for table, (columns, rows) in old_rows.items():
            select = ", ".join(columns)
            now = store.conn.execute(f"SELECT {select} FROM {table}").fetchall()
            assert sorted(now, key=repr) == rows, table
        # and the repositories read it all
        snapshot = store_exchange.snapshot(store)
        assert len(snapshot.entries) == len(old_rows["entries"][1])

    made = [b.tag for b in backups.list_backups(app_paths.backups_dir)]
    if _version_of(dump) < LATEST_VERSION:
        assert made == [f"before-v{LATEST_VERSION}"]  # backed up before migrating
    else:
        assert made == []


def test_a_failing_step_rolls_back_after_a_backup(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(DUMPS[-1], app_paths.database)
    broken = "CREATE TABLE half_done (a INTEGER);\nINSERT INTO no_such_table VALUES (1);\n"
    monkeypatch.setattr(database, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(database, "LATEST_VERSION", LATEST_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        open_store(app_paths)
    conn = sqlite3.connect(app_paths.database)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names
    finally:
        conn.close()
    [backup] = backups.list_backups(app_paths.backups_dir)
    assert backup.tag == f"before-v{LATEST_VERSION + 1}"
