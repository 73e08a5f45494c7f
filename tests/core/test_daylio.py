"""Daylio's CSV export and .daylio backup: every variant read, mapped and planned."""

from __future__ import annotations

import base64
import copy
import io
import json
import zipfile
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core import daylio, daylio_backup
from emotrainer.core.daylio import BadInput, DaylioFile, MoodMapping, Skipped
from emotrainer.core.flows import NOTE_MAX, TAG_MAX, TAGS_MAX
from emotrainer.core.models import EntryKind, Label, Tag, TagKind, WordsState
from emotrainer.core.vocabulary import VocabularyError

HERE = Path(__file__).parent / "daylio"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "daylio"
VOCABULARY = shipped_vocabulary()
HEADER8 = "full_date,date,weekday,time,mood,activities,note_title,note"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures is not here")


def read(path: Path) -> DaylioFile:
    return daylio.read_csv(path.read_bytes(), path.name)


def csv_of(*rows: str, header: str = HEADER8) -> bytes:
    return ("\n".join((header, *rows)) + "\n").encode()


def plan_of(file: DaylioFile, offset: int = 60) -> daylio.Plan:
    mapping = daylio.default_mapping(file, VOCABULARY)
    return daylio.plan_import(file, mapping, VOCABULARY, "0" * 64, default_offset_min=offset)


# -- the backup, as Daylio writes it ------------------------------------------------


def backup_document() -> dict[str, Any]:
    """A small backup document in Daylio's shape (the published samples' fields)."""
    moods = [
        {"id": i, "custom_name": "", "mood_group_id": i, "mood_group_order": 0,
         "predefined_name_id": i, "icon_id": 300 + i, "state": 0, "createdAt": 0}
        for i in range(1, 6)
    ]  # fmt: skip
    moods += [
        {"id": 6, "custom_name": "meh+", "mood_group_id": 2, "mood_group_order": 1,
         "predefined_name_id": -1, "icon_id": 321, "state": 0, "createdAt": 0},
        {"id": 7, "custom_name": " Anxious ", "mood_group_id": 4, "mood_group_order": 1,
         "predefined_name_id": -1, "icon_id": 322, "state": 0, "createdAt": 0},
    ]  # fmt: skip
    return {
        "version": 15,
        "pin": "",
        "customMoods": moods,
        "tags": [
            {"id": 184, "name": "programming", "icon": 6, "order": 1, "state": 0},
            {"id": 183, "name": "exercising", "icon": 271, "order": 2, "state": 0},
            {"id": 5, "name": "family", "icon": 3, "order": 3, "state": 0},
        ],
        "dayEntries": [
            {
                "id": 15024,
                "datetime": 1700408759432,
                "timeZoneOffset": -18000000,
                "year": 2023,
                "month": 10,
                "day": 19,
                "hour": 10,
                "minute": 45,
                "mood": 1,
                "note": "Working on a <b>converter</b><br>at last",
                "note_title": "",
                "tags": [184],
                "assets": [],
            },
            {
                "id": 13466,
                "datetime": 1575750093255,
                "timeZoneOffset": -18000000,
                "year": 2019,
                "month": 11,
                "day": 7,
                "hour": 15,
                "minute": 21,
                "mood": 6,
                "note": "Multiple tags on the same note",
                "note_title": "Busy",
                "tags": [183, 184, 183],
                "assets": [],
            },
            {
                "id": 20001,
                "datetime": 1625126400000,
                "timeZoneOffset": 7200000,
                "year": 2021,
                "month": 6,
                "day": 1,
                "hour": 10,
                "minute": 0,
                "mood": 7,
                "note": "",
                "note_title": "",
                "tags": [],
            },
        ],
        "achievements": [],
        "goals": [],
        "prefs": [{"key": "DEFAULT_HOME_TAB", "pref_name": "default", "value": 0}],
        "metadata": {"number_of_entries": 3, "created_at": 1700408800000},
    }


def encode(document: Any, *, wrap: bool = False) -> bytes:
    raw = json.dumps(document).encode()
    return base64.encodebytes(raw) if wrap else base64.b64encode(raw)


