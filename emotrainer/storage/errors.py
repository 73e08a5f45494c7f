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


class OlderDatabaseError(StoreError):
    """A command that only reads found a schema it would have to migrate; it never does."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path}: this data was written by an older emotrainer (schema {found}; this "
            f"version uses {supported}); open emotrainer once to update it — the file was "
            "left untouched"
        )
        self.found = found


class ForeignDatabaseError(StoreError):
    """A SQLite file that emotrainer did not write sits where its database belongs."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: this file is a SQLite database but not emotrainer's; it was left "
            "untouched — move it elsewhere, or choose another data folder with --data-dir"
        )
        self.path = path


class UnreadableDatabaseError(StoreError):
    """A command that only reads could not read the database; it did not move it.

    The window would move it aside (DamagedDatabaseError) and offer a backup.
    """

    def __init__(self, path: Path, reason: str, newest_backup: Path | None) -> None:
        offer = (
            f"offer the newest backup ({newest_backup.name})"
            if newest_backup
            else "start afresh (there is no backup to restore)"
        )
        super().__init__(
            f"{path}: the data file could not be read ({reason}); it was left untouched — "
            f"opening emotrainer will move it aside (nothing is deleted) and {offer}"
        )
        self.path = path
        self.reason = reason
        self.newest_backup = newest_backup


class DuplicateWordError(StoreError):
    """The label is already one of the user's own words (ignoring case)."""

    def __init__(self, label: str) -> None:
        super().__init__(f"“{label}” is already one of your words")
        self.label = label


class ImportRejectedError(StoreError):
    """An import file was refused; nothing was stored."""
