"""Check boxes and radio buttons that stay visible in the dark theme.

Fusion outlines its indicators in the window colour made darker, which on a
dark window almost disappears. ``outlined(*buttons)`` gives those buttons a
style that draws Fusion's indicator and then a clear outline in the palette's
placeholder-text colour (a tone both themes keep readable). Per widget, on
purpose: an application-wide style change would re-polish every widget and
would have to run at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QWidget,
)

_CHECK = QStyle.PrimitiveElement.PE_IndicatorCheckBox
_RADIO = QStyle.PrimitiveElement.PE_IndicatorRadioButton


class _Outlined(QProxyStyle):
    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element not in (_CHECK, _RADIO):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        pen.setWidthF(1.2)
        painter.setPen(pen)
        rect = QRectF(option.rect).adjusted(0.6, 0.6, -0.6, -0.6)
        if element == _RADIO:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2.0, 2.0)
        painter.restore()


_style: _Outlined | None = None


def outlined(*buttons: QAbstractButton) -> None:
    """Give these check boxes or radio buttons a clearly outlined indicator."""
    global _style
    if _style is None:
        _style = _Outlined(QStyleFactory.create("fusion"))
        _style.setParent(QApplication.instance())
    for button in buttons:
        button.setStyle(_style)
