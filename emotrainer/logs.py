"""Logging to a rotating file in the log folder.

What is logged: events and errors (start, stop, a backup taken, an import's
row counts, a traceback). Never what a person wrote or named: no words, notes,
tags or file contents. Paths are logged only as base names.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from emotrainer.paths import DataDirError, ensure_private_dir, make_private_file

LOG_NAME = "emotrainer.log"


def setup(log_dir: Path, *, verbose: bool = False) -> Path | None:
    """Send the package's log records to ``log_dir``; returns the file, or None."""
    logger = logging.getLogger("emotrainer")
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    try:
        ensure_private_dir(log_dir)
        path = log_dir / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=512 * 1024, backupCount=3, encoding="utf-8"
        )
        make_private_file(path)
    except (OSError, DataDirError):
        return None  # logging is a help, never a reason not to start
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    logger.addHandler(handler)
    return path


def teardown() -> None:
    logger = logging.getLogger("emotrainer")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
