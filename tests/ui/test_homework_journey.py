"""Issue 7's whole journey, in one window: a therapist writes a plan, the client works it, a report.

The plan is typed into Therapist tools and saved; the client imports that
file, does the exercises by keyboard, sees Today count them, and exports the
plan's days as a PDF and as a .emoreport, whose homework part says what was
done. Run with ``--basetemp DIR`` to keep the PDF and look at it (pdftoppm).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from emotrainer.core.homework import Frequency, TaskKind, read_plan_file
from emotrainer.core.report import Section
from emotrainer.core.report_format import read_report_file
from emotrainer.ui.export_dialog import ExportDialog
from emotrainer.ui.pages.therapist import TherapistPage
from emotrainer.ui.pages.therapist_tasks import TaskDialog

# The task editor, the import's note and the export dialog are dialogs shown offscreen.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def add_task(qtbot, page: TherapistPage, kind: TaskKind, times: int, frequency: Frequency) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.task_dialog
    assert isinstance(dialog, TaskDialog)
    qtbot.waitExposed(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind.value))
    dialog.times_box.selectAll()
    QTest.keyClicks(dialog.times_box, str(times))
    dialog.frequency_box.setCurrentIndex(dialog.frequency_box.findData(frequency.value))
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def write_plan(qtbot, vocabulary, folder: Path) -> Path:  # type: ignore[no-untyped-def]
    saved_to = folder / "client-plan"
    page = TherapistPage(
        lambda: vocabulary,
        lambda: None,
        choose_save=lambda _parent, _suggested: saved_to,
        today=date.today,
    )
    qtbot.addWidget(page)
    page.show()
    QTest.keyClicks(page.title_edit, "Two weeks: grounding and the body")
    QTest.keyClicks(page.therapist_edit, "Dr. Amira Haddad")
    add_task(qtbot, page, TaskKind.GROUNDING, 1, Frequency.PER_DAY)
    add_task(qtbot, page, TaskKind.BODY_SCAN, 3, Frequency.PER_WEEK)
    assert page.problem.text() == "Ready to save."
    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    return saved_to.with_name("client-plan.emohw")


def do_grounding(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.start_exercise("grounding")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    for _ in range(5):  # see, touch, hear, smell, taste
        QTest.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert page.state.current.id == "breathe"
    QTest.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert page.saved_entry is not None


def do_body_scan(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = window.start_exercise("body_scan")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=3000)
    QTest.keyClick(focused(), Qt.Key.Key_Space)  # the first place: tight
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    while page.state.current.id != "summary":
        QTest.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # skip
    QTest.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert page.saved_entry is not None


def homework_lines(window) -> list[str]:  # type: ignore[no-untyped-def]
    card = window.page("today").homework_card
    return [label.text() for label in card.findChildren(QLabel) if label.isVisibleTo(card)]


def test_a_plan_from_the_therapist_form_is_worked_and_reported(  # type: ignore[no-untyped-def]
    qtbot, window, store, tmp_path
):
    plan_path = write_plan(qtbot, window.vocabulary, tmp_path)
    plan = read_plan_file(plan_path, [f.id for f in window.vocabulary.families])

    # The client's side: import the file the form wrote, as File → Import would.
    assert window.import_plan(plan_path) == "added"
    window.show_page("today")
    assert "• Grounding pause: 0 of 1 today" in homework_lines(window)

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    do_grounding(window, qtbot)
    do_body_scan(window, qtbot)
    lines = homework_lines(window)
    assert "✓ Grounding pause: 1 of 1 today" in lines
    assert any(line.startswith("• Body scan: 1 of 3 this week") for line in lines), lines

    # The report of the plan's days, from the export dialog.
    pdf = tmp_path / "report.pdf"
    dialog = ExportDialog(store, window.vocabulary, window, choose_path=lambda *_: pdf)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.quick["plan"].click()
    assert dialog.shown_days() == (plan.start, plan.end)
    assert not dialog.notes.isChecked()  # notes only when ticked
    dialog.format_buttons["pdf"].click()
    written = dialog.export()
    assert written is not None and pdf.read_bytes().startswith(b"%PDF")

    data = tmp_path / "report.emoreport"
    dialog._choose_path = lambda *_: data  # the same dialog, the other kind of file
    dialog.format_buttons["report"].click()
    written = dialog.export()
    assert written is not None
    report = read_report_file(data)
    assert Section.NOTES not in report.sections
    (part,) = report.homework
    assert part.title == "Two weeks: grounding and the body"
    assert part.therapist == "Dr. Amira Haddad"
    done = [(task.done, task.expected) for task in part.tasks]
    assert done[0] == (1, 1)  # today's grounding pause, of the one asked so far
    assert done[1][0] == 1  # one body scan of the week's three
    assert report.figures["entries"] == 2
