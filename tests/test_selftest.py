"""`emotrainer --self-test`: every page and exercise, in a folder of its own."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from emotrainer import APP_ID, selftest
from emotrainer.core.flow_defs import FLOWS

ROOT = Path(__file__).resolve().parent.parent


def _run() -> tuple[int, str]:
    out = io.StringIO()
    code = selftest.run(out)
    return code, out.getvalue()


def _folder_of(output: str) -> Path:
    found = re.search(r"self-test, in (\S+)", output)
    assert found, output
    return Path(found.group(1))


def test_it_opens_every_page_and_exercise_and_cleans_up(qapp: object, data_dir: Path) -> None:
    code, output = _run()
    assert code == 0, output
    assert output.rstrip().endswith("self-test passed")
    for check in ("assets folder", "vocabulary", "body map", "fonts", "icon", "charts"):
        assert re.search(rf"^ok +{check}", output, re.M), check
    for flow_id in FLOWS:
        assert re.search(rf"^ok +exercise {flow_id} ", output, re.M), flow_id
    pages = re.findall(r"^ok +page (\S+)", output, re.M)
    assert "today" in pages and "about" in pages
    assert not _folder_of(output).exists()  # its temporary folder is gone
    assert not data_dir.exists()  # and the configured data folder was never made


def test_every_page_key_is_checked(qapp: object, tmp_path: Path) -> None:
    from emotrainer.content import full_vocabulary
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    with Store.open(resolve(tmp_path / "other")) as store:
        window = MainWindow(store, full_vocabulary([]), ChangeBus(), remember=False)
        keys = window.page_keys
        window.deleteLater()
    code, output = _run()
    assert code == 0, output
    assert re.findall(r"^ok +page (\S+)", output, re.M) == list(keys)


def test_a_broken_page_fails_with_its_reason(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from emotrainer.ui.main_window import MainWindow

    show_page = MainWindow.show_page

    def broken(self: MainWindow, key: str) -> None:
        if key == "about":
            raise RuntimeError("the about page is broken")
        show_page(self, key)

    monkeypatch.setattr(MainWindow, "show_page", broken)
    code, output = _run()
    assert code == 1
    assert "FAILED page about: RuntimeError: the about page is broken" in output
    assert re.search(r"^ok +page today", output, re.M)  # the others still ran
    assert output.rstrip().endswith("self-test failed: page about")
    assert not _folder_of(output).exists()


def test_an_error_inside_a_qt_slot_fails_the_check(
    qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exceptions raised in slots never reach the caller; the excepthook catches them."""
    from PySide6.QtCore import QTimer

    from emotrainer.ui.main_window import MainWindow

    show_page = MainWindow.show_page

    def late(self: MainWindow, key: str) -> None:
        show_page(self, key)
        if key == "words":
            QTimer.singleShot(0, lambda: 1 / 0)

    monkeypatch.setattr(MainWindow, "show_page", late)
    code, output = _run()
    assert code == 1
    assert "FAILED page words: ZeroDivisionError" in output
    assert sys.excepthook is not None and "selftest" not in repr(sys.excepthook)


def test_missing_assets_fail_before_qt(monkeypatch: pytest.MonkeyPatch) -> None:
    from emotrainer import resources

    def nowhere() -> Path:
        raise resources.AssetsNotFoundError("assets folder not found; looked in /nowhere")

    monkeypatch.setattr(resources, "assets_dir", nowhere)
    monkeypatch.setattr(resources, "asset", lambda *parts: nowhere())
    code, output = _run()
    assert code == 1
    assert "FAILED assets folder: AssetsNotFoundError: assets folder not found" in output


def test_the_application_carries_the_app_id_and_the_icon(qapp: object) -> None:
    from PySide6.QtWidgets import QApplication

    from emotrainer.ui.app import identify, window_icon

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    identify(app)
    assert app.desktopFileName() == APP_ID
    assert not app.windowIcon().isNull()
    icon = window_icon()
    assert not icon.isNull()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}


@pytest.mark.slow
def test_the_command_line_flag_runs_it_and_ignores_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "would-be-data"
    done = subprocess.run(
        [sys.executable, "-m", "emotrainer", "--data-dir", str(data), "--self-test"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.rstrip().endswith("self-test passed")
    assert not data.exists()
