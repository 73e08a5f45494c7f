"""Writing a report to a file: the one path for ``emotrainer export`` and the Export dialog.

A report of chosen days goes out as a PDF (to read together), an
``.emoreport`` (for a therapist's emotrainer) or a CSV (one row per feeling
named). The person chooses the sections; their notes are in only when they
tick them in (SPEC §2, §4.4). A CSV has no sections: the notes tick-box only
adds its ``note`` column.

Read-only toward the store. Every file is written through a temporary file
beside it, fsynced, made 0600 and then moved into place, so a failure never
leaves half a file; a failure is a DataDirError naming the path and the
reason. No Qt here, except that a PDF is drawn by ``emotrainer.ui.report_pdf``,
imported only when a PDF is asked for.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Literal

from emotrainer import __version__
from emotrainer.core.clock import format_utc
from emotrainer.core.report import SECTION_ORDER, Report, Section
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.paths import DataDirError, make_private_file
from emotrainer.storage.store import Store

Format = Literal["pdf", "csv", "report"]
FORMATS: tuple[Format, ...] = ("pdf", "report", "csv")
SUFFIXES: dict[Format, str] = {"pdf": ".pdf", "report": ".emoreport", "csv": ".csv"}
WHAT: dict[Format, str] = {"pdf": "the PDF report", "report": "the report", "csv": "the CSV"}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What was written: the file, its days, and how much of the history is in it."""

    path: Path
    fmt: Format
    first_day: date | None  # None: a CSV with an open end and no entries there
    last_day: date | None
    entries: int
    rows: int  # the CSV's rows after its header; for a report, the same as entries

    @property
    def summary(self) -> str:
        """ "Wrote the PDF report of 3 to 30 November 2026 (41 entries) to /…/file.pdf"."""
        days = (
            days_text(self.first_day, self.last_day)
            if self.first_day is not None and self.last_day is not None
            else "every entry"
        )
        counted = entries_text(self.entries)
        if self.fmt == "csv":
            counted += f", {self.rows} {'row' if self.rows == 1 else 'rows'}"
        return f"Wrote {WHAT[self.fmt]} of {days} ({counted}) to {self.path}"


