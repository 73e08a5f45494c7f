"""`emotrainer --self-test`: start the whole app offscreen, open everything, exit.

For a built bundle (PyInstaller, Flatpak) above all: it proves that the frozen
app finds its assets and fonts, that every Qt module and plugin it needs was
packed, and that every page and every exercise can be built and painted. It
works in a fresh temporary data folder, never the person's own data, and
removes that folder afterwards.

One line per check; "self-test passed" and exit 0, or the failed checks with
their reason and exit 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from emotrainer.ui.main_window import MainWindow

EXIT_PASSED, EXIT_FAILED = 0, 1
WINDOW_SIZE = (1000, 700)


class CheckFailed(Exception):
    """A check's reason for failing, in words."""


class _Run:
    """Runs the checks one by one and remembers which failed."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.failed: list[str] = []
        self.stray: list[str] = []  # exceptions raised inside Qt slots during a check

    def check(self, name: str, action: Callable[[], str | None]) -> bool:
        self.stray.clear()
        try:
            detail = action()
            _process_events()
            if self.stray:
                raise CheckFailed(self.stray[0])
        except Exception as exc:
            reason = str(exc) if isinstance(exc, CheckFailed) else _describe(exc)
            print(f"FAILED {name}: {reason}", file=self.out, flush=True)
            self.failed.append(name)
            return False
        print(f"ok     {name}" + (f" ({detail})" if detail else ""), file=self.out, flush=True)
        return True

    def excepthook(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        self.stray.append(_describe(exc))


def _describe(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    missing = f" (module {exc.name})" if isinstance(exc, ImportError) and exc.name else ""
    return f"{type(exc).__name__}: {exc}{missing}{where}"


def _process_events() -> None:
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.processEvents()


@contextmanager
def _fresh_data_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="emotrainer-selftest-") as folder:
        yield Path(folder) / "data"


def run(out: TextIO | None = None) -> int:
    """Run every check; 0 when all passed, 1 otherwise."""
    stream = out if out is not None else sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    checks = _Run(stream)
    previous_hook = sys.excepthook
    sys.excepthook = checks.excepthook
    try:
        with _fresh_data_folder() as data_dir:
            _run_checks(checks, data_dir)
    except Exception as exc:  # the temporary folder itself, or a crash between checks
        print(f"FAILED self-test: {_describe(exc)}", file=stream, flush=True)
        checks.failed.append("self-test")
    finally:
        sys.excepthook = previous_hook
    if checks.failed:
        print(f"self-test failed: {', '.join(checks.failed)}", file=stream, flush=True)
        return EXIT_FAILED
    print("self-test passed", file=stream, flush=True)
    return EXIT_PASSED


def _run_checks(checks: _Run, data_dir: Path) -> None:
    from emotrainer import __version__, paths, resources

    print(f"emotrainer {__version__} self-test, in {data_dir.parent}", file=checks.out)
    checks.check("assets folder", lambda: str(resources.assets_dir()))
    checks.check("vocabulary", _vocabulary)
    checks.check("trainer scenarios", _scenarios)
    app_holder: list[QApplication] = []
    if not checks.check("Qt application", lambda: _application(app_holder)):
        return  # nothing else can run without it
    checks.check("body map", _body_map)
    checks.check("fonts", _fonts)
    checks.check("icon", _icon)
    checks.check("charts (pyqtgraph, numpy)", _charts)

    from emotrainer.storage.store import Store

    store_holder: list[Store] = []
    app_paths = paths.resolve(data_dir)

    def open_store() -> str:
        store_holder.append(Store.open(app_paths))
        return f"schema {store_holder[0].schema_version}"

    if not checks.check("store in a fresh folder", open_store):
        return
    store = store_holder[0]
    try:
        _window_checks(checks, store)
    finally:
        store.close()


def _window_checks(checks: _Run, store: object) -> None:
    from emotrainer.content import full_vocabulary
    from emotrainer.core.flow_defs import FLOWS
    from emotrainer.storage.store import Store
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    assert isinstance(store, Store)
    holder: list[MainWindow] = []

    def build() -> str:
        window = MainWindow(store, full_vocabulary(store.user_words()), ChangeBus(), remember=False)
        window.resize(*WINDOW_SIZE)
        window.show()
        holder.append(window)
        return f"{len(window.page_keys)} pages"

    if not checks.check("main window", build):
        return
    window = holder[0]
    try:
        for key in window.page_keys:
            checks.check(f"page {key}", partial(_show_page, window, key))
        for flow_id in FLOWS:
            checks.check(f"exercise {flow_id}", partial(_exercise, window, flow_id))
    finally:
        if window.exercise is not None:
            window.discard_exercise(window.exercise.flow.id)
        window.close()
        window.deleteLater()
        _process_events()


def _vocabulary() -> str:
    from emotrainer.content import shipped_vocabulary

    count = len(shipped_vocabulary())
    if count == 0:
        raise CheckFailed("the vocabulary has no words")
    return f"{count} words"


def _scenarios() -> str:
    from emotrainer.content import shipped_scenarios

    # A situation whose best answer is two words is listed under each: count it once.
    ids = {scenario.id for listed in shipped_scenarios().values() for scenario in listed}
    return f"{len(ids)} situations"


def _application(holder: list[QApplication]) -> str:
    from PySide6.QtGui import QGuiApplication

    from emotrainer.ui.app import application

    holder.append(application())
    return QGuiApplication.platformName()


def _body_map() -> str:
    from emotrainer.ui.bodymap import shipped_bodymap

    body = shipped_bodymap()
    regions = sum(len(view.regions) for view in body.views.values())
    return f"{len(body.views)} views, {regions} regions"


def _fonts() -> str:
    from PySide6.QtGui import QFontDatabase

    from emotrainer.resources import asset

    families: set[str] = set()
    files = sorted(asset("fonts").glob("*.ttf"))
    if not files:
        raise CheckFailed("no .ttf files in the assets' fonts folder")
    for path in files:
        loaded = QFontDatabase.addApplicationFont(str(path))
        if loaded < 0:
            raise CheckFailed(f"{path.name}: Qt cannot load this font")
        families.update(QFontDatabase.applicationFontFamilies(loaded))
    return ", ".join(sorted(families))


def _icon() -> str:
    from emotrainer.ui.app import window_icon

    icon = window_icon()
    sizes = icon.availableSizes()
    pixmap = icon.pixmap(16, 16)
    if icon.isNull() or pixmap.isNull():
        raise CheckFailed("the window icon cannot be drawn")
    return f"{len(sizes)} sizes"


def _charts() -> str:
    import numpy
    import pyqtgraph

    return f"pyqtgraph {pyqtgraph.__version__}, numpy {numpy.__version__}"


def _painted(window: MainWindow) -> None:
    _process_events()
    if window.grab().isNull():
        raise CheckFailed("the window could not be painted")


def _show_page(window: MainWindow, key: str) -> str:
    window.show_page(key)
    _painted(window)
    if window.current_page != key:
        raise CheckFailed(f"the window shows {window.current_page!r} instead")
    return type(window.page(key)).__name__


def _exercise(window: MainWindow, flow_id: str) -> str:
    page = window.start_exercise(flow_id)
    _painted(window)
    if window.current_page != "exercise" or page.flow.id != flow_id:
        raise CheckFailed(f"the window shows {window.current_page!r} instead")
    return page.flow.title
