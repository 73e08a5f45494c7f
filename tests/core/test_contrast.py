"""Unpack a feeling: the contrast walk down the word tree (no Qt)."""

from __future__ import annotations

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.contrast import (
    ContrastError,
    ContrastWalk,
    broad_words,
    find_broad,
)
from emotrainer.core.flow_defs import FLOWS
from emotrainer.core.flows import PATH_MAX, FlowState, validate_answer
from emotrainer.core.vocabulary import Level, Vocabulary, Word, user_word

VOCAB = shipped_vocabulary()
STEP = FLOWS["unpack"].step("contrast")


def _group_with(count: int) -> Word:
    """A shipped group with ``count`` specific words under it."""
    for word in VOCAB.at_level(Level.GROUP):
        if len(VOCAB.children(word.id)) == count:
            return word
    raise AssertionError(f"no group with {count} children")


def _first_all_the_way(walk: ContrastWalk) -> ContrastWalk:
    while walk.question is not None:
        walk = walk.choose(walk.question.options[0].id)
    return walk


def _with_own_words(family_id: str, *labels: str) -> Vocabulary:
    own = [
        user_word(f"user_{i}", label, f"My own word number {i}.", family_id, VOCAB)
        for i, label in enumerate(labels, 1)
    ]
    return VOCAB.with_user_words(own)


# -- starting -----------------------------------------------------------------------


def test_a_walk_starts_at_a_family_or_a_group() -> None:
    walk = ContrastWalk.start(VOCAB, "sadness")
    assert walk.path == ("sadness",)
    assert walk.current.id == "sadness"
    assert not walk.done and not walk.can_back
    group = VOCAB.children("sadness")[0]
    assert ContrastWalk.start(VOCAB, group.id).path == (group.id,)


@pytest.mark.parametrize("word_id", ["sad", "no_such_word", ""])
def test_a_walk_does_not_start_at_a_specific_or_unknown_word(word_id: str) -> None:
    with pytest.raises(ContrastError):
        ContrastWalk.start(VOCAB, word_id)


def test_broad_words_are_the_families_and_their_groups_in_tree_order() -> None:
    words = broad_words(VOCAB)
    expected = [w for w in VOCAB if w.level is not Level.SPECIFIC]
    assert sorted(w.id for w in words) == sorted(w.id for w in expected)
    assert words[0] is VOCAB.families[0]
    assert words[1].parent == VOCAB.families[0].id


def test_find_broad_matches_labels_and_ids_ignoring_case_and_spaces() -> None:
    family = VOCAB.families[4]
    group = VOCAB.children(family.id)[1]
    assert find_broad(VOCAB, f"  {family.label.upper()} ") is family
    assert find_broad(VOCAB, group.label.lower()) is group
    assert find_broad(VOCAB, group.id) is group
    specific = VOCAB.children(group.id)[0]
    assert find_broad(VOCAB, specific.label) is None  # not a starting word
    assert find_broad(VOCAB, "   ") is None


# -- the knockout ---------------------------------------------------------------------


@pytest.mark.parametrize("family", VOCAB.families, ids=lambda w: w.id)
def test_every_family_can_be_walked_down_to_a_specific_word(family: Word) -> None:
    for pick in (0, 1):  # always the first option, or always the second
        walk = ContrastWalk.start(VOCAB, family.id)
        while walk.question is not None:
            options = walk.question.options
            walk = walk.choose(options[min(pick, len(options) - 1)].id)
        assert walk.reached and walk.done and not walk.stopped
        assert walk.current.level is Level.SPECIFIC
        assert [w.level for w in walk.words] == [Level.FAMILY, Level.GROUP, Level.SPECIFIC]
        assert validate_answer(STEP, walk.answer(5)) == {"path": list(walk.path), "intensity": 5}


