"""The feelings wheel and its panel, driven the way a person does: mouse and keys."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from emotrainer.content import shipped_vocabulary
from emotrainer.core.vocabulary import Vocabulary, Word, user_word
from emotrainer.core.wheel_choice import limit_note
from emotrainer.ui import theme
from emotrainer.ui.wheel import WheelWidget
from emotrainer.ui.wheel_panel import WheelPanel, screenshot_sample

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("EMOTRAINER_UPDATE_GOLDEN") == "1"


class FakeWords:
    """Stands in for the store: records calls, can refuse like a known error."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.calls: list[tuple[str, str, str]] = []
        self.refuse: str | None = None

    def __call__(self, label: str, definition: str, family_id: str) -> Word:
        if self.refuse:
            raise ValueError(self.refuse)
        self.calls.append((label, definition, family_id))
        return user_word(f"user_{len(self.calls)}", label, definition, family_id, self.vocabulary)


@pytest.fixture
def vocab() -> Vocabulary:
    return shipped_vocabulary()


@pytest.fixture
def words(vocab: Vocabulary) -> FakeWords:
    return FakeWords(vocab)


@pytest.fixture
def panel(qtbot, vocab, words) -> WheelPanel:  # type: ignore[no-untyped-def]
    panel = WheelPanel(vocab, add_word=words)
    panel.wheel.zoom_duration = 0
    qtbot.addWidget(panel)
    panel.resize(1000, 760)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def click(qtbot, wheel: WheelWidget, word_id: str, modifier=Qt.KeyboardModifier.NoModifier):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, modifier, wheel.point_of(word_id).toPoint())


def key(qtbot, widget: QWidget, k: Qt.Key, times: int = 1) -> None:  # type: ignore[no-untyped-def]
    for _ in range(times):
        qtbot.keyClick(widget, k)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def test_clicking_a_family_opens_it_and_clicking_a_specific_word_chooses_it(qtbot, panel):
    wheel = panel.wheel
    click(qtbot, wheel, "sadness")
    assert wheel.zoom_root == "sadness"
    assert panel.back.isEnabled() and "all feelings" in panel.back.text()
    with qtbot.waitSignal(panel.selection_changed, timeout=1000) as blocker:
        click(qtbot, wheel, "sad")
    assert blocker.args == [[("sad", None)]]
    assert wheel.word_at(wheel.point_of("sad")) == "sad"
    with qtbot.waitSignal(panel.selection_changed, timeout=1000) as blocker:
        click(qtbot, wheel, "sad")  # again: let it go
    assert blocker.args == [[]]


def test_a_broad_word_can_be_chosen_with_shift_click_or_the_choose_button(qtbot, panel):
    wheel = panel.wheel
    click(qtbot, wheel, "sadness", Qt.KeyboardModifier.ShiftModifier)
    assert wheel.zoom_root is None
    assert panel.selection() == [("sadness", None)]
    click(qtbot, wheel, "anger")  # opens it and shows it, ready to be chosen as it is
    assert wheel.zoom_root == "anger"
    assert panel.detail_title.text() == "Anger"
    assert panel.choose_button.text() == "Choose “Anger”"
    qtbot.mouseClick(panel.choose_button, Qt.MouseButton.LeftButton)
    assert panel.selection() == [("sadness", None), ("anger", None)]


def test_escape_the_centre_and_the_back_button_zoom_out(qtbot, panel):
    wheel = panel.wheel
    click(qtbot, wheel, "fear")
    click(qtbot, wheel, "scared")
    assert wheel.zoom_root == "scared"
    key(qtbot, wheel, Qt.Key.Key_Escape)
    assert wheel.zoom_root == "fear"
    assert wheel.focused_word == "scared"
    qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=wheel.centre_point().toPoint())
    assert wheel.zoom_root is None
    assert not panel.back.isEnabled()
    click(qtbot, wheel, "fear")
    qtbot.mouseClick(panel.back, Qt.MouseButton.LeftButton)
    assert wheel.zoom_root is None


