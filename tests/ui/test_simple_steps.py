"""The plain-widget step views, driven by keyboard alone: presence, note, context, inventory."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLayout,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.content import shipped_vocabulary
from emotrainer.core.flow_defs import FLOWS, Step
from emotrainer.core.flows import NOTE_MAX, TAG_MAX, TAGS_MAX, validate_answer
from emotrainer.core.inventory import ITEMS, SCALE
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.exercise.simple_steps import (
    ContextView,
    InventoryView,
    NoteView,
    PresenceView,
)

PRESENCE = FLOWS["checkin"].step("presence")
NOTE = FLOWS["checkin"].step("note")
CONTEXT = FLOWS["checkin"].step("context")
INVENTORY = FLOWS["inventory"].step("inventory")

HEBREW = "שלום, אני מרגיש קצת רחוק"
HEBREW_TAG = "אני מרגיש רחוק"  # no comma: a comma ends a tag
ARABIC = "أشعر بالخدر اليوم"
# Characters a text box could quietly change: no-break space, line and paragraph
# separators, Windows line ends, a byte-order mark, an emoji ZWJ sequence, a
# combining accent, direction marks.
TRICKY = (
    f"{HEBREW}\n{ARABIC}\n👩🏽‍💻 🫠 e\u0301 "
    "a\u00a0b c\u2028d e\u2029f\r\ng \ufeffh \u200f\u200e\tend\n"
)
KEY = Qt.Key

# The tag inputs' completer pops up while typing; its popup asks the offscreen
# platform to raise it and grab the keyboard, which it cannot do (it works all the same).
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


@pytest.fixture
def context() -> StepContext:
    return StepContext(
        vocabulary=shipped_vocabulary(),
        past_situations=("work", "home", "commuting", HEBREW, "gym", "bed", "bus", "shop", "park"),
        past_people=("partner", "mum", "Dana & Avi"),
    )


class Window(QWidget):
    """A view with a button after it, as on the page: Tab has somewhere to go."""

    def __init__(self, view: StepView) -> None:
        super().__init__()
        self.view = view
        self.after = QPushButton("Next")
        layout = QVBoxLayout(self)
        # Keep the window's size free: the offscreen platform warns when a layout
        # passes a minimum size on to a window, and Qt warnings fail tests.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(view)
        layout.addWidget(self.after)


_windows: list[Window] = []


@pytest.fixture(autouse=True)
def _close_windows():  # type: ignore[no-untyped-def]
    yield
    _windows.clear()


def shown(qtbot, view: StepView) -> Window:  # type: ignore[no-untyped-def]
    window = Window(view)
    _windows.append(window)  # qtbot.addWidget closes it at the end but does not keep it
    qtbot.addWidget(window)
    window.resize(700, 600)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    view.first_focus().setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: view.first_focus().hasFocus())
    return window


def press(qtbot, *keys: Qt.Key | str) -> None:  # type: ignore[no-untyped-def]
    """Press keys where the keyboard focus is, as a person would."""
    for key in keys:
        focus = QApplication.focusWidget()
        assert focus is not None
        if isinstance(key, str) and key.isascii():
            qtbot.keyClicks(focus, key)
        elif isinstance(key, str):
            type_text(focus, key)
        else:
            qtbot.keyClick(focus, key)


def type_text(widget: QWidget, text: str) -> None:
    """Type any characters, as a keyboard layout for that script would send them.

    QTest's keyClicks knows only ASCII (it asserts on anything else).
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def valid(step: Step, view: StepView) -> object:
    value = view.value()
    assert value is not None
    assert validate_answer(step, value) == value  # already in the stored form
    return value


def test_step_ids_used_here_exist() -> None:
    assert (PRESENCE.kind, NOTE.kind, CONTEXT.kind, INVENTORY.kind) == (
        "presence",
        "note",
        "context",
        "inventory",
    )


# -- presence ----------------------------------------------------------------------


