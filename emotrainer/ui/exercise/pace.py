"""The body scan's optional timer: "move on by itself after N seconds".

Off unless the person turns it on; then each part of the scan gets the same
time and the countdown is shown in words ("next part in 12 s"), updated once a
second (no animation). Any key or click in the step restarts the count, so the
timer never cuts someone off mid-answer. The page stops it while paused or
hidden.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSpinBox, QWidget

from emotrainer.ui.indicators import outlined
from emotrainer.ui.widgets import copy_label

DEFAULT_SECONDS = 30


class PaceTimer(QWidget):
    elapsed = Signal()  # the time for this part is up
    changed = Signal(object)  # seconds, or None when turned off: the setting to keep

    def __init__(self, seconds: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QCheckBox("Move on by itself after")
        self.toggle.setAccessibleName("Move on to the next part by itself")
        outlined(self.toggle)
        self.seconds = QSpinBox()
        self.seconds.setRange(10, 300)
        self.seconds.setSingleStep(5)
        self.seconds.setSuffix(" s")
        self.seconds.setValue(seconds or DEFAULT_SECONDS)
        self.seconds.setAccessibleName("Seconds for each part")
        self.left = copy_label("", "muted", wrap=False)
        self.left.setAccessibleName("Time left for this part")
        self.toggle.setChecked(seconds is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.toggle)
        row.addWidget(self.seconds)
        row.addWidget(self.left)
        self._deadline: float | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._check)
        self.toggle.toggled.connect(self._settings_changed)
        self.seconds.valueChanged.connect(self._settings_changed)
        self._sync()

    @property
    def running(self) -> bool:
        return self._tick.isActive()

    def restart(self) -> None:
        """Start this part's time afresh (when a step shows, or the person acts)."""
        if self.toggle.isChecked() and self.isVisibleTo(self.parentWidget() or self):
            self._deadline = time.monotonic() + self.seconds.value()
            self._tick.start()
        else:
            self.halt()
        self._sync()

    def halt(self) -> None:
        self._tick.stop()
        self._deadline = None
        self._sync()

    def _settings_changed(self) -> None:
        self.changed.emit(self.seconds.value() if self.toggle.isChecked() else None)
        self.restart()

    def _remaining(self) -> int:
        if self._deadline is None:
            return 0
        return max(0, round(self._deadline - time.monotonic()))

    def _check(self) -> None:
        if self._remaining() <= 0:
            self.halt()
            self.elapsed.emit()
        else:
            self._sync()

    def _sync(self) -> None:
        self.seconds.setEnabled(self.toggle.isChecked())
        self.left.setText(f"next part in {self._remaining()} s" if self._deadline else "")
