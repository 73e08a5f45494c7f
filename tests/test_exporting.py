"""``emotrainer.exporting``: the one export path of the command line and the Export dialog.

Qt-free for the CSV and the .emoreport: the files are read back (the strict
report reader, the csv module) and the store is checked untouched.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from emotrainer.content import full_vocabulary
from emotrainer.core import demo, homework
from emotrainer.core.models import Label
from emotrainer.core.report import DEFAULT_SECTIONS, SECTION_ORDER, Section
from emotrainer.core.report_format import read_report_file
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.exporting import (
    FORMATS,
    ExportResult,
    Format,
    contents_sentence,
    days_text,
    export_blocker,
    quick_range,
    suggested_name,
    write_export,
)
from emotrainer.paths import AppPaths, DataDirError
from emotrainer.resources import asset
from emotrainer.storage.report import (
    count_between,
    current_plan,
    entries_between,
    first_entry_day,
)
from emotrainer.storage.store import Store
from tests.helpers import at, folder_state, make_entry, open_store

Reading = tuple[Store, Vocabulary]
TODAY = date(2026, 3, 31)
NOTE = "=SUM(A1) — a hard call with my sister"
MADE = "2026-03-31T18:00:00.000Z"


@pytest.fixture
def filled(app_paths: AppPaths) -> AppPaths:
    """Sixty days of demo history ending on TODAY, and one entry with a note."""
    with open_store(app_paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        store.add_entries(demo.generate(vocabulary, 60, 11, TODAY))
        store.add_entry(
            make_entry(at=at(2026, 3, 20, 21), labels=(Label("irritated", 6),), note=NOTE)
        )
    return app_paths


@pytest.fixture
def reading(filled: AppPaths) -> Iterator[Reading]:
    with Store.open_readonly(filled) as store:
        yield store, full_vocabulary(store.user_words())


def _export(
    reading: Reading,
    fmt: Format,
    out: Path,
    sections: frozenset[Section] | set[Section] = DEFAULT_SECTIONS,
    first: date | None = date(2026, 3, 1),
    last: date | None = TODAY,
) -> ExportResult:
    store, vocabulary = reading
    return write_export(store, vocabulary, fmt, out, first, last, sections, TODAY, made_utc=MADE)


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


# -- what goes in ------------------------------------------------------------------------


def test_the_default_sections_leave_the_notes_out(reading: Reading, tmp_path: Path) -> None:
    assert Section.NOTES not in DEFAULT_SECTIONS
    out = tmp_path / "march.emoreport"
    _export(reading, "report", out)
    report = read_report_file(out)
    assert report.sections == DEFAULT_SECTIONS
    assert report.notes == ()
    assert NOTE not in out.read_text("utf-8")
    csv_out = tmp_path / "march.csv"
    _export(reading, "csv", csv_out)
    assert "note" not in _csv_rows(csv_out)[0]
    assert "sister" not in csv_out.read_text("utf-8")


def test_ticking_the_notes_puts_them_in_the_report_and_the_csv(
    reading: Reading, tmp_path: Path
) -> None:
    with_notes = DEFAULT_SECTIONS | {Section.NOTES}
    out = tmp_path / "march.emoreport"
    _export(reading, "report", out, with_notes)
    notes = read_report_file(out).notes
    assert [(n.day, n.note) for n in notes if "sister" in n.note] == [(date(2026, 3, 20), NOTE)]
    csv_out = tmp_path / "march.csv"
    _export(reading, "csv", csv_out, {Section.NOTES})
    kept = [r for r in _csv_rows(csv_out) if r["note"]]
    assert [r["note"] for r in kept if "sister" in r["note"]] == ["'" + NOTE]  # a formula: text


@pytest.mark.parametrize("left_out", [s for s in SECTION_ORDER if s is not Section.NOTES])
def test_unticking_a_section_removes_it_from_the_report(
    left_out: Section, reading: Reading, tmp_path: Path
) -> None:
    out = tmp_path / "r.emoreport"
    _export(reading, "report", out, DEFAULT_SECTIONS - {left_out})
    report = read_report_file(out)
    assert left_out not in report.sections
    held = {
        Section.SUMMARY: bool(report.figures),
        Section.CHARTS: bool(report.charts) or bool(report.heat),
        Section.WORDS: bool(report.words),
        Section.HOMEWORK: bool(report.homework),
    }
    assert not held[left_out]
    kept = [s for s in (Section.SUMMARY, Section.CHARTS, Section.WORDS) if s is not left_out]
    assert all(held[s] for s in kept)  # the others are still there, with content


def test_a_csv_has_no_sections_but_the_notes(reading: Reading, tmp_path: Path) -> None:
    everything, nothing = tmp_path / "a.csv", tmp_path / "b.csv"
    _export(reading, "csv", everything, set(SECTION_ORDER) - {Section.NOTES})
    _export(reading, "csv", nothing, set())
    assert everything.read_bytes() == nothing.read_bytes()


# -- the result ---------------------------------------------------------------------------


def test_the_result_counts_what_was_written(reading: Reading, tmp_path: Path) -> None:
    store, _vocabulary = reading
    found = entries_between(store, date(2026, 3, 1), TODAY)
    assert len(found) > 20  # the demo history has content
    report = _export(reading, "report", tmp_path / "r.emoreport")
    assert (report.first_day, report.last_day) == (date(2026, 3, 1), TODAY)
    assert report.entries == len(found) == read_report_file(report.path).figures["entries"]
    assert report.summary == (
        f"Wrote the report of 1 to 31 March 2026 ({len(found)} entries) to {report.path}"
    )
    table = _export(reading, "csv", tmp_path / "t.csv")
    assert table.entries == len(found)
    assert table.rows == len(_csv_rows(table.path)) == sum(max(1, len(e.labels)) for e in found)
    assert f"({len(found)} entries, {table.rows} rows)" in table.summary


def test_a_summary_without_the_summary_section_still_counts_the_entries(
    reading: Reading, tmp_path: Path
) -> None:
    result = _export(reading, "report", tmp_path / "r.emoreport", {Section.WORDS})
    assert read_report_file(result.path).figures == {}
    assert result.entries > 0


def test_open_ends_run_from_the_first_entry_to_today(reading: Reading, tmp_path: Path) -> None:
    store, _vocabulary = reading
    result = _export(reading, "report", tmp_path / "all.emoreport", first=None, last=None)
    assert result.first_day == first_entry_day(store) == date(2026, 1, 31)
    assert result.last_day == TODAY
    table = _export(reading, "csv", tmp_path / "all.csv", first=None, last=None)
    assert (table.first_day, table.last_day) == (date(2026, 1, 31), TODAY)
    assert table.entries == store.counts().entries


def test_exporting_changes_nothing_stored(filled: AppPaths, tmp_path: Path) -> None:
    before = folder_state(filled.data_dir)
    with Store.open_readonly(filled) as store:
        vocabulary = full_vocabulary(store.user_words())
        for fmt in FORMATS:
            out = tmp_path / f"out.{fmt}"
            if fmt != "pdf":  # the PDF's store is checked in tests/ui
                write_export(store, vocabulary, fmt, out, None, None, SECTION_ORDER, TODAY)
                assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert folder_state(filled.data_dir) == before


# -- a file that cannot be written -----------------------------------------------------------


def _unwritable(tmp_path: Path, kind: str) -> Path:
    if kind == "missing folder":
        return tmp_path / "nosuch" / "out"
    if kind == "a file for a folder":
        (tmp_path / "plain").write_text("x")
        return tmp_path / "plain" / "out"
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("a read-only folder stops only an ordinary user")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    return folder / "out"


@pytest.mark.parametrize("fmt", ["csv", "report"])
@pytest.mark.parametrize("kind", ["missing folder", "a file for a folder", "read-only folder"])
def test_a_path_that_cannot_be_written_is_named_and_leaves_nothing(
    fmt: Format, kind: str, reading: Reading, tmp_path: Path
) -> None:
    out = _unwritable(tmp_path, kind)
    with pytest.raises(DataDirError) as raised:
        _export(reading, fmt, out)
    assert str(out) in str(raised.value) and "cannot write" in str(raised.value)
    assert not out.exists()
    assert not out.with_name(out.name + ".partial").exists()


def test_a_refused_permission_is_named_and_leaves_nothing(
    reading: Reading, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a read-only folder does for an ordinary user (the tests may run as root)."""

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("emotrainer.exporting.os.open", refuse)
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "r.emoreport"
    with pytest.raises(DataDirError, match="cannot write \\(Permission denied\\)"):
        _export(reading, "report", out)
    assert list(folder.iterdir()) == []


