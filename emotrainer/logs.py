"""Logging to a small rotating file in the log folder.

What is logged: events and errors (start, stop, a backup taken, an import's
row counts, a traceback). Never what a person wrote or named: no words, notes,
tags or file contents. Paths are logged only as base names.

Rotation happens once, when logging is set up (the file is kept under
MAX_BYTES per run), which spares start-up the import of logging.handlers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from emotrainer.paths import DataDirError, ensure_private_dir, make_private_file

LOG_NAME = "emotrainer.log"
MAX_BYTES = 512 * 1024
KEEP = 3


def rotate(path: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """emotrainer.log → .1 → .2 …, dropping the oldest, when the file is too big."""
    if not path.exists() or path.stat().st_size < max_bytes:
        return
    for number in range(keep - 1, 0, -1):
        older = path.with_name(f"{path.name}.{number}")
        if older.exists():
            older.replace(path.with_name(f"{path.name}.{number + 1}"))
    path.replace(path.with_name(f"{path.name}.1"))


def setup(log_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send the package's log records to ``log_dir``; returns the file, or None."""
    logger = logging.getLogger("emotrainer")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    try:
        ensure_private_dir(log_dir)
        path = log_dir / LOG_NAME
        rotate(path)
        handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        path.touch(mode=0o600, exist_ok=True)
        make_private_file(path)
    except (OSError, DataDirError):
        return None  # logging is a help, never a reason not to start
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    teardown()
    logger.addHandler(handler)
    return path


def teardown() -> None:
    logger = logging.getLogger("emotrainer")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