@pytest.mark.parametrize("word", broad_words(VOCAB), ids=lambda w: w.id)
def test_the_knockout_shows_every_sibling_once(word: Word) -> None:
    children = [w.id for w in VOCAB.children(word.id)]
    for pick in (0, 1):
        walk = ContrastWalk.start(VOCAB, word.id)
        introduced: list[str] = []
        questions = 0
        while len(walk.path) == 1:
            assert walk.question is not None
            held = walk.held
            ids = walk.question.ids()
            introduced += [i for i in ids if i != held]
            if held is not None:
                assert ids[0] == held  # the winner stays and meets the next child
            questions += 1
            walk = walk.choose(ids[pick])
        assert introduced == children  # each once, in order
        assert questions == len(children) - 1
        assert walk.path[-1] == ids[pick]  # the last winner is the closer word


def test_each_question_offers_the_held_word_against_the_next() -> None:
    group = _group_with(4)
    a, b, c, d = (w.id for w in VOCAB.children(group.id))
    walk = ContrastWalk.start(VOCAB, group.id)
    assert walk.question is not None and walk.question.ids() == (a, b)
    assert walk.question.is_pair and walk.still_waiting == 2
    walk = walk.choose(b)
    assert walk.question is not None and walk.question.ids() == (b, c)
    assert walk.still_waiting == 1
    walk = walk.choose(c)
    assert walk.question is not None and walk.question.ids() == (c, d)
    assert walk.still_waiting == 0
    walk = walk.choose(c)
    assert walk.path == (group.id, c) and walk.reached and walk.question is None


def test_choosing_a_word_not_asked_about_is_refused() -> None:
    group = _group_with(4)
    children = [w.id for w in VOCAB.children(group.id)]
    walk = ContrastWalk.start(VOCAB, group.id)
    with pytest.raises(ContrastError):
        walk.choose(children[2])  # waiting, but not asked yet
    with pytest.raises(ContrastError):
        walk.choose(group.id)
    done = _first_all_the_way(walk)
    with pytest.raises(ContrastError):
        done.choose(done.path[-1])
    with pytest.raises(ContrastError):
        done.neither()


def test_neither_goes_on_with_the_next_pair_then_a_single_then_rests() -> None:
    group = _group_with(5)
    a, b, c, d, e = (w.id for w in VOCAB.children(group.id))
    walk = ContrastWalk.start(VOCAB, group.id)
    assert walk.question is not None and walk.question.ids() == (a, b)
    walk = walk.neither()
    assert walk.question is not None and walk.question.ids() == (c, d)
    walk = walk.neither()
    assert walk.question is not None and walk.question.ids() == (e,)
    assert not walk.question.is_pair
    rested = walk.neither()
    assert rested.question is None and rested.exhausted and not rested.done
    assert rested.path == (group.id,)
    with pytest.raises(ContrastError):
        rested.neither()
    assert rested.stop().done  # resting is not an error: stopping there is fine
    # A single word asked about alone can be chosen: it is the closer word.
    assert walk.choose(e).path == (group.id, e)


def test_neither_sets_the_held_word_aside_too() -> None:
    group = _group_with(4)
    a, b, c, d = (w.id for w in VOCAB.children(group.id))
    walk = ContrastWalk.start(VOCAB, group.id).choose(a)
    assert walk.question is not None and walk.question.ids() == (a, c)  # b is out
    assert b not in walk.waiting
    walk = walk.neither()
    assert walk.held is None
    assert walk.question is not None and walk.question.ids() == (d,)


def test_a_word_with_one_child_asks_about_it_alone() -> None:
    family = VOCAB.get("sadness")
    group = VOCAB.children(family.id)[0]
    only = VOCAB.children(group.id)[0]
    # A tiny tree: the family has one group, which has one word.
    tiny = Vocabulary([family, group, only])
    walk = ContrastWalk.start(tiny, family.id)
    assert walk.question is not None and walk.question.ids() == (group.id,)
    walk = walk.choose(group.id)
    assert walk.question is not None and walk.question.ids() == (only.id,)
    assert walk.choose(only.id).path == (family.id, group.id, only.id)
    assert walk.neither().exhausted  # "not quite": stay at the group
    assert walk.stop().path == (family.id, group.id)


