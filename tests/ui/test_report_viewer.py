"""The window that opens a client's .emoreport: read-only, plain text, its own data only."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QWidget

from emotrainer.core import report_format
from emotrainer.core.report_text import figure_text, range_text
from emotrainer.ui import report_viewer
from emotrainer.ui.report_viewer import ReportWindow, open_report
from emotrainer.ui.report_viewer_parts import NOT_INCLUDED, breakable
from tests.helpers import folder_state, run_cli

# The offscreen platform cannot size or raise a real window; a desktop one does both.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)

HOMEWORK = {
    "title": "Two weeks: noticing anger",
    "therapist": "Dr. Rivera",
    "start": "2026-10-05",
    "end": "2026-10-18",
    "overall": 0.75,
    "tasks": [
        {"label": "Check-in (2 a day)", "done": 12, "expected": 16},
        {"label": "Body scan (1 a week)", "done": 2, "expected": 2},
    ],
}


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    """A data folder with 60 days of demo data (made by the command line)."""
    data = tmp_path / "client-data"
    assert run_cli(["--data-dir", str(data), "demo-data", "--days", "60"]) == 0
    return data


def _export(data: Path, out: Path, *extra: str) -> Path:
    argv = ["--data-dir", str(data), "export", "--format", "report", "--out", str(out)]
    assert run_cli([*argv, *extra]) == 0
    return out


@pytest.fixture
def with_notes(demo_dir: Path, tmp_path: Path) -> Path:
    return _export(demo_dir, tmp_path / "client.emoreport", "--include-notes")


@pytest.fixture
def without_notes(demo_dir: Path, tmp_path: Path) -> Path:
    return _export(demo_dir, tmp_path / "no-notes.emoreport")


@pytest.fixture
def opened(qtbot: Any) -> Iterator[list[ReportWindow]]:
    """Windows a test opened; closed at the end if a test left them open."""
    windows: list[ReportWindow] = []
    yield windows
    for window in windows:
        if shiboken6.isValid(window):
            window.close()


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The messages open_report shows (instead of a modal box)."""
    shown: list[tuple[str, str]] = []

    def show(title: str, message: str, parent: QWidget | None = None) -> None:
        shown.append((title, message))

    monkeypatch.setattr(report_viewer, "show_known_error", show)
    return shown


def _open(path: Path, opened: list[ReportWindow]) -> ReportWindow:
    window = open_report(None, path)
    assert window is not None
    opened.append(window)
    return window


def _edited(source: Path, out: Path, change: Any) -> Path:
    document = json.loads(source.read_text("utf-8"))
    change(document)
    out.write_text(json.dumps(document), "utf-8")
    return out


def _texts(window: QWidget) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel)]


def _report_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ReportWindow)]


def test_the_window_shows_the_files_range_figures_charts_and_words(
    with_notes: Path, opened: list[ReportWindow]
) -> None:
    document = json.loads(with_notes.read_text("utf-8"))
    window = _open(with_notes, opened)
    expected_range = range_text(report_format.read_report_file(with_notes))
    assert window.windowTitle() == f"Report — {expected_range}"
    assert window.range_label.text() == expected_range
    assert window.isVisible() and window.isWindow()
    assert window.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    assert "A client's report, opened read-only. It is not part of your own data." in _texts(window)
    assert window.disclaimer.text() == document["disclaimer"]

    assert window.summary is not None
    assert window.summary.figure_values == {
        key: figure_text(key, value) for key, value in document["figures"].items()
    }
    assert document["figures"]["entries"] > 0  # the demo data: something to show

    assert [card.key for card in window.charts] == [c["key"] for c in document["charts"]]
    for card, chart in zip(window.charts, document["charts"], strict=True):
        assert [len(s.points) for s in card.chart.series] == [
            len(s["points"]) for s in chart["series"]
        ]
        assert card.plot.isVisibleTo(window) == (chart["empty"] is None)
    assert window.heat_map is not None
    assert window.heat_map.heat_steps()  # the body heat map has something on it

    table = window.words_table
    assert table is not None
    assert table.model().rowCount() == len(document["words"]) > 0
    assert [row[0] for row in table.row_texts()] == [w["label"] for w in document["words"]]
    notes = [n["note"] for n in document["notes"]]
    assert notes and all(note in _texts(window) for note in notes)


