"""What ships: the package list, the version, the assets, and the Qt-free core."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import emotrainer
from emotrainer import resources

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "emotrainer"


def _pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_every_package_folder_is_listed() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found, "no packages found"
    assert found - listed == set()


def test_version_matches_pyproject() -> None:
    assert emotrainer.__version__ == _pyproject()["project"]["version"]


def test_assets_are_found() -> None:
    folder = resources.assets_dir()
    assert (folder / "vocabulary" / "vocabulary.json").is_file()
    assert (
        resources.asset("vocabulary", "vocabulary.json")
        == folder / "vocabulary" / "vocabulary.json"
    )


def test_assets_package_dir_points_at_the_assets() -> None:
    package_dir = _pyproject()["tool"]["setuptools"]["package-dir"]
    assert (ROOT / package_dir["emotrainer.assets"] / "vocabulary" / "vocabulary.json").is_file()


def _headless_modules() -> list[str]:
    names = ["emotrainer.cli", "emotrainer.commands", "emotrainer.content", "emotrainer.logs"]
    for sub in ("core", "storage"):
        for path in sorted((PACKAGE / sub).glob("*.py")):
            names.append(
                f"emotrainer.{sub}" if path.stem == "__init__" else f"emotrainer.{sub}.{path.stem}"
            )
    return names


def test_core_storage_and_cli_do_not_import_qt_or_numpy() -> None:
    modules = _headless_modules()
    assert "emotrainer.core.vocabulary" in modules and "emotrainer.storage.store" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = sorted(m for m in sys.modules\n"
        "               if m.split('.')[0] in {'PySide6', 'shiboken6', 'pyqtgraph', 'numpy'})\n"
        "print(','.join(heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "", f"imported: {done.stdout.strip()}"


def test_the_wheel_ships_the_assets_and_both_launchers(tmp_path: Path) -> None:
    """Build the wheel as a user's installer would and look inside it."""
    import zipfile

    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("emotrainer-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(n for n in names if n.endswith("entry_points.txt"))
        launchers = archive.read(entry_points).decode()
    shipped = {
        p.relative_to(ROOT / "assets").as_posix()
        for p in (ROOT / "assets").rglob("*")
        if p.is_file()
    }
    assert {f"emotrainer/assets/{name}" for name in shipped} <= names
    assert "emotrainer = emotrainer.cli:main" in launchers
    assert "emotrainer-gui = emotrainer.cli:main_gui" in launchers
