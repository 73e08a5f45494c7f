"""Trainer questions: distractors from near neighbours, every kind, feedback that teaches."""

from __future__ import annotations

import random

import pytest

from emotrainer.content import shipped_scenarios, shipped_vocabulary
from emotrainer.core.differences import difference
from emotrainer.core.questions import (
    CHOICES,
    QuestionError,
    distractors,
    judge,
    make_question,
)
from emotrainer.core.scenarios import Scenario
from emotrainer.core.srs import CardKind, Grade
from emotrainer.core.training import Planned, trainable_kinds
from emotrainer.core.vocabulary import Level, user_word

V = shipped_vocabulary()
SCENARIOS = shipped_scenarios()


def ask(word: str, kind: CardKind, seed: int = 1, seen: int = 0):  # type: ignore[no-untyped-def]
    return make_question(Planned(word, kind, True), V, SCENARIOS, random.Random(seed), seen)


def test_distractors_are_the_near_neighbours_first_in_their_order() -> None:
    word = V.get("anxious")
    found = distractors(word, V, 3)
    assert [w.id for w in found] == list(word.neighbours[:3])


def test_distractors_fall_back_to_the_group_then_the_family() -> None:
    word = V.get("anxious")
    found = distractors(word, V, len(word.neighbours) + 2)
    rest = found[len(word.neighbours) :]
    assert all(w.level is Level.SPECIFIC for w in found)
    assert all(w.parent == word.parent or w.family == word.family for w in rest)
    assert word not in found and len({w.id for w in found}) == len(found)


def test_every_word_can_be_asked_in_every_kind_it_trains() -> None:
    for word in V:
        for kind in trainable_kinds(word, SCENARIOS.keys()):
            q = ask(word.id, kind)
            keys = [o.key for o in q.options]
            assert len(keys) == len(set(keys)) == (2 if kind is CardKind.CONTRAST else CHOICES)
            assert word.id in q.right and q.right <= set(keys)
            assert not q.close & q.right
            assert q.prompt and q.ask


def test_definition_to_word_shows_the_meaning_and_offers_labels() -> None:
    q = ask("anxious", CardKind.DEFINITION_TO_WORD)
    assert q.prompt == V.get("anxious").definition
    assert {o.text for o in q.options} == {V.get(o.key).label for o in q.options}
    neighbours = set(V.get("anxious").neighbours)
    assert len({o.key for o in q.options} & neighbours) == CHOICES - 1


def test_word_to_definition_offers_meanings() -> None:
    q = ask("numb", CardKind.WORD_TO_DEFINITION)
    assert q.prompt == V.get("numb").label
    assert {o.text for o in q.options} == {V.get(o.key).definition for o in q.options}


def test_contrast_pairs_a_word_with_its_neighbours_in_turn() -> None:
    word = V.get("anxious")
    seen = [ask("anxious", CardKind.CONTRAST, seen=i) for i in range(len(word.neighbours))]
    others = [next(o.key for o in q.options if o.key != "anxious") for q in seen]
    assert others == list(word.neighbours)
    assert all(q.prompt == word.definition for q in seen)


def test_body_cues_question_never_offers_a_word_with_the_very_same_cues() -> None:
    for word in V:
        if word.level is not Level.SPECIFIC:
            continue
        q = ask(word.id, CardKind.BODY_TO_WORD)
        for option in q.options:
            if option.key != word.id:
                assert set(V.get(option.key).body_cues) != set(word.body_cues)
        assert q.prompt.endswith(".") and q.prompt[0].isupper()


def test_scenario_question_offers_one_alternative_as_close() -> None:
    word_id, own = next(iter(SCENARIOS.items()))
    q = ask(word_id, CardKind.SCENARIO_TO_WORD)
    scenario = own[0]
    assert q.prompt == scenario.text and q.why == scenario.why
    assert q.close and q.close <= set(scenario.alternatives)
    chosen_alternative = next(iter(q.close))
    feedback = judge(q, chosen_alternative, V)
    assert feedback.close and not feedback.right and feedback.suggested is Grade.HARD
    assert scenario.why in feedback.lines


def test_a_word_with_no_scenario_or_gone_from_the_vocabulary_cannot_be_asked() -> None:
    lonely = next(w for w in V if w.level is Level.SPECIFIC and w.id not in SCENARIOS)
    with pytest.raises(QuestionError):
        ask(lonely.id, CardKind.SCENARIO_TO_WORD)
    with pytest.raises(QuestionError):
        ask("user_gone", CardKind.DEFINITION_TO_WORD)


def test_the_same_seed_gives_the_same_order() -> None:
    a = ask("anxious", CardKind.DEFINITION_TO_WORD, seed=3)
    b = ask("anxious", CardKind.DEFINITION_TO_WORD, seed=3)
    assert a == b
    orders = {
        tuple(o.key for o in ask("anxious", CardKind.DEFINITION_TO_WORD, s).options)
        for s in range(20)
    }
    assert len(orders) > 1  # the right answer does not always sit in the same place


def test_feedback_for_a_right_answer_gives_the_meaning() -> None:
    q = ask("anxious", CardKind.DEFINITION_TO_WORD)
    feedback = judge(q, "anxious", V)
    assert feedback.right and feedback.suggested is Grade.GOT_IT
    assert feedback.lines[0] == f"“Anxious”: {V.get('anxious').definition}"
    # and what tells it from the closest word on offer, its first neighbour
    closest = V.get(V.get("anxious").neighbours[0])
    assert feedback.lines[1] == f"Close to it, “{closest.label}”: {closest.definition}"
    assert feedback.lines[2] == difference(V.get("anxious"), closest, V)


def test_feedback_for_another_word_teaches_both_meanings_and_the_difference() -> None:
    q = ask("anxious", CardKind.DEFINITION_TO_WORD)
    other = next(o.key for o in q.options if o.key != "anxious")
    feedback = judge(q, other, V)
    assert not feedback.right and feedback.suggested is Grade.MISSED
    assert V.get(other).definition in feedback.lines[1]
    assert feedback.lines[2] == difference(V.get("anxious"), V.get(other), V)
    text = " ".join((feedback.verdict, feedback.lines[2])).lower()  # the app's own words
    for harsh in ("wrong", "fail", "incorrect", "bad answer"):
        assert harsh not in text


def test_the_users_own_words_are_asked_with_their_own_definition() -> None:
    own = user_word("user_1", "Wabi-sabi", "Quiet acceptance of imperfect things.", "calm", V)
    vocabulary = V.with_user_words([own])
    q = make_question(
        Planned("user_1", CardKind.DEFINITION_TO_WORD, True), vocabulary, {}, random.Random(1)
    )
    assert q.prompt == own.definition
    others = [vocabulary.get(o.key) for o in q.options if o.key != "user_1"]
    assert all(w.family == "calm" for w in others)


def test_a_scenario_with_two_best_words_accepts_either() -> None:
    scenario = Scenario("two", "You finish the race.", ("proud", "relieved"), ("glad",), "Both.")
    q = make_question(
        Planned("proud", CardKind.SCENARIO_TO_WORD, True),
        V,
        {"proud": (scenario,)},
        random.Random(1),
    )
    keys = {o.key for o in q.options}
    assert "proud" in q.right and "glad" in q.close
    assert "relieved" not in keys or "relieved" in q.right
