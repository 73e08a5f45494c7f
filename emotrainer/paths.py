"""Where emotrainer keeps its files: the one module that knows.

The data folder comes from, in order: ``--data-dir``, the
``EMOTRAINER_DATA_DIR`` variable, the platform's user data folder
(platformdirs). It is created private (0700) and every file in it is 0600.
Logs go to the platform's log folder, or into ``logs/`` of an overridden data
folder, so that a test or a portable install never writes elsewhere.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from emotrainer import APP_NAME

ENV_DATA_DIR = "EMOTRAINER_DATA_DIR"
DIR_MODE = 0o700
FILE_MODE = 0o600


class DataDirError(Exception):
    """The data folder cannot be created or written (a known error, not a bug)."""


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path
    log_dir: Path
    overridden: bool

    @property
    def database(self) -> Path:
        return self.data_dir / "emotrainer.db"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "emotrainer.lock"


def resolve(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Work out the paths without touching the disk."""
    chosen = data_dir if data_dir is not None else os.environ.get(ENV_DATA_DIR) or None
    if chosen is not None:
        base = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=base, log_dir=base / "logs", overridden=True)
    import platformdirs  # only needed when no folder was given

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        overridden=False,
    )


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` (and parents) and make it 0700; raise DataDirError if we can't.

    Missing parents are created 0700 too (as the XDG spec asks): ``mkdir -p``
    would give them the umask's mode, and when the log folder ``<data>/logs`` is
    made first, the data folder itself would be left readable by others.
    """
    try:
        missing: list[Path] = []
        parent = path.parent
        while parent != parent.parent and not parent.exists():
            missing.append(parent)
            parent = parent.parent
        for folder in reversed(missing):
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
        path.mkdir(mode=DIR_MODE, exist_ok=True)
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
            path.chmod(DIR_MODE)
        if not os.access(path, os.W_OK | os.X_OK):
            raise PermissionError(13, "Permission denied", str(path))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataDirError(f"{path}: cannot use this folder for data ({reason})") from exc


def make_private_file(path: Path) -> None:
    """Give an existing file mode 0600 (no-op where the platform has no modes)."""
    if os.name == "posix" and path.exists() and stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
        path.chmod(FILE_MODE)
