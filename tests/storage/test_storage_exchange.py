"""Whole-store snapshots and merging one in: lossless, idempotent, all or nothing."""

from __future__ import annotations

from dataclasses import replace

import pytest
from helpers import full_snapshot, make_entry, open_store, snapshot_of

from emotrainer.core.exchange import Snapshot
from emotrainer.core.models import UserWord
from emotrainer.paths import AppPaths
from emotrainer.storage import exchange as store_exchange
from emotrainer.storage.errors import ImportRejectedError, StoreError


def test_apply_then_snapshot_is_lossless(app_paths: AppPaths) -> None:
    snap = full_snapshot()
    with open_store(app_paths) as store:
        result = store_exchange.apply(store, snap)
        assert (result.entries_added, result.entries_skipped) == (4, 0)
        assert store_exchange.snapshot(store) == snap


def test_applying_twice_adds_nothing(app_paths: AppPaths) -> None:
    snap = full_snapshot()
    with open_store(app_paths) as store:
        store_exchange.apply(store, snap)
        again = store_exchange.apply(store, snap)
        assert again == store_exchange.ApplyResult(0, 4, 0)
        assert store_exchange.snapshot(store) == snap
        assert store.counts().reviews == 2


def test_what_is_already_stored_wins(app_paths: AppPaths) -> None:
    snap = full_snapshot()
    mine = replace(snap.entries[1], note="my own note")
    with open_store(app_paths) as store:
        store.add_entry(mine)
        store.set_setting("theme", "light")
        store_exchange.apply(store, snap)
        assert store.entry(mine.uuid) == mine
        assert store.setting("theme") == "light"
        assert store.setting("daily_new_cards") == 5


def test_entry_imports_link_to_the_import_row(app_paths: AppPaths) -> None:
    snap = full_snapshot()
    with open_store(app_paths) as store:
        store_exchange.apply(store, snap)
        row = store.conn.execute(
            "SELECT i.source FROM entries e JOIN imports i ON i.id = e.import_id WHERE e.uuid = ?",
            (snap.entries[0].uuid,),
        ).fetchone()
        assert row == ("daylio-csv",)


def _clashing_label(snap: Snapshot) -> Snapshot:
    word = replace(snap.user_words[0], id="user_ffffff", label="WABI-SABI")
    return replace(snap, user_words=(*snap.user_words, word))


def _same_id_twice(snap: Snapshot) -> Snapshot:
    return replace(snap, user_words=(snap.user_words[0], snap.user_words[0]))


def _same_source_ref(snap: Snapshot) -> Snapshot:
    twin = replace(snap.entries[0], uuid="99999999-9999-4999-8999-999999999999")
    return replace(snap, entries=(*snap.entries, twin))


@pytest.mark.parametrize(
    ("spoil", "place"),
    [
        (_clashing_label, "user_words[1]"),
        (_same_id_twice, "user_words[1]"),
        (_same_source_ref, "entries[4]"),
    ],
)
def test_a_clash_refuses_everything_and_names_the_place(
    spoil: object, place: str, app_paths: AppPaths
) -> None:
    with open_store(app_paths) as store:
        store.add_entry(make_entry())
        store.set_setting("theme", "light")
    before = snapshot_of(app_paths)
    assert callable(spoil)
    with open_store(app_paths) as store, pytest.raises(ImportRejectedError) as caught:
        store_exchange.apply(store, spoil(full_snapshot()))
    assert str(caught.value).startswith(f"{place}: clashes with data")
    assert isinstance(caught.value, StoreError)  # a known error, not a bug
    assert snapshot_of(app_paths) == before


def test_a_clash_with_a_word_already_stored(app_paths: AppPaths) -> None:
    with open_store(app_paths) as store:
        store.add_user_word("wabi-sabi", "Mine.", "calm")
    before = snapshot_of(app_paths)
    with (
        open_store(app_paths) as store,
        pytest.raises(ImportRejectedError, match=r"^user_words\[0\]: clashes"),
    ):
        store_exchange.apply(store, full_snapshot())
    assert snapshot_of(app_paths) == before


def test_snapshot_of_an_empty_store(app_paths: AppPaths) -> None:
    assert snapshot_of(app_paths) == Snapshot()


def test_user_words_keep_their_fields(app_paths: AppPaths) -> None:
    word = UserWord("user_0a0a0a", "Saudade", "Longing.", "sadness", "2026-01-01T00:00:00.000Z")
    with open_store(app_paths) as store:
        store_exchange.apply(store, Snapshot(user_words=(word,)))
        assert store.user_words() == [word]
