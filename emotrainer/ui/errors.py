"""Errors in the window: calm messages for known errors, a report for bugs.

A *known* error (a locked, damaged or newer database, an unwritable folder, a
bad file) gets a specific message and the data stays as it was. Anything else
is a bug: one excepthook shows a dialog with a copyable report. The report
holds the exception type and the code locations only — never the exception's
message, which could quote something the person wrote.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from emotrainer import __version__

log = logging.getLogger("emotrainer.ui")


def bug_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    import platform  # only when something went wrong: keeps start-up lean
    import traceback

    from PySide6 import __version__ as pyside_version

    frames = traceback.extract_tb(tb)
    lines = [
        f"emotrainer {__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.system()} {platform.release()}",
        f"{exc_type.__module__}.{exc_type.__qualname__}",
    ]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(lines)


_showing = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    global _showing
    report = bug_report(exc_type, tb)
    log.error("unexpected error:\n%s", report)
    if issubclass(exc_type, KeyboardInterrupt) or QApplication.instance() is None or _showing:
        sys.__excepthook__(exc_type, exc, tb)
        return
    from emotrainer.ui.dialogs import BugDialog

    _showing = True  # one dialog at a time, even if the dialog's own events fail
    try:
        BugDialog(report, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install() -> None:
    sys.excepthook = excepthook


def show_known_error(title: str, message: str, parent: QWidget | None = None) -> None:
    from emotrainer.ui.dialogs import show_known_error as show

    show(title, message, parent)
