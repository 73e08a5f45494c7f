"""The body map widget and panel, driven the way a person does: clicks and keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from emotrainer.content import shipped_vocabulary
from emotrainer.core.bodymap import region_label
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, ACTIVITY_SAME, BodyMark
from emotrainer.ui.bodyglyphs import HEAT_LIGHT, heat_colours
from emotrainer.ui.bodymap import BodyMapWidget
from emotrainer.ui.bodymap_panel import BodyMapPanel, heat_sample, screenshot_sample
from emotrainer.ui.theme import palette_for

WAIT = 1000


@pytest.fixture
def panel(qtbot: QtBot) -> BodyMapPanel:
    view = BodyMapPanel(shipped_vocabulary())
    qtbot.addWidget(view)
    view.resize(900, 820)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    return view


def _point(panel: BodyMapPanel, region_id: str) -> QPoint:
    return panel.map.region_anchor(region_id).toPoint()


def click(widget: QWidget, pos: QPoint) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def _key(qtbot: QtBot, key: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClick(target, key)


def test_clicks_at_each_region_open_the_editor_for_it(qtbot: QtBot, panel: BodyMapPanel) -> None:
    shown = panel.map.visible_views()
    assert shown == ["front", "back"]  # wide enough for both
    regions = [r for v in shown for r in panel.map.bodymap.views[v].regions]
    for region_id in regions:
        with qtbot.waitSignal(panel.region_focused, timeout=WAIT) as focused:
            click(panel.map, _point(panel, region_id))
        assert focused.args == [region_id]
        assert panel.editor.isVisible() and panel.editor.region == region_id
        assert panel.editor.title.text() == region_label(region_id)
    click(panel.map, QPoint(3, 3))  # beside the body
    assert panel.editor.region == regions[-1]


def test_two_places_marked_by_keyboard_alone(qtbot: QtBot, panel: BodyMapPanel) -> None:
    panel.setFocus()
    _key(qtbot, Qt.Key.Key_Tab)
    assert panel.map.hasFocus() and panel.map.focused_region() == "head"
    _key(qtbot, Qt.Key.Key_Down, 3)  # head → eyes → face → jaw
    assert panel.map.focused_region() == "jaw"
    _key(qtbot, Qt.Key.Key_Return)
    assert panel.editor.isVisible() and panel.editor.chips.hasFocus()
    _key(qtbot, Qt.Key.Key_Space)  # the first chip: Tight
    _key(qtbot, Qt.Key.Key_Right, 4)  # Tense, Heavy, Light, Warm
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Tab)  # to the activity choice: Same
    _key(qtbot, Qt.Key.Key_Right)  # More
    _key(qtbot, Qt.Key.Key_Tab)  # to the strength slider, at 5
    _key(qtbot, Qt.Key.Key_Right)
    with qtbot.waitSignal(panel.marks_changed, timeout=WAIT) as first:
        _key(qtbot, Qt.Key.Key_Return)
    assert first.args == [[BodyMark("jaw", ("tight", "warm"), ACTIVITY_MORE, 6)]]
    assert not panel.editor.isVisible()
    assert panel.map.hasFocus() and panel.map.focused_region() == "jaw"

    _key(qtbot, Qt.Key.Key_Down, 2)  # jaw → throat → chest
    assert panel.map.focused_region() == "chest"
    _key(qtbot, Qt.Key.Key_Enter)
    _key(qtbot, Qt.Key.Key_Down)  # the chips' second row starts under Tight
    current = panel.editor.chips.currentItem()
    assert current is not None
    chosen = current.data(Qt.ItemDataRole.UserRole)
    _key(qtbot, Qt.Key.Key_Space)
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Left)  # Less
    _key(qtbot, Qt.Key.Key_Tab)
    _key(qtbot, Qt.Key.Key_Home)  # strength 0
    _key(qtbot, Qt.Key.Key_Right, 3)
    with qtbot.waitSignal(panel.marks_changed, timeout=WAIT) as second:
        _key(qtbot, Qt.Key.Key_Return)
    assert second.args == [
        [
            BodyMark("jaw", ("tight", "warm"), ACTIVITY_MORE, 6),
            BodyMark("chest", (chosen,), ACTIVITY_LESS, 3),
        ]
    ]
    assert panel.map.marks() == second.args[0]


def test_nothing_excludes_the_qualities_and_has_no_intensity(
    qtbot: QtBot, panel: BodyMapPanel
) -> None:
    panel.open_editor("belly")
    chips = panel.editor.chips
    assert not panel.editor.save_button.isEnabled()  # something must be chosen
    for i in range(chips.count()):
        if chips.item(i).data(Qt.ItemDataRole.UserRole) in ("tight", "nothing"):
            chips.toggle(chips.item(i))
    assert chips.checked() == ("nothing",)
    assert not panel.editor.intensity.isEnabled()
    with qtbot.waitSignal(panel.marks_changed, timeout=WAIT) as saved:
        panel.editor.save_button.click()
    assert saved.args == [[BodyMark("belly", ("nothing",), ACTIVITY_SAME, None)]]
    assert panel.suggestions_note.text().startswith("“Nothing” is a real answer")


def test_delete_removes_and_enter_edits(qtbot: QtBot, panel: BodyMapPanel) -> None:
    marks = [BodyMark("jaw", ("tight",), 0, 6), BodyMark("stomach", ("fluttery",), 0, 4)]
    panel.set_marks(marks)
    panel.mark_list.setFocus()
    panel.mark_list.setCurrentRow(0)
    with qtbot.waitSignal(panel.marks_changed, timeout=WAIT) as removed:
        QTest.keyClick(panel.mark_list, Qt.Key.Key_Delete)
    assert removed.args == [[marks[1]]]
    assert panel.mark_list.count() == 1 and panel.mark_list.currentRow() == 0
    assert panel.map.marks() == [marks[1]]
    QTest.keyClick(panel.mark_list, Qt.Key.Key_Return)
    assert panel.editor.isVisible() and panel.editor.region == "stomach"
    assert panel.editor.chips.checked() == ("fluttery",)
    assert panel.editor.intensity.value() == 4
    QTest.keyClick(panel.editor.chips, Qt.Key.Key_Escape)
    assert not panel.editor.isVisible() and panel.mark_list.hasFocus()
    panel.map.setFocus()
    panel.map.set_focused_region("stomach")
    with qtbot.waitSignal(panel.marks_changed, timeout=WAIT) as cleared:
        QTest.keyClick(panel.map, Qt.Key.Key_Delete)  # on the map, too
    assert cleared.args == [[]]
    assert panel.marks_empty.isVisibleTo(panel)


def test_the_list_of_places_reaches_the_same_editor(qtbot: QtBot, panel: BodyMapPanel) -> None:
    panel.show_list.click()
    assert panel.stack.currentWidget() is panel.region_list
    rows = [panel.region_list.item(i).text() for i in range(panel.region_list.count())]
    assert len(rows) == 44 and "Left hand — not marked" in rows
    panel.region_list.setFocus()
    panel.region_list.setCurrentRow(rows.index("Left hand — not marked"))
    QTest.keyClick(panel.region_list, Qt.Key.Key_Return)
    assert panel.editor.region == "hand_left"
    panel.whole_body_button.click()
    assert panel.editor.region == "whole_body"
    assert panel.editor.title.text() == "My whole body"


def test_accessible_name_follows_the_focused_region(qtbot: QtBot, panel: BodyMapPanel) -> None:
    panel.set_marks([BodyMark("hand_left", ("tight", "warm"), ACTIVITY_SAME, 6)])
    panel.map.setFocus()
    panel.map.set_focused_region("forearm_left")
    assert panel.map.accessibleName() == "Left forearm — not marked"
    with qtbot.waitSignal(panel.region_focused, timeout=WAIT) as moved:
        QTest.keyClick(panel.map, Qt.Key.Key_Down)
    assert moved.args == ["hand_left"]
    assert panel.map.accessibleName() == "Left hand — tight, warm, intensity 6"
    assert "arrow keys" in panel.map.accessibleDescription().lower()


def test_suggestions_follow_the_marks_and_are_chosen_by_click_or_enter(
    qtbot: QtBot, panel: BodyMapPanel
) -> None:
    assert panel.suggestions.count() == 0
    panel.open_editor("jaw")
    panel.editor.chips.toggle(panel.editor.chips.item(0))  # Tight
    panel.editor.save()
    words = [panel.suggestions.item(i) for i in range(panel.suggestions.count())]
    assert 0 < len(words) <= 8
    first = words[0].data(Qt.ItemDataRole.UserRole)
    assert shipped_vocabulary().get(first).family == "anger"
    with qtbot.waitSignal(panel.suggestion_chosen, timeout=WAIT) as clicked:
        rect = panel.suggestions.visualItemRect(words[1])
        click(panel.suggestions.viewport(), rect.center())
    assert clicked.args == [words[1].data(Qt.ItemDataRole.UserRole)]
    panel.suggestions.setFocus()
    panel.suggestions.setCurrentRow(0)
    with qtbot.waitSignal(panel.suggestion_chosen, timeout=WAIT) as entered:
        QTest.keyClick(panel.suggestions, Qt.Key.Key_Return)
    assert entered.args == [first]


def test_heat_map_paints_steps_and_a_legend(qtbot: QtBot) -> None:
    widget = heat_sample()
    assert isinstance(widget, BodyMapWidget)
    qtbot.addWidget(widget)
    widget.resize(700, 700)
    widget.show()
    qtbot.waitExposed(widget)
    steps = widget.heat_steps()
    assert [s.label for s in steps] == ["1–3", "4–6", "7–8", "9–11", "12–14"]
    assert widget.describe("chest") == "Chest — Times noticed in the last 30 days: 14"
    image = widget.grab().toImage()
    strongest = heat_colours(widget.palette())[-1]
    assert (
        strongest == QColor(HEAT_LIGHT[-1]) or widget.palette().window().color().lightness() < 128
    )
    anchor = widget.region_anchor("chest").toPoint()
    rect = QRect(anchor.x() - 20, anchor.y() - 20, 40, 40)
    assert _share_of(image, rect, strongest) > 0.3
    widget.clear_heat()
    assert widget.heat_steps() == []


def _share_of(image: QImage, rect: QRect, colour: QColor) -> float:
    hits = total = 0
    ratio = image.devicePixelRatio()
    for x in range(rect.left(), rect.right(), 3):
        for y in range(rect.top(), rect.bottom(), 3):
            pixel = image.pixelColor(int(x * ratio), int(y * ratio))
            total += 1
            hits += abs(pixel.red() - colour.red()) + abs(pixel.green() - colour.green()) < 12
    return hits / max(total, 1)


def test_a_narrow_map_shows_one_view_and_the_toggle_switches_it(
    qtbot: QtBot, panel: BodyMapPanel
) -> None:
    panel.resize(620, 900)
    qtbot.waitUntil(lambda: panel.map.visible_views() == ["front"], timeout=WAIT)
    assert panel.show_back.isVisible()
    panel.map.set_focused_region("hand_left")
    panel.show_back.click()
    assert panel.map.visible_views() == ["back"]
    assert panel.map.focused_region() == "back_hand_left"  # the same hand, seen from behind


def test_samples_render_at_both_sizes_and_when_disabled(qtbot: QtBot) -> None:
    sample = screenshot_sample(shipped_vocabulary())
    qtbot.addWidget(sample)
    assert isinstance(sample, BodyMapPanel) and len(sample.marks()) == 5
    for size in (600, 1200):
        sample.resize(size, size)
        sample.show()
        image = sample.grab()
        assert (image.width(), image.height()) == (size, size)
    assert sample.suggestions.count() > 0
    sample.setPalette(palette_for("dark"))  # a theme switch while shown
    sample.grab()
    sample.setEnabled(False)
    sample.grab()
    hint = sample.map.sizeHint()
    assert hint.height() > hint.width() > 0


def test_a_region_is_focused_only_when_tabbed_or_arrowed_in(qtbot: QtBot) -> None:
    widget = heat_sample()
    assert isinstance(widget, BodyMapWidget)
    qtbot.addWidget(widget)
    widget.resize(500, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()  # e.g. the window was activated: no ring appears by itself
    assert widget.focused_region() is None and widget.accessibleName() == "Body map"
    QTest.keyClick(widget, Qt.Key.Key_Down)
    assert widget.focused_region() == "head"
    assert widget.accessibleName() == "Head — Times noticed in the last 30 days: 4"