def entries_text(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def days_text(first: date, last: date) -> str:
    """ "3 to 30 November 2026", "30 November to 2 December 2026", "4 March 2026"."""
    end = f"{last.day} {last:%B %Y}"
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {end}"
    if first.year == last.year:
        return f"{first.day} {first:%B} to {end}"
    return f"{first.day} {first:%B %Y} to {end}"


# -- what the Export dialog shows, worked out without Qt ----------------------------------

SECTION_PHRASES = {
    Section.SUMMARY: "the summary",
    Section.CHARTS: "the charts",
    Section.WORDS: "the words you used",
    Section.HOMEWORK: "homework",
    Section.NOTES: "your notes",
}


def quick_range(
    choice: str, today: date, first_entry: date | None, plan: tuple[date, date] | None = None
) -> tuple[date, date]:
    """The days of a quick choice: "week" (7 days), "four_weeks" (28), "plan", "all".

    Each ends today, except "plan" (the plan's own days). "all" starts on the
    first entry's day, or today before there is one.
    """
    if choice == "week":
        return today - timedelta(days=6), today
    if choice == "four_weeks":
        return today - timedelta(days=27), today
    if choice == "plan":
        if plan is None:
            raise ValueError("no homework plan to take the days from")
        return plan
    if choice == "all":
        return min(first_entry or today, today), today
    raise ValueError(f"unknown quick choice {choice!r}")


def contents_sentence(fmt: Format, sections: Collection[Section]) -> str:
    """What the file will hold, in a plain sentence; says whether the notes are in."""
    notes = Section.NOTES in sections
    if fmt == "csv":
        return "One row per feeling named, " + (
            "with your notes." if notes else "without your notes."
        )
    parts = [SECTION_PHRASES[s] for s in SECTION_ORDER if s in sections]
    if not parts:
        return "It will hold nothing yet."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"It will hold {listed}." + ("" if notes else " Your notes are left out.")


def export_blocker(
    fmt: Format, first: date, last: date, sections: Collection[Section]
) -> str | None:
    """Why Export cannot go ahead yet, in one line; None when it can."""
    if last < first:
        return "The last day is before the first: choose a later last day to export."
    if fmt != "csv" and not any(s in sections for s in SECTION_ORDER):
        return "Tick at least one thing to put in the report."
    return None


def suggested_name(fmt: Format, first: date, last: date) -> str:
    """``emotrainer-report-2026-11-03-to-2026-11-30.pdf``."""
    return f"emotrainer-report-{first.isoformat()}-to-{last.isoformat()}{SUFFIXES[fmt]}"


def write_export(
    store: Store,
    vocabulary: Vocabulary,
    fmt: Format,
    out: Path,
    first: date | None,
    last: date | None,
    sections: Collection[Section],
    today: date,
    *,
    made_utc: str | None = None,
) -> ExportResult:
    """Write the export of local days ``first``…``last`` (None: an open end) to ``out``.

    A report (pdf, report) with open ends runs from the first entry to today
    (``core.report.report_range``); a CSV with an open end has no limit there.
    ``sections`` choose what a report holds; a CSV only looks at Section.NOTES.
    Raises DataDirError when the file cannot be written; nothing is left
    behind then, and the store is never written to.
    """
    if fmt == "csv":
        return _write_csv(store, vocabulary, out, first, last, Section.NOTES in sections)
    from emotrainer.storage.report import count_between, read_report

    report = read_report(
        store,
        vocabulary,
        first=first,
        last=last,
        today=today,
        made_utc=made_utc or format_utc(datetime.now(UTC)),
        app_version=__version__,
        sections=sections,
    )
    if fmt == "pdf":
        _write_pdf(report, out)
    else:
        from emotrainer.core.report_format import report_document

        document = report_document(report)
        write_private(out, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    entries = count_between(store, report.first_day, report.last_day)
    return ExportResult(out, fmt, report.first_day, report.last_day, entries, entries)


def _write_csv(
    store: Store,
    vocabulary: Vocabulary,
    out: Path,
    first: date | None,
    last: date | None,
    notes: bool,
) -> ExportResult:
    from emotrainer.core.report_csv import report_csv
    from emotrainer.storage.report import entries_between

    found = entries_between(store, first, last)
    write_private(out, report_csv(found, vocabulary, include_notes=notes), newline="")
    days = [e.at.local_date() for e in found]
    first_day = first if first is not None else min(days, default=None)
    last_day = last if last is not None else max(days, default=None)
    if first_day is not None and last_day is None:
        last_day = first_day
    if last_day is not None and first_day is None:
        first_day = last_day
    rows = sum(max(1, len(e.labels)) for e in found)
    return ExportResult(out, "csv", first_day, last_day, len(found), rows)


def _write_pdf(report: Report, out: Path) -> None:
    """Draw the PDF; without a running application (the command line), offscreen."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None and "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the command line: no display needed
    from emotrainer.ui.app import application
    from emotrainer.ui.report_pdf import write_pdf

    application()  # the running one, or one for the command line
    try:
        write_pdf(report, out)
    except OSError as exc:
        raise DataDirError(f"{out}: cannot write ({exc.strerror or exc})") from exc


def write_private(path: Path, text: str, newline: str | None = None) -> None:
    """Write via a temporary file so a crash never leaves half a file; 0600.

    ``newline=""`` writes line ends as they are (CSV's CRLF on every platform).
    """
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        make_private_file(partial)
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # e.g. no folder there: then no partial file either
            partial.unlink(missing_ok=True)
        raise DataDirError(f"{path}: cannot write ({exc.strerror or exc})") from exc
