"""Planning a word-trainer session: which cards, in what order. Pure, no Qt.

A session is short (``TrainerSettings.session_size`` cards, about five to ten
minutes) and follows three rules:

1. **Due reviews first**, most overdue first, the focus families before the
   rest. A review is what keeps a word; new words wait while reviews are due.
2. **Then new cards**, up to the daily limit (counted over the local day:
   cards whose first review fell today). A word starts with "meaning → word";
   its other kinds join one at a time, each on a later day than the last and
   only while none of its cards was just missed, so a word is learnt from
   several sides without crowding. Among new words, the ones the person has
   named in exercises come first, then the focus families, taking the families
   in turn so that one session is not all one family.
3. **One card per word per session**: a word asked twice in a row would give
   its own answer away, and no card comes twice in a session (a missed card
   is due again in minutes, so it waits for the next session).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from emotrainer.core.clock import format_utc
from emotrainer.core.srs import DEFAULT_RETENTION, CardFacts, CardKind, Grade
from emotrainer.core.vocabulary import Level, Vocabulary, Word

DEFAULT_DAILY_NEW = 10
DEFAULT_SESSION_SIZE = 15
DAILY_NEW_MAX = 50
SESSION_SIZE_MIN = 5
SESSION_SIZE_MAX = 40

# Settings keys in the store.
DAILY_NEW_KEY = "trainer.daily_new"
FOCUS_KEY = "trainer.focus"
RETENTION_KEY = "trainer.retention"
SESSION_SIZE_KEY = "trainer.session_size"

# The order in which a word's kinds are introduced.
KIND_ORDER: tuple[CardKind, ...] = (
    CardKind.DEFINITION_TO_WORD,
    CardKind.WORD_TO_DEFINITION,
    CardKind.BODY_TO_WORD,
    CardKind.SCENARIO_TO_WORD,
    CardKind.CONTRAST,
)
_KINDS = frozenset(kind.value for kind in CardKind)


@dataclass(frozen=True, slots=True)
class TrainerSettings:
    daily_new: int = DEFAULT_DAILY_NEW
    focus: frozenset[str] = frozenset()  # family ids; empty: every family
    retention: float = DEFAULT_RETENTION
    session_size: int = DEFAULT_SESSION_SIZE

    @classmethod
    def from_values(
        cls, daily_new: object, focus: object, retention: object, session_size: object
    ) -> TrainerSettings:
        """Settings from stored values; anything unusable falls back to its default."""
        return cls(
            daily_new=_whole(daily_new, 0, DAILY_NEW_MAX, DEFAULT_DAILY_NEW),
            focus=frozenset(f for f in focus if isinstance(f, str))
            if isinstance(focus, list)
            else frozenset(),
            retention=float(retention)
            if isinstance(retention, int | float)
            and not isinstance(retention, bool)
            and 0.7 <= retention <= 0.99
            else DEFAULT_RETENTION,
            session_size=_whole(
                session_size, SESSION_SIZE_MIN, SESSION_SIZE_MAX, DEFAULT_SESSION_SIZE
            ),
        )


def _whole(value: object, low: int, high: int, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


@dataclass(frozen=True, slots=True)
class Planned:
    word_id: str
    kind: CardKind
    is_new: bool


@dataclass(frozen=True, slots=True)
class SessionPlan:
    cards: tuple[Planned, ...]
    due_total: int  # every due card, including those that did not fit
    new_left_today: int  # new cards the daily limit still allows after this session
    focus: frozenset[str] = field(default_factory=frozenset)

    @property
    def reviews(self) -> int:
        return sum(not c.is_new for c in self.cards)

    @property
    def new(self) -> int:
        return sum(c.is_new for c in self.cards)


def trainable_kinds(word: Word, scenario_words: Collection[str]) -> tuple[CardKind, ...]:
    """The card kinds a word can be asked in; only specific words are trained."""
    if word.level is not Level.SPECIFIC or not word.definition:
        return ()
    if word.is_user:  # the user's own words: no neighbours or cues of their own
        return (CardKind.DEFINITION_TO_WORD, CardKind.WORD_TO_DEFINITION)
    kinds = []
    for kind in KIND_ORDER:
        if kind is CardKind.BODY_TO_WORD and not word.body_cues:
            continue
        if kind is CardKind.SCENARIO_TO_WORD and word.id not in scenario_words:
            continue
        if kind is CardKind.CONTRAST and not word.neighbours:
            continue
        kinds.append(kind)
    return tuple(kinds)


def plan_session(
    cards: Sequence[CardFacts],
    vocabulary: Vocabulary,
    scenario_words: Collection[str],
    now: datetime,
    day_start: datetime,
    settings: TrainerSettings,
    named: Mapping[str, int] | None = None,
) -> SessionPlan:
    """The cards of the next session at ``now``; ``day_start``: the local day's start.

    ``named``: how often each word was named in exercises (personal words first).
    """
    now_utc, day_utc = format_utc(now), format_utc(day_start)
    focus = settings.focus

    def in_focus(word: Word) -> bool:
        return not focus or word.family in focus

    by_word: dict[str, list[CardFacts]] = {}
    for card in cards:
        by_word.setdefault(card.word_id, []).append(card)

    due = [
        c
        for c in cards
        if c.reviews and c.due_utc <= now_utc and c.kind in _KINDS and c.word_id in vocabulary
    ]
    due.sort(key=lambda c: (not in_focus(vocabulary.get(c.word_id)), c.due_utc, c.id))
    chosen: list[Planned] = []
    used: set[str] = set()
    for card in due:
        if len(chosen) >= settings.session_size:
            break
        if card.word_id in used:
            continue
        chosen.append(Planned(card.word_id, CardKind(card.kind), is_new=False))
        used.add(card.word_id)

    new_today = sum(1 for c in cards if c.first_review_utc and c.first_review_utc >= day_utc)
    allowance = max(0, settings.daily_new - new_today)
    room = min(allowance, settings.session_size - len(chosen))
    new_cards = _new_cards(vocabulary, scenario_words, by_word, day_utc, in_focus, named or {})
    for planned in new_cards:
        if room <= 0:
            break
        if planned.word_id in used:
            continue
        chosen.append(planned)
        used.add(planned.word_id)
        room -= 1
    return SessionPlan(
        tuple(chosen),
        due_total=len(due),
        new_left_today=max(0, allowance - sum(c.is_new for c in chosen)),
        focus=focus,
    )


def _new_cards(
    vocabulary: Vocabulary,
    scenario_words: Collection[str],
    by_word: Mapping[str, list[CardFacts]],
    day_utc: str,
    in_focus: Callable[[Word], bool],
    named: Mapping[str, int],
) -> Iterable[Planned]:
    """New cards in the order they are offered: next kinds of started words, then new words."""
    started: list[Planned] = []
    fresh_by_family: dict[str, list[Word]] = {}
    for word in vocabulary:
        if not in_focus(word):
            continue
        kinds = trainable_kinds(word, scenario_words)
        if not kinds:
            continue
        have = by_word.get(word.id, [])
        if not have:
            fresh_by_family.setdefault(word.family, []).append(word)
            continue
        have_kinds = {c.kind for c in have}
        if any(c.reviews == 0 for c in have) or not _ready_for_more(have, day_utc):
            continue
        for kind in kinds:
            if kind.value not in have_kinds:
                started.append(Planned(word.id, kind, is_new=True))
                break
    started.sort(key=lambda p: -named.get(p.word_id, 0))
    yield from started
    # Named words first; then one word from each family in turn (vocabulary order).
    personal = sorted(
        (w for words in fresh_by_family.values() for w in words if named.get(w.id)),
        key=lambda w: -named[w.id],
    )
    for word in personal:
        yield Planned(word.id, KIND_ORDER[0], is_new=True)
    queues = [[w for w in words if not named.get(w.id)] for words in fresh_by_family.values()]
    depth = 0
    while any(depth < len(q) for q in queues):
        for queue in queues:
            if depth < len(queue):
                yield Planned(queue[depth].id, KIND_ORDER[0], is_new=True)
        depth += 1


def _ready_for_more(cards: Sequence[CardFacts], day_utc: str) -> bool:
    """A started word may take a new kind: none just missed, none first seen today."""
    for card in cards:
        if card.last_rating == Grade.MISSED:
            return False
        if card.first_review_utc is not None and card.first_review_utc >= day_utc:
            return False
    return True
