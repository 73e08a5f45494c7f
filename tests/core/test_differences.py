"""What tells two close words apart: one plain sentence from the vocabulary's numbers."""

from __future__ import annotations

from dataclasses import replace

from emotrainer.content import shipped_vocabulary
from emotrainer.core.differences import cue_text, difference
from emotrainer.core.vocabulary import BodyCue, Level

V = shipped_vocabulary()


def test_cue_text_reads_naturally() -> None:
    assert cue_text(BodyCue("chest", "tight")) == "tight chest"
    assert cue_text(BodyCue("chest", "racing")) == "pounding chest"
    assert cue_text(BodyCue("face", "nothing")) == "little or nothing in the face"
    assert cue_text(BodyCue("chest", "open")) == "open chest"
    assert cue_text(BodyCue("hips", "heavy")) == "heavy hips and pelvis"


def test_energy_and_tone_are_named_when_they_differ() -> None:
    calm = V.get("relaxed")
    charged = replace(calm, id="x", label="Charged", arousal=calm.arousal + 0.2, body_cues=())
    assert "more charged" in difference(charged, calm)
    assert "quieter" in difference(calm, charged)
    sour = replace(calm, id="y", label="Sour", valence=calm.valence - 0.5, body_cues=())
    assert "less bright" in difference(sour, calm)


def test_near_identical_words_say_so_and_lean_on_the_definitions() -> None:
    calm = V.get("relaxed")
    twin = replace(calm, id="twin", label="Twin")
    assert difference(twin, calm) == (
        "Compared with “relaxed”, “twin” is about as strong and as pleasant."
    )
    sore = replace(V.get("hurt"), body_cues=())
    assert "about as strong and as painful" in difference(replace(sore, id="z"), sore)


def test_every_pair_of_neighbours_has_a_sentence() -> None:
    for word in V.at_level(Level.SPECIFIC):
        for other_id in word.neighbours:
            sentence = difference(word, V.get(other_id), V)
            assert sentence.startswith("Compared with") and sentence.endswith(".")
            assert "  " not in sentence
