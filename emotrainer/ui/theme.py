"""Light and dark themes: a calm palette on the Fusion style.

"system" follows the platform: Qt gives the application a dark palette when
the system is in dark mode, so the platform palette's lightness decides.
Colours live in the palette so custom-painted widgets read them from
``palette()``; the small style sheet only shapes things (radius,
padding, a visible focus ring) and refers to palette roles, never to colours.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")

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

STYLE_SHEET = """
QFrame#card {
    background: palette(base);
    border: 1px solid palette(mid);
    border-radius: 10px;
}
QListWidget#nav {
    background: palette(alternate-base);
    border: none;
    border-right: 1px solid palette(mid);
    padding: 8px 6px;
    outline: 0;
}
QListWidget#nav::item {
    padding-left: 12px;
    border-radius: 7px;
}
QListWidget#nav::item:selected {
    background: palette(highlight);
    color: palette(highlighted-text);
}
QListWidget#nav::item:focus {
    border: 2px solid palette(window-text);
}
QPushButton {
    background: palette(button);
    border: 1px solid palette(mid);
    border-radius: 7px;
    padding: 6px 14px;
    min-height: 1.4em;
}
QPushButton:hover { border-color: palette(highlight); }
QPushButton:focus { border: 2px solid palette(highlight); padding: 5px 13px; }
QPushButton:disabled { color: palette(placeholder-text); }
QPushButton#primary {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QPushButton#primary:focus { border: 2px solid palette(window-text); }
QLabel#title { font-size: %(title)spt; font-weight: 600; }
QLabel#sectionTitle { font-size: %(section)spt; font-weight: 600; }
QLabel#figure { font-size: %(figure)spt; font-weight: 600; }
QLabel#subtitle, QLabel#muted { color: palette(placeholder-text); }
QLabel#figure { color: palette(link); }
QListWidget#entries::item { padding: 4px 2px; }
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
    # Titles scale with the system font: sizes are relative to the base font.
    base = app.font().pointSizeF()
    sizes = {"title": base * 1.7, "section": base * 1.15, "figure": base * 2.1}
    app.setStyleSheet(STYLE_SHEET % {k: f"{v:.1f}" for k, v in sizes.items()})
    return name
