"""Therapist tools: a plan written in the form, previewed as Today shows it, saved as .emohw."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget

from emotrainer.content import full_vocabulary
from emotrainer.core.changes import Change
from emotrainer.core.homework import Frequency, TaskKind, read_plan_file
from emotrainer.resources import asset
from emotrainer.ui.pages.therapist import TherapistPage
from emotrainer.ui.pages.therapist_tasks import TaskDialog
from emotrainer.ui.pages.today_homework import plan_widgets

# The task editor is a dialog, shown offscreen: the plugin cannot pass size hints on.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

VOCABULARY = full_vocabulary([])
FAMILIES = [f.id for f in VOCABULARY.families]
EXAMPLE = asset("homework", "example.emohw")
TODAY = date(2026, 3, 4)  # a Wednesday


class Dialogs:
    """Stands in for the file dialogs and the question; records what was asked."""

    def __init__(self, save_to: Path | None = None, open_from: Path | None = None) -> None:
        self.save_to = save_to
        self.open_from = open_from
        self.answer = True
        self.questions: list[str] = []
        self.suggested: list[str] = []
        self.reports = 0

    def choose_save(self, _parent: QWidget, suggested: str) -> Path | None:
        self.suggested.append(suggested)
        return self.save_to

    def choose_open(self, _parent: QWidget) -> Path | None:
        return self.open_from

    def confirm(self, _parent: QWidget, question: str) -> bool:
        self.questions.append(question)
        return self.answer

    def open_report(self) -> None:
        self.reports += 1


@pytest.fixture
def dialogs(tmp_path: Path) -> Dialogs:
    folder = tmp_path / "plans"
    folder.mkdir()
    return Dialogs(save_to=folder / "week two")


@pytest.fixture
def page(qtbot, dialogs: Dialogs) -> TherapistPage:  # type: ignore[no-untyped-def]
    made = TherapistPage(
        lambda: VOCABULARY,
        dialogs.open_report,
        choose_open=dialogs.choose_open,
        choose_save=dialogs.choose_save,
        confirm=dialogs.confirm,
        today=lambda: TODAY,
    )
    qtbot.addWidget(made)
    made.resize(1000, 760)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    return made


def add_task(  # type: ignore[no-untyped-def]
    qtbot,
    page: TherapistPage,
    kind: TaskKind,
    times: int,
    frequency: Frequency = Frequency.PER_DAY,
    families: tuple[str, ...] = (),
    instructions: str = "",
) -> None:
    """Add a task the way a person does: Add task…, the dialog's fields, then Enter."""
    QTest.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.task_dialog
    assert isinstance(dialog, TaskDialog)
    qtbot.waitExposed(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData(kind.value))
    dialog.times_box.selectAll()
    QTest.keyClicks(dialog.times_box, str(times))
    dialog.frequency_box.setCurrentIndex(dialog.frequency_box.findData(frequency.value))
    for family in families:
        row = FAMILIES.index(family)
        dialog.families_list.setFocus()
        dialog.families_list.setCurrentRow(row)
        QTest.keyClick(dialog.families_list, Qt.Key.Key_Space)
    QTest.keyClicks(dialog.instructions_edit, instructions)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.task_dialog is None


def task_lines(page: TherapistPage) -> list[str]:
    return [page.task_list.item(row).text() for row in range(page.task_list.count())]  # type: ignore[union-attr]


def preview_labels(page: TherapistPage) -> list[QLabel]:
    labels = []
    for index in range(page.preview_box.count()):
        item = page.preview_box.itemAt(index)
        widget = item.widget() if item is not None else None
        if isinstance(widget, QLabel):
            labels.append(widget)
    return labels


def preview(page: TherapistPage) -> list[str]:
    return [label.text() for label in preview_labels(page)]


