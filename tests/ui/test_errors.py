"""Bug reports describe the code, never what a person wrote."""

from __future__ import annotations

import sys

from emotrainer.ui.dialogs import BugDialog
from emotrainer.ui.errors import bug_report


def _raise_with_a_note() -> None:
    raise ValueError("my private note about my mother")


def test_report_has_type_and_places_but_not_the_message():
    try:
        _raise_with_a_note()
    except ValueError:
        exc_type, _exc, tb = sys.exc_info()
        assert exc_type is not None
        report = bug_report(exc_type, tb)
    assert "builtins.ValueError" in report
    assert "test_errors.py" in report and "_raise_with_a_note" in report
    assert "mother" not in report


def test_bug_dialog_shows_the_report_read_only(qtbot):
    dialog = BugDialog("the report")
    qtbot.addWidget(dialog)
    assert dialog.report.toPlainText() == "the report"
    assert dialog.report.isReadOnly()
