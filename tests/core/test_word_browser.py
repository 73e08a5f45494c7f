"""The Words page's logic in core: search without case or accents, the filters, the order."""

from __future__ import annotations

from emotrainer.content import full_vocabulary
from emotrainer.core.srs import Mastery
from emotrainer.core.vocabulary import Level, Word
from emotrainer.core.word_browser import USER, fold, matches, sort_key

SHIPPED = full_vocabulary([])


def _word(**fields: object) -> Word:
    defaults: dict[str, object] = {
        "id": "w",
        "label": "Word",
        "level": Level.SPECIFIC,
        "parent": "g",
        "definition": "A meaning.",
        "valence": 0.0,
        "arousal": 0.5,
        "family": "fear",
    }
    defaults.update(fields)
    return Word(**defaults)  # type: ignore[arg-type]


def test_matches_searches_label_and_meaning_without_case_or_accents() -> None:
    word = _word(label="Émue", definition="Touched, with a lump in the THROAT.")
    assert fold("Émue ") == "emue "
    for text in ("", "emue", "ÉMU", "  lump   in ", "throat", "Throat"):
        assert matches(word, text, None, None, None, {}), text
    assert not matches(word, "numb", None, None, None, {})


def test_matches_filters_by_family_level_own_words_and_mastery() -> None:
    word = _word()
    mine = _word(id="user_1", is_user=True, family="calm", parent="calm")
    group = _word(id="g", level=Level.GROUP, parent="fear")
    assert matches(word, "", "fear", None, None, {})
    assert not matches(word, "", "calm", None, None, {})
    assert matches(group, "", None, "group", None, {})
    assert not matches(word, "", None, "group", None, {})
    assert matches(mine, "", None, USER, None, {})
    assert matches(mine, "", None, "specific", None, {})  # its own words are specific words
    assert not matches(word, "", None, USER, None, {})
    assert matches(word, "", None, None, Mastery.NEW, {})  # absent: not practised yet
    assert not matches(word, "", None, None, Mastery.LEARNING, {})
    assert matches(word, "", None, None, Mastery.MASTERED, {"w": Mastery.MASTERED})


def test_words_sort_by_family_with_the_family_first_then_by_label() -> None:
    order = {family.id: i for i, family in enumerate(SHIPPED.families)}
    ordered = sorted(SHIPPED, key=lambda w: sort_key(w, order))
    assert ordered[0] is SHIPPED.families[0]
    families = [w.family for w in ordered]
    assert families == sorted(families, key=order.__getitem__)
    fear = [w for w in ordered if w.family == "fear"]
    assert fear[0].id == "fear"
    assert [w.label.casefold() for w in fear[1:]] == sorted(w.label.casefold() for w in fear[1:])
