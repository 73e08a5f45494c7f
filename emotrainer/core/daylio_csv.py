"""Daylio's CSV export, read row by row: every header and date and time spelling it has used.

Split from core.daylio, which holds the types, the mapping and the plan. A
row that cannot be read is left out with its line and a reason; a file whose
header is not Daylio's is refused.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, time

from emotrainer.core import daylio
from emotrainer.core.daylio import (
    DEFAULT_LEVELS,
    FIRST_YEAR,
    LAST_YEAR,
    MOOD_MAX,
    DaylioFile,
    DaylioRow,
    Skipped,
    check_size,
    shown,
    sniff,
)
from emotrainer.core.validate import BadInput

_HEADERS = (
    ("full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"),
    ("full_date", "date", "weekday", "time", "mood", "activities", "note"),
    ("year", "date", "weekday", "time", "mood", "activities", "note"),
    ("full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"),
)
_ISO_DATE = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
_MONTH_DAY = re.compile(r"(?P<month>[a-z]+)\.? (?P<day>[0-9]{1,2}),? (?P<year>[0-9]{4})", re.I)
_DAY_MONTH = re.compile(r"(?P<day>[0-9]{1,2}) (?P<month>[a-z]+)\.?,? (?P<year>[0-9]{4})", re.I)
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?(?: ?([ap])\.? ?m\.?)?", re.I)
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")  # fmt: skip
_MONTHS = {n: i + 1 for i, n in enumerate(_MONTH_NAMES)} | {f"{i:02d}": i for i in range(1, 13)}
_MONTHS |= {n[:3]: i + 1 for i, n in enumerate(_MONTH_NAMES)} | {"sept": 9}


class _Unreadable(Exception):
    """One CSV row cannot be read; the message is the reason."""


def parse_csv(data: bytes, name: str) -> DaylioFile:
    """A Daylio CSV export in any known variant; BadInput if it is not one at all."""
    check_size(data, name)
    if sniff(data) == "backup":
        raise BadInput(f"{name}: line 1: a zip archive (a .daylio backup?), not a CSV export")
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{name}: line {_line_at(body, exc.start)}: not UTF-8 text") from None
    if "\x00" in text:
        line = _line_at(body, body.index(b"\x00"))
        raise BadInput(f"{name}: line {line}: a NUL character; not a text file")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    rows: list[DaylioRow] = []
    skipped: list[Skipped] = []
    end = 0  # the last line the reader has consumed
    while True:
        start = end + 1
        try:
            fields = next(reader, None)
        except csv.Error as exc:
            end = reader.line_num
            reason = "a field is too long" if "limit" in str(exc) else "badly quoted"
            if columns is None:
                raise BadInput(f"{name}: line 1: not a Daylio export ({reason})") from None
            skipped.append(Skipped(start, f"line {start}: {reason}"))
            continue
        if fields is None:
            break
        end = reader.line_num
        if columns is None:
            columns = _header(fields, name)
        elif fields:  # a blank line is no row
            try:
                rows.append(_csv_row(fields, columns, start))
            except _Unreadable as exc:
                skipped.append(Skipped(start, f"line {start}: {exc}"))
        if len(rows) + len(skipped) > daylio.MAX_ROWS:  # read now: tests lower it
            raise BadInput(f"{name}: line {start}: more than {daylio.MAX_ROWS:,} rows")
    if columns is None:
        raise BadInput(f"{name}: line 1: empty; not a Daylio export")
    moods: dict[str, int | None] = {}
    for row in rows:
        moods.setdefault(row.mood, DEFAULT_LEVELS.get(row.mood.casefold()))
    return DaylioFile("csv", tuple(rows), tuple(skipped), moods)


def _line_at(body: bytes, offset: int) -> int:
    before = body[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _header(fields: list[str], name: str) -> dict[str, int]:
    found = tuple(f.strip().casefold() for f in fields)
    if found not in _HEADERS:
        raise BadInput(
            f"{name}: line 1: not a Daylio export (expected a header like {','.join(_HEADERS[0])})"
        )
    return {column: i for i, column in enumerate(found)}


def _csv_row(fields: list[str], columns: dict[str, int], line: int) -> DaylioRow:
    if len(fields) != len(columns):
        raise _Unreadable(f"expected {len(columns)} fields, found {len(fields)}")
    day = _day(fields, columns)
    mood = " ".join(fields[columns["mood"]].split())
    if not mood:
        raise _Unreadable("no mood")
    if len(mood) > MOOD_MAX:
        raise _Unreadable(f"a mood name longer than {MOOD_MAX} characters")
    activities = (" ".join(a.split()) for a in fields[columns["activities"]].split("|"))
    return DaylioRow(
        line=line,
        local=datetime.combine(day, _time(fields[columns["time"]])),
        offset_min=None,
        mood=mood,
        activities=tuple(a for a in activities if a),
        note_title=fields[columns["note_title"]] if "note_title" in columns else "",
        note=fields[columns["note"]],
        scales=fields[columns["scales"]] if "scales" in columns else "",
    )


def _day(fields: list[str], columns: dict[str, int]) -> date:
    """full_date "2020-05-30", or (the older export) year "2019" and date "December 28"."""
    if "year" in columns:
        text = " ".join(f"{fields[columns['date']]} {fields[columns['year']]}".split())
        match = _MONTH_DAY.fullmatch(text) or _DAY_MONTH.fullmatch(text)
    else:
        text = fields[columns["full_date"]].strip()
        match = _ISO_DATE.fullmatch(text)
    if match is None:
        raise _Unreadable(f"the date {shown(text)} is not a date")
    month = match["month"]
    try:
        day = date(int(match["year"]), _MONTHS.get(month.casefold(), 0), int(match["day"]))
    except ValueError:
        raise _Unreadable(f"the date {shown(text)} is not a date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _Unreadable(f"the date {shown(text)} is before {FIRST_YEAR} or after {LAST_YEAR}")
    return day


def _time(text: str) -> time:
    """12-hour ("10:00 pm", "1:05 AM") or 24-hour ("22:00") time as a time of day."""
    match = _TIME.fullmatch(" ".join(text.split()))  # also a narrow no-break space before PM
    if match is None:
        raise _Unreadable(f"the time {shown(text)} is not a time")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if match[4]:
        if not 1 <= hour <= 12:
            raise _Unreadable(f"the time {shown(text)} is not a time")
        hour = hour % 12 + (12 if match[4].lower() == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise _Unreadable(f"the time {shown(text)} is not a time")
    return time(hour, minute, second)
