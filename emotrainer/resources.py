"""Finds the shipped assets/ folder: the one module that knows where it is.

Three layouts: a frozen app (PyInstaller puts data beside the executable in
``sys._MEIPASS``), the source tree or an editable install (``assets/`` next to
the package folder), and an installed wheel (``emotrainer/assets``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


class AssetsNotFoundError(RuntimeError):
    pass


@cache
def assets_dir() -> Path:
    package_dir = Path(__file__).resolve().parent
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidates.append(Path(frozen_root) / "assets")
    candidates += [package_dir.parent / "assets", package_dir / "assets"]
    for candidate in candidates:
        if (candidate / "vocabulary").is_dir():
            return candidate
    looked = ", ".join(map(str, candidates))
    raise AssetsNotFoundError(f"assets folder not found; looked in {looked}")


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
