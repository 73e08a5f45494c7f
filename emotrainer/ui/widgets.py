"""Small shared building blocks: cards, titles, labels.

Two kinds of label, on purpose:
- ``plain_label`` for anything that is or may become data (a word, a note, a
  path, text from a file): Qt.TextFormat.PlainText, so it is never read as
  rich text.
- ``copy_label`` for the program's own copy and numbers. It refuses the two
  characters that could make Qt guess rich text (``<`` and ``&``), so it is
  plain by construction; it keeps the start-up path free of the ``Qt``
  namespace, whose ~120 enums cost more to create than the rest of the
  Today page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

# Text roles: (size relative to the system font, bold, colour role or None).
# Sizes are relative so that text follows the system font size.
_ROLES: dict[str, tuple[float, bool, QPalette.ColorRole | None]] = {
    "title": (1.7, True, None),
    "section": (1.15, True, None),
    "figure": (2.1, True, QPalette.ColorRole.Link),
    "muted": (1.0, False, QPalette.ColorRole.PlaceholderText),
}


class CopyLabel(QLabel):
    """A label for the program's own words and numbers; never data."""

    def setText(self, text: str) -> None:
        if "<" in text or "&" in text:
            raise ValueError("copy_label is for program copy; use plain_label for data")
        super().setText(text)


def copy_label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    label = CopyLabel()
    _configure(label, text, role, wrap)
    return label


def button_text(text: str) -> str:
    """Text for a button that may quote a word: a lone & would become a shortcut."""
    return text.replace("&", "&&")


def plain_label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    """A label that never interprets its text as rich text (input may come from outside)."""
    from PySide6.QtCore import Qt

    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    _configure(label, text, role, wrap)
    return label


def _configure(label: QLabel, text: str, role: str | None, wrap: bool) -> None:
    label.setText(text)
    label.setWordWrap(wrap)
    if role is None:
        return
    scale, bold, colour = _ROLES[role]
    if scale != 1.0 or bold:
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * scale)
        font.setBold(bold)
        label.setFont(font)
    if colour is not None:
        label.setForegroundRole(colour)


class Card(QFrame):
    """A rounded panel with an optional title; add content to ``body``."""

    RADIUS = 10.0

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(18, 14, 18, 16)
        self.body.setSpacing(8)
        if title:
            heading = copy_label(title, "section")
            heading.setAccessibleName(title)
            self.body.addWidget(heading)

    def paintEvent(self, event: QPaintEvent) -> None:
        # A 1 px border as two filled shapes: QPainter.setPen's overloads would
        # make PySide6 build the ~120 enums of the Qt namespace on first paint.
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        outer = QRectF(self.rect())
        painter.fillPath(_rounded(outer, self.RADIUS), palette.mid())
        inner = outer.adjusted(1.0, 1.0, -1.0, -1.0)
        painter.fillPath(_rounded(inner, self.RADIUS - 1.0), palette.base())


def _rounded(rect: QRectF, radius: float) -> QPainterPath:
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    return path


class Figure(Card):
    """A headline number with a short caption underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.value = copy_label("0", "figure", wrap=False)
        self.caption = copy_label(caption, "muted")
        self.body.addWidget(self.value)
        self.body.addWidget(self.caption)
        self.body.addStretch(1)

    def set_value(self, value: str, accessible: str) -> None:
        self.value.setText(value)
        self.setAccessibleName(accessible)
        self.value.setAccessibleName(accessible)


def page_column(page: QWidget) -> QVBoxLayout:
    """Give ``page`` the standard scrolling column; returns the column to fill."""
    content = QWidget()
    column = QVBoxLayout(content)
    column.setContentsMargins(28, 24, 28, 24)
    column.setSpacing(14)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return column
