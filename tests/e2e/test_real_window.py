"""Real windows on an X server (Xvfb): the app opens, pages change by keyboard, it closes.

Run by scripts/test.sh as `EMOTRAINER_REALWINDOW=1 xvfb-run pytest -m realwindow`;
skipped elsewhere. With EMOTRAINER_SHOTS=DIR the screenshots are kept there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import start_app_once

pytestmark = [
    pytest.mark.realwindow,
    pytest.mark.skipif(
        os.environ.get("EMOTRAINER_REALWINDOW") != "1" or not os.environ.get("DISPLAY"),
        reason="needs EMOTRAINER_REALWINDOW=1 and an X display (scripts/test.sh runs it)",
    ),
]


def _shots_dir(tmp_path: Path) -> Path:
    chosen = os.environ.get("EMOTRAINER_SHOTS")
    folder = Path(chosen) if chosen else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_window_opens_moves_between_pages_by_keyboard_and_closes(qtbot, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from emotrainer.content import full_vocabulary
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store
    from emotrainer.ui import theme
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    assert QApplication.platformName() == "xcb"
    shots = _shots_dir(tmp_path)
    with Store.open(resolve(tmp_path / "data")) as store:
        theme.apply(QApplication.instance(), "light")  # type: ignore[arg-type]
        window = MainWindow(store, full_vocabulary([]), ChangeBus())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.nav.setFocus()
        screen = window.screen()
        screen.grabWindow(window.winId()).save(str(shots / "real-today.png"))

        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        assert window.current_page == "data"
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        assert window.current_page == "about"
        qtbot.wait(50)
        screen.grabWindow(window.winId()).save(str(shots / "real-about.png"))
        qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
        assert window.current_page == "today"

        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
        assert store.setting("window.geometry")  # remembered on close
    assert (shots / "real-today.png").stat().st_size > 1000


def test_the_launcher_opens_a_real_window(tmp_path):
    # QT_QPA_PLATFORM unset: the real platform, xcb on this display.
    report = start_app_once(tmp_path / "d", QT_QPA_PLATFORM=None)
    assert report["heavy_modules"] == []
