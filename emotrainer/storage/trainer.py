"""The word trainer's tables: one card per (word, kind), every review kept.

``srs_cards.state_json`` is the FSRS card as its own dict; ``due_utc`` and
``stability`` are kept beside it so that planning a session and counting
mastered words read two indexed columns instead of parsing JSON. Every review
is stored (rating, the answer chosen, how long it took), so a card's state can
always be rebuilt from its history.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from emotrainer.core.srs import CardFacts, PastReview


def card_facts(conn: sqlite3.Connection) -> list[CardFacts]:
    """Every card with its review count, first review and last rating: one pass."""
    rows = conn.execute(
        "SELECT c.id, c.word_id, c.kind, c.due_utc, c.stability, "
        "  (SELECT r.rating FROM srs_reviews r WHERE r.card_id = c.id "
        "   ORDER BY r.reviewed_utc DESC, r.id DESC LIMIT 1), "
        "  (SELECT min(r.reviewed_utc) FROM srs_reviews r WHERE r.card_id = c.id), "
        "  (SELECT count(*) FROM srs_reviews r WHERE r.card_id = c.id) "
        "FROM srs_cards c ORDER BY c.id"
    )
    return [CardFacts(*row) for row in rows]


def card_state(
    conn: sqlite3.Connection, word_id: str, kind: str
) -> tuple[int, dict[str, Any] | None, list[PastReview]] | None:
    """(card id, FSRS state or None if unreadable, its reviews) or None for no card."""
    row = conn.execute(
        "SELECT id, state_json FROM srs_cards WHERE word_id = ? AND kind = ?", (word_id, kind)
    ).fetchone()
    if row is None:
        return None
    card_id, state_json = row
    try:
        state = json.loads(state_json)
    except ValueError:
        state = None
    history = [
        PastReview(*r)
        for r in conn.execute(
            "SELECT reviewed_utc, rating FROM srs_reviews WHERE card_id = ? "
            "ORDER BY reviewed_utc, id",
            (card_id,),
        )
    ]
    return card_id, state if isinstance(state, dict) else None, history


def new_card_id(conn: sqlite3.Connection, word_id: str, kind: str, now_utc: str) -> int:
    """Insert an unreviewed card and return its id; the caller owns the transaction."""
    cursor = conn.execute(
        "INSERT INTO srs_cards (word_id, kind, state_json, due_utc, stability, created_utc) "
        "VALUES (?, ?, '{}', ?, NULL, ?)",
        (word_id, kind, now_utc, now_utc),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def save_review(
    conn: sqlite3.Connection,
    card_id: int,
    state: dict[str, Any],
    due_utc: str,
    stability: float | None,
    reviewed_utc: str,
    rating: int,
    answer: str | None,
    duration_ms: int | None,
) -> None:
    """The card's new state and the review itself; the caller owns the transaction."""
    conn.execute(
        "UPDATE srs_cards SET state_json = ?, due_utc = ?, stability = ? WHERE id = ?",
        (json.dumps(state, sort_keys=True), due_utc, stability, card_id),
    )
    conn.execute(
        "INSERT INTO srs_reviews (card_id, reviewed_utc, rating, answer, duration_ms) "
        "VALUES (?, ?, ?, ?, ?)",
        (card_id, reviewed_utc, rating, answer, duration_ms),
    )