def test_three_words_with_intensities_by_keyboard_alone(qtbot, panel):
    wheel = panel.wheel
    panel.activateWindow()
    panel.search.setFocus()
    for _ in range(4):
        if focused() is wheel:
            break
        key(qtbot, focused(), Qt.Key.Key_Tab)
    assert focused() is wheel
    assert wheel.focused_word == "joy"
    key(qtbot, wheel, Qt.Key.Key_Right)
    assert wheel.focused_word == "calm"
    key(qtbot, wheel, Qt.Key.Key_Down, 2)  # group, then its first specific word
    assert wheel.focused_word == "relaxed"
    key(qtbot, wheel, Qt.Key.Key_Return)  # a specific word: chosen
    key(qtbot, wheel, Qt.Key.Key_Up)
    assert wheel.focused_word == "peaceful"
    key(qtbot, wheel, Qt.Key.Key_Space)  # a broad word, chosen as it is
    key(qtbot, wheel, Qt.Key.Key_Up)
    key(qtbot, wheel, Qt.Key.Key_Left, 2)  # joy, then round to detachment
    assert wheel.focused_word == "detachment"
    key(qtbot, wheel, Qt.Key.Key_Down, 2)
    assert wheel.focused_word == "numb"
    key(qtbot, wheel, Qt.Key.Key_Enter)
    assert [w for w, _ in panel.selection()] == ["relaxed", "peaceful", "numb"]

    intensities = {"relaxed": 5, "peaceful": 2, "numb": 8}
    for chip in panel._chips:
        for _ in range(20):
            if focused() is chip.intensity:
                break
            key(qtbot, focused(), Qt.Key.Key_Tab)
        assert focused() is chip.intensity
        key(qtbot, chip.intensity, Qt.Key.Key_Up, intensities[chip.word.id])  # from “–”
        with qtbot.waitSignal(panel.selection_changed, timeout=1000) as blocker:
            key(qtbot, chip.intensity, Qt.Key.Key_Up)
    assert blocker.args == [[("relaxed", 5), ("peaceful", 2), ("numb", 8)]]


def test_the_fourth_word_is_refused_gently(qtbot, panel):
    for word_id in ("sadness", "lonely", "numb"):
        panel.choose(word_id)
    with qtbot.assertNotEmitted(panel.selection_changed):
        click(qtbot, panel.wheel, "joy", Qt.KeyboardModifier.ShiftModifier)
    assert [w for w, _ in panel.selection()] == ["sadness", "lonely", "numb"]
    assert panel.note.text() == limit_note(3)
    assert panel.note.foregroundRole() == panel.empty_note.foregroundRole()  # muted, not red
    panel.remove("lonely")
    assert panel.note.text() == ""


def test_delete_or_backspace_on_a_chip_removes_it(qtbot, panel):
    for word_id in ("sad", "numb", "calm"):
        panel.choose(word_id)
    panel._chips[0].setFocus()
    with qtbot.waitSignal(panel.selection_changed, timeout=1000) as blocker:
        key(qtbot, panel._chips[0], Qt.Key.Key_Delete)
    assert blocker.args == [[("numb", None), ("calm", None)]]
    assert focused() is panel._chips[0]  # the next chip, ready for another Delete
    key(qtbot, panel._chips[0], Qt.Key.Key_Backspace)
    assert panel.selection() == [("calm", None)]
    qtbot.mouseClick(panel._chips[0].remove_button, Qt.MouseButton.LeftButton)
    assert panel.selection() == []
    assert panel.empty_note.isVisibleTo(panel)


def test_search_finds_a_word_by_its_definition_and_shows_it(qtbot, panel):
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "tears")
    suggestions = panel.suggestions
    assert "touched" in suggestions.ids()  # only its definition mentions tears
    assert suggestions.isVisible()
    key(qtbot, panel.search, Qt.Key.Key_Down)
    assert focused() is suggestions
    key(qtbot, suggestions, Qt.Key.Key_Down, suggestions.ids().index("touched"))
    with qtbot.waitSignal(panel.word_focused, timeout=1000) as blocker:
        key(qtbot, suggestions, Qt.Key.Key_Return)
    assert blocker.args == ["touched"]
    assert not suggestions.isVisible()
    assert panel.wheel.focused_word == "touched"
    assert focused() is panel.wheel
    assert "touched" in panel.wheel.layout_geometry().wedges  # zoomed so that it shows
    assert panel.detail_title.text() == "Touched"  # not the family opened to show it
    assert panel.search.text() == "Touched"


