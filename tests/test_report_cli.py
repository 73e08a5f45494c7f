"""``emotrainer export --format csv|report|pdf``: files written privately, read-only, bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from pathlib import Path

import pytest

from emotrainer.core.models import Label, WordsState
from emotrainer.core.report import Section
from emotrainer.core.report_format import read_report_file
from emotrainer.paths import AppPaths
from tests.helpers import at, folder_state, make_entry, open_store, run_cli


@pytest.fixture
def filled(app_paths: AppPaths) -> AppPaths:
    with open_store(app_paths) as store:
        store.add_entries(
            [
                make_entry(at=at(2026, 3, 2, 9), labels=(Label("irritated", 6),), note="=1+1"),
                make_entry(at=at(2026, 3, 3, 23, 30, offset=-300), labels=(Label("numb", 3),)),
                make_entry(at=at(2026, 3, 4, 8), words_state=WordsState.CANT_TELL),
                make_entry(at=at(2026, 4, 1, 8), labels=(Label("calm", 2), Label("joy", 5))),
            ]
        )
    return app_paths


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err.strip()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("fmt", ["json", "csv", "report"])
def test_each_format_writes_a_private_file_and_changes_nothing(
    fmt: str, filled: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    before = folder_state(filled.data_dir)
    assert run_cli(["export", "--format", fmt, "--out", str(out)]) == 0
    assert _mode(out) == 0o600
    assert folder_state(filled.data_dir) == before
    assert not list(tmp_path.glob("*.partial"))
    assert str(out) in capsys.readouterr().out


def test_csv_of_a_range_with_and_without_notes(filled: AppPaths, tmp_path: Path) -> None:
    out = tmp_path / "week.csv"
    argv = ["export", "--format", "csv", "--out", str(out), "--from", "2026-03-03"]
    assert run_cli([*argv, "--to", "2026-03-04"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"date,time,utc_offset,exercise,") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert [(r["date"], r["word_id"], r["words_state"]) for r in rows] == [
        ("2026-03-03", "numb", "named"),  # 23:30 at −05:00: its own local day
        ("2026-03-04", "", "cant_tell"),
    ]
    assert "note" not in rows[0]
    assert run_cli([*argv, "--include-notes"]) == 0  # no --to: to the end
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert [r["note"] for r in rows] == ["", "", "", ""]
    assert run_cli(["export", "--format", "csv", "--out", str(out), "--include-notes"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"), newline="")))
    assert rows[0]["note"] == "'=1+1" and len(rows) == 5


def test_report_of_a_range_reads_back(filled: AppPaths, tmp_path: Path) -> None:
    out = tmp_path / "march.emoreport"
    argv = ["export", "--format", "report", "--out", str(out)]
    assert run_cli([*argv, "--from", "2026-03-01", "--to", "2026-03-31"]) == 0
    report = read_report_file(out)
    assert (report.first_day.isoformat(), report.last_day.isoformat()) == (
        "2026-03-01",
        "2026-03-31",
    )
    assert Section.NOTES not in report.sections and report.notes == ()
    assert report.figures["entries"] == 3 and report.figures["cant_tell"] == 1
    assert [w.word_id for w in report.words] == ["irritated", "numb"]
    assert "notes" not in json.loads(out.read_text("utf-8"))

    assert run_cli([*argv, "--from", "2026-03-01", "--to", "2026-03-31", "--include-notes"]) == 0
    assert [n.note for n in read_report_file(out).notes] == ["=1+1"]


def test_report_without_a_range_starts_at_the_first_entry(filled: AppPaths, tmp_path: Path) -> None:
    out = tmp_path / "all.emoreport"
    assert run_cli(["export", "--format", "report", "--out", str(out), "--to", "2026-04-30"]) == 0
    report = read_report_file(out)
    assert report.first_day.isoformat() == "2026-03-02"
    assert report.figures["entries"] == 4


def test_report_without_a_database_creates_nothing(app_paths: AppPaths, tmp_path: Path) -> None:
    out = tmp_path / "empty.emoreport"
    assert run_cli(["export", "--format", "report", "--out", str(out)]) == 0
    assert folder_state(app_paths.data_dir) == {}
    report = read_report_file(out)
    assert report.first_day == report.last_day and report.figures["entries"] == 0


def test_pdf_writes_a_private_pdf(
    filled: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.pdf"
    assert run_cli(["export", "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("fmt", ["csv", "report", "pdf"])
@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--from", "2026-13-01"], "--from"),
        (["--to", "yesterday"], "--to"),
        (["--from", "2026-03-05", "--to", "2026-03-04"], "--to: 2026-03-04 is before --from"),
    ],
)
def test_bad_dates_exit_2_naming_the_option(
    fmt: str,
    extra: list[str],
    named: str,
    app_paths: AppPaths,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert run_cli(["export", "--format", fmt, "--out", str(out), *extra]) == 2
    assert named in _one_error_line(capsys)
    assert not out.exists()
    assert not app_paths.database.exists()


@pytest.mark.parametrize("fmt", ["csv", "report"])
def test_a_missing_folder_is_named(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nosuch" / "out"
    assert run_cli(["export", "--format", fmt, "--out", str(out)]) == 2
    assert str(out) in _one_error_line(capsys)
