"""The grounding pause's steps: the 5-4-3-2-1 senses and the breathing guide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLayout, QVBoxLayout, QWidget

from emotrainer.content import shipped_vocabulary
from emotrainer.core import breathing
from emotrainer.core.flow_defs import FLOWS
from emotrainer.ui import theme
from emotrainer.ui.exercise.base import StepContext
from emotrainer.ui.exercise.grounding import FRAME_MS, BreathingGuide, BreathingView, SenseView

GROUNDING = FLOWS["grounding"]
BREATHE = GROUNDING.step("breathe")
SENSES = [("see", 5), ("touch", 4), ("hear", 3), ("smell", 2), ("taste", 1)]


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def context() -> StepContext:
    return StepContext(vocabulary=shipped_vocabulary())


@pytest.fixture
def still() -> StepContext:
    return StepContext(vocabulary=shipped_vocabulary(), reduced_motion=True)


_windows: list[QWidget] = []


@pytest.fixture(autouse=True)
def _close_windows():  # type: ignore[no-untyped-def]
    yield
    _windows.clear()


def shown(qtbot, widget: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    window = QWidget()
    layout = QVBoxLayout(window)
    # Keep the window's size free: the offscreen platform warns when a layout
    # passes a minimum size on to a window, and Qt warnings fail tests.
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    layout.addWidget(widget)
    _windows.append(window)
    qtbot.addWidget(window)
    window.resize(500, 420)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def active_timers(widget: QWidget) -> list[QTimer]:
    return [t for t in widget.findChildren(QTimer) if t.isActive()]


def test_every_grounding_step_is_covered() -> None:
    kinds = {(s.id, s.kind) for s in GROUNDING.steps}
    assert kinds == {(sense, "grounding") for sense, _ in SENSES} | {("breathe", "breathing")}


# -- 5-4-3-2-1 -------------------------------------------------------------------------


@pytest.mark.parametrize(("sense", "count"), SENSES)
def test_sense_shows_the_count_and_takes_no_answer(qtbot, context, sense, count) -> None:  # type: ignore[no-untyped-def]
    view = SenseView(GROUNDING.step(sense), context)
    shown(qtbot, view)
    assert view.figure.text() == str(count)
    assert view.figure.isVisible()
    assert view.caption.text().startswith("thing")
    assert view.caption.text().endswith(sense if sense != "touch" else "feel")
    assert len(view.boxes) == count
    assert [b.text() for b in view.boxes] == [str(n) for n in range(1, count + 1)]
    assert view.boxes[-1].accessibleName() == f"Noticed thing {count} of {count}"
    assert view.value() is None
    assert view.first_focus() is view.boxes[0]


def test_sense_boxes_ticked_by_keyboard_are_optional_and_never_an_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = SenseView(GROUNDING.step("hear"), context)
    shown(qtbot, view)
    view.first_focus().setFocus()
    qtbot.waitUntil(view.boxes[0].hasFocus)
    with qtbot.assertNotEmitted(view.answer_changed):
        for n in range(3):
            focus = QApplication.focusWidget()
            assert focus is view.boxes[n]
            if n:
                assert view.settle.text() == ""  # nothing said while counting
            qtbot.keyClick(focus, Qt.Key.Key_Space)
            qtbot.keyClick(focus, Qt.Key.Key_Tab)
    assert all(b.isChecked() for b in view.boxes)
    assert view.value() is None
    assert "whenever you're ready" in view.settle.text()  # warm, never a score
    view.boxes[1].setChecked(False)
    assert view.settle.text() == ""


def test_sense_copy_has_no_grading(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = SenseView(GROUNDING.step("see"), context)
    shown(qtbot, view)
    for box in view.boxes:
        box.setChecked(True)
    words = " ".join(w.text() for w in view.findChildren(QWidget) if hasattr(w, "text"))
    for graded in ("score", "well done", "correct", "wrong", "missed", "%"):
        assert graded not in words.lower()


# -- breathing ---------------------------------------------------------------------------


def test_breathing_view_animates_and_takes_no_answer(qtbot, context) -> None:  # type: ignore[no-untyped-def]
    view = BreathingView(BREATHE, context)
    shown(qtbot, view)
    assert view.value() is None
    assert view.guide.running
    assert view.guide.timer.interval() == FRAME_MS
    assert view.first_focus() is view.guide
    view.stop()
    assert not view.guide.running
    assert active_timers(view) == []


def test_guide_follows_the_clock_not_the_frames(qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    guide = BreathingGuide(clock=clock)
    shown(qtbot, guide)
    assert guide.running
    start = clock.now
    frames = 0

    def count() -> None:
        nonlocal frames
        frames += 1

    guide.timer.timeout.connect(count)
    clock.now = start + 7.0  # 3 s into the out-breath, however few frames were drawn
    qtbot.waitUntil(lambda: frames >= 2)
    assert guide.phase.name == breathing.OUT
    assert guide.phase.fraction == pytest.approx(0.5)
    assert guide.phase.scale == pytest.approx(0.5)
    clock.now = start + 11.0
    qtbot.waitUntil(lambda: guide.phase.name == breathing.IN)
    assert guide.phase == breathing.phase_at(11.0)
    guide.stop()


def test_guide_stops_when_hidden_and_runs_again_when_shown(qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    guide = BreathingGuide(clock=clock)
    window = shown(qtbot, guide)
    assert guide.running
    window.hide()
    assert not guide.running
    clock.now += 30.0
    window.show()
    qtbot.waitExposed(window)
    assert guide.running
    assert guide.phase == breathing.phase_at(0.0)  # starts again with an in-breath
    guide.stop()


def test_guide_stop_holds_even_when_shown_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    guide = BreathingGuide()
    window = shown(qtbot, guide)
    guide.stop()
    assert not guide.running
    window.hide()
    window.show()
    qtbot.waitExposed(window)
    assert not guide.running
    guide.start()
    assert guide.running
    guide.stop()


def test_reduced_motion_runs_no_timer_at_all(qtbot, still) -> None:  # type: ignore[no-untyped-def]
    view = BreathingView(BREATHE, still)
    window = shown(qtbot, view)
    first = view.guide.grab().toImage()
    qtbot.wait(3 * FRAME_MS)
    assert not view.guide.running
    assert active_timers(window) == []
    view.guide.start()  # even asked to: nothing moves
    window.hide()
    window.show()
    assert active_timers(window) == []
    assert view.guide.grab().toImage() == first  # a still drawing
    assert "count of four" in view.words.text() and "count of six" in view.words.text()


def test_guide_names_the_pattern(qtbot, context, still) -> None:  # type: ignore[no-untyped-def]
    for ctx in (context, still):
        view = BreathingView(BREATHE, ctx)
        shown(qtbot, view)
        name = view.guide.accessibleName()
        assert "in for 4 seconds" in name and "out for 6 seconds" in name
        assert view.guide.accessibleDescription()
        assert view.guide.focusPolicy() & Qt.FocusPolicy.TabFocus  # reachable by Tab
        view.stop()


def _ink(image: QImage, colour: QColor) -> int:
    """How many pixels of a sampled grid are close to ``colour``."""
    hits = 0
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < 24
            ):
                hits += 1
    return hits


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_circle_is_larger_on_the_in_breath_in_both_themes(qtbot, name) -> None:  # type: ignore[no-untyped-def]
    guide = BreathingGuide(clock=FakeClock())
    window = shown(qtbot, guide)
    window.setPalette(theme.palette_for(name))  # this window only: no global state
    guide.stop()  # draw chosen moments by hand
    window.resize(300, 300)
    background = guide.palette().color(QPalette.ColorRole.Window)
    assert background == QColor(theme.palette_for(name).color(QPalette.ColorRole.Window))

    def drawn(seconds: float) -> QImage:
        guide.phase = breathing.phase_at(seconds)
        return guide.grab().toImage()

    empty, full = drawn(0.0), drawn(breathing.INHALE_S)  # start and top of the in-breath
    # The circle covers the window colour: far less of it shows at a full breath.
    assert _ink(full, background) < _ink(empty, background) * 0.8
    assert drawn(breathing.CYCLE_S) == empty  # the same moment of the next breath
    assert drawn(1.0) != drawn(2.0)  # it moves between frames
