"""Unpack a feeling: the contrast step view, driven by keyboard as a person would."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from emotrainer.content import shipped_vocabulary
from emotrainer.core.contrast import ContrastWalk
from emotrainer.core.flow_defs import FLOWS
from emotrainer.core.flows import validate_answer
from emotrainer.core.vocabulary import Level, Vocabulary, user_word
from emotrainer.ui.exercise.base import StepContext
from emotrainer.ui.exercise.contrast_step import ContrastView

VOCAB = shipped_vocabulary()
STEP = FLOWS["unpack"].step("contrast")
HOSTS: list[QWidget] = []
ODD = "Sad & <b>blue</b>"


@pytest.fixture(autouse=True)
def _let_hosts_go():  # type: ignore[no-untyped-def]
    yield
    HOSTS.clear()


def shown(qtbot, vocabulary: Vocabulary = VOCAB, width: int = 760) -> ContrastView:  # type: ignore[no-untyped-def]
    """The view inside a host window, active, with focus where the page would put it."""
    view = ContrastView(STEP, StepContext(vocabulary))
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(view)
    qtbot.addWidget(host)
    host.resize(width, 900)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=2000)
    view.first_focus().setFocus(Qt.FocusReason.TabFocusReason)
    HOSTS.append(host)  # qtbot holds widgets weakly; the host must outlive the test body
    return view


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(k: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(focused(), k)


def tab_to(widget: QWidget, limit: int = 40) -> None:
    """Press Tab until ``widget`` has focus: it must be reachable by keyboard."""
    for _ in range(limit):
        if focused() is widget:
            return
        key(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()!r}")


def _odd_vocabulary() -> Vocabulary:
    """Sadness renamed to contain '&' and '<b>', plus a user's word like it."""
    words = [replace(w, label=ODD) if w.id == "sadness" else w for w in VOCAB]
    base = Vocabulary(words)
    own = user_word("user_odd", "Me & <i>mine</i>", "Mine <b>only</b> & nobody's.", "sadness", base)
    return base.with_user_words([own])


# -- walking by keyboard ------------------------------------------------------------


def test_a_keyboard_only_walk_reaches_a_specific_word(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    assert view.value() is None  # nothing chosen yet
    assert focused() is view.search
    sadness = next(b for b in view.family_buttons if b.word and b.word.id == "sadness")
    tab_to(sadness)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Return)
    assert view.walk is not None and view.walk.path == ("sadness",)
    assert focused() is view.options[0]

    expected: list[str] = ["sadness"]
    presses = [Qt.Key.Key_2, Qt.Key.Key_1, "right-enter", Qt.Key.Key_1, "tab-enter"]
    while view.walk.question is not None:
        assert view.walk is not None
        question = view.walk.question
        assert view.options[0].title.text() == question.options[0].label
        press = presses.pop(0) if presses else Qt.Key.Key_1
        index = 1 if press in (Qt.Key.Key_2, "right-enter", "tab-enter") else 0
        if len(question.options) == 1:
            index = 0
        chosen = question.options[index].id
        depth = len(view.walk.path)
        with qtbot.waitSignal(view.answer_changed, timeout=1000):
            if press == "right-enter":
                key(Qt.Key.Key_Right)
                assert focused() is view.options[1]
                key(Qt.Key.Key_Return)
            elif press == "tab-enter":
                tab_to(view.options[1])
                key(Qt.Key.Key_Enter)
            else:
                key(press)  # type: ignore[arg-type]
        if len(view.walk.path) > depth:  # the closer word: one level down
            assert view.walk.path[-1] == chosen
            expected.append(chosen)
        else:  # it meets the next close word
            assert view.walk.held == chosen

    assert view.walk.reached and view.walk.path == tuple(expected)
    assert [w.level for w in view.walk.words] == [Level.FAMILY, Level.GROUP, Level.SPECIFIC]
    word = view.walk.current
    assert view.end_word.isVisibleTo(view) and word.label in view.end_word.text()
    assert view.end_definition.text() == word.definition
    assert not view.options[0].isVisibleTo(view)
    assert view.breadcrumb.text().endswith(" › ".join(w.label for w in view.walk.words))

    # The intensity is separate and optional: left open first, then set by keys.
    assert validate_answer(STEP, view.value()) == {"path": expected, "intensity": None}
    assert focused() is view.intensity
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Up, 8)  # "–" → 0 → … → 7
    assert validate_answer(STEP, view.value()) == {"path": expected, "intensity": 7}


