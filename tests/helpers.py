"""Builders for entries and snapshots, and small helpers the non-Qt tests share."""

from __future__ import annotations

import hashlib
import itertools
import stat
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from emotrainer import cli
from emotrainer.core.clock import Stamp
from emotrainer.core.exchange import CardRecord, ImportRecord, PlanRecord, Review, Snapshot
from emotrainer.core.models import (
    ACTIVITY_LESS,
    ACTIVITY_MORE,
    BodyMark,
    Draft,
    Entry,
    EntryKind,
    Label,
    Tag,
    TagKind,
    UserWord,
    WordsState,
)
from emotrainer.paths import AppPaths
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.store import Store

_counter = itertools.count(1)


def at(
    year: int, month: int, day: int, hour: int = 12, minute: int = 0, *, offset: int = 60
) -> Stamp:
    """The Stamp of a local wall-clock time with a UTC offset in minutes."""
    zone = timezone(timedelta(minutes=offset))
    return Stamp.of(datetime(year, month, day, hour, minute, tzinfo=zone))


def make_entry(**fields: Any) -> Entry:
    """An entry with sensible defaults; every field can be overridden."""
    n = next(_counter)
    fields.setdefault("uuid", f"00000000-0000-4000-8000-{n:012d}")
    fields.setdefault("kind", EntryKind.CHECKIN)
    fields.setdefault("at", at(2026, 3, 1, 9, 0))
    fields.setdefault("updated_utc", fields["at"].utc)
    return Entry(**fields)


def rich_entry(**fields: Any) -> Entry:
    """An entry that uses every field, with unicode that tends to break things.

    Tags are given in (kind, text) order and ratings in item order: the store
    hands both back in that canonical order.
    """
    defaults: dict[str, Any] = {
        "presence": 4,
        "words_state": WordsState.NAMED,
        "labels": (Label("frustrated", 7), Label("numb", None), Label("calm", 0)),
        "marks": (
            BodyMark("chest", ("tight", "heavy", "warm"), ACTIVITY_MORE, 8),
            BodyMark("hand_left", ("nothing",), ACTIVITY_LESS, None),
            BodyMark("jaw", ("tense",)),
        ),
        "tags": (
            Tag(TagKind.PERSON, "Zoë"),
            Tag(TagKind.SITUATION, "home"),
            Tag(TagKind.SITUATION, "work 🏢"),
        ),
        "ratings": (("angry", 3), ("calm", 0), ("sad", 4)),
        "before": "a call with מרים — שלום 👋",
        "note": "Line one\nline two: 😶‍🌫️ and مرحبا (right to left)\tend",
        "pair_uuid": None,
        "pauses": 2,
        "duration_s": 321,
        "source": "app",
        "source_ref": None,
    }
    defaults.update(fields)
    return make_entry(**defaults)


def full_snapshot() -> Snapshot:
    """A snapshot with a row for every table: entries, words, cards, plans, imports."""
    imported = rich_entry(
        uuid="11111111-1111-4111-8111-111111111111",
        at=at(2026, 1, 5, 23, 30, offset=120),
        source="import:daylio",
        source_ref="row-1",
        labels=(Label("user_a1b2c3", 5),),
    )
    before = make_entry(
        uuid="22222222-2222-4222-8222-222222222222",
        kind=EntryKind.SESSION_BEFORE,
        at=at(2026, 1, 6, 17, 0, offset=-300),
        presence=3,
        labels=(Label("anxious", 6),),
    )
    after = make_entry(
        uuid="33333333-3333-4333-8333-333333333333",
        kind=EntryKind.SESSION_AFTER,
        at=at(2026, 1, 6, 18, 10, offset=-300),
        presence=6,
        labels=(Label("relieved", 5),),
        pair_uuid=before.uuid,
    )
    inventory = make_entry(
        uuid="44444444-4444-4444-8444-444444444444",
        kind=EntryKind.INVENTORY,
        at=at(2026, 1, 7, 8, 0),
        words_state=WordsState.NOT_ASKED,
        ratings=(("anxious", 2), ("happy", 1), ("numb", 4)),
    )
    return Snapshot(
        entries=(imported, before, after, inventory),
        entry_imports={imported.uuid: "ab" * 32},
        user_words=(
            UserWord(
                "user_a1b2c3",
                "Wabi-sabi",
                "Quiet acceptance of imperfect things.",
                "calm",
                "2026-01-01T10:00:00.000Z",
                0.4,
                None,
            ),
        ),
        settings={"theme": "dark", "daily_new_cards": 5, "focus": ["anger", "fear"]},
        drafts=(
            Draft(
                "checkin",
                2,
                {"presence": 5, "words": ["numb"]},
                "2026-01-08T09:00:00.000Z",
                "2026-01-08T09:01:00.000Z",
            ),
        ),
        cards=(
            CardRecord(
                "numb",
                "definition_to_word",
                {"difficulty": 5.1, "state": 2},
                "2026-01-10T00:00:00.000Z",
                3.5,
                "2026-01-02T00:00:00.000Z",
                (
                    Review("2026-01-03T10:00:00.000Z", 3, "numb", 4200),
                    Review("2026-01-05T10:00:00.000Z", 1, None, None),
                ),
            ),
        ),
        plans=(
            PlanRecord(
                "55555555-5555-4555-8555-555555555555",
                "Week 1: noticing anger",
                {"format": "emotrainer-homework", "tasks": [{"kind": "checkin"}]},
                "2026-01-04T12:00:00.000Z",
                True,
                ((0, imported.uuid), (0, before.uuid)),
            ),
        ),
        imports=(
            ImportRecord(
                "daylio-csv", "daylio_export.csv", "ab" * 32, "2026-01-06T00:00:00.000Z", 1, 0
            ),
        ),
    )


def open_store(app_paths: AppPaths, *, lock: bool = True) -> Store:
    return Store.open(app_paths, lock=lock)


def snapshot_of(app_paths: AppPaths) -> Snapshot:
    """Everything stored, read without the instance lock."""
    with Store.open(app_paths, lock=False) as store:
        return store_exchange.snapshot(store)


def run_cli(argv: Sequence[str]) -> int:
    """``emotrainer`` as a process would see it: argparse's exits become codes."""
    try:
        return cli.main(list(argv))
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under ``folder``: relative name → (sha256 or "folder", mode).

    Leaves out ``logs/``: a command logs there (an overridden data folder holds
    the log folder), and logs are not data.
    """
    if not folder.exists():
        return {}
    state = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name == "logs" or name.startswith("logs/"):
            continue
        mode = stat.S_IMODE(path.stat().st_mode)
        state[name] = ("folder" if path.is_dir() else sha256(path), mode)
    return state


def start_app_once(data_dir: Path, **env_changes: str | None) -> dict[str, Any]:
    """Run ``emotrainer --exit-after-start`` as a process; its start-up report.

    ``env_changes`` set variables (None removes one), e.g. the Qt platform.
    """
    import json
    import os
    import subprocess
    import sys

    env = dict(os.environ, EMOTRAINER_STARTUP_REPORT="1")
    for key, value in env_changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    result = subprocess.run(
        [sys.executable, "-m", "emotrainer", "--data-dir", str(data_dir), "--exit-after-start"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return report
