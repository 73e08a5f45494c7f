"""Reports against a small hand-checked history: range, figures, words, homework, notes,
the CSV and the .emoreport file (its round trip and its refusals)."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from emotrainer.content import full_vocabulary, shipped_vocabulary
from emotrainer.core import report_format
from emotrainer.core.homework import parse_plan
from emotrainer.core.models import BodyMark, EntryKind, Label, WordsState
from emotrainer.core.report import (
    DEFAULT_SECTIONS,
    FIGURE_KEYS,
    Report,
    Section,
    TaskCount,
    range_phrase,
    report_range,
)
from emotrainer.core.report_csv import COLUMNS, report_csv, safe_cell
from emotrainer.core.report_format import parse_report, read_report_file, report_document
from emotrainer.core.validate import BadInput
from emotrainer.core.vocabulary import Level
from emotrainer.paths import AppPaths
from emotrainer.resources import asset
from emotrainer.storage.report import entries_between, read_report
from emotrainer.storage.store import Store
from tests.helpers import at, make_entry, open_store

V = shipped_vocabulary()
MON, SUN = date(2026, 3, 2), date(2026, 3, 8)
TODAY = date(2026, 3, 20)
MADE = "2026-03-20T10:00:00.000Z"
PLAN = json.loads(asset("homework", "example.emohw").read_text("utf-8"))  # 4–17 March

HISTORY = [
    make_entry(at=at(2026, 2, 20, 12), labels=(Label("irritated", 5),)),  # before the range
    make_entry(
        at=at(2026, 3, 2, 9), presence=4, labels=(Label("irritated", 6), Label("calm", None))
    ),
    # 04:30 UTC on the 4th, but 23:30 on the 3rd where it was lived
    make_entry(
        at=at(2026, 3, 3, 23, 30, offset=-300),
        presence=6,
        labels=(Label("numb", 3),),
        note="Felt far away\nall evening",
    ),
    make_entry(
        at=at(2026, 3, 4, 8),
        presence=2,
        words_state=WordsState.CANT_TELL,
        note="=cmd|' /C calc'!A0",
    ),
    make_entry(at=at(2026, 3, 4, 9), labels=(Label("anxious", 7),)),
    make_entry(at=at(2026, 3, 4, 20), labels=(Label("frustrated", None),)),
    make_entry(at=at(2026, 3, 5, 12), labels=(Label("irritated", 4),)),
    make_entry(
        kind=EntryKind.BODY_SCAN,
        at=at(2026, 3, 6, 12),
        words_state=WordsState.NOT_ASKED,
        marks=(BodyMark("chest", ("tight",)),),
    ),
    # 23:30 UTC on the 8th, but 00:30 on the 9th where it was lived
    make_entry(at=at(2026, 3, 9, 0, 30), labels=(Label("relieved", 5),)),
]


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    with open_store(app_paths) as opened:
        opened.add_entries(HISTORY)
        opened.import_plan(parse_plan(PLAN, [f.id for f in V.families]))
        yield opened


def _report(store: Store, first: date = MON, last: date = SUN, **kw: Any) -> Report:
    return read_report(
        store,
        full_vocabulary(store.user_words()),
        first=first,
        last=last,
        today=kw.pop("today", TODAY),
        made_utc=MADE,
        app_version="0.1.0",
        **kw,
    )


# -- the content ----------------------------------------------------------------------


def test_figures_of_a_week_by_hand(store: Store) -> None:
    report = _report(store)
    assert (report.first_day, report.last_day) == (MON, SUN)
    assert report.sections == DEFAULT_SECTIONS
    assert report.figures == {
        "words_named": 5,  # irritated (in February) and four new ones; relieved is on the 9th
        "new_words": 4,
        "entries": 7,
        "words_used": 5,
        "families_used": 4,  # anger, calm, detachment, fear
        "specific_percent": 83.3,  # 5 of 6 labels: all but "calm"
        "presence_mean": 4.0,  # (4 + 6 + 2) / 3
        "places_per_body_checkin": 1.0,
        "numb_or_nothing_percent": 0.0,
        "differentiation": None,
        "words_mastered": 0,
        "homework_adherence": 0.308,  # 4 of 13, below
        "cant_tell": 1,
    }
    assert list(report.figures) == list(FIGURE_KEYS)
    assert report.heat == {"chest": 1.0}
    assert report.notes == ()
    assert "not a diagnostic tool" in report.disclaimer


def test_words_used_most_first_with_their_first_ever_day(store: Store) -> None:
    words = _report(store).words
    assert [(w.word_id, w.times, w.first_day, w.new_in_range) for w in words] == [
        ("irritated", 2, date(2026, 2, 20), False),
        ("anxious", 1, date(2026, 3, 4), True),
        ("calm", 1, MON, True),
        ("frustrated", 1, date(2026, 3, 4), True),
        ("numb", 1, date(2026, 3, 3), True),
    ]
    numb = words[-1]
    assert (numb.label, numb.family_label, numb.level) == ("Numb", "Detachment", Level.SPECIFIC)


def test_homework_counts_the_plan_days_in_the_range(store: Store) -> None:
    (part,) = _report(store).homework
    assert (part.title, part.therapist) == (
        "Two weeks: noticing anger in the body",
        "Dr. Amira Haddad",
    )
    assert (part.start, part.end) == (date(2026, 3, 4), date(2026, 3, 17))
    # plan days 4–8 March: check-ins 2 a day (3 on the 4th count as 2, 1 on the 5th);
    # the clipped first week asks 2 body scans (3 × 5 / 7) and 1 trainer session
    assert part.tasks == (
        TaskCount("Check-in (2 a day)", 3, 10),
        TaskCount("Body scan (3 a week)", 1, 2),
        TaskCount("Word trainer session (1 a week)", 0, 1),
    )
    assert part.overall == 0.308


def test_homework_is_counted_only_up_to_today(store: Store) -> None:
    (part,) = _report(store, today=date(2026, 3, 4)).homework
    assert [t.expected for t in part.tasks] == [2, 2, 1]  # the week holding today counts whole
    assert _report(store, first=date(2026, 3, 18), last=date(2026, 3, 31)).homework == ()


@pytest.mark.parametrize(
    ("first", "last", "kept"),
    [
        (MON, date(2026, 3, 3), 2),  # the 23:30 check-in at −05:00 is on the 3rd
        (date(2026, 3, 4), date(2026, 3, 4), 3),  # …not on the 4th, where UTC has it
        (date(2026, 3, 9), date(2026, 3, 9), 1),  # 00:30 at +01:00 is on the 9th
        (MON, SUN, 7),
    ],
)
def test_the_range_is_of_local_days(store: Store, first: date, last: date, kept: int) -> None:
    assert _report(store, first, last).figures["entries"] == kept
    assert len(entries_between(store, first, last)) == kept


def test_notes_are_left_out_unless_ticked_in(store: Store) -> None:
    assert _report(store).notes == ()
    with_notes = _report(store, sections=DEFAULT_SECTIONS | {Section.NOTES})
    assert [(n.day, n.kind, n.words, n.note) for n in with_notes.notes] == [
        (date(2026, 3, 3), "Check-in", ("Numb",), "Felt far away\nall evening"),
        (date(2026, 3, 4), "Check-in", (), "=cmd|' /C calc'!A0"),
    ]


def test_only_the_chosen_sections_are_filled(store: Store) -> None:
    report = _report(store, sections={Section.WORDS})
    assert report.figures == {} and report.charts == () and report.heat == {}
    assert report.homework == () and report.notes == ()
    assert len(report.words) == 5


def test_charts_speak_of_the_range_and_compare_with_nothing_outside_it(store: Store) -> None:
    report = _report(store)
    assert [c.key for c in report.charts] == [
        "vocabulary", "specificity", "range", "differentiation", "presence", "body", "numbness",
    ]  # fmt: skip
    for chart in report.charts:
        assert "all your time" not in chart.summary
        assert "before)" not in chart.summary
    assert report.chart("presence").summary == (
        "From 2 March to 8 March 2026 your presence averaged 4.0 out of 10."
    )
    assert report.chart("vocabulary").summary == (
        "By 8 March 2026 you had named 5 different feelings; 4 of them for the first time in "
        "these days."
    )
    points = report.chart("vocabulary").series[0].points
    assert report.chart("vocabulary").step_days == 1 and len(points) == 7
    assert [p.value for p in points] == [2.0, 3.0, 5.0, 5.0, 5.0, 5.0, 5.0]


def test_a_long_range_has_a_point_per_week(store: Store) -> None:
    report = _report(store, date(2026, 2, 1), date(2026, 3, 31))
    specificity = report.chart("specificity")
    assert specificity.step_days == 7
    assert specificity.summary.startswith("From 1 February to 31 March 2026, ")
    assert {p.day.weekday() for p in specificity.series[0].points} == {0}


def test_report_range_fills_open_ends() -> None:
    first_entry = date(2025, 6, 1)
    assert report_range(None, None, first_entry, TODAY) == (first_entry, TODAY)
    assert report_range(None, None, None, TODAY) == (TODAY, TODAY)
    assert report_range(MON, None, first_entry, TODAY) == (MON, TODAY)
    assert report_range(date(2027, 1, 1), None, None, TODAY) == (date(2027, 1, 1),) * 2
    assert report_range(None, date(2025, 1, 1), first_entry, TODAY) == (date(2025, 1, 1),) * 2
    with pytest.raises(ValueError, match="before"):
        report_range(SUN, MON, None, TODAY)


def test_range_phrase() -> None:
    assert range_phrase(MON, MON) == "On 2 March 2026"
    assert range_phrase(date(2025, 12, 29), MON) == "From 29 December 2025 to 2 March 2026"


# -- CSV ------------------------------------------------------------------------------


def _csv(store: Store, notes: bool) -> list[dict[str, str]]:
    text = report_csv(entries_between(store, MON, SUN), V, include_notes=notes)
    assert text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_one_row_per_label_and_one_for_an_entry_without_words(store: Store) -> None:
    rows = _csv(store, notes=False)
    assert tuple(rows[0]) == COLUMNS and "note" not in rows[0]
    assert [(r["date"], r["word_id"], r["words_state"]) for r in rows] == [
        ("2026-03-02", "irritated", "named"),
        ("2026-03-02", "calm", "named"),
        ("2026-03-03", "numb", "named"),
        ("2026-03-04", "", "cant_tell"),  # "I can't tell" is data
        ("2026-03-04", "anxious", "named"),
        ("2026-03-04", "frustrated", "named"),
        ("2026-03-05", "irritated", "named"),
        ("2026-03-06", "", "not_asked"),
    ]
    assert rows[2] == {
        "date": "2026-03-03",
        "time": "23:30",
        "utc_offset": "-05:00",  # written by us: not escaped
        "exercise": "checkin",
        "word_id": "numb",
        "word": "Numb",
        "level": "specific",
        "family": "Detachment",
        "intensity": "3",
        "presence": "6",
        "words_state": "named",
    }
    assert rows[1]["intensity"] == "" and rows[3]["word"] == "" and rows[3]["presence"] == "2"
    assert rows[7]["exercise"] == "body_scan" and rows[0]["utc_offset"] == "+01:00"


def test_csv_notes_only_when_included_quoted_and_defused(store: Store) -> None:
    rows = _csv(store, notes=True)
    assert list(rows[0])[-1] == "note"
    assert rows[2]["note"] == "Felt far away\nall evening"  # the line break stays in its quotes
    assert rows[3]["note"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+41 79", "'+41 79"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_safe_cell(text: str, safe: str) -> None:
    assert safe_cell(text) == safe


def test_an_own_word_starting_like_a_formula_is_defused(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_user_word("-meh", "Neither here nor there.", "calm")
        vocabulary = full_vocabulary(store.user_words())
        (own,) = store.user_words()
        store.add_entry(make_entry(at=at(2026, 3, 2), labels=(Label(own.id, 2),)))
        (row,) = csv.DictReader(io.StringIO(report_csv(store.all_entries(), vocabulary)))
    assert (row["word"], row["family"]) == ("'-meh", "Calm")


# -- the .emoreport file -----------------------------------------------------------------


def _full(store: Store) -> Report:
    return _report(store, sections=set(Section))


def test_the_document_round_trips(store: Store) -> None:
    for report in (_report(store), _full(store), _report(store, sections=())):
        document = json.loads(json.dumps(report_document(report)))
        assert parse_report(document) == report
    assert "notes" not in report_document(_report(store))
    document = report_document(_full(store))
    assert document["format"] == "emotrainer-report" and document["version"] == 1
    assert document["sections"] == ["summary", "charts", "words", "homework", "notes"]
    assert document["charts"][0]["series"][0]["points"][0] == ["2026-03-02", 2.0]


def test_a_report_file_reads_back_equal(store: Store, tmp_path: Path) -> None:
    report = _full(store)
    path = tmp_path / "client.emoreport"
    path.write_text(json.dumps(report_document(report), ensure_ascii=False), "utf-8")
    assert read_report_file(path) == report


def _spoiled(doc: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    node: Any = doc
    for key in path[:-1]:
        node = node[key]
    if value is _DROP:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


_DROP = object()
_POINT = ("charts", 0, "series", 0, "points", 1)


@pytest.mark.parametrize(
    ("path", "value", "reason"),
    [
        (("surprise",), 1, "top level: unexpected field 'surprise'"),
        (("words", 0, "colour"), "red", "words[0]: unexpected field 'colour'"),
        (("format",), "emotrainer-export", "format: not an emotrainer report"),
        (("version",), 2, "version: written by a newer emotrainer (format 2; this"),
        (("version",), "1", "version: expected a whole number"),
        (("first_day",), "2026-02-30", "first_day: expected a date like 2026-03-02"),
        (("last_day",), "2026-03-01", "last_day: the report ends before it starts (2026-03-02)"),
        (("made_utc",), "yesterday", "made_utc: expected a UTC time"),
        (("sections",), ["summary", "summary"], "sections[1]: 'summary' appears twice"),
        (("figures", "entries"), 2.5, "figures.entries: expected a whole number"),
        (("figures", "specific_percent"), 101, "figures.specific_percent: expected a number"),
        (("figures", "cant_tell"), _DROP, "figures: missing field 'cant_tell'"),
        (("charts", 1, "key"), "vocabulary", "charts[1].key: the chart 'vocabulary' appears twice"),
        (_POINT, ["2026-03-03"], "charts[0].series[0].points[1]: expected a [day, value] pair"),
        ((*_POINT, 1), True, "charts[0].series[0].points[1][1]: expected a number"),
        (("charts", 0, "title"), "a\nb", "charts[0].title: contains U+000A; expected"),
        (("body_heat", "tail"), 1.0, "body_heat.tail: unknown place 'tail'"),
        (("words", 0, "times"), 0, "words[0].times: expected a whole number from 1"),
        (("words", 0, "new_in_range"), True, "words[0].new_in_range: does not match"),
        (("words", 1, "word_id"), "irritated", "words[1].word_id: the word 'irritated' appears"),
        (("words", 0, "level"), "vague", "words[0].level: unknown value 'vague'"),
        (("homework", 0, "tasks", 0, "done"), 11, "homework[0].tasks[0].done: more than was"),
        (("notes", 0, "day"), "2026-03-09", "notes[0].day: outside the report's days"),
        (("notes", 0, "note"), "x" * 20_001, "notes[0].note: longer than 20000 characters"),
        (("notes", 0, "note"), "a\x00b", "notes[0].note: contains the control character U+0000"),
        (("notes", 0, "note"), "\ud800", "notes[0].note: contains U+D800, half of"),
        (("disclaimer",), " ", "disclaimer: expected non-empty text"),
    ],
)  # fmt: skip
def test_the_reader_refuses_naming_the_place(
    store: Store, path: tuple[Any, ...], value: Any, reason: str
) -> None:
    document = _spoiled(report_document(_full(store)), path, value)
    with pytest.raises(BadInput) as caught:
        parse_report(document)
    assert str(caught.value).startswith(reason)
    assert "\n" not in str(caught.value)


def test_the_reader_refuses_sections_that_do_not_match(store: Store) -> None:
    without_notes = report_document(_report(store))
    with pytest.raises(BadInput, match=r"^notes: present, but the report's sections leave out"):
        parse_report({**without_notes, "notes": []})
    with pytest.raises(BadInput, match=r"^top level: missing field 'notes'"):
        parse_report({**without_notes, "sections": [*without_notes["sections"], "notes"]})
    only_words = {**without_notes, "sections": ["words"]}
    with pytest.raises(BadInput, match=r"^figures: holds data, but .* leave out 'summary'"):
        parse_report(only_words)


def test_a_file_too_big_or_not_json_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "client.emoreport"
    path.write_text(json.dumps(report_document(_report(store))), "utf-8")
    monkeypatch.setattr(report_format, "MAX_BYTES", 1024)
    with pytest.raises(BadInput, match=r"client.emoreport: larger than 1 KB$"):
        read_report_file(path)
    monkeypatch.undo()
    path.write_bytes(b'{"format": "emotrainer-report",\n "version": }')
    with pytest.raises(BadInput, match=r"client.emoreport: line 2 column 13: "):
        read_report_file(path)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(BadInput, match=r"client.emoreport: byte 0: not UTF-8 text"):
        read_report_file(path)
    path.write_text(json.dumps({**report_document(_report(store)), "version": 7}), "utf-8")
    with pytest.raises(BadInput, match=rf"^{path}: version: written by a newer emotrainer"):
        read_report_file(path)