def backup_bytes(
    document: Any = None,
    *,
    data: bytes | None = None,
    member: str = "backup.daylio",
    assets: int = 1,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A .daylio zip: the base64 JSON member and a few photos under assets/."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        if data is None:
            data = encode(backup_document() if document is None else document)
        archive.writestr(member, data)
        for i in range(assets):
            archive.writestr(f"assets/photos/2023/9/{i:032x}", b"\xff\xd8\xff\xe0 photo")
    return buffer.getvalue()


# -- the shared real samples ----------------------------------------------------------


@needs_shared
def test_the_seven_column_sample() -> None:
    file = read(SHARED / "daylio-7col-sample.csv")
    assert (file.kind, len(file.rows), file.skipped) == ("csv", 32, ())
    assert file.moods == {"rad": 5, "good": 4, "meh": 3, "bad": 2, "awful": 1}
    first = file.rows[0]
    assert (first.line, first.local, first.mood) == (2, datetime(2020, 5, 30, 18, 50), "rad")
    assert first.activities == ("friends", "gaming", "programming", "nap")
    assert (first.note_title, first.note, first.offset_min) == ("", "Awesome", None)
    assert file.rows[3].local == datetime(2020, 5, 30, 1, 23)  # 1:23 am
    assert file.rows[8].local == datetime(2020, 5, 29, 12, 38)  # 12:38 pm
    assert file.rows[15].local == datetime(2020, 5, 28, 0, 19)  # 12:19 am
    last = file.rows[-1]
    assert (last.line, last.local, last.mood) == (33, datetime(2020, 5, 25, 7, 9), "meh")
    mixed = file.rows[-2]  # a 24-hour time among the 12-hour ones
    assert (mixed.local, mixed.activities, mixed.note) == (
        datetime(2020, 5, 25, 14, 58),
        ("work",),
        "Could be better",
    )
    assert (file.first_day, file.last_day) == (date(2020, 5, 25), date(2020, 5, 30))


@needs_shared
def test_the_eight_column_sample() -> None:
    file = read(SHARED / "daylio-8col-sample.csv")
    assert (len(file.rows), file.skipped) == (3, ())
    assert file.moods == {"sad": None, "average": None}  # custom names: no level
    first, second, third = file.rows
    assert (first.local, first.mood) == (datetime(2021, 9, 28, 22, 0), "sad")  # "sad " trimmed
    assert first.activities == (
        "clean", "music", "movies / tv", "bad sleep", "tired", "sleep early", "stomachache",
    )  # fmt: skip
    assert second.activities[:3] == ("stressed / frustrated", "eat out", "cook")
    assert len(second.activities) == 12
    assert (third.local, third.mood) == (datetime(2021, 9, 26, 23, 0), "average")


@needs_shared
@pytest.mark.parametrize(
    ("name", "rows"), [("daylio-7col-sample.csv", 32), ("daylio-8col-sample.csv", 3)]
)
def test_every_shared_sample_plans_every_row(name: str, rows: int) -> None:
    plan = plan_of(read(SHARED / name))
    assert (len(plan.entries), plan.skipped) == (rows, ())


@needs_shared
def test_a_mood_that_is_a_vocabulary_word_maps_to_it() -> None:
    mapping = daylio.default_mapping(read(SHARED / "daylio-8col-sample.csv"), VOCABULARY)
    sad, average = mapping
    assert (sad.mood, sad.word_id, sad.new_word_label) == ("sad", "sad", None)
    assert (average.word_id, average.new_word_label) == (None, "average")
    assert (average.family_id, average.valence) == (daylio.UNKNOWN_LEVEL_FAMILY, None)


# -- the synthetic variants -----------------------------------------------------------


def test_nine_columns_with_scales() -> None:
    file = read(HERE / "daylio-9col-scales.csv")
    assert (len(file.rows), file.skipped) == (4, ())
    first = file.rows[0]
    assert (first.local, first.mood, first.activities) == (
        datetime(2024, 3, 10, 21, 45),
        "good",
        ("reading", "tea"),
    )
    assert first.scales == "Sleep Quality: 8/10 points | Sleep Time: 8:00"
    assert (first.note_title, first.note) == ("Quiet evening", "Finished the book.")
    assert file.rows[3].local == datetime(2024, 3, 9, 0, 0)
    plan = plan_of(file)
    assert plan.entries[0].note == "Quiet evening\n\nFinished the book."
    assert plan.entries[2].note == "Concert\n\nLoud and wonderful."
    assert [t.text for t in plan.entries[2].tags] == ["friends", "music"]  # deduplicated


def test_the_older_year_and_date_header() -> None:
    file = read(HERE / "daylio-year-date.csv")
    assert (len(file.rows), file.skipped) == (5, ())
    assert [r.local for r in file.rows] == [
        datetime(2019, 12, 28, 21, 15),
        datetime(2019, 12, 28, 12, 0),
        datetime(2019, 12, 28, 0, 0),  # "28 December", 12:00 am
        datetime(2020, 1, 1, 1, 5),
        datetime(2020, 2, 29, 7, 30),  # "Feb 29" of a leap year
    ]
    assert file.rows[0].activities == ("family", "good meal")
    assert (file.rows[0].note_title, file.rows[0].note) == ("", "Dinner with everyone")


def test_html_in_notes_becomes_plain_text() -> None:
    plan = plan_of(read(HERE / "daylio-html-notes.csv"))
    assert [e.note for e in plan.entries] == [
        "Tomatoes & beans\n\nFirst line\nsecond line\nthird line",
        # escaped markup stays text, never becomes a tag; a real tag is dropped
        "Para one\nPara two <script>alert(1)</script>\nignored()",
        "a < b and c > d, 5 > 3 😀",
    ]


def test_upper_and_lower_case_am_pm() -> None:
    file = read(HERE / "daylio-upper-ampm.csv")
    assert [r.local.time().isoformat("minutes") for r in file.rows] == [
        "22:00", "12:30", "00:15", "01:05", "23:59",
    ]  # fmt: skip


def test_crlf_and_a_byte_order_mark() -> None:
    data = (HERE / "daylio-crlf-bom.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbffull_date,") and b"\r\n" in data  # as written
    file = daylio.read_csv(data, "daylio-crlf-bom.csv")
    assert (len(file.rows), file.skipped) == (2, ())
    first, second = file.rows
    assert (first.line, first.local, first.activities) == (
        2,
        datetime(2021, 1, 2, 18, 0),
        ("walk", "cooking"),
    )
    assert second.line == 4  # the quoted note spans lines 2 and 3
    assert plan_of(file).entries[0].note == "Title\n\nLine one\nline two"


def test_custom_and_renamed_moods() -> None:
    file = read(HERE / "daylio-custom-moods.csv")
    assert len(file.rows) == 6
    assert file.moods == {"Blissful": None, "sad": None, "Tired": None, "Rad": 5, "okay-ish": None}
    by_mood = {m.mood: m for m in daylio.default_mapping(file, VOCABULARY)}
    assert by_mood["sad"].word_id == "sad"  # "sad " with a trailing space
    assert by_mood["Rad"] == MoodMapping("Rad", None, "Rad", "joy", 0.8)
    assert by_mood["Blissful"] == MoodMapping("Blissful", None, "Blissful", "calm", None)
    plan = plan_of(file)
    assert len(plan.entries) == 6
    assert {w.label for w in plan.new_words} == {"Blissful", "Tired", "Rad", "okay-ish"}
    blissful = next(w for w in plan.new_words if w.label == "Blissful")
    assert blissful.created_utc == "2023-02-01T05:00:00.000Z"  # its first use
    # two rows at the same minute: each its own identity
    assert [e.source_ref for e in plan.entries[2:4]] == ["2023-02-02T20:00/1", "2023-02-02T20:00/2"]


def test_rows_that_cannot_be_read_are_skipped_with_a_reason() -> None:
    file = read(HERE / "daylio-bad-rows.csv")
    assert [r.line for r in file.rows] == [2, 9, 13]
    assert file.skipped == (
        Skipped(3, "line 3: the time “25:61” is not a time"),
        Skipped(4, "line 4: the date “2023-13-40” is not a date"),
        Skipped(5, "line 5: the time “13:00 pm” is not a time"),
        Skipped(6, "line 6: no mood"),
        Skipped(7, "line 7: expected 8 fields, found 6"),
        Skipped(8, "line 8: expected 8 fields, found 1"),
    )
    multi = file.rows[1]
    assert multi.activities == ("multi line", "activities")
    assert plan_of(file).skipped == file.skipped


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10:00 pm", "22:00"), ("10:00 PM", "22:00"), ("1:05 am", "01:05"), ("12:00 am", "00:00"),
        ("12:00 pm", "12:00"), ("12:59 AM", "00:59"), ("22:00", "22:00"), ("0:00", "00:00"),
        ("7:05", "07:05"), ("10:00\u202fPM", "22:00"), ("10:00 p.m.", "22:00"), ("9:15pm", "21:15"),
        ("23:59:30", "23:59"),
    ],
)  # fmt: skip
def test_times(text: str, expected: str) -> None:
    file = daylio.read_csv(csv_of(f'2024-01-01,1 January,Monday,"{text}",good,,,'), "t.csv")
    assert file.skipped == ()
    assert file.rows[0].local.time().isoformat("minutes") == expected


