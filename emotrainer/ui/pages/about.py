"""About: what emotrainer is and is not, privacy, and where to find help now."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from emotrainer import __version__
from emotrainer.core.changes import Change
from emotrainer.ui.widgets import Card, copy_label, page_column

NOT_DIAGNOSTIC = (
    "emotrainer is a practice tool for noticing and naming feelings. It is not a diagnostic "
    "tool, not a treatment and not a crisis service. It does not judge or score you."
)
CRISIS_NOTE = (
    "If you are in danger, or thinking about harming yourself, please contact your local "
    "emergency number now, or a crisis line in your country. You deserve support from a person."
)
PRIVACY = (
    "Everything you enter stays on this computer, in a private folder only your user account "
    "can read. emotrainer never connects to the internet, sends no data anywhere and has no "
    "telemetry. Its logs record events, never what you write or name."
)
VOCABULARY_NOTE = (
    "The feelings words, definitions and body cues were written for emotrainer. Their "
    "structure draws on published research on how people organise emotion words "
    "(Shaver and colleagues 1987; Parrott 2001; Russell 1980)."
)


class AboutPage(QWidget):
    title = "About"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_column(self)
        layout.addWidget(copy_label("About emotrainer", "title"))
        layout.addWidget(copy_label(f"Version {__version__}", "muted"))
        for title, text in (
            ("What this is", NOT_DIAGNOSTIC),
            ("If you need help now", CRISIS_NOTE),
            ("Your privacy", PRIVACY),
            ("The words", VOCABULARY_NOTE),
        ):
            card = Card(title)
            body = copy_label(text)
            body.setAccessibleName(f"{title}: {text}")
            card.body.addWidget(body)
            layout.addWidget(card)
        layout.addStretch(1)

    def on_change(self, change: Change) -> None:
        """Static text: nothing to refresh."""
