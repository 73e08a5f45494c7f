"""The body map drawing: the shipped asset, its validator, and the geometry on it."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from emotrainer.core.body import REGIONS
from emotrainer.core.bodymap import (
    EXPECTED,
    BodyMap,
    BodyMapError,
    bounding_box,
    centroid,
    heat_step_of,
    heat_steps,
    load_bodymap,
    nearest_in_direction,
    parse_bodymap,
    point_in_ring,
    region_label,
    self_intersection,
    signed_area,
)
from emotrainer.resources import asset

PATH = asset("body", "bodymap.json")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def bodymap() -> BodyMap:
    return load_bodymap(PATH)


# -- the shipped drawing ---------------------------------------------------------------


def test_every_region_of_each_view_is_drawn_exactly_once(bodymap: BodyMap) -> None:
    drawn = Counter(i for view in bodymap.views.values() for i in view.regions)
    assert set(drawn) == {r.id for r in REGIONS} - {"whole_body"}
    assert set(drawn.values()) == {1}
    for name, view in bodymap.views.items():
        assert set(view.regions) == EXPECTED[name]
        assert len(view.regions) >= 20
    assert bodymap.aspect == pytest.approx(2.2)


def test_rings_are_closed_inside_the_box_and_finely_drawn(raw: dict[str, Any]) -> None:
    for view in raw["views"].values():
        for region_id, polygons in view["regions"].items():
            for ring in polygons:
                assert ring[0] == ring[-1], region_id
                assert 12 <= len(ring) <= 45, region_id  # curves, not boxes
                assert all(0 <= v <= 1 for point in ring for v in point), region_id


def test_regions_are_simple_with_reasonable_areas(bodymap: BodyMap) -> None:
    for view in bodymap.views.values():
        for shape in view.regions.values():
            assert all(self_intersection(ring) is None for ring in shape.rings), shape.id
            assert all(signed_area(ring) > 0 for ring in shape.rings), shape.id  # clockwise
            assert 0.002 < shape.area < 0.08, shape.id  # of the unit box
        assert self_intersection(view.outline) is None


def test_regions_tile_the_figure_sharing_their_edges(bodymap: BodyMap) -> None:
    """Every edge is the outline's or shared by exactly two regions: no gaps, no overlaps."""
    for view in bodymap.views.values():
        uses: Counter[frozenset[tuple[float, float]]] = Counter()
        for shape in view.regions.values():
            for ring in shape.rings:
                uses.update(frozenset(e) for e in zip(ring, (*ring[1:], ring[0]), strict=True))
        outline = {
            frozenset(e)
            for e in zip(view.outline, (*view.outline[1:], view.outline[0]), strict=True)
        }
        assert max(uses.values()) == 2, view.name
        assert {e for e, n in uses.items() if n == 1} == outline, view.name
        total = sum(s.area for s in view.regions.values())
        assert total == pytest.approx(abs(signed_area(view.outline)), rel=1e-6)


def test_a_grid_of_points_hits_one_region_inside_and_none_outside(bodymap: BodyMap) -> None:
    for view in bodymap.views.values():
        for i in range(1, 60):
            for j in range(1, 132):
                x, y = i / 60, j / 132
                hits = [s.id for s in view.regions.values() if s.contains(x, y)]
                inside = point_in_ring(x, y, view.outline)
                assert len(hits) == (1 if inside else 0), (view.name, x, y, hits)
                assert view.hit(x, y) == (hits[0] if hits else None)


def test_each_centroid_lies_inside_its_region_and_hits_only_it(bodymap: BodyMap) -> None:
    for view in bodymap.views.values():
        for shape in view.regions.values():
            x, y = shape.centroid
            assert point_in_ring(x, y, shape.rings[0]), shape.id
            assert shape.anchor == shape.centroid
            assert [s.id for s in view.regions.values() if s.contains(x, y)] == [shape.id]
            assert view.hit(x, y) == shape.id
            assert shape.id in {c.id for c in view.index.candidates(x, y)}