def test_the_words_sort_by_number_and_date_and_stay_read_only(
    with_notes: Path, opened: list[ReportWindow]
) -> None:
    window = _open(with_notes, opened)
    table = window.words_table
    assert table is not None
    table.sortByColumn(2, Qt.SortOrder.AscendingOrder)
    times = [int(row[2]) for row in table.row_texts()]
    assert times == sorted(times) and times[0] < times[-1]
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    document = json.loads(with_notes.read_text("utf-8"))
    firsts = sorted((w["first_day"] for w in document["words"]), reverse=True)
    shown = [row[3] for row in table.row_texts()]
    assert shown[0] == figure_day(firsts[0]) and shown[-1] == figure_day(firsts[-1])
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert not table.model().flags(table.model().index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def figure_day(iso: str) -> str:
    from datetime import date

    from emotrainer.core.report_text import day_text

    return day_text(date.fromisoformat(iso))


def test_a_report_without_notes_says_they_are_not_included(
    without_notes: Path, with_notes: Path, opened: list[ReportWindow]
) -> None:
    window = _open(without_notes, opened)
    left_out = window.findChild(QWidget, "left-out-notes")
    assert left_out is not None
    assert NOT_INCLUDED in [label.text() for label in left_out.findChildren(QLabel)]
    assert "The person's own notes are not included." in _texts(window)
    private = [n["note"] for n in json.loads(with_notes.read_text("utf-8"))["notes"]]
    assert not set(private) & set(_texts(window))


def test_left_out_sections_say_so(
    with_notes: Path, tmp_path: Path, opened: list[ReportWindow]
) -> None:
    def only_words(doc: dict[str, Any]) -> None:
        doc["sections"] = ["words"]
        doc.update(figures={}, charts=[], body_heat={}, homework=[])
        del doc["notes"]

    window = _open(_edited(with_notes, tmp_path / "words.emoreport", only_words), opened)
    for name in ("summary", "charts", "homework", "notes"):
        assert window.findChild(QWidget, f"left-out-{name}") is not None, name
    assert window.findChild(QWidget, "left-out-words") is None
    assert window.summary is None and window.charts == [] and window.words_table is not None


def test_text_from_the_file_is_shown_literally(
    with_notes: Path, tmp_path: Path, opened: list[ReportWindow]
) -> None:
    def sneak(doc: dict[str, Any]) -> None:
        doc["words"][0]["label"] = "<b>bold</b>"
        doc["notes"][0]["note"] = "<b>bold</b> & <a href='x'>link</a>"
        doc["homework"] = [dict(HOMEWORK, title="<b>bold</b> plan", therapist="<i>Dr.</i>")]

    window = _open(_edited(with_notes, tmp_path / "sneaky.emoreport", sneak), opened)
    assert window.words_table is not None
    assert window.words_table.row_texts()[0][0] == "<b>bold</b>"
    labels = {label.text(): label for label in window.findChildren(QLabel)}
    for text in ("<b>bold</b> & <a href='x'>link</a>", "<b>bold</b> plan"):
        assert labels[text].textFormat() == Qt.TextFormat.PlainText
    assert any(t.startswith("With <i>Dr.</i> · ") for t in labels)
    assert all(label.textFormat() != Qt.TextFormat.RichText for label in labels.values())


def test_homework_shows_each_task_and_the_plan_overall(
    with_notes: Path, tmp_path: Path, opened: list[ReportWindow]
) -> None:
    def plan(doc: dict[str, Any]) -> None:
        doc["homework"] = [HOMEWORK]

    window = _open(_edited(with_notes, tmp_path / "plan.emoreport", plan), opened)
    (tasks,) = window.homework_tables
    assert tasks.row_texts() == [
        ("Check-in (2 a day)", "12", "16"),
        ("Body scan (1 a week)", "2", "2"),
    ]
    assert "Overall: 14 of 18 asked (75 %)." in _texts(window)


def test_tab_moves_from_table_to_table_and_ctrl_w_or_escape_close(
    qtbot: Any, with_notes: Path, tmp_path: Path, opened: list[ReportWindow]
) -> None:
    def plan(doc: dict[str, Any]) -> None:
        doc["homework"] = [HOMEWORK]

    window = _open(_edited(with_notes, tmp_path / "plan.emoreport", plan), opened)
    qtbot.waitExposed(window)
    window.activateWindow()
    words, tasks = window.tables()
    words.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(words.hasFocus)
    qtbot.keyClick(words, Qt.Key.Key_Tab)
    assert tasks.hasFocus()  # Tab leaves a table instead of walking its cells
    qtbot.keyClick(tasks, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not shiboken6.isValid(window) or not window.isVisible())

    again = _open(with_notes, opened)
    qtbot.waitExposed(again)
    again.activateWindow()
    assert again.words_table is not None
    again.words_table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(again.words_table.hasFocus)
    qtbot.keyClick(again.words_table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shiboken6.isValid(again) or not again.isVisible())


def test_a_long_word_wraps_instead_of_widening_the_window(
    qtbot: Any, with_notes: Path, tmp_path: Path, opened: list[ReportWindow]
) -> None:
    long_word = "Unbroken" * 24

    def long(doc: dict[str, Any]) -> None:
        doc["homework"] = [dict(HOMEWORK, title=long_word)]
        doc["notes"][0]["note"] = long_word * 10
        doc["words"][0]["label"] = long_word

    window = _open(_edited(with_notes, tmp_path / "long.emoreport", long), opened)
    window.resize(700, 520)
    qtbot.waitExposed(window)
    scroll = window.findChild(QScrollArea)
    assert scroll is not None
    QApplication.processEvents()
    assert scroll.horizontalScrollBar().maximum() == 0
    assert breakable(long_word).replace("\u200b", "") == long_word
    assert breakable("short words stay as they are") == "short words stay as they are"


def test_a_malformed_file_is_refused_with_its_reason_and_no_window(
    tmp_path: Path, refusals: list[tuple[str, str]]
) -> None:
    bad = tmp_path / "bad.emoreport"
    bad.write_text('{"format": "emotrainer-report", "version": 1,', "utf-8")
    assert open_report(None, bad) is None
    ((title, message),) = refusals
    assert title == "This report cannot be opened"
    assert message.startswith(f"{bad}: line 1") and "\n" not in message
    assert _report_windows() == []


def test_a_wrong_field_is_refused_naming_the_place(
    with_notes: Path, tmp_path: Path, refusals: list[tuple[str, str]]
) -> None:
    def wrong(doc: dict[str, Any]) -> None:
        doc["charts"][0]["series"][0]["points"][0][1] = -1

    assert open_report(None, _edited(with_notes, tmp_path / "w.emoreport", wrong)) is None
    ((_title, message),) = refusals
    assert "charts[0].series[0].points[0][1]" in message
    assert _report_windows() == []


def test_an_oversized_file_is_refused(
    with_notes: Path, monkeypatch: pytest.MonkeyPatch, refusals: list[tuple[str, str]]
) -> None:
    monkeypatch.setattr(report_format, "MAX_BYTES", 1024)
    assert with_notes.stat().st_size > 1024
    assert open_report(None, with_notes) is None
    ((_title, message),) = refusals
    assert message.startswith(f"{with_notes}: larger than ")
    assert _report_windows() == []


def test_the_file_is_asked_for_and_a_cancel_opens_nothing(
    with_notes: Path, opened: list[ReportWindow]
) -> None:
    asked: list[QWidget | None] = []

    def cancel(parent: QWidget | None) -> Path | None:
        asked.append(parent)
        return None

    assert open_report(None, choose=cancel) is None
    assert asked == [None] and _report_windows() == []
    window = open_report(None, choose=lambda _parent: with_notes)
    assert window is not None
    opened.append(window)
    assert window.path == with_notes


def test_opening_a_report_changes_no_data_folder(
    demo_dir: Path, with_notes: Path, data_dir: Path, opened: list[ReportWindow]
) -> None:
    client = folder_state(demo_dir)
    own = folder_state(data_dir)
    report_file = folder_state(with_notes.parent)
    window = _open(with_notes, opened)
    window.words_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # type: ignore[union-attr]
    window.close()
    QApplication.processEvents()
    assert folder_state(demo_dir) == client
    assert folder_state(data_dir) == own  # the reader's own data folder: untouched
    assert folder_state(with_notes.parent) == report_file


def test_open_report_takes_no_store_and_never_loads_the_storage(
    with_notes: Path, tmp_path: Path
) -> None:
    parameters = inspect.signature(open_report).parameters
    assert list(parameters) == ["parent", "path", "choose"]
    assert "store" not in inspect.signature(ReportWindow).parameters
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from emotrainer.ui.report_viewer import open_report\n"
        f"window = open_report(None, Path({str(with_notes)!r}))\n"
        "assert window is not None and window.words_table is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('emotrainer.storage')))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
