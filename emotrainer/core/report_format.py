"""The ``.emoreport`` file: a Report as versioned JSON, and its strict reader. Pure.

``{"format": "emotrainer-report", "version": 1, ...}`` — field by field in
docs/report-format.md. A client brings the file; the therapist opens it
read-only, so it is untrusted: capped at MAX_BYTES, read strictly (unknown
fields refused, types, ranges and lengths checked, sections consistent), and
every refusal is one BadInput line naming the place ("charts[2].series[0]
.points[5][1]: expected a number from 0 to 1e+09"). What ``report_document``
writes, ``parse_report`` reads back equal. A report needs no vocabulary to be
read: it carries its own labels.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from emotrainer.core.body import REGION_IDS
from emotrainer.core.clock import parse_utc
from emotrainer.core.progress_types import Chart, Point, Series
from emotrainer.core.report import (
    FIGURE_KEYS,
    SECTION_ORDER,
    HomeworkPart,
    NoteLine,
    Report,
    Section,
    TaskCount,
    WordUsed,
)
from emotrainer.core.validate import BadInput, Reader, read_untrusted_json
from emotrainer.core.vocabulary import Level

FORMAT_NAME = "emotrainer-report"
FORMAT_VERSION = 1
EXTENSION = ".emoreport"
MAX_BYTES = 20 * 1024 * 1024
TEXT_MAX = 20_000  # any text
LINE_MAX = 200  # a label, title, name or key
ITEMS_MAX = 100_000  # any list
COUNT_MAX = 1_000_000_000
CHART_KEYS = (
    "vocabulary",
    "specificity",
    "range",
    "differentiation",
    "presence",
    "body",
    "numbness",
)

_TOP = {
    "format",
    "version",
    "app_version",
    "made_utc",
    "first_day",
    "last_day",
    "sections",
    "disclaimer",
    "figures",
    "charts",
    "body_heat",
    "words",
    "homework",
    "notes",
}
# each figure: whole numbers (counts), or a number within its range; all may be null
_COUNTS = {"words_named", "new_words", "entries", "words_used", "families_used", "words_mastered"}
_COUNTS |= {"cant_tell"}
_RANGES = {
    "specific_percent": 100.0,
    "presence_mean": 10.0,
    "places_per_body_checkin": float(len(REGION_IDS)),
    "numb_or_nothing_percent": 100.0,
    "differentiation": 1.0,
    "homework_adherence": 1.0,
}


# -- writing ------------------------------------------------------------------------


def report_document(report: Report) -> dict[str, Any]:
    """The ``.emoreport`` document: ``parse_report(report_document(r)) == r``."""
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": report.app_version,
        "made_utc": report.made_utc,
        "first_day": report.first_day.isoformat(),
        "last_day": report.last_day.isoformat(),
        "sections": [s.value for s in SECTION_ORDER if s in report.sections],
        "disclaimer": report.disclaimer,
        "figures": {k: report.figures[k] for k in FIGURE_KEYS if k in report.figures},
        "charts": [_chart_json(c) for c in report.charts],
        "body_heat": dict(sorted(report.heat.items())),
        "words": [
            {
                "word_id": w.word_id,
                "label": w.label,
                "family": w.family_label,
                "level": w.level.value if w.level is not None else None,
                "times": w.times,
                "first_day": w.first_day.isoformat(),
                "new_in_range": w.new_in_range,
            }
            for w in report.words
        ],
        "homework": [
            {
                "title": h.title,
                "therapist": h.therapist,
                "start": h.start.isoformat(),
                "end": h.end.isoformat(),
                "overall": h.overall,
                "tasks": [
                    {"label": t.label, "done": t.done, "expected": t.expected} for t in h.tasks
                ],
            }
            for h in report.homework
        ],
    }
    if Section.NOTES in report.sections:
        document["notes"] = [
            {"day": n.day.isoformat(), "kind": n.kind, "words": list(n.words), "note": n.note}
            for n in report.notes
        ]
    return document


def _chart_json(chart: Chart) -> dict[str, Any]:
    return {
        "key": chart.key,
        "title": chart.title,
        "unit": chart.unit,
        "summary": chart.summary,
        "empty": chart.empty,
        "step_days": chart.step_days,
        "series": [
            {
                "key": s.key,
                "label": s.label,
                "points": [[p.day.isoformat(), p.value] for p in s.points],
            }
            for s in chart.series
        ],
    }


# -- reading ------------------------------------------------------------------------


def read_report_file(path: Path) -> Report:
    """Read and validate a ``.emoreport`` file; BadInput("{path}: {place}: {problem}")."""
    data = read_untrusted_json(path, MAX_BYTES, "a report")
    try:
        return parse_report(data)
    except BadInput as exc:
        raise BadInput(f"{path}: {exc}") from None


def parse_report(data: Any) -> Report:
    """Validate a parsed ``.emoreport`` document in full; BadInput names the place."""
    top = Reader(data).obj()
    if top.get("format").value != FORMAT_NAME:
        top.get("format").fail(f"not an emotrainer report (expected {FORMAT_NAME!r})")
    version = top.get("version").integer(1, 1_000_000)
    if version > FORMAT_VERSION:
        top.get("version").fail(
            f"written by a newer emotrainer (format {version}; this version reads up to "
            f"{FORMAT_VERSION})"
        )
    top.obj(_TOP)
    app_version = _line(top.get("app_version"), allow_empty=False)
    made = top.get("made_utc")
    made_utc = made.text(max_len=40)
    try:
        parse_utc(made_utc)
    except ValueError:
        made.fail("expected a UTC time like 2026-01-31T20:15:00.000Z")
    first_day = _date(top.get("first_day"))
    last_day = _date(top.get("last_day"))
    if last_day < first_day:
        top.get("last_day").fail(f"the report ends before it starts ({first_day.isoformat()})")
    sections = _sections(top.get("sections"))
    disclaimer = _text(top.get("disclaimer"), allow_empty=False)

    def section(key: str, name: Section, empty: Any) -> Reader:
        """The field of a section; a section not chosen holds nothing (``empty``)."""
        r = top.get(key)
        if name not in sections and r.value != empty:
            r.fail(f"holds data, but the report's sections leave out {name.value!r}")
        return r

    figures = _figures(section("figures", Section.SUMMARY, {}), Section.SUMMARY in sections)
    charts = _charts(section("charts", Section.CHARTS, []))
    heat = _heat(section("body_heat", Section.CHARTS, {}))
    words: list[WordUsed] = []
    word_ids: set[str] = set()
    for r in section("words", Section.WORDS, []).items(max_items=ITEMS_MAX):
        word = _word(r, first_day, last_day)
        if word.word_id in word_ids:
            r.get("word_id").fail(f"the word {word.word_id!r} appears twice")
        word_ids.add(word.word_id)
        words.append(word)
    homework = tuple(
        _homework(r) for r in section("homework", Section.HOMEWORK, []).items(max_items=1_000)
    )
    notes: tuple[NoteLine, ...] = ()
    notes_reader = top.get("notes", optional=True)
    if Section.NOTES in sections:
        if notes_reader.missing:
            top.fail("missing field 'notes' (the report's sections include 'notes')")
        notes = tuple(
            _note(r, first_day, last_day) for r in notes_reader.items(max_items=ITEMS_MAX)
        )
    elif "notes" in top.value:
        notes_reader.fail("present, but the report's sections leave out 'notes'")
    return Report(
        first_day=first_day,
        last_day=last_day,
        made_utc=made_utc,
        app_version=app_version,
        sections=sections,
        figures=figures,
        charts=charts,
        heat=heat,
        words=tuple(words),
        homework=homework,
        notes=notes,
        disclaimer=disclaimer,
    )


def _sections(r: Reader) -> frozenset[Section]:
    chosen: set[Section] = set()
    for sr in r.items(max_items=len(SECTION_ORDER)):
        name = Section(sr.choice({s.value for s in Section}))
        if name in chosen:
            sr.fail(f"{name.value!r} appears twice")
        chosen.add(name)
    return frozenset(chosen)


def _figures(r: Reader, chosen: bool) -> dict[str, float | int | None]:
    r.obj(set(FIGURE_KEYS))
    if not chosen:
        return {}
    figures: dict[str, float | int | None] = {}
    for key in FIGURE_KEYS:
        fr = r.get(key)
        if key in _COUNTS:
            figures[key] = fr.opt_integer(0, COUNT_MAX)
        else:
            figures[key] = fr.opt_number(0, _RANGES[key])
    return figures


def _charts(r: Reader) -> tuple[Chart, ...]:
    charts = []
    seen: set[str] = set()
    for cr in r.items(max_items=len(CHART_KEYS)):
        cr.obj({"key", "title", "unit", "summary", "empty", "step_days", "series"})
        key = cr.get("key").choice(CHART_KEYS)
        if key in seen:
            cr.get("key").fail(f"the chart {key!r} appears twice")
        seen.add(key)
        empty = cr.get("empty")
        series = []
        for sr in cr.get("series").items(max_items=20):
            sr.obj({"key", "label", "points"})
            points = []
            for pr in sr.get("points").items(max_items=ITEMS_MAX):
                if not isinstance(pr.value, list) or len(pr.value) != 2:
                    pr.fail("expected a [day, value] pair")
                day, value = pr.items()
                points.append(Point(_date(day), value.number(0, COUNT_MAX)))
            series.append(
                Series(
                    _line(sr.get("key"), allow_empty=False),
                    _line(sr.get("label")),
                    tuple(points),
                )
            )
        charts.append(
            Chart(
                key=key,
                title=_line(cr.get("title")),
                unit=_line(cr.get("unit")),
                series=tuple(series),
                summary=_text(cr.get("summary")),
                empty=None if empty.missing else _text(empty),
                step_days=cr.get("step_days").integer(1, 366),
            )
        )
    return tuple(charts)


def _heat(r: Reader) -> dict[str, float]:
    r.obj()
    heat = {}
    for region, value in r.value.items():
        vr = Reader(value, f"{r.where}.{region}")
        if region not in REGION_IDS:
            vr.fail(f"unknown place {str(region)[:40]!r}")
        heat[str(region)] = vr.number(0, COUNT_MAX)
    return heat


def _word(r: Reader, first: date, last: date) -> WordUsed:
    r.obj({"word_id", "label", "family", "level", "times", "first_day", "new_in_range"})
    level = r.get("level")
    first_day = _date(r.get("first_day"))
    if first_day > last:
        r.get("first_day").fail(f"after the report's last day ({last.isoformat()})")
    new = r.get("new_in_range").boolean()
    if new != (first_day >= first):
        r.get("new_in_range").fail(f"does not match first_day ({first_day.isoformat()})")
    return WordUsed(
        word_id=_line(r.get("word_id"), allow_empty=False),
        label=_line(r.get("label"), allow_empty=False),
        family_label=_line(r.get("family")),
        level=None if level.missing else Level(level.choice({lv.value for lv in Level})),
        times=r.get("times").integer(1, COUNT_MAX),
        first_day=first_day,
        new_in_range=new,
    )


def _homework(r: Reader) -> HomeworkPart:
    r.obj({"title", "therapist", "start", "end", "overall", "tasks"})
    therapist = r.get("therapist")
    start, end = _date(r.get("start")), _date(r.get("end"))
    if end < start:
        r.get("end").fail(f"the plan ends before it starts ({start.isoformat()})")
    tasks = []
    for tr in r.get("tasks").items(max_items=100):
        tr.obj({"label", "done", "expected"})
        expected = tr.get("expected").integer(0, COUNT_MAX)
        done = tr.get("done").integer(0, COUNT_MAX)
        if done > expected:
            tr.get("done").fail(f"more than was asked ({expected})")
        tasks.append(TaskCount(_line(tr.get("label"), allow_empty=False), done, expected))
    return HomeworkPart(
        title=_line(r.get("title"), allow_empty=False),
        therapist=None if therapist.missing else _line(therapist),
        start=start,
        end=end,
        tasks=tuple(tasks),
        overall=r.get("overall").opt_number(0, 1),
    )


def _note(r: Reader, first: date, last: date) -> NoteLine:
    r.obj({"day", "kind", "words", "note"})
    day = _date(r.get("day"))
    if not first <= day <= last:
        r.get("day").fail(f"outside the report's days ({first.isoformat()} to {last.isoformat()})")
    return NoteLine(
        day=day,
        kind=_line(r.get("kind"), allow_empty=False),
        words=tuple(_line(w, allow_empty=False) for w in r.get("words").items(max_items=50)),
        note=_text(r.get("note"), allow_empty=False),
    )


# -- plain values -------------------------------------------------------------------

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(r: Reader) -> date:
    text = r.text(max_len=40)
    try:
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        r.fail(f"expected a date like 2026-03-02, got {text[:40]!r}")


def _text(r: Reader, *, allow_empty: bool = True) -> str:
    """Plain text that may hold line breaks and tabs, no other control characters."""
    text = r.text(max_len=TEXT_MAX, allow_empty=allow_empty)
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cs":
            r.fail(f"contains U+{ord(ch):04X}, half of a surrogate pair; expected plain text")
        if category == "Cc" and ch not in "\n\r\t":
            r.fail(f"contains the control character U+{ord(ch):04X}; expected plain text")
    return text


def _line(r: Reader, *, allow_empty: bool = True) -> str:
    """Plain text on one line."""
    text = r.text(max_len=LINE_MAX, allow_empty=allow_empty)
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp"):
            r.fail(f"contains U+{ord(ch):04X}; expected plain text on one line")
    return text