@pytest.mark.parametrize(
    "text", ["25:61", "13:00 pm", "0:30 am", "24:00", "7", "", "10:00 xm", "١٠:٠٠", "10:0", "-1:00"]
)
def test_what_is_not_a_time(text: str) -> None:
    file = daylio.read_csv(csv_of(f'2024-01-01,1 January,Monday,"{text}",good,,,'), "t.csv")
    assert file.rows == ()
    assert file.skipped[0].reason.startswith("line 2: the time “")


@pytest.mark.parametrize(
    "text", ["2024-02-30", "24-01-01", "2024/01/01", "1969-12-31", "2101-01-01", "٢٠٢٤-01-01"]
)
def test_what_is_not_a_date(text: str) -> None:
    file = daylio.read_csv(csv_of(f"{text},1 January,Monday,10:00,good,,,"), "t.csv")
    assert file.rows == () and file.skipped[0].reason.startswith("line 2: the date “")


# -- files that are refused ----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.csv: line 1: empty; not a Daylio export"),
        (b"\xef\xbb\xbf", "x.csv: line 1: empty; not a Daylio export"),
        (b"date,mood\n2024-01-01,good\n", "x.csv: line 1: not a Daylio export (expected a header"),
        (b"\nfull_date,date", "x.csv: line 1: not a Daylio export"),
        (
            csv_of("2024-01-01,1 Jan,Monday,10:00,good,,,") + b"caf\xe9\n",
            "x.csv: line 3: not UTF-8 text",
        ),
        (csv_of("2024-01-01,1 Jan,Monday,10:00,go\x00od,,,"), "x.csv: line 2: a NUL character"),
        (b'"full_date,date', "x.csv: line 1: not a Daylio export (badly quoted)"),
        (backup_bytes(), "x.csv: line 1: a zip archive (a .daylio backup?), not a CSV export"),
    ],
)
def test_files_that_are_not_daylio_exports(data: bytes, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        daylio.read_csv(data, "x.csv")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_the_header_is_read_without_case_or_spaces() -> None:
    data = csv_of(
        "2024-01-01,1 Jan,Monday,10:00,good,,,", header=HEADER8.upper().replace(",", ", ")
    )
    assert len(daylio.read_csv(data, "x.csv").rows) == 1


def test_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    data = csv_of("2024-01-01,1 Jan,Monday,10:00,good,,,")
    monkeypatch.setattr(daylio, "MAX_BYTES", len(data) - 1)
    for reader in (daylio.read_csv, daylio.read_backup):
        with pytest.raises(BadInput, match=rf"^big\.csv: larger than {len(data) - 1} bytes$"):
            reader(data, "big.csv")


def test_the_row_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daylio, "MAX_ROWS", 2)
    data = csv_of(*["2024-01-01,1 Jan,Monday,10:00,good,,,"] * 3)
    with pytest.raises(BadInput, match=r"^x\.csv: line 4: more than 2 rows$"):
        daylio.read_csv(data, "x.csv")


