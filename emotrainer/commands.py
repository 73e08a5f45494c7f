"""What each subcommand does; cli.py parses, this module acts.

Every command here works without a display. Commands that only read open the
store read-only (``Store.open_readonly``: no lock, since the app may be running,
and nothing in the data folder is created, migrated, moved or chmodded);
commands that write take the instance lock. JSON output is stable: see
docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import stat
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from emotrainer import __version__
from emotrainer.content import full_vocabulary, shipped_vocabulary
from emotrainer.core import demo, exchange
from emotrainer.core.clock import format_utc
from emotrainer.core.metrics import active_vocabulary
from emotrainer.core.progress import Progress, ProgressMetrics, Span
from emotrainer.core.srs import trainer_progress
from emotrainer.core.validate import BadInput, human_size, read_untrusted_json
from emotrainer.core.vocabulary import Vocabulary, VocabularyError
from emotrainer.paths import AppPaths, DataDirError
from emotrainer.storage import backups
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.database import integrity, read_only_copy, schema_version, unreadable_error
from emotrainer.storage.errors import (
    ForeignDatabaseError,
    ImportRejectedError,
    NewerDatabaseError,
    StoreError,
    UnreadableDatabaseError,
)
from emotrainer.storage.migrations import LATEST_VERSION
from emotrainer.storage.store import Store

KNOWN_ERRORS = (StoreError, DataDirError, BadInput, VocabularyError)


def dispatch(args: argparse.Namespace, paths: AppPaths) -> int:
    handlers = {
        "doctor": doctor,
        "words": words,
        "stats": stats,
        "demo-data": demo_data,
        "export": export,
        "import": import_file,
        "homework": homework_validate,  # its one action, "validate"
        "screenshot": screenshot,
        "backups": list_backups,
        "restore": restore,
    }
    return handlers[args.command](args, paths)


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=False)
    sys.stdout.write("\n")


def _mode(path: Path) -> str | None:
    return f"{stat.S_IMODE(path.stat().st_mode):04o}" if path.exists() else None


# -- doctor -----------------------------------------------------------------


def doctor(args: argparse.Namespace, paths: AppPaths) -> int:
    report: dict[str, Any] = {
        "version": __version__,
        "data_dir": str(paths.data_dir),
        "database": str(paths.database),
        "backups_dir": str(paths.backups_dir),
        "log_dir": str(paths.log_dir),
        "database_exists": paths.database.exists(),
        "schema_version": None,
        "supported_schema_version": LATEST_VERSION,
        "integrity": None,
        "counts": None,
        "permissions": {"data_dir": _mode(paths.data_dir), "database": _mode(paths.database)},
        "backups": len(backups.list_backups(paths.backups_dir)),
        "vocabulary_words": len(shipped_vocabulary()),
    }
    problem: StoreError | None = None
    if report["database_exists"]:
        problem = _examine(paths, report)
    if args.json:
        _print_json(report)
    else:
        width = max(len(k) for k in report)
        for key, value in report.items():
            print(f"{key.replace('_', ' '):<{width}}  {value}")
    if problem is not None:  # the report is on stdout; the reason, in one line, on stderr
        print(f"emotrainer: {problem}", file=sys.stderr)
        return 2
    return 0


def _examine(paths: AppPaths, report: dict[str, Any]) -> StoreError | None:
    """Fill in the database's facts from a read-only copy; the problem, if any.

    Doctor only looks: nothing is created, moved or changed.
    """
    try:
        copy = read_only_copy(paths.database, paths.backups_dir)
    except UnreadableDatabaseError as exc:  # a damaged file: report it, don't raise
        report["integrity"] = f"unreadable: {exc.reason}"
        return exc
    except StoreError as exc:  # e.g. it cannot be read without changing it
        report["integrity"] = f"unreadable: {exc}"
        return exc
    conn = copy or sqlite3.connect(":memory:")  # None: the empty file a crash leaves
    try:
        report["schema_version"] = schema_version(conn)
        has_tables = conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is not None
        foreign = report["schema_version"] == 0 and has_tables
        try:
            report["integrity"] = integrity(conn)
        except sqlite3.DatabaseError as exc:
            report["integrity"] = str(exc)
        if report["integrity"] == "ok" and report["schema_version"] == LATEST_VERSION:
            report["counts"] = _counts(conn)
    finally:
        conn.close()
    if report["integrity"] != "ok":
        return unreadable_error(paths.database, paths.backups_dir, report["integrity"])
    if foreign:
        return ForeignDatabaseError(paths.database)
    if report["schema_version"] > LATEST_VERSION:
        return NewerDatabaseError(paths.database, report["schema_version"], LATEST_VERSION)
    return None


def _counts(conn: Any) -> dict[str, int]:
    tables = {
        "entries": "entries",
        "labels": "labels",
        "body_marks": "body_marks",
        "user_words": "user_words",
        "reviews": "srs_reviews",
        "homework_plans": "homework_plans",
        "drafts": "drafts",
        "imports": "imports",
    }
    counts = {
        k: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for k, t in tables.items()
    }
    for kind, n in conn.execute("SELECT kind, count(*) FROM entries GROUP BY kind ORDER BY kind"):
        counts[f"entries_{kind}"] = int(n)
    return counts


# -- words and stats ---------------------------------------------------------


def _vocabulary(paths: AppPaths) -> Vocabulary:
    with Store.open_readonly(paths) as store:
        return full_vocabulary(store.user_words())


def words(args: argparse.Namespace, paths: AppPaths) -> int:
    vocabulary = _vocabulary(paths)
    if args.json:
        _print_json(
            {
                "format": "emotrainer-words",
                "version": 1,
                "words": [_word_json(w) for w in vocabulary],
            }
        )
        return 0
    for family in vocabulary.families:
        print(f"{family.label}: {family.definition}")
        for group in vocabulary.children(family.id):
            mark = " (your word)" if group.is_user else ""
            print(f"  {group.label}{mark}: {group.definition}")
            for word in vocabulary.children(group.id):
                print(f"    {word.label}: {word.definition}")
    return 0


def _word_json(w: Any) -> dict[str, Any]:
    return {
        "id": w.id,
        "label": w.label,
        "level": w.level.value,
        "parent": w.parent,
        "family": w.family,
        "definition": w.definition,
        "valence": w.valence,
        "arousal": w.arousal,
        "neighbours": list(w.neighbours),
        "body_cues": [{"area": c.area, "sensation": c.sensation} for c in w.body_cues],
        "own_word": w.is_user,
    }


def stats(args: argparse.Namespace, paths: AppPaths) -> int:
    result: dict[str, Any] = {"format": "emotrainer-stats", "version": 1}
    with Store.open_readonly(paths) as store:  # no database: an empty store
        vocabulary = full_vocabulary(store.user_words())
        uses = store.word_uses()
        counts = store.counts()
        span = store.conn.execute("SELECT min(at_utc), max(at_utc) FROM entries").fetchone()
        trainer = trainer_progress(store.trainer_cards())
        metrics = ProgressMetrics.load(store.progress_rows, vocabulary)
    active = active_vocabulary((u.word_id for u in uses), vocabulary)
    today = date.today()
    spans = {
        span.value: _span_json(metrics.progress(span, today, trainer.words_mastered))
        for span in Span
    }
    result.update(
        {
            "entries": counts.entries,
            "checkins": counts.checkins,
            "labels": counts.labels,
            "body_marks": counts.body_marks,
            "first_entry_utc": span[0],
            "last_entry_utc": span[1],
            "active_vocabulary": active.as_json(),
            "vocabulary_size": len(vocabulary),
            "trainer": trainer.as_json(),
            "today": today.isoformat(),
            "spans": spans,
        }
    )
    if args.json:
        _print_json(result)
    else:
        print(f"Entries: {result['entries']} ({result['checkins']} check-ins)")
        print(
            f"Feelings you have named: {active.total} different words "
            f"(specific {active.by_level['specific']}, group {active.by_level['group']}, "
            f"family {active.by_level['family']})"
        )
        mastered = trainer.words_mastered
        print(
            f"Word trainer: {mastered} {'word' if mastered == 1 else 'words'} mastered, "
            f"{trainer.words_learning} learning ({trainer.reviews} reviews)"
        )
        month = metrics.progress(Span.MONTH, today, trainer.words_mastered)
        for chart in month.charts:
            print(f"{chart.title}: {chart.summary}")
    return 0


def _span_json(progress: Progress) -> dict[str, Any]:
    """One span's figures and series (docs/cli.md and docs/metrics.md name every key)."""
    return {
        "first_day": progress.first_day.isoformat(),
        "last_day": progress.last_day.isoformat(),
        **progress.figures,
        "charts": {
            chart.key: {
                "summary": chart.summary,
                "step_days": chart.step_days,
                "series": {
                    series.key: [[p.day.isoformat(), p.value] for p in series.points]
                    for series in chart.series
                },
            }
            for chart in progress.charts
        },
        "body_heat": dict(sorted(progress.heat.items())),
    }


