"""The report as CSV: one row per feeling named, for spreadsheets and statistics. Pure.

The columns are in docs/report-format.md. An entry with no words ("I can't
tell", skipped, or an exercise without a naming step) still has one row, with
the word columns empty and its ``words_state``: not naming a feeling is an
answer too. Quoting is RFC 4180 (the csv module, CRLF line ends, UTF-8), and a
cell that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) starts with ``'`` instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from emotrainer.core.models import Entry
from emotrainer.core.report import plain_text
from emotrainer.core.vocabulary import Vocabulary

COLUMNS = (
    "date",  # the local day, 2026-03-04
    "time",  # local, 23:30
    "utc_offset",  # +01:00, -05:00
    "exercise",  # the entry kind: checkin, body_scan, …
    "word_id",
    "word",
    "level",  # family, group, specific; empty for a word no longer in the vocabulary
    "family",
    "intensity",  # 0–10, or empty
    "presence",  # 0–10, or empty
    "words_state",  # named, cant_tell, not_asked, skipped
)
NOTE_COLUMN = "note"  # only when notes are included
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def columns(include_notes: bool) -> tuple[str, ...]:
    return (*COLUMNS, NOTE_COLUMN) if include_notes else COLUMNS


def safe_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def offset_text(offset_min: int) -> str:
    sign = "-" if offset_min < 0 else "+"
    hours, minutes = divmod(abs(offset_min), 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def rows(
    entries: Iterable[Entry], vocabulary: Vocabulary, *, include_notes: bool = False
) -> Iterator[list[str]]:
    """The rows after the header, oldest entry first, its words in the order named."""
    for entry in sorted(entries, key=lambda e: (e.at.utc, e.uuid)):
        moment = entry.at.local()
        start = [moment.date().isoformat(), f"{moment:%H:%M}"]
        after = [
            "" if entry.presence is None else str(entry.presence),
            entry.words_state.value,
        ]
        if include_notes:
            after.append(plain_text(entry.note))
        words: list[list[str]] = []
        for label in entry.labels:
            word = vocabulary.find(label.word_id)
            family = vocabulary.find(word.family) if word is not None else None
            words.append(
                [
                    label.word_id,
                    word.label if word is not None else "",
                    word.level.value if word is not None else "",
                    family.label if family is not None else "",
                    "" if label.intensity is None else str(label.intensity),
                ]
            )
        for cells in words or [[""] * 5]:
            text = [entry.kind.value, *cells, *after]
            # utc_offset is written here, always [+-]HH:MM, and is left as it is
            yield [*map(safe_cell, start), offset_text(entry.at.offset_min), *map(safe_cell, text)]


def report_csv(
    entries: Iterable[Entry], vocabulary: Vocabulary, *, include_notes: bool = False
) -> str:
    """The whole file as text, header first, with CRLF line ends (write it with newline="")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(include_notes))
    writer.writerows(rows(entries, vocabulary, include_notes=include_notes))
    return out.getvalue()