def test_left_and_right_mirror_each_other_and_sides_follow_the_convention(
    bodymap: BodyMap,
) -> None:
    front, back = bodymap.views["front"], bodymap.views["back"]
    # Front: the figure faces you, its left is on your right. Back: its left is on your left.
    assert front.regions["hand_left"].anchor[0] > 0.5 > front.regions["hand_right"].anchor[0]
    assert (
        back.regions["back_hand_left"].anchor[0] < 0.5 < back.regions["back_hand_right"].anchor[0]
    )
    assert front.viewer_side("left") == "right"
    assert back.viewer_side("left") == "left"
    for view in (front, back):
        for region_id, shape in view.regions.items():
            if region_id.endswith("_left"):
                other = view.regions[region_id.removesuffix("_left") + "_right"]
                mirrored = sorted((1 - x, y) for x, y in shape.rings[0])
                flat = [v for point in mirrored for v in point]
                expected = [v for point in sorted(other.rings[0]) for v in point]
                assert flat == pytest.approx(expected, abs=2e-4), region_id


def test_arrow_keys_reach_every_region_from_the_head(bodymap: BodyMap) -> None:
    for view in bodymap.views.values():
        points = {i: (s.anchor[0], s.anchor[1] * bodymap.aspect) for i, s in view.regions.items()}
        start = min(points, key=lambda i: points[i][1])
        seen, todo = {start}, [start]
        while todo:
            here = todo.pop()
            for step in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                there = nearest_in_direction(points, here, *step)
                if there is not None and there not in seen:
                    seen.add(there)
                    todo.append(there)
        assert seen == set(points), view.name


def test_arrow_keys_go_where_a_person_expects(bodymap: BodyMap) -> None:
    view = bodymap.views["front"]
    points = {i: (s.anchor[0], s.anchor[1] * bodymap.aspect) for i, s in view.regions.items()}
    assert nearest_in_direction(points, "head", 0, 1) == "eyes"
    assert nearest_in_direction(points, "chest", 0, 1) == "stomach"
    assert nearest_in_direction(points, "chest", 0, -1) == "throat"
    assert nearest_in_direction(points, "forearm_left", 0, 1) == "hand_left"
    assert nearest_in_direction(points, "hand_left", 1, 0) is None  # nothing further right
    assert nearest_in_direction(points, "head", 0, -1) is None


def test_region_labels() -> None:
    labels = [region_label(r.id) for r in REGIONS]
    assert all(labels) and len(set(labels)) == len(labels)
    assert region_label("hand_left") == "Left hand"
    assert region_label("back_thigh_right") == "Back of right thigh"
    assert region_label("shoulder_blade_left") == "Left shoulder blade"
    assert region_label("upper_back") == "Upper back"
    assert region_label("whole_body") == "Whole body"


# -- geometry --------------------------------------------------------------------------------

SQUARE = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))
ELL = ((0.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 2.0), (0.0, 2.0))


def test_point_in_polygon_convex_and_concave() -> None:
    assert point_in_ring(0.5, 0.5, SQUARE)
    assert not point_in_ring(1.5, 0.5, SQUARE)
    assert point_in_ring(1.5, 0.5, ELL) and point_in_ring(0.5, 1.5, ELL)
    assert not point_in_ring(1.5, 1.5, ELL)  # the notch


def test_area_centroid_and_box() -> None:
    assert signed_area(SQUARE) == pytest.approx(0.5 * 2)
    assert signed_area(tuple(reversed(SQUARE))) == pytest.approx(-1.0)
    assert centroid(SQUARE) == pytest.approx((0.5, 0.5))
    assert centroid(ELL) == pytest.approx((5 / 6, 5 / 6))
    assert tuple(bounding_box(ELL)) == (0.0, 0.0, 2.0, 2.0)
    assert bounding_box(ELL).contains(1.5, 1.5)


def test_self_intersection_finds_crossings_and_touches() -> None:
    assert self_intersection(SQUARE) is None
    assert self_intersection(ELL) is None
    assert self_intersection(((0.0, 0.0), (1.0, 1.0), (1.0, 0.0), (0.0, 1.0))) == (0, 2)
    touching = ((0.0, 0.0), (2.0, 0.0), (1.0, 1.0), (2.0, 2.0), (0.0, 2.0), (1.0, 1.0))
    assert self_intersection(touching) is not None