# -- writing commands ---------------------------------------------------------


def demo_data(args: argparse.Namespace, paths: AppPaths) -> int:
    if not 1 <= args.days <= 36_500:
        raise BadInput("--days: expected a whole number from 1 to 36500")
    with Store.open(paths) as store:
        store.maybe_backup()
        vocabulary = full_vocabulary(store.user_words())
        before = store.counts().entries
        history = demo.generate(
            vocabulary, args.days, args.seed, date.today(), now=datetime.now(UTC)
        )
        store.add_entries(history)
        added = store.counts().entries - before
    print(f"Added {added} demo entries over {args.days} days to {paths.data_dir}")
    return 0


def export(args: argparse.Namespace, paths: AppPaths) -> int:
    """``export``: the full lossless JSON, or a report of the chosen days (csv, report).

    Read-only. The arguments are checked before the store is opened, so a bad
    one changes nothing and creates nothing.
    """
    out = Path(args.out)
    date_from = _date_arg(args.date_from, "--from")
    date_to = _date_arg(args.date_to, "--to")
    reversed_range = date_from is not None and date_to is not None and date_to < date_from
    if reversed_range and args.format != "json":  # json: as ever, an export of no entries
        raise BadInput(f"--to: {args.date_to} is before --from {args.date_from}")
    if args.format == "pdf":
        return _export_pdf(out, paths, date_from, date_to, args.include_notes)
    if args.format == "csv":
        return _export_csv(out, paths, date_from, date_to, args.include_notes)
    if args.format == "report":
        return _export_report(out, paths, date_from, date_to, args.include_notes)
    with Store.open_readonly(paths) as store:
        snap = store_exchange.snapshot(store)
    snap = exchange.within(snap, date_from, date_to)
    document = exchange.to_document(
        snap, app_version=__version__, exported_utc=format_utc(datetime.now(UTC))
    )
    _write_private(out, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    print(f"Exported {len(snap.entries)} entries to {out}")
    return 0


def _export_csv(
    out: Path, paths: AppPaths, first: date | None, last: date | None, notes: bool
) -> int:
    """One row per feeling named (docs/report-format.md); every entry when no days are given."""
    from emotrainer.core.report import Section
    from emotrainer.exporting import write_export

    with Store.open_readonly(paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        sections = {Section.NOTES} if notes else set()
        result = write_export(store, vocabulary, "csv", out, first, last, sections, date.today())
    print(f"Exported {result.rows} rows ({result.entries} entries) to {out}")
    return 0


def _export_report(
    out: Path, paths: AppPaths, first: date | None, last: date | None, notes: bool
) -> int:
    """The ``.emoreport`` of the chosen days (docs/report-format.md)."""
    from emotrainer.core.report import DEFAULT_SECTIONS, Section
    from emotrainer.exporting import write_export

    sections = DEFAULT_SECTIONS | {Section.NOTES} if notes else DEFAULT_SECTIONS
    with Store.open_readonly(paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        result = write_export(store, vocabulary, "report", out, first, last, sections, date.today())
    print(
        f"Wrote the report of {result.first_day} to {result.last_day} "
        f"({result.entries} entries) to {out}"
    )
    return 0


def _export_pdf(
    out: Path, paths: AppPaths, first: date | None, last: date | None, notes: bool
) -> int:
    """The PDF of the chosen days: the report ``--format report`` writes, drawn offscreen."""
    from emotrainer.core.report import DEFAULT_SECTIONS, Section
    from emotrainer.exporting import write_export

    sections = DEFAULT_SECTIONS | {Section.NOTES} if notes else DEFAULT_SECTIONS
    with Store.open_readonly(paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        result = write_export(store, vocabulary, "pdf", out, first, last, sections, date.today())
    print(
        f"Wrote the PDF report of {result.first_day} to {result.last_day} "
        f"({result.entries} entries) to {out}"
    )
    return 0


def _date_arg(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadInput(f"{flag}: expected a date like 2026-01-31, got {value!r}") from None


def _write_private(path: Path, text: str, newline: str | None = None) -> None:
    """Atomic, 0600: ``emotrainer.exporting.write_private``."""
    from emotrainer.exporting import write_private

    write_private(path, text, newline)


def import_file(args: argparse.Namespace, paths: AppPaths) -> int:
    source = Path(args.file)
    if args.format == "homework" or (args.format == "auto" and source.suffix == ".emohw"):
        return _import_plan(source, paths)
    if args.format in ("daylio-csv", "daylio-backup") or (
        args.format == "auto" and _looks_like_daylio(source)
    ):
        return _import_daylio(source, paths, args.format)
    data = read_untrusted_json(source, exchange.MAX_BYTES)
    try:
        vocabulary = shipped_vocabulary()
        snap = exchange.from_document(
            data,
            known_words=[w.id for w in vocabulary],
            known_families=[w.id for w in vocabulary.families],
        )
    except BadInput as exc:
        raise BadInput(f"{source}: {exc}") from None
    with Store.open(paths) as store:
        store.maybe_backup()
        try:
            result = store_exchange.apply(store, snap)
        except ImportRejectedError as exc:
            raise ImportRejectedError(f"{source}: {exc}") from None
    print(
        f"Imported {result.entries_added} entries from {source.name}"
        f" ({result.entries_skipped} already present)"
    )
    return 0


def _looks_like_daylio(source: Path) -> bool:
    """By its name (.daylio, .csv; .json never), else by its start: a zip or Daylio's header."""
    suffix = source.suffix.lower()
    if suffix in (".daylio", ".csv"):
        return True
    if suffix == ".json":
        return False
    try:
        with source.open("rb") as handle:
            start = handle.read(64)
    except OSError:
        return False  # the JSON reader says why, naming the file
    if start[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return True
    text = start.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return text.startswith((b"full_date", b"year,date"))


def _import_daylio(source: Path, paths: AppPaths, chosen: str) -> int:
    """Daylio's history: read and planned in full before the store is opened."""
    from emotrainer.core import daylio
    from emotrainer.storage.daylio import apply_plan

    file, sha = daylio.read_path(
        source,
        "csv" if chosen == "daylio-csv" else "backup" if chosen == "daylio-backup" else "auto",
    )
    kind = file.kind
    with Store.open(paths) as store:
        vocabulary = full_vocabulary(store.user_words())
        plan = daylio.plan_import(
            file,
            daylio.default_mapping(file, vocabulary),
            vocabulary,
            sha,
            default_offset_min=daylio.local_offset_min(datetime.now()),
            offset_of=daylio.local_offset_min,
        )
        store.maybe_backup()
        try:
            summary = apply_plan(
                store, plan, file_name=source.name, file_sha256=sha, source=f"daylio-{kind}"
            )
        except ImportRejectedError as exc:
            raise ImportRejectedError(f"{source}: {exc}") from None
    print(
        f"Imported {summary.imported} entries from {source.name} "
        f"({summary.already_there} already present, {len(summary.skipped)} skipped, "
        f"{summary.words_added} new words of your own)"
    )
    for skipped in summary.skipped:
        print(f"  skipped {skipped.reason}")
    return 0


def _import_plan(source: Path, paths: AppPaths) -> int:
    """A therapist's plan: validated in full before the store is opened."""
    from emotrainer.core import homework

    plan = homework.read_plan_file(source, [f.id for f in shipped_vocabulary().families])
    with Store.open(paths) as store:
        outcome, _change = store.import_plan(plan)
    said = {
        "added": "Added the homework plan",
        "updated": "Updated the homework plan",
        "same": "Already had the homework plan",
    }[outcome]
    print(f"{said} “{plan.title}” from {source.name} ({plan.start} to {plan.end})")
    return 0


def homework_validate(args: argparse.Namespace, paths: AppPaths) -> int:
    """``homework validate FILE``: the plan's summary in one line, or BadInput naming the place."""
    from emotrainer.core import homework

    source = Path(args.file)
    plan = homework.read_plan_file(source, [f.id for f in shipped_vocabulary().families])
    tasks = f"{len(plan.tasks)} {'task' if len(plan.tasks) == 1 else 'tasks'}"
    print(
        f"{source}: a valid homework plan: «{plan.title}», {tasks}, "
        f"{plan.start.isoformat()} to {plan.end.isoformat()}"
    )
    return 0


def screenshot(args: argparse.Namespace, paths: AppPaths) -> int:
    try:
        width, height = (int(n) for n in args.size.lower().split("x"))
    except ValueError:
        raise BadInput(f"--size: expected WIDTHxHEIGHT like 1000x700, got {args.size!r}") from None
    if not (200 <= width <= 4000 and 200 <= height <= 4000):
        raise BadInput("--size: width and height must be between 200 and 4000")
    from emotrainer.ui.screenshot import render

    render(args.page, Path(args.out), (width, height), args.shot_theme, paths)
    print(f"Wrote {args.out}")
    return 0


def list_backups(args: argparse.Namespace, paths: AppPaths) -> int:
    found = backups.list_backups(paths.backups_dir)
    if not found:
        print("No backups yet.")
    for b in found:
        tag = f"  ({b.tag})" if b.tag else ""
        print(f"{b.path.name}  {b.taken:%Y-%m-%d %H:%M} UTC  {human_size(b.size)}{tag}")
    return 0


def restore(args: argparse.Namespace, paths: AppPaths) -> int:
    chosen = next(
        (b for b in backups.list_backups(paths.backups_dir) if b.path.name == args.backup), None
    )
    if chosen is None:
        raise BadInput(f"{args.backup}: no such backup in {paths.backups_dir}")
    from emotrainer.storage.lock import InstanceLock

    with InstanceLock(paths.lock_file):
        moved = backups.restore(chosen.path, paths.database)
    where = f"; the data it replaced was kept as {moved.name}" if moved else ""
    print(f"Restored {chosen.path.name}{where}")
    return 0
