"""Body-first suggestions: words ranked by how well their body cues meet the marks."""

from __future__ import annotations

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, BodyMark
from emotrainer.core.suggest import rank_words, sensation_family
from emotrainer.core.vocabulary import BodyCue, Level, Vocabulary, Word


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return shipped_vocabulary()


def _families(marks: list[BodyMark], vocabulary: Vocabulary, n: int = 8) -> list[str]:
    return [s.word.family for s in rank_words(marks, vocabulary)[:n]]


def _ids(marks: list[BodyMark], vocabulary: Vocabulary, n: int = 8) -> list[str]:
    return [s.word.id for s in rank_words(marks, vocabulary)[:n]]


def test_no_marks_no_words(vocabulary: Vocabulary) -> None:
    assert rank_words([], vocabulary) == []


def test_nothing_is_a_valid_answer_that_suggests_nothing(vocabulary: Vocabulary) -> None:
    marks = [BodyMark("chest", ("nothing",)), BodyMark("whole_body", ("nothing",), intensity=None)]
    assert rank_words(marks, vocabulary) == []


def test_tight_jaw_and_hot_hands_point_to_anger(vocabulary: Vocabulary) -> None:
    marks = [
        BodyMark("jaw", ("tight",), intensity=6),
        BodyMark("hand_left", ("hot",), intensity=6),
        BodyMark("hand_right", ("hot",), intensity=6),
    ]
    assert _families(marks, vocabulary, 4) == ["anger"] * 4
    assert {"frustrated", "furious"} <= set(_ids(marks, vocabulary, 4))


def test_fluttery_stomach_and_racing_chest_point_to_anxiety(vocabulary: Vocabulary) -> None:
    marks = [
        BodyMark("stomach", ("fluttery",), ACTIVITY_MORE, 6),
        BodyMark("chest", ("racing",), ACTIVITY_MORE, 7),
    ]
    ranked = _ids(marks, vocabulary)
    assert ranked[0] == "anxious"
    assert "nervous" in ranked
    assert _families(marks, vocabulary).count("fear") >= 5


def test_a_numb_whole_body_points_to_detachment(vocabulary: Vocabulary) -> None:
    marks = [BodyMark("whole_body", ("numb",), ACTIVITY_LESS, 7)]
    ranked = _ids(marks, vocabulary)
    assert ranked[0] == "numb"
    assert {"empty", "shut_down"} <= set(ranked)
    assert set(_families(marks, vocabulary)) == {"detachment"}


def test_a_heavy_chest_and_tight_throat_point_to_sadness(vocabulary: Vocabulary) -> None:
    marks = [
        BodyMark("chest", ("heavy",), intensity=7),
        BodyMark("throat", ("tight",), intensity=5),
    ]
    assert _families(marks, vocabulary, 3) == ["sadness"] * 3
    assert "sad" in _ids(marks, vocabulary, 3)


def test_intensity_decides_between_two_leads(vocabulary: Vocabulary) -> None:
    def first_family(jaw: int, stomach: int) -> str:
        marks = [
            BodyMark("jaw", ("tight",), intensity=jaw),
            BodyMark("stomach", ("fluttery",), intensity=stomach),
        ]
        return rank_words(marks, vocabulary)[0].word.family

    assert first_family(jaw=9, stomach=1) == "anger"
    assert first_family(jaw=1, stomach=9) != "anger"


def test_reasons_name_the_matching_cues(vocabulary: Vocabulary) -> None:
    top = rank_words([BodyMark("jaw", ("tight",), intensity=8)], vocabulary)[0]
    assert "Jaw — tight" in top.reasons
    numb = rank_words([BodyMark("hand_left", ("numb",))], vocabulary)
    assert all("feeling numb" in s.reasons for s in numb if s.word.family == "detachment")


def test_scores_descend_and_the_limit_holds(vocabulary: Vocabulary) -> None:
    marks = [BodyMark("chest", ("tight", "warm"), intensity=5)]
    ranked = rank_words(marks, vocabulary, limit=5)
    assert len(ranked) == 5
    assert [s.score for s in ranked] == sorted((s.score for s in ranked), reverse=True)
    assert all(s.word.level is Level.SPECIFIC for s in ranked)
    assert rank_words(marks, vocabulary, limit=0) == []


def _word(word_id: str, label: str, family: str, cues: tuple[BodyCue, ...]) -> Word:
    return Word(word_id, label, Level.SPECIFIC, family, "d", 0.0, 0.5, family, (), cues)


def test_ties_are_broken_by_label_then_id() -> None:
    cue = (BodyCue("chest", "warm"),)
    words = [
        _word("f", "Family", "f", ()),
        _word("zeta", "Zeta", "f", cue),
        _word("alpha", "alpha", "f", cue),
        _word("beta", "Beta", "f", cue),
    ]
    words[0] = Word("f", "Family", Level.FAMILY, None, "d", 0.0, 0.5, "f")
    ranked = rank_words([BodyMark("chest", ("warm",))], Vocabulary(words))
    assert [s.word.id for s in ranked] == ["alpha", "beta", "zeta"]
    assert len({s.score for s in ranked}) == 1


def test_unknown_regions_and_cueless_words_are_ignored(vocabulary: Vocabulary) -> None:
    assert rank_words([BodyMark("elbow", ("tight",))], vocabulary) == []
    own = Word("user_1", "Glassy", Level.SPECIFIC, "joy", "mine", 0.0, 0.5, "joy", is_user=True)
    ranked = rank_words([BodyMark("chest", ("open",))], vocabulary.with_user_words([own]))
    assert "user_1" not in {s.word.id for s in ranked}


def test_sensation_families() -> None:
    assert sensation_family("tight") == sensation_family("tense") == "tension"
    assert sensation_family("nothing") == "absence"
    assert sensation_family("numb") == "muted"
