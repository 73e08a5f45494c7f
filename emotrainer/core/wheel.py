"""The feelings wheel without Qt: geometry, label room, colours, choices, search.

Why pure: the painted widget, its hit test, the benchmark and the tests all
read the same numbers, and the tests run in milliseconds without a
QApplication. Geometry is a function of (vocabulary tree, zoom root, radius);
the widget computes it once per resize, zoom or data change and caches it.

Conventions: angles in degrees, clockwise from 12 o'clock (the way a clock face
is read), in [0, 360); points are (x, y) relative to the wheel's centre in
screen coordinates (y grows downwards); radii and lengths in pixels.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from emotrainer.core.vocabulary import Level, Vocabulary, Word

MAX_INTENSITY = 10
DEFAULT_MAX_SELECTED = 3

# The hole in the middle (the "back" target when zoomed), as a share of the
# radius, by the number of rings shown: fewer rings leave a larger centre.
_HOLE = {1: 0.3, 2: 0.2, 3: 0.15}
# Ring thickness by level: the outer ring carries the most (and longest) labels
# running along the radius, so it gets more depth.
_RING_WEIGHT = {Level.FAMILY: 1.0, Level.GROUP: 1.0, Level.SPECIFIC: 1.45}


@dataclass(frozen=True, slots=True)
class Wedge:
    """One word's slice. A user's own word sits directly under its family, so its
    wedge spans from the group ring out through the outer ring (first_ring <
    last_ring): it has its own slice in the outer ring and leaves no gap."""

    word: Word
    start: float
    span: float
    inner: float
    outer: float
    first_ring: int
    last_ring: int
    is_leaf: bool  # no narrower words: clicking chooses instead of zooming

    @property
    def word_id(self) -> str:
        return self.word.id

    @property
    def mid_angle(self) -> float:
        return self.start + self.span / 2.0


@dataclass(frozen=True, slots=True)
class Ring:
    level: Level
    inner: float
    outer: float
    wedges: tuple[Wedge, ...]  # sorted by start angle, covering the circle
    starts: tuple[float, ...]

    def at_angle(self, angle: float) -> Wedge | None:
        i = bisect_right(self.starts, angle) - 1
        if i < 0:
            return None
        wedge = self.wedges[i]
        return wedge if angle < wedge.start + wedge.span else None


@dataclass(frozen=True, slots=True)
class WheelLayout:
    root: Word | None  # the zoom root drawn in the centre; None for the whole wheel
    radius: float
    hole: float
    rings: tuple[Ring, ...]
    wedges: Mapping[str, Wedge]  # inner rings first: the drawing order

    def ring_of(self, wedge: Wedge) -> Ring:
        """The ring of the word's own level (the outer one for a user's word)."""
        return self.rings[wedge.last_ring]

    def centroid(self, word_id: str) -> tuple[float, float]:
        """A point well inside the word's slice of its own ring."""
        wedge = self.wedges[word_id]
        ring = self.ring_of(wedge)
        return polar((ring.inner + ring.outer) / 2.0, wedge.mid_angle)

    def in_hole(self, x: float, y: float) -> bool:
        return math.hypot(x, y) < self.hole

    def hit(self, x: float, y: float) -> str | None:
        """The word under a point by polar arithmetic: radius → ring, angle → bisect."""
        r = math.hypot(x, y)
        if r < self.hole or r > self.radius:
            return None
        for ring in self.rings:
            if r <= ring.outer:
                wedge = ring.at_angle(compass_angle(x, y))
                return None if wedge is None else wedge.word.id
        return None

    def neighbour(self, word_id: str, step: int) -> str:
        """The word `step` places clockwise among the words of the same level."""
        wedge = self.wedges[word_id]
        same = [w for w in self.ring_of(wedge).wedges if w.last_ring == wedge.last_ring]
        return same[(same.index(wedge) + step) % len(same)].word.id


def compass_angle(x: float, y: float) -> float:
    angle = math.degrees(math.atan2(x, -y)) % 360.0
    return 0.0 if angle >= 360.0 else angle  # -1e-17 % 360 == 360.0


def polar(radius: float, angle: float) -> tuple[float, float]:
    rad = math.radians(angle)
    return radius * math.sin(rad), -radius * math.cos(rad)


def leaf_counts(vocabulary: Vocabulary) -> dict[str, int]:
    """How many most-specific words sit under each word (1 for a leaf)."""
    counts: dict[str, int] = {}

    def count(word: Word) -> int:
        children = vocabulary.children(word.id)
        counts[word.id] = sum(count(c) for c in children) if children else 1
        return counts[word.id]

    for family in vocabulary.families:
        count(family)
    return counts


def shown_levels(root: Word | None) -> list[Level]:
    depth = 0 if root is None else root.level.depth
    return [level for level in Level if level.depth > depth]