# -- stopping and going back --------------------------------------------------------------


@pytest.mark.parametrize("depth", [1, 2])
def test_stopping_at_a_broad_level_is_a_valid_answer(depth: int) -> None:
    walk = ContrastWalk.start(VOCAB, "anger")
    while len(walk.path) < depth:
        assert walk.question is not None
        walk = walk.choose(walk.question.options[0].id)
    if depth == 2:
        walk = walk.choose(walk.question.options[1].id) if walk.question else walk  # mid-knockout
    stopped = walk.stop()
    assert stopped.done and stopped.stopped and not stopped.reached
    assert stopped.question is None
    assert stopped.path == walk.path and len(stopped.path) == depth
    assert stopped.current.level is (Level.FAMILY if depth == 1 else Level.GROUP)
    assert validate_answer(STEP, stopped.answer()) == {
        "path": list(walk.path),
        "intensity": None,
    }
    with pytest.raises(ContrastError):
        stopped.stop()
    assert stopped.back() == walk


def test_a_specific_word_ends_the_walk_without_stopping() -> None:
    walk = _first_all_the_way(ContrastWalk.start(VOCAB, "fear"))
    assert walk.reached and not walk.exhausted
    with pytest.raises(ContrastError):
        walk.stop()


def test_back_undoes_each_move_in_turn() -> None:
    walks = [ContrastWalk.start(VOCAB, "detachment")]
    while walks[-1].question is not None:
        question = walks[-1].question
        move = walks[-1].neither() if len(walks) == 2 else walks[-1].choose(question.ids()[-1])
        walks.append(move)
    walks.append(walks[-1].stop() if not walks[-1].done else walks[-1])
    if walks[-1] is walks[-2]:
        walks.pop()
    assert walks[-1].history == tuple(walks[:-1])
    walk = walks[-1]
    for earlier in reversed(walks[:-1]):
        walk = walk.back()
        assert walk == earlier
        assert walk.question == earlier.question
    assert not walk.can_back
    with pytest.raises(ContrastError):
        walk.back()


def test_moves_leave_the_walk_they_started_from_unchanged() -> None:
    walk = ContrastWalk.start(VOCAB, "joy")
    before = (walk.path, walk.held, walk.waiting, walk.stopped)
    walk.choose(walk.waiting[1])
    walk.neither()
    walk.stop()
    assert (walk.path, walk.held, walk.waiting, walk.stopped) == before
    with pytest.raises(AttributeError):
        walk.path = ("calm",)  # type: ignore[misc]


def test_intensity_is_separate_and_checked() -> None:
    walk = ContrastWalk.start(VOCAB, "calm")
    assert walk.answer(0)["intensity"] == 0
    assert walk.answer(10)["intensity"] == 10
    for bad in (-1, 11, True, 2.5):
        with pytest.raises(ContrastError):
            walk.answer(bad)  # type: ignore[arg-type]


# -- stored paths ---------------------------------------------------------------------------


def _every_path() -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for family in VOCAB.families:
        paths.append((family.id,))
        for group in VOCAB.children(family.id):
            paths.append((family.id, group.id))
            paths += [(family.id, group.id, w.id) for w in VOCAB.children(group.id)]
            paths.append((group.id,))
            paths += [(group.id, w.id) for w in VOCAB.children(group.id)]
    return paths


def test_from_path_round_trips_every_path_in_the_tree() -> None:
    for path in _every_path():
        walk = ContrastWalk.from_path(VOCAB, list(path))
        assert walk.path == path
        assert walk.done  # a stored path is an answer: its last word fits
        assert walk.stopped == (not walk.reached)
        again = ContrastWalk.from_path(VOCAB, walk.answer()["path"])  # type: ignore[arg-type]
        assert again == walk