def test_sniff() -> None:
    assert daylio.sniff(backup_bytes()) == "backup"
    assert daylio.sniff(csv_of()) == "csv"
    assert daylio.sniff(b"") == "csv"


# -- the backup ----------------------------------------------------------------------


def test_the_backup() -> None:
    file = daylio.read_backup(backup_bytes(), "backup_2023_11_27.daylio")
    assert (file.kind, len(file.rows), file.skipped) == ("backup", 3, ())
    assert file.moods == {"rad": 5, "meh+": 4, "Anxious": 2}  # level = 6 − mood_group_id
    first, second, third = file.rows
    assert (first.line, first.local, first.offset_min) == (
        0,
        datetime(2023, 11, 19, 10, 45, 59, 432000),  # the published sample's hour and minute
        -300,
    )
    assert (first.mood, first.activities) == ("rad", ("programming",))
    assert (second.mood, second.note_title, second.local.date()) == (
        "meh+",
        "Busy",
        date(2019, 12, 7),
    )
    assert second.activities == ("exercising", "programming", "exercising")
    assert (third.local, third.offset_min, third.mood) == (
        datetime(2021, 7, 1, 10, 0),
        120,
        "Anxious",
    )
    plan = plan_of(file, offset=0)
    one, two, three = plan.entries
    assert (one.at.utc, one.at.offset_min) == ("2023-11-19T15:45:59.432Z", -300)
    assert one.note == "Working on a converter\nat last"
    assert two.note == "Busy\n\nMultiple tags on the same note"
    assert [t.text for t in two.tags] == ["exercising", "programming"]
    assert three.labels == (Label("anxious", None),)  # " Anxious " is a vocabulary word
    assert {w.label: (w.family_id, w.valence) for w in plan.new_words} == {
        "rad": ("joy", 0.8),
        "meh+": ("joy", 0.4),
    }


