"""The shipped content, loaded once: the vocabulary and the word trainer's scenarios."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from emotrainer.core.models import UserWord
from emotrainer.core.vocabulary import Level, Vocabulary, load_vocabulary, user_word
from emotrainer.resources import asset

if TYPE_CHECKING:
    from emotrainer.core.scenarios import Scenario


@cache
def shipped_vocabulary() -> Vocabulary:
    return load_vocabulary(asset("vocabulary", "vocabulary.json"))


@cache
def shipped_scenarios() -> Mapping[str, tuple[Scenario, ...]]:
    """The trainer's situations by best word (validated against the shipped words)."""
    from emotrainer.core.scenarios import by_word, load_scenarios

    return by_word(load_scenarios(asset("trainer", "scenarios.json"), shipped_vocabulary()))


def full_vocabulary(user_words: list[UserWord]) -> Vocabulary:
    """The shipped words plus the user's own, each under its family."""
    shipped = shipped_vocabulary()
    return shipped.with_user_words(
        user_word(w.id, w.label, w.definition, w.family_id, shipped, w.valence, w.arousal)
        for w in user_words
        if _is_family(shipped, w.family_id)  # else skipped; imports refuse it first
    )


def _is_family(vocabulary: Vocabulary, word_id: str) -> bool:
    word = vocabulary.find(word_id)
    return word is not None and word.level is Level.FAMILY
