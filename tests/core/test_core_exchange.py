"""The export document format: lossless round trip, and refusal that names the place."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from helpers import at, full_snapshot, make_entry
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emotrainer.content import shipped_vocabulary
from emotrainer.core import exchange
from emotrainer.core.exchange import BadInput, Snapshot, from_document, to_document, within

KNOWN = frozenset(w.id for w in shipped_vocabulary())
FAMILIES = frozenset(w.id for w in shipped_vocabulary().families)
EXPORTED = "2026-02-01T10:00:00.000Z"


def _doc(snapshot: Snapshot | None = None) -> dict[str, Any]:
    document = to_document(snapshot or full_snapshot(), app_version="0.1.0", exported_utc=EXPORTED)
    # what a file holds: plain JSON types only
    parsed: dict[str, Any] = json.loads(json.dumps(document))
    return parsed


def test_round_trip_is_lossless() -> None:
    snapshot = full_snapshot()
    assert from_document(_doc(snapshot), KNOWN, FAMILIES) == snapshot


def test_document_header() -> None:
    doc = _doc()
    assert doc["format"] == "emotrainer-export"
    assert doc["version"] == exchange.FORMAT_VERSION
    assert doc["exported_utc"] == EXPORTED
    assert list(doc) == [
        "format", "version", "app_version", "exported_utc", "entries", "user_words",
        "settings", "drafts", "trainer_cards", "homework_plans", "imports",
    ]  # fmt: skip


def test_entry_fields_are_the_documented_ones() -> None:
    entry = _doc()["entries"][0]
    assert set(entry) == {
        "uuid", "kind", "at_utc", "offset_min", "presence", "words_state", "labels",
        "body_marks", "tags", "ratings", "before", "note", "pair_uuid", "pauses",
        "duration_s", "source", "source_ref", "import_sha256", "updated_utc",
    }  # fmt: skip
    assert entry["import_sha256"] == "ab" * 32


def test_a_user_word_counts_as_known() -> None:
    doc = _doc()
    assert doc["entries"][0]["labels"][0]["word"] == "user_a1b2c3"
    from_document(doc, KNOWN, FAMILIES)  # known through the document's own user_words
    doc["user_words"] = []
    with pytest.raises(BadInput, match=r"entries\[0\]\.labels\[0\]\.word: unknown word"):
        from_document(doc, KNOWN, FAMILIES)


def _set(path: str, value: Any) -> Any:
    """A change that sets the value at a dotted path like 'entries.0.labels.0.intensity'."""

    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _delete(path: str) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


def _duplicate_entry(doc: dict[str, Any]) -> None:
    doc["entries"].append(copy.deepcopy(doc["entries"][1]))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set("format", "daylio"), r"^format: not an emotrainer export"),
        (_set("version", 2), r"^version: written by a newer emotrainer"),
        (_set("version", "1"), r"^version: expected a whole number"),
        (_delete("format"), r"^top level: missing field 'format'"),
        (_set("surprise", 1), r"^top level: unexpected field 'surprise'"),
        (_set("entries.0.labels.0.intensity", 11), r"^entries\[0\]\.labels\[0\]\.intensity:"),
        (_set("entries.0.labels.0.intensity", 2.5), r"^entries\[0\]\.labels\[0\]\.intensity:"),
        (_set("entries.1.labels.0.word", "ecstatic_x"), r"^entries\[1\]\.labels\[0\]\.word: unk"),
        (_set("entries.0.body_marks.0.region", "elbow"), r"^entries\[0\]\.body_marks\[0\]\.reg"),
        (_set("entries.0.body_marks.0.sensations.1", "sparkly"), r"\.sensations\[1\]: unknown"),
        (_set("entries.0.body_marks.0.activity", 2), r"^entries\[0\]\.body_marks\[0\]\.activ"),
        (_set("entries.2.kind", "nap"), r"^entries\[2\]\.kind: unknown value 'nap'"),
        (_set("entries.2.at_utc", "2026-1-06T23:10:00.000Z"), r"^entries\[2\]\.at_utc: expected"),
        (_set("entries.2.offset_min", 5000), r"^entries\[2\]\.offset_min:"),
        (_set("entries.2.presence", -1), r"^entries\[2\]\.presence:"),
        (_set("entries.3.ratings.numb", 5), r"^entries\[3\]\.ratings\.numb:"),
        (_set("entries.3.ratings.bored", 2), r"^entries\[3\]\.ratings\.bored: unknown feel"),
        (_set("entries.0.tags.0.kind", "place"), r"^entries\[0\]\.tags\[0\]\.kind:"),
        (_set("entries.0.note", "x" * 20_001), r"^entries\[0\]\.note: longer than"),
        (_set("entries.0.extra", True), r"^entries\[0\]: unexpected field 'extra'"),
        (_delete("entries.0.uuid"), r"^entries\[0\]: missing field 'uuid'"),
        (_duplicate_entry, r"^entries\[4\]\.uuid: the same uuid appears twice"),
        (_set("entries", {}), r"^entries: expected a list"),
        (_set("user_words.0.id", "mine_1"), r"^user_words\[0\]\.id: a user's word id"),
        (_set("user_words.0.valence", 3), r"^user_words\[0\]\.valence:"),
        (_set("user_words.0.family", "ennui"), r"^user_words\[0\]\.family: unknown fam"),
        (_set("user_words.0.family", "content"), r"^user_words\[0\]\.family: unknown fam"),
        (_set("settings", []), r"^settings: expected an object"),
        (_set("drafts.0.step", -1), r"^drafts\[0\]\.step:"),
        (_set("trainer_cards.0.reviews.0.rating", 0), r"^trainer_cards\[0\]\.reviews\[0\]\.rat"),
        (_set("homework_plans.0.active", 1), r"^homework_plans\[0\]\.active: expected true"),
        (_set("imports.0.rows_imported", -3), r"^imports\[0\]\.rows_imported:"),
    ],
)
def test_refusals_name_the_place(change: Any, expected: str) -> None:
    doc = _doc()
    change(doc)
    with pytest.raises(BadInput, match=expected):
        from_document(doc, KNOWN, FAMILIES)


@pytest.mark.parametrize("data", [None, [], "text", 3, {"format": "emotrainer-export"}])
def test_refuses_what_is_not_a_document(data: Any) -> None:
    with pytest.raises(BadInput, match=r"^(top level|version):"):
        from_document(data, KNOWN, FAMILIES)


def test_within_uses_each_entry_local_date() -> None:
    late = make_entry(at=at(2026, 1, 31, 23, 30, offset=120))  # UTC 21:30 on the 31st
    early = make_entry(at=at(2026, 2, 1, 0, 30, offset=120))  # UTC 22:30 on the 31st
    evening_ny = make_entry(at=at(2026, 1, 31, 21, 0, offset=-300))  # UTC 02:00 on Feb 1st
    snapshot = Snapshot(entries=(late, early, evening_ny))
    january = within(snapshot, None, date(2026, 1, 31))
    assert [e.uuid for e in january.entries] == [late.uuid, evening_ny.uuid]
    february = within(snapshot, date(2026, 2, 1), date(2026, 2, 28))
    assert [e.uuid for e in february.entries] == [early.uuid]
    assert within(snapshot, None, None) is snapshot


# -- property tests: nothing but BadInput escapes -----------------------------------

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["emotrainer-export", "2026-01-01T00:00:00.000Z", "numb", "checkin", ""])
)
_json = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _only_bad_input(data: Any) -> None:
    try:
        result = from_document(data, KNOWN, FAMILIES)
    except BadInput:
        return
    assert isinstance(result, Snapshot)


@settings(max_examples=200, deadline=None, database=None)
@given(_json)
def test_arbitrary_json_raises_only_bad_input(data: Any) -> None:
    _only_bad_input(data)


@settings(max_examples=200, deadline=None, database=None)
@given(_json.map(lambda extra: {"format": "emotrainer-export", "version": 1, "entries": extra}))
def test_arbitrary_entries_raise_only_bad_input(data: Any) -> None:
    _only_bad_input(data)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


_VALID = _doc()
_ALL_PATHS = _paths(_VALID)


@st.composite
def _mutated(draw: st.DrawFn) -> Any:
    doc = copy.deepcopy(_VALID)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from(_ALL_PATHS))
        node: Any = doc
        try:
            for key in path[:-1]:
                node = node[key]
            if draw(st.booleans()) and isinstance(node, dict):
                del node[path[-1]]
            else:
                node[path[-1]] = draw(_json)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return doc


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(_mutated())
def test_mutated_documents_raise_only_bad_input(data: Any) -> None:
    _only_bad_input(data)
