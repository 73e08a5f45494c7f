"""Starting the window: the application object, the store, the main window.

Known errors at start (an unwritable folder, another instance, a damaged or
newer database, a broken asset) get a calm dialog and a clean exit; a damaged
database has already been moved aside and the person is offered the newest
backup. While running, a timer takes the automatic backups.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from emotrainer import APP_ID, APP_NAME
from emotrainer.content import full_vocabulary
from emotrainer.core.changes import Change
from emotrainer.core.vocabulary import VocabularyError
from emotrainer.paths import AppPaths, DataDirError
from emotrainer.resources import AssetsNotFoundError, asset
from emotrainer.storage.database import check_file
from emotrainer.storage.errors import DamagedDatabaseError, StoreError
from emotrainer.storage.lock import InstanceLock
from emotrainer.storage.store import Store
from emotrainer.ui import errors, theme
from emotrainer.ui.bus import ChangeBus
from emotrainer.ui.main_window import THEME_KEY, MainWindow

log = logging.getLogger("emotrainer.ui")
BACKUP_CHECK_MS = 10 * 60 * 1000
AFTER_START_MS = 300
EXIT_BAD_INPUT = 2

# What to do with a damaged database: "restore", "fresh" or "quit". Tests replace it.
DamageChoice = Callable[[DamagedDatabaseError], str]


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    # Fusion everywhere, chosen here so that Python never has to touch QStyle.
    app = QApplication([*sys.argv[:1], "-style", "fusion"])
    identify(app)
    return app


def identify(app: QApplication) -> None:
    """Names and icon: what the desktop shows for the app's windows."""
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("emotrainer")
    # The .desktop entry's name (packaging/linux): on Wayland this is how the
    # desktop matches the windows to the entry and its icon.
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(window_icon())


def window_icon() -> QIcon:
    """The app's icon from the shipped PNGs (packaging/make_icons.py renders them).

    PNGs rather than the SVG: they need no image plugin, so a bundle that left
    out Qt's SVG plugins still has its icon.
    """
    icon = QIcon()
    try:
        folders = sorted(asset("icons", "hicolor").glob("*x*"))
    except AssetsNotFoundError:
        return icon  # the start reports the missing assets; the icon can do without
    for folder in folders:
        png = folder / "apps" / f"{APP_ID}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def ask_about_damage(error: DamagedDatabaseError) -> str:
    from emotrainer.ui.dialogs import ask_about_damage as ask

    return ask(error.moved_to, error.newest_backup)


def open_store(
    paths: AppPaths, on_damage: DamageChoice = ask_about_damage, *, full_check: bool = True
) -> Store | None:
    """The store, or None after telling the person why it can't be opened."""
    try:
        return Store.open(paths, full_check=full_check)
    except DamagedDatabaseError as damaged:
        log.warning("damaged database moved aside")
        choice = on_damage(damaged)
        if choice == "quit":
            return None
        if choice == "restore" and damaged.newest_backup is not None:
            from emotrainer.storage import backups  # only on this rare path

            try:
                with InstanceLock(paths.lock_file):
                    backups.restore(damaged.newest_backup, paths.database)
            except StoreError as exc:
                errors.show_known_error(
                    "The backup could not be restored",
                    f"{exc}\n\nThe damaged file and every backup were kept; nothing was deleted.",
                )
                return None
        return open_store(paths, on_damage, full_check=full_check)
    except (StoreError, DataDirError) as exc:
        errors.show_known_error("emotrainer can't open your data", str(exc))
        return None


class IntegrityCheck(QObject):
    """The full ``quick_check``, on a worker thread once the window is up.

    Reading the whole file takes time that grows with years of data, so the
    window opens after a cheap check of the header and schema, and this one
    reports back (through a queued signal) a moment later.
    """

    finished = Signal(str)

    def start(self, database: Path) -> None:
        worker = threading.Thread(
            target=lambda: self.finished.emit(check_file(database)),
            name="integrity-check",
            daemon=True,
        )
        worker.start()


def handle_check_result(
    result: str, store: Store, bus: ChangeBus, on_damage: DamageChoice = ask_about_damage
) -> bool:
    """React to the deferred integrity check; False when the person chose to quit."""
    if result == "ok":
        log.info("integrity check: ok")
        store.checked = result
        bus.publish(Change(health=True))
        return True
    log.warning("integrity check failed after start; moving the database aside")
    damaged = store.set_aside_damaged(result)
    choice = on_damage(damaged)
    if choice == "quit":
        return False
    if choice == "restore" and damaged.newest_backup is not None:
        _moved, change = store.restore(damaged.newest_backup)
    else:
        change = store.reopen()
    bus.publish(change)
    return True


class _FirstPaint(QObject):
    """Quits the application once the window has painted (for --exit-after-start).

    With EMOTRAINER_STARTUP_REPORT=1 it first prints one JSON line: the time of
    the first paint and which heavy modules were loaded by then (the start-up
    benchmark and tests read it).
    """

    def __init__(self) -> None:
        super().__init__()
        self._done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            if os.environ.get("EMOTRAINER_STARTUP_REPORT") == "1":
                heavy = sorted(m for m in ("numpy", "pyqtgraph", "fsrs") if m in sys.modules)
                print(json.dumps({"painted": time.time(), "heavy_modules": heavy}), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def run(paths: AppPaths, *, exit_after_start: bool = False, theme_choice: str | None = None) -> int:
    app = application()
    errors.install()
    store = open_store(paths, full_check=False)
    if store is None:
        return EXIT_BAD_INPUT
    log.info("store opened (schema %d)", store.schema_version)
    try:
        vocabulary = full_vocabulary(store.user_words())
    except VocabularyError as exc:
        store.close()
        errors.show_known_error("emotrainer can't start", f"A shipped file is broken: {exc}")
        return EXIT_BAD_INPUT
    theme.apply(app, theme_choice or store.setting(THEME_KEY, "system"))
    bus = ChangeBus()
    window = MainWindow(store, vocabulary, bus)
    timer = QTimer()
    timer.setInterval(BACKUP_CHECK_MS)
    timer.timeout.connect(store.maybe_backup)
    timer.start()
    first_paint = _FirstPaint()
    if exit_after_start:
        window.installEventFilter(first_paint)
    window.show()
    log.info("window shown")
    usable = True

    def checked(result: str) -> None:
        nonlocal usable
        usable = handle_check_result(result, store, bus)
        if not usable:
            app.quit()

    check = IntegrityCheck()
    check.finished.connect(checked)

    def after_first_paint() -> None:
        # Work that never needs to compete with start-up.
        check.start(paths.database)
        theme.follow_system(app, lambda: theme_choice or store.setting(THEME_KEY, "system"))
        window.start_reminders()

    QTimer.singleShot(AFTER_START_MS, after_first_paint)
    try:
        return app.exec()
    finally:
        timer.stop()
        if usable:
            store.maybe_backup()
        store.close()