def test_presence_starts_unchosen(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = PresenceView(PRESENCE, context)
    shown(qtbot, view)
    assert view.value() is None
    assert view.unset.isVisible() and view.unset.text() == "Not chosen yet"
    assert not view.figure.isVisible()
    assert "Any number is fine" in view.hint.text()
    assert view.slider.accessibleName() == "How present you feel, from 0 to 10"
    assert view.first_focus() is view.slider


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (KEY.Key_Right, 6),
        (KEY.Key_Left, 4),
        (KEY.Key_Space, 5),
        (KEY.Key_Return, 5),
        (KEY.Key_Home, 0),
        (KEY.Key_End, 10),
        (KEY.Key_PageUp, 7),
        (KEY.Key_PageDown, 3),
    ],
)
def test_presence_first_key_chooses(qtbot, context, key, expected) -> None:  # type: ignore[no-untyped-def]
    view = PresenceView(PRESENCE, context)
    shown(qtbot, view)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, key)
    assert view.value() == expected
    assert valid(PRESENCE, view) == expected
    assert view.figure.isVisible() and view.figure.text() == str(expected)
    assert not view.unset.isVisible()


def test_presence_moves_on_and_confirming_again_changes_nothing(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = PresenceView(PRESENCE, context)
    shown(qtbot, view)
    press(qtbot, KEY.Key_Home)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, KEY.Key_Right, KEY.Key_Right)
    assert view.value() == 2
    with qtbot.assertNotEmitted(view.answer_changed):
        press(qtbot, KEY.Key_Space, KEY.Key_Return)
    assert view.value() == 2


@pytest.mark.parametrize("stored", [0, 3, 10])
def test_presence_set_value_round_trips(qtbot, context, stored) -> None:  # type: ignore[no-untyped-def]
    view = PresenceView(PRESENCE, context)
    shown(qtbot, view)
    view.set_value(stored)
    assert view.value() == stored
    assert view.figure.text() == str(stored)
    press(qtbot, KEY.Key_End)
    assert view.value() == 10


# -- note --------------------------------------------------------------------------


def test_note_typed_by_keyboard(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    assert view.value() is None  # an empty optional note is no answer
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, "Felt far away")
    press(qtbot, KEY.Key_Return, HEBREW)
    assert valid(NOTE, view) == f"Felt far away\n{HEBREW}"
    assert view.counter.text() == f"{13 + 1 + len(HEBREW)} / 20,000 characters"


def test_note_emptied_again_is_no_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    press(qtbot, "ab")
    assert view.value() == "ab"
    press(qtbot, KEY.Key_Backspace, KEY.Key_Backspace)
    assert view.value() is None
    assert view.counter.text() == "0 / 20,000 characters"


