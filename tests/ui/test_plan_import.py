"""A homework plan from the File menu or dropped on the window; a broken one changes nothing."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from emotrainer.resources import asset
from emotrainer.ui import plan_import


class Said:
    """Stands in for the message boxes: records what the person would read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.lines: list[str] = []
        said = self

        class Box:
            class Icon:
                Information = 0

            class StandardButton:
                Ok = 0

            def __init__(self, _icon, _title, text, *_rest) -> None:  # type: ignore[no-untyped-def]
                said.lines.append(text)

            def setTextFormat(self, fmt) -> None:  # type: ignore[no-untyped-def]
                assert fmt is Qt.TextFormat.PlainText

            def open(self) -> None:
                pass

        monkeypatch.setattr(plan_import, "QMessageBox", Box)
        monkeypatch.setattr(
            "emotrainer.ui.dialogs.show_known_error",
            lambda title, message, parent=None: said.lines.append(message),
        )


def plan_file(tmp_path: Path, **changes: object) -> Path:
    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(
        start=(date.today() - timedelta(days=1)).isoformat(),
        end=(date.today() + timedelta(days=6)).isoformat(),
        **changes,
    )
    path = tmp_path / "week.emohw"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_plan_from_the_menu_reaches_today(window, store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    said = Said(monkeypatch)
    path = plan_file(tmp_path)
    monkeypatch.setattr(plan_import, "choose_plan_file", lambda parent: path)
    assert window.import_plan() == "added"
    assert "The plan is on Today now." in said.lines[-1]
    today = window.page("today")
    assert today.homework_card.isVisibleTo(today)
    assert window.import_plan(path) == "same"
    assert len(store.homework_plans()) == 1


def test_a_broken_plan_is_explained_and_changes_nothing(window, store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    said = Said(monkeypatch)
    path = plan_file(tmp_path, tasks=[{"kind": "dancing", "times": 1, "frequency": "per_day"}])
    assert window.import_plan(path) is None
    assert str(path) in said.lines[-1] and "tasks[0].kind" in said.lines[-1]
    assert "Nothing was changed." in said.lines[-1]
    assert store.homework_plans() == []


def test_a_plan_dropped_on_the_window_is_imported(window, store, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    Said(monkeypatch)
    path = plan_file(tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert [p.title for p in store.homework_plans()] == ["Two weeks: noticing anger in the body"]
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.png"))])
    assert plan_import.PLAN_SUFFIX == ".emohw"
    from emotrainer.ui.main_window import _dropped_file

    assert _dropped_file(other) is None


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_daylio_export_dropped_on_the_window_opens_its_preview(  # type: ignore[no-untyped-def]
    window, store, tmp_path, monkeypatch
):
    from emotrainer.ui.daylio_import import DaylioImportDialog

    csv = tmp_path / "daylio_export.csv"
    csv.write_text(
        "full_date,date,weekday,time,mood,activities,note\n"
        "2026-11-02,November 2,Monday,8:15 pm,good,work,\n",
        encoding="utf-8",
    )
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(csv))])
    window.dropEvent(
        QDropEvent(
            QPointF(10, 10),
            Qt.DropAction.CopyAction,
            data,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    )
    dialogs = window.findChildren(DaylioImportDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    assert store.counts().entries == 0  # nothing is stored before Import
