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

        for page in window.page_keys[1:]:  # Down from Today through every page
            qtbot.keyClick(window.nav, Qt.Key.Key_Down)
            assert window.current_page == page
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


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_a_checkin_completed_in_a_real_window(qtbot, tmp_path, theme_name):
    """Every step of a check-in, by keyboard, with a screenshot of each (kept with
    EMOTRAINER_SHOTS=DIR): presence, body map, wheel, context, note, summary."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from emotrainer.content import full_vocabulary
    from emotrainer.core.models import EntryKind
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store
    from emotrainer.ui import theme
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    shots = _shots_dir(tmp_path)

    def key(k, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(QApplication.focusWidget(), k, modifier)
        qtbot.wait(20)

    def shot(name):
        qtbot.wait(120)  # let the step paint
        path = shots / f"real-checkin-{theme_name}-{name}.png"
        window.screen().grabWindow(window.winId()).save(str(path))
        assert path.stat().st_size > 1000

    with Store.open(resolve(tmp_path / "data")) as store:
        theme.apply(QApplication.instance(), theme_name)  # type: ignore[arg-type]
        window = MainWindow(store, full_vocabulary([]), ChangeBus())
        qtbot.addWidget(window)
        window.resize(1100, 780)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        today = window.page("today")
        today.exercise_buttons["checkin"].setFocus()
        key(Qt.Key.Key_Space)
        page = window.exercise
        assert page is not None
        steps = []
        next_step = (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        steps.append(page.state.current.id)
        key(Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier)
        shot("1-presence")
        key(*next_step)
        steps.append(page.state.current.id)
        key(Qt.Key.Key_Return)  # the head
        key(Qt.Key.Key_Space)  # tight
        key(Qt.Key.Key_Return)
        shot("2-body-map")
        key(*next_step)
        steps.append(page.state.current.id)
        QTest.keyClicks(QApplication.focusWidget(), "weary")
        key(Qt.Key.Key_Return)
        key(Qt.Key.Key_Space)
        shot("3-wheel")
        key(*next_step)
        steps.append(page.state.current.id)
        QTest.keyClicks(QApplication.focusWidget(), "home")
        key(Qt.Key.Key_Return)
        shot("4-context")
        key(*next_step)
        steps.append(page.state.current.id)
        QTest.keyClicks(QApplication.focusWidget(), "Quiet evening.")
        shot("5-note")
        key(*next_step)
        steps.append(page.state.current.id)
        shot("6-summary")
        key(*next_step)
        shot("7-today")
        assert steps == ["presence", "body_map", "wheel", "context", "note", "summary"]
        [entry] = store.entries_of_kind(EntryKind.CHECKIN)
        assert [label.word_id for label in entry.labels] == ["weary"]
        assert entry.note == "Quiet evening." and entry.presence == 6
        window.close()