def test_note_tab_leaves_the_editor(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    window = shown(qtbot, view)
    press(qtbot, "x", KEY.Key_Tab)
    assert window.after.hasFocus()
    assert view.value() == "x"
    assert view.editor.accessibleName() == "Your note"


def test_note_counter_uses_thousands_separators(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    view.set_value("x" * 1233)
    press(qtbot, KEY.Key_End, "y")
    assert view.counter.text() == "1,234 / 20,000 characters"


@pytest.mark.parametrize("text", [TRICKY, HEBREW, ARABIC, "🫠" * 3, " ", "\n\n"])
def test_note_unicode_round_trips_exactly(qtbot, context, text) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    view.set_value(text)
    assert view.value() == text
    assert validate_answer(NOTE, view.value()) == text


def test_note_keeps_every_character_after_an_edit(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    view.set_value("a\u00a0b c\u2028d")
    press(qtbot, KEY.Key_End, " ✓")
    assert view.value() == "a\u00a0b c\u2028d ✓"  # no-break space and line separator kept


def test_note_typed_right_to_left_and_emoji(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    press(qtbot, ARABIC, " 👩🏽‍💻")
    assert view.value() == f"{ARABIC} 👩🏽‍💻"


def test_note_paste_beyond_the_cap_is_cut_and_said_kindly(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    view.set_value("start end")
    press(qtbot, KEY.Key_Home)
    for _ in range(6):
        press(qtbot, KEY.Key_Right)
    QApplication.clipboard().setText("🙂" + "p" * NOTE_MAX)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        qtbot.keyClick(view.editor, KEY.Key_V, Qt.KeyboardModifier.ControlModifier)
    value = view.value()
    assert isinstance(value, str)
    assert len(value) == NOTE_MAX
    # The end of the paste was left out, not the text after the cursor.
    assert value.startswith("start 🙂ppp") and value.endswith("pend")
    assert validate_answer(NOTE, value) == value
    counter = view.counter.text()
    assert counter.startswith("20,000 / 20,000 characters")
    assert "the last 10 characters you added were left out" in counter  # 9 + 20,001 - 20,000
    press(qtbot, KEY.Key_Backspace)
    assert view.counter.text() == "19,999 / 20,000 characters"  # the note goes once you go on


def test_note_typing_at_the_cap_adds_nothing(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = NoteView(NOTE, context)
    shown(qtbot, view)
    view.set_value("n" * NOTE_MAX)
    press(qtbot, KEY.Key_End, "xyz")
    assert view.value() == "n" * NOTE_MAX
    assert view.counter.text() == (
        "20,000 / 20,000 characters. A note holds up to 20,000 characters, "
        "so the last character you added was left out."
    )


# -- context -------------------------------------------------------------------------


def test_context_by_keyboard(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    assert view.value() is None
    assert view.first_focus() is view.situations.edit
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, "at work", KEY.Key_Return)
    press(qtbot, "meeting, ", HEBREW_TAG, KEY.Key_Return)
    view.people.edit.setFocus()
    press(qtbot, "Dana & Avi,<b>boss</b>", KEY.Key_Enter)
    view.before.setFocus()
    press(qtbot, "A long call", KEY.Key_Tab)
    assert QApplication.focusWidget() is not view.before  # Tab leaves the box
    assert valid(CONTEXT, view) == {
        "situations": ["at work", "meeting", HEBREW_TAG],
        "people": ["Dana & Avi", "<b>boss</b>"],
        "before": "A long call",
    }
    chip = view.people.chips[1]
    assert chip.button.accessibleName() == "Remove person “<b>boss</b>”"
    [label] = chip.findChildren(QLabel)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>boss</b>"


def test_context_empty_or_blank_is_no_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "   ", KEY.Key_Return, ",,")
    view.before.setFocus()
    press(qtbot, "  ")
    assert view.situations.tags() == []
    assert view.value() is None


def test_context_refuses_a_duplicate_kindly(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "Work", KEY.Key_Return, "work", KEY.Key_Return)
    assert view.situations.tags() == ["Work"]
    assert view.situations.note.text() == "“work” is already there."
    assert valid(CONTEXT, view) == {"situations": ["Work"], "people": [], "before": ""}
    view.people.edit.setFocus()
    press(qtbot, "<b>Dana</b> & Avi", KEY.Key_Return, "<B>dana</B> & avi", KEY.Key_Return)
    assert view.people.tags() == ["<b>Dana</b> & Avi"]
    assert view.people.note.text() == "“<B>dana</B> & avi” is already there."
    assert view.people.note.textFormat() == Qt.TextFormat.PlainText


def test_context_tag_limits(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "x" * (TAG_MAX + 50), KEY.Key_Return)
    assert view.situations.tags() == ["x" * TAG_MAX]
    for n in range(1, TAGS_MAX + 3):
        press(qtbot, f"t{n},")
    assert len(view.situations.tags()) == TAGS_MAX
    assert f"That's {TAGS_MAX} situations" in view.situations.note.text()
    assert view.situations.edit.text().startswith("t20")  # kept, not lost
    valid(CONTEXT, view)


def test_context_chip_removed_by_delete_backspace_or_its_button(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "a,b,c,d,")
    assert view.situations.tags() == ["a", "b", "c", "d"]
    press(qtbot, KEY.Key_Tab)  # from the input to the first chip
    assert view.situations.chips[0].button.hasFocus()
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, KEY.Key_Delete)
    assert view.situations.tags() == ["b", "c", "d"]
    assert view.situations.chips[0].button.hasFocus()  # focus stays among the chips
    press(qtbot, KEY.Key_Tab, KEY.Key_Backspace)
    assert view.situations.tags() == ["b", "d"]
    press(qtbot, KEY.Key_Space)  # the × button itself
    assert view.situations.tags() == ["b"]
    press(qtbot, KEY.Key_Delete)
    assert view.situations.tags() == []
    assert view.situations.edit.hasFocus()
    assert view.value() is None


def test_context_suggestions_add_past_tags(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    buttons = view.situations.suggestions
    assert len(buttons) == 8  # at most eight, most used first
    assert [b.property("tag") for b in buttons[:4]] == ["work", "home", "commuting", HEBREW]
    assert buttons[0].accessibleName() == "Add situation “work”"
    assert view.people.suggestions[2].text().replace("\u2068", "").replace("\u2069", "") == (
        "+ Dana && Avi"  # a lone & would be a shortcut
    )
    buttons[3].setFocus()
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, KEY.Key_Space)
    assert view.situations.tags() == [HEBREW]
    assert not buttons[3].isVisible()
    assert buttons[4].hasFocus()  # focus moves on to the next suggestion
    view.situations.chips[0].button.setFocus()
    press(qtbot, KEY.Key_Delete)
    assert buttons[3].isVisible()  # removed: offered again


def test_context_completer_offers_past_tags(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "mmu")
    popup = view.situations.edit.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, KEY.Key_Down)
    qtbot.keyClick(popup, KEY.Key_Return)
    qtbot.waitUntil(lambda: view.situations.edit.text() == "")
    assert view.situations.tags() == ["commuting"]
    assert not view.situations.note.isVisible()  # no "already there": added once, quietly


def test_context_set_value_round_trips(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    stored = validate_answer(
        CONTEXT,
        {
            "situations": ["work", HEBREW, "y" * TAG_MAX, "🫠 & <i>"],
            "people": [ARABIC],
            "before": TRICKY,
        },
    )
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    view.set_value(stored)
    assert view.value() == stored
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, "more", KEY.Key_Return)
    assert valid(CONTEXT, view)["situations"][-1] == "more"  # type: ignore[index]


def test_context_only_before_is_an_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    view.before.setFocus()
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, "woke up early")
    assert valid(CONTEXT, view) == {"situations": [], "people": [], "before": "woke up early"}


def test_context_every_control_has_a_name(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = ContextView(CONTEXT, context)
    shown(qtbot, view)
    press(qtbot, "work,")
    for widget in view.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(view):
            assert widget.accessibleName(), widget


# -- inventory -------------------------------------------------------------------------


def test_inventory_rated_by_keyboard_alone(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    assert view.value() is None
    assert view.progress.text() == "0 of 10 rated"
    wanted = {}
    for n, item in enumerate(ITEMS):
        score = n % len(SCALE)
        focus = QApplication.focusWidget()
        assert focus in view.rows[item.id].buttons  # Tab reached this row
        if score == 0:
            press(qtbot, KEY.Key_Home)
        else:
            for _ in range(score):
                press(qtbot, KEY.Key_Right)
        wanted[item.id] = score
        if n < len(ITEMS) - 1:
            assert view.value() is None
            assert view.progress.text() == f"{n + 1} of 10 rated"
        press(qtbot, KEY.Key_Tab)
    assert valid(INVENTORY, view) == wanted
    assert view.progress.text() == "All 10 rated."


def test_inventory_digits_home_end_and_arrows(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    row = view.rows[ITEMS[0].id]
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        press(qtbot, "3")
    assert row.score() == 3 and row.buttons[3].hasFocus()
    press(qtbot, KEY.Key_End)
    assert row.score() == 4
    press(qtbot, KEY.Key_Right)  # stays at the end
    assert row.score() == 4
    press(qtbot, KEY.Key_Left, KEY.Key_Left)
    assert row.score() == 2
    press(qtbot, KEY.Key_Home)
    assert row.score() == 0
    press(qtbot, "7")  # not on the scale: nothing changes
    assert row.score() == 0
    assert all(r.score() is None for r in list(view.rows.values())[1:])


def test_inventory_one_tab_stop_per_row(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    press(qtbot, "2", KEY.Key_Tab)
    assert QApplication.focusWidget() is view.rows[ITEMS[1].id].buttons[0]
    press(qtbot, KEY.Key_Backtab)
    assert QApplication.focusWidget() is view.rows[ITEMS[0].id].buttons[2]  # the chosen one


def test_inventory_partial_shows_progress_and_no_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    view.set_value({i.id: 1 for i in ITEMS[:7]})
    assert view.value() is None
    assert view.progress.text() == "7 of 10 rated"


def test_inventory_set_value_round_trips(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    stored = validate_answer(INVENTORY, {i.id: (n * 3) % 5 for n, i in enumerate(ITEMS)})
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    view.set_value(stored)
    assert view.value() == stored
    assert view.progress.text() == "All 10 rated."


def test_inventory_names_every_choice(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = InventoryView(INVENTORY, context)
    shown(qtbot, view)
    radios = view.findChildren(QRadioButton)
    assert len(radios) == len(ITEMS) * len(SCALE)
    assert view.rows["numb"].buttons[0].accessibleName() == "Numb: 0, not at all"
    assert view.rows["happy"].buttons[4].accessibleName() == "Happy: 4, very much"
    assert len({r.accessibleName() for r in radios}) == len(radios)
