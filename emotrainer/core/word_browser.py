"""The Words page's logic, without Qt: search, filters, order, and the texts about a word.

``matches`` decides whether a word passes the search and the filters, in memory;
``sort_key`` orders the list family by family; the ``*_text`` functions build
what the page says about one word and how the user has used it. The page
shows every text as plain text. Core does not know the store: how often a
word was named arrives as anything shaped like a ``Use``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Protocol

from emotrainer.core.clock import parse_utc
from emotrainer.core.history import long_date
from emotrainer.core.srs import MASTERY_LABELS, CardFacts, Mastery
from emotrainer.core.vocabulary import Level, Vocabulary, Word

USER = "user"  # the level filter's value for the user's own words


class Use(Protocol):
    """How often and when the user has named one word (the store's ``WordUse``)."""

    @property
    def times(self) -> int: ...
    @property
    def first_utc(self) -> str: ...
    @property
    def last_utc(self) -> str: ...


# -- search, filters and order ------------------------------------------------------


@lru_cache(maxsize=4096)  # the labels and meanings are folded once, not at every key
def fold(text: str) -> str:
    """Text for searching: case and accents set aside ("Café" → "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matches(
    word: Word,
    text: str,
    family: str | None,
    level: str | None,
    mastery: Mastery | None,
    masteries: Mapping[str, Mastery],
) -> bool:
    """Whether ``word`` passes the search and the filters (None: any)."""
    if family is not None and word.family != family:
        return False
    if level == USER:
        if not word.is_user:
            return False
    elif level is not None and word.level.value != level:
        return False
    if mastery is not None and masteries.get(word.id, Mastery.NEW) is not mastery:
        return False
    needle = fold(" ".join(text.split()))
    return not needle or needle in fold(word.label) or needle in fold(word.definition)


def sort_key(word: Word, family_order: Mapping[str, int]) -> tuple[int, int, str, str]:
    """Family by family in the vocabulary's order; the family first, then by label."""
    first = 0 if word.level is Level.FAMILY else 1
    return (family_order.get(word.family, len(family_order)), first, word.label.casefold(), word.id)


def list_line(word: Word, vocabulary: Vocabulary) -> str:
    """The muted line under a word in the list."""
    path = path_of(word, vocabulary)
    if word.is_user:
        return f"your word · {path[0]}" if path else "your word"
    if word.level is Level.FAMILY:
        return "feeling family"
    if word.level is Level.GROUP:
        return f"group in {path[0]}" if path else "group"
    return " › ".join(path)


# -- texts about one word -----------------------------------------------------------


def path_of(word: Word, vocabulary: Vocabulary) -> list[str]:
    """The labels above ``word``, family first: ["Fear", "Uneasy"] for "Anxious"."""
    labels: list[str] = []
    parent = vocabulary.find(word.parent) if word.parent else None
    while parent is not None:
        labels.insert(0, parent.label)
        parent = vocabulary.find(parent.parent) if parent.parent else None
    return labels


def kind_text(word: Word, vocabulary: Vocabulary) -> str:
    """ "Fear › Uneasy · a specific word", "A feeling family", "Calm · your own word"."""
    path = " › ".join(path_of(word, vocabulary))
    if word.is_user:
        return f"{path} · your own word" if path else "Your own word"
    if word.level is Level.FAMILY:
        return "A feeling family"
    kind = "a group of words" if word.level is Level.GROUP else "a specific word"
    return f"{path} · {kind}" if path else kind.capitalize()


def usage_text(use: Use | None) -> str:
    if use is None or use.times <= 0:
        return "You have not named it in an exercise yet."
    last = _local_day(use.last_utc)
    if use.times == 1:
        return f"You named it once, on {last}." if last else "You named it once."
    if last is None:
        return f"You named it {use.times:,} times."
    return f"You named it {use.times:,} times, most recently on {last}."


def first_use_text(use: Use | None) -> str:
    """ "The first time was on …" for a word named more than once; else ""."""
    if use is None or use.times < 2:
        return ""
    first = _local_day(use.first_utc)
    return f"The first time was on {first}." if first else ""


def _local_day(utc: str) -> str | None:
    try:
        return long_date(parse_utc(utc).astimezone())
    except ValueError:
        return None


def mastery_text(mastery: Mastery, cards: Sequence[CardFacts], *, trainable: bool = True) -> str:
    """ "Learning. 2 cards, 5 reviews so far." """
    label = MASTERY_LABELS[mastery]
    if not cards and not trainable:
        return "The trainer practises the specific words, so this one has no cards of its own."
    if not cards:
        return f"{label}. The word trainer has not shown it to you yet."
    reviews = sum(card.reviews for card in cards)
    cards_part = f"{len(cards)} {'card' if len(cards) == 1 else 'cards'}"
    reviews_part = f"{reviews:,} {'review' if reviews == 1 else 'reviews'}"
    return f"{label}. {cards_part}, {reviews_part} so far."
