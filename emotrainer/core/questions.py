"""The word trainer's questions and the feedback that teaches. Pure, no Qt.

Every card kind becomes a multiple-choice question whose wrong options are the
words a person is most likely to confuse with the right one: its near
neighbours first (the vocabulary lists them most-confused first), then the
other words of its group, then of its family. The options are shuffled by a
seeded ``random.Random`` so tests and screenshots are reproducible.

Feedback never marks a person wrong in red or scores them: it gives the right
word's meaning and, when another word was picked, how the two differ
(``core.differences``). A scenario's plausible alternatives count as *close*:
the feeling may well be that too; the feedback says why the best word fits a
little better and suggests "Hard" rather than "Missed".
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from emotrainer.core.differences import cue_text, difference
from emotrainer.core.scenarios import Scenario
from emotrainer.core.srs import CardKind, Grade
from emotrainer.core.training import Planned
from emotrainer.core.vocabulary import Level, Vocabulary, Word

CHOICES = 4  # options per question (contrast: 2)


class QuestionError(ValueError):
    """A card that cannot be asked now (e.g. its word or scenario is gone)."""


@dataclass(frozen=True, slots=True)
class Option:
    key: str  # a word id
    text: str  # the word's label, or its definition for word → meaning


@dataclass(frozen=True, slots=True)
class Question:
    word_id: str
    kind: CardKind
    ask: str  # the question itself: "Which word fits this meaning?"
    prompt: str  # what it is about: a definition, a word, a situation, body cues
    options: tuple[Option, ...]
    right: frozenset[str]  # keys that are right (a scenario may have two or three)
    close: frozenset[str] = frozenset()  # keys that fit too (a scenario's alternatives)
    why: str = ""  # a scenario's sentence on why
    scenario_id: str | None = None

    def index_of(self, key: str) -> int:
        return [o.key for o in self.options].index(key)


@dataclass(frozen=True, slots=True)
class Feedback:
    verdict: str  # "Yes: anxious." / "Close." / "Not quite."
    right: bool
    close: bool
    suggested: Grade
    lines: tuple[str, ...]  # meanings and differences, in reading order


def distractors(
    word: Word, vocabulary: Vocabulary, count: int, avoid: frozenset[str] = frozenset()
) -> list[Word]:
    """Up to ``count`` words close to ``word``: neighbours, then its group, then its family."""
    found: list[Word] = []
    seen = {word.id, *avoid}

    def take(candidates: Sequence[Word]) -> None:
        for other in candidates:
            if len(found) >= count:
                return
            if other.id in seen or other.level is not Level.SPECIFIC:
                continue
            seen.add(other.id)
            found.append(other)

    take([n for i in word.neighbours if (n := vocabulary.find(i)) is not None])
    if word.parent is not None:
        take(vocabulary.children(word.parent))
    family = [w for w in vocabulary.at_level(Level.SPECIFIC) if w.family == word.family]
    take(family)
    take(vocabulary.at_level(Level.SPECIFIC))
    return found


def make_question(
    planned: Planned,
    vocabulary: Vocabulary,
    scenarios: Mapping[str, Sequence[Scenario]],
    rng: random.Random,
    seen_reviews: int = 0,
) -> Question:
    """The question for a planned card; ``seen_reviews`` rotates scenarios and neighbours."""
    word = vocabulary.find(planned.word_id)
    if word is None:
        raise QuestionError(f"the word {planned.word_id!r} is no longer in the vocabulary")
    kind = planned.kind
    if kind is CardKind.SCENARIO_TO_WORD:
        return _scenario_question(word, vocabulary, scenarios, rng, seen_reviews)
    if kind is CardKind.CONTRAST:
        if not word.neighbours:
            raise QuestionError(f"{word.id!r} has no close words to contrast")
        other = vocabulary.find(word.neighbours[seen_reviews % len(word.neighbours)])
        if other is None:
            raise QuestionError(f"a close word of {word.id!r} is missing")
        pair = [Option(word.id, word.label), Option(other.id, other.label)]
        rng.shuffle(pair)
        return Question(
            word.id,
            kind,
            f"Two close words: “{word.label}” or “{other.label}”. Which one is this?",
            word.definition,
            tuple(pair),
            frozenset({word.id}),
        )
    if kind is CardKind.BODY_TO_WORD and not word.body_cues:
        raise QuestionError(f"{word.id!r} has no body cues")
    avoid: frozenset[str] = frozenset()
    if kind is CardKind.BODY_TO_WORD:  # a word with the very same cues would be right too
        avoid = frozenset(
            w.id for w in vocabulary if w.body_cues and set(w.body_cues) == set(word.body_cues)
        )
    others = distractors(word, vocabulary, CHOICES - 1, avoid)
    words = [word, *others]
    rng.shuffle(words)
    if kind is CardKind.WORD_TO_DEFINITION:
        ask, prompt = "Which meaning fits this word?", word.label
        options = tuple(Option(w.id, w.definition) for w in words)
    elif kind is CardKind.BODY_TO_WORD:
        cues = ", ".join(cue_text(c) for c in word.body_cues)
        ask = "Which feeling often comes with this in the body?"
        prompt = cues[0].upper() + cues[1:] + "."
        options = tuple(Option(w.id, w.label) for w in words)
    else:
        ask, prompt = "Which word fits this meaning?", word.definition
        options = tuple(Option(w.id, w.label) for w in words)
    return Question(word.id, kind, ask, prompt, options, frozenset({word.id}))


def _scenario_question(
    word: Word,
    vocabulary: Vocabulary,
    scenarios: Mapping[str, Sequence[Scenario]],
    rng: random.Random,
    seen_reviews: int,
) -> Question:
    own = scenarios.get(word.id, ())
    if not own:
        raise QuestionError(f"no situation has {word.id!r} as its answer")
    scenario = own[seen_reviews % len(own)]
    best = frozenset(scenario.best)
    close_words = [w for i in scenario.alternatives if (w := vocabulary.find(i)) is not None]
    chosen = [word, *close_words[:1]]
    avoid = best | set(scenario.alternatives)
    chosen += distractors(word, vocabulary, CHOICES - len(chosen), avoid)
    rng.shuffle(chosen)
    return Question(
        word.id,
        CardKind.SCENARIO_TO_WORD,
        "Which word fits this best?",
        scenario.text,
        tuple(Option(w.id, w.label) for w in chosen),
        frozenset(best & {o.id for o in chosen}),
        close=frozenset(w.id for w in close_words[:1]),
        why=scenario.why,
        scenario_id=scenario.id,
    )


def judge(question: Question, key: str, vocabulary: Vocabulary) -> Feedback:
    """The feedback for choosing ``key``: what the right word means and how they differ."""
    word = vocabulary.get(question.word_id)
    meaning = f"“{word.label}”: {word.definition}"
    if key in question.right:
        lines = [meaning]
        if question.why:
            lines.append(question.why)
        # Right, and still something to learn: the closest word that was on offer.
        offered = {o.key for o in question.options} - question.right
        close = next((n for n in word.neighbours if n in offered), None)
        if close is not None and (other := vocabulary.find(close)) is not None:
            lines.append(f"Close to it, “{other.label}”: {other.definition}")
            lines.append(difference(word, other, vocabulary))
        verdict = f"Yes — “{vocabulary.get(key).label}”."
        return Feedback(verdict, True, False, Grade.GOT_IT, tuple(lines))
    picked = vocabulary.find(key)
    lines = [meaning]
    if picked is not None:
        lines.append(f"“{picked.label}”: {picked.definition}")
        lines.append(difference(word, picked, vocabulary))
    if question.why:
        lines.append(question.why)
    if key in question.close:
        return Feedback("Close — that can fit too.", False, True, Grade.HARD, tuple(lines))
    return Feedback(f"This one was “{word.label}”.", False, False, Grade.MISSED, tuple(lines))
