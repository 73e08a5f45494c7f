"""Every exercise, completed by keyboard alone in the main window, and what it stored.

The keys go to whatever has focus, as a person's would: the step's own
controls, then Ctrl+Enter for Next (or Alt+K to skip). Mouse clicks are never
used. After the last step the entry is in the store, the draft is gone, and
Today shows the entry.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from emotrainer.core.flow_defs import CANT_TELL
from emotrainer.core.inventory import ITEMS
from emotrainer.core.models import EntryKind, Label, Tag, TagKind, WordsState
from emotrainer.ui.exercise.page import ExercisePage

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def active(window, qtbot):  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    return window


def key(
    k: Qt.Key, times: int = 1, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for _ in range(times):
        target = QApplication.focusWidget()
        assert target is not None, "nothing has keyboard focus"
        QTest.keyClick(target, k, modifier)


def type_text(text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClicks(target, text)


def next_step() -> None:
    key(Qt.Key.Key_Return, modifier=CTRL)


def skip_step() -> None:
    key(Qt.Key.Key_K, modifier=ALT)


def at(page: ExercisePage, step_id: str) -> None:
    assert not page.paused
    assert page.state.current.id == step_id, page.state.current.id


def start_from_today(window, qtbot, flow_id: str) -> ExercisePage:  # type: ignore[no-untyped-def]
    """Tab from the page list to the exercise's button on Today and press Space."""
    window.nav.setFocus()
    today = window.page("today")
    button = today.exercise_buttons[flow_id]
    for _ in range(60):
        if button.hasFocus():
            break
        key(Qt.Key.Key_Tab)
    assert button.hasFocus(), f"Tab never reached {flow_id}"
    key(Qt.Key.Key_Space)
    page = window.exercise
    assert isinstance(page, ExercisePage) and page.flow.id == flow_id
    assert window.current_page == "exercise"
    return page


def finish(window, store, page: ExercisePage):  # type: ignore[no-untyped-def]
    """Next on the summary saves; the window goes back to Today, which shows the entry."""
    next_step()
    assert page.saved_entry is not None
    assert window.exercise is None and window.current_page == "today"
    assert store.drafts() == []
    saved = store.entry(page.saved_entry.uuid)
    assert saved == page.saved_entry
    assert window.page("today").entries.count() >= 1
    return saved


def test_checkin_by_keyboard_alone(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "checkin")
    at(page, "presence")
    assert not page.runner.next_button.isEnabled()  # any number, but one is needed
    key(Qt.Key.Key_Right, 2)  # 6, 7
    next_step()
    at(page, "body_map")
    key(Qt.Key.Key_Return)  # the focused place: head
    key(Qt.Key.Key_Space)  # Tight
    key(Qt.Key.Key_Return)  # save the mark
    next_step()
    at(page, "wheel")
    type_text("discouraged")
    key(Qt.Key.Key_Return)  # the best match, focused in the wheel
    key(Qt.Key.Key_Space)  # chosen
    next_step()
    at(page, "context")
    type_text("work")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Tab)
    next_step()
    at(page, "note")
    type_text("A long day.")
    next_step()
    at(page, "summary")
    entry = finish(active, store, page)
    assert entry.kind is EntryKind.CHECKIN
    assert entry.presence == 7
    assert entry.labels == (Label("discouraged", None),)
    assert [m.region for m in entry.marks] == ["head"]
    assert entry.tags == (Tag(TagKind.SITUATION, "work"),)
    assert entry.note == "A long day."
    assert entry.words_state is WordsState.NAMED


def test_body_first_path_can_end_without_words(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "checkin")
    key(Qt.Key.Key_Home)  # presence 0: far away is an answer
    next_step()
    skip_step()  # the body map is optional
    at(page, "wheel")
    page.runner.view.panel.unsure_button.setFocus()  # type: ignore[union-attr]
    key(Qt.Key.Key_Space)  # "I don't know what I feel"
    at(page, "body_first")
    assert page.state.answers["wheel"] == CANT_TELL
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_End)  # the last sensation: Nothing / can't tell
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)
    next_step()
    at(page, "candidates")
    next_step()  # no word: a valid way on
    at(page, "context")
    skip_step()
    skip_step()  # the note
    at(page, "summary")
    entry = finish(active, store, page)
    assert entry.presence == 0
    assert entry.labels == ()
    assert entry.words_state is WordsState.CANT_TELL
    assert [(m.region, m.sensations) for m in entry.marks] == [("head", ("nothing",))]


def test_body_first_candidates_become_the_words(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "checkin")
    key(Qt.Key.Key_Right)
    next_step()
    skip_step()
    page.runner.view.panel.unsure_button.setFocus()  # type: ignore[union-attr]
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_Return)  # head
    key(Qt.Key.Key_Space)  # tight
    key(Qt.Key.Key_Return)
    next_step()
    at(page, "candidates")
    first = page.runner.view.rows[0].word_id  # type: ignore[union-attr]
    key(Qt.Key.Key_Space)
    next_step()
    skip_step()
    skip_step()
    entry = finish(active, store, page)
    assert entry.labels == (Label(first, None),)
    assert entry.words_state is WordsState.NAMED


def test_body_scan_by_keyboard_alone(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "body_scan")
    at(page, "scan_head")
    key(Qt.Key.Key_Space)  # Tight
    key(Qt.Key.Key_Return)  # Enter goes on
    at(page, "scan_face")
    key(Qt.Key.Key_End)
    key(Qt.Key.Key_Space)  # nothing
    key(Qt.Key.Key_Return)
    while page.state.current.id != "summary":
        skip_step()  # the rest at one's own pace: skipping is fine
    entry = finish(active, store, page)
    assert entry.kind is EntryKind.BODY_SCAN
    assert [(m.region, m.sensations) for m in entry.marks] == [
        ("head", ("tight",)),
        ("face", ("nothing",)),
    ]
    assert entry.words_state is WordsState.NOT_ASKED


