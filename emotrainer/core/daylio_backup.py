"""Reading Daylio's .daylio backup: a zip archive holding base64-encoded JSON.

The archive holds ``backup.daylio`` (the data; another single top-level name
is accepted too) and photos under ``assets/``, which are never unpacked. The
data is ``{"customMoods": [...], "tags": [...], "dayEntries": [...], ...}``:

- ``customMoods[i]``: ``id``, ``mood_group_id`` 1 (best, "rad") to 5 (worst,
  "awful"), ``custom_name`` ("" for a mood never renamed) and
  ``predefined_name_id`` (1–5 for the five defaults, -1 for a custom mood).
  The level used here is 6 − mood_group_id, so that 5 is rad as in the CSV.
- ``tags[i]``: ``id`` and ``name`` (Daylio's activities).
- ``dayEntries[i]``: ``datetime`` (the moment, in milliseconds since 1970,
  UTC), ``timeZoneOffset`` (the UTC offset then, in milliseconds: the
  published samples hold -18000000 for UTC−5, and datetime + offset gives
  the hour and minute stored beside them), ``mood`` (a customMoods id),
  ``tags`` (tags ids), ``note_title`` and ``note``. The separate year, month
  (0-based), day, hour and minute fields repeat the local time and are not read.

Unknown fields are allowed (Daylio adds some in every version); the ones read
are strict: anything odd refuses the file with BadInput naming the place,
"backup.daylio: dayEntries[3].datetime: …". Zip-bomb safe: the member count,
the central directory and the declared unpacked size are capped before
anything is unpacked, and the data member is read with a hard cap.
"""

from __future__ import annotations

import base64
import binascii
import io
import struct
import zipfile
import zlib
from datetime import datetime, timedelta
from typing import Any

from emotrainer.core.daylio import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_ROWS,
    MOOD_MAX,
    DaylioFile,
    DaylioRow,
    one_line,
)
from emotrainer.core.validate import BadInput, Reader, human_size, parse_untrusted_json

DATA_MEMBER = "backup.daylio"
MAX_MEMBERS = 50_000  # photos included
MAX_DIRECTORY = 8 * 1024 * 1024  # bytes of the zip's central directory
MAX_UNPACKED = 1024 * 1024 * 1024  # declared size of all members together
MAX_DATA = 64 * 1024 * 1024  # the base64 data member, unpacked; real ones are a few MB
MAX_NOTE = 1_000_000  # characters read of one note (the plan keeps the first 20,000)
_PREDEFINED = {1: "rad", 2: "good", 3: "meh", 4: "bad", 5: "awful"}
_MS_LAST = int((datetime(LAST_YEAR + 1, 1, 1) - datetime(1970, 1, 1)).total_seconds()) * 1000
_OFFSET_MAX_MS = 18 * 3_600_000
_ID_MAX = 2**53
# What zipfile and zlib raise on a damaged or hostile archive besides BadZipFile.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    OSError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    KeyError,
    IndexError,
    OverflowError,
)


def parse_backup(data: bytes, name: str) -> DaylioFile:
    member, raw = _unzip(data, name)
    where = f"{name}: {member}"
    document = _decode(raw, where)
    try:
        return _read_document(Reader(document))
    except BadInput as exc:
        raise BadInput(f"{where}: {exc}") from None


# -- the archive --------------------------------------------------------------


