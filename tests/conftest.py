"""Shared test set-up: Qt offscreen, and every path pointed into tmp_path.

The environment is set at import time, before any test module imports Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

if os.environ.get("EMOTRAINER_REALWINDOW") != "1":
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

from emotrainer import paths


@pytest.fixture(autouse=True)
def isolated_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test can touch the developer's real data, settings or caches."""
    data = tmp_path / "data"
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(data))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    return data


@pytest.fixture
def data_dir(isolated_paths: Path) -> Path:
    return isolated_paths


@pytest.fixture
def app_paths(data_dir: Path) -> paths.AppPaths:
    return paths.resolve(data_dir)