def wheel_layout(
    vocabulary: Vocabulary,
    root_id: str | None,
    radius: float,
    max_rings: int = 3,
    min_hole: float = 0.0,
) -> WheelLayout:
    """Wedges for the subtree under `root_id`, spread over the full circle.

    A word's angle is proportional to the number of specific words under it, so
    every specific word gets the same slice and a family with more words gets
    more room. At most `max_rings` rings are drawn (the widget asks for fewer
    when the outer labels would not fit); the angles do not depend on it. The
    centre is at least `min_hole` wide (up to 40 % of the radius) so that the
    zoom root's name fits in it.
    """
    root = None if root_id is None else vocabulary.get(root_id)
    levels = shown_levels(root)[:max_rings]
    if not levels:
        raise ValueError(f"{root_id!r} has no narrower words to show")
    hole = min(max(radius * _HOLE[len(levels)], min_hole), radius * 0.4)
    unit = (radius - hole) / sum(_RING_WEIGHT[level] for level in levels)
    bounds: list[tuple[float, float]] = []
    edge = hole
    for level in levels:
        bounds.append((edge, edge + unit * _RING_WEIGHT[level]))
        edge = bounds[-1][1]
    bounds[-1] = (bounds[-1][0], radius)  # exact, whatever the rounding
    depth0 = 0 if root is None else root.level.depth
    leaves = leaf_counts(vocabulary)
    per_ring: list[list[Wedge]] = [[] for _ in levels]
    wedges: dict[str, Wedge] = {}

    def place(children: Sequence[Word], start: float, span: float, first: int) -> None:
        total = sum(leaves[c.id] for c in children)
        done = 0
        for child in children:
            a0 = start + span * done / total
            done += leaves[child.id]
            a1 = start + span * done / total
            own = child.level.depth - depth0 - 1
            last = min(own, len(levels) - 1)
            grandchildren = vocabulary.children(child.id)
            wedge = Wedge(
                word=child,
                start=a0,
                span=a1 - a0,
                inner=bounds[first][0],
                outer=bounds[last][1],
                first_ring=first,
                last_ring=last,
                is_leaf=not grandchildren,
            )
            wedges[child.id] = wedge
            for ring in range(first, last + 1):
                per_ring[ring].append(wedge)
            if grandchildren and own + 1 < len(levels):
                place(grandchildren, a0, a1 - a0, own + 1)

    top = vocabulary.families if root is None else vocabulary.children(root.id)
    if top:
        place(top, 0.0, 360.0, 0)
    rings = []
    for level, (inner, outer), members in zip(levels, bounds, per_ring, strict=True):
        members.sort(key=lambda w: w.start)
        rings.append(Ring(level, inner, outer, tuple(members), tuple(w.start for w in members)))
    ordered = {w.word.id: w for ring in rings for w in ring.wedges}  # inner rings first
    return WheelLayout(root, radius, hole, tuple(rings), ordered)


# -- labels -------------------------------------------------------------------


class Orientation(StrEnum):
    TANGENTIAL = "tangential"  # across the wedge, like text on a clock face
    RADIAL = "radial"  # along the radius, like spokes


@dataclass(frozen=True, slots=True)
class LabelPlan:
    """Where a label goes: rotate the painter (about the wheel centre) by
    `rotation` degrees clockwise, then centre the text on `centre`; text wider
    than `room` is shortened with an ellipsis. Rotations are chosen so that no
    label is ever upside down."""

    orientation: Orientation
    rotation: float
    centre: tuple[float, float]
    room: float


def label_room(wedge: Wedge, line_height: float) -> dict[Orientation, LabelPlan]:
    """The plans that can hold at least one line of text, with their widths."""
    pad = line_height * 0.25
    span = min(wedge.span, 359.99)
    half = math.radians(span / 2.0)
    theta = wedge.mid_angle
    plans: dict[Orientation, LabelPlan] = {}
    inner, outer = wedge.inner, wedge.outer
    if outer - inner >= line_height + 2 * pad:
        r_mid = (inner + outer) / 2.0
        room = 2.0 * math.sqrt(max((outer - pad) ** 2 - (r_mid + line_height / 2.0) ** 2, 0.0))
        if span < 180.0:
            room = min(room, 2.0 * (r_mid - line_height / 2.0) * math.tan(half) - 2.0 * pad)
        flip = 90.0 < theta < 270.0
        plans[Orientation.TANGENTIAL] = LabelPlan(
            Orientation.TANGENTIAL,
            theta - 180.0 if flip else theta,
            (0.0, r_mid if flip else -r_mid),
            max(room, 0.0),
        )
    r_start = inner + pad
    if span < 180.0:
        r_start = max(r_start, (line_height + pad) / (2.0 * math.tan(half)))
    r_end = outer - pad
    if r_end > r_start:
        r_c = (r_start + r_end) / 2.0
        flip = theta > 180.0
        plans[Orientation.RADIAL] = LabelPlan(
            Orientation.RADIAL,
            theta + 90.0 if flip else theta - 90.0,
            (-r_c if flip else r_c, 0.0),
            r_end - r_start,
        )
    return plans


def plan_labels(
    wedges: Sequence[Wedge], widths: Sequence[float], line_height: float
) -> list[LabelPlan | None]:
    """One plan per wedge of a ring, preferring one orientation for the whole ring.

    A ring whose labels all fit across their wedges reads like a clock face; if
    they all fit along the radius, they all run that way (mixed directions look
    restless). Otherwise each label takes the way that fits and lies nearer the
    horizontal, or else the roomier way, and is shortened there. None: not even
    one line fits.
    """
    rooms = [label_room(w, line_height) for w in wedges]
    for orientation in (Orientation.TANGENTIAL, Orientation.RADIAL):
        pairs = zip(rooms, widths, strict=True)
        if all(orientation in r and r[orientation].room >= wd for r, wd in pairs):
            return [r[orientation] for r in rooms]
    plans: list[LabelPlan | None] = []
    for room, width in zip(rooms, widths, strict=True):
        fitting = [p for p in room.values() if p.room >= width]
        if fitting:
            plans.append(min(fitting, key=lambda p: tilt(p.rotation)))
        else:
            plans.append(max(room.values(), key=lambda p: p.room, default=None))
    return plans


def tilt(rotation: float) -> float:
    """How far text rotated by `rotation` degrees is from horizontal (0–90)."""
    off = rotation % 180.0
    return min(off, 180.0 - off)


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
