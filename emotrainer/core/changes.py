"""What a write changed: the one description that travels to the screen.

Every storage write returns a Change; the UI's change bus emits it once, and
each page refreshes only what the change touches.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Change:
    entries: bool = False
    words: bool = False  # the user's own words
    settings: bool = False
    drafts: bool = False
    trainer: bool = False
    homework: bool = False
    health: bool = False  # the result of an integrity check arrived
    everything: bool = False  # an import or a restore: refresh all

    def touches(self, **areas: bool) -> bool:
        if self.everything:
            return True
        return any(getattr(self, name) for name, wanted in areas.items() if wanted)


NOTHING = Change()
EVERYTHING = Change(everything=True)
