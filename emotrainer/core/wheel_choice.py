"""The feelings wheel's choices without Qt: family colours, the chosen words, search.

Colours: each family has a hue; each ring's fill is tinted from it so that the
theme's text keeps WCAG contrast. The selection holds at most a few words,
each with its own intensity (SPEC §2.4). Search matches labels and definitions.
Geometry and label room live in emotrainer.core.wheel.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from emotrainer.core.vocabulary import Vocabulary, Word

MAX_INTENSITY = 10
DEFAULT_MAX_SELECTED = 3


# -- colours --------------------------------------------------------------------

# Paul Tol's "muted" qualitative scheme, designed to stay distinguishable with
# the common colour-vision deficiencies; a plain grey goes to detachment. Labels
# are always drawn, so colour is never the only signal.
FAMILY_HUES = {
    "joy": "#ddcc77",
    "calm": "#44aa99",
    "love": "#cc6677",
    "surprise": "#88ccee",
    "sadness": "#332288",
    "fear": "#117733",
    "anger": "#882255",
    "disgust": "#999933",
    "shame": "#aa4499",
    "detachment": "#a8a8a8",
}
_SPARE_HUES = tuple(FAMILY_HUES.values())
MIN_CONTRAST = 4.5
# How far each ring's fill moves from the hue toward the page (light theme: to
# white; dark theme: to the dark window), before any extra for contrast.
_TOWARD_LIGHT = (0.25, 0.45, 0.6)
_TOWARD_DARK = (0.5, 0.62, 0.74)


def family_hue(family_id: str, index: int) -> str:
    return FAMILY_HUES.get(family_id, _SPARE_HUES[index % len(_SPARE_HUES)])


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""

    def channel(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(a: str, b: str, t: float) -> str:
    """The colour t of the way from a to b."""
    ca, cb = _rgb(a), _rgb(b)
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb, strict=True))


@lru_cache(maxsize=256)  # 30 colours per theme, asked for on every rebuild
def ring_fill(hue: str, ring: int, text: str, window: str) -> str:
    """A fill for a wedge of the family `hue` on ring `ring` (0 inner) that keeps
    `text` at ≥ 4.5:1 contrast: tinted toward white under dark text, toward the
    dark window under light text. Each ring lies further from the hue than the
    one inside it, also for hues that first need tinting for contrast."""
    dark_text = relative_luminance(text) < 0.5
    toward = "#ffffff" if dark_text else window
    steps = _TOWARD_LIGHT if dark_text else _TOWARD_DARK
    readable = 0.0  # the least tint that keeps the text readable
    while contrast_ratio(mix(hue, toward, readable), text) < MIN_CONTRAST + 0.1:
        if readable >= 1.0:
            return "#ffffff" if dark_text else "#000000"
        readable = min(1.0, readable + 0.02)
    t = min(1.0, max(steps[min(ring, len(steps) - 1)], readable + 0.12 * ring))
    return mix(hue, toward, t)


# -- choices ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    """A chosen word and, separately, how strong it is (SPEC §2.4)."""

    word_id: str
    intensity: int | None = None  # 0–10; None while the user leaves it open


class Outcome(StrEnum):
    ADDED = "added"
    ALREADY = "already"
    FULL = "full"  # a gentle "up to three" note, never an error


class Selection:
    """The words chosen at the wheel step, in the order chosen, at most `max_selected`."""

    def __init__(self, max_selected: int = DEFAULT_MAX_SELECTED) -> None:
        if max_selected < 1:
            raise ValueError("max_selected must be at least 1")
        self.max_selected = max_selected
        self._choices: list[Choice] = []

    def __len__(self) -> int:
        return len(self._choices)

    def __contains__(self, word_id: object) -> bool:
        return any(c.word_id == word_id for c in self._choices)

    @property
    def choices(self) -> tuple[Choice, ...]:
        return tuple(self._choices)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.word_id for c in self._choices)

    @property
    def is_full(self) -> bool:
        return len(self._choices) >= self.max_selected

    def choose(self, word_id: str) -> Outcome:
        if word_id in self:
            return Outcome.ALREADY
        if self.is_full:
            return Outcome.FULL
        self._choices.append(Choice(word_id))
        return Outcome.ADDED

    def remove(self, word_id: str) -> bool:
        before = len(self._choices)
        self._choices = [c for c in self._choices if c.word_id != word_id]
        return len(self._choices) != before

    def set_intensity(self, word_id: str, intensity: int | None) -> None:
        if intensity is not None and not 0 <= intensity <= MAX_INTENSITY:
            raise ValueError(f"intensity must be from 0 to {MAX_INTENSITY}")
        for i, choice in enumerate(self._choices):
            if choice.word_id == word_id:
                self._choices[i] = Choice(word_id, intensity)
                return
        raise KeyError(word_id)

    def intensity(self, word_id: str) -> int | None:
        return next(c.intensity for c in self._choices if c.word_id == word_id)

    def keep_only(self, known: Collection[str]) -> bool:
        """Drop choices whose word is gone (after a vocabulary change)."""
        before = len(self._choices)
        self._choices = [c for c in self._choices if c.word_id in known]
        return len(self._choices) != before

    def as_pairs(self) -> list[tuple[str, int | None]]:
        return [(c.word_id, c.intensity) for c in self._choices]


def number_word(n: int) -> str:
    return _NUMBERS.get(n, str(n))


def limit_note(max_selected: int) -> str:
    return f"You can choose up to {number_word(max_selected)} — remove one to add another."


_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


# -- search ------------------------------------------------------------------


def search_words(vocabulary: Vocabulary, query: str, limit: int = 12) -> list[Word]:
    """Words whose label or definition holds every term of `query`, best first:
    the label itself, a label starting with the query, a label containing it, a
    definition with words starting with it, then anything else."""
    terms = query.casefold().split()
    if not terms:
        return []
    scored: list[tuple[int, int, Word]] = []
    for index, word in enumerate(vocabulary):
        label = word.label.casefold()
        definition = word.definition.casefold()
        if not all(t in label or t in definition for t in terms):
            continue
        scored.append((_rank(label, definition, terms), index, word))
    scored.sort(key=lambda s: (s[0], s[1]))
    return [word for _rank_, _index, word in scored[:limit]]


def _rank(label: str, definition: str, terms: list[str]) -> int:
    phrase = " ".join(terms)
    if label == phrase:
        return 0
    if label.startswith(phrase):
        return 1
    if all(t in label for t in terms):
        return 2
    words = definition.replace(",", " ").replace(".", " ").split()
    return 3 if all(any(w.startswith(t) for w in words) for t in terms) else 4
