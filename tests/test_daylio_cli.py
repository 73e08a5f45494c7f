"""`emotrainer import` with Daylio's history: CSV exports and the .daylio backup."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import folder_state, run_cli

from emotrainer.paths import AppPaths
from emotrainer.storage.store import Store

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "daylio"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures is not here")


@needs_shared
@pytest.mark.parametrize(
    ("name", "rows"), [("daylio-7col-sample.csv", 32), ("daylio-8col-sample.csv", 3)]
)
def test_every_shared_sample_imports_once(
    name: str, rows: int, app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["import", str(SHARED / name)]) == 0
    assert f"Imported {rows} entries from {name} (0 already present" in capsys.readouterr().out
    assert run_cli(["import", str(SHARED / name), "--format", "daylio-csv"]) == 0
    assert f"Imported 0 entries from {name} ({rows} already present" in capsys.readouterr().out
    with Store.open_readonly(app_paths) as store:
        entries = store.all_entries()
    assert len(entries) == rows
    assert all(e.source == "import:daylio" and e.labels for e in entries)


def test_a_backup_imports_and_its_own_words_are_made(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from core.test_daylio import backup_bytes

    backup = tmp_path / "diary.daylio"
    backup.write_bytes(backup_bytes())
    assert run_cli(["import", str(backup)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Imported ") and "from diary.daylio" in out
    with Store.open_readonly(app_paths) as store:
        assert store.all_entries()


def test_a_file_that_is_not_daylio_is_refused_and_nothing_changes(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["demo-data", "--days", "3"]) == 0
    before = folder_state(app_paths.data_dir)
    bad = tmp_path / "notes.csv"
    bad.write_text("when,what\n2024-01-01,hello\n", encoding="utf-8")
    capsys.readouterr()
    assert run_cli(["import", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"emotrainer: {bad}: line 1: ") and "\n" not in err
    assert folder_state(app_paths.data_dir) == before
