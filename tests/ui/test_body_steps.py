"""The step views over the body map and the wheel, driven by keyboard alone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

from emotrainer.content import shipped_vocabulary
from emotrainer.core.flow_defs import BODY_SCAN, CANT_TELL, CHECKIN, Step
from emotrainer.core.flows import marks_answer, validate_answer
from emotrainer.core.models import BodyMark, Label
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.exercise.body_steps import (
    BodyMapView,
    CandidatesView,
    ScanRegionView,
    WheelView,
)
from emotrainer.ui.exercise.summary import SummaryView
from tests.helpers import make_entry

VOCAB = shipped_vocabulary()


def shown(qtbot, view: StepView) -> StepView:  # type: ignore[no-untyped-def]
    """Show a view as the page does: inside a host, so it pushes no size onto the window."""
    host = QWidget()
    layout = QVBoxLayout(host)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(view)
    qtbot.addWidget(host)
    host.resize(900, 640)
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host, timeout=2000)
    view.first_focus().setFocus(Qt.FocusReason.TabFocusReason)
    HOSTS.append(host)  # qtbot holds widgets weakly; the host must outlive the test body
    return view


HOSTS: list[QWidget] = []


@pytest.fixture(autouse=True)
def _let_hosts_go():  # type: ignore[no-untyped-def]
    yield
    HOSTS.clear()


def key(k: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClick(target, k)


def valid(step: Step, view: StepView) -> object:
    return validate_answer(step, view.value())


def test_body_map_marks_a_place_by_keyboard(qtbot) -> None:  # type: ignore[no-untyped-def]
    step = CHECKIN.step("body_map")
    view = shown(qtbot, BodyMapView(step, StepContext(VOCAB)))
    assert view.value() is None
    assert not view.panel.suggestions.isVisibleTo(view)  # words belong to a later step
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Return)  # the focused place (head) → the editor
        key(Qt.Key.Key_Space)  # Tight
        key(Qt.Key.Key_Return)  # save
    assert valid(step, view) == marks_answer([BodyMark("head", ("tight",), 0, 5)])
    again = shown(qtbot, BodyMapView(step, StepContext(VOCAB)))
    again.set_value(view.value())  # type: ignore[arg-type]
    assert again.value() == view.value()


def test_scan_region_marks_both_sides_and_enter_submits(qtbot) -> None:  # type: ignore[no-untyped-def]
    step = BODY_SCAN.step("scan_hands")
    earlier = (BodyMark("head", ("warm",), 0, 3),)
    view = shown(qtbot, ScanRegionView(step, StepContext(VOCAB, body_marks=earlier)))
    assert view.editor.title.text() == "Hands (all of it)"
    assert view.value() is None
    key(Qt.Key.Key_End)  # the last chip: Nothing / can't tell
    key(Qt.Key.Key_Space)
    with qtbot.waitSignal(view.submitted, timeout=1000) as sent:
        key(Qt.Key.Key_Return)
    expected = marks_answer(
        [
            BodyMark("hand_left", ("nothing",), 0, None),
            BodyMark("hand_right", ("nothing",), 0, None),
        ]
    )
    assert sent.args == [expected]
    assert valid(step, view) == expected
    # the map beside it shows the scan so far and this part
    assert {m.region for m in view.map.marks()} == {"head", "hand_left", "hand_right"}
    restored = shown(qtbot, ScanRegionView(step, StepContext(VOCAB)))
    restored.set_value(expected)  # type: ignore[arg-type]
    assert restored.value() == expected


def test_wheel_chooses_by_search_and_space(qtbot) -> None:  # type: ignore[no-untyped-def]
    step = CHECKIN.step("wheel")
    view = shown(qtbot, WheelView(step, StepContext(VOCAB)))
    assert isinstance(view, WheelView)
    qtbot.keyClicks(view.panel.search, "discouraged")
    key(Qt.Key.Key_Return)  # the best match, shown in the wheel with focus
    with qtbot.waitSignal(view.answer_changed, timeout=1000):
        key(Qt.Key.Key_Space)
    assert valid(step, view) == [["discouraged", None]]
    view.panel.set_intensity("discouraged", 7)
    restored = shown(qtbot, WheelView(step, StepContext(VOCAB)))
    restored.set_value(view.value())  # type: ignore[arg-type]
    assert restored.value() == [["discouraged", 7]]


def test_i_dont_know_submits_cant_tell(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot, WheelView(CHECKIN.step("wheel"), StepContext(VOCAB)))
    assert isinstance(view, WheelView)
    view.panel.unsure_button.setFocus()
    with qtbot.waitSignal(view.submitted, timeout=1000) as sent:
        key(Qt.Key.Key_Space)
    assert sent.args == [CANT_TELL]


def test_candidates_come_from_the_body_and_allow_three(qtbot) -> None:  # type: ignore[no-untyped-def]
    step = CHECKIN.step("candidates")
    marks = (BodyMark("chest", ("heavy",), -1, 7), BodyMark("throat", ("tight",), 0, 5))
    view = shown(qtbot, CandidatesView(step, StepContext(VOCAB, body_marks=marks)))
    assert isinstance(view, CandidatesView)
    assert len(view.rows) >= 4
    assert view.value() is None  # no word is a valid way on, too
    first = view.rows[0].word_id
    key(Qt.Key.Key_Space)  # the first suggestion
    key(Qt.Key.Key_Tab)  # its strength
    key(Qt.Key.Key_Up, 4)  # from "left open" to 3
    assert valid(step, view) == [[first, 3]]
    for row in view.rows[1:4]:
        row.check.setFocus()
        key(Qt.Key.Key_Space)
    assert len(view.value()) == 3  # type: ignore[arg-type]
    assert not view.rows[3].check.isChecked()
    assert "Up to three" in view.note.text()


def test_candidates_without_marks_say_so_kindly(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = shown(qtbot, CandidatesView(CHECKIN.step("candidates"), StepContext(VOCAB)))
    assert isinstance(view, CandidatesView)
    assert view.rows == []
    texts = " ".join(w.text() for w in view.findChildren(QWidget) if hasattr(w, "text"))
    assert "go on without a word" in texts


@pytest.mark.parametrize("first_time", [True, False])
def test_summary_shows_definitions_and_new_words(qtbot, first_time: bool) -> None:  # type: ignore[no-untyped-def]
    entry = make_entry(labels=(Label("discouraged", 6),))
    used = frozenset() if first_time else frozenset({"discouraged"})
    view = shown(
        qtbot,
        SummaryView(CHECKIN.step("summary"), StepContext(VOCAB, used_before=used, preview=entry)),
    )
    texts = [w.text() for w in view.findChildren(QWidget) if hasattr(w, "text")]
    assert "Discouraged · 6 / 10" in texts
    assert VOCAB.get("discouraged").definition in texts
    assert ("new for you" in texts) is first_time
