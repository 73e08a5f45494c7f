"""Body areas and sensation qualities: the shared words of interoception.

The vocabulary's body cues, the body map's regions and the stored body marks
all speak in these ids. An *area* is what a cue names ("hands"); the body map
(drawn as data in assets/) splits areas into regions with a side where it
matters ("hand_left"), and every region belongs to exactly one area.

Ids here are stable once shipped: stored marks refer to them. The tables are
named tuples: fixed reference data, cheap to define at start-up.
"""

from __future__ import annotations

from typing import NamedTuple


class Area(NamedTuple):
    id: str
    label: str


class Sensation(NamedTuple):
    id: str
    label: str
    # True for the answers that say "nothing is noticed here" rather than
    # naming a quality; they count as valid data, never as an error.
    is_absence: bool = False


AREAS: tuple[Area, ...] = (
    Area("head", "Head"),
    Area("face", "Face"),
    Area("eyes", "Eyes"),
    Area("jaw", "Jaw"),
    Area("throat", "Throat"),
    Area("neck", "Neck"),
    Area("shoulders", "Shoulders"),
    Area("chest", "Chest"),
    Area("upper_back", "Upper back"),
    Area("stomach", "Stomach"),
    Area("belly", "Belly"),
    Area("lower_back", "Lower back"),
    Area("arms", "Arms"),
    Area("hands", "Hands"),
    Area("hips", "Hips and pelvis"),
    Area("legs", "Legs"),
    Area("feet", "Feet"),
    Area("whole_body", "Whole body"),
)

SENSATIONS: tuple[Sensation, ...] = (
    Sensation("tight", "Tight"),
    Sensation("tense", "Tense"),
    Sensation("heavy", "Heavy"),
    Sensation("light", "Light"),
    Sensation("warm", "Warm"),
    Sensation("hot", "Hot"),
    Sensation("cold", "Cold"),
    Sensation("tingling", "Tingling"),
    Sensation("buzzing", "Buzzing"),
    Sensation("fluttery", "Fluttery"),
    Sensation("pressure", "Pressure"),
    Sensation("ache", "Aching"),
    Sensation("restless", "Restless"),
    Sensation("shaky", "Shaky"),
    Sensation("racing", "Racing, pounding"),
    Sensation("hollow", "Hollow"),
    Sensation("sinking", "Sinking"),
    Sensation("open", "Open, calm"),
    Sensation("numb", "Numb"),
    Sensation("nothing", "Nothing / can't tell", is_absence=True),
)


class Region(NamedTuple):
    """A place on the body map; drawn per view in assets/body (issue: body map)."""

    id: str
    area: str
    view: str  # "front", "back", or "any" for the whole body


def _sided(stem: str, area: str, view: str, prefix: str = "") -> tuple[Region, Region]:
    return (Region(f"{prefix}{stem}_left", area, view), Region(f"{prefix}{stem}_right", area, view))


REGIONS: tuple[Region, ...] = (
    Region("whole_body", "whole_body", "any"),
    # front
    Region("head", "head", "front"),
    Region("face", "face", "front"),
    Region("eyes", "eyes", "front"),
    Region("jaw", "jaw", "front"),
    Region("throat", "throat", "front"),
    *_sided("shoulder", "shoulders", "front"),
    Region("chest", "chest", "front"),
    Region("stomach", "stomach", "front"),
    Region("belly", "belly", "front"),
    Region("pelvis", "hips", "front"),
    *_sided("upper_arm", "arms", "front"),
    *_sided("forearm", "arms", "front"),
    *_sided("hand", "hands", "front"),
    *_sided("thigh", "legs", "front"),
    *_sided("shin", "legs", "front"),
    *_sided("foot", "feet", "front"),
    # back
    Region("back_of_head", "head", "back"),
    Region("neck", "neck", "back"),
    *_sided("shoulder_blade", "shoulders", "back"),
    Region("upper_back", "upper_back", "back"),
    Region("mid_back", "upper_back", "back"),
    Region("lower_back", "lower_back", "back"),
    Region("buttocks", "hips", "back"),
    *_sided("upper_arm", "arms", "back", prefix="back_"),
    *_sided("forearm", "arms", "back", prefix="back_"),
    *_sided("hand", "hands", "back", prefix="back_"),
    *_sided("thigh", "legs", "back", prefix="back_"),
    *_sided("calf", "legs", "back"),
    *_sided("heel", "feet", "back"),
)

REGION_IDS: frozenset[str] = frozenset(r.id for r in REGIONS)
_REGION_BY_ID = {r.id: r for r in REGIONS}
AREA_IDS: frozenset[str] = frozenset(a.id for a in AREAS)
SENSATION_IDS: frozenset[str] = frozenset(s.id for s in SENSATIONS)
_AREA_BY_ID = {a.id: a for a in AREAS}
_SENSATION_BY_ID = {s.id: s for s in SENSATIONS}


def area(area_id: str) -> Area:
    return _AREA_BY_ID[area_id]


def sensation(sensation_id: str) -> Sensation:
    return _SENSATION_BY_ID[sensation_id]


def region(region_id: str) -> Region:
    return _REGION_BY_ID[region_id]


def regions_in(area_id: str) -> list[Region]:
    return [r for r in REGIONS if r.area == area_id]
