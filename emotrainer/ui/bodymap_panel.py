"""The body map panel: the figure, a compact editor, the marks, and words to try.

Click a place (or Tab to the figure, move with the arrow keys, press Enter)
and the editor beside it asks what is noticed there: any of the sensation
qualities (“numb” and “nothing / can't tell” are answers like any other),
more or less activity than usual, and how strong (0–10). Marks are listed
beside the map, where Enter changes one and Delete removes it. A plain list
of every place (“As a list”) reaches the same editor without the picture.

Below, “Words that often go with what you noticed” offers candidate words
from the body cues (core.suggest) — ideas to try, never a verdict. Choosing
one emits ``suggestion_chosen``; what happens next is the host's business.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.body import REGIONS
from emotrainer.core.bodymap import BodyMap, describe_mark, region_label
from emotrainer.core.models import ACTIVITY_LESS, ACTIVITY_MORE, ACTIVITY_SAME, BodyMark
from emotrainer.core.suggest import SENSATION_FAMILIES, mark_families, rank_words
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.ui.bodyglyphs import glyph_icon
from emotrainer.ui.bodymap import WHOLE_BODY, BodyMapWidget
from emotrainer.ui.bodymap_lists import ID_ROLE, SECOND_ROLE, THIRD_ROLE, KeyList, LinesList
from emotrainer.ui.mark_editor import MarkEditor
from emotrainer.ui.widgets import Card, copy_label

SUGGESTIONS_TITLE = "Words that often go with what you noticed"
FAMILY_NAMES = {
    "tension": "tight, tense, pressure, aching",
    "heat": "warm, hot",
    "cold": "cold",
    "activation": "tingling, buzzing, fluttery, restless, shaky, racing",
    "weight": "heavy, sinking",
    "lightness": "light, open",
    "muted": "numb, hollow",
    "absence": "nothing / can't tell",
}


class MarkKey(QWidget):
    """What the symbols mean, and that stronger colour and closer lines mean more intense."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Key to the symbols on the body map")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        self._icons: list[tuple[QLabel, str]] = []
        for i, family in enumerate(SENSATION_FAMILIES):
            icon = QLabel()
            self._icons.append((icon, family))
            row, column = divmod(i, 2)
            grid.addWidget(icon, row, column * 2)
            grid.addWidget(copy_label(FAMILY_NAMES[family], "muted"), row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        note = "Stronger colour and closer lines: more intense. + more, − less activity than usual."
        grid.addWidget(copy_label(note, "muted"), len(self._icons) // 2, 0, 1, 4)
        self._paint_icons()

    def _paint_icons(self) -> None:
        size = self.fontMetrics().height() + 2
        for label, family in self._icons:
            label.setPixmap(glyph_icon(family, size, self.palette()).pixmap(size, size))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._paint_icons()
        super().changeEvent(event)


def _toggle(text: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setAccessibleName(name)
    button.setCheckable(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    policy = button.sizePolicy()
    policy.setRetainSizeWhenHidden(True)  # the panel's minimum size stays put
    button.setSizePolicy(policy)
    return button


class BodyMapPanel(QWidget):
    marks_changed = Signal(list)  # list[BodyMark], after every change the person makes
    region_focused = Signal(str)
    suggestion_chosen = Signal(str)  # a word id

    def __init__(
        self, vocabulary: Vocabulary, bodymap: BodyMap | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._vocabulary = vocabulary
        self._marks: dict[str, BodyMark] = {}
        self._return_to: QWidget | None = None
        self.map = BodyMapWidget(bodymap)
        self.map.setAccessibleName("Body map")
        self.map.region_activated.connect(self.open_editor)
        self.map.region_cleared.connect(self._remove)
        self.map.region_focused.connect(self.region_focused.emit)
        self.map.views_changed.connect(self._sync_toggles)
        self.editor = MarkEditor()
        self.editor.hide()
        self.editor.saved.connect(self._saved)
        self.editor.removed.connect(self._remove)
        self.editor.closed.connect(self._close_editor)
        layout = QHBoxLayout(self)
        # Advisory only: as a window of its own (screenshots, tests) the panel must not
        # push a minimum size onto the platform window.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(14)
        layout.addLayout(self._build_picture(), 5)
        layout.addWidget(self._build_side(), 4)
        # Tab order: the figure first, then its controls, the editor, marks and words.
        editor = self.editor
        order: list[QWidget] = [
            self.map, self.whole_body_button, self.show_picture, self.show_list,
            self.show_front, self.show_back, self.region_list, editor.chips,
            *editor.activity.buttons(), editor.intensity, editor.save_button,
            editor.remove_button, editor.cancel_button, self.mark_list, self.suggestions,
        ]  # fmt: skip
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)
        self._refresh()

    def _build_picture(self) -> QVBoxLayout:
        self.show_picture = _toggle("Picture", "Show the body as a picture")
        self.show_list = _toggle("List", "Show every place as a list")
        self.show_front = _toggle("Front", "Show the front of the body")
        self.show_back = _toggle("Back", "Show the back of the body")
        toolbar = QHBoxLayout()
        pairs = ((self.show_picture, self.show_list), (self.show_front, self.show_back))
        for pair in pairs:
            group = QButtonGroup(self)
            for button in pair:
                group.addButton(button)
                toolbar.addWidget(button)
            pair[0].setChecked(True)
        toolbar.addStretch(1)
        self.show_picture.clicked.connect(lambda: self._show_list(False))
        self.show_list.clicked.connect(lambda: self._show_list(True))
        self.show_front.clicked.connect(lambda: self.map.set_view("front"))
        self.show_back.clicked.connect(lambda: self.map.set_view("back"))

        self.region_list = KeyList()
        self.region_list.setAccessibleName("Every place on the body; Enter describes one")
        self.region_list.enter_pressed.connect(self.open_editor)
        self.region_list.itemDoubleClicked.connect(lambda i: self.open_editor(i.data(ID_ROLE)))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.map)
        self.stack.addWidget(self.region_list)

        self.whole_body_button = QPushButton("My whole body")
        self.whole_body_button.setAccessibleName("Describe my whole body")
        self.whole_body_button.clicked.connect(lambda: self.open_editor(WHOLE_BODY))
        whole_row = QHBoxLayout()
        whole_row.addStretch(1)
        whole_row.addWidget(copy_label("Or, for all of you at once:", "muted", wrap=False))
        whole_row.addWidget(self.whole_body_button)
        whole_row.addStretch(1)

        column = QVBoxLayout()
        column.addLayout(toolbar)
        column.addWidget(self.stack, 1)
        column.addLayout(whole_row)
        column.addWidget(MarkKey())
        return column

    def _build_side(self) -> QScrollArea:
        marks_card = Card("What you noticed")
        self.mark_list = LinesList("What you noticed; Enter changes a mark, Delete removes it")
        self.mark_list.enter_pressed.connect(self.open_editor)
        self.mark_list.delete_pressed.connect(self._remove)
        self.mark_list.itemDoubleClicked.connect(lambda i: self.open_editor(i.data(ID_ROLE)))
        self.marks_empty = copy_label(
            "Nothing marked yet. Any place and any answer counts — “numb” and “nothing” too.",
            "muted",
        )
        marks_card.body.addWidget(self.marks_empty)
        marks_card.body.addWidget(self.mark_list)

        words_card = Card(SUGGESTIONS_TITLE)
        self.suggestions_note = copy_label("", "muted")
        self.suggestions = LinesList(SUGGESTIONS_TITLE)
        self.suggestions.enter_pressed.connect(self.suggestion_chosen.emit)
        self.suggestions.itemClicked.connect(
            lambda item: self.suggestion_chosen.emit(item.data(ID_ROLE))
        )
        words_card.body.addWidget(self.suggestions_note)
        words_card.body.addWidget(self.suggestions)

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        for part in (self.editor, marks_card, words_card):
            column.addWidget(part)
        column.addStretch(1)
        self.side = QScrollArea()
        self.side.setWidgetResizable(True)
        self.side.setFrameShape(QScrollArea.Shape.NoFrame)
        self.side.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.side.setWidget(content)
        self._side_width = content.fontMetrics().horizontalAdvance("M") * 17
        self.side.setMinimumWidth(self._side_width)
        return self.side

    # -- public ----------------------------------------------------------------------

    def set_marks(self, marks: Iterable[BodyMark]) -> None:
        """Show these marks (for example a draft being resumed); emits nothing."""
        self._marks = {m.region: m for m in marks}
        self._refresh()

    def marks(self) -> list[BodyMark]:
        return list(self._marks.values())

    def set_vocabulary(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary
        self._refresh()

    def open_editor(self, region_id: str) -> None:
        focus = self.focusWidget()
        if focus is not None and not self.editor.isAncestorOf(focus):
            self._return_to = focus
        self.editor.open(region_id, self._marks.get(region_id))
        # The column widens to the editor rather than scroll sideways.
        bar = self.side.verticalScrollBar().sizeHint().width()
        self.side.setMinimumWidth(
            max(self._side_width, self.editor.minimumSizeHint().width() + bar + 6)
        )
        self.side.ensureWidgetVisible(self.editor)

    # -- changes -------------------------------------------------------------------------

    def _saved(self, mark: BodyMark) -> None:
        self._marks[mark.region] = mark
        self._changed()
        self._close_editor()

    def _remove(self, region_id: str) -> None:
        row = self.mark_list.currentRow()
        if self._marks.pop(region_id, None) is not None:
            self._changed()
            self.mark_list.setCurrentRow(min(row, self.mark_list.count() - 1))
        if self.editor.isVisible() and self.editor.region == region_id:
            self._close_editor()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh()  # the symbols in the list are drawn in the theme's colours
        super().changeEvent(event)

    def _changed(self) -> None:
        self._refresh()
        self.marks_changed.emit(self.marks())

    def _close_editor(self) -> None:
        self.editor.hide()
        self.side.setMinimumWidth(self._side_width)
        target = (
            self._return_to
            if self._return_to is not None and self._return_to.isVisible()
            else self.map
        )
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_list(self, as_list: bool) -> None:
        self.stack.setCurrentWidget(self.region_list if as_list else self.map)
        self._sync_toggles()

    def _sync_toggles(self) -> None:
        single = len(self.map.visible_views()) == 1 and self.stack.currentWidget() is self.map
        self.show_front.setVisible(single)
        self.show_back.setVisible(single)

    # -- refresh -------------------------------------------------------------------------

    def _refresh(self) -> None:
        self.map.set_marks(self._marks.values())
        palette = self.palette()
        current = self.mark_list.currentItem()
        keep = current.data(ID_ROLE) if current else None
        self.mark_list.clear()
        ordered = sorted(self._marks.values(), key=lambda m: _REGION_ORDER.get(m.region, 99))
        for mark in ordered:
            name = "Whole body" if mark.region == WHOLE_BODY else region_label(mark.region)
            details = describe_mark(mark)
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, mark.region)
            item.setData(SECOND_ROLE, details[:1].upper() + details[1:])
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} — {details}")
            item.setIcon(glyph_icon(mark_families(mark)[0], 20, palette))
            self.mark_list.addItem(item)
        if keep in self._marks:
            self.mark_list.setCurrentRow([m.region for m in ordered].index(keep))
        self.mark_list.setVisible(bool(self._marks))
        self.marks_empty.setVisible(not self._marks)
        self.mark_list.fit()
        self._refresh_region_list()
        self._refresh_suggestions()

    def _refresh_region_list(self) -> None:
        row = max(0, self.region_list.currentRow())
        self.region_list.clear()
        for region in REGIONS:
            name = "My whole body" if region.id == WHOLE_BODY else region_label(region.id)
            text = f"{name} — {describe_mark(self._marks.get(region.id))}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, region.id)
            self.region_list.addItem(item)
        self.region_list.setCurrentRow(row)

    def _refresh_suggestions(self) -> None:
        ranked = rank_words(self._marks.values(), self._vocabulary)
        self.suggestions.clear()
        for word, _score, reasons in ranked:
            item = QListWidgetItem(word.label)
            item.setData(ID_ROLE, word.id)
            item.setData(SECOND_ROLE, word.definition)
            if reasons:
                item.setData(THIRD_ROLE, "Goes with: " + "; ".join(reasons))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{word.label}. {word.definition}")
            self.suggestions.addItem(item)
        if not self._marks:
            note = "Mark a place on the body to see words that often go with it."
        elif not ranked:
            note = "“Nothing” is a real answer. Words may come later, or not today — both are fine."
        else:
            note = "Only ideas: choose one if it fits, or none. Click or press Enter to choose."
        self.suggestions_note.setText(note)
        self.suggestions.setVisible(bool(ranked))
        self.suggestions.fit()


_REGION_ORDER = {r.id: i for i, r in enumerate(REGIONS)}


# -- samples for `emotrainer screenshot body` ------------------------------------------------


def screenshot_sample(vocabulary: Vocabulary) -> QWidget:
    panel = BodyMapPanel(vocabulary)
    panel.set_marks(
        [
            BodyMark("jaw", ("tight",), ACTIVITY_SAME, 6),
            BodyMark("chest", ("heavy",), ACTIVITY_MORE, 7),
            BodyMark("hand_left", ("numb",), ACTIVITY_LESS, 5),
            BodyMark("hand_right", ("numb",), ACTIVITY_LESS, 5),
            BodyMark("stomach", ("fluttery",), ACTIVITY_SAME, 4),
        ]
    )
    return panel


def heat_sample() -> QWidget:
    """A heat map of how often places were noticed (made-up numbers)."""
    widget = BodyMapWidget()
    counts = {
        "chest": 14, "stomach": 11, "jaw": 9, "throat": 8, "shoulder_left": 6,
        "shoulder_right": 7, "head": 4, "eyes": 2, "belly": 5, "hand_left": 3,
        "hand_right": 3, "upper_back": 6, "neck": 9, "lower_back": 4, "shoulder_blade_left": 5,
        "shoulder_blade_right": 5, "foot_left": 1, "foot_right": 1, "thigh_left": 1,
    }  # fmt: skip
    widget.set_heat(counts, "Times noticed in the last 30 days")
    return widget
