"""Light and dark themes: a calm palette on the Fusion style.

"system" follows the platform: Qt gives the application a dark palette when
the system is in dark mode, so the platform palette's lightness decides.
Colours live in the palette, so every widget, custom-painted or not, reads
them from ``palette()`` and a theme switch repaints everything at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
# A setting (in the store): no animation anywhere; the breathing guide stands still.
REDUCED_MOTION_KEY = "reduced_motion"

_LIGHT = {
    QPalette.ColorRole.Window: "#f5f3ef",
    QPalette.ColorRole.WindowText: "#23272b",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eeebe6",
    QPalette.ColorRole.Text: "#23272b",
    QPalette.ColorRole.PlaceholderText: "#6b7075",
    QPalette.ColorRole.Button: "#ebe7e1",
    QPalette.ColorRole.ButtonText: "#23272b",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#2d7a72",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1f6a63",
    QPalette.ColorRole.ToolTipBase: "#fffdf8",
    QPalette.ColorRole.ToolTipText: "#23272b",
    QPalette.ColorRole.Mid: "#cfc9c0",
    QPalette.ColorRole.Dark: "#a39d94",
    QPalette.ColorRole.Light: "#ffffff",
    QPalette.ColorRole.Midlight: "#e4e0da",
    QPalette.ColorRole.Shadow: "#8a847b",
}
_DARK = {
    QPalette.ColorRole.Window: "#1d2023",
    QPalette.ColorRole.WindowText: "#e9e6e1",
    QPalette.ColorRole.Base: "#26292d",
    QPalette.ColorRole.AlternateBase: "#2c3034",
    QPalette.ColorRole.Text: "#e9e6e1",
    QPalette.ColorRole.PlaceholderText: "#a3a7ab",
    QPalette.ColorRole.Button: "#30343a",
    QPalette.ColorRole.ButtonText: "#e9e6e1",
    QPalette.ColorRole.BrightText: "#ffffff",
    QPalette.ColorRole.Highlight: "#5fb8ac",
    QPalette.ColorRole.HighlightedText: "#10211f",
    QPalette.ColorRole.Link: "#7fd0c4",
    QPalette.ColorRole.ToolTipBase: "#30343a",
    QPalette.ColorRole.ToolTipText: "#e9e6e1",
    QPalette.ColorRole.Mid: "#474c52",
    QPalette.ColorRole.Dark: "#15171a",
    QPalette.ColorRole.Light: "#3a3f45",
    QPalette.ColorRole.Midlight: "#353a40",
    QPalette.ColorRole.Shadow: "#000000",
}

# Only the page list is styled by a (widget-level) style sheet: a rounded
# selection and a clear focus ring. Everything else is palette and fonts, because
# an application-wide style sheet makes Qt re-style every widget through
# QStyleSheetStyle, which cost more at start-up than building the whole page.
NAV_STYLE = """
QListWidget {
    background: palette(alternate-base);
    border: none;
    border-right: 1px solid palette(mid);
    padding: 8px 6px;
    outline: 0;
}
QListWidget::item { padding-left: 12px; border-radius: 7px; }
QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }
QListWidget::item:focus { border: 2px solid palette(window-text); }
"""


def resolve(choice: str) -> str:
    """'light' or 'dark' for a setting of 'system', 'light' or 'dark'."""
    if choice in ("light", "dark"):
        return choice
    system = _system_palette or QGuiApplication.palette()
    return "dark" if system.color(QPalette.ColorRole.Window).lightness() < 128 else "light"


_system_palette: QPalette | None = None


def palette_for(name: str) -> QPalette:
    palette = QPalette()
    for role, colour in (_DARK if name == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = palette.color(QPalette.ColorRole.PlaceholderText)  # a copy
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply(app: QApplication, choice: str) -> str:
    """Apply a theme choice to the whole application; returns the one applied."""
    global _system_palette
    if _system_palette is None:
        _system_palette = app.palette()  # a copy, taken before we replace it
    name = resolve(choice)
    app.setPalette(palette_for(name))
    return name


def follow_system(app: QApplication, current_choice: Callable[[], str]) -> None:
    """Repaint in the new colours when the system switches light/dark while we run.

    Connected after the first paint: the signal's type pulls in Qt's enums.
    """
    from PySide6.QtCore import Qt

    def changed(scheme: Qt.ColorScheme) -> None:
        system_changed(app, current_choice(), dark=scheme == Qt.ColorScheme.Dark)

    QGuiApplication.styleHints().colorSchemeChanged.connect(changed)


def system_changed(app: QApplication, choice: str, *, dark: bool) -> None:
    if choice == "system":
        app.setPalette(palette_for("dark" if dark else "light"))