# -- what the dialog shows, without Qt ------------------------------------------------------


def test_quick_ranges_end_today_or_follow_the_plan() -> None:
    first_entry = date(2025, 12, 1)
    assert quick_range("week", TODAY, first_entry) == (date(2026, 3, 25), TODAY)
    assert quick_range("four_weeks", TODAY, first_entry) == (date(2026, 3, 4), TODAY)
    assert quick_range("all", TODAY, first_entry) == (first_entry, TODAY)
    assert quick_range("all", TODAY, None) == (TODAY, TODAY)
    plan = (date(2026, 3, 23), date(2026, 4, 5))
    assert quick_range("plan", TODAY, first_entry, plan) == plan
    with pytest.raises(ValueError):
        quick_range("plan", TODAY, first_entry)
    with pytest.raises(ValueError):
        quick_range("fortnight", TODAY, first_entry)


def test_days_text_and_suggested_names() -> None:
    assert days_text(date(2026, 11, 3), date(2026, 11, 30)) == "3 to 30 November 2026"
    assert days_text(date(2026, 11, 30), date(2026, 12, 2)) == "30 November to 2 December 2026"
    assert days_text(date(2025, 12, 30), date(2026, 1, 2)) == "30 December 2025 to 2 January 2026"
    assert days_text(TODAY, TODAY) == "31 March 2026"
    assert (
        suggested_name("report", date(2026, 11, 3), date(2026, 11, 30))
        == "emotrainer-report-2026-11-03-to-2026-11-30.emoreport"
    )


