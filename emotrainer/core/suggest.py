"""Body first: candidate feeling words for what someone noticed in the body.

When words fail, the body map is the way in (SPEC §2.3). Each specific word
carries typical body cues (area + sensation); ``rank_words`` scores words by
how well their cues meet the marks. The result is a short list of *ideas*
("words that often go with what you noticed"), never a verdict.

Scoring, per word: each cue takes its best match among the marked
sensations — same area and same sensation counts most, a related sensation
(same family, e.g. tight ~ tense) or a whole-body mark counts part — weighted
by the mark's intensity; the sum is divided by the square root of the number
of cues, so a word is not favoured for merely having many cues. Words of a
family that matches well as a whole get a small lift (several fear words
matching makes fear more plausible than one joy word matching alike). Numb
marks point to the detachment family; "nothing / can't tell" is valid data
but says nothing about which word fits, so it adds nothing. More or less
activity nudges towards words of higher or lower arousal.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from emotrainer.core.body import REGION_IDS, area, region, sensation
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, BodyMark
from emotrainer.core.vocabulary import Level, Vocabulary, Word

DETACHMENT = "detachment"
WHOLE_BODY = "whole_body"

# Sensations that feel alike; also the families the body map draws as symbols.
SENSATION_FAMILIES: dict[str, tuple[str, ...]] = {
    "tension": ("tight", "tense", "pressure", "ache"),
    "heat": ("warm", "hot"),
    "cold": ("cold",),
    "activation": ("tingling", "buzzing", "fluttery", "restless", "shaky", "racing"),
    "weight": ("heavy", "sinking"),
    "lightness": ("light", "open"),
    "muted": ("numb", "hollow"),
    "absence": ("nothing",),
}
_FAMILY_OF = {s: family for family, members in SENSATION_FAMILIES.items() for s in members}

EXACT, RELATED = 1.0, 0.5
WHOLE_BODY_AREA = 0.5
FAMILY_LIFT = 0.3
NUMB_LIFT = 1.2
AROUSAL_NUDGE = 0.4


class Suggestion(NamedTuple):
    word: Word
    score: float
    reasons: tuple[str, ...]  # the word's cues that matched, as "Jaw — tight"


def sensation_family(sensation_id: str) -> str:
    return _FAMILY_OF.get(sensation_id, sensation_id)


def mark_families(mark: BodyMark) -> list[str]:
    """The families of a mark's sensations, in the order they were chosen."""
    return list(dict.fromkeys(sensation_family(s) for s in mark.sensations))


def is_absence(mark: BodyMark) -> bool:
    """True when the mark says only "nothing / can't tell" (valid, and shown as such)."""
    return mark_families(mark) == ["absence"]


def intensity_weight(mark: BodyMark) -> float:
    """0.4 for a barely-there mark, 1.0 at 10; an unrated mark counts as middling."""
    return 0.7 if mark.intensity is None else 0.4 + 0.06 * max(0, min(10, mark.intensity))


class _Noticed(NamedTuple):
    area: str
    sensation: str
    weight: float


def _noticed(marks: Iterable[BodyMark]) -> list[_Noticed]:
    out = []
    for mark in marks:
        if mark.region not in REGION_IDS:
            continue  # a region from a newer drawing: nothing to match it with
        mark_area = region(mark.region).area
        for s in mark.sensations:
            if sensation_family(s) != "absence":
                out.append(_Noticed(mark_area, s, intensity_weight(mark)))
    return out


def _pair_score(cue_area: str, cue_sensation: str, seen: _Noticed) -> float:
    if cue_area == seen.area:
        area_match = 1.0
    elif WHOLE_BODY in (cue_area, seen.area):
        area_match = WHOLE_BODY_AREA
    else:
        area_match = 0.0
    if cue_sensation == seen.sensation:
        sensation_match = EXACT
    elif sensation_family(cue_sensation) == sensation_family(seen.sensation):
        sensation_match = RELATED
    else:
        sensation_match = 0.0
    # Both together count far more than either alone.
    together = 2.0 * area_match * sensation_match + 0.5 * area_match + 0.5 * sensation_match
    return together * seen.weight


def _score_word(word: Word, noticed: list[_Noticed]) -> tuple[float, tuple[str, ...]]:
    total = 0.0
    matched: list[tuple[float, str]] = []
    for cue in word.body_cues:
        best = max((_pair_score(cue.area, cue.sensation, seen) for seen in noticed), default=0.0)
        total += best
        if best >= 1.0:
            label = f"{area(cue.area).label} — {sensation(cue.sensation).label.lower()}"
            matched.append((best, label))
    if not word.body_cues:
        return 0.0, ()
    reasons = tuple(label for _, label in sorted(matched, key=lambda m: -m[0]))
    return total / math.sqrt(len(word.body_cues)), reasons


def _activity_target(marks: Iterable[BodyMark]) -> float | None:
    """The arousal the marks lean to: more activity → high, less → low, else None."""
    leaning = [m.activity for m in marks if m.activity in (ACTIVITY_LESS, ACTIVITY_MORE)]
    if not leaning:
        return None
    return 0.5 + 0.4 * (sum(leaning) / len(leaning))


def rank_words(
    marks: Iterable[BodyMark], vocabulary: Vocabulary, limit: int = 8
) -> list[Suggestion]:
    """The specific words that best fit the marks, best first; ties by label, then id."""
    marks = list(marks)
    noticed = _noticed(marks)
    numbness = max(
        (intensity_weight(m) for m in marks if "numb" in m.sensations and m.region in REGION_IDS),
        default=0.0,
    )
    if not noticed:
        return []
    target = _activity_target(marks)
    raw: dict[str, tuple[float, tuple[str, ...]]] = {}
    for word in vocabulary.at_level(Level.SPECIFIC):
        score, reasons = _score_word(word, noticed)
        if numbness and word.family == DETACHMENT:
            score += NUMB_LIFT * numbness
            reasons = (*reasons, "feeling numb")
        if score > 0:
            raw[word.id] = (score, reasons)
    by_family: dict[str, list[float]] = defaultdict(list)
    for word_id, (score, _) in raw.items():
        by_family[vocabulary.get(word_id).family].append(score)
    support = {f: sum(sorted(s, reverse=True)[:3]) / 3.0 for f, s in by_family.items()}
    ranked = []
    for word_id, (score, reasons) in raw.items():
        word = vocabulary.get(word_id)
        final = score + FAMILY_LIFT * support[word.family]
        if target is not None:
            final += AROUSAL_NUDGE * (1.0 - abs(target - word.arousal))
        ranked.append(Suggestion(word, round(final, 6), reasons))
    ranked.sort(key=lambda s: (-s.score, s.word.label.casefold(), s.word.id))
    return ranked[: max(0, limit)]