def test_the_backup_tolerates_wrapped_base64_another_name_and_no_photos() -> None:
    document = backup_document()
    for data in (
        backup_bytes(data=encode(document, wrap=True)),
        backup_bytes(document, member="backup_2023_11_27.json", assets=0),
        backup_bytes(document, compression=zipfile.ZIP_STORED, assets=3),
    ):
        assert len(daylio.read_backup(data, "b.daylio").rows) == 3


def test_optional_fields_of_a_backup() -> None:
    document = backup_document()
    del document["tags"]
    entry = document["dayEntries"][2]
    del entry["timeZoneOffset"], entry["note"], entry["note_title"], entry["tags"]
    document["dayEntries"] = [entry]
    file = daylio.read_backup(backup_bytes(document), "b.daylio")
    row = file.rows[0]
    assert (row.offset_min, row.note, row.activities) == (None, "", ())
    assert plan_of(file, offset=60).entries[0].at.offset_min == 60  # the default offset


def test_moods_with_one_name_and_two_levels_have_no_level() -> None:
    document = backup_document()
    document["customMoods"][5]["custom_name"] = "Anxious"  # group 2 besides group 4
    document["dayEntries"][0]["mood"] = 6
    assert daylio.read_backup(backup_bytes(document), "b.daylio").moods == {"Anxious": None}