def test_heat_steps_label_counts_and_means() -> None:
    assert heat_steps([]) == [] and heat_steps([0, 0]) == []
    assert [s.label for s in heat_steps([1, 3, 2])] == ["1", "2", "3"]
    counts = heat_steps([0, 7, 12, 30])
    assert [s.label for s in counts] == ["1–6", "7–12", "13–18", "19–24", "25–30"]
    assert [heat_step_of(v, counts) for v in (0, 6, 7, 30)] == [None, 0, 1, 4]
    means = heat_steps([0.5, 2.5])
    assert len(means) == 5 and means[-1].label == "2.0–2.5"


# -- the validator refuses broken drawings, naming the place -----------------------------


def _broken(raw: dict[str, Any], change: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw)
    change(data)
    return data


def _front(data: dict[str, Any]) -> dict[str, Any]:
    regions: dict[str, Any] = data["views"]["front"]["regions"]
    return regions


BOW_TIE = [[0.1, 0.1], [0.2, 0.2], [0.2, 0.1], [0.1, 0.2], [0.1, 0.1]]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: _front(d).pop("hand_left"), "views.front.regions: missing hand_left"),
        (lambda d: _front(d).update(elbow=_front(d)["jaw"]), "regions.elbow: unknown region id"),
        (lambda d: _front(d).update(whole_body=_front(d)["jaw"]), "whole_body: not drawn"),
        (lambda d: _front(d).update(neck=_front(d)["jaw"]), "neck: belongs to the other view"),
        (lambda d: _front(d)["jaw"][0].pop(), "regions.jaw[0]: not closed"),
        (lambda d: _front(d).update(eyes=[BOW_TIE]), "regions.eyes[0]: crosses itself"),
        (lambda d: _front(d)["chest"][0][3].__setitem__(0, 1.2), "regions.chest[0][3]: expected"),
        (lambda d: _front(d)["chest"][0][3].__setitem__(0, True), "regions.chest[0][3]: expected"),
        (lambda d: _front(d).update(face=[[[0.5, 0.5], [0.51, 0.5], [0.5, 0.51], [0.5, 0.5]]]),
         "regions.face: area"),
        (lambda d: _front(d).update(face=[]), "regions.face: expected a list of polygons"),
        (lambda d: d["views"].pop("back"), "views: missing back"),
        (lambda d: d["views"]["back"].update(labels={}), "views.back: unexpected labels"),
        (lambda d: d.update(version=2), "version: expected 1"),
        (lambda d: d.update(format="svg"), "format: expected"),
        (lambda d: d.update(aspect="tall"), "aspect: expected a number"),
        (lambda d: d["views"]["back"]["outline"].pop(), "views.back.outline: not closed"),
    ],
)  # fmt: skip
def test_broken_drawings_are_refused_with_the_place_named(
    raw: dict[str, Any], change: Any, message: str
) -> None:
    with pytest.raises(BodyMapError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_bodymap(_broken(raw, change))


def test_a_region_listed_twice_is_refused(tmp_path: Path) -> None:
    text = PATH.read_text(encoding="utf-8")
    doubled = text.replace(
        '"jaw": ', '"jaw": [[[0.1,0.1],[0.2,0.1],[0.2,0.2],[0.1,0.1]]], "jaw": ', 1
    )
    (tmp_path / "twice.json").write_text(doubled, encoding="utf-8")
    with pytest.raises(BodyMapError, match="jaw: appears twice"):
        load_bodymap(tmp_path / "twice.json")


def test_unreadable_or_oversized_files_are_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    with pytest.raises(BodyMapError, match="cannot read"):
        load_bodymap(tmp_path / "bad.json")
    (tmp_path / "big.json").write_text(" " * 1_000_001, encoding="utf-8")
    with pytest.raises(BodyMapError, match="larger than"):
        load_bodymap(tmp_path / "big.json")
    with pytest.raises(BodyMapError, match="cannot read"):
        load_bodymap(tmp_path / "missing.json")
