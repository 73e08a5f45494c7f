"""The body map drawing as data: load and validate it, and the geometry on it.

The drawing (assets/body/bodymap.json, format in assets/body/README.md) holds
two views, front and back, each a set of named regions given as closed
polygons in a unit box (x and y from 0 to 1; the box is ``aspect`` times as
tall as it is wide) plus the figure's outline. Region ids are the ones of
``core.body.REGIONS``; "whole_body" is not drawn, it is chosen by name.

Everything here is pure Python: the widget scales these polygons into its
own paths, and uses the region index below to test only the few regions
whose bounding box holds the pointer.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from emotrainer.core.body import REGIONS, area, sensation
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, BodyMark

FORMAT_NAME = "emotrainer-bodymap"
FORMAT_VERSION = 1
VIEWS = ("front", "back")
WHOLE_BODY = "whole_body"
MAX_FILE_BYTES = 1_000_000
MAX_RING_POINTS = 400
MIN_REGION_AREA = 0.0005  # of the view box; the smallest drawn region is about 0.002
MAX_REGION_AREA = 0.25

Point = tuple[float, float]
Ring = tuple[Point, ...]  # open: the closing point is not repeated

EXPECTED: dict[str, frozenset[str]] = {
    view: frozenset(r.id for r in REGIONS if r.view == view) for view in VIEWS
}
_VIEW_OF = {r.id: r.view for r in REGIONS}


class BodyMapError(ValueError):
    """The body map data is invalid; the message names the view and region."""


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    def contains(self, x: float, y: float) -> bool:
        return self.left <= x <= self.right and self.top <= y <= self.bottom


# -- geometry -------------------------------------------------------------------


def bounding_box(points: Iterable[Point]) -> Box:
    xs, ys = zip(*points, strict=True)
    return Box(min(xs), min(ys), max(xs), max(ys))


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area; positive when the ring runs clockwise on screen (y down)."""
    total = 0.0
    for (x0, y0), (x1, y1) in _edges(ring):
        total += x0 * y1 - x1 * y0
    return total / 2.0


def centroid(ring: Sequence[Point]) -> Point:
    """The centre of mass of a simple polygon (the mean of its points if it has no area)."""
    a = signed_area(ring)
    if abs(a) < 1e-12:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in _edges(ring):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6.0 * a), cy / (6.0 * a))


