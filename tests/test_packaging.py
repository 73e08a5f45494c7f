"""What ships: the package list, the version, the assets, and the Qt-free core."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import types
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


# -- the desktop packages (packaging/, docs/packaging.md) ------------------------------

PACKAGING = ROOT / "packaging"
# Inno Setup's AppId: made once; Windows knows the installed app by it. Never change it.
WINDOWS_APP_GUID = "D1A9BACB-AA78-4BBC-A193-DC8D93D2B1FD"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def _icon_png(size: int) -> Path:
    folder = ROOT / "assets" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
    return folder / f"{emotrainer.APP_ID}.png"


def _manifest() -> dict[str, Any]:
    """The Flatpak manifest, read with PyYAML (a dev dependency)."""
    import yaml

    path = PACKAGING / "flatpak" / f"{emotrainer.APP_ID}.yml"
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_the_data_folder_name_never_changes() -> None:
    """People's data is found by this name (platformdirs): changing it loses their data."""
    assert emotrainer.APP_NAME == "emotrainer"


def test_the_app_id_is_the_same_everywhere() -> None:
    import xml.etree.ElementTree as ET

    app_id = emotrainer.APP_ID
    assert re.fullmatch(r"[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+\.[A-Z][A-Za-z0-9]*", app_id)
    desktop = (PACKAGING / "linux" / f"{app_id}.desktop").read_text(encoding="utf-8")
    assert f"\nIcon={app_id}\n" in desktop
    metainfo = ET.parse(PACKAGING / "linux" / f"{app_id}.metainfo.xml").getroot()
    assert metainfo.findtext("id") == app_id
    assert metainfo.findtext("launchable") == f"{app_id}.desktop"
    assert _manifest()["id"] == app_id
    iss = (PACKAGING / "windows" / "emotrainer.iss").read_text(encoding="utf-8")
    assert app_id in iss
    for size in ICON_SIZES:
        assert _icon_png(size).is_file(), size
    # The macOS bundle id and QApplication's desktop file name use the constant itself.
    assert _run_spec("darwin")["BUNDLE"][0]["bundle_identifier"] == app_id
    app_source = (PACKAGE / "ui" / "app.py").read_text(encoding="utf-8")
    assert "setDesktopFileName(APP_ID)" in app_source


def test_the_icons_are_pngs_of_their_size() -> None:
    import struct
    import xml.etree.ElementTree as ET

    svg = ET.parse(ROOT / "assets" / "icons" / "emotrainer.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"
    assert not list(svg.iter("{http://www.w3.org/2000/svg}text"))  # no text: legible at 16 px
    for size in ICON_SIZES:
        path = _icon_png(size)
        head = path.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n", path
        assert struct.unpack(">II", head[16:24]) == (size, size), path
    assert (PACKAGING / "windows" / "emotrainer.ico").read_bytes()[:4] == b"\0\0\1\0"
    assert (PACKAGING / "macos" / "emotrainer.icns").read_bytes()[:4] == b"icns"


class _Built:
    """Stands in for PyInstaller's build steps; records what the spec asks of them."""

    def __init__(self, calls: dict[str, list[dict[str, Any]]], name: str) -> None:
        self.calls, self.name = calls, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.setdefault(self.name, []).append({"args": args, **kwargs})
        return types.SimpleNamespace(binaries=[], datas=[], pure=[], scripts=[], zipfiles=[])


def _run_spec(platform: str) -> dict[str, list[dict[str, Any]]]:
    """Execute packaging/emotrainer.spec as PyInstaller would, on ``platform``."""
    calls: dict[str, list[dict[str, Any]]] = {}
    names = {n: _Built(calls, n) for n in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    spec = PACKAGING / "emotrainer.spec"
    real_platform = sys.platform
    sys.platform = platform  # the spec reads it at the top
    try:
        exec(
            compile(spec.read_text(encoding="utf-8"), str(spec), "exec"),
            {
                "SPECPATH": str(PACKAGING),
                "__name__": "__main__",
                **names,
            },
        )
    finally:
        sys.platform = real_platform
    return calls


def _qt_modules_the_app_loads() -> set[str]:
    code = (
        "import sys, emotrainer.ui.main_window, emotrainer.ui.app, pyqtgraph\n"
        "print(' '.join(m for m in sys.modules if m.startswith('PySide6.Qt')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    return set(done.stdout.split())


def test_the_spec_packs_the_assets_and_keeps_every_module_the_app_needs() -> None:
    calls = _run_spec("linux")
    (analysis,) = calls["Analysis"]
    assert (str(ROOT / "assets"), "assets") in analysis["datas"]
    excluded = set(analysis["excludes"])
    loaded = _qt_modules_the_app_loads()
    assert {"PySide6.QtCore", "PySide6.QtWidgets", "PySide6.QtSvg"} <= loaded
    assert loaded & excluded == set()
    assert {"PySide6.QtNetwork", "PySide6.QtQml", "tkinter", "pytest"} <= excluded
    assert [e["name"] for e in calls["EXE"]] == ["emotrainer"]
    assert "BUNDLE" not in calls


def test_the_spec_gives_windows_a_windowed_exe_and_a_console_one() -> None:
    calls = _run_spec("win32")
    assert {(e["name"], e["console"]) for e in calls["EXE"]} == {
        ("emotrainer", False),
        ("emotrainer-cli", True),
    }


def test_the_spec_makes_a_macos_bundle_with_its_settings() -> None:
    (bundle,) = _run_spec("darwin")["BUNDLE"]
    plist = bundle["info_plist"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["LSApplicationCategoryType"] == "public.app-category.healthcare-fitness"
    assert "emotrainer developers" in plist["NSHumanReadableCopyright"]
    assert bundle["version"] == emotrainer.__version__


def test_the_windows_installer_is_per_user_and_never_deletes_data() -> None:
    iss = (PACKAGING / "windows" / "emotrainer.iss").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in iss.splitlines() if re.match(r"^[A-Za-z]+=", line)
    )
    assert settings["AppId"] == "{{" + WINDOWS_APP_GUID + "}"
    assert settings["PrivilegesRequired"] == "lowest"
    # The program folder is not the data folder (platformdirs: %LOCALAPPDATA%\emotrainer).
    assert settings["DefaultDirName"] == r"{localappdata}\Programs\emotrainer"
    sections = {s.lower() for s in re.findall(r"^\[(\w+)\]", iss, re.M)}
    assert sections.isdisjoint({"uninstalldelete", "uninstallrun", "code"}), sections
    assert not re.search(r"(?i)^\s*Type:\s*(files|filesandordirs|dirifempty)", iss, re.M)


def test_the_flatpak_has_no_network_and_keeps_numpy() -> None:
    manifest = _manifest()
    assert manifest["runtime"] == "org.kde.Platform"
    assert manifest["base"] == "io.qt.PySide.BaseApp"
    assert manifest["base-version"] == manifest["runtime-version"]
    finish = manifest["finish-args"]
    assert not [a for a in finish if "network" in a or a.startswith("--filesystem")], finish
    assert {"--socket=wayland", "--socket=fallback-x11"} <= set(finish)
    env = manifest.get("build-options", {}).get("env", {})
    assert "BASEAPP_DISABLE_NUMPY" not in env  # pyqtgraph needs numpy
    commands = [c for m in manifest["modules"] for c in m.get("build-commands", [])]
    assert any("--self-test" in c for c in commands)
    wheels = [s for m in manifest["modules"] for s in m.get("sources", []) if "url" in s]
    assert wheels and all(re.fullmatch(r"[0-9a-f]{64}", s["sha256"]) for s in wheels)
