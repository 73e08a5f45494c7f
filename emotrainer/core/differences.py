"""What tells two close words apart, in one plain sentence. Pure, no Qt.

The vocabulary gives every word a valence (−1 unpleasant … 1 pleasant), an
arousal (0 quiet … 1 charged), a place in the tree and body cues. Near
neighbours are the words most often confused with each other, so the word
trainer's feedback and the word browser say how they differ along those
lines: "Compared with nervous, anxious is more charged and more unpleasant,
and more often felt as a tight chest." The definitions, shown beside it, carry
the rest.
"""

from __future__ import annotations

from emotrainer.core.body import area, sensation
from emotrainer.core.vocabulary import BodyCue, Vocabulary, Word

# Differences smaller than this are not worth a word: the scales are rough.
_STEP = 0.12


# Where a sensation's label does not read well before a body part.
_BEFORE_AREA = {"racing": "pounding"}


def cue_text(cue: BodyCue) -> str:
    """ "tight chest": the sensation's word before the area's, lower case."""
    place = area(cue.area).label.lower()
    quality = sensation(cue.sensation)
    if quality.is_absence:
        return f"little or nothing in the {place}"
    word = quality.label.split(",")[0].lower()
    return f"{_BEFORE_AREA.get(quality.id, word)} {place}"


def _energy(a: Word, b: Word) -> str | None:
    delta = a.arousal - b.arousal
    if delta >= _STEP:
        return "more charged" if delta < 0.35 else "much more charged"
    if delta <= -_STEP:
        return "quieter" if delta > -0.35 else "much quieter"
    return None


def _tone(a: Word, b: Word) -> str | None:
    delta = a.valence - b.valence
    if delta >= _STEP:
        return "more pleasant" if b.valence >= 0 or a.valence >= 0 else "less painful"
    if delta <= -_STEP:
        return "more painful" if a.valence < 0 else "less bright"
    return None


def difference(a: Word, b: Word, vocabulary: Vocabulary | None = None) -> str:
    """One sentence on how ``a`` differs from ``b`` (its near neighbour)."""
    parts = [p for p in (_energy(a, b), _tone(a, b)) if p]
    sentence = f"Compared with “{b.label.lower()}”, “{a.label.lower()}” is "
    if parts:
        sentence += " and ".join(parts)
    elif a.valence >= 0 and b.valence >= 0:
        sentence += "about as strong and as pleasant"
    elif a.valence < 0 and b.valence < 0:
        sentence += "about as strong and as painful"
    else:
        sentence += "about as strong, and neither clearly pleasant nor painful"
    own = [c for c in a.body_cues if c not in b.body_cues]
    if own:
        sentence += f", and more often felt as {_join([cue_text(c) for c in own[:2]])}"
    if vocabulary is not None and a.family != b.family:
        fa, fb = vocabulary.find(a.family), vocabulary.find(b.family)
        if fa is not None and fb is not None:
            sentence += f"; it belongs with {fa.label.lower()} rather than {fb.label.lower()}"
    return sentence + "."


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
