"""The word trainer's scenarios: short everyday situations and the words that fit them.

Each scenario is a sentence or two in the second person ("You …") with the best
one to three specific words of the vocabulary, a few plausible alternatives
and one sentence on why the best words fit. The shipped file is validated in
full when it is loaded, like the vocabulary, so a broken entry stops start-up
with a message naming the entry and field. One content rule is checked here
too: a scenario's text must not give its answer away by naming a best word
(``names_its_answer``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from emotrainer.core.vocabulary import Level, Vocabulary

FORMAT_NAME = "emotrainer-scenarios"
FORMAT_VERSION = 1
MAX_TEXT_LENGTH = 220
MAX_WHY_LENGTH = 240
MAX_WORDS = 3
STEM_LENGTH = 5
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = frozenset({"id", "text", "best", "alternatives", "why"})
_WORD_RE = re.compile(r"[^\W\d_]+")
# Endings that make an obvious form of a short word: "sad" → "sadness", "sadder".
_SUFFIXES = ("s", "es", "d", "ed", "ing", "ly", "ness", "er", "est", "ful")
_VOWEL_SUFFIXES = ("ed", "ing", "er", "est")
# Related forms a five-letter stem does not reach ("anxi-ous" / "anxi-ety").
_RELATED = {
    "adoring": ("adore",),
    "angry": ("anger",),
    "anxious": ("anxiety",),
    "ashamed": ("shame",),
    "bored": ("bore",),
    "caring": ("care",),
    "elated": ("elation",),
    "empty": ("emptied",),
    "envious": ("envy", "envied"),
    "foolish": ("fool",),
    "frozen": ("freeze",),
    "furious": ("fury",),
    "grateful": ("gratitude",),
    "hopeful": ("hope",),
    "playful": ("play",),
    "proud": ("pride",),
    "stunned": ("stun",),
    "terrified": ("terror",),
}


class ScenarioError(ValueError):
    """The scenarios data is invalid; the message names the entry and field."""


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    text: str
    best: tuple[str, ...]
    alternatives: tuple[str, ...]
    why: str


def names_its_answer(text: str, label: str) -> bool:
    """Whether ``text`` names the feeling ``label``, or an obvious form of it.

    Case is ignored and words are runs of letters ("self-loathing" is two).
    A word of five or more letters matches any text word that starts with its
    first five letters: "Anxious" is named by "anxious" and "anxiously",
    "Lonely" by "loneliness". A shorter word matches only itself or itself
    with a plain ending: "Sad" is named by "sad", "sadly", "sadness" and
    "sadder", and "Calm" by "Calm." and "calmly" (an adverb gives the answer
    away as much as the adjective). Irregular relatives are listed by hand
    ("anxiety", "shame", "pride", "hope"…). A label of several words is named
    by the words in order ("shut down", "shutting down") or by any one of its
    words of five or more letters ("creepy" for "Creeped out"), never by a
    short word alone: "out" or "at" does not name "Left out" or "At ease".
    Stems only grow forward, so "real" does not name "Unreal".
    """
    words = _WORD_RE.findall(text.casefold())
    parts = _WORD_RE.findall(label.casefold())
    if not parts:
        return False
    span = len(parts)
    for start in range(len(words) - span + 1):
        if all(_same_word(words[start + i], part) for i, part in enumerate(parts)):
            return True
    alone = [part for part in parts if span > 1 and len(part) >= STEM_LENGTH]
    alone += [form for part in parts for form in _RELATED.get(part, ())]
    return any(_same_word(word, form) for form in alone for word in words)


def _same_word(word: str, form: str) -> bool:
    if len(form) >= STEM_LENGTH:
        return word.startswith(form[:STEM_LENGTH])
    if word == form:
        return True
    if any(word == form + end for end in _SUFFIXES):
        return True
    if form[-1] not in "aeiouy":
        form += form[-1]  # "sad" → "sadd-er", "shut" → "shutt-ing"
    elif form.endswith("e"):
        form = form[:-1]  # "hope" → "hop-ing"
    return any(word == form + end for end in _VOWEL_SUFFIXES)


def by_word(scenarios: Iterable[Scenario]) -> dict[str, tuple[Scenario, ...]]:
    """Each best word id → the scenarios where it is a best word, in file order."""
    found: dict[str, list[Scenario]] = {}
    for scenario in scenarios:
        for word_id in scenario.best:
            found.setdefault(word_id, []).append(scenario)
    return {word_id: tuple(items) for word_id, items in found.items()}


def load_scenarios(path: Path, vocabulary: Vocabulary) -> tuple[Scenario, ...]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ScenarioError(f"{path}: cannot read the scenarios ({exc})") from exc
    try:
        return parse_scenarios(data, vocabulary)
    except ScenarioError as exc:
        raise ScenarioError(f"{path}: {exc}") from exc


def parse_scenarios(data: Any, vocabulary: Vocabulary) -> tuple[Scenario, ...]:
    if not isinstance(data, Mapping):
        raise ScenarioError("top level: expected an object")
    if data.get("format") != FORMAT_NAME:
        raise ScenarioError(f"format: expected {FORMAT_NAME!r}")
    if data.get("version") != FORMAT_VERSION:
        raise ScenarioError(f"version: expected {FORMAT_VERSION}")
    raw_scenarios = data.get("scenarios")
    if not isinstance(raw_scenarios, list) or not raw_scenarios:
        raise ScenarioError("scenarios: expected a non-empty list")
    seen: set[str] = set()
    result = []
    for index, raw in enumerate(raw_scenarios):
        scenario = _parse_one(index, raw, vocabulary)
        if scenario.id in seen:
            raise ScenarioError(f"scenarios[{scenario.id}]: duplicate id")
        seen.add(scenario.id)
        result.append(scenario)
    return tuple(result)


def _parse_one(index: int, raw: Any, vocabulary: Vocabulary) -> Scenario:
    where = f"scenarios[{index}]"
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: expected an object")
    scenario_id = raw.get("id")
    if not isinstance(scenario_id, str) or not _ID_RE.match(scenario_id):
        raise ScenarioError(f"{where}.id: expected a lower-case slug, got {scenario_id!r}")
    where = f"scenarios[{scenario_id}]"
    missing = _FIELDS - raw.keys()
    if missing:
        raise ScenarioError(f"{where}: missing {', '.join(sorted(missing))}")
    unknown = raw.keys() - _FIELDS
    if unknown:
        raise ScenarioError(f"{where}: unexpected field {', '.join(sorted(unknown))}")
    text = _check_text(raw["text"], MAX_TEXT_LENGTH, f"{where}.text")
    why = _check_text(raw["why"], MAX_WHY_LENGTH, f"{where}.why")
    best = _check_words(raw["best"], vocabulary, f"{where}.best")
    alternatives = _check_words(raw["alternatives"], vocabulary, f"{where}.alternatives")
    for i, word_id in enumerate(alternatives):
        if word_id in best:
            raise ScenarioError(f"{where}.alternatives[{i}]: {word_id!r} is also a best word")
    for i, word_id in enumerate(best):
        label = vocabulary.get(word_id).label
        if names_its_answer(text, label):
            raise ScenarioError(f"{where}.text: names its answer {label!r} (best[{i}])")
    return Scenario(scenario_id, text, best, alternatives, why)


def _check_text(value: Any, limit: int, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{where}: expected non-empty text")
    if len(value) > limit:
        raise ScenarioError(f"{where}: longer than {limit} characters")
    return value


def _check_words(value: Any, vocabulary: Vocabulary, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_WORDS:
        raise ScenarioError(f"{where}: expected 1 to {MAX_WORDS} word ids")
    for i, word_id in enumerate(value):
        word = vocabulary.find(word_id) if isinstance(word_id, str) else None
        if word is None or word.level is not Level.SPECIFIC:
            raise ScenarioError(f"{where}[{i}]: {word_id!r} is not a specific word")
    if len(set(value)) != len(value):
        raise ScenarioError(f"{where}: duplicate id")
    return tuple(value)
