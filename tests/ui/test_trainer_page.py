"""The word trainer page: a whole session by keyboard alone, ending early, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from emotrainer.core.srs import Grade
from emotrainer.core.training import DAILY_NEW_KEY, FOCUS_KEY, SESSION_SIZE_KEY

DIGITS = [getattr(Qt.Key, f"Key_{n}") for n in range(10)]


def open_trainer(window, qtbot):  # type: ignore[no-untyped-def]
    window.nav.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "trainer"
    page = window.page("trainer")
    page.seed = 5
    page._fuzz = False
    return page


def tab_to(widget, qtbot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(40):
        if widget.hasFocus():
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.accessibleName()!r}")


def key(qtbot, k) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(QApplication.focusWidget(), k)


def test_a_session_completed_by_keyboard_alone_stores_its_reviews(window, qtbot, store):
    store.set_setting(DAILY_NEW_KEY, 4)
    page = open_trainer(window, qtbot)
    page.refresh()
    assert page.plan_line.text() == "4 new words to meet. About 2 min."
    tab_to(page.start_button, qtbot)
    key(qtbot, Qt.Key.Key_Space)
    assert page.stack.currentWidget() is page.card_view
    answered = []
    for n in range(4):
        practice = page.practice
        q = practice.current
        assert page.card_view.progress.text() == f"Card {n + 1} of 4"
        right = next(i for i, o in enumerate(q.options) if o.key in q.right)
        if n == 1:  # one answered with another word: "Missed" is suggested
            right = next(i for i, o in enumerate(q.options) if o.key not in q.right)
        key(qtbot, DIGITS[right + 1])
        assert page.card_view.answered
        key(qtbot, Qt.Key.Key_Return)  # takes the suggested rating
        answered.append((q.word_id, q.kind.value))
    assert page.stack.currentWidget() is page.end_view
    assert page.end_button.hasFocus()
    rows = store.conn.execute(
        "SELECT c.word_id, c.kind, r.rating, r.answer, r.duration_ms FROM srs_reviews r "
        "JOIN srs_cards c ON c.id = r.card_id ORDER BY r.id"
    ).fetchall()
    assert [(w, k) for w, k, *_ in rows] == answered
    assert [r[2] for r in rows] == [Grade.GOT_IT, Grade.MISSED, Grade.GOT_IT, Grade.GOT_IT]
    assert all(r[3] and r[4] is not None for r in rows)
    assert "You practised 4 words today." in page.end_heading.text()
    key(qtbot, Qt.Key.Key_Space)  # Done
    assert page.stack.currentWidget() is page.start_view
    # the daily limit holds: today's four new words have been met
    assert not page.start_button.isEnabled()
    assert "today's new words" in page.plan_line.text()


def test_number_keys_rate_and_escape_ends_the_session_keeping_progress(window, qtbot, store):
    store.set_setting(DAILY_NEW_KEY, 6)
    page = open_trainer(window, qtbot)
    page.start_session()
    q = page.practice.current
    right = next(i for i, o in enumerate(q.options) if o.key in q.right)
    key(qtbot, DIGITS[right + 1])
    key(qtbot, Qt.Key.Key_4)  # Easy
    key(qtbot, Qt.Key.Key_1)  # choose the first option of card 2, then leave
    key(qtbot, Qt.Key.Key_Escape)
    assert page.stack.currentWidget() is page.end_view
    ratings = [r[0] for r in store.conn.execute("SELECT rating FROM srs_reviews")]
    assert ratings == [Grade.EASY]  # card 2 was answered but never rated
    assert "You stopped early" in page.end_text.text()
    assert page.practice is None


def test_a_choice_cannot_be_changed_once_answered(window, qtbot, store):
    page = open_trainer(window, qtbot)
    page.start_session()
    first = page.card_view.choices[0]
    first.click()
    chosen = page.practice.chosen
    page.card_view.choices[1].click()
    assert page.practice.chosen == chosen
    marks = [b.mark.text() for b in page.card_view.choices]
    assert "✓" in marks  # the answer is marked by shape, not colour alone
    assert all(b.accessibleName() for b in page.card_view.choices)


def test_settings_are_stored_and_shape_the_next_session(window, qtbot, store):
    page = open_trainer(window, qtbot)
    page.focus_boxes["anger"].setChecked(True)
    page.daily_new.setValue(3)
    page.session_size.setValue(5)
    assert store.setting(FOCUS_KEY) == ["anger"]
    assert store.setting(DAILY_NEW_KEY) == 3
    assert store.setting(SESSION_SIZE_KEY) == 5
    assert len(page.plan.cards) == 3
    vocabulary = window.vocabulary
    assert {vocabulary.get(c.word_id).family for c in page.plan.cards} == {"anger"}
    page.retention.setCurrentIndex(2)
    page.retention.activated.emit(2)
    assert store.setting("trainer.retention") == 0.95


def test_feedback_text_is_plain_and_names_the_difference(window, qtbot, store):
    from PySide6.QtWidgets import QLabel

    page = open_trainer(window, qtbot)
    page.start_session()
    q = page.practice.current
    wrong = next(o.key for o in q.options if o.key not in q.right)
    page.card_view.chosen.emit(wrong)
    labels = page.card_view.feedback_card.findChildren(QLabel)
    texts = " ".join(label.text() for label in labels)
    assert "Compared with" in texts
    assert page.card_view.prompt.textFormat() is Qt.TextFormat.PlainText
    for button in page.card_view.choices:
        assert button.label.textFormat() is Qt.TextFormat.PlainText


def test_the_plan_is_described_in_plain_counts() -> None:
    from emotrainer.core.srs import CardKind
    from emotrainer.core.training import Planned, SessionPlan
    from emotrainer.ui.pages.trainer import describe_plan

    def plan(reviews: int, new: int, left: int = 3) -> SessionPlan:
        cards = [Planned(f"r{i}", CardKind.CONTRAST, False) for i in range(reviews)]
        cards += [Planned(f"n{i}", CardKind.CONTRAST, True) for i in range(new)]
        return SessionPlan(tuple(cards), reviews, left)

    assert describe_plan(plan(1, 0)) == "1 word to look at again. About 1 min."
    assert describe_plan(plan(0, 1)) == "1 new word to meet. About 1 min."
    assert (
        describe_plan(plan(4, 10)) == "14 words: 4 to look at again and 10 new words. About 6 min."
    )
    assert describe_plan(plan(0, 0, 0)).startswith("Nothing is waiting right now: today's")
    assert describe_plan(plan(0, 0, 3)).startswith("Nothing is waiting right now; words come")


def test_the_pause_is_one_key_away_and_the_card_waits(window, qtbot, store):
    page = open_trainer(window, qtbot)
    page.start_session()
    question = page.practice.current
    key(qtbot, Qt.Key.Key_1)
    qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page == "exercise"
    assert window.exercise is not None and window.exercise.flow.id == "grounding"
    window.show_page("trainer")
    assert page.stack.currentWidget() is page.card_view
    assert page.practice.current == question and page.card_view.answered


def test_the_users_own_words_are_practised_and_shown_as_plain_text(window, qtbot, store):
    from emotrainer.core.srs import CardKind
    from emotrainer.core.training import Planned, SessionPlan

    word, change = store.add_user_word("R&R <3", "Rest after a <b>long</b> week.", "calm")
    window.bus.publish(change)
    page = open_trainer(window, qtbot)
    plan = SessionPlan((Planned(word.id, CardKind.DEFINITION_TO_WORD, True),), 0, 0)
    from emotrainer.trainer import start_practice

    page.practice = start_practice(page.state, plan, window.vocabulary, {}, seed=1)
    page.stack.setCurrentWidget(page.card_view)
    page._show_current()
    assert page.card_view.prompt.text() == "Rest after a <b>long</b> week."
    question = page.practice.current
    wrong = next(o.key for o in question.options if o.key != word.id)
    page.card_view.chosen.emit(wrong)
    assert page.card_view.verdict.text() == "This one was “R&R <3”."
    assert page.card_view.verdict.textFormat() is Qt.TextFormat.PlainText
    key(qtbot, Qt.Key.Key_Return)
    assert "R&R <3" in page.end_text.text()  # "will come back soon"
    assert [c.word_id for c in store.trainer_cards()] == [word.id]


def test_an_active_homework_plan_adds_its_focus_families(window, qtbot, store):
    import json
    from datetime import date, timedelta

    from emotrainer.core.homework import parse_plan
    from emotrainer.resources import asset

    document = json.loads(asset("homework", "example.emohw").read_text(encoding="utf-8"))
    document.update(
        start=(date.today() - timedelta(days=1)).isoformat(),
        end=(date.today() + timedelta(days=5)).isoformat(),
    )
    families = [f.id for f in window.vocabulary.families]
    store.import_plan(parse_plan(document, families))  # its trainer task: anger and fear
    store.set_setting(DAILY_NEW_KEY, 6)
    page = open_trainer(window, qtbot)
    page.refresh()
    assert page.homework_note.text() == "Your homework plan adds: Fear, Anger."
    assert not any(box.isChecked() for box in page.focus_boxes.values())  # the person's own
    vocabulary = window.vocabulary
    assert {vocabulary.get(c.word_id).family for c in page.plan.cards} <= {"anger", "fear"}
    page.focus_boxes["calm"].setChecked(True)  # the person's choice joins the homework's
    assert store.setting(FOCUS_KEY) == ["calm"]
    assert {vocabulary.get(c.word_id).family for c in page.plan.cards} <= {"anger", "fear", "calm"}
