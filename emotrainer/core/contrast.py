"""Unpack a feeling: narrow a broad word down by contrast questions. Pure, no Qt.

A walk starts at a broad word (a family or a group) and asks, between two of
its children at a time, "more like A or more like B?". It is a knockout: the
first two children meet, the chosen one meets the next child, and so on; when
every child has been shown, the one left is the closer word and the walk moves
down to it (and goes on with its children, if it has any). A word with a
single child, or a single child left, is asked about alone: "is it more like
A?".

"Neither quite fits" sets both shown words aside and goes on with the next
pair; when none is left the walk rests at the current word. "Stop here" is
always allowed: a broad word is a valid answer (SPEC §2.4), and nobody is
pushed further down. ``back`` undoes the last move, whatever it was.

The walk is immutable: every move returns a new one that remembers the one
before it (``previous``), so back is exact. What the flow stores is ``path``,
the words from the broad word down to the current one; ``from_path`` rebuilds a
walk from it (resuming a draft) and refuses a path that does not follow the
tree.

Users' own words sit directly under their family (``vocabulary.user_word``),
so they meet the family's groups in the family's knockout; choosing one ends
the walk there, since it has no children.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from emotrainer.core.flows import JSON, PATH_MAX
from emotrainer.core.vocabulary import Level, Vocabulary, Word

BROAD_LEVELS = frozenset({Level.FAMILY, Level.GROUP})


class ContrastError(ValueError):
    """A move the walk does not allow now, or a word or path that does not fit the tree."""


@dataclass(frozen=True, slots=True)
class Question:
    """What to ask: two words ("more like A or more like B?") or one ("more like A?")."""

    options: tuple[Word, ...]

    @property
    def is_pair(self) -> bool:
        return len(self.options) == 2

    def ids(self) -> tuple[str, ...]:
        return tuple(w.id for w in self.options)


@dataclass(frozen=True, slots=True)
class ContrastWalk:
    """Where someone is on the way down from a broad word. Every move returns a new walk."""

    vocabulary: Vocabulary = field(compare=False, repr=False)
    # The words from the starting broad word down to the current one.
    path: tuple[str, ...]
    # The child of the current word still in the knockout (chosen in the last question).
    held: str | None = None
    # The current word's children not shown yet, in vocabulary order.
    waiting: tuple[str, ...] = ()
    # "Stop here": the current word fits.
    stopped: bool = False
    # The walk before the last move (None at the start): what ``back`` returns.
    previous: ContrastWalk | None = field(default=None, compare=False, repr=False)

    # -- making one ------------------------------------------------------------------

    @classmethod
    def start(cls, vocabulary: Vocabulary, word_id: str) -> ContrastWalk:
        """A walk from a broad word (a family or a group), with its first question."""
        word = vocabulary.find(word_id)
        if word is None:
            raise ContrastError(f"There is no word {word_id!r}.")
        if word.level not in BROAD_LEVELS:
            raise ContrastError(
                f"“{word.label}” is already a specific word; start from a broad one."
            )
        return cls(vocabulary, (word.id,), waiting=_child_ids(vocabulary, word.id))

    @classmethod
    def from_path(cls, vocabulary: Vocabulary, path: Sequence[str]) -> ContrastWalk:
        """The walk that a stored path describes, with the way down as its history.

        A stored path is an answer: its last word is the one that fits, so a
        path that ends at a broad word comes back stopped there (back resumes
        the questions under it).
        """
        if isinstance(path, str) or not 1 <= len(path) <= PATH_MAX:
            raise ContrastError(f"A path has one to {PATH_MAX} words.")
        for word_id in path:
            if not isinstance(word_id, str) or word_id not in vocabulary:
                raise ContrastError(f"There is no word {word_id!r}.")
        for above, below in pairwise(path):
            if vocabulary.get(below).parent != above:
                raise ContrastError(f"{below!r} is not directly under {above!r}.")
        walk = cls.start(vocabulary, path[0])
        for word_id in path[1:]:
            walk = walk._descend(word_id)
        return walk if walk.reached else walk.stop()

    # -- where it is -----------------------------------------------------------------

    @property
    def current(self) -> Word:
        return self.vocabulary.get(self.path[-1])

    @property
    def words(self) -> tuple[Word, ...]:
        return tuple(self.vocabulary.get(i) for i in self.path)

    @property
    def start_word(self) -> Word:
        return self.vocabulary.get(self.path[0])

    @property
    def reached(self) -> bool:
        """The current word has nothing under it: as specific as this vocabulary goes."""
        return not self.vocabulary.children(self.path[-1])

    @property
    def done(self) -> bool:
        """No more questions: stopped by choice, or at a word with nothing under it."""
        return self.stopped or self.reached

    @property
    def question(self) -> Question | None:
        """The question to ask now; None when done or when no closer word is left."""
        if self.done:
            return None
        if self.held is not None:
            ids: tuple[str, ...] = (self.held, self.waiting[0])
        else:
            ids = self.waiting[:2]
        return Question(tuple(self.vocabulary.get(i) for i in ids)) if ids else None

    @property
    def exhausted(self) -> bool:
        """Every closer word was set aside ("neither"): the walk rests at the current word."""
        return not self.done and self.question is None

    @property
    def still_waiting(self) -> int:
        """How many of the current word's children come after the question shown now."""
        question = self.question
        if question is None:
            return 0
        shown_from_waiting = len(question.options) - (0 if self.held is None else 1)
        return len(self.waiting) - shown_from_waiting

    @property
    def can_back(self) -> bool:
        return self.previous is not None

    @property
    def history(self) -> tuple[ContrastWalk, ...]:
        """The walks before this one, oldest first."""
        earlier: list[ContrastWalk] = []
        walk = self.previous
        while walk is not None:
            earlier.append(walk)
            walk = walk.previous
        return tuple(reversed(earlier))

    # -- moves -----------------------------------------------------------------------

    def choose(self, word_id: str) -> ContrastWalk:
        """Answer the question with one of its words.

        The chosen word meets the next waiting child; when none is waiting it
        is the closer word and the walk moves down to it.
        """
        question = self.question
        if question is None or word_id not in question.ids():
            raise ContrastError(f"{word_id!r} is not one of the words asked about now.")
        rest = self._after_question(question)
        if rest:
            return replace(self, held=word_id, waiting=rest, previous=self)
        return self._descend(word_id)

    def neither(self) -> ContrastWalk:
        """Neither shown word fits: set both aside and go on with the next ones."""
        question = self.question
        if question is None:
            raise ContrastError("There is no question to answer now.")
        return replace(self, held=None, waiting=self._after_question(question), previous=self)

    def stop(self) -> ContrastWalk:
        """The current word fits; stopping at any level is a valid answer."""
        if self.done:
            raise ContrastError("The walk has already ended here.")
        return replace(self, stopped=True, previous=self)

    def back(self) -> ContrastWalk:
        """The walk as it was before the last move."""
        if self.previous is None:
            raise ContrastError("There is no earlier choice to go back to.")
        return self.previous

    def answer(self, intensity: int | None = None) -> dict[str, JSON]:
        """The answer of the flow's "contrast" step: the path and an optional intensity."""
        if intensity is not None and (
            isinstance(intensity, bool)
            or not isinstance(intensity, int)
            or not 0 <= intensity <= 10
        ):
            raise ContrastError("Intensity is a number from 0 to 10, or left open.")
        return {"path": list(self.path), "intensity": intensity}

    # -- helpers ---------------------------------------------------------------------

    def _after_question(self, question: Question) -> tuple[str, ...]:
        """The waiting children once the question's words have been shown."""
        taken = len(question.options) - (0 if self.held is None else 1)
        return self.waiting[taken:]

    def _descend(self, word_id: str) -> ContrastWalk:
        return ContrastWalk(
            self.vocabulary,
            (*self.path, word_id),
            waiting=_child_ids(self.vocabulary, word_id),
            previous=self,
        )


def _child_ids(vocabulary: Vocabulary, word_id: str) -> tuple[str, ...]:
    return tuple(w.id for w in vocabulary.children(word_id))


def broad_words(vocabulary: Vocabulary) -> list[Word]:
    """The words a walk can start from: each family followed by its groups."""
    words: list[Word] = []
    for family in vocabulary.families:
        words.append(family)
        words += [w for w in vocabulary.children(family.id) if w.level in BROAD_LEVELS]
    return words


def find_broad(vocabulary: Vocabulary, text: str) -> Word | None:
    """The broad word whose label (or id) is ``text``, ignoring case and extra spaces."""
    wanted = " ".join(text.split()).casefold()
    if not wanted:
        return None
    for word in broad_words(vocabulary):
        if wanted in (word.label.casefold(), word.id.casefold()):
            return word
    return None