def test_a_plan_typed_in_saves_with_its_tasks_in_order(qtbot, page, dialogs) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(page.title_edit, "Week two: noticing fear ")
    QTest.keyClicks(page.therapist_edit, "Dr. Amira Haddad")
    add_task(
        qtbot, page, TaskKind.CHECKIN, 2, families=("fear", "sadness"), instructions="Any word"
    )
    add_task(qtbot, page, TaskKind.BODY_SCAN, 3, Frequency.PER_WEEK)
    add_task(qtbot, page, TaskKind.GROUNDING, 1)
    assert task_lines(page) == [
        "Check-in — 2 a day · focus: Sadness, Fear · “Any word”",
        "Body scan — 3 a week",
        "Grounding pause — 1 a day",
    ]
    # Reorder and remove from the keyboard: Ctrl+Up moves the grounding pause to the top.
    page.task_list.setFocus()
    page.task_list.setCurrentRow(2)
    QTest.keyClick(page.task_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(page.task_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert page.task_list.currentRow() == 0
    assert [line.split(" — ")[0] for line in task_lines(page)] == [
        "Grounding pause",
        "Check-in",
        "Body scan",
    ]
    QTest.keyClick(page.task_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    page.task_list.setCurrentRow(2)
    QTest.keyClick(page.task_list, Qt.Key.Key_Delete)  # the body scan goes
    # The buttons do the same.
    page.task_list.setCurrentRow(1)
    QTest.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [line.split(" — ")[0] for line in task_lines(page)] == ["Grounding pause", "Check-in"]
    add_task(qtbot, page, TaskKind.TRAINER, 1, Frequency.PER_WEEK, families=("anger",))
    page.task_list.setCurrentRow(2)
    QTest.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    add_task(qtbot, page, TaskKind.INVENTORY, 1, Frequency.PER_WEEK)
    page.reminders.time_edit.setTime(QTime(20, 30))
    QTest.mouseClick(page.reminders.add_button, Qt.MouseButton.LeftButton)
    page.reminders.time_edit.setTime(QTime(8, 0))
    QTest.mouseClick(page.reminders.add_button, Qt.MouseButton.LeftButton)
    assert page.problem.text() == "Ready to save."
    assert page.dirty

    QTest.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    written = dialogs.save_to.with_name("week two.emohw")  # the suffix is added
    assert dialogs.suggested == ["week-two-noticing-fear.emohw"]
    plan = read_plan_file(written, FAMILIES)
    assert plan.uuid == page.draft.uuid
    assert plan.title == "Week two: noticing fear"  # the trailing space is trimmed
    assert (plan.therapist, plan.client) == ("Dr. Amira Haddad", None)
    assert (plan.start, plan.end) == (TODAY, date(2026, 3, 17))
    assert [(t.kind, t.times, t.frequency) for t in plan.tasks] == [
        (TaskKind.GROUNDING, 1, Frequency.PER_DAY),
        (TaskKind.CHECKIN, 2, Frequency.PER_DAY),
        (TaskKind.INVENTORY, 1, Frequency.PER_WEEK),
    ]
    assert plan.tasks[1].focus_families == ("sadness", "fear")  # the vocabulary's order
    assert plan.tasks[1].instructions == "Any word"
    assert plan.reminders == (time(8, 0), time(20, 30))
    assert not page.dirty
    assert str(written) in page.status.text()


def test_the_preview_says_what_today_will_say(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(page.title_edit, "Two weeks")
    add_task(qtbot, page, TaskKind.CHECKIN, 2, instructions="Morning and evening.")
    add_task(qtbot, page, TaskKind.BODY_SCAN, 3, Frequency.PER_WEEK)
    shown = preview(page)
    assert shown[0] == "As on Wednesday 4 March, before anything is done:"
    plan = page.draft.build(FAMILIES)
    assert shown[1:] == [w.text() for w in plan_widgets(plan, [], TODAY)]  # type: ignore[attr-defined]
    assert shown[1:] == [
        "Two weeks",
        "until Tuesday 17 March.",
        "• Check-in: 0 of 2 today",
        "Morning and evening.",
        "• Body scan: 0 of 2 this week",  # Wednesday to Sunday: its share of three
        "So far: 0 of the 4 asked.",
    ]
    # Every edit shows at once: a later start is previewed on its first day.
    page.start_edit.setDate(QDate(2026, 3, 9))
    assert preview(page)[0] == "As on Monday 9 March, before anything is done:"
    assert "• Body scan: 0 of 3 this week" in preview(page)


def test_an_invalid_plan_says_why_and_writes_nothing(qtbot, page, dialogs) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(page.title_edit, "Backwards")
    add_task(qtbot, page, TaskKind.CHECKIN, 1)
    page.end_edit.setFocus()
    page.end_edit.setDate(QDate(2026, 3, 1))  # before the start
    reason = "End: the plan ends before it starts (2026-03-04)"
    assert page.problem.text() == reason
    assert page.problem.textFormat() is Qt.TextFormat.PlainText
    assert preview(page) == [f"The preview appears once the plan is complete ({reason})."]
    page.save_button.setFocus()
    QTest.keyClick(page.save_button, Qt.Key.Key_Space)
    assert dialogs.suggested == []  # not even asked where
    assert list(dialogs.save_to.parent.iterdir()) == []
    assert page.end_edit.hasFocus()  # the field that is wrong


def test_an_opened_plan_fills_the_form_and_keeps_its_uuid(qtbot, page, dialogs) -> None:  # type: ignore[no-untyped-def]
    dialogs.open_from = EXAMPLE
    QTest.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.title_edit.text() == "Two weeks: noticing anger in the body"
    assert page.therapist_edit.text() == "Dr. Amira Haddad"
    assert page.client_edit.text() == "Sam"
    assert page.start_edit.date() == QDate(2026, 3, 4)
    assert page.end_edit.date() == QDate(2026, 3, 17)
    assert task_lines(page) == [
        "Check-in — 2 a day · focus: Anger · "
        "“Once in the morning and once in the evening. Any word is fin…”",
        "Body scan — 3 a week · “When you notice tension, pause and scan where it sits.”",
        "Word trainer session — 1 a week · focus: Anger, Fear",
    ]
    assert [page.reminders.list.item(r).text() for r in range(2)] == ["09:00", "20:30"]  # type: ignore[union-attr]
    assert not page.dirty and dialogs.questions == []
    page.title_edit.selectAll()
    QTest.keyClicks(page.title_edit, "Three weeks")
    page.end_edit.setDate(QDate(2026, 3, 24))
    assert dialogs.suggested == []
    assert page.save_as() is not None
    assert dialogs.suggested == [str(EXAMPLE)]  # where it came from is offered first
    saved = json.loads(dialogs.save_to.with_name("week two.emohw").read_text(encoding="utf-8"))
    original = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert saved["uuid"] == original["uuid"] == "7c0e4f52-3b8a-4d1e-9f6a-2e5b8c1d4a70"
    assert saved == {**original, "title": "Three weeks", "end": "2026-03-24"}


def test_a_malformed_plan_is_refused_naming_the_file(page, dialogs, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(
        "emotrainer.ui.dialogs.show_known_error",
        lambda _title, message, _parent=None: said.append(message),
    )
    document = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    document["tasks"][1]["times"] = 0
    broken = tmp_path / "broken.emohw"
    broken.write_text(json.dumps(document), encoding="utf-8")
    QTest.keyClicks(page.title_edit, "Mine")
    dialogs.answer = True  # leaving the unsaved title is fine…
    dialogs.open_from = broken
    assert page.open_plan() is False
    assert said == [
        f"{broken}: tasks[1].times: expected a whole number from 1 to 20\n\n"
        "The plan on the page is unchanged."
    ]
    assert page.title_edit.text() == "Mine" and page.draft.title == "Mine"  # …but nothing changed
    not_json = tmp_path / "notes.emohw"
    not_json.write_text("{nope", encoding="utf-8")
    assert page.open_plan(not_json) is False
    assert said[1].startswith(f"{not_json}: line 1 column 2: ")


def test_markup_in_instructions_is_shown_as_typed(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    QTest.keyClicks(page.title_edit, "<i>Plain</i> & simple")
    add_task(qtbot, page, TaskKind.UNPACK, 1, instructions="<b>x</b>")
    assert task_lines(page) == ["Unpack a feeling — 1 a day · “<b>x</b>”"]
    labels = {label.text(): label for label in preview_labels(page)}
    for text in ("<b>x</b>", "<i>Plain</i> & simple"):
        assert labels[text].textFormat() is Qt.TextFormat.PlainText
    for label in preview_labels(page):
        assert label.textFormat() is Qt.TextFormat.PlainText or "<" not in label.text()


def test_editing_a_task_keeps_its_place(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    add_task(qtbot, page, TaskKind.CHECKIN, 1)
    add_task(qtbot, page, TaskKind.BODY_SCAN, 1)
    page.task_list.setCurrentRow(0)
    QTest.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.task_dialog
    assert isinstance(dialog, TaskDialog)
    assert dialog.kind_box.currentData() == "checkin"
    dialog.times_box.setValue(4)
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert task_lines(page) == ["Check-in — 4 a day", "Body scan — 1 a day"]
    # Cancel changes nothing.
    page.task_list.setFocus()
    page.task_list.setCurrentRow(1)
    QTest.keyClick(page.task_list, Qt.Key.Key_Return)  # Enter edits, too
    dialog = page.task_dialog
    assert isinstance(dialog, TaskDialog)
    assert dialog.kind_box.currentData() == "body_scan"
    dialog.times_box.setValue(9)
    dialog.reject()
    assert task_lines(page) == ["Check-in — 4 a day", "Body scan — 1 a day"]


def test_overlong_instructions_are_refused_in_the_task_editor(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    page.add_task()
    dialog = page.task_dialog
    assert isinstance(dialog, TaskDialog)
    dialog.instructions_edit.setPlainText("x" * 2001)
    assert dialog.counter.text() == "2,001 / 2,000"
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert page.task_dialog is dialog and dialog.isVisible()
    assert "at most 2,000 characters" in dialog.reason.text()
    assert page.draft.tasks == []
    dialog.reject()


def test_a_new_plan_asks_before_letting_edits_go(qtbot, page, dialogs) -> None:  # type: ignore[no-untyped-def]
    first_uuid = page.draft.uuid
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert dialogs.questions == []  # nothing typed yet: nothing to ask
    assert page.draft.uuid != first_uuid
    QTest.keyClicks(page.title_edit, "Half written")
    dialogs.answer = False
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(dialogs.questions) == 1
    assert page.title_edit.text() == "Half written"
    dialogs.answer = True
    QTest.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.title_edit.text() == "" and page.draft.tasks == []
    assert page.problem.text() == "Title: still empty"


def test_reminders_are_kept_once_each_up_to_six(page) -> None:  # type: ignore[no-untyped-def]
    for hour in (9, 9, 7, 12, 15, 18, 21):
        page.reminders.time_edit.setTime(QTime(hour, 0))
        page.reminders.add_current()
    assert page.draft.reminders == [time(h, 0) for h in (7, 9, 12, 15, 18, 21)]
    assert not page.reminders.add_button.isEnabled()
    page.reminders.list.setFocus()
    page.reminders.list.setCurrentRow(0)
    QTest.keyClick(page.reminders.list, Qt.Key.Key_Delete)
    assert page.draft.reminders[0] == time(9, 0)
    assert page.reminders.add_button.isEnabled()


def test_the_report_button_and_changes(page, dialogs) -> None:  # type: ignore[no-untyped-def]
    QTest.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    assert dialogs.reports == 1
    page.on_change(Change(entries=True, everything=True))  # nothing of the user's is here
    assert page.problem.text() == "Title: still empty"
