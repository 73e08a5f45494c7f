"""The shipped vocabulary, and the validator refusing broken documents."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from typing import Any

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.body import AREA_IDS, SENSATION_IDS
from emotrainer.core.vocabulary import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Level,
    Vocabulary,
    VocabularyError,
    load_vocabulary,
    parse_vocabulary,
    user_word,
    validate_user_label,
)
from emotrainer.resources import asset

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
DETACHMENT_WORDS = {
    "numb", "empty", "flat", "foggy", "distant", "detached", "unreal", "shut_down", "frozen",
}  # fmt: skip


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return shipped_vocabulary()


@pytest.fixture(scope="module")
def raw_words() -> list[dict[str, Any]]:
    data = json.loads(asset("vocabulary", "vocabulary.json").read_text(encoding="utf-8"))
    words: list[dict[str, Any]] = data["words"]
    return words


# -- the shipped file ----------------------------------------------------------


def test_shipped_file_loads_through_the_validator() -> None:
    loaded = load_vocabulary(asset("vocabulary", "vocabulary.json"))
    assert len(loaded) == len(shipped_vocabulary())


def test_size_and_families(vocabulary: Vocabulary) -> None:
    assert len(vocabulary) >= 130
    assert len(vocabulary.families) >= 7
    assert all(f.level is Level.FAMILY and f.parent is None for f in vocabulary.families)


def test_detachment_family_has_the_words_numbness_needs(vocabulary: Vocabulary) -> None:
    in_family = {w.id for w in vocabulary if w.family == "detachment"}
    assert vocabulary.get("detachment").level is Level.FAMILY
    assert in_family >= DETACHMENT_WORDS


def test_ids_unique_and_slugs(raw_words: list[dict[str, Any]]) -> None:
    ids = [w["id"] for w in raw_words]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert duplicates == []
    assert [i for i in ids if not SLUG.match(i)] == []


def test_labels_unique_ignoring_case(vocabulary: Vocabulary) -> None:
    labels = Counter(w.label.casefold() for w in vocabulary)
    assert [label for label, n in labels.items() if n > 1] == []


def test_every_specific_word_has_neighbours_and_cues(vocabulary: Vocabulary) -> None:
    for word in vocabulary.at_level(Level.SPECIFIC):
        assert len(word.neighbours) >= 2, word.id
        assert len(word.body_cues) >= 1, word.id
        for other in word.neighbours:
            assert vocabulary.get(other).level is Level.SPECIFIC, (word.id, other)
        for cue in word.body_cues:
            assert cue.area in AREA_IDS and cue.sensation in SENSATION_IDS, (word.id, cue)


def test_tree_levels_and_ranges(vocabulary: Vocabulary) -> None:
    for word in vocabulary:
        if word.parent is not None:
            assert vocabulary.get(word.parent).level.depth == word.level.depth - 1, word.id
        assert vocabulary.get(word.family).level is Level.FAMILY
        assert -1.0 <= word.valence <= 1.0 and 0.0 <= word.arousal <= 1.0, word.id


def test_definitions_are_one_plain_sentence(vocabulary: Vocabulary) -> None:
    for word in vocabulary:
        text = word.definition
        assert text[0].isupper() and text.endswith("."), (word.id, text)
        # one sentence: no sentence end before the final full stop
        assert not re.search(r"[.!?]\s", text[:-1]), (word.id, text)
        assert "\n" not in text and len(text) <= 200, word.id


# -- the validator on broken documents ----------------------------------------------


def _document() -> dict[str, Any]:
    """A small valid document: one family, one group, three specific words."""

    def specific(word_id: str, neighbours: list[str]) -> dict[str, Any]:
        return {
            "id": word_id,
            "label": word_id.title(),
            "level": "specific",
            "parent": "grp",
            "definition": f"A feeling called {word_id}.",
            "valence": -0.2,
            "arousal": 0.3,
            "neighbours": neighbours,
            "body_cues": [{"area": "chest", "sensation": "tight"}],
        }

    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "words": [
            {"id": "fam", "label": "Fam", "level": "family", "parent": None,
             "definition": "A family.", "valence": 0, "arousal": 0.5},
            {"id": "grp", "label": "Grp", "level": "group", "parent": "fam",
             "definition": "A group.", "valence": 0, "arousal": 0.5},
            specific("alpha", ["beta", "gamma"]),
            specific("beta", ["alpha", "gamma"]),
            specific("gamma", ["alpha", "beta"]),
        ],
    }  # fmt: skip


def _word(doc: dict[str, Any], word_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(w for w in doc["words"] if w["id"] == word_id)
    return found


def test_the_hand_made_document_is_valid() -> None:
    vocab = parse_vocabulary(_document())
    assert len(vocab) == 5
    assert vocab.get("alpha").family == "fam"
    assert [w.id for w in vocab.children("grp")] == ["alpha", "beta", "gamma"]


def _duplicate_id(doc: dict[str, Any]) -> None:
    doc["words"].append(copy.deepcopy(_word(doc, "alpha")) | {"label": "Other"})


def _unknown_parent(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["parent"] = "nosuch"


def _wrong_parent_level(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["parent"] = "fam"  # a specific word under a family


def _neighbour_not_specific(doc: dict[str, Any]) -> None:
    _word(doc, "gamma")["neighbours"] = ["alpha", "grp"]


def _neighbour_unknown(doc: dict[str, Any]) -> None:
    _word(doc, "gamma")["neighbours"] = ["alpha", "zeta"]


def _one_neighbour(doc: dict[str, Any]) -> None:
    _word(doc, "gamma")["neighbours"] = ["alpha"]


def _unknown_area(doc: dict[str, Any]) -> None:
    _word(doc, "alpha")["body_cues"] = [{"area": "elbow", "sensation": "tight"}]


def _unknown_sensation(doc: dict[str, Any]) -> None:
    _word(doc, "alpha")["body_cues"] = [{"area": "chest", "sensation": "sparkly"}]


def _no_cues(doc: dict[str, Any]) -> None:
    _word(doc, "alpha")["body_cues"] = []


def _missing_definition(doc: dict[str, Any]) -> None:
    del _word(doc, "beta")["definition"]


def _valence_too_big(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["valence"] = 1.5


def _valence_not_a_number(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["valence"] = "high"


def _valence_boolean(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["valence"] = True


def _bad_level(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["level"] = "tiny"


def _level_not_text(doc: dict[str, Any]) -> None:
    _word(doc, "beta")["level"] = ["specific"]


def _family_with_parent(doc: dict[str, Any]) -> None:
    _word(doc, "fam")["parent"] = "grp"


def _broken_ancestor_listed_late(doc: dict[str, Any]) -> None:
    # The specific words come first; their group's parent is unknown. The
    # validator once walked up the tree before checking it (KeyError).
    doc["words"].append(doc["words"].pop(1))
    _word(doc, "grp")["parent"] = "nosuch"


def _ancestor_cycle_listed_late(doc: dict[str, Any]) -> None:
    # grp's parent is a specific word whose parent is grp: a cycle that the
    # old walk up the tree never left.
    doc["words"].append(doc["words"].pop(1))
    _word(doc, "grp")["parent"] = "alpha"


def _neighbours_to_specific_field_on_group(doc: dict[str, Any]) -> None:
    _word(doc, "grp")["neighbours"] = ["alpha", "beta"]


@pytest.mark.parametrize(
    ("break_it", "expected"),
    [
        (_duplicate_id, r"^words\[alpha\]: duplicate id"),
        (_unknown_parent, r"^words\[beta\]\.parent: unknown id 'nosuch'"),
        (_wrong_parent_level, r"^words\[beta\]\.parent: 'fam' is not a group"),
        (_neighbour_not_specific, r"^words\[gamma\]\.neighbours\[1\]: 'grp' is not a specific"),
        (_neighbour_unknown, r"^words\[gamma\]\.neighbours\[1\]: 'zeta'"),
        (_one_neighbour, r"^words\[gamma\]\.neighbours: expected at least two"),
        (_unknown_area, r"^words\[alpha\]\.body_cues\[0\]\.area: unknown area 'elbow'"),
        (_unknown_sensation, r"^words\[alpha\]\.body_cues\[0\]\.sensation: unknown"),
        (_no_cues, r"^words\[alpha\]\.body_cues: expected at least one"),
        (_missing_definition, r"^words\[beta\]: missing definition"),
        (_valence_too_big, r"^words\[beta\]\.valence: expected a number from -1 to 1"),
        (_valence_not_a_number, r"^words\[beta\]\.valence: expected a number"),
        (_valence_boolean, r"^words\[beta\]\.valence: expected a number"),
        (_bad_level, r"^words\[beta\]\.level: expected family, group or specific"),
        (_level_not_text, r"^words\[beta\]\.level: expected family, group or specific"),
        (_family_with_parent, r"^words\[fam\]\.parent: a family has no parent"),
        (_broken_ancestor_listed_late, r"^words\[grp\]\.parent: unknown id 'nosuch'"),
        (_ancestor_cycle_listed_late, r"^words\[grp\]\.parent: 'alpha' is not a family"),
        (_neighbours_to_specific_field_on_group, r"^words\[grp\]: unexpected field neighbours"),
    ],
)
def test_parse_vocabulary_refuses_and_names_the_entry(break_it: Any, expected: str) -> None:
    doc = _document()
    break_it(doc)
    with pytest.raises(VocabularyError, match=expected):
        parse_vocabulary(doc)


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ([], r"^top level: expected an object"),
        ({"format": "other", "version": 1, "words": []}, r"^format:"),
        ({"format": FORMAT_NAME, "version": 2, "words": []}, r"^version:"),
        ({"format": FORMAT_NAME, "version": 1, "words": []}, r"^words: expected a non-empty"),
        ({"format": FORMAT_NAME, "version": 1, "words": [{"id": "Bad Id"}]}, r"^words\[0\]\.id"),
    ],
)
def test_parse_vocabulary_refuses_bad_top_levels(doc: Any, expected: str) -> None:
    with pytest.raises(VocabularyError, match=expected):
        parse_vocabulary(doc)


def test_load_vocabulary_names_the_file(tmp_path: Any) -> None:
    path = tmp_path / "vocabulary.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(VocabularyError, match=re.escape(str(path))):
        load_vocabulary(path)


# -- the user's own words ------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "reason"),
    [
        ("", "at least one letter"),
        ("   \t ", "at least one letter"),
        ("x" * 200, "at most 40 characters"),
        ("Numb", "already in your words"),
        ("nUMB", "already in your words"),
        ("  shut   down ", "already in your words"),
    ],
)
def test_validate_user_label_refuses_with_a_reason(
    label: str, reason: str, vocabulary: Vocabulary
) -> None:
    with pytest.raises(VocabularyError, match=reason):
        validate_user_label(label, vocabulary)


def test_validate_user_label_cleans_spaces(vocabulary: Vocabulary) -> None:
    assert validate_user_label("  bitter \t  sweet  ", vocabulary) == "bitter sweet"


def test_validate_user_label_sees_existing_user_words(vocabulary: Vocabulary) -> None:
    own = user_word("user_1", "Wabi-sabi", "Quiet acceptance.", "calm", vocabulary)
    widened = vocabulary.with_user_words([own])
    with pytest.raises(VocabularyError, match="already"):
        validate_user_label("WABI-SABI", widened)
    assert widened.get("user_1").is_user
    assert widened.get("user_1").family == "calm"
    assert widened.get("user_1").valence == vocabulary.get("calm").valence
