"""The Store: one open database, its lock and the repositories over it.

Writes return a Change (core.changes) so that exactly one path carries
"what changed" to the screen. Reads return plain dataclasses.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from emotrainer.core.changes import NOTHING, Change
from emotrainer.core.clock import format_utc
from emotrainer.core.models import (
    Counts,
    Draft,
    Entry,
    EntryKind,
    Label,
    TagKind,
    UserWord,
    WordsState,
)
from emotrainer.paths import AppPaths, ensure_private_dir
from emotrainer.storage import entries
from emotrainer.storage.database import (
    integrity,
    move_aside,
    open_database,
    open_readonly,
    schema_version,
    transaction,
)
from emotrainer.storage.errors import DamagedDatabaseError, DuplicateWordError, StoreError
from emotrainer.storage.lock import InstanceLock

if TYPE_CHECKING:  # annotations only: opening the store loads neither history nor the trainer
    from emotrainer.core.adherence import Done
    from emotrainer.core.history import HistoryFilter
    from emotrainer.core.homework import Plan
    from emotrainer.core.progress import ProgressRows
    from emotrainer.core.srs import CardFacts, Grade, PastReview
    from emotrainer.storage.homework import StoredPlan


class Store:
    def __init__(self, paths: AppPaths, conn: sqlite3.Connection, lock: InstanceLock | None):
        self.paths = paths
        self.conn = conn
        self._lock = lock
        # The last integrity check's result: "ok", a problem, or None while the
        # full check still runs (the window defers it; see ui.app).
        self.checked: str | None = None
        # Opened by open_readonly: an in-memory copy that refuses every write.
        self.readonly = False

    # -- life cycle ---------------------------------------------------------

    @classmethod
    def open(cls, paths: AppPaths, *, lock: bool = True, full_check: bool = True) -> Store:
        """Open for writing, taking the instance lock; lock=False skips the lock.

        Either way this creates, migrates and moves aside as needed: a
        command that only reads uses ``open_readonly`` instead.
        """
        ensure_private_dir(paths.data_dir)
        instance_lock = InstanceLock(paths.lock_file) if lock else None
        if instance_lock:
            instance_lock.acquire()
        try:
            conn = open_database(paths.database, paths.backups_dir, full_check=full_check)
        except BaseException:
            if instance_lock:
                instance_lock.release()
            raise
        store = cls(paths, conn, instance_lock)
        store.checked = "ok" if full_check else None
        return store

    @classmethod
    def open_readonly(cls, paths: AppPaths, *, full_check: bool = True) -> Store:
        """Open for a command that only reads while the app may be running.

        Nothing in the data folder is created, migrated, moved aside or
        chmodded; no database gives an empty store. See
        ``database.open_readonly`` for the known errors it refuses with.
        """
        conn = open_readonly(paths.database, paths.backups_dir, full_check=full_check)
        store = cls(paths, conn, None)
        store.checked = "ok" if full_check else None
        store.readonly = True
        return store

    def _writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.paths.database}: opened read-only; nothing was changed")

    def close(self) -> None:
        self.conn.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def restore(self, backup: Path) -> tuple[Path | None, Change]:
        """Put a backup in place while keeping the instance lock.

        The current file is kept aside (never deleted); returns where it went.
        """
        self._writable()
        self.conn.close()
        try:
            from emotrainer.storage import backups  # only when needed: start-up stays lean

            moved = backups.restore(backup, self.paths.database)
        finally:
            self.conn = open_database(self.paths.database, self.paths.backups_dir)
            self.checked = "ok"
        return moved, Change(everything=True)

    def set_aside_damaged(self, reason: str) -> DamagedDatabaseError:
        """After a failed integrity check: move the file aside, keep the lock.

        Follow with ``restore`` of a backup or ``reopen`` to start afresh.
        """
        self._writable()
        self.conn.close()
        return move_aside(self.paths.database, self.paths.backups_dir, reason)

    def reopen(self) -> Change:
        self._writable()
        self.conn = open_database(self.paths.database, self.paths.backups_dir)
        self.checked = "ok"
        return Change(everything=True)

    def backup_now(self) -> Path:
        self._writable()
        from emotrainer.storage import backups

        return backups.create(self.conn, self.paths.backups_dir)

    def maybe_backup(self, now: datetime | None = None) -> Path | None:
        self._writable()
        from emotrainer.storage import backups

        return backups.maybe_create(self.conn, self.paths.database, self.paths.backups_dir, now)

    # -- facts --------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def integrity(self) -> str:
        return integrity(self.conn)

    def counts(self) -> Counts:
        def one(sql: str) -> int:
            return int(self.conn.execute(sql).fetchone()[0])

        return Counts(
            entries=one("SELECT count(*) FROM entries"),
            checkins=one("SELECT count(*) FROM entries WHERE kind = 'checkin'"),
            labels=one("SELECT count(*) FROM labels"),
            body_marks=one("SELECT count(*) FROM body_marks"),
            user_words=one("SELECT count(*) FROM user_words"),
            reviews=one("SELECT count(*) FROM srs_reviews"),
            plans=one("SELECT count(*) FROM homework_plans"),
            drafts=one("SELECT count(*) FROM drafts"),
        )

    # -- entries ------------------------------------------------------------

    def add_entry(self, entry: Entry) -> Change:
        with transaction(self.conn):
            entries.insert(self.conn, entry)
        return Change(entries=True)

    def add_entries(self, items: Iterable[Entry]) -> Change:
        with transaction(self.conn):
            entries.insert_many(self.conn, items)
        return Change(entries=True)

    def delete_entry(self, uuid: str) -> Change:
        with transaction(self.conn):
            entries.delete(self.conn, uuid)
        return Change(entries=True)

    # -- history: filtered pages, edits, delete with undo ---------------------

    def history(
        self,
        flt: HistoryFilter,
        family_word_ids: Collection[str] | None = None,
        limit: int | None = 200,
        offset: int = 0,
    ) -> list[Entry]:
        """A page of the entries ``flt`` keeps, newest local day first (None: no limit).

        ``family_word_ids``: every word id of ``flt.family_id`` (see
        ``core.history.family_word_ids``); needed when a family is chosen.
        """
        return entries.history(self.conn, flt, family_word_ids, limit, offset)

    def history_count(
        self, flt: HistoryFilter, family_word_ids: Collection[str] | None = None
    ) -> int:
        return entries.history_count(self.conn, flt, family_word_ids)

    def update_entry(self, uuid: str, labels: Sequence[Label], note: str) -> Change:
        """Set an entry's words (with intensities) and note.

        Raises ValueError for more than three words, a repeated word, an
        intensity outside 0–10 or a note over the limit, KeyError for an
        unknown entry. With words the entry counts as named; without, "can't
        tell" and "skipped" stay what they were (both are answers), and an
        entry whose words were all removed counts as skipped.
        """
        from emotrainer.core.flows import NOTE_MAX, WORDS_MAX

        self._writable()
        labels = tuple(labels)
        if len(labels) > WORDS_MAX:
            raise ValueError(f"an entry holds at most {WORDS_MAX} words, not {len(labels)}")
        seen: set[str] = set()
        for label in labels:
            if not isinstance(label.word_id, str) or not label.word_id:
                raise ValueError("a word id must be non-empty text")
            if label.word_id in seen:
                raise ValueError(f"the word {label.word_id!r} is there twice")
            seen.add(label.word_id)
            intensity = label.intensity
            if intensity is not None and (
                isinstance(intensity, bool)
                or not isinstance(intensity, int)
                or not 0 <= intensity <= 10
            ):
                raise ValueError(f"intensity of {label.word_id!r}: expected 0–10 or none")
        if not isinstance(note, str) or len(note) > NOTE_MAX:
            raise ValueError(f"a note holds at most {NOTE_MAX:,} characters")
        with transaction(self.conn):
            row = self.conn.execute(
                "SELECT words_state FROM entries WHERE uuid = ?", (uuid,)
            ).fetchone()
            if row is None:
                raise KeyError(uuid)
            state = WordsState(row[0])
            if labels:
                state = WordsState.NAMED
            elif state is WordsState.NAMED:
                state = WordsState.SKIPPED
            now = format_utc(datetime.now(UTC))
            entries.update_words_and_note(self.conn, uuid, labels, state, note, now)
        return Change(entries=True)

    def delete_entry_for_undo(self, uuid: str) -> tuple[entries.Removed, Change]:
        """Delete an entry, keeping what ``undo_delete`` needs to put it back exactly."""
        self._writable()
        with transaction(self.conn):
            removed = entries.remove_for_undo(self.conn, uuid)
        if removed is None:
            raise KeyError(uuid)
        return removed, Change(entries=True)

    def undo_delete(self, removed: entries.Removed) -> Change:
        """Put a deleted entry back: same uuid, source, import and homework links.

        Nothing changes (NOTHING is returned) if it is back already.
        """
        self._writable()
        with transaction(self.conn):
            restored = entries.reinsert(self.conn, removed)
        return Change(entries=True) if restored else NOTHING

    def entry(self, uuid: str) -> Entry | None:
        found = entries.fetch(self.conn, "uuid = ?", (uuid,))
        return found[0] if found else None

    def entries_on(self, day: date) -> list[Entry]:
        return entries.on_local_day(self.conn, day)

    def count_entries_since(self, first_day: date) -> int:
        """Entries on or after ``first_day`` in each entry's own local time."""
        low = (first_day - timedelta(days=1)).isoformat()
        row = self.conn.execute(
            "SELECT count(*) FROM entries WHERE at_utc >= ? AND local_day >= ?",
            (low, first_day.isoformat()),
        ).fetchone()
        return int(row[0])

    def all_entries(self) -> list[Entry]:
        return entries.fetch(self.conn)

    def entries_of_kind(self, kind: EntryKind) -> list[Entry]:
        return entries.fetch(self.conn, "kind = ?", (kind.value,))

    def word_uses(self) -> list[entries.WordUse]:
        return entries.word_uses(self.conn)

    def used_word_ids(self) -> list[str]:
        """Every word id named at least once (read from the covering index)."""
        return [r[0] for r in self.conn.execute("SELECT DISTINCT word_id FROM labels")]

    def tags_in_use(self, kind: TagKind) -> list[str]:
        return entries.tags_in_use(self.conn, kind)

    # -- the user's own words ----------------------------------------------

    def add_user_word(
        self,
        label: str,
        definition: str,
        family_id: str,
        valence: float | None = None,
        arousal: float | None = None,
    ) -> tuple[UserWord, Change]:
        word = UserWord(
            id="user_" + os.urandom(6).hex(),
            label=label,
            definition=definition,
            family_id=family_id,
            created_utc=format_utc(datetime.now(UTC)),
            valence=valence,
            arousal=arousal,
        )
        try:
            with transaction(self.conn):
                insert_user_word(self.conn, word)
        except sqlite3.IntegrityError as exc:
            taken = self.conn.execute(
                "SELECT label FROM user_words WHERE label = ?", (label,)
            ).fetchone()
            if taken is None:
                raise
            raise DuplicateWordError(taken[0]) from exc
        return word, Change(words=True)

    def update_user_word(self, word_id: str, label: str, definition: str, family_id: str) -> Change:
        """Give one of the user's own words a new label, meaning or family.

        The id stays, so every entry and card that names the word keeps it.
        The label may stay as it is (in any case); it may not be another word's.
        Nothing is changed when any check fails.
        """
        self._writable()
        label = " ".join(label.split())
        definition = definition.strip()
        if not label:
            raise ValueError("a word needs at least one letter")
        if not definition:
            raise ValueError("a word needs a short meaning")
        if not family_id:
            raise ValueError("a word needs a family")
        with transaction(self.conn):
            found = self.conn.execute("SELECT 1 FROM user_words WHERE id = ?", (word_id,))
            if found.fetchone() is None:
                raise KeyError(word_id)
            taken = self.conn.execute(
                "SELECT label FROM user_words WHERE label = ? AND id <> ?", (label, word_id)
            ).fetchone()
            if taken is not None:
                raise DuplicateWordError(taken[0])
            self.conn.execute(
                "UPDATE user_words SET label = ?, definition = ?, family_id = ? WHERE id = ?",
                (label, definition, family_id, word_id),
            )
        return Change(words=True)

    def user_words(self) -> list[UserWord]:
        rows = self.conn.execute(
            "SELECT id, label, definition, family_id, created_utc, valence, arousal "
            "FROM user_words ORDER BY created_utc, id"
        )
        return [UserWord(*row) for row in rows]

    # -- homework -------------------------------------------------------------

    def import_plan(self, plan: Plan) -> tuple[str, Change]:
        """Keep a validated plan: "added", "updated" (same uuid, edited) or "same"."""
        from emotrainer.storage import homework

        self._writable()
        with transaction(self.conn):
            outcome = homework.save_plan(self.conn, plan, format_utc(datetime.now(UTC)))
        return outcome, NOTHING if outcome == "same" else Change(homework=True)

    def has_active_plans(self) -> bool:
        """Cheap enough for start-up: Today loads the homework code only when this is true."""
        row = self.conn.execute("SELECT 1 FROM homework_plans WHERE active = 1 LIMIT 1")
        return row.fetchone() is not None

    def homework_plans(self) -> list[StoredPlan]:
        from emotrainer.storage import homework

        return homework.plans(self.conn)

    def set_plan_active(self, uuid: str, active: bool) -> Change:
        """Put a plan away (or back); it is kept, with everything that counted toward it."""
        from emotrainer.storage import homework

        self._writable()
        with transaction(self.conn):
            if not homework.set_active(self.conn, uuid, active):
                raise KeyError(uuid)
        return Change(homework=True)

    def homework_done(self, first: date, last: date) -> list[Done]:
        """What counts toward homework on local days ``first``…``last`` (core.adherence)."""
        from emotrainer.storage import homework

        return homework.done_between(self.conn, first, last)

    # -- progress -------------------------------------------------------------

    def progress_rows(self) -> ProgressRows:
        """Everything the progress metrics read, in one consistent pass."""
        from emotrainer.storage import progress

        return progress.read_rows(self.conn)

    # -- the word trainer ----------------------------------------------------

    def trainer_cards(self) -> list[CardFacts]:
        from emotrainer.storage import trainer

        return trainer.card_facts(self.conn)

    def record_review(
        self,
        word_id: str,
        kind: str,
        grade: Grade,
        now: datetime,
        *,
        answer: str | None = None,
        duration_ms: int | None = None,
        retention: float | None = None,
        fuzz: bool = True,
    ) -> Change:
        """Schedule the (word, kind) card after a review and keep the review, durably.

        The card is created on its first review; a state that is not FSRS's is
        rebuilt from the card's reviews (``core.srs.review``).
        """
        from emotrainer.core.srs import DEFAULT_RETENTION, review
        from emotrainer.storage import trainer

        self._writable()
        reviewed_utc = format_utc(now)
        with transaction(self.conn):
            found = trainer.card_state(self.conn, word_id, kind)
            state: dict[str, Any] | None = None
            history: list[PastReview] = []
            if found is None:
                card_id = trainer.new_card_id(self.conn, word_id, kind, reviewed_utc)
            else:
                card_id, state, history = found
                if not history:
                    state = None  # created but never reviewed: a new card
            after = review(
                card_id,
                state,
                grade,
                now,
                retention=DEFAULT_RETENTION if retention is None else retention,
                history=history,
                fuzz=fuzz,
            )
            trainer.save_review(
                self.conn,
                card_id,
                after.state,
                after.due_utc,
                after.stability,
                reviewed_utc,
                int(grade),
                answer,
                duration_ms,
            )
        return Change(trainer=True)

    # -- settings -----------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value_json FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> Change:
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO settings (key, value_json) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json",
                (key, json.dumps(value, sort_keys=True)),
            )
        return Change(settings=True)

    # -- drafts -------------------------------------------------------------

    def save_draft(self, draft: Draft) -> Change:
        now = format_utc(datetime.now(UTC))
        with transaction(self.conn):
            self.conn.execute(
                "INSERT INTO drafts (flow, step, answers_json, started_utc, updated_utc) "
                "VALUES (?,?,?,?,?) ON CONFLICT (flow) DO UPDATE SET step = excluded.step, "
                "answers_json = excluded.answers_json, updated_utc = excluded.updated_utc",
                (draft.flow, draft.step, json.dumps(draft.answers), draft.started_utc or now, now),
            )
        return Change(drafts=True)

    def drafts(self) -> list[Draft]:
        rows = self.conn.execute(
            "SELECT flow, step, answers_json, started_utc, updated_utc FROM drafts "
            "ORDER BY updated_utc DESC"
        )
        return [Draft(f, s, json.loads(a), st, up) for f, s, a, st, up in rows]

    def discard_draft(self, flow: str) -> Change:
        with transaction(self.conn):
            self.conn.execute("DELETE FROM drafts WHERE flow = ?", (flow,))
        return Change(drafts=True)


def insert_user_word(conn: sqlite3.Connection, word: UserWord) -> None:
    conn.execute(
        "INSERT INTO user_words (id, label, definition, family_id, valence, arousal, "
        "created_utc) VALUES (?,?,?,?,?,?,?)",
        (
            word.id,
            word.label,
            word.definition,
            word.family_id,
            word.valence,
            word.arousal,
            word.created_utc,
        ),
    )