def test_unpack_by_keyboard_alone(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "unpack")
    view = page.runner.view
    sadness = view.family_buttons[4]  # type: ignore[union-attr]
    for _ in range(12):  # Tab from the search field to "Sadness"
        if sadness.hasFocus():
            break
        key(Qt.Key.Key_Tab)
    assert sadness.hasFocus()
    key(Qt.Key.Key_Space)
    while not view.walk.done:  # type: ignore[union-attr]
        key(Qt.Key.Key_1)  # the left word, each time
    path = list(view.walk.path)  # type: ignore[union-attr]
    next_step()
    skip_step()  # body map
    skip_step()  # note
    at(page, "summary")
    entry = finish(active, store, page)
    assert entry.kind is EntryKind.UNPACK
    assert entry.labels == (Label(path[-1], None),)
    assert path[0] == "sadness" and len(path) == 3


def test_grounding_by_keyboard_alone(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "grounding")
    assert not page.pause_button.isVisible()  # it is the pause
    for sense in ("see", "touch", "hear", "smell", "taste"):
        at(page, sense)
        next_step()
    at(page, "breathe")
    entry = finish(active, store, page)
    assert entry.kind is EntryKind.GROUNDING
    assert entry.words_state is WordsState.NOT_ASKED


def test_inventory_by_keyboard_alone(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "inventory")
    for n, _item in enumerate(ITEMS):
        key(getattr(Qt.Key, f"Key_{n % 5}"))
        if n < len(ITEMS) - 1:
            key(Qt.Key.Key_Tab)
    next_step()
    at(page, "summary")
    entry = finish(active, store, page)
    assert dict(entry.ratings) == {item.id: n % 5 for n, item in enumerate(ITEMS)}


def test_session_before_and_after_are_paired(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "session_before")
    key(Qt.Key.Key_Left)  # presence 4
    next_step()
    type_text("uneasy")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Space)
    next_step()
    skip_step()
    before = finish(active, store, page)
    assert before.kind is EntryKind.SESSION_BEFORE and before.presence == 4

    page = start_from_today(active, qtbot, "session_after")
    assert page.paired == before
    key(Qt.Key.Key_Right)  # presence 6
    next_step()
    type_text("relieved")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Space)
    next_step()
    skip_step()
    at(page, "summary")
    texts = " ".join(w.text() for w in page.runner.view.findChildren(QWidget) if hasattr(w, "text"))  # type: ignore[union-attr]
    assert "Before the session" in texts and "Uneasy" in texts and "Relieved" in texts
    after = finish(active, store, page)
    assert after.pair_uuid == before.uuid


def test_pause_from_any_step_and_back_where_it_was(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "checkin")
    key(Qt.Key.Key_Right)
    next_step()
    at(page, "body_map")
    key(Qt.Key.Key_G, modifier=CTRL)  # the window's Pause shortcut
    assert page.paused
    assert page.pause_runner is not None and page.pause_runner.state.current.id == "see"
    assert page.crisis_note.isVisibleTo(page)
    next_step()  # a step of grounding, then straight back
    key(Qt.Key.Key_R, modifier=ALT)
    at(page, "body_map")
    assert page.state.answers["presence"] == 6
    assert page.state.pauses == 1
    assert store.drafts()[0].answers["$pauses"] == 1  # counted as a pause, nothing else
    skip_step()
    type_text("weary")
    key(Qt.Key.Key_Return)
    key(Qt.Key.Key_Space)
    next_step()
    skip_step()
    skip_step()
    entry = finish(active, store, page)
    assert entry.pauses == 1


def test_leaving_keeps_a_draft_that_today_offers(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "checkin")
    key(Qt.Key.Key_Right, 3)
    next_step()
    page.later_button.setFocus()
    key(Qt.Key.Key_Space)
    assert active.exercise is None and active.current_page == "today"
    today = active.page("today")
    assert list(today.draft_rows) == ["checkin"]
    assert today.drafts_card.isVisibleTo(today)
    go_on, _let_go = today.draft_rows["checkin"]
    go_on.setFocus()
    key(Qt.Key.Key_Space)
    page = active.exercise
    assert page is not None
    at(page, "body_map")
    assert page.state.answers["presence"] == 8


def test_body_scan_timer_moves_on_and_waits_while_answering(active, qtbot, store):  # type: ignore[no-untyped-def]
    page = start_from_today(active, qtbot, "body_scan")
    pace = page.runner.pace
    assert pace is not None and pace.isVisibleTo(page) and not pace.running  # off by default
    pace.toggle.setFocus()
    key(Qt.Key.Key_Space)  # turn it on
    assert pace.running and store.setting("body_scan.pace_s") == 30
    assert pace.left.text().startswith("next part in")
    pace._deadline = 0.0  # as if the 30 seconds had passed
    pace._check()
    at(page, "scan_face")  # nothing noticed in the head: skipped, which is fine
    assert "scan_head" not in page.state.answers and pace.running
    page.runner.view.first_focus().setFocus()  # type: ignore[union-attr]
    key(Qt.Key.Key_Space)  # noticing something restarts this part's time
    assert pace._deadline is not None and pace._deadline > 0.0
    key(Qt.Key.Key_G, modifier=CTRL)  # a pause halts the timer
    assert page.paused and not pace.running
    key(Qt.Key.Key_R, modifier=ALT)
    assert pace.running
    pace._deadline = 0.0
    pace._check()
    at(page, "scan_eyes")  # with an answer it went on as Next does
    assert page.state.answers["scan_face"][0]["region"] == "face"
