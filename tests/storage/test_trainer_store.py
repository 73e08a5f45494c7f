"""The trainer's cards and reviews in the store: created on first review, every review kept."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from emotrainer.core.clock import parse_utc
from emotrainer.core.srs import CardKind, Grade
from emotrainer.paths import AppPaths
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store

T0 = datetime(2026, 5, 4, 8, 30, tzinfo=UTC)
KIND = CardKind.DEFINITION_TO_WORD.value


def test_a_first_review_creates_the_card_and_keeps_the_review(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        change = store.record_review(
            "anxious", KIND, Grade.GOT_IT, T0, answer="anxious", duration_ms=3100, fuzz=False
        )
        assert change.trainer and not change.entries
        (card,) = store.trainer_cards()
        assert (card.word_id, card.kind, card.reviews, card.last_rating) == (
            "anxious",
            KIND,
            1,
            Grade.GOT_IT,
        )
        assert card.first_review_utc == "2026-05-04T08:30:00.000Z"
        assert parse_utc(card.due_utc) > T0
        state = json.loads(store.conn.execute("SELECT state_json FROM srs_cards").fetchone()[0])
        assert state["card_id"] == card.id and state["stability"] == card.stability
        review = store.conn.execute(
            "SELECT reviewed_utc, rating, answer, duration_ms FROM srs_reviews"
        ).fetchone()
        assert review == ("2026-05-04T08:30:00.000Z", 3, "anxious", 3100)
        assert store.counts().reviews == 1
    # durable: a new connection sees it all
    with Store.open(app_paths) as again:
        assert len(again.trainer_cards()) == 1


def test_the_same_card_moves_on_with_each_review(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as store:
        now = T0
        dues = []
        for _ in range(4):
            store.record_review("numb", KIND, Grade.GOT_IT, now, fuzz=False)
            (card,) = store.trainer_cards()
            due = parse_utc(card.due_utc)
            dues.append(due - now)
            now = due + timedelta(hours=1)
        assert dues == sorted(dues) and dues[-1] > timedelta(days=5)
        store.record_review("numb", KIND, Grade.MISSED, now, fuzz=False)
        (card,) = store.trainer_cards()
        assert card.reviews == 5 and card.last_rating == Grade.MISSED
        assert parse_utc(card.due_utc) - now <= timedelta(minutes=10)
        store.record_review("numb", CardKind.CONTRAST.value, Grade.EASY, now, fuzz=False)
        assert len(store.trainer_cards()) == 2


def test_an_imported_state_that_is_not_fsrs_is_rebuilt_from_its_reviews(
    app_paths: AppPaths,
) -> None:
    with Store.open(app_paths) as store:
        now = T0
        for _ in range(3):
            store.record_review("calm", KIND, Grade.GOT_IT, now, fuzz=False)
            now = parse_utc(store.trainer_cards()[0].due_utc)
        good = store.trainer_cards()[0]
        store.conn.execute('UPDATE srs_cards SET state_json = \'{"difficulty": 5.1, "state": 2}\'')
        store.conn.commit()
        store.record_review("calm", KIND, Grade.GOT_IT, now, fuzz=False)
        rebuilt = store.trainer_cards()[0]
        assert rebuilt.reviews == 4
        assert rebuilt.stability is not None and good.stability is not None
        assert rebuilt.stability > good.stability  # it went on from where it was, not afresh


def test_a_read_only_store_refuses_a_review(app_paths: AppPaths) -> None:
    Store.open(app_paths).close()
    with Store.open_readonly(app_paths) as store, pytest.raises(StoreError, match="read-only"):
        store.record_review("calm", KIND, Grade.GOT_IT, T0)


def test_cards_and_reviews_survive_export_and_import(app_paths: AppPaths, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from emotrainer.paths import resolve

    with Store.open(app_paths) as store:
        store.record_review("calm", KIND, Grade.GOT_IT, T0, answer="calm", fuzz=False)
        store.record_review("calm", KIND, Grade.HARD, T0 + timedelta(days=2), fuzz=False)
        snap = store_exchange.snapshot(store)
        before = store.trainer_cards()
    with Store.open(resolve(tmp_path / "other")) as other:
        store_exchange.apply(other, snap)
        store_exchange.apply(other, snap)  # twice: nothing more
        after = other.trainer_cards()
        assert [(c.word_id, c.kind, c.due_utc, c.stability, c.reviews) for c in after] == [
            (c.word_id, c.kind, c.due_utc, c.stability, c.reviews) for c in before
        ]
        other.record_review("calm", KIND, Grade.GOT_IT, T0 + timedelta(days=9), fuzz=False)
        assert other.trainer_cards()[0].reviews == 3