def test_enter_in_the_search_field_takes_the_best_match_and_escape_closes(qtbot, panel):
    panel.search.setFocus()
    qtbot.keyClicks(panel.search, "numb")
    key(qtbot, panel.search, Qt.Key.Key_Escape)
    assert not panel.suggestions.isVisible()
    key(qtbot, panel.search, Qt.Key.Key_Return)
    assert panel.wheel.focused_word == "numb"
    qtbot.keyClicks(panel.search, "zzzz")
    assert panel.suggestions.ids() == [] and not panel.suggestions.isVisible()
    panel.search.clear()
    qtbot.keyClicks(panel.search, "Gloomy")
    rect = panel.suggestions.visualItemRect(panel.suggestions.item(0))
    qtbot.mouseClick(panel.suggestions.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.wheel.focused_word == "gloomy"


def test_the_list_picker_chooses_into_the_same_selection(qtbot, panel):
    panel.views.setCurrentWidget(panel.tree)
    tree = panel.tree
    tree.focus_word("numb")
    assert panel.detail_title.text() == "Numb"
    with qtbot.waitSignal(panel.selection_changed, timeout=1000):
        key(qtbot, tree, Qt.Key.Key_Space)
    assert panel.selection() == [("numb", None)]
    panel.views.setCurrentWidget(panel.wheel)
    click(qtbot, panel.wheel, "sadness", Qt.KeyboardModifier.ShiftModifier)
    assert tree.item_for("sadness").checkState(0) == Qt.CheckState.Checked
    panel.choose("joy")
    tree.focus_word("calm")
    key(qtbot, tree, Qt.Key.Key_Return)  # a fourth: refused, the tick undone
    assert tree.item_for("calm").checkState(0) == Qt.CheckState.Unchecked
    assert panel.note.text() == limit_note(3)
    tree.focus_word("numb")
    key(qtbot, tree, Qt.Key.Key_Space)
    assert [w for w, _ in panel.selection()] == ["sadness", "joy"]
    families = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert families == [f.label for f in panel.vocabulary.families]


def test_accessible_name_and_description_follow_the_focused_word(qtbot, panel, vocab):
    wheel = panel.wheel
    wheel.setFocus(Qt.FocusReason.TabFocusReason)
    key(qtbot, wheel, Qt.Key.Key_Right)
    assert wheel.accessibleName() == "Calm, feeling family"
    assert wheel.accessibleDescription() == vocab.get("calm").definition
    key(qtbot, wheel, Qt.Key.Key_Down)
    key(qtbot, wheel, Qt.Key.Key_Space)
    assert wheel.accessibleName() == "Peaceful, group, chosen"
    key(qtbot, wheel, Qt.Key.Key_Down)
    assert wheel.accessibleName() == "Relaxed, specific word"
    assert wheel.accessibleDescription() == vocab.get("relaxed").definition


def test_hover_shows_the_word_as_plain_text(qtbot, vocab):
    tricky = user_word("user_x", "<b>Fizzy</b>", "Like <i>soda</i> & more.", "joy", vocab)
    panel = WheelPanel(vocab.with_user_words([tricky]))
    panel.wheel.zoom_duration = 0
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    panel.show()
    qtbot.waitExposed(panel)
    wheel = panel.wheel
    wheel.zoom_to("joy")
    qtbot.mouseMove(wheel, wheel.point_of("user_x").toPoint())
    assert wheel.hovered_word == "user_x"
    for label in (panel.detail_title, panel.detail_meta, panel.detail_text):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert panel.detail_title.text() == "<b>Fizzy</b>"
    assert panel.detail_mine.isVisibleTo(panel)
    assert panel.choose_button.text() == "Choose “<b>Fizzy</b>”"
    qtbot.mouseMove(wheel, QPoint(1, 1))
    assert wheel.hovered_word is None


def test_adding_an_own_word_validates_and_shows_it_marked_as_theirs(qtbot, panel, words):
    wheel = panel.wheel
    wheel.focus_word("peaceful")
    refusals = {
        "": "A word needs at least one letter.",
        "sad": "“Sad” is already in your words.",
        "x" * 200: "A word can have at most 40 characters.",
    }
    for label, reason in refusals.items():
        dialog = panel.open_add_word()
        qtbot.addWidget(dialog)
        dialog.label_edit.setText(label)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        assert dialog.reason.text() == reason
        assert dialog.reason.textFormat() == Qt.TextFormat.PlainText
        dialog.reject()
    assert words.calls == []

    dialog = panel.open_add_word()
    qtbot.addWidget(dialog)
    assert dialog.family.currentData() == "calm"  # the family being looked at
    dialog.label_edit.setText("  Cosy  ")
    dialog.definition_edit.setText("Warm, safe and  tucked in.")
    with qtbot.waitSignal(panel.selection_changed, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert words.calls == [("Cosy", "Warm, safe and tucked in.", "calm")]
    assert blocker.args == [[("user_1", None)]]
    wedge = wheel.layout_geometry().wedges["user_1"]
    assert wedge.word.is_user and wedge.first_ring < wedge.last_ring  # its own slice
    assert wheel.word_at(wheel.point_of("user_1")) == "user_1"
    assert panel.tree.item_for("user_1").text(0).endswith("★")
    assert panel.detail_mine.isVisibleTo(panel)
    assert "is now one of your words" in panel.note.text()


def test_a_known_error_from_the_callback_is_shown_calmly(qtbot, panel, words):
    words.refuse = "“Cosy” is already one of your words"
    dialog = panel.open_add_word()
    qtbot.addWidget(dialog)
    dialog.label_edit.setText("Cosy")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.reason.text() == "“Cosy” is already one of your words."
    dialog.reject()


def test_i_dont_know_is_an_answer(qtbot, panel):
    assert panel.unsure_button.text() == "I don't know what I feel"
    with qtbot.waitSignal(panel.unsure_requested, timeout=1000):
        qtbot.mouseClick(panel.unsure_button, Qt.MouseButton.LeftButton)


def test_zoom_is_animated_when_asked_and_leaves_nothing_running(qtbot, panel):
    wheel = panel.wheel
    wheel.zoom_duration = 40
    wheel.zoom_to("love")
    assert wheel._animation.state() == wheel._animation.State.Running
    wheel.grab()  # paints a frame mid-way
    qtbot.waitUntil(lambda: wheel._animation.state() == wheel._animation.State.Stopped)
    assert wheel._previous is None


def _render(widget: QWidget, name: str) -> QImage:
    widget.setPalette(theme.palette_for(name))
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_light_dark_and_disabled_render_differently_without_qt_warnings(qtbot, vocab):
    wheel = WheelWidget(vocab)
    qtbot.addWidget(wheel)
    wheel.resize(300, 300)
    light, dark = _render(wheel, "light"), _render(wheel, "dark")
    assert QColor(light.pixel(150, 40)).lightness() > QColor(dark.pixel(150, 40)).lightness()
    wheel.setEnabled(False)
    dimmed = _render(wheel, "light")
    assert dimmed != light
    assert wheel.sizeHint().width() >= wheel.minimumSizeHint().width() > 100


def test_size_hint_follows_the_font(qtbot, vocab):
    wheel = WheelWidget(vocab)
    qtbot.addWidget(wheel)
    before = wheel.sizeHint().width()
    font = wheel.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    wheel.setFont(font)
    assert wheel.sizeHint().width() > before


@pytest.mark.parametrize(("name", "root"), [("light", None), ("dark", "detachment")])
def test_golden_images(qtbot, vocab, name, root):
    """A picture is the thing tested here; regenerate with EMOTRAINER_UPDATE_GOLDEN=1."""
    wheel = WheelWidget(vocab)
    wheel.zoom_duration = 0
    qtbot.addWidget(wheel)
    wheel.resize(280, 280)
    if root:
        wheel.zoom_to(root)
    wheel.set_chosen({"numb", "sadness"})
    image = _render(wheel, name)
    path = GOLDEN / f"wheel-{name}.png"
    if UPDATE_GOLDEN:
        GOLDEN.mkdir(exist_ok=True)
        image.save(str(path))
    golden = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
    assert golden.size() == image.size(), f"missing or stale {path.name}"
    mean, off = _differences(image, golden)
    assert mean < 0.02
    assert off < 0.01


def _differences(a: QImage, b: QImage) -> tuple[float, float]:
    """(mean absolute difference per channel, share of pixels off by more than a
    quarter in some channel), both 0–1. The first forgives anti-aliasing and
    font hinting; the second notices missing text, which is small in area."""
    total = 0
    off = 0
    for y in range(a.height()):
        for x in range(a.width()):
            pa, pb = a.pixel(x, y), b.pixel(x, y)
            deltas = [abs(((pa >> s) & 255) - ((pb >> s) & 255)) for s in (0, 8, 16)]
            total += sum(deltas)
            off += max(deltas) > 64
    pixels = a.width() * a.height()
    return total / (pixels * 3 * 255), off / pixels


@pytest.mark.parametrize("size", [600, 1200])
def test_screenshot_sample_shows_three_words_and_a_pointed_word(qtbot, vocab, size):
    sample = screenshot_sample(vocab)
    qtbot.addWidget(sample)
    sample.resize(size, size)
    sample.show()
    qtbot.waitExposed(sample)
    assert isinstance(sample, WheelPanel)
    assert [w for w, _ in sample.selection()] == ["anxious", "lonely", "numb"]
    assert all(i is not None for _, i in sample.selection())
    assert len(sample._chips) == 3
    assert all(chip.isVisibleTo(sample) for chip in sample._chips)
    assert sample.wheel.hovered_word == "weary"
    assert sample.detail_title.text() == "Weary"
    assert not sample.grab().isNull()


def test_add_word_dialog_needs_a_callback(qtbot, vocab):
    panel = WheelPanel(vocab)
    qtbot.addWidget(panel)
    assert not panel.add_button.isVisibleTo(panel)
    with pytest.raises(RuntimeError):
        panel.open_add_word()
