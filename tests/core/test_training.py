"""Planning a trainer session: due first, the daily limit, one card per word, focus."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.clock import format_utc
from emotrainer.core.srs import CardFacts, CardKind, Grade
from emotrainer.core.training import (
    KIND_ORDER,
    TrainerSettings,
    plan_session,
    trainable_kinds,
)
from emotrainer.core.vocabulary import Level, user_word

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)
DAY = datetime(2026, 3, 10, 0, 0, tzinfo=UTC)
V = shipped_vocabulary()
SPECIFIC = [w for w in V if w.level is Level.SPECIFIC]


def card(
    n: int,
    word: str,
    kind: CardKind = CardKind.DEFINITION_TO_WORD,
    *,
    due: datetime = NOW - timedelta(hours=1),
    first: datetime = NOW - timedelta(days=20),
    last: int = Grade.GOT_IT,
    reviews: int = 3,
) -> CardFacts:
    return CardFacts(n, word, kind.value, format_utc(due), 5.0, last, format_utc(first), reviews)


def plan(cards: list[CardFacts], **settings: object):  # type: ignore[no-untyped-def]
    return plan_session(cards, V, {"anxious"}, NOW, DAY, TrainerSettings(**settings))  # type: ignore[arg-type]


def test_only_specific_words_are_trained_and_kinds_depend_on_content() -> None:
    assert trainable_kinds(V.get("joy"), set()) == ()
    assert trainable_kinds(V.get("cheerful"), set()) == ()
    assert trainable_kinds(V.get("anxious"), {"anxious"}) == KIND_ORDER
    assert CardKind.SCENARIO_TO_WORD not in trainable_kinds(V.get("anxious"), set())
    own = user_word("user_1", "Wabi-sabi", "Quiet acceptance.", "calm", V)
    assert trainable_kinds(own, set()) == (
        CardKind.DEFINITION_TO_WORD,
        CardKind.WORD_TO_DEFINITION,
    )


def test_a_fresh_start_offers_new_words_up_to_the_daily_limit() -> None:
    p = plan([], daily_new=7)
    assert len(p.cards) == 7 and p.new == 7 and p.reviews == 0
    assert all(c.kind is CardKind.DEFINITION_TO_WORD and c.is_new for c in p.cards)
    # families take turns, so one session is not all one family
    assert len({V.get(c.word_id).family for c in p.cards}) == 7
    assert p.new_left_today == 0


def test_the_daily_limit_counts_cards_first_seen_today() -> None:
    seen_today = [
        card(i, w.id, first=DAY + timedelta(hours=1), due=NOW + timedelta(days=1))
        for i, w in enumerate(SPECIFIC[:4])
    ]
    p = plan(seen_today, daily_new=6)
    assert p.new == 2 and p.new_left_today == 0
    assert plan(seen_today, daily_new=4).cards == ()
    assert plan(seen_today, daily_new=0).cards == ()


def test_due_reviews_come_first_most_overdue_first() -> None:
    cards = [
        card(1, "sad", due=NOW - timedelta(hours=2)),
        card(2, "relaxed", due=NOW - timedelta(days=3)),
        card(3, "glad", due=NOW + timedelta(hours=2)),  # not due yet
    ]
    p = plan(cards, daily_new=3)
    assert [c.word_id for c in p.cards[:2]] == ["relaxed", "sad"]
    assert not any(c.is_new for c in p.cards[:2])
    # glad's card is not due: glad may only come as its next, new kind
    assert all(c.is_new for c in p.cards if c.word_id == "glad")
    assert p.due_total == 2 and p.new == 3


def test_reviews_fill_the_session_before_any_new_card() -> None:
    cards = [card(i, w.id) for i, w in enumerate(SPECIFIC[:30])]
    p = plan(cards, session_size=12, daily_new=10)
    assert len(p.cards) == 12 and p.new == 0 and p.due_total == 30


def test_no_card_and_no_word_twice_in_one_session() -> None:
    cards = []
    for i, w in enumerate(SPECIFIC[:20]):
        cards.append(card(2 * i, w.id, CardKind.DEFINITION_TO_WORD))
        cards.append(card(2 * i + 1, w.id, CardKind.WORD_TO_DEFINITION))
    p = plan(cards, session_size=40, daily_new=50)
    keys = [(c.word_id, c.kind) for c in p.cards]
    assert len(keys) == len(set(keys))
    words = [c.word_id for c in p.cards]
    assert len(words) == len(set(words))
    assert len(p.cards) == 40  # 20 reviews, then 20 new words


def test_a_started_word_takes_its_next_kind_on_a_later_day_unless_just_missed() -> None:
    cards = [card(1, "anxious", due=NOW + timedelta(days=3))]
    p = plan(cards, daily_new=1)
    assert p.cards[0].word_id == "anxious"
    assert p.cards[0].kind is CardKind.WORD_TO_DEFINITION
    today = [card(1, "anxious", due=NOW + timedelta(days=3), first=DAY + timedelta(hours=2))]
    assert plan(today, daily_new=2).cards[0].word_id != "anxious"
    missed = [card(1, "anxious", due=NOW + timedelta(days=3), last=Grade.MISSED)]
    assert plan(missed, daily_new=1).cards[0].word_id != "anxious"


def test_focus_families_limit_new_words_and_come_first_among_reviews() -> None:
    p = plan([], focus=frozenset({"anger"}), daily_new=8)
    assert {V.get(c.word_id).family for c in p.cards} == {"anger"}
    cards = [card(1, "sad", due=NOW - timedelta(days=5)), card(2, "annoyed", due=NOW)]
    p = plan(cards, focus=frozenset({"anger"}), daily_new=0)
    assert [c.word_id for c in p.cards] == ["annoyed", "sad"]


def test_words_the_person_named_come_first_among_new_words() -> None:
    p = plan_session([], V, set(), NOW, DAY, TrainerSettings(daily_new=3), {"numb": 9, "calm": 2})
    assert p.cards[0].word_id == "numb"


def test_cards_of_unknown_words_or_kinds_are_passed_over() -> None:
    cards = [
        card(1, "user_gone"),
        CardFacts(2, "sad", "a_kind_from_the_future", format_utc(NOW), 1.0, 3, None, 1),
    ]
    p = plan(cards, daily_new=0)
    assert p.cards == () and p.due_total == 0


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((5, ["anger"], 0.95, 10), TrainerSettings(5, frozenset({"anger"}), 0.95, 10)),
        ((None, None, None, None), TrainerSettings()),
        ((-1, "anger", 2.0, 0), TrainerSettings()),
        ((True, [1, "fear"], True, 999), TrainerSettings(focus=frozenset({"fear"}))),
    ],
)
def test_settings_fall_back_to_defaults_for_unusable_values(
    values: tuple[object, object, object, object], expected: TrainerSettings
) -> None:
    assert TrainerSettings.from_values(*values) == expected
