"""The word trainer in a real window (Xvfb): a whole session by keyboard, screenshots kept
with EMOTRAINER_SHOTS=DIR, and its reviews in the store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.realwindow,
    pytest.mark.skipif(
        os.environ.get("EMOTRAINER_REALWINDOW") != "1" or not os.environ.get("DISPLAY"),
        reason="needs EMOTRAINER_REALWINDOW=1 and an X display (scripts/test.sh runs it)",
    ),
]


@pytest.mark.parametrize("theme_name", ["light", "dark"])
def test_a_trainer_session_by_keyboard_in_a_real_window(qtbot, tmp_path, theme_name):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from emotrainer.content import full_vocabulary
    from emotrainer.core.training import DAILY_NEW_KEY
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store
    from emotrainer.ui import theme
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    chosen = os.environ.get("EMOTRAINER_SHOTS")
    shots = Path(chosen) if chosen else tmp_path
    shots.mkdir(parents=True, exist_ok=True)

    def key(k, modifier=Qt.KeyboardModifier.NoModifier):
        QTest.keyClick(QApplication.focusWidget(), k, modifier)
        qtbot.wait(20)

    def shot(name):
        qtbot.wait(120)
        path = shots / f"real-trainer-{theme_name}-{name}.png"
        window.screen().grabWindow(window.winId()).save(str(path))
        assert path.stat().st_size > 1000

    with Store.open(resolve(tmp_path / "data")) as store:
        store.set_setting(DAILY_NEW_KEY, 3)
        theme.apply(QApplication.instance(), theme_name)  # type: ignore[arg-type]
        window = MainWindow(store, full_vocabulary([]), ChangeBus())
        qtbot.addWidget(window)
        window.resize(1000, 720)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        window.nav.setFocus()
        key(Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # Ctrl+4: the word trainer
        page = window.page("trainer")
        page.seed = 11
        for _ in range(30):
            if page.start_button.hasFocus():
                break
            key(Qt.Key.Key_Tab)
        assert page.start_button.hasFocus()
        shot("0-start")
        key(Qt.Key.Key_Space)
        digits = [getattr(Qt.Key, f"Key_{n}") for n in range(10)]
        for n in range(3):
            question = page.practice.current
            right = next(i for i, o in enumerate(question.options) if o.key in question.right)
            shot(f"{n + 1}a-card")
            key(digits[right + 1])
            shot(f"{n + 1}b-feedback")
            key(Qt.Key.Key_3)  # Got it
        assert page.stack.currentWidget() is page.end_view
        shot("4-end")
        ratings = [r[0] for r in store.conn.execute("SELECT rating FROM srs_reviews")]
        assert ratings == [3, 3, 3]
        window.close()
