"""The shipped word-trainer scenarios, and the validator refusing broken documents."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.scenarios import (
    FORMAT_NAME,
    FORMAT_VERSION,
    Scenario,
    ScenarioError,
    by_word,
    load_scenarios,
    names_its_answer,
    parse_scenarios,
)
from emotrainer.core.vocabulary import Level, Vocabulary
from emotrainer.resources import asset

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
FAMILIES = {
    "joy", "calm", "love", "surprise", "sadness", "fear", "anger", "disgust", "shame",
    "detachment",
}  # fmt: skip


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return shipped_vocabulary()


@pytest.fixture(scope="module")
def scenarios(vocabulary: Vocabulary) -> tuple[Scenario, ...]:
    return load_scenarios(asset("trainer", "scenarios.json"), vocabulary)


def _family(scenario: Scenario, vocabulary: Vocabulary) -> str:
    """A scenario counts for the family of its first best word."""
    return vocabulary.get(scenario.best[0]).family


# -- the shipped file ----------------------------------------------------------


def test_shipped_file_loads_and_is_big_enough(scenarios: tuple[Scenario, ...]) -> None:
    assert len(scenarios) >= 64


def test_ids_unique_and_slugs() -> None:
    data = json.loads(asset("trainer", "scenarios.json").read_text(encoding="utf-8"))
    ids = [raw["id"] for raw in data["scenarios"]]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []


def test_every_family_is_covered(scenarios: tuple[Scenario, ...], vocabulary: Vocabulary) -> None:
    counts = Counter(_family(s, vocabulary) for s in scenarios)
    assert {f.id for f in vocabulary.families} == FAMILIES
    assert {f: counts[f] for f in FAMILIES if counts[f] < 4} == {}
    assert counts["detachment"] >= 8


def test_many_distinct_best_words(scenarios: tuple[Scenario, ...]) -> None:
    assert len({word_id for s in scenarios for word_id in s.best}) >= 60


def test_words_are_specific_and_lists_disjoint(
    scenarios: tuple[Scenario, ...], vocabulary: Vocabulary
) -> None:
    for s in scenarios:
        assert 1 <= len(s.best) <= 3 and 1 <= len(s.alternatives) <= 3, s.id
        assert not set(s.best) & set(s.alternatives), s.id
        for word_id in (*s.best, *s.alternatives):
            assert vocabulary.get(word_id).level is Level.SPECIFIC, (s.id, word_id)


def test_no_scenario_names_its_answer(
    scenarios: tuple[Scenario, ...], vocabulary: Vocabulary
) -> None:
    named = [
        (s.id, word_id)
        for s in scenarios
        for word_id in s.best
        if names_its_answer(s.text, vocabulary.get(word_id).label)
    ]
    assert named == []


def test_no_scenario_names_its_alternatives(
    scenarios: tuple[Scenario, ...], vocabulary: Vocabulary
) -> None:
    named = [
        (s.id, word_id)
        for s in scenarios
        for word_id in s.alternatives
        if names_its_answer(s.text, vocabulary.get(word_id).label)
    ]
    assert named == []


def test_texts_are_short_second_person(scenarios: tuple[Scenario, ...]) -> None:
    for s in scenarios:
        assert len(s.text) <= 220 and s.text == s.text.strip(), s.id
        assert re.search(r"\byour?\b", s.text, re.IGNORECASE), s.id
        assert s.text[0].isupper() and s.text[-1] in ".'", s.id
        assert len(re.findall(r"[.!?]['’]?(?:\s|$)", s.text)) <= 2, s.id


def test_explanations_are_one_sentence(scenarios: tuple[Scenario, ...]) -> None:
    for s in scenarios:
        assert len(s.why) <= 240 and s.why[0].isupper() and s.why.endswith("."), s.id
        assert not re.search(r"[.!?]\s", s.why[:-1]), s.id


def test_by_word_keeps_file_order(scenarios: tuple[Scenario, ...]) -> None:
    index = by_word(scenarios)
    assert set(index) == {word_id for s in scenarios for word_id in s.best}
    for word_id, found in index.items():
        assert all(word_id in s.best for s in found)
        positions = [scenarios.index(s) for s in found]
        assert positions == sorted(positions)


def test_by_word_lists_a_scenario_under_each_of_its_best_words(vocabulary: Vocabulary) -> None:
    doc = _document()
    doc["scenarios"].append(
        _entry("both", "You get the flat you wanted.", ["elated", "thrilled"], ["happy"])
    )
    found = parse_scenarios(doc, vocabulary)
    index = by_word(found)
    assert [s.id for s in index["elated"]] == ["both"]
    assert [s.id for s in index["thrilled"]] == ["both"]
    assert [s.id for s in index["worried"]] == ["late_bus"]


# -- names_its_answer ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("You feel anxious.", "Anxious"),
        ("Your anxiety rises.", "Anxious"),  # a listed relative of "anxious"
        ("You wait anxiously.", "Anxious"),  # five-letter stem "anxio"
        ("A wave of loneliness.", "Lonely"),
        ("What a shame.", "Ashamed"),
        ("You swallow your pride.", "Proud"),
        ("You hope so.", "Hopeful"),
        ("Still hoping.", "Hopeful"),
        ("Calm.", "Calm"),
        ("You answer calmly.", "Calm"),  # decided: an adverb gives the answer away
        ("Such sadness.", "Sad"),
        ("It gets sadder.", "Sad"),
        ("The office is shutting down.", "Shut down"),
        ("A creepy message.", "Creeped out"),  # a long word of the label on its own
        ("You are LEFT OUT again.", "Left out"),
        ("A self-loathing voice.", "Self-loathing"),
        ("Everything seems unreal.", "Unreal"),
    ],
)
def test_names_its_answer_finds_the_label_and_its_forms(text: str, label: str) -> None:
    assert names_its_answer(text, label)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("It feels very real.", "Unreal"),  # stems grow forward only
        ("Are you sure?", "Unsure"),
        ("You ask for help.", "Helpless"),
        ("You go out for a walk.", "Left out"),  # a short word alone is not the label
        ("You shut the door.", "Shut down"),
        ("You do it with ease.", "At ease"),
        ("Your card is declined.", "Caring"),  # "card" is not a form of "care"
        ("A sadistic plot twist.", "Sad"),  # a short word does not match inside a word
        ("The glade is quiet.", "Glad"),
        ("", "Anxious"),
        ("You feel anxious.", ""),
    ],
)
def test_names_its_answer_leaves_other_words_alone(text: str, label: str) -> None:
    assert not names_its_answer(text, label)


# -- the validator on broken documents ------------------------------------------


def _entry(scenario_id: str, text: str, best: list[str], alternatives: list[str]) -> dict[str, Any]:
    return {
        "id": scenario_id,
        "text": text,
        "best": best,
        "alternatives": alternatives,
        "why": "Because it fits.",
    }


def _document() -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "scenarios": [
            _entry("late_bus", "Your bus is late again.", ["worried"], ["nervous"]),
            _entry("snow_day", "You wake to snow.", ["playful", "delighted"], ["happy", "eager"]),
        ],
    }


def test_the_hand_made_document_is_valid(vocabulary: Vocabulary) -> None:
    found = parse_scenarios(_document(), vocabulary)
    assert [s.id for s in found] == ["late_bus", "snow_day"]
    assert found[1] == Scenario(
        "snow_day", "You wake to snow.", ("playful", "delighted"), ("happy", "eager"),
        "Because it fits.",
    )  # fmt: skip


def _first(doc: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = doc["scenarios"][0]
    return entry


BREAKAGES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown word": (
        lambda d: _first(d).update(best=["xyz"]),
        "scenarios[late_bus].best[0]: 'xyz' is not a specific word",
    ),
    "group word as best": (
        lambda d: _first(d).update(best=["uneasy"]),
        "scenarios[late_bus].best[0]: 'uneasy' is not a specific word",
    ),
    "family word as alternative": (
        lambda d: _first(d).update(alternatives=["nervous", "fear"]),
        "scenarios[late_bus].alternatives[1]: 'fear' is not a specific word",
    ),
    "word id not text": (
        lambda d: _first(d).update(best=[7]),
        "scenarios[late_bus].best[0]: 7 is not a specific word",
    ),
    "empty best": (
        lambda d: _first(d).update(best=[]),
        "scenarios[late_bus].best: expected 1 to 3 word ids",
    ),
    "four best": (
        lambda d: _first(d).update(best=["worried", "anxious", "apprehensive", "on_edge"]),
        "scenarios[late_bus].best: expected 1 to 3 word ids",
    ),
    "best not a list": (
        lambda d: _first(d).update(best="worried"),
        "scenarios[late_bus].best: expected 1 to 3 word ids",
    ),
    "duplicate best": (
        lambda d: _first(d).update(best=["worried", "worried"]),
        "scenarios[late_bus].best: duplicate id",
    ),
    "empty alternatives": (
        lambda d: _first(d).update(alternatives=[]),
        "scenarios[late_bus].alternatives: expected 1 to 3 word ids",
    ),
    "overlap": (
        lambda d: _first(d).update(alternatives=["nervous", "worried"]),
        "scenarios[late_bus].alternatives[1]: 'worried' is also a best word",
    ),
    "missing field": (
        lambda d: _first(d).pop("why"),
        "scenarios[late_bus]: missing why",
    ),
    "extra field": (
        lambda d: _first(d).update(hint="think of buses"),
        "scenarios[late_bus]: unexpected field hint",
    ),
    "text names its answer": (
        lambda d: _first(d).update(text="You feel anxious.", best=["anxious"]),
        "scenarios[late_bus].text: names its answer 'Anxious' (best[0])",
    ),
    "text names a form of its answer": (
        lambda d: _first(d).update(text="Your anxiety rises.", best=["worried", "anxious"]),
        "scenarios[late_bus].text: names its answer 'Anxious' (best[1])",
    ),
    "wrong format": (
        lambda d: d.update(format="emotrainer-vocabulary"),
        "format: expected 'emotrainer-scenarios'",
    ),
    "wrong version": (
        lambda d: d.update(version=2),
        "version: expected 1",
    ),
    "no scenarios": (
        lambda d: d.update(scenarios=[]),
        "scenarios: expected a non-empty list",
    ),
    "entry not an object": (
        lambda d: d["scenarios"].append("You are late."),
        "scenarios[2]: expected an object",
    ),
    "bad id": (
        lambda d: _first(d).update(id="Late Bus"),
        "scenarios[0].id: expected a lower-case slug, got 'Late Bus'",
    ),
    "duplicate id": (
        lambda d: d["scenarios"].append(copy.deepcopy(_first(d))),
        "scenarios[late_bus]: duplicate id",
    ),
    "empty text": (
        lambda d: _first(d).update(text="   "),
        "scenarios[late_bus].text: expected non-empty text",
    ),
    "too long text": (
        lambda d: _first(d).update(text="You wait. " * 23),
        "scenarios[late_bus].text: longer than 220 characters",
    ),
    "too long why": (
        lambda d: _first(d).update(why="It fits. " * 27),
        "scenarios[late_bus].why: longer than 240 characters",
    ),
    "why not text": (
        lambda d: _first(d).update(why=None),
        "scenarios[late_bus].why: expected non-empty text",
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_broken_document_is_refused_naming_the_place(name: str, vocabulary: Vocabulary) -> None:
    breakage, message = BREAKAGES[name]
    doc = _document()
    breakage(doc)
    with pytest.raises(ScenarioError) as caught:
        parse_scenarios(doc, vocabulary)
    assert str(caught.value) == message


def test_top_level_must_be_an_object(vocabulary: Vocabulary) -> None:
    with pytest.raises(ScenarioError, match=r"^top level: expected an object$"):
        parse_scenarios([], vocabulary)


def test_load_prefixes_the_path(tmp_path: Path, vocabulary: Vocabulary) -> None:
    doc = _document()
    _first(doc)["best"] = ["nosuch"]
    path = tmp_path / "scenarios.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenarios(path, vocabulary)
    assert (
        str(caught.value) == f"{path}: scenarios[late_bus].best[0]: 'nosuch' is not a specific word"
    )


def test_load_reports_unreadable_files(tmp_path: Path, vocabulary: Vocabulary) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ScenarioError, match="cannot read the scenarios"):
        load_scenarios(broken, vocabulary)
    with pytest.raises(ScenarioError, match="cannot read the scenarios"):
        load_scenarios(tmp_path / "missing.json", vocabulary)
