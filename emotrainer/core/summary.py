"""What the last step of an exercise shows: the words, what they mean, and a kind word.

Pure: from an Entry (the one about to be saved, or one from history), the
vocabulary and the words named before, it builds the lines of the summary.
The encouragement describes what the person did, never how well: no scores,
no comparisons, no "missed" (SPEC §2.6). Not knowing, numbness and pauses are
named as the valid parts of the practice they are.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from emotrainer.core.body import sensation
from emotrainer.core.bodymap import region_label
from emotrainer.core.inventory import ITEMS, SCALE
from emotrainer.core.models import Entry, EntryKind, WordsState
from emotrainer.core.vocabulary import Vocabulary

_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def counted(n: int, one: str, many: str | None = None) -> str:
    """ "one feeling", "three feelings", "12 places": words up to ten, then digits."""
    word = _NUMBERS[n] if 0 <= n < len(_NUMBERS) else f"{n:,}"
    return f"{word} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True, slots=True)
class WordLine:
    word_id: str
    label: str
    definition: str
    intensity: int | None
    first_time: bool
    is_user: bool


@dataclass(frozen=True, slots=True)
class Summary:
    words: tuple[WordLine, ...]
    cant_tell: bool
    places: tuple[str, ...]  # "Chest: heavy, tight", in the order they were marked
    presence: int | None
    ratings: tuple[str, ...]  # "Sad: a little"
    encouragement: str

    @property
    def first_words(self) -> tuple[WordLine, ...]:
        return tuple(w for w in self.words if w.first_time)


def summarize(entry: Entry, vocabulary: Vocabulary, used_before: Collection[str]) -> Summary:
    """The summary of ``entry``; ``used_before``: word ids named in earlier entries."""
    words = []
    for label in entry.labels:
        word = vocabulary.find(label.word_id)
        words.append(
            WordLine(
                label.word_id,
                word.label if word else label.word_id,
                word.definition if word else "",
                label.intensity,
                label.word_id not in used_before,
                bool(word and word.is_user),
            )
        )
    places = tuple(
        f"{region_label(m.region)}: {', '.join(sensation(s).label.lower() for s in m.sensations)}"
        for m in entry.marks
    )
    rated = dict(entry.ratings)
    ratings = tuple(f"{i.label}: {SCALE[rated[i.id]]}" for i in ITEMS if i.id in rated)
    summary = Summary(
        tuple(words),
        entry.words_state is WordsState.CANT_TELL,
        places,
        entry.presence,
        ratings,
        "",
    )
    return replace(summary, encouragement=encouragement(entry, summary))


def _only_absence(entry: Entry) -> bool:
    return bool(entry.marks) and all(
        all(sensation(s).is_absence or s == "numb" for s in m.sensations) for m in entry.marks
    )


def encouragement(entry: Entry, summary: Summary) -> str:
    """A line or two about what the person did; never a rating of them."""
    lines: list[str] = []
    first = summary.first_words
    if summary.words:
        lines.append(
            f"You named {counted(len(summary.words), 'feeling')}. "
            "Putting a word to a feeling is the practice itself."
        )
        if len(first) == 1:
            lines.append(f"“{first[0].label}” is a new word in your vocabulary.")
        elif first:
            lines.append(f"{counted(len(first), 'word').capitalize()} here are new for you.")
    elif summary.cant_tell:
        lines.append(
            "Not knowing what you feel is an honest answer, and you stayed with it. That counts."
        )
    if entry.kind is EntryKind.BODY_SCAN:
        if _only_absence(entry):
            lines.append(
                "You gave your body some attention. Noticing numbness or nothing is noticing too."
            )
        elif entry.marks:
            lines.append(f"You noticed {counted(len(entry.marks), 'place')} in your body.")
        else:
            lines.append("You gave your body some attention, at your own pace.")
    elif entry.kind is EntryKind.GROUNDING:
        lines.append("You took a moment to ground yourself. You can come back to this any time.")
    elif entry.kind is EntryKind.INVENTORY:
        lines.append("Every rating adds to the picture, a 0 as much as a 4.")
    elif not lines:
        lines.append("You took a few minutes for yourself. Thank you for checking in.")
    if entry.pauses:
        lines.append("You paused when you needed to. Looking after yourself is part of this.")
    return " ".join(lines)
