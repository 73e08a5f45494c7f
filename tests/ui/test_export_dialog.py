"""The Export dialog: its defaults, the days it shows, what it writes, and what it refuses."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QWidget

from emotrainer.content import full_vocabulary
from emotrainer.core import demo, homework
from emotrainer.core.models import Label
from emotrainer.core.report import DEFAULT_SECTIONS, Section
from emotrainer.core.report_format import read_report_file
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.paths import AppPaths
from emotrainer.resources import asset
from emotrainer.storage.store import Store
from emotrainer.ui.export_dialog import ExportDialog, open_export_dialog
from tests.helpers import at, folder_state, make_entry

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TODAY = date(2026, 3, 31)
NOTE = "The jaw again, after the call <b>not bold</b>"


class Chooser:
    """Stands in for the save dialog: answers with a path and keeps what it was offered."""

    def __init__(self, answer: Path | None) -> None:
        self.answer = answer
        self.offered: list[tuple[str, str]] = []

    def __call__(self, _parent: QWidget, suggested: str, name_filter: str) -> Path | None:
        self.offered.append((suggested, name_filter))
        return self.answer


@pytest.fixture
def vocabulary(store: Store) -> Vocabulary:
    return full_vocabulary(store.user_words())


@pytest.fixture
def filled(store: Store, vocabulary: Vocabulary) -> Store:
    """Sixty days of demo history ending on TODAY, one entry with a note, and a plan."""
    store.add_entries(demo.generate(vocabulary, 60, 5, TODAY))
    store.add_entry(make_entry(at=at(2026, 3, 28, 20), labels=(Label("numb", 3),), note=NOTE))
    return store


def _import_plan(store: Store, vocabulary: Vocabulary, tmp_path: Path, **changes: str) -> None:
    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(changes)
    path = tmp_path / "plan.emohw"
    path.write_text(json.dumps(document), encoding="utf-8")
    store.import_plan(homework.read_plan_file(path, [f.id for f in vocabulary.families]))


def _dialog(qtbot: Any, store: Store, vocabulary: Vocabulary, chooser: Chooser) -> ExportDialog:
    dialog = ExportDialog(store, vocabulary, today=TODAY, choose_path=chooser)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _stored(paths: AppPaths) -> dict[str, tuple[str, int]]:
    """The data folder's files, less SQLite's shared-memory index (-shm): reading touches it."""
    return {k: v for k, v in folder_state(paths.data_dir).items() if not k.endswith("-shm")}


def _days(dialog: ExportDialog) -> tuple[date, date]:
    return dialog.shown_days()


def _set_day(edit: QDateEdit, day: date) -> None:
    edit.setDate(QDate(day.year, day.month, day.day))


# -- defaults and what the dialog says ---------------------------------------------------------


def test_the_notes_are_left_out_unless_ticked(qtbot, filled, vocabulary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(tmp_path / "r.emoreport"))
    assert dialog.chosen_format() == "pdf"
    assert not dialog.notes.isChecked()
    assert all(box.isChecked() for box in dialog.section_boxes.values())
    assert dialog.chosen_sections() == DEFAULT_SECTIONS
    assert "Your notes are left out." in dialog.contents.text()
    dialog.notes.click()
    assert Section.NOTES in dialog.chosen_sections()
    assert "your notes" in dialog.contents.text() and "left out" not in dialog.contents.text()


def test_the_quick_choices_set_the_days(qtbot, filled, vocabulary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _import_plan(filled, vocabulary, tmp_path, start="2026-03-23", end="2026-04-05")
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    assert dialog.quick["week"].isChecked()
    assert _days(dialog) == (date(2026, 3, 25), TODAY)
    dialog.quick["four_weeks"].click()
    assert _days(dialog) == (date(2026, 3, 4), TODAY)
    dialog.quick["plan"].click()
    assert _days(dialog) == (date(2026, 3, 23), date(2026, 4, 5))
    assert "23 March to 5 April 2026" in dialog.quick["plan"].text()
    dialog.quick["all"].click()
    assert _days(dialog) == (date(2026, 1, 31), TODAY)  # the first demo entry's day
    dialog.quick["week"].click()
    _set_day(dialog.first_edit, date(2026, 3, 1))  # typed: the person's own days now
    assert dialog.quick["chosen"].isChecked()
    assert _days(dialog) == (date(2026, 3, 1), TODAY)


def test_no_plan_no_plan_choice(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    assert "plan" not in dialog.quick
    assert list(dialog.quick) == ["week", "four_weeks", "all", "chosen"]


def test_the_summary_counts_the_entries_of_the_days(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    from emotrainer.storage.report import count_between

    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    week = count_between(filled, date(2026, 3, 25), TODAY)
    assert week > 0
    assert dialog.summary.text() == f"{week} entries from 25 to 31 March 2026"
    _set_day(dialog.first_edit, date(2027, 1, 1))
    _set_day(dialog.last_edit, date(2027, 1, 9))
    assert dialog.summary.text() == "No entries from 1 to 9 January 2027"


def test_a_reversed_range_disables_export_with_a_reason(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    chooser = Chooser(None)
    dialog = _dialog(qtbot, filled, vocabulary, chooser)
    assert dialog.export_button.isEnabled() and dialog.reason.isHidden()
    _set_day(dialog.first_edit, date(2026, 4, 2))
    assert not dialog.export_button.isEnabled()
    assert dialog.reason.isVisible() and "before the first" in dialog.reason.text()
    assert dialog.export() is None and chooser.offered == []  # not even asked where
    _set_day(dialog.last_edit, date(2026, 4, 3))
    assert dialog.export_button.isEnabled() and dialog.reason.isHidden()


def test_a_csv_takes_only_the_notes_tick(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    assert dialog.csv_note.isHidden()
    dialog.format_buttons["csv"].click()
    assert not any(box.isEnabled() for box in dialog.section_boxes.values())
    assert dialog.notes.isEnabled() and dialog.csv_note.isVisible()
    assert dialog.contents.text() == "One row per feeling named, without your notes."
    for box in dialog.section_boxes.values():
        box.setChecked(False)
    dialog.format_buttons["report"].click()  # a report needs something in it
    assert not dialog.export_button.isEnabled()
    dialog.format_buttons["csv"].click()  # a CSV does not
    assert dialog.export_button.isEnabled()


def test_every_control_has_an_accessible_name(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    controls = [*dialog.findChildren(QAbstractButton), *dialog.findChildren(QDateEdit)]
    assert len(controls) > 12
    unnamed = [c for c in controls if not c.accessibleName()]
    assert unnamed == []


def test_escape_closes(qtbot, filled, vocabulary) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_open_export_dialog_does_not_block(qtbot, window, store, vocabulary) -> None:  # type: ignore[no-untyped-def]
    dialog = open_export_dialog(window, store, vocabulary)
    assert dialog.isVisible() and dialog.isModal()  # window-modal, returned at once
    assert dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    with qtbot.waitSignal(dialog.destroyed, timeout=2000):
        dialog.close()


# -- writing ----------------------------------------------------------------------------------


def test_a_pdf_export_writes_a_private_pdf_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, filled, vocabulary, ui_paths, tmp_path, monkeypatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    out = tmp_path / "chosen.pdf"
    chooser = Chooser(out)
    before = _stored(ui_paths)
    dialog = _dialog(qtbot, filled, vocabulary, chooser)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    suggested, name_filter = chooser.offered[0]
    assert suggested == str(Path.home() / "emotrainer-report-2026-03-25-to-2026-03-31.pdf")
    assert "*.pdf" in name_filter
    assert out.read_bytes().startswith(b"%PDF")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert dialog.result_frame.isVisible()
    text = dialog.result_label.text()
    assert text.startswith("Wrote the PDF report of 25 to 31 March 2026 (")
    assert text.endswith(f"entries) to {out}")
    assert dialog.result_label.textFormat() is Qt.TextFormat.PlainText
    qtbot.mouseClick(dialog.show_folder, Qt.MouseButton.LeftButton)
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    assert opened[0].isLocalFile()
    assert _stored(ui_paths) == before  # the store is only read


def test_the_report_holds_the_sections_ticked(  # type: ignore[no-untyped-def]
    qtbot, filled, vocabulary, ui_paths, tmp_path
) -> None:
    out = tmp_path / "no-suffix"  # the kind's own suffix is added
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(out))
    before = _stored(ui_paths)
    dialog.format_buttons["report"].click()
    dialog.quick["four_weeks"].click()
    dialog.section_boxes[Section.WORDS].click()
    dialog.notes.click()
    result = dialog.export()
    assert result is not None and result.path == tmp_path / "no-suffix.emoreport"
    report = read_report_file(result.path)
    assert report.sections == {Section.SUMMARY, Section.CHARTS, Section.HOMEWORK, Section.NOTES}
    assert report.words == ()
    assert (report.first_day, report.last_day) == (date(2026, 3, 4), TODAY)
    assert NOTE in [n.note for n in report.notes]
    assert _stored(ui_paths) == before


def test_everything_exports_every_entry(qtbot, filled, vocabulary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(tmp_path / "all.csv"))
    dialog.format_buttons["csv"].click()
    dialog.quick["all"].click()
    dialog.notes.click()
    result = dialog.export()
    assert result is not None and result.entries == filled.counts().entries
    text = result.path.read_text("utf-8")
    assert text.startswith("date,time,utc_offset,") and "not bold" in text
    assert "note" in text.splitlines()[0]


def test_cancelling_the_save_dialog_writes_nothing(qtbot, filled, vocabulary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(None))
    assert dialog.export() is None
    assert dialog.result_frame.isHidden()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "ui-data"]


@pytest.mark.parametrize("fmt", ["pdf", "report", "csv"])
def test_a_path_that_cannot_be_written_says_why_and_leaves_nothing(  # type: ignore[no-untyped-def]
    fmt, qtbot, filled, vocabulary, ui_paths, tmp_path, monkeypatch
) -> None:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(
        "emotrainer.ui.dialogs.show_known_error",
        lambda title, message, parent=None: said.append((title, message)),
    )
    out = tmp_path / "nosuch" / f"report.{fmt}"
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(out))
    before = _stored(ui_paths)
    dialog.format_buttons[fmt].click()
    assert dialog.export() is None
    assert len(said) == 1
    title, message = said[0]
    assert title == "The report was not written"
    assert str(out) in message and "cannot write" in message
    assert "your own data is unchanged" in message
    assert not (tmp_path / "nosuch").exists()
    assert dialog.result_frame.isHidden()
    assert _stored(ui_paths) == before


def test_the_keyboard_alone_chooses_and_exports(qtbot, filled, vocabulary, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "keys.csv"
    dialog = _dialog(qtbot, filled, vocabulary, Chooser(out))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.format_buttons["pdf"].hasFocus())
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.chosen_format() == "csv"
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Space)
    assert dialog.notes.isChecked()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return)  # Export… is the default button
    assert out.exists() and "note" in out.read_text("utf-8").splitlines()[0]
