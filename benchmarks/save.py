"""Save benchmark: storing a finished check-in, against a bare durable SQLite insert.

SPEC §5: a save takes ≤ 10 ms (median), with ten years of history in the
store. The check-in is a full one: presence, two body marks, three words with
intensities, situation and people tags, what happened before and a note,
walked through the real step machine (core.flows) and turned into an Entry
the way the exercise page does. Each run saves a new entry (``Store.add_entry``:
one transaction, WAL, synchronous=FULL, so the commit is durable) and the
draft is discarded, as at the end of an exercise.

Baseline, in the same folder and the same run: a bare ``INSERT`` of one row
into a one-table database with the same durability settings. The ratio shows
how much of the time is the commit itself (the fsync) rather than our code.

    .venv/bin/python benchmarks/save.py [--runs 200] [--days 3650] [--json]

Exit status 0 when the median is within the target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TARGET_MS = 10.0


def _checkin():  # type: ignore[no-untyped-def]
    from emotrainer.core.flow_defs import CHECKIN
    from emotrainer.core.flows import FlowState

    state = FlowState.start(CHECKIN)
    steps = [
        ("presence", 6),
        (
            "body_map",
            [
                {
                    "region": "chest",
                    "sensations": ["heavy", "tight"],
                    "activity": 1,
                    "intensity": 7,
                },
                {"region": "jaw", "sensations": ["tense"], "activity": 0, "intensity": 4},
            ],
        ),
        ("wheel", [["discouraged", 6], ["weary", 4], ["uneasy", None]]),
        (
            "context",
            {"situations": ["work", "commute"], "people": ["Sam"], "before": "A long meeting."},
        ),
        ("note", "Tired but here. ✨ שלום"),
    ]
    for step_id, value in steps:
        state = state.answer(step_id, value).next()
    return state.next()  # past the summary: finished


def run(runs: int, days: int) -> dict[str, float | int]:
    from emotrainer.content import full_vocabulary
    from emotrainer.core import demo
    from emotrainer.core.clock import Stamp
    from emotrainer.core.flows import to_entry
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store

    with tempfile.TemporaryDirectory(prefix="emotrainer-save-") as tmp:
        paths = resolve(Path(tmp) / "data")
        store = Store.open(paths)
        if days:
            history = demo.generate(
                full_vocabulary([]), days, 1, date.today(), now=datetime.now(UTC)
            )
            store.add_entries(history)
        entries = store.counts().entries
        finished = _checkin()

        bare = sqlite3.connect(Path(tmp) / "bare.db", isolation_level=None)
        bare.execute("PRAGMA journal_mode = WAL")
        bare.execute("PRAGMA synchronous = FULL")
        bare.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, uuid TEXT, body TEXT)")

        ours: list[float] = []
        base: list[float] = []
        for i in range(runs + 5):  # the first five warm the caches
            started = time.perf_counter()
            entry = to_entry(finished, Stamp.now(), str(uuid.uuid4()), duration_s=120)
            store.add_entry(entry)
            store.discard_draft("checkin")
            mine = time.perf_counter() - started

            started = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO t (uuid, body) VALUES (?, ?)", (str(uuid.uuid4()), "x" * 200))
            bare.execute("COMMIT")
            theirs = time.perf_counter() - started
            if i >= 5:
                ours.append(mine * 1000)
                base.append(theirs * 1000)
        bare.close()
        store.close()
    median = statistics.median(ours)
    baseline = statistics.median(base)
    return {
        "runs": runs,
        "entries_in_store": entries,
        "save_median_ms": round(median, 3),
        "save_p90_ms": round(statistics.quantiles(ours, n=10)[-1], 3),
        "bare_insert_median_ms": round(baseline, 3),
        "ratio": round(median / baseline, 2) if baseline else 0.0,
        "target_ms": TARGET_MS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.runs, args.days)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(
            f"save a finished check-in ({result['entries_in_store']:,} entries in the store, "
            f"{result['runs']} runs)\n"
            f"  emotrainer: median {result['save_median_ms']} ms, p90 {result['save_p90_ms']} ms "
            f"(target ≤ {TARGET_MS:g} ms)\n"
            f"  bare durable insert: median {result['bare_insert_median_ms']} ms  "
            f"→ ratio {result['ratio']}"
        )
    return 0 if float(result["save_median_ms"]) <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