def _set(path: str, value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = document
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[int(last) if last.isdigit() else last] = value

    return change


_DELETE = object()


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (
            _set("dayEntries.0.datetime", "2023-11-19"),
            "dayEntries[0].datetime: expected milliseconds",
        ),
        (_set("dayEntries.0.datetime", 1.7e12), "dayEntries[0].datetime: expected milliseconds"),
        (_set("dayEntries.0.datetime", True), "dayEntries[0].datetime: expected milliseconds"),
        (_set("dayEntries.0.datetime", -1), "dayEntries[0].datetime: expected milliseconds"),
        (_set("dayEntries.1.datetime", 10**15), "dayEntries[1].datetime: expected milliseconds"),
        (_set("dayEntries.0.datetime", _DELETE), "dayEntries[0]: missing field 'datetime'"),
        (
            _set("dayEntries.0.timeZoneOffset", 61),
            "dayEntries[0].timeZoneOffset: expected a UTC offset in whole minutes",
        ),
        (
            _set("dayEntries.0.timeZoneOffset", -300),
            "dayEntries[0].timeZoneOffset: expected a UTC offset in whole",
        ),
        (
            _set("dayEntries.0.timeZoneOffset", 19 * 3_600_000),
            "dayEntries[0].timeZoneOffset: expected a UTC offset in milliseconds, within ±18 hours",
        ),
        (_set("dayEntries.0.mood", 99), "dayEntries[0].mood: unknown mood 99 (not in customMoods)"),
        (_set("dayEntries.0.mood", "rad"), "dayEntries[0].mood: expected a mood id"),
        (
            _set("dayEntries.2.tags", [999]),
            "dayEntries[2].tags[0]: unknown activity 999 (not in tags)",
        ),
        (_set("dayEntries.2.tags", "programming"), "dayEntries[2].tags: expected a list"),
        (_set("dayEntries.0.note", 5), "dayEntries[0].note: expected text"),
        (_set("dayEntries.0.note", "\ud800"), "dayEntries[0].note: not valid Unicode text"),
        (_set("dayEntries.1", []), "dayEntries[1]: expected an object"),
        (_set("dayEntries", {}), "dayEntries: expected a list"),
        (
            _set("customMoods.0.mood_group_id", 6),
            "customMoods[0].mood_group_id: expected a mood group from 1 to 5",
        ),
        (
            _set("customMoods.5.custom_name", " "),
            "customMoods[5]: a mood with neither a custom_name nor",
        ),
        (_set("customMoods.1.id", 1), "customMoods[1].id: the same mood id appears twice"),
        (
            _set("customMoods.0.predefined_name_id", 9),
            "customMoods[0].predefined_name_id: expected a whole number from -1 to 5",
        ),
        (
            _set("customMoods.0.custom_name", "x" * 101),
            "customMoods[0].custom_name: longer than 100 characters",
        ),
        (_set("tags.1.id", 184), "tags[1].id: the same activity id appears twice"),
        (_set("tags.0.name", ""), "tags[0].name: expected the activity's name"),
        (_set("customMoods", _DELETE), "top level: missing field 'customMoods'"),
        (_set("dayEntries", _DELETE), "top level: missing field 'dayEntries'"),
    ],
)
def test_odd_backups_are_refused_naming_the_place(change: Any, place: str) -> None:
    document = copy.deepcopy(backup_document())
    change(document)
    with pytest.raises(BadInput) as caught:
        daylio.read_backup(backup_bytes(document), "b.daylio")
    assert str(caught.value).startswith(f"b.daylio: backup.daylio: {place}")
    assert "\n" not in str(caught.value)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello", "b.daylio: not a Daylio backup (not a zip archive)"),
        (b"PK\x03\x04" + b"\x00" * 40, "b.daylio: not a Daylio backup (not a zip archive)"),
        (backup_bytes()[:-30], "b.daylio: not a Daylio backup (not a zip archive)"),
        (
            _zip({"assets/photos/a": b"x"}),
            "b.daylio: no backup data inside (expected backup.daylio)",
        ),
        (
            _zip({"a.json": b"x", "b.json": b"y"}),
            "b.daylio: no backup.daylio inside, and several files",
        ),
        (backup_bytes(data=b"!!not base64!!"), "b.daylio: backup.daylio: not base64 text"),
        (backup_bytes(data=b"   \n"), "b.daylio: backup.daylio: empty"),
        (
            backup_bytes(data=base64.b64encode(b"{not json")),
            "b.daylio: backup.daylio: line 1 column 2: ",
        ),
        (
            backup_bytes(data=base64.b64encode(b"\xff\xfe{}")),
            "b.daylio: backup.daylio: byte 0 of the decoded data: not UTF-8",
        ),
        (
            backup_bytes(data=base64.b64encode(b'{"a": NaN}')),
            "b.daylio: backup.daylio: not valid JSON (NaN",
        ),
        (
            backup_bytes(data=base64.b64encode(b"[" * 100_000)),
            "b.daylio: backup.daylio: nested too deeply",
        ),
        (
            backup_bytes(data=base64.b64encode(b"[]")),
            "b.daylio: backup.daylio: top level: expected an object",
        ),
        (
            backup_bytes(compression=zipfile.ZIP_BZIP2),
            "b.daylio: backup.daylio: an unexpected compression method",
        ),
    ],
)
def test_broken_backups_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BadInput) as caught:
        daylio.read_backup(data, "b.daylio")
    assert str(caught.value).startswith(message)


def test_a_zip_bomb_member_is_not_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(daylio_backup, "MAX_DATA", 64 * 1024)
    bomb = backup_bytes(data=b"A" * (8 * 1024 * 1024))  # 8 MB of base64 text, deflated to ~8 KB
    assert len(bomb) < 64 * 1024
    with pytest.raises(
        BadInput, match=r"^b\.daylio: backup\.daylio: would unpack to more than 64 KB$"
    ):
        daylio.read_backup(bomb, "b.daylio")


