"""The feelings inventory: a fixed set of emotions rated 0–4.

Repeated over time, the ratings of the negative items give the research
measure of emotion differentiation (1 − consistency ICC; see the progress
metrics). The set is fixed so that ratings stay comparable across years.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    label: str
    negative: bool


ITEMS: tuple[Item, ...] = (
    Item("happy", "Happy", negative=False),
    Item("calm", "Calm", negative=False),
    Item("interested", "Interested", negative=False),
    Item("connected", "Connected", negative=False),
    Item("sad", "Sad", negative=True),
    Item("anxious", "Anxious", negative=True),
    Item("angry", "Angry", negative=True),
    Item("ashamed", "Ashamed", negative=True),
    Item("lonely", "Lonely", negative=True),
    Item("numb", "Numb", negative=True),
)
ITEM_IDS = frozenset(i.id for i in ITEMS)
NEGATIVE_IDS = tuple(i.id for i in ITEMS if i.negative)
SCALE = ("not at all", "a little", "moderately", "quite a bit", "very much")