def test_the_contents_sentence_says_whether_the_notes_are_in() -> None:
    assert contents_sentence("pdf", DEFAULT_SECTIONS) == (
        "It will hold the summary, the charts, the words you used and homework. "
        "Your notes are left out."
    )
    assert contents_sentence("report", {Section.WORDS, Section.NOTES}) == (
        "It will hold the words you used and your notes."
    )
    assert (
        contents_sentence("csv", set(SECTION_ORDER))
        == "One row per feeling named, with your notes."
    )
    assert contents_sentence("csv", DEFAULT_SECTIONS).endswith("without your notes.")


def test_export_is_blocked_for_a_reversed_range_or_an_empty_report() -> None:
    reason = export_blocker("pdf", date(2026, 3, 5), date(2026, 3, 4), DEFAULT_SECTIONS)
    assert reason is not None and "before the first" in reason
    assert export_blocker("report", TODAY, TODAY, set()) is not None
    assert export_blocker("csv", TODAY, TODAY, set()) is None  # a CSV needs no section
    assert export_blocker("pdf", TODAY, TODAY, {Section.NOTES}) is None


# -- the cheap counts -------------------------------------------------------------------------


def test_count_between_counts_what_entries_between_reads(reading: Reading) -> None:
    store, _vocabulary = reading
    for first, last in [(None, None), (date(2026, 3, 1), TODAY), (None, date(2026, 2, 10))]:
        assert count_between(store, first, last) == len(entries_between(store, first, last))
    assert count_between(store, date(2027, 1, 1), None) == 0


def test_count_between_reads_through_an_index(reading: Reading) -> None:
    """The dialog's live line: a COUNT that narrows by the at_utc index, not a scan."""
    store, _vocabulary = reading
    from emotrainer.core.history import HistoryFilter
    from emotrainer.storage.entries import history_where

    where, params = history_where(HistoryFilter(first_day=date(2026, 3, 1), last_day=TODAY))
    plan = store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM entries WHERE {where}", params
    ).fetchall()
    assert any("USING" in str(row[-1]) and "INDEX" in str(row[-1]) for row in plan), plan


def test_first_entry_day_of_an_empty_store(app_paths: AppPaths) -> None:
    with Store.open_readonly(app_paths) as store:
        assert first_entry_day(store) is None
        assert count_between(store, None, None) == 0


def _plan(tmp_path: Path, vocabulary: Vocabulary, **changes: object) -> homework.Plan:
    import json

    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(changes)
    path = tmp_path / "plan.emohw"
    path.write_text(json.dumps(document), encoding="utf-8")
    return homework.read_plan_file(path, [f.id for f in vocabulary.families])


def test_current_plan_is_the_newest_active_one(app_paths: AppPaths, tmp_path: Path) -> None:
    with open_store(app_paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        assert current_plan(store, vocabulary) is None
        older = _plan(tmp_path, vocabulary, uuid="aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
                      start="2026-03-02", end="2026-03-15")  # fmt: skip
        newer = _plan(tmp_path, vocabulary, uuid="bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb",
                      start="2026-03-16", end="2026-03-29")  # fmt: skip
        store.import_plan(older)
        store.import_plan(newer)
        assert current_plan(store, vocabulary) == newer
        store.set_plan_active(newer.uuid, False)  # put away: no longer the current one
        assert current_plan(store, vocabulary) == older