def _unzip(data: bytes, name: str) -> tuple[str, bytes]:
    """The data member's name and bytes; every cap is checked before unpacking."""
    _check_directory(data, name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise BadInput(f"{name}: more than {MAX_MEMBERS:,} files inside")
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise BadInput(f"{name}: would unpack to more than {human_size(MAX_UNPACKED)}")
            info = _data_member(infos, name)
            member = one_line(info.filename)[:100]
            if info.flag_bits & 0x1:
                raise BadInput(f"{name}: {member}: encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise BadInput(f"{name}: {member}: an unexpected compression method")
            too_big = BadInput(
                f"{name}: {member}: would unpack to more than {human_size(MAX_DATA)}"
            )
            if info.file_size > MAX_DATA:
                raise too_big
            with archive.open(info) as handle:
                raw = handle.read(MAX_DATA + 1)  # the declared size may lie
            if len(raw) > MAX_DATA:
                raise too_big
    except BadInput:
        raise
    except _ZIP_ERRORS as exc:
        detail = one_line(str(exc))[:80] or type(exc).__name__
        raise BadInput(f"{name}: not a readable zip archive ({detail})") from None
    return member, raw


def _check_directory(data: bytes, name: str) -> None:
    """Refuse a huge central directory before zipfile builds an object per member."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        raise BadInput(f"{name}: not a Daylio backup (not a zip archive)")
    if end >= 20 and data[end - 20 : end - 16] == b"PK\x06\x07":
        raise BadInput(f"{name}: a zip64 archive; a Daylio backup is not one")
    count, size = struct.unpack_from("<HI", data, end + 10)
    if count > MAX_MEMBERS or size > MAX_DIRECTORY:
        raise BadInput(f"{name}: more than {MAX_MEMBERS:,} files inside")


def _data_member(infos: list[zipfile.ZipInfo], name: str) -> zipfile.ZipInfo:
    """backup.daylio, or the one top-level file there is; photos live under assets/."""
    files = [i for i in infos if not i.is_dir() and "/" not in i.filename.strip("/")]
    named = [i for i in files if i.filename == DATA_MEMBER]
    if len(named) > 1:
        raise BadInput(f"{name}: {DATA_MEMBER} appears twice")
    if named:
        return named[0]
    if len(files) == 1:
        return files[0]
    if not files:
        raise BadInput(f"{name}: no backup data inside (expected {DATA_MEMBER})")
    raise BadInput(f"{name}: no {DATA_MEMBER} inside, and several files that could be it")


def _decode(raw: bytes, where: str) -> Any:
    compact = raw.translate(None, b" \t\r\n")  # Daylio may wrap the base64 text in lines
    if not compact:
        raise BadInput(f"{where}: empty")
    try:
        decoded = base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput(f"{where}: not base64 text, as Daylio writes its data") from None
    try:
        text = decoded.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{where}: byte {exc.start} of the decoded data: not UTF-8 text") from None
    return parse_untrusted_json(text, where, "a Daylio backup")


# -- the document -------------------------------------------------------------


def _read_document(top: Reader) -> DaylioFile:
    top.obj()
    moods = _read_moods(top.get("customMoods"))
    tags_reader = top.get("tags", optional=True)
    tags = {} if tags_reader.missing else _read_tags(tags_reader)
    rows = tuple(
        _read_entry(r, i, moods, tags)
        for i, r in enumerate(top.get("dayEntries").items(max_items=MAX_ROWS))
    )
    levels: dict[str, int | None] = {}
    used = {row.mood for row in rows}
    for mood_name, level in moods.values():  # in Daylio's order, only the moods in use
        if mood_name in used:
            levels[mood_name] = level if levels.get(mood_name, level) == level else None
    return DaylioFile("backup", rows, (), levels)


def _whole(r: Reader, low: int, high: int, problem: str) -> int:
    value = r.value
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        r.fail(problem)
    return value


def _text(r: Reader, max_len: int) -> str:
    """Text or "" for a missing or null field; refuses text that is not valid Unicode."""
    if r.missing:
        return ""
    text = r.text(max_len=max_len)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        r.fail("not valid Unicode text (a lone surrogate)")
    return text


def _read_moods(reader: Reader) -> dict[int, tuple[str, int]]:
    moods: dict[int, tuple[str, int]] = {}
    for r in reader.items(max_items=1000):
        r.obj()
        mood_id = _whole(r.get("id"), 0, _ID_MAX, "expected a whole number (the mood's id)")
        if mood_id in moods:
            r.get("id").fail("the same mood id appears twice")
        group = _whole(r.get("mood_group_id"), 1, 5, "expected a mood group from 1 to 5")
        custom = " ".join(_text(r.get("custom_name", optional=True), MOOD_MAX).split())
        predefined = r.get("predefined_name_id", optional=True)
        name = custom or (
            None if predefined.missing else _PREDEFINED.get(predefined.integer(-1, 5))
        )
        if not name:
            r.fail("a mood with neither a custom_name nor a predefined_name_id from 1 to 5")
        moods[mood_id] = (name, 6 - group)
    return moods


def _read_tags(reader: Reader) -> dict[int, str]:
    tags: dict[int, str] = {}
    for r in reader.items(max_items=10_000):
        r.obj()
        tag_id = _whole(r.get("id"), 0, _ID_MAX, "expected a whole number (the activity's id)")
        if tag_id in tags:
            r.get("id").fail("the same activity id appears twice")
        tag_name = " ".join(_text(r.get("name"), 1000).split())
        if not tag_name:
            r.get("name").fail("expected the activity's name")
        tags[tag_id] = tag_name
    return tags


def _read_entry(
    r: Reader, index: int, moods: dict[int, tuple[str, int]], tags: dict[int, str]
) -> DaylioRow:
    r.obj()
    moment = _whole(
        r.get("datetime"), 0, _MS_LAST - 1, "expected milliseconds since 1970, before 2101"
    )
    offset_reader = r.get("timeZoneOffset", optional=True)
    offset_ms = 0
    offset_min = None
    if not offset_reader.missing:
        offset_ms = _whole(
            offset_reader,
            -_OFFSET_MAX_MS,
            _OFFSET_MAX_MS,
            "expected a UTC offset in milliseconds, within ±18 hours",
        )
        if offset_ms % 60_000:
            offset_reader.fail("expected a UTC offset in whole minutes (given in milliseconds)")
        offset_min = offset_ms // 60_000
    local = datetime(1970, 1, 1) + timedelta(milliseconds=moment + offset_ms)
    if not FIRST_YEAR <= local.year <= LAST_YEAR:
        r.get("datetime").fail(f"before {FIRST_YEAR} or after {LAST_YEAR}")
    mood_reader = r.get("mood")
    mood_id = _whole(mood_reader, 0, _ID_MAX, "expected a mood id")
    if mood_id not in moods:
        mood_reader.fail(f"unknown mood {mood_id} (not in customMoods)")
    activities = []
    tag_ids = r.get("tags", optional=True)
    if not tag_ids.missing:
        for t in tag_ids.items(max_items=1000):
            tag_id = _whole(t, 0, _ID_MAX, "expected an activity id")
            if tag_id not in tags:
                t.fail(f"unknown activity {tag_id} (not in tags)")
            activities.append(tags[tag_id])
    return DaylioRow(
        line=index,
        local=local,
        offset_min=offset_min,
        mood=moods[mood_id][0],
        activities=tuple(activities),
        note_title=_text(r.get("note_title", optional=True), MAX_NOTE),
        note=_text(r.get("note", optional=True), MAX_NOTE),
    )
