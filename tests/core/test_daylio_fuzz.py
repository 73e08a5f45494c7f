"""Fuzzing both Daylio readers: only BadInput escapes, and a rejected file changes nothing.

Arbitrary bytes, CSV exports and backups mutated byte by byte, CSV rows of
arbitrary text, and backup documents with fields replaced or removed. Every
file that is read must also plan under the default mapping; through the
store, a rejected file leaves every stored byte as it was.
"""

from __future__ import annotations

import contextlib
import copy
import csv
import hashlib
import io
from pathlib import Path
from typing import Any

from helpers import open_store, rich_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_daylio import SHARED, VOCABULARY, backup_bytes, backup_document

from emotrainer.content import full_vocabulary
from emotrainer.core import daylio
from emotrainer.core.daylio import BadInput, DaylioFile
from emotrainer.paths import AppPaths
from emotrainer.storage import daylio as store_daylio
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.errors import ImportRejectedError
from emotrainer.storage.store import Store

HERE = Path(__file__).parent / "daylio"
_CSV_SEEDS = [p.read_bytes() for p in sorted([*HERE.glob("*.csv"), *SHARED.glob("*.csv")])]
_BACKUP_SEED = backup_bytes()
_FAST = settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
_TOKENS = [
    b",", b'"', b"\n", b"\r\n", b"\r", b"|", b" | ", b"<br>", b"<b>", b"&amp;", b"&#0;",
    b"\xef\xbb\xbf", b"\x00", b"\xff", b" pm", b" AM", b":", b"12", b"99", b"-", b"\xe2\x80\xaf",
    b"PK\x03\x04", b"PK\x05\x06",
]  # fmt: skip


def _read(data: bytes) -> DaylioFile | None:
    """What the importer does: sniff, read, map and plan; None when refused."""
    try:
        if daylio.sniff(data) == "backup":
            file = daylio.read_backup(data, "fuzz.daylio")
        else:
            file = daylio.read_csv(data, "fuzz.daylio")
    except BadInput as exc:
        assert str(exc).startswith("fuzz.daylio: ")
        assert "\n" not in str(exc) and "\r" not in str(exc)
        return None
    assert isinstance(file, DaylioFile)
    plan = daylio.plan_import(
        file, daylio.default_mapping(file, VOCABULARY), VOCABULARY, "", default_offset_min=-300
    )
    assert len(plan.entries) + len(plan.skipped) == len(file.rows) + len(file.skipped)
    for skipped in plan.skipped:
        assert "\n" not in skipped.reason and "\r" not in skipped.reason
    return file


@st.composite
def _mutated_bytes(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["set", "insert", "token", "delete", "repeat"]))
        if action == "set" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=8))
        elif action == "token":
            data[where:where] = draw(st.sampled_from(_TOKENS))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 40))]
        else:
            data[where:where] = data[where : where + draw(st.integers(1, 80))]
    return bytes(data)


_HEADERS = [
    "full_date,date,weekday,time,mood,activities,note_title,note",
    "full_date,date,weekday,time,mood,activities,note",
    "year,date,weekday,time,mood,activities,note",
    "full_date,date,weekday,time,mood,activities,scales,note_title,note",
]
_FIELD = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2024-02-29", "2019", "December 28", "10:00 pm", "12:00 AM", "22:00", "rad",
                     "sad ", "a | b |  | c", "<br>&amp;", ""]),
)  # fmt: skip


@st.composite
def _csv_text(draw: st.DrawFn) -> bytes:
    header = draw(st.sampled_from(_HEADERS))
    width = header.count(",") + 1
    out = io.StringIO(newline="")
    out.write(header + draw(st.sampled_from(["\n", "\r\n"])))
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    for _ in range(draw(st.integers(0, 6))):
        count = draw(st.sampled_from([width, width, width, width - 1, width + 1]))
        writer.writerow(draw(st.lists(_FIELD, min_size=count, max_size=count)))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + out.getvalue()).encode("utf-8", "surrogatepass")


_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**40), 2**60),
    st.floats(allow_nan=False),
    st.text(max_size=20),
)
_JSON = st.recursive(
    _SCALAR,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


_DOCUMENT = backup_document()
_DOCUMENT_PATHS = _paths(_DOCUMENT)


@st.composite
def _mutated_backup(draw: st.DrawFn) -> bytes:
    document: Any = copy.deepcopy(_DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_DOCUMENT_PATHS))
        node: Any = document
        try:
            for key in path[:-1]:
                node = node[key]
            if draw(st.booleans()) and isinstance(node, dict):
                del node[path[-1]]
            else:
                node[path[-1]] = draw(_JSON)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return backup_bytes(document)


_ANY_FILE = st.one_of(
    st.binary(max_size=600),
    _mutated_bytes(_CSV_SEEDS),
    _mutated_bytes([_BACKUP_SEED]),
    _csv_text(),
    _mutated_backup(),
)


@_FAST
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    _read(data)
    for reader in (daylio.read_csv, daylio.read_backup):
        with contextlib.suppress(BadInput):
            reader(data, "fuzz.daylio")


@_FAST
@given(_mutated_bytes(_CSV_SEEDS))
def test_mutated_csv_exports(data: bytes) -> None:
    _read(data)


@_FAST
@given(_csv_text())
def test_csv_rows_of_arbitrary_text(data: bytes) -> None:
    _read(data)


@_FAST
@given(_mutated_bytes([_BACKUP_SEED]))
def test_mutated_backup_archives(data: bytes) -> None:
    _read(data)


@_FAST
@given(_mutated_backup())
def test_mutated_backup_documents(data: bytes) -> None:
    _read(data)


def _files(store: Store) -> dict[str, str]:
    paths = [store.paths.database, *(Path(f"{store.paths.database}{s}") for s in ("-wal",))]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths if p.exists()}


def test_a_rejected_file_leaves_the_store_as_it_was(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_entry(rich_entry())
        store.add_user_word("Mine", "My own word.", "calm")

        @settings(max_examples=120, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
        @given(_ANY_FILE)
        def run(data: bytes) -> None:
            before, files = store_exchange.snapshot(store), _files(store)
            changes = store.conn.total_changes
            sha = hashlib.sha256(data).hexdigest()
            try:
                kind = daylio.sniff(data)
                read = daylio.read_backup if kind == "backup" else daylio.read_csv
                file = read(data, "fuzz.daylio")
                vocabulary = full_vocabulary(store.user_words())
                mapping = daylio.default_mapping(file, vocabulary)
                plan = daylio.plan_import(file, mapping, vocabulary, sha, default_offset_min=60)
                summary = store_daylio.apply_plan(
                    store, plan, file_name="fuzz.daylio", file_sha256=sha, source=f"daylio-{kind}"
                )
            except BadInput:
                assert store.conn.total_changes == changes  # not a single write was tried
                assert _files(store) == files
                assert store_exchange.snapshot(store) == before
                return
            except ImportRejectedError:
                assert store_exchange.snapshot(store) == before
                return
            assert summary.imported + summary.already_there == len(plan.entries)
            again = store_daylio.apply_plan(
                store, plan, file_name="fuzz.daylio", file_sha256=sha, source=f"daylio-{kind}"
            )
            assert (again.imported, again.words_added) == (0, 0)

        run()
