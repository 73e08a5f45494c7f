"""Fixtures for widget tests: a fresh store in tmp_path and a main window over it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emotrainer.content import full_vocabulary
from emotrainer.paths import AppPaths, resolve
from emotrainer.storage.store import Store


@pytest.fixture
def ui_paths(tmp_path) -> AppPaths:  # type: ignore[no-untyped-def]
    return resolve(tmp_path / "ui-data")


@pytest.fixture
def store(ui_paths: AppPaths) -> Iterator[Store]:
    opened = Store.open(ui_paths)
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, store: Store):  # type: ignore[no-untyped-def]
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    bus = ChangeBus()
    win = MainWindow(store, full_vocabulary(store.user_words()), bus)
    win.bus = bus  # for tests that publish changes
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
