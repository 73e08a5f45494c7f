"""Benchmark: building a word-trainer session from 20,000 past reviews.

Fills a fresh store (in a temporary folder) with a synthetic trainer history
of at least 20,000 reviews, each card reviewed at its due times by the real
FSRS scheduler, then times what pressing Start does (``emotrainer.trainer``:
one read of the cards with their review counts, the plan, and the questions)
against a bare baseline measured beside it: one SELECT over every review row.

    .venv/bin/python benchmarks/trainer.py [--runs 50] [--reviews 20000] [--json]

Target: building a session ≤ 50 ms (median).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from emotrainer.content import shipped_scenarios, shipped_vocabulary
from emotrainer.core.clock import format_utc, parse_utc
from emotrainer.core.srs import Grade, review
from emotrainer.core.training import trainable_kinds
from emotrainer.paths import resolve
from emotrainer.storage.database import transaction
from emotrainer.storage.store import Store
from emotrainer.trainer import plan_from, read_state, start_practice

TARGET_MS = 50.0
GRADES = (Grade.MISSED, Grade.HARD, Grade.GOT_IT, Grade.EASY)
WEIGHTS = (0.12, 0.18, 0.6, 0.1)


def fill(store: Store, reviews: int, now: datetime, seed: int = 1) -> int:
    """Write a plausible history of at least ``reviews`` reviews; returns how many."""
    rng = random.Random(seed)
    random.seed(seed)  # fsrs fuzzes due dates with the module's generator: same history each run
    vocabulary, scenarios = shipped_vocabulary(), shipped_scenarios()
    cards = [(w.id, k) for w in vocabulary for k in trainable_kinds(w, scenarios.keys())]
    rng.shuffle(cards)
    start = now - timedelta(days=10 * 365)
    card_rows, review_rows, total = [], [], 0
    for card_id, (word, kind) in enumerate(cards, start=1):
        moment = start + timedelta(days=rng.uniform(0, 9 * 365))
        state: dict[str, object] | None = None
        created = format_utc(moment)
        while moment < now and total < reviews:
            grade = rng.choices(GRADES, WEIGHTS)[0]
            after = review(card_id, state, grade, moment)
            review_rows.append((card_id, format_utc(moment), int(grade), word, 4000))
            total += 1
            state = after.state
            due = parse_utc(after.due_utc)
            # people come back a little late, and never more than once a minute
            moment = max(due, moment + timedelta(minutes=1)) + timedelta(hours=rng.uniform(0, 30))
        if state is not None:
            card_rows.append(
                (card_id, word, kind, json.dumps(state), after.due_utc, after.stability, created)
            )
        if total >= reviews:
            break
    with transaction(store.conn):
        store.conn.executemany(
            "INSERT INTO srs_cards (id, word_id, kind, state_json, due_utc, stability, "
            "created_utc) VALUES (?,?,?,?,?,?,?)",
            card_rows,
        )
        store.conn.executemany(
            "INSERT INTO srs_reviews (card_id, reviewed_utc, rating, answer, duration_ms) "
            "VALUES (?,?,?,?,?)",
            review_rows,
        )
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--reviews", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    vocabulary, scenarios = shipped_vocabulary(), shipped_scenarios()
    with tempfile.TemporaryDirectory() as tmp, Store.open(resolve(Path(tmp))) as store:
        written = fill(store, args.reviews, now)
        cards = store.conn.execute("SELECT count(*) FROM srs_cards").fetchone()[0]
        build, bare, sizes = [], [], []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            store.conn.execute("SELECT card_id, reviewed_utc, rating FROM srs_reviews").fetchall()
            t1 = time.perf_counter()
            state = read_state(store)
            plan = plan_from(state, vocabulary, scenarios, now)
            practice = start_practice(state, plan, vocabulary, scenarios, seed=1)
            t2 = time.perf_counter()
            bare.append((t1 - t0) * 1000)
            build.append((t2 - t1) * 1000)
            sizes.append((plan.reviews, plan.new, practice.total))
    result = {
        "reviews": written,
        "cards": cards,
        "runs": args.runs,
        "session": {"reviews": sizes[0][0], "new": sizes[0][1], "questions": sizes[0][2]},
        "build_session_ms": {
            "median": round(statistics.median(build), 2),
            "p90": round(sorted(build)[int(0.9 * len(build))], 2),
        },
        "bare_select_all_reviews_ms": round(statistics.median(bare), 2),
        "ratio": round(statistics.median(build) / statistics.median(bare), 2),
        "target_ms": TARGET_MS,
    }
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
    else:
        print(f"trainer history: {written} reviews over {cards} cards")
        print(f"session built: {sizes[0][0]} reviews + {sizes[0][1]} new, {sizes[0][2]} questions")
        print(
            f"build a session: median {result['build_session_ms']['median']} ms, "
            f"p90 {result['build_session_ms']['p90']} ms (target ≤ {TARGET_MS:g} ms)"
        )
        print(
            f"baseline, SELECT every review row: median {result['bare_select_all_reviews_ms']} ms"
            f" (ratio {result['ratio']})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
