"""Message boxes and the bug dialog: imported only when one is needed.

Every text here is plain text; a message may quote a file name or path.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def show_known_error(title: str, message: str, parent: QWidget | None = None) -> None:
    """A calm message for the environment's or the input's fault."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


def ask_about_damage(moved_to: Path, newest_backup: Path | None) -> str:
    """'restore', 'fresh' or 'quit' for a database that could not be read."""
    text = (
        "Your data file could not be read, so emotrainer moved it aside and kept it: "
        f"{moved_to.name}. Nothing was deleted."
    )
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Your data file needs attention",
        text,
        QMessageBox.StandardButton.NoButton,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    restore = None
    if newest_backup is not None:
        box.setInformativeText(f"You can carry on from the newest backup, {newest_backup.name}.")
        restore = box.addButton("Restore the newest backup", QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton("Start with empty data", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return "restore"
    return "fresh" if clicked is fresh else "quit"


def confirm(parent: QWidget, title: str, question: str, yes: str, no: str) -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is accept


class BugDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong")
        intro = QLabel(
            "Something in emotrainer went wrong. Your saved data is safe.\n"
            "If you want to report it, copy the text below: it describes the code, "
            "not anything you wrote."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.report = QPlainTextEdit(report)
        self.report.setReadOnly(True)
        self.report.setAccessibleName("Error report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        copy.setAccessibleName("Copy report")
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report)
        layout.addWidget(buttons)
        self.resize(560, 320)
