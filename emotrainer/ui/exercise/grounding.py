"""The grounding pause's steps: the 5-4-3-2-1 senses and the paced-breathing guide.

Neither takes an answer: nothing here is counted, graded or required. The
sense steps offer a few tick boxes for the person who likes to keep count; the
breathing guide is a soft circle that grows on the in-breath and shrinks on the
out-breath (``core.breathing``), driven by a monotonic clock at about 30 frames
a second. With reduced motion nothing moves at all: a still drawing and the
pattern in words.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QFocusEvent,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from emotrainer.core import breathing
from emotrainer.core.flow_defs import _SENSES, Step  # the 5-4-3-2-1 table, one source
from emotrainer.ui.bodyglyphs import mix
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.indicators import outlined
from emotrainer.ui.widgets import copy_label

FRAME_MS = 33  # about 30 frames a second
_WORDS = {breathing.IN: "Breathe in", breathing.OUT: "Breathe out"}


# -- 5-4-3-2-1 ---------------------------------------------------------------------


class SenseView(StepView):
    """One of the five senses: the count, large, and optional boxes to tick.

    The boxes are only for keeping count if that helps; nothing is saved and
    nothing needs ticking to go on.
    """

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        count, what = next(((n, w) for s, n, w, _h in _SENSES if s == step.id), (0, ""))
        self.count = count
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        self.figure = copy_label(str(count) if count else "", "figure", wrap=False)
        font = self.figure.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.figure.setFont(font)
        self.figure.setAccessibleName(what.capitalize() if what else step.title)
        # "five things you can see" → "things you can see", under the big "5".
        self.caption = copy_label(what.partition(" ")[2], "section", wrap=True)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption)

        self.boxes: list[QCheckBox] = []
        row = QHBoxLayout()
        row.setSpacing(14)
        for n in range(1, count + 1):
            box = QCheckBox(str(n))
            box.setAccessibleName(f"Noticed thing {n} of {count}")
            outlined(box)
            box.toggled.connect(self._ticked)
            self.boxes.append(box)
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        self.hint = copy_label(
            "If it helps, tick a box for each one you notice. There's no need to.", "muted"
        )
        layout.addWidget(self.hint)
        self.settle = copy_label("", "muted")
        self.settle.setAccessibleName("Noticed so far")
        layout.addWidget(self.settle)
        layout.addStretch(1)
        # Only now, with a parent: a parentless widget shown would be a window of its own.
        for part in (self.figure, self.caption, self.hint):
            part.setVisible(bool(count))

    def _ticked(self) -> None:
        ticked = sum(b.isChecked() for b in self.boxes)
        if ticked == self.count and self.count:
            text = "Stay with them for a moment, then go on whenever you're ready."
        else:
            text = ""
        self.settle.setText(text)

    def first_focus(self) -> QWidget:
        return self.boxes[0] if self.boxes else self


# -- breathing ---------------------------------------------------------------------


class BreathingGuide(QWidget):
    """A soft circle that grows as you breathe in and shrinks as you breathe out.

    The words inside say which breath it is, so colour and size are never the
    only signal. ``reduced_motion`` draws it still: the empty and the full
    breath as two circles, and the pattern in words. The timer runs only while
    the guide is shown; ``stop()`` ends it for good (until ``start()``).
    """

    def __init__(
        self,
        reduced_motion: bool = False,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.reduced_motion = reduced_motion
        self._clock = clock
        self._origin = clock()
        self._stopped = False
        self.phase = breathing.phase_at(0.0)
        self.timer = QTimer(self)
        self.timer.setInterval(FRAME_MS)
        self.timer.timeout.connect(self._tick)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its name can be read
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(
            "Breathing guide: breathe in for 4 seconds and out for 6 seconds, "
            "about six breaths a minute"
        )
        self.setAccessibleDescription(
            "A still drawing: the small circle is an empty breath, the ring a full one."
            if reduced_motion
            else "A circle grows as you breathe in and shrinks as you breathe out."
        )

    # -- running -----------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.timer.isActive()

    def start(self) -> None:
        """Run again after ``stop()``, from an in-breath; never under reduced motion."""
        self._stopped = False
        if self.isVisible():
            self._run()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()

    def _run(self) -> None:
        if self.reduced_motion or self._stopped:
            return
        self._origin = self._clock()
        self._tick()
        self.timer.start()

    def _tick(self) -> None:
        self.phase = breathing.phase_at(self._clock() - self._origin)
        self.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # -- drawing -----------------------------------------------------------------

    def sizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 15
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        side = self.fontMetrics().height() * 9
        return QSize(side, side)

    def _radii(self) -> tuple[QPointF, float, float]:
        """The centre and the circle's radius at an empty and at a full breath."""
        rect = QRectF(self.rect())
        full = max(8.0, min(rect.width(), rect.height()) / 2 - 6)
        empty = full * 0.5
        return rect.center(), empty, full

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        centre, empty, full = self._radii()
        if self.reduced_motion:
            self._paint_still(painter, palette, centre, empty, full)
        else:
            radius = empty + (full - empty) * self.phase.scale
            self._paint_ring(painter, palette, centre, full)
            self._paint_circle(painter, palette, centre, radius)
            self._paint_words(painter, palette, centre, empty, _WORDS[self.phase.name])
        if self.hasFocus():
            self._paint_focus(painter, palette)

    def _paint_ring(self, painter: QPainter, palette: QPalette, centre: QPointF, r: float) -> None:
        ink = mix(
            palette.color(QPalette.ColorRole.Window),
            palette.color(QPalette.ColorRole.Highlight),
            0.55,
        )
        pen = QPen(ink, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, r, r)

    def _paint_circle(
        self, painter: QPainter, palette: QPalette, centre: QPointF, r: float
    ) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(mix(window, accent, 0.8), 2.0))
        painter.setBrush(mix(window, accent, 0.28))
        painter.drawEllipse(centre, r, r)

    def _paint_words(
        self, painter: QPainter, palette: QPalette, centre: QPointF, r: float, text: str
    ) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _paint_still(
        self, painter: QPainter, palette: QPalette, centre: QPointF, empty: float, full: float
    ) -> None:
        self._paint_ring(painter, palette, centre, full)
        self._paint_circle(painter, palette, centre, empty)
        self._paint_words(painter, palette, centre, empty, "In 4\nOut 6")

    def _paint_focus(self, painter: QPainter, palette: QPalette) -> None:
        window = palette.color(QPalette.ColorRole.Window)
        painter.setPen(QPen(mix(window, palette.color(QPalette.ColorRole.Highlight), 0.7), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)


class BreathingView(StepView):
    """The breathing step: the guide, and the pattern in words under it."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.guide = BreathingGuide(context.reduced_motion)
        if context.reduced_motion:
            text = (
                f"{breathing.PATTERN_TEXT}: the small circle is an empty breath and the "
                "ring a full one. About six breaths a minute; your own pace is fine too."
            )
        else:
            text = (
                "In for about 4 seconds, out for about 6. Follow it loosely; "
                "your own pace is fine too."
            )
        self.words = copy_label(text, "muted")
        self.words.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.guide, 1)
        layout.addWidget(self.words)

    def first_focus(self) -> QWidget:
        return self.guide

    def stop(self) -> None:
        self.guide.stop()
