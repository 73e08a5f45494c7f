"""The History page: day groups, filters, pages, detail, edit, delete with undo, keyboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QWidget,
)

from emotrainer.content import full_vocabulary
from emotrainer.core.changes import Change
from emotrainer.core.history import describe_entry
from emotrainer.core.models import EntryKind, Label, WordsState
from emotrainer.storage.store import Store
from emotrainer.ui.entry_editor import OPEN, EntryEditor
from emotrainer.ui.pages.history import EMPTY_FILTER, EMPTY_STORE, PAGE, HistoryPage, breakable
from tests.helpers import at, make_entry, rich_entry

VOCAB = full_vocabulary([])
# Typing into a word line opens its completer's popup, a window of its own,
# which the offscreen plugin can neither raise nor give the keyboard to.
POPUP = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
# The editor dialog is a window whose layout sets its minimum height; the
# offscreen plugin cannot pass size hints on and says so (real platforms can).
DIALOG = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
RTL_NOTE = "Edited 😶‍🌫️ — שלום עולם and مرحبا بالعالم\n<b>x</b> & \tend"


def _page(qtbot, store: Store, published: list[Change] | None = None) -> HistoryPage:  # type: ignore[no-untyped-def]
    sink: list[Change] = [] if published is None else published
    page = HistoryPage(store, lambda: VOCAB, sink.append)
    qtbot.addWidget(page)
    # Shown as a window of its own: a minimum size set up front (as MainWindow
    # does) keeps the layout from setting one, which the offscreen plugin
    # answers with a "cannot propagate size hints" warning.
    page.setMinimumSize(400, 300)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # focus and keys need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    return page


def _days(page: HistoryPage) -> list[tuple[str, list[str]]]:
    """The list as shown: each day heading with the uuids under it."""
    result = []
    for i in range(page.tree.topLevelItemCount()):
        heading = page.tree.topLevelItem(i)
        assert heading is not None
        uuids = [
            heading.child(j).data(0, Qt.ItemDataRole.UserRole) for j in range(heading.childCount())
        ]
        result.append((heading.text(0), uuids))
    return result


def _shown(page: HistoryPage) -> list[str]:
    return [uuid for _day, uuids in _days(page) for uuid in uuids]


# -- the list ------------------------------------------------------------------


def test_an_empty_history_says_so_kindly(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    assert page.title == "History"
    assert page.empty_note.isVisible()
    assert page.empty_note.text() == EMPTY_STORE
    assert not page.tree.isVisible()
    assert not page.edit_button.isEnabled()
    assert not page.delete_button.isEnabled()


def test_entries_are_grouped_under_their_local_day_newest_first(qtbot, store: Store) -> None:
    # The same UTC instant (23:30 on 9 March) was already the 10th in Tokyo.
    tokyo = make_entry(at=at(2026, 3, 10, 8, 30, offset=540))
    new_york = make_entry(at=at(2026, 3, 9, 18, 30, offset=-300))
    morning = make_entry(at=at(2026, 3, 10, 7, 0, offset=540), labels=(Label("weary", 3),))
    store.add_entries([new_york, morning, tokyo])
    page = _page(qtbot, store)
    assert _days(page) == [
        ("Tuesday 10 March 2026 · 2 entries", [tokyo.uuid, morning.uuid]),
        ("Monday 9 March 2026 · 1 entry", [new_york.uuid]),
    ]
    assert page.selected_uuid() == tokyo.uuid  # the newest is shown at once
    item = page.tree.topLevelItem(0).child(1)
    assert item.text(0) == describe_entry(morning, VOCAB) == "07:00 · Check-in · Weary (3/10)"
    assert item.data(0, Qt.ItemDataRole.AccessibleTextRole).startswith("Tuesday 10 March 2026, ")
    assert page.summary.text() == "3 entries"


# -- filters -------------------------------------------------------------------


@pytest.fixture
def varied(store: Store) -> dict[str, str]:
    entries = {
        "anger_checkin": make_entry(at=at(2026, 3, 2, 9), labels=(Label("frustrated", 6),)),
        "numb_checkin": make_entry(at=at(2026, 3, 5, 9), labels=(Label("numb", None),)),
        "anger_unpack": make_entry(
            kind=EntryKind.UNPACK, at=at(2026, 3, 8, 9), labels=(Label("frustrated", 4),)
        ),
        "grounding": make_entry(
            kind=EntryKind.GROUNDING, at=at(2026, 3, 9, 9), words_state=WordsState.NOT_ASKED
        ),
    }
    store.add_entries(entries.values())
    return {name: e.uuid for name, e in entries.items()}


def _set_dates(page: HistoryPage, first: date | None, last: date | None) -> None:
    if first is not None:
        page.from_date.setDate(QDate(first.year, first.month, first.day))
    if last is not None:
        page.to_date.setDate(QDate(last.year, last.month, last.day))
    page.from_check.setChecked(first is not None)
    page.to_check.setChecked(last is not None)


@POPUP
def test_each_filter_narrows_the_list_and_clear_brings_all_back(
    qtbot, store: Store, varied: dict[str, str]
) -> None:
    page = _page(qtbot, store)
    everything = _shown(page)
    assert len(everything) == 4

    qtbot.keyClicks(page.word_filter, "Frustrated")
    assert set(_shown(page)) == {varied["anger_checkin"], varied["anger_unpack"]}
    page.word_filter.clear()
    assert _shown(page) == everything

    page.family_filter.setCurrentIndex(page.family_filter.findData(VOCAB.get("numb").family))
    assert _shown(page) == [varied["numb_checkin"]]
    page.family_filter.setCurrentIndex(0)

    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Grounding pause"))
    assert _shown(page) == [varied["grounding"]]
    page.kind_filter.setCurrentIndex(0)

    _set_dates(page, date(2026, 3, 5), date(2026, 3, 8))
    assert _shown(page) == [varied["anger_unpack"], varied["numb_checkin"]]
    _set_dates(page, date(2026, 3, 8), date(2026, 3, 5))  # typed backwards: the same days
    assert _shown(page) == [varied["anger_unpack"], varied["numb_checkin"]]
    _set_dates(page, date(2026, 3, 6), None)
    assert _shown(page) == [varied["grounding"], varied["anger_unpack"]]

    # Combined: a date range and a word and a kind.
    qtbot.keyClicks(page.word_filter, "frustrated")  # any case
    page.kind_filter.setCurrentIndex(page.kind_filter.findText("Check-in"))
    _set_dates(page, None, date(2026, 3, 31))
    assert _shown(page) == [varied["anger_checkin"]]
    page.from_check.setChecked(True)  # from 6 March: nothing left
    assert _shown(page) == []
    assert page.empty_note.text() == EMPTY_FILTER

    page.clear_button.click()
    assert _shown(page) == everything
    assert page.word_filter.text() == ""
    assert not page.from_check.isChecked() and not page.from_date.isEnabled()


@POPUP
def test_an_unknown_word_matches_nothing_and_says_why(
    qtbot, store: Store, varied: dict[str, str]
) -> None:
    page = _page(qtbot, store)
    page.word_filter.setFocus()
    qtbot.keyClicks(page.word_filter, "Frus")
    assert len(_shown(page)) == 4  # still typing: nothing hidden yet
    page.word_filter.setText("Flibbertigibbet")
    page.word_filter.editingFinished.emit()
    assert _shown(page) == []
    assert page.empty_note.text().startswith(EMPTY_FILTER)
    assert "“Flibbertigibbet” is not one of your words" in page.empty_note.text()


def test_show_more_loads_the_next_page_and_never_splits_a_day(qtbot, store: Store) -> None:
    # 30 days of 10 entries each: the first page (200) ends inside no day.
    entries = [
        make_entry(at=at(2026, 4, day, 8, minute)) for day in range(1, 31) for minute in range(10)
    ]
    # One long day at the page boundary: 25 entries on 11 April (the 200th is among them).
    entries += [make_entry(at=at(2026, 4, 11, 20, minute)) for minute in range(15)]
    store.add_entries(entries)
    page = _page(qtbot, store)
    days = _days(page)
    assert days[-1][0] == "Saturday 11 April 2026 · 25 entries"
    assert len(_shown(page)) == 19 * 10 + 25  # 30..12 April, then all of the 11th
    assert page.more_button.isVisible()
    assert page.summary.text() == f"Showing the newest 215 of {len(entries)} entries"
    qtbot.mouseClick(page.more_button, Qt.MouseButton.LeftButton)
    assert len(_shown(page)) == len(entries)
    assert len(set(_shown(page))) == len(entries)
    assert [d for d, _ in _days(page)][-1] == "Wednesday 1 April 2026 · 10 entries"
    assert not page.more_button.isVisible()
    assert PAGE == 200


# -- the detail card -----------------------------------------------------------


def test_the_detail_shows_everything_including_where_an_import_came_from(
    qtbot, store: Store
) -> None:
    entry = rich_entry(source="import:daylio", source_ref="row-1")
    store.add_entry(entry)
    page = _page(qtbot, store)
    values = page.detail_values
    assert page.detail_title.text() == "Sunday 1 March 2026 at 09:00"
    assert values["source"].text() == "Imported from Daylio"
    assert values["source"].isVisibleTo(page)
    assert values["words"].text().splitlines()[1] == "Numb · intensity left open"
    assert values["before"].text() == entry.before  # Hebrew and emoji unchanged
    assert values["note"].text() == entry.note
    assert "You took 2 pauses" in values["pauses"].text()
    assert "imported from Daylio" in page.tree.currentItem().text(0)
    # A plain entry has no source row.
    store.add_entry(make_entry(at=at(2026, 3, 2, 9)))
    page.refresh()
    assert not values["source"].isVisibleTo(page)
    assert not values["note"].isVisibleTo(page)


def test_data_is_shown_as_plain_text_never_as_markup(qtbot, store: Store) -> None:
    store.add_entry(make_entry(note="<b>x</b> &amp; <a href='y'>z</a>", before="<i>i</i>"))
    page = _page(qtbot, store)
    note = page.detail_values["note"]
    assert note.textFormat() == Qt.TextFormat.PlainText
    assert note.text() == "<b>x</b> &amp; <a href='y'>z</a>"
    for label in (*page.detail_values.values(), page.detail_title, page.empty_note):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_long_unbroken_text_gets_invisible_break_points_only() -> None:
    run = "x" * 60
    shown = breakable(f"see {run} here")
    assert shown.replace("\u200b", "") == f"see {run} here"
    assert shown.count("\u200b") == 2
    assert breakable("short words only, שלום 👋") == "short words only, שלום 👋"


# -- edit ----------------------------------------------------------------------


@DIALOG
def test_edit_round_trips_words_intensities_and_a_unicode_note(qtbot, store: Store) -> None:
    entry = rich_entry(source="import:daylio", source_ref="row-7")
    store.add_entry(entry)
    published: list[Change] = []
    page = _page(qtbot, store, published)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert isinstance(editor, EntryEditor)
    assert [r.value() for r in editor.rows] == list(entry.labels)
    assert not editor.word_input.isEnabled()  # three words: full

    qtbot.mouseClick(editor.rows[0].remove, Qt.MouseButton.LeftButton)  # frustrated goes
    assert editor.word_input.isEnabled()
    editor.word_input.setFocus()
    editor.word_input.setText("weary")
    qtbot.keyClick(editor.word_input, Qt.Key.Key_Return)  # adds; does not close the dialog
    assert editor.isVisible()
    editor.rows[-1].intensity.setValue(9)
    editor.rows[0].intensity.setValue(OPEN)  # numb: still left open
    editor.rows[1].intensity.setValue(4)  # calm 0 → 4
    editor.note.setPlainText(RTL_NOTE)
    qtbot.mouseClick(
        editor.buttons.button(editor.buttons.StandardButton.Save), Qt.MouseButton.LeftButton
    )

    stored = store.entry(entry.uuid)
    assert stored is not None
    assert stored.labels == (Label("numb", None), Label("calm", 4), Label("weary", 9))
    assert stored.note == RTL_NOTE
    assert (stored.source, stored.source_ref) == ("import:daylio", "row-7")
    assert published == [Change(entries=True)]
    assert page.selected_uuid() == entry.uuid
    assert page.detail_values["note"].text() == RTL_NOTE
    assert page.detail_values["words"].text().splitlines()[2] == "Weary · 9/10"
    assert page.editor is None


@DIALOG
def test_cancel_changes_nothing_and_an_untouched_note_stays_byte_exact(qtbot, store: Store) -> None:
    entry = make_entry(note="a\u00a0b\r\nc", labels=(Label("calm", 2),))
    store.add_entry(entry)
    page = _page(qtbot, store)
    page.edit_selected()
    assert isinstance(page.editor, EntryEditor)
    page.editor.reject()
    assert store.entry(entry.uuid) == entry
    page.edit_selected()
    editor = page.editor
    assert isinstance(editor, EntryEditor)
    editor.rows[0].intensity.setValue(5)
    editor.accept()
    stored = store.entry(entry.uuid)
    assert stored is not None and stored.note == entry.note  # no-break space and CRLF kept
    assert stored.labels == (Label("calm", 5),)


def test_the_editor_caps_the_note_and_refuses_unknown_or_repeated_words(qtbot) -> None:
    entry = make_entry(words_state=WordsState.CANT_TELL)
    editor = EntryEditor(entry, VOCAB)
    qtbot.addWidget(editor)
    assert "couldn't tell" in editor.no_words.text()
    assert editor.counter.text() == "0 / 20,000"
    editor.note.insertPlainText("😶" * 19_999 + "abcdef")
    assert editor.note_text() == "😶" * 19_999 + "a"
    assert editor.counter.text() == "20,000 / 20,000"
    assert "up to 20,000" in editor.note_status.text()

    editor.word_input.setText("not a feeling")
    assert not editor.add_typed_word()
    assert "“not a feeling” is not in your words" in editor.word_status.text()
    for word in ("Calm", "calm"):
        editor.word_input.setText(word)
        editor.add_typed_word()
    assert [r.word_id for r in editor.rows] == ["calm"]
    assert "already here" in editor.word_status.text()
    for word in ("Numb", "Weary"):
        editor.word_input.setText(word)
        assert editor.add_typed_word()
    assert not editor.word_input.isEnabled()
    assert editor.labels() == (Label("calm"), Label("numb"), Label("weary"))
    assert editor.rows[0].intensity.text() == "–"


# -- delete and undo -----------------------------------------------------------


def test_delete_then_undo_restores_the_identical_entry(qtbot, store: Store) -> None:
    imported = rich_entry(at=at(2026, 3, 2, 9), source="import:daylio", source_ref="row-5")
    other = make_entry(at=at(2026, 3, 1, 9))
    store.add_entries([imported, other])
    published: list[Change] = []
    page = _page(qtbot, store, published)
    assert page.selected_uuid() == imported.uuid
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert store.entry(imported.uuid) is None
    assert _shown(page) == [other.uuid]
    assert page.selected_uuid() == other.uuid
    assert page.undo_bar.isVisible()
    assert page.undo_text.text() == "Entry deleted."

    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert store.entry(imported.uuid) == imported  # every field, source and source_ref too
    assert _shown(page) == [imported.uuid, other.uuid]
    assert page.selected_uuid() == imported.uuid
    assert not page.undo_bar.isVisible()
    assert published == [Change(entries=True), Change(entries=True)]


def test_a_second_delete_makes_the_first_final(qtbot, store: Store) -> None:
    first, second = make_entry(at=at(2026, 3, 2, 9)), make_entry(at=at(2026, 3, 1, 9))
    store.add_entries([first, second])
    page = _page(qtbot, store)
    page.delete_selected()
    page.delete_selected()
    assert page.empty_note.text() == EMPTY_STORE
    page.undo()
    assert store.entry(second.uuid) == second
    assert store.entry(first.uuid) is None
    assert not page.can_undo


def test_the_undo_bar_leaves_after_its_time(qtbot, store: Store) -> None:
    entry = make_entry()
    store.add_entry(entry)
    page = _page(qtbot, store)
    page.UNDO_MS = 50
    page.delete_selected()
    assert page.can_undo
    qtbot.waitUntil(lambda: not page.undo_bar.isVisible(), timeout=2000)
    assert not page.can_undo
    page.undo()
    assert store.entry(entry.uuid) is None


def test_keyboard_only_select_delete_and_undo(qtbot, store: Store) -> None:
    a = make_entry(at=at(2026, 3, 2, 12))
    b = make_entry(at=at(2026, 3, 2, 9))
    c = make_entry(at=at(2026, 3, 1, 9))
    store.add_entries([a, b, c])
    page = _page(qtbot, store)
    page.word_filter.setFocus()
    # Tab from the filters reaches the list.
    for _ in range(10):
        if page.tree.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.tree.hasFocus()
    assert page.selected_uuid() == a.uuid
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    assert page.selected_uuid() == b.uuid
    qtbot.keyClick(page.tree, Qt.Key.Key_Down)  # over the day heading, onto the entry
    assert page.selected_uuid() == c.uuid
    qtbot.keyClick(page.tree, Qt.Key.Key_Up)
    assert page.selected_uuid() == b.uuid

    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    assert store.entry(b.uuid) is None
    assert page.tree.hasFocus()
    assert page.selected_uuid() == c.uuid  # the next one, ready for the keyboard
    assert page.undo_bar.isVisible()

    qtbot.keyClick(page.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.entry(b.uuid) == b
    assert page.selected_uuid() == b.uuid
    assert page.tree.hasFocus()

    # And by Tab: the Undo button comes right after the list.
    qtbot.keyClick(page.tree, Qt.Key.Key_Delete)
    qtbot.keyClick(page.tree, Qt.Key.Key_Tab)
    assert page.undo_button.hasFocus()
    qtbot.keyClick(page.undo_button, Qt.Key.Key_Space)
    assert store.entry(b.uuid) == b
    assert page.tree.hasFocus()


def test_tab_goes_from_the_list_to_the_detail_buttons(qtbot, store: Store) -> None:
    store.add_entry(make_entry())
    page = _page(qtbot, store)
    page.tree.setFocus()
    order = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order[:3] == [page.detail_scroll, page.edit_button, page.delete_button]


@DIALOG
def test_every_control_has_an_accessible_name(qtbot, store: Store) -> None:
    store.add_entry(rich_entry())
    page = _page(qtbot, store)
    page.delete_selected()  # shows the Undo bar too
    page.undo()
    page.edit_selected()
    controls: list[QWidget] = []
    for root in (page, page.editor):
        assert root is not None
        for widget in root.findChildren(QWidget):
            inner_line = isinstance(widget, QLineEdit) and isinstance(
                widget.parent(), QAbstractSpinBox | QComboBox
            )
            if inner_line:
                continue  # a spin box's or combo box's own line: named by its owner
            if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
                continue  # e.g. a line's clear button: mouse only, the keys do the same
            if isinstance(widget, QAbstractButton | QAbstractSpinBox | QComboBox | QLineEdit):
                controls.append(widget)
    assert len(controls) > 15
    unnamed = [w for w in controls if not w.accessibleName()]
    assert unnamed == []
    assert page.tree.accessibleName()


# -- the change path -----------------------------------------------------------


def test_changes_from_elsewhere_refresh_and_our_own_echo_does_not(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, store)
    entry = make_entry(labels=(Label("calm", 3),))
    change = store.add_entry(entry)
    assert _shown(page) == []
    page.on_change(change)
    assert _shown(page) == [entry.uuid]

    published: list[Change] = []
    page._publish = lambda c: (published.append(c), page.on_change(c))  # a bus that echoes
    refreshes = []
    original = page.refresh
    monkeypatch.setattr(page, "refresh", lambda *a, **k: (refreshes.append(1), original(*a, **k)))
    page.delete_selected()
    assert len(refreshes) == 1  # the page refreshed once, not again for its own echo
    page.on_change(Change(settings=True))
    assert len(refreshes) == 1


def test_a_new_user_word_becomes_a_filter_choice(qtbot, store: Store) -> None:
    words = {"vocab": VOCAB}
    page = HistoryPage(store, lambda: words["vocab"], lambda _c: None)
    qtbot.addWidget(page)
    word, change = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    store.add_entry(make_entry(labels=(Label(word.id, 5),)))
    words["vocab"] = full_vocabulary(store.user_words())
    page.on_change(change)
    assert "Wabi-sabi" in page._word_model.stringList()
    page.word_filter.setText("wabi-sabi")
    assert len(_shown(page)) == 1
    assert "Wabi-sabi (5/10)" in page.tree.topLevelItem(0).child(0).text(0)
