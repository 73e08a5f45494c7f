"""Editing the user's own words: label, meaning and family, in one transaction."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from emotrainer.core.changes import Change
from emotrainer.core.models import Label, UserWord
from emotrainer.paths import AppPaths
from emotrainer.storage.errors import DuplicateWordError, StoreError
from emotrainer.storage.store import Store
from tests.helpers import make_entry, open_store


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    with open_store(app_paths) as opened:
        yield opened


def _only(store: Store, word_id: str) -> UserWord:
    (word,) = [w for w in store.user_words() if w.id == word_id]
    return word


def test_update_changes_label_meaning_and_family_and_keeps_the_id(store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm", 0.3, None)
    store.add_entry(make_entry(labels=(Label(word.id, 4),)))

    change = store.update_user_word(word.id, "Mono no aware", "A gentle sadness.", "sadness")

    assert change == Change(words=True)
    assert _only(store, word.id) == UserWord(
        word.id, "Mono no aware", "A gentle sadness.", "sadness", word.created_utc, 0.3, None
    )
    # Entries name the word by id: they follow the new label without a change.
    assert [u.word_id for u in store.word_uses()] == [word.id]


def test_update_tidies_spaces(store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    store.update_user_word(word.id, "  Wabi   sabi ", "\n Quiet. \n", "calm")
    assert (_only(store, word.id).label, _only(store, word.id).definition) == (
        "Wabi sabi",
        "Quiet.",
    )


def test_a_word_may_keep_its_own_label_in_any_case(store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    store.update_user_word(word.id, "Wabi-sabi", "A new meaning.", "calm")
    store.update_user_word(word.id, "WABI-SABI", "A new meaning.", "joy")
    assert _only(store, word.id).label == "WABI-SABI"
    assert _only(store, word.id).family_id == "joy"


def test_an_unknown_id_is_a_key_error(store: Store) -> None:
    store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    before = store.user_words()
    with pytest.raises(KeyError):
        store.update_user_word("user_000000000000", "Saudade", "Longing.", "sadness")
    assert store.user_words() == before


def test_a_label_taken_by_another_word_is_refused_and_nothing_changes(store: Store) -> None:
    first, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    second, _ = store.add_user_word("Saudade", "Longing for what is gone.", "sadness")
    before = store.user_words()
    with pytest.raises(DuplicateWordError, match="“Wabi-sabi” is already one of your words"):
        store.update_user_word(second.id, "wabi-sabi", "Changed.", "joy")
    assert store.user_words() == before
    assert issubclass(DuplicateWordError, StoreError)
    # The store is still usable: the failed write left no transaction open.
    store.update_user_word(second.id, "Saudade", "Changed.", "sadness")
    assert _only(store, second.id).definition == "Changed."
    assert _only(store, first.id).definition == "Quiet acceptance."


@pytest.mark.parametrize(
    ("label", "definition", "family"),
    [
        ("", "Meaning.", "calm"),
        ("   ", "Meaning.", "calm"),
        ("Word", " \n ", "calm"),
        ("Word", "Meaning.", ""),
    ],
)
def test_empty_fields_are_refused_and_nothing_changes(
    store: Store, label: str, definition: str, family: str
) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    before = store.user_words()
    with pytest.raises(ValueError, match="a word needs"):
        store.update_user_word(word.id, label, definition, family)
    assert store.user_words() == before


def test_a_read_only_store_refuses_the_edit(app_paths: AppPaths) -> None:
    with Store.open(app_paths) as writable:
        word, _ = writable.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    with Store.open_readonly(app_paths) as readonly:
        with pytest.raises(StoreError, match="read-only"):
            readonly.update_user_word(word.id, "Saudade", "Longing.", "sadness")
        assert [w.label for w in readonly.user_words()] == ["Wabi-sabi"]
