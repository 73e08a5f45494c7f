"""The Words page: list, search and filters, the detail of a word, editing the user's own, keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QLineEdit, QWidget

from emotrainer.content import full_vocabulary
from emotrainer.core.changes import Change
from emotrainer.core.clock import parse_utc
from emotrainer.core.differences import cue_text, difference
from emotrainer.core.history import long_date
from emotrainer.core.models import Label
from emotrainer.core.srs import CardKind, Grade, Mastery
from emotrainer.core.vocabulary import Level
from emotrainer.core.word_browser import USER
from emotrainer.paths import AppPaths
from emotrainer.storage.store import Store
from emotrainer.ui.pages.words import EMPTY_MASTERY, EMPTY_USER, WordsPage
from emotrainer.ui.pages.words_edit import EditWordDialog
from tests.helpers import at, make_entry

SHIPPED = full_vocabulary([])
# The editor dialog is a window whose layout sets its minimum height; the
# offscreen plugin cannot pass size hints on and says so (real platforms can).
DIALOG = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _page(qtbot, store: Store, published: list[Change] | None = None) -> WordsPage:  # type: ignore[no-untyped-def]
    sink: list[Change] = [] if published is None else published
    page = WordsPage(store, lambda: full_vocabulary(store.user_words()), sink.append)
    qtbot.addWidget(page)
    # A minimum size set up front (as MainWindow does) keeps the layout from
    # setting one, which the offscreen plugin answers with a warning.
    page.setMinimumSize(400, 300)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # focus and keys need the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
    return page


def _shown(page: WordsPage) -> list[str]:
    """The ids of the words in the list as shown, in order."""
    items = (page.list.item(i) for i in range(page.list.count()))
    return [item.data(Qt.ItemDataRole.UserRole) for item in items if item and not item.isHidden()]


def _choose(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def _texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


def _review_until(store: Store, word_id: str, kinds: tuple[CardKind, ...], rounds: int) -> None:
    """Answer every kind "Got it" ``rounds`` times, further apart each time."""
    moment = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)
    for i in range(rounds):
        for kind in kinds:
            store.record_review(word_id, kind, Grade.GOT_IT, moment, fuzz=False)
        moment += timedelta(days=20 * (i + 1))


# -- the list, search and filters ------------------------------------------------


def test_every_shipped_word_is_listed(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    assert page.title == "Words"
    assert sorted(_shown(page)) == sorted(w.id for w in SHIPPED)
    assert page.count.text() == f"All {len(SHIPPED)} words"
    assert not page.empty_note.isVisible()
    assert page.selected_id() == _shown(page)[0]  # something is always shown


def test_search_narrows_as_you_type(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    qtbot.keyClicks(page.search, "numb")
    assert "numb" in _shown(page)
    assert 0 < len(_shown(page)) < len(SHIPPED)
    for word_id in _shown(page):
        word = SHIPPED.get(word_id)
        assert "numb" in (word.label + word.definition).casefold()
    assert (
        page.count.text() == f"{len(_shown(page))} {'word' if len(_shown(page)) == 1 else 'words'}"
    )
    assert page.selected_id() in _shown(page)


def test_filters_narrow_and_combine(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    _choose(page.family_filter, "detachment")
    assert _shown(page) and {SHIPPED.get(i).family for i in _shown(page)} == {"detachment"}
    assert "numb" in _shown(page)
    _choose(page.level_filter, "group")
    assert _shown(page) and {SHIPPED.get(i).level for i in _shown(page)} == {Level.GROUP}
    _choose(page.family_filter, None)
    assert len(_shown(page)) == len(SHIPPED.at_level(Level.GROUP))
    _choose(page.level_filter, "family")
    assert _shown(page) == [f.id for f in SHIPPED.families]


def test_the_mastery_filter_uses_the_trainer(qtbot, store: Store) -> None:
    _review_until(store, "anxious", (CardKind.DEFINITION_TO_WORD, CardKind.CONTRAST), 5)
    _review_until(store, "numb", (CardKind.DEFINITION_TO_WORD,), 1)
    page = _page(qtbot, store)
    _choose(page.mastery_filter, Mastery.MASTERED.value)
    assert _shown(page) == ["anxious"]
    _choose(page.mastery_filter, Mastery.LEARNING.value)
    assert _shown(page) == ["numb"]
    _choose(page.mastery_filter, Mastery.NEW.value)
    assert len(_shown(page)) == len(SHIPPED) - 2


def test_a_search_that_finds_nothing_says_so_and_offers_to_clear(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    qtbot.keyClicks(page.search, "zzqx")
    assert _shown(page) == []
    assert page.empty_note.isVisible()
    assert page.empty_note.text().startswith("No words match “zzqx”.")
    assert page.empty_note.textFormat() == Qt.TextFormat.PlainText  # it quotes the search
    assert not page.list.isVisible()
    assert page.detail.hint.isVisible()
    assert page.clear_button.isVisible()
    page.clear_button.click()
    assert page.search.text() == ""
    assert len(_shown(page)) == len(SHIPPED)
    assert not page.empty_note.isVisible()


def test_empty_filters_speak_kindly(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    _choose(page.level_filter, USER)
    assert page.empty_note.text() == EMPTY_USER
    _choose(page.level_filter, None)
    _choose(page.mastery_filter, Mastery.MASTERED.value)
    assert page.empty_note.text() == EMPTY_MASTERY[Mastery.MASTERED]


# -- one word in full -------------------------------------------------------------


def test_a_specific_word_shows_its_meaning_close_words_and_body_cues(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.select_word("anxious")
    anxious = SHIPPED.get("anxious")
    detail = page.detail
    assert page.selected_id() == "anxious"
    assert detail.label.text() == "Anxious"
    assert detail.kind.text() == "Fear › Uneasy · a specific word"
    assert detail.definition.text() == anxious.definition
    shown = _texts(detail.close_section)
    for other_id in anxious.neighbours:
        other = SHIPPED.get(other_id)
        assert other.definition in shown
        assert difference(anxious, other, SHIPPED) in shown
    assert [b.text() for b in detail.buttons] == [SHIPPED.get(i).label for i in anxious.neighbours]
    assert detail.cues_section.isVisible()
    for cue in anxious.body_cues:
        assert cue_text(cue) in detail.cues.text().casefold()
    assert not detail.children_section.isVisible()
    assert not detail.edit_button.isVisible()
    assert detail.usage.text() == "You have not named it in an exercise yet."
    assert detail.mastery.text().startswith("Not practised yet.")


def test_a_group_shows_its_words_and_a_click_goes_to_one(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.select_word("uneasy")
    detail = page.detail
    children = SHIPPED.children("uneasy")
    assert detail.children_section.isVisible()
    assert "Words in this group" in _texts(detail.children_section)
    assert [b.text() for b in detail.buttons] == [c.label for c in children]
    assert not detail.close_section.isVisible()
    assert not detail.cues_section.isVisible()
    assert "no cards of its own" in detail.mastery.text()
    qtbot.mouseClick(detail.buttons[0], Qt.MouseButton.LeftButton)
    assert page.selected_id() == children[0].id
    assert detail.label.text() == children[0].label
    assert page.list.hasFocus()  # the keyboard stays with the words


def test_going_to_a_word_clears_the_filters_that_hide_it(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    _choose(page.family_filter, "joy")
    page.select_word("anxious")
    assert page.family_filter.currentData() is None
    assert page.selected_id() == "anxious"


def test_usage_says_how_often_and_when_last(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    first = make_entry(at=at(2026, 1, 5, 21, 30), labels=(Label("anxious", 5),))
    last = make_entry(at=at(2026, 11, 2, 8, 15), labels=(Label("anxious", 3), Label("calm", 1)))
    change = store.add_entries([first, last])
    page.select_word("anxious")
    page.on_change(change)
    last_day = long_date(parse_utc(last.at.utc).astimezone())
    first_day = long_date(parse_utc(first.at.utc).astimezone())
    assert page.detail.usage.text() == f"You named it 2 times, most recently on {last_day}."
    assert page.detail.first_use.text() == f"The first time was on {first_day}."
    assert page.selected_id() == "anxious"  # a refresh keeps the word
    page.select_word("calm")
    assert page.detail.usage.text() == f"You named it once, on {last_day}."
    assert not page.detail.first_use.isVisible()


def test_mastery_follows_the_trainer(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.select_word("anxious")
    store.record_review(
        "anxious", CardKind.DEFINITION_TO_WORD, Grade.GOT_IT, datetime.now(UTC), fuzz=False
    )
    page.on_change(Change(trainer=True))
    assert page.detail.mastery.text() == "Learning. 1 card, 1 review so far."
    _review_until(store, "anxious", (CardKind.DEFINITION_TO_WORD, CardKind.CONTRAST), 5)
    page.on_change(Change(trainer=True))
    assert page.detail.mastery.text().startswith("Mastered. 2 cards, ")
    assert "21 days" in page.detail.mastery_note.text()


def test_a_refresh_reads_the_store_once_and_only_for_what_it_shows(
    qtbot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(qtbot, store)
    calls: list[str] = []

    def counted(name: str) -> Callable[[], object]:
        real = getattr(store, name)
        return lambda: calls.append(name) or real()

    monkeypatch.setattr(store, "word_uses", counted("word_uses"))
    monkeypatch.setattr(store, "trainer_cards", counted("trainer_cards"))
    page.on_change(Change(settings=True, drafts=True))
    assert calls == []
    for change in (Change(entries=True), Change(words=True), Change(trainer=True)):
        page.on_change(change)
    assert calls == ["word_uses", "trainer_cards"] * 3
    calls.clear()
    qtbot.keyClicks(page.search, "an")
    _choose(page.family_filter, "fear")
    for word_id in ("anxious", "worried", "fear"):
        page.select_word(word_id)
    assert calls == []  # filtering and choosing happen in memory


# -- the user's own words ---------------------------------------------------------


def test_a_user_word_is_listed_as_yours(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance of imperfect things.", "calm")
    page = _page(qtbot, store)
    assert word.id in _shown(page)
    item = page.list.item(_shown(page).index(word.id))
    assert item is not None
    assert item.data(Qt.ItemDataRole.UserRole + 1) == "your word · Calm"
    _choose(page.level_filter, USER)
    assert _shown(page) == [word.id]
    page.select_word(word.id)
    assert page.detail.kind.text() == "Calm · your own word"
    assert page.detail.edit_button.isVisible()
    page.select_word("calm")  # its family lists it, marked as yours
    assert "Wabi-sabi" in [b.text() for b in page.detail.buttons]
    assert "your word" in _texts(page.detail.children_section)


@DIALOG
def test_a_user_word_can_be_edited_through_the_dialog(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance of imperfect things.", "calm")
    published: list[Change] = []
    page = _page(qtbot, store, published)
    page.select_word(word.id)
    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert isinstance(editor, EditWordDialog)
    assert editor.label_edit.text() == "Wabi-sabi"
    assert editor.definition_edit.toPlainText() == "Quiet acceptance of imperfect things."
    assert editor.family.currentData() == "calm"
    editor.label_edit.setText("Mono no aware")
    editor.definition_edit.setPlainText("A gentle sadness at how things pass.")
    _choose(editor.family, "sadness")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert not editor.isVisible()
    (saved,) = store.user_words()
    assert (saved.id, saved.label, saved.definition, saved.family_id) == (
        word.id,
        "Mono no aware",
        "A gentle sadness at how things pass.",
        "sadness",
    )
    assert published == [Change(words=True)]
    page.on_change(published[0])  # as the window's bus would deliver it
    assert page.selected_id() == word.id
    assert page.detail.label.text() == "Mono no aware"
    assert page.detail.definition.text() == "A gentle sadness at how things pass."
    assert page.detail.kind.text() == "Sadness · your own word"
    assert page.detail.status.text() == "Your changes are saved."
    assert page.list.currentItem().text() == "Mono no aware"
    assert page.editor is None


@DIALOG
def test_the_dialog_refuses_calmly_and_keeps_what_was_typed(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    other, _ = store.add_user_word("Saudade", "Longing for what is gone.", "sadness")
    published: list[Change] = []
    page = _page(qtbot, store, published)
    page.select_word(word.id)
    page.edit_selected()
    editor = page.editor
    assert editor is not None
    before = store.user_words()
    for label, definition, reason in (
        ("Anxious", "Mine.", "“Anxious” is already in your words."),
        ("saudade", "Mine.", "“Saudade” is already in your words."),
        ("   ", "Mine.", "A word needs at least one letter."),
        ("Wabi-sabi", "  \n ", "Add a short meaning, in your own words; a sentence is plenty."),
        ("Wabi-sabi", "x" * 501, "The meaning can have at most 500 characters; this one has 501."),
    ):
        editor.label_edit.setText(label)
        editor.definition_edit.setPlainText(definition)
        editor.accept()
        assert editor.isVisible()
        assert editor.reason.text() == reason
        assert editor.reason.textFormat() == Qt.TextFormat.PlainText
    assert store.user_words() == before
    assert published == []
    # A word may keep its own label (in another case, too).
    editor.label_edit.setText("WABI-SABI")
    editor.definition_edit.setPlainText("Still quiet.")
    editor.accept()
    assert not editor.isVisible()
    assert [(w.label, w.definition) for w in store.user_words() if w.id == word.id] == [
        ("WABI-SABI", "Still quiet.")
    ]
    assert other in store.user_words()


@DIALOG
def test_a_word_gone_meanwhile_is_said_plainly(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    page = _page(qtbot, store)
    page.select_word(word.id)
    page.edit_selected()
    editor = page.editor
    assert editor is not None
    store.conn.execute("DELETE FROM user_words")  # as an import or restore might
    editor.accept()
    assert editor.isVisible()
    assert "no longer among your words" in editor.reason.text()


def test_text_from_data_is_shown_plainly(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Tags & such", "Shown as typed: <i>x</i> & <b>y</b>", "calm")
    page = _page(qtbot, store)
    page.select_word(word.id)
    for label in (page.detail.label, page.detail.kind, page.detail.definition):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert page.detail.definition.text() == "Shown as typed: <i>x</i> & <b>y</b>"
    assert page.detail.label.text() == "Tags & such"
    page.select_word("calm")
    (button,) = [b for b in page.detail.buttons if b.accessibleName() == "Show Tags & such"]
    assert button.text() == "Tags && such"  # an "&" is not a keyboard mnemonic


def test_a_read_only_store_offers_no_edit(qtbot, ui_paths: AppPaths) -> None:
    with Store.open(ui_paths) as writable:
        word, _ = writable.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    with Store.open_readonly(ui_paths) as readonly:
        page = _page(qtbot, readonly)
        page.select_word(word.id)
        assert page.detail.edit_button.isVisible()
        assert not page.detail.edit_button.isEnabled()
        page.edit_selected()
        assert page.editor is None


# -- keyboard and accessibility ----------------------------------------------------


def test_ctrl_f_focuses_the_search_and_arrows_move_through_the_list(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "an")
    shown = _shown(page)
    assert len(shown) > 3
    assert page.selected_id() == shown[0]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_id() == shown[1]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.selected_id() == shown[2]
    qtbot.keyClick(page.search, Qt.Key.Key_Up)
    assert page.selected_id() == shown[1]
    assert page.search.hasFocus()  # typing can go on
    assert page.detail.label.text() == SHIPPED.get(shown[1]).label
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.list.hasFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.selected_id() == shown[2]


def test_tab_goes_search_filters_list_then_the_detail(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.select_word("anxious")
    page.search.setFocus()
    order: list[QWidget | None] = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        page.family_filter,
        page.level_filter,
        page.mastery_filter,
        page.list,
        page.detail.detail_scroll,
        page.detail.buttons[0],
        page.detail.buttons[1],
    ]


def test_detail_text_can_be_selected(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.select_word("anxious")
    for label in (page.detail.label, page.detail.definition, page.detail.usage):
        assert label.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse


@DIALOG
def test_every_control_has_an_accessible_name(qtbot, store: Store) -> None:
    word, _ = store.add_user_word("Wabi-sabi", "Quiet acceptance.", "calm")
    page = _page(qtbot, store)
    for word_id in ("anxious", "uneasy", word.id):
        page.select_word(word_id)
        widgets: list[QWidget] = [
            *page.findChildren(QAbstractButton),
            *page.findChildren(QComboBox),
            *page.findChildren(QLineEdit),
            page.list,
            page.detail.detail_scroll,
        ]
        nameless = [w for w in widgets if w.isVisible() and not w.accessibleName()]
        assert nameless == [], word_id
    page.edit_selected()
    editor = page.editor
    assert editor is not None
    controls = [*editor.findChildren(QAbstractButton), *editor.findChildren(QComboBox)]
    controls += [editor.label_edit, editor.definition_edit]
    assert all(w.accessibleName() for w in controls)
    editor.reject()


def test_the_page_fits_a_small_window(qtbot, store: Store) -> None:
    page = _page(qtbot, store)
    page.resize(640, 480)
    qtbot.waitUntil(lambda: page.split.direction().name == "LeftToRight")
    page.select_word("anxious")
    assert page.detail.isVisible()
    assert page.list.isVisible()
    assert page.detail.width() > page.list.width()