def test_from_path_rebuilds_the_way_down_as_history() -> None:
    walk = ContrastWalk.from_path(VOCAB, ["sadness", "down"])
    assert walk.stopped
    resumed = walk.back()  # questions under the group again
    assert resumed.path == ("sadness", "down") and not resumed.done
    assert resumed.question is not None
    assert resumed.question.ids() == tuple(w.id for w in VOCAB.children("down")[:2])
    top = resumed.back()
    assert top == ContrastWalk.start(VOCAB, "sadness")
    assert not top.can_back


def test_a_walk_and_its_stored_path_agree() -> None:
    walk = ContrastWalk.start(VOCAB, "shame")
    walk = walk.choose(walk.waiting[1])
    walk = _first_all_the_way(walk)
    answer = walk.answer(3)
    state = FlowState.start(FLOWS["unpack"]).answer("contrast", answer)
    stored = state.answers["contrast"]
    assert isinstance(stored, dict)
    assert ContrastWalk.from_path(VOCAB, stored["path"]) == walk  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "path",
    [
        [],
        ["sadness", "down", "sad", "sadness", "down", "sad", "sad"],  # too long
        ["sad"],  # a specific word is no starting point
        ["sadness", "sad"],  # skips the group
        ["down", "sadness"],  # upwards
        ["sadness", "anger"],  # siblings
        ["sadness", "annoyed"],  # another family's group
        ["sadness", "down", "furious"],  # another group's word
        ["sadness", "down", "down"],  # repeated
        ["sadness", "nope"],
        "sadness",  # a string is not a path
        ["sadness", 3],
    ],
)
def test_from_path_refuses_a_path_that_does_not_follow_the_tree(path: object) -> None:
    with pytest.raises(ValueError):
        ContrastWalk.from_path(VOCAB, path)  # type: ignore[arg-type]


def test_path_never_exceeds_the_flows_limit() -> None:
    deepest = max(len(p) for p in _every_path())
    assert deepest <= PATH_MAX


# -- users' own words ---------------------------------------------------------------------


def test_users_own_words_meet_the_familys_groups_and_end_the_walk() -> None:
    vocab = _with_own_words("sadness", "Weltschmerz & <b>more</b>")
    own = vocab.get("user_1")
    assert own.parent == "sadness" and own.level is Level.SPECIFIC and own.is_user
    groups = [w.id for w in VOCAB.children("sadness")]
    walk = ContrastWalk.start(vocab, "sadness")
    for group in groups[1:]:
        walk = walk.choose(group)  # the later group wins each round
    assert walk.question is not None
    assert walk.question.ids() == (groups[-1], "user_1")  # the own word comes last
    walk = walk.choose("user_1")
    assert walk.path == ("sadness", "user_1") and walk.reached and walk.done
    assert walk.current.label == "Weltschmerz & <b>more</b>"
    assert validate_answer(STEP, walk.answer())["path"] == ["sadness", "user_1"]  # type: ignore[index]
    assert ContrastWalk.from_path(vocab, ["sadness", "user_1"]) == walk


def test_a_users_word_is_no_starting_point_and_not_in_a_group() -> None:
    vocab = _with_own_words("anger", "Hangry")
    with pytest.raises(ContrastError):
        ContrastWalk.start(vocab, "user_1")
    assert find_broad(vocab, "Hangry") is None
    with pytest.raises(ContrastError):
        ContrastWalk.from_path(vocab, ["anger", "annoyed", "user_1"])
    # Without the user's words (e.g. the word was removed), its path is refused.
    with pytest.raises(ContrastError):
        ContrastWalk.from_path(VOCAB, ["anger", "user_1"])


def test_a_family_with_several_own_words_shows_each_once() -> None:
    vocab = _with_own_words("detachment", "Glassy", "Underwater")
    children = [w.id for w in vocab.children("detachment")]
    assert children[-2:] == ["user_1", "user_2"]
    walk = ContrastWalk.start(vocab, "detachment")
    seen: list[str] = []
    while walk.question is not None and len(walk.path) == 1:
        seen += [i for i in walk.question.ids() if i != walk.held]
        walk = walk.choose(walk.question.ids()[0])
    assert seen == children