def test_a_member_whose_declared_size_lies_is_refused() -> None:
    data = bytearray(backup_bytes(assets=0))
    central = data.rindex(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")  # "10 bytes unpacked"
    with pytest.raises(BadInput, match=r"^b\.daylio: not a readable zip archive"):
        daylio.read_backup(bytes(data), "b.daylio")


def test_the_declared_unpacked_size_and_member_count_are_capped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(daylio_backup, "MAX_UNPACKED", 2000)
    big = _zip({"backup.daylio": encode(backup_document()), "assets/a": b"\0" * 4000})
    with pytest.raises(BadInput, match=r"^b\.daylio: would unpack to more than 2 KB$"):
        daylio.read_backup(big, "b.daylio")
    monkeypatch.setattr(daylio_backup, "MAX_MEMBERS", 3)
    with pytest.raises(BadInput, match=r"^b\.daylio: more than 3 files inside$"):
        daylio.read_backup(backup_bytes(assets=4), "b.daylio")


def test_an_encrypted_member_is_refused() -> None:
    data = bytearray(backup_bytes(assets=0))
    central = data.rindex(b"PK\x01\x02")
    data[central + 8] |= 0x1
    data[6] |= 0x1  # the local header too
    with pytest.raises(BadInput, match=r"^b\.daylio: backup\.daylio: encrypted$"):
        daylio.read_backup(bytes(data), "b.daylio")


def test_two_data_members_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("backup.daylio", encode(backup_document()))
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("backup.daylio", encode({}))
    with pytest.raises(BadInput, match=r"^b\.daylio: backup\.daylio appears twice$"):
        daylio.read_backup(buffer.getvalue(), "b.daylio")


# -- mapping and planning ------------------------------------------------------------


def test_default_mapping_levels() -> None:
    file = DaylioFile("backup", (), (), {"a": 5, "b": 4, "c": 3, "d": 2, "e": 1, "f": None})
    mapping = daylio.default_mapping(file, VOCABULARY)
    assert [(m.family_id, m.valence) for m in mapping] == [
        ("joy", 0.8), ("joy", 0.4), ("calm", 0.0), ("sadness", -0.4), ("sadness", -0.8),
        ("calm", None),
    ]  # fmt: skip


def test_default_mapping_cleans_labels_and_matches_without_case() -> None:
    long = "a feeling with a very long name indeed, longer than forty"
    file = DaylioFile("csv", (), (), {"  ANXIOUS ": None, long: None, "odd\x07name": None})
    anxious, longer, odd = daylio.default_mapping(file, VOCABULARY)
    assert anxious.word_id == "anxious"
    assert longer.new_word_label == long[:40].strip()
    assert odd.new_word_label == "odd name"


def _row(when: datetime, mood: str = "rad", **fields: Any) -> daylio.DaylioRow:
    values: dict[str, Any] = {"offset_min": None, "activities": (), "note_title": "", "note": ""}
    values.update(fields)
    return daylio.DaylioRow(line=2, local=when, mood=mood, **values)


def test_a_planned_entry() -> None:
    activities = (" walk ", "Walk", "x" * 300, *(f"a{i}" for i in range(30)))
    row = _row(datetime(2024, 5, 6, 7, 8), activities=activities, note="<i>n</i>" * 5000)
    file = DaylioFile("csv", (row,), (), {"rad": 5})
    entry = plan_of(file, offset=120).entries[0]
    assert entry.kind is EntryKind.CHECKIN and entry.words_state is WordsState.NAMED
    assert (entry.at.utc, entry.at.offset_min) == ("2024-05-06T05:08:00.000Z", 120)
    assert entry.labels == (Label(daylio.user_word_id("rad"), None),)
    assert entry.tags[:2] == (Tag(TagKind.SITUATION, "walk"), Tag(TagKind.SITUATION, "x" * TAG_MAX))
    assert len(entry.tags) == TAGS_MAX
    assert entry.note == "n" * 5000
    assert (entry.source, entry.source_ref, entry.presence) == (
        "import:daylio",
        "2024-05-06T07:08/1",
        None,
    )
    assert entry.updated_utc == entry.at.utc
    long = plan_of(replace(file, rows=(replace(row, note="word " * 10_000),))).entries[0]
    assert len(long.note) <= NOTE_MAX


def test_the_offset_of_a_csv_row_can_follow_the_local_zone() -> None:
    winter, summer = _row(datetime(2024, 1, 6, 12, 0)), _row(datetime(2024, 7, 6, 12, 0))
    file = DaylioFile("csv", (winter, summer), (), {"rad": 5})
    mapping = daylio.default_mapping(file, VOCABULARY)
    plan = daylio.plan_import(
        file, mapping, VOCABULARY, "", default_offset_min=0,
        offset_of=lambda local: 120 if local.month == 7 else 60,
    )  # fmt: skip
    assert [e.at.offset_min for e in plan.entries] == [60, 120]
    assert isinstance(daylio.local_offset_min(datetime(2024, 7, 6, 12, 0)), int)
    with pytest.raises(ValueError, match="outside ±18 hours"):
        daylio.plan_import(file, mapping, VOCABULARY, "", default_offset_min=1200)


def test_identities_survive_a_longer_export_and_renamed_moods() -> None:
    rows = [
        "2024-01-02,2 January,Tuesday,9:00 am,good,,,",
        "2024-01-02,2 January,Tuesday,9:00 am,meh,,,",
        "2024-01-01,1 January,Monday,8:00 pm,rad,,,",
    ]
    first = plan_of(daylio.read_csv(csv_of(*rows), "a.csv"))
    later = csv_of("2024-01-03,3 January,Wednesday,7:00 am,bad,,,", *rows).replace(b"rad", b"great")
    second = plan_of(daylio.read_csv(later, "b.csv"))
    old = {(e.uuid, e.source_ref) for e in first.entries}
    assert old < {(e.uuid, e.source_ref) for e in second.entries}
    assert len({e.uuid for e in first.entries}) == 3


def test_a_mood_without_a_word_is_left_out_with_a_reason() -> None:
    file = daylio.read_csv(csv_of("2024-01-02,2 Jan,Tuesday,9:00 am,good,,,"), "x.csv")
    mapping = [MoodMapping("good", None, None, None, None)]
    plan = daylio.plan_import(file, mapping, VOCABULARY, "", default_offset_min=0)
    assert plan.entries == () and plan.new_words == ()
    assert plan.skipped == (Skipped(2, "line 2: the mood “good” has no word; left out"),)
    assert (plan.first_day, plan.last_day) == (None, None)


def test_an_edited_mapping() -> None:
    file = DaylioFile(
        "csv", (_row(datetime(2024, 1, 1, 9)), _row(datetime(2024, 1, 2, 9), "good")), (),
        {"rad": 5, "good": 4},
    )  # fmt: skip
    mapping = [
        MoodMapping("rad", None, "  Elated ", "joy", 0.9),  # a vocabulary word's label
        MoodMapping("good", None, "Chuffed", "love", 0.5),
    ]
    plan = daylio.plan_import(file, mapping, VOCABULARY, "", default_offset_min=0)
    assert [e.labels[0].word_id for e in plan.entries] == ["elated", daylio.user_word_id("chuffed")]
    (word,) = plan.new_words
    assert (word.label, word.family_id, word.valence) == ("Chuffed", "love", 0.5)
    assert (plan.first_day, plan.last_day) == (date(2024, 1, 1), date(2024, 1, 2))


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (MoodMapping("rad", "no_such_word", None, None, None), "unknown word 'no_such_word'"),
        (MoodMapping("rad", None, "   ", "joy", None), "a word needs at least one letter"),
        (MoodMapping("rad", None, "x" * 41, "joy", None), "at most 40 characters"),
        (MoodMapping("rad", None, "Chuffed", "ennui", None), "choose one of the families"),
        (MoodMapping("rad", None, "Chuffed", "joy", 1.5), "a valence is from −1 to 1"),
    ],
)
def test_a_mapping_that_cannot_be(mapping: MoodMapping, message: str) -> None:
    file = DaylioFile("csv", (_row(datetime(2024, 1, 1, 9)),), (), {"rad": 5})
    with pytest.raises(VocabularyError, match=message):
        daylio.plan_import(file, [mapping], VOCABULARY, "", default_offset_min=0)


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("a<br>b<BR/>c<br />d", "a\nb\nc\nd"),
        ("<p>one</p><div>two</div>three", "one\ntwo\nthree"),
        ("&lt;b&gt;not bold&lt;/b&gt; &amp;amp;", "<b>not bold</b> &amp;"),
        ("<a href='javascript:x()'>link</a> <img src=x onerror=y>", "link"),
        ("tab\there\x00\x1b[31m", "tab\there[31m"),
        ("\r\n\r\nline\r\n\r\n\r\n\r\nnext   \n", "line\n\nnext"),
        ("<!-- note -->kept", "kept"),
        ("1 < 2 > 0", "1 < 2 > 0"),
    ],
)
def test_plain_text(text: str, plain: str) -> None:
    assert daylio.plain_text(text) == plain
