"""The feelings vocabulary: a three-level tree of words loaded from assets/.

family → group → specific word. The shipped file is validated in full at load
time (schema, tree, unique ids, references), so a broken asset stops start-up
with a message naming the entry; tests run the same check first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from emotrainer.core.body import AREA_IDS, SENSATION_IDS

FORMAT_NAME = "emotrainer-vocabulary"
FORMAT_VERSION = 1
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
USER_PREFIX = "user_"
MAX_LABEL_LENGTH = 40
MAX_USER_DEFINITION = 500  # a user's own definition of their word


class Level(StrEnum):
    FAMILY = "family"
    GROUP = "group"
    SPECIFIC = "specific"

    @property
    def depth(self) -> int:
        return _DEPTH[self]


_DEPTH = {Level.FAMILY: 1, Level.GROUP: 2, Level.SPECIFIC: 3}
_PARENT_LEVEL = {Level.FAMILY: None, Level.GROUP: Level.FAMILY, Level.SPECIFIC: Level.GROUP}


class VocabularyError(ValueError):
    """The vocabulary data is invalid; the message names the entry and field."""


class BodyCue(NamedTuple):
    area: str
    sensation: str


@dataclass(frozen=True, slots=True)
class Word:
    id: str
    label: str
    level: Level
    parent: str | None
    definition: str
    valence: float
    arousal: float
    family: str  # the family id (itself for a family)
    neighbours: tuple[str, ...] = ()
    body_cues: tuple[BodyCue, ...] = ()
    is_user: bool = False


class Vocabulary:
    """Read-only view of the word tree with the lookups every page needs."""

    def __init__(self, words: Iterable[Word]) -> None:
        self._words: dict[str, Word] = {}
        self._children: dict[str | None, list[str]] = {}
        for word in words:
            self._words[word.id] = word
            self._children.setdefault(word.parent, []).append(word.id)

    def __len__(self) -> int:
        return len(self._words)

    def __contains__(self, word_id: object) -> bool:
        return word_id in self._words

    def __iter__(self) -> Iterator[Word]:
        return iter(self._words.values())

    def get(self, word_id: str) -> Word:
        return self._words[word_id]

    def find(self, word_id: str) -> Word | None:
        return self._words.get(word_id)

    @property
    def families(self) -> list[Word]:
        return [self._words[i] for i in self._children.get(None, [])]

    def children(self, word_id: str) -> list[Word]:
        return [self._words[i] for i in self._children.get(word_id, [])]

    def at_level(self, level: Level) -> list[Word]:
        return [w for w in self._words.values() if w.level is level]

    def with_user_words(self, user_words: Iterable[Word]) -> Vocabulary:
        """A new vocabulary with the user's own words added under their family."""
        return Vocabulary([*self._words.values(), *user_words])


def user_word(
    word_id: str,
    label: str,
    definition: str,
    family_id: str,
    vocabulary: Vocabulary,
    valence: float | None = None,
    arousal: float | None = None,
) -> Word:
    """The Word for a user's own word: a specific word directly under its family."""
    family = vocabulary.get(family_id)
    return Word(
        id=word_id,
        label=label,
        level=Level.SPECIFIC,
        parent=family.id,
        definition=definition,
        valence=family.valence if valence is None else valence,
        arousal=family.arousal if arousal is None else arousal,
        family=family.id,
        is_user=True,
    )


def validate_user_label(label: str, vocabulary: Vocabulary) -> str:
    """The cleaned label, or VocabularyError with a reason a person can act on."""
    cleaned = " ".join(label.split())
    if not cleaned:
        raise VocabularyError("a word needs at least one letter")
    if len(cleaned) > MAX_LABEL_LENGTH:
        raise VocabularyError(f"a word can have at most {MAX_LABEL_LENGTH} characters")
    folded = cleaned.casefold()
    for word in vocabulary:
        if word.label.casefold() == folded:
            raise VocabularyError(f"“{word.label}” is already in your words")
    return cleaned


def load_vocabulary(path: Path) -> Vocabulary:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise VocabularyError(f"{path}: cannot read the vocabulary ({exc})") from exc
    try:
        return parse_vocabulary(data)
    except VocabularyError as exc:
        raise VocabularyError(f"{path}: {exc}") from exc


def parse_vocabulary(data: Any) -> Vocabulary:
    if not isinstance(data, Mapping):
        raise VocabularyError("top level: expected an object")
    if data.get("format") != FORMAT_NAME:
        raise VocabularyError(f"format: expected {FORMAT_NAME!r}")
    if data.get("version") != FORMAT_VERSION:
        raise VocabularyError(f"version: expected {FORMAT_VERSION}")
    raw_words = data.get("words")
    if not isinstance(raw_words, list) or not raw_words:
        raise VocabularyError("words: expected a non-empty list")
    raws = [_check_raw(i, raw) for i, raw in enumerate(raw_words)]
    by_id: dict[str, dict[str, Any]] = {}
    labels: set[str] = set()
    for raw in raws:
        where = f"words[{raw['id']}]"
        if raw["id"] in by_id:
            raise VocabularyError(f"{where}: duplicate id")
        if raw["label"].casefold() in labels:
            raise VocabularyError(f"{where}.label: duplicate label {raw['label']!r}")
        by_id[raw["id"]] = raw
        labels.add(raw["label"].casefold())
    # Every parent link is checked before any walk up the tree, so that a word
    # listed before a broken ancestor cannot loop or fail with a KeyError.
    for raw in raws:
        _check_parent(raw, Level(raw["level"]), by_id, f"words[{raw['id']}]")
    words = []
    for raw in raws:
        where = f"words[{raw['id']}]"
        level = Level(raw["level"])
        family = _family_of(raw, by_id)
        neighbours: tuple[str, ...] = ()
        cues: tuple[BodyCue, ...] = ()
        if level is Level.SPECIFIC:
            neighbours = _check_neighbours(raw, by_id, where)
            cues = _check_cues(raw, where)
        words.append(
            Word(
                id=raw["id"],
                label=raw["label"],
                level=level,
                parent=raw["parent"],
                definition=raw["definition"],
                valence=float(raw["valence"]),
                arousal=float(raw["arousal"]),
                family=family,
                neighbours=neighbours,
                body_cues=cues,
            )
        )
    return Vocabulary(words)