def point_in_ring(x: float, y: float, ring: Sequence[Point]) -> bool:
    """Even-odd ray casting; points exactly on an edge may fall either way."""
    inside = False
    for (x0, y0), (x1, y1) in _edges(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def self_intersection(ring: Sequence[Point]) -> tuple[int, int] | None:
    """The first pair of non-adjacent edges that touch or cross, or None for a simple ring.

    Edges are swept left to right, so only edges whose x ranges overlap are compared.
    """
    edges = list(_edges(ring))
    n = len(edges)
    order = sorted(range(n), key=lambda k: min(edges[k][0][0], edges[k][1][0]))
    for position, i in enumerate(order):
        (ax, ay), (bx, by) = edges[i]
        right, low, high = max(ax, bx), min(ay, by), max(ay, by)
        for j in order[position + 1 :]:
            (cx, cy), (dx, dy) = edges[j]
            if min(cx, dx) > right:
                break
            if abs(i - j) in (1, n - 1) or max(cy, dy) < low or min(cy, dy) > high:
                continue  # neighbours share a point; boxes apart cannot meet
            if _segments_meet(*edges[i], *edges[j]):
                return (min(i, j), max(i, j))
    return None


def _edges(ring: Sequence[Point]) -> Iterable[tuple[Point, Point]]:
    return zip(ring, (*ring[1:], ring[0]), strict=True)


def _orient(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    d1, d2, d3, d4 = _orient(c, d, a), _orient(c, d, b), _orient(a, b, c), _orient(a, b, d)
    if ((d1 > 0) != (d2 > 0)) and ((d3 > 0) != (d4 > 0)) and 0 not in (d1, d2, d3, d4):
        return True

    def on(p: Point, q: Point, r: Point) -> bool:  # r on segment pq, given collinear
        return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(
            p[1], q[1]
        )

    return (
        (d1 == 0 and on(c, d, a))
        or (d2 == 0 and on(c, d, b))
        or (d3 == 0 and on(a, b, c))
        or (d4 == 0 and on(a, b, d))
    )


# -- the model ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RegionShape:
    id: str
    rings: tuple[Ring, ...]
    bbox: Box
    area: float  # in units of the view box (the box is 1 × 1)
    centroid: Point  # of the largest ring
    anchor: Point  # a point inside: for glyphs, labels and keyboard navigation

    def contains(self, x: float, y: float) -> bool:
        return self.bbox.contains(x, y) and any(point_in_ring(x, y, r) for r in self.rings)


class RegionIndex:
    """A coarse grid over the view box; each cell lists the regions whose box meets it."""

    def __init__(self, regions: Iterable[RegionShape], columns: int = 12, rows: int = 26) -> None:
        self._columns, self._rows = columns, rows
        self._cells: list[list[RegionShape]] = [[] for _ in range(columns * rows)]
        for shape in regions:
            b = shape.bbox
            for row in range(self._row(b.top), self._row(b.bottom) + 1):
                for column in range(self._column(b.left), self._column(b.right) + 1):
                    self._cells[row * columns + column].append(shape)

    def _column(self, x: float) -> int:
        return min(self._columns - 1, max(0, int(x * self._columns)))

    def _row(self, y: float) -> int:
        return min(self._rows - 1, max(0, int(y * self._rows)))

    def candidates(self, x: float, y: float) -> list[RegionShape]:
        """The regions whose bounding box holds the point: the only ones worth testing."""
        if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
            return []
        cell = self._cells[self._row(y) * self._columns + self._column(x)]
        return [shape for shape in cell if shape.bbox.contains(x, y)]

    def hit(self, x: float, y: float) -> str | None:
        for shape in self.candidates(x, y):
            if shape.contains(x, y):
                return shape.id
        return None


@dataclass(frozen=True, slots=True)
class BodyView:
    name: str
    regions: dict[str, RegionShape]  # in drawing order
    outline: Ring
    index: RegionIndex = field(repr=False, compare=False)

    def hit(self, x: float, y: float) -> str | None:
        return self.index.hit(x, y)

    def viewer_side(self, side: str) -> str:
        """'left' or 'right': where the figure's own ``side`` appears to the viewer."""
        xs = [s.anchor[0] for i, s in self.regions.items() if i.endswith(f"_{side}")]
        return "left" if sum(xs) / max(1, len(xs)) < 0.5 else "right"


@dataclass(frozen=True, slots=True)
class BodyMap:
    aspect: float  # height / width of the view box
    views: dict[str, BodyView]

    def view_of(self, region_id: str) -> str | None:
        return next((name for name, v in self.views.items() if region_id in v.regions), None)


# -- loading and validation ----------------------------------------------------------


def load_bodymap(path: Path) -> BodyMap:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BodyMapError(f"{path}: larger than {MAX_FILE_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)
    except (OSError, ValueError) as exc:
        if isinstance(exc, BodyMapError):
            raise
        raise BodyMapError(f"{path}: cannot read the body map ({exc})") from exc
    try:
        return parse_bodymap(data)
    except BodyMapError as exc:
        raise BodyMapError(f"{path}: {exc}") from exc


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise BodyMapError(f"{key}: appears twice")
        result[key] = value
    return result


def parse_bodymap(data: Any) -> BodyMap:
    if not isinstance(data, Mapping):
        raise BodyMapError("top level: expected an object")
    _exact_keys(data, {"format", "version", "aspect", "views"}, "top level")
    if data["format"] != FORMAT_NAME:
        raise BodyMapError(f"format: expected {FORMAT_NAME!r}")
    if data["version"] != FORMAT_VERSION:
        raise BodyMapError(f"version: expected {FORMAT_VERSION}")
    aspect = data["aspect"]
    if isinstance(aspect, bool) or not isinstance(aspect, int | float) or not 1 <= aspect <= 4:
        raise BodyMapError("aspect: expected a number from 1 to 4")
    views = data["views"]
    if not isinstance(views, Mapping):
        raise BodyMapError("views: expected an object")
    _exact_keys(views, set(VIEWS), "views")
    return BodyMap(
        float(aspect), {name: _parse_view(name, views[name], float(aspect)) for name in VIEWS}
    )


def _exact_keys(obj: Mapping[str, Any], keys: set[str], where: str) -> None:
    if missing := keys - obj.keys():
        raise BodyMapError(f"{where}: missing {', '.join(sorted(missing))}")
    if unknown := obj.keys() - keys:
        raise BodyMapError(f"{where}: unexpected {', '.join(sorted(unknown))}")


def _parse_view(name: str, raw: Any, aspect: float) -> BodyView:
    where = f"views.{name}"
    if not isinstance(raw, Mapping):
        raise BodyMapError(f"{where}: expected an object")
    _exact_keys(raw, {"outline", "regions"}, where)
    outline = _ring(raw["outline"], f"{where}.outline")
    regions_raw = raw["regions"]
    if not isinstance(regions_raw, Mapping):
        raise BodyMapError(f"{where}.regions: expected an object")
    for region_id in regions_raw:
        if region_id == WHOLE_BODY:
            raise BodyMapError(f"{where}.regions.{region_id}: not drawn; it is chosen by name")
        if region_id not in _VIEW_OF:
            raise BodyMapError(f"{where}.regions.{region_id}: unknown region id")
        if _VIEW_OF[region_id] != name:
            raise BodyMapError(f"{where}.regions.{region_id}: belongs to the other view")
    if missing := EXPECTED[name] - regions_raw.keys():
        raise BodyMapError(f"{where}.regions: missing {', '.join(sorted(missing))}")
    regions = {
        rid: _region(rid, polys, f"{where}.regions.{rid}", aspect)
        for rid, polys in regions_raw.items()
    }
    return BodyView(name, regions, outline, RegionIndex(regions.values()))


def _region(region_id: str, raw: Any, where: str, aspect: float) -> RegionShape:
    if not isinstance(raw, list) or not raw:
        raise BodyMapError(f"{where}: expected a list of polygons")
    rings = tuple(_ring(poly, f"{where}[{i}]") for i, poly in enumerate(raw))
    total = sum(abs(signed_area(r)) for r in rings)
    if not MIN_REGION_AREA <= total <= MAX_REGION_AREA:
        raise BodyMapError(f"{where}: area {total:.5f} is outside the reasonable range")
    largest = max(rings, key=lambda r: abs(signed_area(r)))
    middle = centroid(largest)
    anchor = middle if point_in_ring(*middle, largest) else _inner_point(largest, middle, aspect)
    box = bounding_box(p for r in rings for p in r)
    return RegionShape(region_id, rings, box, total, middle, anchor)


def _inner_point(ring: Ring, near: Point, aspect: float) -> Point:
    """The middle of the widest inside span on the centroid's row (for concave shapes)."""
    y = near[1]
    xs = sorted(
        x0 + (y - y0) * (x1 - x0) / (y1 - y0)
        for (x0, y0), (x1, y1) in _edges(ring)
        if (y0 > y) != (y1 > y)
    )
    spans = list(zip(xs[::2], xs[1::2], strict=False))
    if not spans:
        return ring[0]
    left, right = max(spans, key=lambda s: s[1] - s[0])
    return ((left + right) / 2.0, y)


def _ring(raw: Any, where: str) -> Ring:
    if not isinstance(raw, list) or not 4 <= len(raw) <= MAX_RING_POINTS:
        raise BodyMapError(f"{where}: expected a list of 4 to {MAX_RING_POINTS} points")
    points: list[Point] = []
    for i, p in enumerate(raw):
        if (
            not isinstance(p, list)
            or len(p) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in p)
            or not all(math.isfinite(v) and 0.0 <= v <= 1.0 for v in p)
        ):
            raise BodyMapError(f"{where}[{i}]: expected [x, y] with numbers from 0 to 1")
        points.append((float(p[0]), float(p[1])))
    if points[0] != points[-1]:
        raise BodyMapError(f"{where}: not closed (the last point must repeat the first)")
    ring = tuple(points[:-1])
    for i in range(len(ring)):
        if ring[i] == ring[i - 1]:
            raise BodyMapError(f"{where}[{i}]: repeats the point before it")
    if crossing := self_intersection(ring):
        raise BodyMapError(f"{where}: crosses itself (edges {crossing[0]} and {crossing[1]})")
    return ring


# -- navigation and names ---------------------------------------------------------------


def nearest_in_direction(points: Mapping[str, Point], current: str, dx: int, dy: int) -> str | None:
    """The place to move to from ``current`` with an arrow key (dx, dy in -1, 0, 1).

    Points ahead within a 60° half-cone win by distance, with sideways offset
    counting double, so Down from the chest goes to the stomach, not the hand.
    """
    x0, y0 = points[current]
    best: tuple[float, str] | None = None
    for region_id, (x, y) in points.items():
        ahead = (x - x0) * dx + (y - y0) * dy
        aside = abs((x - x0) * dy - (y - y0) * dx)
        if region_id == current or ahead <= 1e-9 or aside > ahead * 1.8:
            continue
        score = (ahead + 2.0 * aside, region_id)
        if best is None or score < best:
            best = score
    return None if best is None else best[1]


_STEMS = {
    "back_of_head": "Back of head",
    "mid_back": "Middle back",
    "pelvis": "Pelvis and hips",
    "buttocks": "Buttocks",
    "upper_arm": "upper arm",
    "shoulder_blade": "shoulder blade",
}


def region_label(region_id: str) -> str:
    """A person's name for a region: "Left hand", "Back of right thigh", "Upper back"."""
    if region_id == WHOLE_BODY:
        return "Whole body"
    stem, _, side = region_id.rpartition("_")
    if side not in ("left", "right"):
        return _STEMS.get(region_id) or area(region_id).label
    back = stem.startswith("back_")
    stem = stem.removeprefix("back_")
    name = f"{side.capitalize()} {_STEMS.get(stem, stem.replace('_', ' '))}"
    return f"Back of {name.lower()}" if back else name


def describe_mark(mark: BodyMark | None) -> str:
    """ "tight, warm, intensity 6, more activity" — or "not marked"."""
    if mark is None:
        return "not marked"
    parts = [sensation(s).label.lower() for s in mark.sensations]
    if mark.intensity is not None:
        parts.append(f"intensity {mark.intensity}")
    if mark.activity in (ACTIVITY_MORE, ACTIVITY_LESS):
        parts.append("more activity" if mark.activity == ACTIVITY_MORE else "less activity")
    return ", ".join(parts)


# -- heat maps --------------------------------------------------------------------------


class HeatStep(NamedTuple):
    low: float  # values above low ...
    high: float  # ... up to and including high fall in this step
    label: str  # "3–4", for the legend


HEAT_STEPS = 5


def heat_steps(values: Iterable[float]) -> list[HeatStep]:
    """At most five equal steps from 0 to the largest value, labelled for a legend.

    Whole numbers (counts) get whole-number labels; up to five distinct counts
    get one step each.
    """
    positive = [v for v in values if v > 0 and math.isfinite(v)]
    if not positive:
        return []
    top = max(positive)
    if all(float(v).is_integer() for v in positive):
        whole = int(top)
        if whole <= HEAT_STEPS:
            return [HeatStep(v - 1.0, float(v), str(v)) for v in range(1, whole + 1)]
        edges = [round(whole * k / HEAT_STEPS) for k in range(HEAT_STEPS + 1)]
        return [
            HeatStep(float(lo), float(hi), str(hi) if lo + 1 == hi else f"{lo + 1}–{hi}")
            for lo, hi in itertools.pairwise(edges)
        ]
    edges_f = [top * k / HEAT_STEPS for k in range(HEAT_STEPS + 1)]
    return [HeatStep(lo, hi, f"{lo:.1f}–{hi:.1f}") for lo, hi in itertools.pairwise(edges_f)]


def heat_step_of(value: float, steps: Sequence[HeatStep]) -> int | None:
    """The index of the step holding ``value``, or None for zero (nothing to show)."""
    if value <= 0 or not steps:
        return None
    for i, step in enumerate(steps):
        if value <= step.high + 1e-9:
            return i
    return len(steps) - 1


def scan_regions(area_id: str) -> tuple[str, ...]:
    """The places a body-scan step marks for an area: those seen from the front
    (both sides), or from the back for the areas only the back shows."""
    regions = [r for r in REGIONS if r.area == area_id]
    front = tuple(r.id for r in regions if r.view in ("front", "any"))
    return front or tuple(r.id for r in regions)
