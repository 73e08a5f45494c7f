"""The Progress page: loaded late, empty and filled states, spans, hover, PNG export, heat map."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta

import pytest
from helpers import make_entry
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPalette, QWheelEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from emotrainer.core.clock import Stamp
from emotrainer.core.models import BodyMark, Label
from emotrainer.core.progress import Span
from emotrainer.core.progress_axis import (
    format_value,
    midnight,
    period_text,
    short_day,
    ticks,
    y_top,
)


def _stamp(day: date, hour: int = 12) -> Stamp:
    return Stamp.of(datetime(day.year, day.month, day.day, hour).astimezone())


def _entry(day: date, *words: str, presence: int = 6, marks: tuple[BodyMark, ...] = ()):  # type: ignore[no-untyped-def]
    return make_entry(
        at=_stamp(day),
        presence=presence,
        labels=tuple(Label(w, 5) for w in words),
        marks=marks,
    )


def _progress_page(window):  # type: ignore[no-untyped-def]
    window.show_page("progress")
    return window.page("progress")


@pytest.fixture
def filled(store):  # type: ignore[no-untyped-def]
    """A few entries: one 20 days ago, the rest this week."""
    today = date.today()
    chest = BodyMark("chest", ("tight",))
    store.add_entry(_entry(today - timedelta(days=20), "anxious", presence=3))
    store.add_entry(_entry(today - timedelta(days=2), "happy", "anxious", marks=(chest,)))
    store.add_entry(_entry(today, "glad", presence=7, marks=(chest, BodyMark("jaw", ("tense",)))))
    return store


# -- loaded only when opened ---------------------------------------------------------


def test_the_main_window_starts_without_pyqtgraph_and_the_page_brings_it(tmp_path):
    # In a fresh process: other tests in this one may have imported pyqtgraph already.
    script = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from emotrainer.content import full_vocabulary
        from emotrainer.paths import resolve
        from emotrainer.storage.store import Store
        from emotrainer.ui.app import application
        from emotrainer.ui.bus import ChangeBus
        from emotrainer.ui.main_window import MainWindow

        app = application()
        store = Store.open(resolve({str(tmp_path / "data")!r}))
        window = MainWindow(store, full_vocabulary([]), ChangeBus(), remember=False)
        window.show()
        app.processEvents()
        for key in ("history", "words", "data", "about"):
            window.show_page(key)
        app.processEvents()
        before = "pyqtgraph" in sys.modules
        window.show_page("progress")
        app.processEvents()
        print(before, "pyqtgraph" in sys.modules)
        store.close()
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]


# -- empty and filled ------------------------------------------------------------------


def test_an_empty_store_shows_encouraging_notes_and_no_plots(window):
    page = _progress_page(window)
    assert page.welcome.isVisibleTo(page)
    assert not page.top.isVisibleTo(page)  # no row of zeros to look at
    assert page.cards
    for card in page.cards.values():
        assert not card.plot.isVisibleTo(page), card.key
        assert not card.save_button.isVisibleTo(page)
        assert card.note.isVisibleTo(page)
        assert card.note.text() == card.chart.empty
    assert not page.heat_map.isVisibleTo(page)
    assert page.heat_note.isVisibleTo(page)


def test_with_a_few_entries_the_charts_show_with_their_summaries(window, filled):
    page = _progress_page(window)
    assert not page.welcome.isVisibleTo(page)
    assert page.named.value.text() == "3"
    assert page.named.accessibleName() == "You have named 3 different feelings so far"
    vocabulary = page.cards["vocabulary"]
    assert vocabulary.plot.isVisibleTo(page)
    assert not vocabulary.note.isVisibleTo(page)
    assert vocabulary.summary.text() == page.progress.chart("vocabulary").summary
    for card in page.cards.values():
        if card.chart.empty is None:
            assert card.summary.text()
            assert card.plot.accessibleName() == card.summary.text()
    # Several series: a legend; one series: none.
    assert vocabulary.legend.isVisibleTo(page)
    assert vocabulary.legend.labels == [s.label for s in vocabulary.chart.series]
    assert not page.cards["presence"].legend.isVisibleTo(page)
    assert not page.cards["presence"].start_note.isVisibleTo(page)  # three days: a line


def test_every_control_is_named_and_no_label_reads_rich_text(window, filled):
    page = _progress_page(window)
    unnamed = [
        type(b).__name__
        for b in page.findChildren(QAbstractButton)
        if b.isVisibleTo(window) and not b.accessibleName()
    ]
    assert unnamed == []
    from PySide6.QtWidgets import QLabel

    for label in page.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText or "<" not in label.text()


# -- the span ---------------------------------------------------------------------------


def test_switching_the_span_with_the_buttons_changes_the_data_and_is_kept(window, filled, qtbot):
    page = _progress_page(window)
    assert page.span is Span.MONTH
    assert page.span_buttons[Span.MONTH].isChecked()
    assert page.new_words.value.text() == "3"
    month_points = len(page.cards["presence"].chart.series[0].points)
    qtbot.mouseClick(page.span_buttons[Span.WEEK], Qt.MouseButton.LeftButton)
    assert page.span is Span.WEEK
    assert page.span_buttons[Span.WEEK].isChecked()
    assert not page.span_buttons[Span.MONTH].isChecked()
    assert page.new_words.value.text() == "2"  # "anxious" was new 20 days ago
    assert page.new_words.caption.text() == "new in the last 7 days"
    assert len(page.cards["presence"].chart.series[0].points) < month_points
    assert filled.setting("progress.span") == "week"


def test_the_span_buttons_work_by_keyboard(window, filled, qtbot):
    page = _progress_page(window)
    month = page.span_buttons[Span.MONTH]
    month.setFocus()
    qtbot.keyClick(month, Qt.Key.Key_Right)
    assert page.span is Span.YEAR
    assert page.span_buttons[Span.YEAR].hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert page.span is Span.WEEK
    page.span_buttons[Span.ALL].setFocus()
    qtbot.keyClick(page.span_buttons[Span.ALL], Qt.Key.Key_Space)
    assert page.span is Span.ALL
    assert page.span_buttons[Span.ALL].accessibleName() == "Show everything since you began"


def test_tab_goes_from_the_spans_through_each_chart_in_order(window, filled, qtbot):
    page = _progress_page(window)
    page.span_buttons[Span.MONTH].setFocus()
    seen = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
        if seen[-1] is page.cards["presence"].plot:
            break
    order = [c for c in page.cards.values() if c.chart.empty is None]
    expected = [w for card in order for w in (card.save_button, card.plot)]
    reached = [w for w in seen if w in expected]
    assert reached == expected[: len(reached)]
    assert page.cards["presence"].plot in reached


def test_the_stored_span_is_used_when_the_page_opens(window, filled):
    filled.set_setting("progress.span", "year")
    page = _progress_page(window)
    assert page.span is Span.YEAR
    assert page.span_buttons[Span.YEAR].isChecked()


def test_a_strange_stored_span_falls_back_to_the_month(window, filled):
    filled.set_setting("progress.span", "fortnight")
    assert _progress_page(window).span is Span.MONTH


# -- reading values ---------------------------------------------------------------------------


def test_the_nearest_point_shows_its_values_under_the_chart(window, filled):
    page = _progress_page(window)
    card = page.cards["vocabulary"]
    today = date.today()
    assert card.hover.text().startswith(f"Latest, {short_day(today)}: All words 3")
    text = card.show_near(midnight(today - timedelta(days=2)) + 3600)
    assert text is not None
    assert text.startswith(f"{short_day(today - timedelta(days=2))}: All words 2")
    assert card.hover.text() == text
    assert card.marker.isVisible()
    assert card.plot.accessibleDescription() == text
    presence = page.cards["presence"]
    assert presence.show_near(midnight(today)) == f"{short_day(today)}: 7.0 of 10"


def test_pointing_with_the_mouse_shows_the_value(window, filled, qtbot):
    page = _progress_page(window)
    card = page.cards["presence"]
    page.findChild(QScrollArea).ensureWidgetVisible(card.plot)
    qtbot.wait(10)
    day = date.today() - timedelta(days=2)
    box = card.plot.view_box
    scene = box.mapViewToScene(QPointF(midnight(day), 3.0))
    point = QPointF(card.plot.mapFromScene(scene))
    viewport = card.plot.viewport()
    # Sent to the view directly: QTest's synthetic move does not reach it offscreen.
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        point,
        QPointF(viewport.mapToGlobal(point.toPoint())),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, move)
    assert card.hover.text() == f"{short_day(day)}: 6.0 of 10"
    assert card.marker.isVisible()


def test_the_arrow_keys_step_through_the_days(window, filled, qtbot):
    page = _progress_page(window)
    card = page.cards["presence"]
    card.plot.setFocus()
    today = date.today()
    qtbot.keyClick(card.plot, Qt.Key.Key_End)
    assert card.hover.text() == f"{short_day(today)}: 7.0 of 10"
    qtbot.keyClick(card.plot, Qt.Key.Key_Left)
    assert card.hover.text().startswith(short_day(today - timedelta(days=2)))
    qtbot.keyClick(card.plot, Qt.Key.Key_Home)
    assert card.hover.text() == f"{short_day(today - timedelta(days=20))}: 3.0 of 10"


def test_the_wheel_scrolls_the_page_not_the_chart(window, filled):
    page = _progress_page(window)
    card = page.cards["vocabulary"]
    before = card.plot.view_box.viewRange()
    centre = QPointF(card.plot.viewport().rect().center())
    event = QWheelEvent(
        centre,
        QPointF(card.plot.viewport().mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(card.plot.viewport(), event)
    assert card.plot.view_box.viewRange() == before
    assert not event.isAccepted()


# -- export ---------------------------------------------------------------------------


def test_save_as_png_writes_the_chart(window, filled, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _progress_page(window)
    card = page.cards["vocabulary"]
    target = tmp_path / "words"  # no suffix: .png is added
    asked = []

    def choose(*args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(args)
        return str(target), "PNG pictures (*.png)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(card.save_button, Qt.MouseButton.LeftButton)
    saved = tmp_path / "words.png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(saved))
    assert image.width() > 200 and image.height() > 100
    assert asked and asked[0][2].endswith(".png")  # a suggested name
    assert card.save_button.isVisible()


def test_a_png_that_cannot_be_written_gets_a_calm_message(window, filled, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from emotrainer.ui import dialogs

    page = _progress_page(window)
    card = page.cards["presence"]
    missing = tmp_path / "no such folder" / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(missing), ""))
    shown = []
    monkeypatch.setattr(dialogs, "show_known_error", lambda title, text, parent: shown.append(text))
    assert card.save_png() is None
    assert len(shown) == 1 and "try another place" in shown[0]


def test_cancelling_the_save_dialog_writes_nothing(window, filled, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    page = _progress_page(window)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert page.cards["vocabulary"].save_png() is None


# -- the body heat map -------------------------------------------------------------------


def test_the_heat_map_gets_the_span_s_values(window, filled):
    page = _progress_page(window)
    assert page.heat_map.isVisibleTo(page)
    assert not page.heat_note.isVisibleTo(page)
    assert page.heat_map.heat_steps()
    assert page.heat_summary.text() == "Most often noticed: chest (2 times) and jaw (once)."
    page.set_span(Span.WEEK)
    assert page.heat_map.heat_steps()


def test_a_span_without_body_marks_says_so_kindly(window, store):
    store.add_entry(_entry(date.today(), "anxious"))
    page = _progress_page(window)
    assert not page.heat_map.isVisibleTo(page)
    assert page.heat_note.isVisibleTo(page)
    assert "“Nothing” is an answer too" in page.heat_note.text()


# -- changes ---------------------------------------------------------------------------


def test_a_new_entry_updates_the_figures(window, filled):
    page = _progress_page(window)
    window.bus.publish(filled.add_entry(_entry(date.today(), "thrilled")))
    assert page.named.value.text() == "4"
    assert page.new_words.value.text() == "4"


def test_a_change_while_hidden_is_read_when_the_page_is_shown(window, filled):
    page = _progress_page(window)
    window.show_page("today")
    window.bus.publish(filled.add_entry(_entry(date.today(), "thrilled")))
    assert page.named.value.text() == "3"  # not read while hidden
    window.show_page("progress")
    assert page.named.value.text() == "4"


def test_the_first_entry_replaces_the_welcome(window, store):
    page = _progress_page(window)
    assert page.welcome.isVisibleTo(page)
    window.bus.publish(store.add_entry(_entry(date.today(), "anxious")))
    assert not page.welcome.isVisibleTo(page)
    presence = page.cards["presence"]
    assert presence.plot.isVisibleTo(page)
    assert presence.start_note.isVisibleTo(page)  # one point: a word of encouragement
    assert presence.start_note.text().startswith("A start.")
    assert page.cards["vocabulary"].start_note.isVisibleTo(page)


def test_a_theme_switch_recolours_the_charts(window, filled, qtbot):
    page = _progress_page(window)
    card = page.cards["vocabulary"]
    window.set_theme("dark")
    dark = QApplication.palette().color(QPalette.ColorRole.Base)
    qtbot.waitUntil(lambda: card.plot.backgroundBrush().color() == dark, timeout=2000)
    window.set_theme("light")
    qtbot.waitUntil(lambda: card.plot.backgroundBrush().color().lightness() > 200, timeout=2000)


# -- dates and values (no Qt needed) ----------------------------------------------------


def _width(text: str) -> float:
    return 7.0 * len(text)


def test_ticks_fit_the_width_and_say_the_date_plainly():
    today = date(2026, 12, 1)
    week = ticks(today - timedelta(days=6), today, 700, _width, 14)
    assert [label for _d, label in week] == [
        "Wed 25",
        "Thu 26",
        "Fri 27",
        "Sat 28",
        "Sun 29",
        "Mon 30",
        "Tue 1",
    ]
    month = ticks(today - timedelta(days=29), today, 700, _width, 14)
    assert [label for _d, label in month] == ["2 Nov", "9 Nov", "16 Nov", "23 Nov", "30 Nov"]
    assert {d.weekday() for d, _label in month} == {0}  # Mondays
    year = ticks(today - timedelta(days=364), today, 800, _width, 14)
    assert [label for _d, label in year][:3] == ["2026", "Feb", "Mar"]  # January says the year
    narrow = ticks(today - timedelta(days=364), today, 300, _width, 14)
    assert [label for _d, label in narrow] == ["2026", "Mar", "May", "Jul", "Sep", "Nov"]
    decade = ticks(date(2016, 12, 4), today, 700, _width, 14)
    assert [label for _d, label in decade] == [str(y) for y in range(2017, 2027)]
    assert len(ticks(date(2016, 12, 4), today, 200, _width, 14)) <= 5


def test_values_read_as_words():
    assert format_value(1, "words") == "1 word"
    assert format_value(42, "words") == "42 words"
    assert format_value(35.4, "%") == "35 %"
    assert format_value(6.25, "0–10") == "6.2 of 10"
    assert format_value(0.4166, "index 0–1") == "0.42"
    assert format_value(2.0, "per check-in") == "2.0 per check-in"
    assert period_text(date(2026, 11, 2), 7) == "Week of Mon 2 Nov"
    assert period_text(date(2026, 11, 4), 28, year=True) == "Wed 4 Nov 2026 to Tue 1 Dec 2026"


def test_the_y_scale_starts_at_zero_with_a_round_top():
    assert y_top("%", [12.0]) == 100.0
    assert y_top("0–10", [3.0]) == 10.0
    assert y_top("index 0–1", [0.2]) == 1.0
    assert y_top("words", [2.0]) == 5.0
    assert y_top("words", [181.0]) == 200.0
    assert y_top("words", [24.0]) == 25.0
    assert y_top("per check-in", [3.2]) == 5.0
    assert y_top("words", []) == 5.0