_LEVELS = frozenset(level.value for level in Level)
_REQUIRED = {"id", "label", "level", "parent", "definition", "valence", "arousal"}
_SPECIFIC_ONLY = {"neighbours", "body_cues"}


def _check_raw(index: int, raw: Any) -> dict[str, Any]:
    where = f"words[{index}]"
    if not isinstance(raw, dict):
        raise VocabularyError(f"{where}: expected an object")
    word_id = raw.get("id")
    if not isinstance(word_id, str) or not _ID_RE.match(word_id):
        raise VocabularyError(f"{where}.id: expected a lower-case slug, got {word_id!r}")
    if word_id.startswith(USER_PREFIX):
        raise VocabularyError(f"{where}.id: the prefix {USER_PREFIX!r} is kept for users' words")
    where = f"words[{word_id}]"
    missing = _REQUIRED - raw.keys()
    if missing:
        raise VocabularyError(f"{where}: missing {', '.join(sorted(missing))}")
    level = raw["level"]
    if not isinstance(level, str) or level not in _LEVELS:
        raise VocabularyError(f"{where}.level: expected family, group or specific")
    allowed = _REQUIRED | (_SPECIFIC_ONLY if level == Level.SPECIFIC else set())
    unknown = raw.keys() - allowed
    if unknown:
        raise VocabularyError(f"{where}: unexpected field {', '.join(sorted(unknown))}")
    if level == Level.SPECIFIC and (_SPECIFIC_ONLY - raw.keys()):
        raise VocabularyError(f"{where}: a specific word needs neighbours and body_cues")
    for key in ("label", "definition"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise VocabularyError(f"{where}.{key}: expected non-empty text")
    if len(raw["label"]) > MAX_LABEL_LENGTH:
        raise VocabularyError(f"{where}.label: longer than {MAX_LABEL_LENGTH} characters")
    _check_number(raw["valence"], -1.0, 1.0, f"{where}.valence")
    _check_number(raw["arousal"], 0.0, 1.0, f"{where}.arousal")
    return raw


def _check_number(value: Any, low: float, high: float, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise VocabularyError(f"{where}: expected a number from {low:g} to {high:g}")


def _check_parent(
    raw: dict[str, Any], level: Level, by_id: dict[str, dict[str, Any]], where: str
) -> None:
    expected = _PARENT_LEVEL[level]
    parent = raw["parent"]
    if expected is None:
        if parent is not None:
            raise VocabularyError(f"{where}.parent: a family has no parent")
        return
    if not isinstance(parent, str) or parent not in by_id:
        raise VocabularyError(f"{where}.parent: unknown id {parent!r}")
    if by_id[parent]["level"] != expected:
        raise VocabularyError(f"{where}.parent: {parent!r} is not a {expected.value}")


def _family_of(raw: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    """The family id; every parent link has been checked (at most two steps up)."""
    family = raw
    while family["parent"] is not None:
        family = by_id[family["parent"]]
    return str(family["id"])


def _check_neighbours(
    raw: dict[str, Any], by_id: dict[str, dict[str, Any]], where: str
) -> tuple[str, ...]:
    neighbours = raw["neighbours"]
    if not isinstance(neighbours, list) or len(neighbours) < 2:
        raise VocabularyError(f"{where}.neighbours: expected at least two ids")
    if not all(isinstance(other, str) for other in neighbours):
        raise VocabularyError(f"{where}.neighbours: expected ids as text")
    if len(set(neighbours)) != len(neighbours):
        raise VocabularyError(f"{where}.neighbours: duplicate id")
    for i, other in enumerate(neighbours):
        if other == raw["id"]:
            raise VocabularyError(f"{where}.neighbours[{i}]: a word is not its own neighbour")
        if other not in by_id or by_id[other]["level"] != Level.SPECIFIC:
            raise VocabularyError(f"{where}.neighbours[{i}]: {other!r} is not a specific word")
    return tuple(neighbours)


def _check_cues(raw: dict[str, Any], where: str) -> tuple[BodyCue, ...]:
    cues = raw["body_cues"]
    if not isinstance(cues, list) or not cues:
        raise VocabularyError(f"{where}.body_cues: expected at least one cue")
    result = []
    for i, cue in enumerate(cues):
        if not isinstance(cue, dict) or set(cue) != {"area", "sensation"}:
            raise VocabularyError(f"{where}.body_cues[{i}]: expected area and sensation")
        if not isinstance(cue["area"], str) or cue["area"] not in AREA_IDS:
            raise VocabularyError(f"{where}.body_cues[{i}].area: unknown area {cue['area']!r}")
        if not isinstance(cue["sensation"], str) or cue["sensation"] not in SENSATION_IDS:
            raise VocabularyError(
                f"{where}.body_cues[{i}].sensation: unknown sensation {cue['sensation']!r}"
            )
        result.append(BodyCue(cue["area"], cue["sensation"]))
    if len(set(result)) != len(result):
        raise VocabularyError(f"{where}.body_cues: duplicate cue")
    return tuple(result)
