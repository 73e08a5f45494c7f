"""Known storage errors: the environment's or the file's fault, never a bug.

Each carries a message a person can act on; the CLI prints it on one line and
exits 2, the window shows it calmly. No stored byte is changed on the way.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Base of the known errors."""


class LockedError(StoreError):
    def __init__(self, lock_file: Path, detail: str = "") -> None:
        super().__init__(
            f"{lock_file.parent}: emotrainer is already open with this data folder{detail}; "
            "close the other window first"
        )


class NewerDatabaseError(StoreError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: this data was written by a newer emotrainer (schema {found}; this "
            f"version reads up to {supported}); please update emotrainer — the file was "
            "left untouched"
        )
        self.found = found


class DamagedDatabaseError(StoreError):
    """The database could not be read; it has been moved aside (never deleted)."""

    def __init__(self, path: Path, moved_to: Path, reason: str, newest_backup: Path | None) -> None:
        offer = (
            f"; the newest backup is {newest_backup.name}"
            if newest_backup
            else "; there is no backup to restore"
        )
        super().__init__(
            f"{path}: the data file could not be read ({reason}); it was moved aside to "
            f"{moved_to.name}, nothing was deleted{offer}"
        )
        self.path = path
        self.moved_to = moved_to
        self.reason = reason
        self.newest_backup = newest_backup


class ImportRejectedError(StoreError):
    """An import file was refused; nothing was stored."""