def test_keys_1_and_2_choose_the_left_and_right_word(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("anger")
    first, second = (w.id for w in VOCAB.children("anger")[:2])
    key(Qt.Key.Key_2)
    assert view.walk is not None and view.walk.held == second
    view.back()
    key(Qt.Key.Key_1)
    assert view.walk.held == first
    key(Qt.Key.Key_Left)
    assert focused() is view.options[0]
    key(Qt.Key.Key_Right)
    assert focused() is view.options[1]


def test_typing_a_broad_word_starts_there(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.search.setText("  DOWN ")  # as typed (keyClicks would open the completer's popup)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        QTest.keyClick(view.search, Qt.Key.Key_Return)
    assert view.walk is not None and view.walk.path == ("down",)
    assert view.question.text() == (
        f"More like “{view.options[0].title.text()}” or more like “{view.options[1].title.text()}”?"
    )


def test_the_completer_offers_the_broad_words_and_starts_from_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    model = view.completer.model()
    names = {model.index(i, 0).data() for i in range(model.rowCount())}
    assert {"Sadness", "Down", "Annoyed"} <= names
    assert "Sad" not in names  # specific words are where a walk ends, not where it starts
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        view.completer.activated.emit("Annoyed")
    assert view.walk is not None and view.walk.path == ("annoyed",)


@pytest.mark.parametrize(
    ("typed", "note"),
    [
        ("upset", "“upset” isn't one of the broad words here"),
        ("discouraged", "“Discouraged” is already a specific word"),
        ("   ", "Type a broad word"),
    ],
)
def test_a_word_that_is_no_starting_point_gets_a_calm_note(qtbot, typed: str, note: str) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.search.setText(typed)
    QTest.keyClick(view.search, Qt.Key.Key_Return)
    assert view.walk is None and view.value() is None
    assert view.start_note.isVisibleTo(view)
    assert note in view.start_note.text()


# -- stopping and going back --------------------------------------------------------------


def test_stop_at_the_family_level(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("anger")
    assert view.stop_button.text() == "Stop here — “Anger” fits"
    tab_to(view.stop_button)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Return)
    assert view.walk is not None and view.walk.stopped
    assert validate_answer(STEP, view.value()) == {"path": ["anger"], "intensity": None}
    assert "“Anger”" in view.end_word.text()
    assert "broad word is a real answer" in view.end_note.text()


def test_stop_at_a_group_mid_knockout(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("fear")
    while view.walk is not None and len(view.walk.path) == 1:
        key(Qt.Key.Key_1)
    key(Qt.Key.Key_2)  # one choice into the group's own knockout
    group = view.walk.path[-1]
    assert view.walk.held is not None
    view.stop()
    view.intensity.setValue(3)
    assert validate_answer(STEP, view.value()) == {"path": ["fear", group], "intensity": 3}


def test_the_path_so_far_is_the_answer_even_before_stopping(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("joy")
    view.intensity.setValue(5)  # set earlier, on another word: not shown, not sent
    assert validate_answer(STEP, view.value()) == {"path": ["joy"], "intensity": None}


def test_neither_then_resting_offers_stop_and_back(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("calm")
    while view.walk is not None and view.walk.question is not None:
        tab_to(view.neither_button)
        with qtbot.waitSignal(view.answer_changed, timeout=1000):
            key(Qt.Key.Key_Return)
    assert view.walk is not None and view.walk.exhausted
    assert "that's all right" in view.question.text()
    assert not view.neither_button.isVisibleTo(view)
    assert not view.options[0].isVisibleTo(view)
    assert focused() is view.stop_button
    key(Qt.Key.Key_Return)
    assert validate_answer(STEP, view.value()) == {"path": ["calm"], "intensity": None}


def test_back_undoes_one_choice_at_a_time_then_returns_to_the_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.start("shame")
    seen = []
    for _ in range(3):
        assert view.walk is not None
        seen.append((view.walk, view.question.text()))
        key(Qt.Key.Key_2)
    for walk, text in reversed(seen):
        tab_to(view.back_button if view.back_button.isVisible() else view.end_back)
        with qtbot.waitSignal(view.answer_changed, timeout=1000):
            key(Qt.Key.Key_Return)
        assert view.walk == walk
        assert view.question.text() == text
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        view.back_button.click()
    assert view.walk is None and view.value() is None
    assert view.search.isVisibleTo(view) and not view.breadcrumb.isVisibleTo(view)
    assert focused() is view.search


def test_start_from_another_word_clears_the_walk_and_the_intensity(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.set_value({"path": ["joy"], "intensity": 6})
    tab_to(view.end_restart)
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Return)
    assert view.walk is None and view.value() is None and view.intensity.value() == -1
    assert view.family_buttons[0].isVisibleTo(view) and not view.end_card.isVisibleTo(view)
    assert focused() is view.search
    view.start("love")
    view.stop()
    assert view.value() == {"path": ["love"], "intensity": None}


# -- storing and restoring ------------------------------------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        {"path": ["sadness"], "intensity": None},
        {"path": ["sadness", "down"], "intensity": 2},
        {"path": ["sadness", "down", "sad"], "intensity": 9},
        {"path": ["down", "sad"], "intensity": 0},
    ],
)
def test_set_value_round_trips(qtbot, stored: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.set_value(stored)  # type: ignore[arg-type]
    assert view.value() == stored
    assert view.walk == ContrastWalk.from_path(VOCAB, stored["path"])  # type: ignore[arg-type]
    assert view.end_word.isVisibleTo(view)
    assert view.first_focus() is view.intensity
    path = stored["path"]
    assert isinstance(path, list)
    labels = [VOCAB.get(i).label for i in path]
    assert view.breadcrumb.text() == "The way so far: " + " › ".join(labels)


def test_a_restored_broad_word_can_be_unpacked_further(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.set_value({"path": ["sadness", "down"], "intensity": None})
    view.back()  # un-stop: the questions under "Down"
    assert view.walk is not None and not view.walk.done
    assert view.options[0].word == VOCAB.children("down")[0]
    view.back()
    view.back()
    assert view.walk is None


def test_set_value_keeps_the_part_of_a_stale_path_that_still_fits(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    view.set_value({"path": ["sadness", "user_gone"], "intensity": 4})  # a removed own word
    assert view.value() == {"path": ["sadness"], "intensity": 4}
    other = shown(qtbot)
    other.set_value({"path": ["nothing_here"], "intensity": True})
    assert other.walk is None and other.value() is None and other.intensity.value() == -1


# -- accessibility and data shown as data -------------------------------------------------------


def _controls(view: ContrastView) -> list[QWidget]:
    """The visible controls, leaving out the parts Qt builds inside a line edit or spin box."""
    kinds = (QAbstractButton, QLineEdit, QSpinBox)
    return [
        w
        for w in view.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(view)
        and not isinstance(w.parentWidget(), QLineEdit | QSpinBox)
    ]


def test_every_control_has_an_accessible_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot)
    faces = []
    faces.append(_controls(view))
    view.start("detachment")
    faces.append(_controls(view))
    first, second = view.walk.question.options  # type: ignore[union-attr]
    assert view.options[0].accessibleName() == f"More like {first.label}: {first.definition}"
    assert view.options[1].accessibleName() == f"More like {second.label}: {second.definition}"
    assert view.stop_button.accessibleName() == "Stop here: Detachment fits"
    assert view.breadcrumb.accessibleName() == "The way so far: Detachment"
    key(Qt.Key.Key_1)
    while view.walk is not None and view.walk.question is not None:
        key(Qt.Key.Key_1)
    faces.append(_controls(view))
    word = view.walk.current  # type: ignore[union-attr]
    assert view.intensity.accessibleName() == f"How strong is “{word.label}”, from 0 to 10"
    assert len(faces[0]) >= len(VOCAB.families) + 2
    for face in faces:
        for control in face:
            assert control.accessibleName().strip(), control
    family_names = {b.accessibleName() for b in view.family_buttons}
    sadness = VOCAB.get("sadness")
    assert f"Start from Sadness: {sadness.definition}" in family_names


def test_odd_characters_in_words_are_shown_literally(qtbot) -> None:  # type: ignore[no-untyped-def]
    vocabulary = _odd_vocabulary()
    view = shown(qtbot, vocabulary)
    family = next(b for b in view.family_buttons if b.word and b.word.id == "sadness")
    assert family.title.text() == ODD
    assert family.title.textFormat() == Qt.TextFormat.PlainText
    view.start("sadness")
    assert view.stop_button.text() == "Stop here — “Sad && <b>blue</b>” fits"  # no shortcut
    assert view.breadcrumb.text() == f"The way so far: {ODD}"
    groups = [w.id for w in vocabulary.children("sadness") if not w.is_user]
    for group in groups[1:]:
        view.choose(group)
    own = vocabulary.get("user_odd")
    assert view.options[1].word == own
    assert view.options[1].title.text() == "Me & <i>mine</i>"
    assert view.options[1].definition.text() == "Mine <b>only</b> & nobody's."
    assert "“Me & <i>mine</i>”" in view.question.text()
    assert view.options[1].accessibleName() == f"More like {own.label}: {own.definition}"
    key(Qt.Key.Key_2)
    assert view.value() == {"path": ["sadness", "user_odd"], "intensity": None}
    assert view.end_word.text() == "“Me & <i>mine</i>”"
    for label in view.findChildren(QLabel):
        if label.text() and ("<" in label.text() or "&" in label.text()):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_the_family_grid_follows_the_width(qtbot) -> None:  # type: ignore[no-untyped-def]
    wide = shown(qtbot, width=760)
    narrow = shown(qtbot, width=440)
    qtbot.waitUntil(lambda: wide._columns == 2 and narrow._columns == 1, timeout=2000)
    # Whatever the columns, Tab goes through the families in reading order.
    order = []
    narrow.search.setFocus()
    for _ in range(len(narrow.family_buttons) + 2):
        key(Qt.Key.Key_Tab)
        if isinstance(focused(), type(narrow.family_buttons[0])):
            order.append(focused())
    assert order == narrow.family_buttons


def test_the_family_grid_fits_a_large_window_without_a_scrollbar(window, qtbot):  # type: ignore[no-untyped-def]
    """Three columns at 1200 px: the page asks the scroll area again once they are placed.

    It once kept the height of the one-column grid it started with, so a large
    window showed a scrollbar over empty space until something else moved.
    """
    from PySide6.QtWidgets import QApplication, QScrollArea

    window.resize(1200, 800)
    page = window.start_exercise("unpack")
    QApplication.processEvents()
    holder = next(a for a in page.findChildren(QScrollArea) if a.isVisible())
    assert holder.verticalScrollBar().maximum() == 0
    assert holder.widget().height() == holder.viewport().height()
