"""The main window: pages, keyboard navigation, the change path, theme, geometry."""

from __future__ import annotations

import uuid
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListWidget,
)

from emotrainer.content import full_vocabulary
from emotrainer.core.clock import Stamp
from emotrainer.core.history import describe_entry as describe
from emotrainer.core.models import Entry, EntryKind, Label, WordsState
from emotrainer.ui.bus import ChangeBus
from emotrainer.ui.main_window import MainWindow


def _entry(word: str = "anxious", state: WordsState = WordsState.NAMED) -> Entry:
    labels = (Label(word, 6),) if state is WordsState.NAMED else ()
    return Entry(
        uuid=str(uuid.uuid4()),
        kind=EntryKind.CHECKIN,
        at=Stamp.of(datetime.now().astimezone()),
        presence=5,
        words_state=state,
        labels=labels,
    )


def test_starts_on_today_and_builds_other_pages_only_when_shown(window):
    assert window.current_page == "today"
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == [
        "Today",
        "Progress",
        "History",
        "Word trainer",
        "Words",
        "Your data",
        "Therapist tools",
        "About",
    ]
    assert "data" not in window._built
    window.show_page("data")
    assert window.current_page == "data"
    assert "data" in window._built


def test_keyboard_moves_between_pages(window, qtbot):
    window.nav.setFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page == "progress"
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page == "history"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "today"
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "progress"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "trainer"
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "therapist"
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "about"


def test_a_stored_entry_reaches_today_through_the_change_bus(window, store):
    today = window.page("today")
    assert today.entries.count() == 0
    assert today.empty_note.isVisibleTo(today)
    window.bus.publish(store.add_entry(_entry("anxious")))
    assert today.entries.count() == 1
    assert "Anxious (6/10)" in today.entries.item(0).text()
    assert today.checkins_today.value.text() == "1"
    assert today.named_words.value.text() == "1"
    assert not today.empty_note.isVisibleTo(today)


def test_cant_tell_is_shown_as_a_valid_answer(store):
    vocabulary = full_vocabulary([])
    text = describe(_entry(state=WordsState.CANT_TELL), vocabulary)
    assert "couldn't tell yet (that counts too)" in text
    assert "presence 5/10" in text


def test_theme_switch_is_applied_and_remembered(window, store):
    window.set_theme("dark")
    window_colour = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour.lightness() < 80
    assert store.setting("theme") == "dark"
    window.set_theme("light")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert window.theme_actions["light"].isChecked()


def test_geometry_is_remembered(qtbot, store, window):
    window.resize(777, 555)
    window.close()
    again = MainWindow(store, full_vocabulary([]), ChangeBus())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (777, 555)


def test_every_control_has_an_accessible_name(window):
    unnamed = []
    assert window.page_keys == (
        "today",
        "progress",
        "history",
        "trainer",
        "words",
        "data",
        "therapist",
        "about",
    )
    for key in window.page_keys:
        window.show_page(key)
        page = window.page(key)
        controls = (
            page.findChildren(QAbstractButton)
            + page.findChildren(QListWidget)
            + page.findChildren(QAbstractSpinBox)
            + page.findChildren(QComboBox)
            + [
                e
                for e in page.findChildren(QLineEdit)
                if not isinstance(e.parent(), QAbstractSpinBox)
            ]
        )
        unnamed += [
            f"{key}: {type(c).__name__}"
            for c in controls
            if c.isVisibleTo(window) and not c.accessibleName()
        ]
    window.show_page("trainer")
    trainer = window.page("trainer")
    trainer.start_session()  # the card and its feedback too
    trainer.card_view.chosen.emit(trainer.practice.current.options[0].key)
    unnamed += [
        f"trainer card: {type(c).__name__}"
        for c in trainer.findChildren(QAbstractButton)
        if c.isVisibleTo(window) and not c.accessibleName()
    ]
    assert window.nav.accessibleName()
    assert unnamed == []


def test_about_says_not_diagnostic_and_has_a_crisis_note(window):
    window.show_page("about")
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in window.page("about").findChildren(QLabel))
    assert "not a diagnostic tool" in text
    assert "emergency number" in text
    assert "never connects to the internet" in text


def test_the_data_page_works_by_keyboard_alone(window, qtbot, store):
    window.nav.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    page = window.page("data")
    before = page.backup_list.count()
    for _ in range(10):  # Tab from the page list until the button has focus
        if page.backup_now.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert page.backup_now.hasFocus()
    qtbot.keyClick(page.backup_now, Qt.Key.Key_Space)
    assert page.backup_list.count() == before + 1


def test_following_the_system_switches_only_when_asked(window):
    from emotrainer.ui import theme

    app = QApplication.instance()
    window.set_theme("light")
    theme.system_changed(app, "light", dark=True)  # a fixed choice stays
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > 200
    theme.system_changed(app, "system", dark=True)
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
    window.set_theme("light")


def test_a_new_own_word_reaches_today_with_its_label(window, store):
    word, change = store.add_user_word("Quietly proud", "Proud without telling anyone.", "joy")
    window.bus.publish(change)
    entry = _entry(word.id)
    window.bus.publish(store.add_entry(entry))
    assert "Quietly proud (6/10)" in window.page("today").entries.item(0).text()


def test_greeting_follows_the_time_of_day():
    from emotrainer.ui.pages.today import greeting

    hours = {0: "Hello", 4: "Hello", 5: "Good morning", 12: "Good afternoon", 18: "Good evening"}
    for hour, expected in hours.items():
        assert greeting(datetime(2026, 11, 22, hour, 30)) == expected
