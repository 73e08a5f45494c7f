"""The feelings wheel without Qt: geometry, hit-testing and label room.

Why pure: the painted widget, its hit test, the benchmark and the tests all
read the same numbers, and the tests run in milliseconds without a
QApplication. Geometry is a function of (vocabulary tree, zoom root, radius);
the widget computes it once per resize, zoom or data change and caches it.
Colours, the chosen words and search live in emotrainer.core.wheel_choice.

Conventions: angles in degrees, clockwise from 12 o'clock (the way a clock face
is read), in [0, 360); points are (x, y) relative to the wheel's centre in
screen coordinates (y grows downwards); radii and lengths in pixels.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from emotrainer.core.vocabulary import Level, Vocabulary, Word

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
