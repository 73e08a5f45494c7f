"""The one way changes reach the screen: a write's Change, emitted once."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from emotrainer.core.changes import Change


class ChangeBus(QObject):
    changed = Signal(object)  # a core.changes.Change

    def publish(self, change: Change) -> None:
        self.changed.emit(change)
