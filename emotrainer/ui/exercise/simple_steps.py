"""The plain-widget steps: presence (0–10), a note, the context tags, the inventory.

Each edits one answer in the shape ``core.flows.validate_answer`` expects and
returns None while there is nothing to give (STYLE: the page validates and
decides). Everything the person typed is shown as plain text, never rich text,
and keeps every character they wrote (any script, emoji, invisible marks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCompleter,
    QFrame,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from emotrainer.core.flow_defs import Step
from emotrainer.core.flows import JSON, NOTE_MAX, TAG_MAX, TAGS_MAX
from emotrainer.core.inventory import ITEMS, SCALE
from emotrainer.ui.bodyglyphs import mix
from emotrainer.ui.exercise.base import StepContext, StepView
from emotrainer.ui.widgets import copy_label, plain_label

SUGGESTIONS_MAX = 8  # past tags offered as buttons under each tag input
_CHOOSE_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _isolated(text: str) -> str:
    """``text`` as its own bidi run (FSI…PDI), so a Hebrew tag after "+ " reads right."""
    return f"\u2068{text}\u2069"


def _utf16(text: str) -> int:
    """The length of ``text`` as Qt counts it (cursor positions are UTF-16 units)."""
    return len(text.encode("utf-16-le")) // 2


# -- presence --------------------------------------------------------------------


class _PresenceSlider(QSlider):
    """A slider whose Space or Enter means "this one" (the handle starts unchosen)."""

    confirmed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CHOOSE_KEYS:
            self.confirmed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class PresenceView(StepView):
    """How present or connected the person feels, 0–10; any number is a fine answer.

    The handle waits in the middle, dimmed, until the person moves it or presses
    Space or Enter on it: nothing is chosen for them.
    """

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self._chosen = False
        self._last: int | None = None
        self.figure = copy_label("", "figure", wrap=False)
        self.figure.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.figure.setAccessibleName("Chosen number")
        self.unset = copy_label("Not chosen yet", "section", wrap=False)
        self.unset.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.unset.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # Both take the figure's height, so choosing a number does not move the slider.
        self.unset.setMinimumHeight(self.figure.sizeHint().height())
        self.slider = _PresenceSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 10)
        self.slider.setSingleStep(1)
        self.slider.setPageStep(2)
        self.slider.setValue(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(1)
        self.slider.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.slider.setAccessibleName("How present you feel, from 0 to 10")
        self._dim = QGraphicsOpacityEffect(self.slider)
        self._dim.setOpacity(0.4)
        self.slider.setGraphicsEffect(self._dim)
        self.slider.valueChanged.connect(self._choose)
        self.slider.sliderPressed.connect(self._choose)
        self.slider.confirmed.connect(self._choose)

        ends = QHBoxLayout()
        ends.addWidget(copy_label("0 · far away, numb", "muted", wrap=False))
        ends.addStretch(1)
        ends.addWidget(copy_label("here, connected · 10", "muted", wrap=False))
        self.hint = copy_label("", "muted")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.figure)
        layout.addWidget(self.unset)
        layout.addSpacing(6)
        layout.addWidget(self.slider)
        layout.addLayout(ends)
        layout.addSpacing(6)
        layout.addWidget(self.hint)
        layout.addStretch(1)
        self._show()

    def _choose(self, *_value: int) -> None:
        self._chosen = True
        self._show()
        if self.slider.value() != self._last:
            self._last = self.slider.value()
            self.answer_changed.emit()

    def _show(self) -> None:
        self._dim.setEnabled(not self._chosen)
        self.figure.setVisible(self._chosen)
        self.unset.setVisible(not self._chosen)
        if self._chosen:
            value = self.slider.value()
            self.figure.setText(str(value))
            self.hint.setText("Any number is fine. Arrow keys, Page Up/Down, Home and End move it.")
            self.slider.setAccessibleDescription(f"{value} of 10")
        else:
            self.hint.setText(
                "Use the arrow keys, or press Space to choose the middle. Any number is fine."
            )
            self.slider.setAccessibleDescription("Not chosen yet. Any number is fine.")

    def value(self) -> object | None:
        return self.slider.value() if self._chosen else None

    def set_value(self, value: JSON) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
            self.slider.blockSignals(True)
            self.slider.setValue(value)
            self.slider.blockSignals(False)
            self._chosen = True
            self._last = value
            self._show()

    def first_focus(self) -> QWidget:
        return self.slider


# -- text with a cap ---------------------------------------------------------------


class CappedTextEdit(QPlainTextEdit):
    """Plain text up to ``limit`` characters; a paste beyond it is cut, and said so.

    ``text()`` keeps every character as typed (no-break spaces, line separators),
    and a restored text comes back exactly as it was given until it is edited.
    """

    edited = Signal()
    truncated = Signal(int)  # how many characters were left out

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self._restored: str | None = None
        self._cutting = False  # our own edits: loading a text, cutting a paste
        self.setTabChangesFocus(True)
        self.document().contentsChange.connect(self._changed)

    def text(self) -> str:
        if self._restored is not None:
            return self._restored
        return self.document().toRawText().replace("\u2029", "\n")

    def set_text(self, text: str) -> None:
        text = text[: self.limit]
        self._cutting = True
        self.setPlainText(text)
        self._cutting = False
        self._restored = text
        self.moveCursor(QTextCursor.MoveOperation.End)

    def _changed(self, position: int, _removed: int, added: int) -> None:
        if self._cutting:
            return
        self._restored = None
        text = self.text()
        excess = len(text) - self.limit
        if excess > 0:
            # Cut the end of what was just added (a paste), not the text after it.
            raw = self.document().toRawText()
            end = len(raw.encode("utf-16-le")[: 2 * (position + added)].decode("utf-16-le"))
            start = max(0, end - excess)
            cursor = QTextCursor(self.document())
            cursor.setPosition(_utf16(raw[:start]))
            cursor.setPosition(_utf16(raw[:end]), QTextCursor.MoveMode.KeepAnchor)
            self._cutting = True
            cursor.removeSelectedText()
            self._cutting = False
            self.truncated.emit(excess)
        self.edited.emit()


class NoteView(StepView):
    """A note in the person's own words; empty is simply no note (None)."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.editor = CappedTextEdit(NOTE_MAX)
        self.editor.setAccessibleName("Your note")
        self.editor.setPlaceholderText("Write here, or leave it empty.")
        self.editor.setMinimumHeight(self.fontMetrics().height() * 8)
        self.counter = copy_label("", "muted")
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.counter.setAccessibleName("Length of the note")
        self._cut = 0
        self.editor.truncated.connect(self._truncated)
        self.editor.edited.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.counter)
        self._count()

    def _truncated(self, excess: int) -> None:
        self._cut = excess

    def _edited(self) -> None:
        self._count()
        self._cut = 0
        self.answer_changed.emit()

    def _count(self) -> None:
        text = f"{len(self.editor.text()):,} / {NOTE_MAX:,} characters"
        if self._cut:
            cut = (
                "character you added was"
                if self._cut == 1
                else (f"{self._cut:,} characters you added were")
            )
            text += f". A note holds up to {NOTE_MAX:,} characters, so the last {cut} left out."

        self.counter.setText(text)

    def value(self) -> object | None:
        text = self.editor.text()
        return text or None

    def set_value(self, value: JSON) -> None:
        if isinstance(value, str):
            self.editor.set_text(value)
            self._count()

    def first_focus(self) -> QWidget:
        return self.editor


# -- context tags ---------------------------------------------------------------------


class FlowLayout(QLayout):
    """Widgets left to right, wrapping onto new lines (chips)."""

    def __init__(self, parent: QWidget | None = None, gap: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = gap
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize(0, 0)
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = min(hint.width(), rect.width())
            if x > rect.x() and x + width > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, hint.height())))
            x += width + self._gap
            line = max(line, hint.height())
        return y + line - rect.y()


class Chip(QFrame):
    """One tag: its text and a × that removes it; Delete or Backspace removes it too."""

    removed = Signal(object)  # the chip

    def __init__(self, text: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        label = plain_label("", wrap=False)
        label.setText(
            label.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, label.fontMetrics().height() * 15
            )
        )
        label.setAccessibleName(text)
        self.button = QToolButton()
        self.button.setText("×")
        self.button.setAutoRaise(True)
        self.button.setAccessibleName(f"Remove {what} “{text}”")
        self.button.setAccessibleDescription("Delete or Backspace removes it too.")
        self.button.clicked.connect(lambda: self.removed.emit(self))
        self.setFocusProxy(self.button)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 2, 2)
        row.setSpacing(2)
        row.addWidget(label)
        row.addWidget(self.button)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.removed.emit(self)
            return
        super().keyPressEvent(event)


class TagInput(QWidget):
    """A list of short tags: type and press Enter (or a comma), or pick one used before."""

    changed = Signal()

    def __init__(
        self, what: str, plural: str, past: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.what, self.plural = what, plural
        self.chips: list[Chip] = []
        self.edit = QLineEdit()
        self.edit.setMaxLength(TAG_MAX)
        self.edit.setPlaceholderText(f"Type a {what}, then Enter")
        self.edit.setAccessibleName(f"Add a {what}")
        self.edit.setAccessibleDescription("Enter or a comma adds it; earlier ones are offered.")
        completer = QCompleter(list(past), self.edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._completed)
        self.edit.setCompleter(completer)
        self.edit.returnPressed.connect(self._add_typed)
        self.edit.textEdited.connect(self._comma)
        self.chip_box = QWidget()
        self.chip_flow = FlowLayout(self.chip_box)
        self.note = plain_label("", "muted")  # it may quote a tag: data, so plain text
        self.note.setAccessibleName(f"About the {plural}")
        self.note.hide()

        self.suggestions: list[QPushButton] = []
        suggest_box = QWidget()
        suggest_flow = FlowLayout(suggest_box)
        for tag in list(dict.fromkeys(t for t in past if t.strip()))[:SUGGESTIONS_MAX]:
            shown = self.fontMetrics().elidedText(
                tag, Qt.TextElideMode.ElideRight, self.fontMetrics().height() * 10
            )
            button = QPushButton("+ " + _isolated(shown.replace("&", "&&")))
            button.setAccessibleName(f"Add {what} “{tag}”")
            button.setProperty("tag", tag)
            button.clicked.connect(lambda _=False, t=tag: self.add(t))
            self.suggestions.append(button)
            suggest_flow.addWidget(button)
        self.used = copy_label("Used before:", "muted", wrap=False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.edit)
        layout.addWidget(self.chip_box)
        layout.addWidget(self.note)
        layout.addWidget(self.used)
        layout.addWidget(suggest_box)
        # Only now, with a parent: a parentless widget shown would be a window of its own.
        self.used.setVisible(bool(self.suggestions))
        suggest_box.setVisible(bool(self.suggestions))
        self.chip_box.hide()

    def tags(self) -> list[str]:
        return [c.text for c in self.chips]

    def set_tags(self, tags: Sequence[str]) -> None:
        for chip in list(self.chips):
            self._drop(chip)
        for tag in tags:
            self.add(tag, quiet=True)

    def add(self, text: str, *, quiet: bool = False) -> bool:
        """Add a tag; False (and a quiet word why) when it is empty, there, or one too many."""
        text = text.strip()[:TAG_MAX]
        if not text:
            return False
        if any(t.casefold() == text.casefold() for t in self.tags()):
            self._say(f"“{text}” is already there.")
            return False
        if len(self.chips) >= TAGS_MAX:
            self._say(
                f"That's {TAGS_MAX} {self.plural}, the most one entry holds. "
                "Remove one to add another."
            )
            return False
        chip = Chip(text, self.what)
        chip.removed.connect(self._remove)
        self.chips.append(chip)
        self.chip_flow.addWidget(chip)
        chip.show()  # at once (a layout shows a new child only later): Tab can reach it now
        # New widgets join the end of the window's focus chain: put the chip
        # right after the input and the chips before it.
        QWidget.setTabOrder(
            self.chips[-2].button if len(self.chips) > 1 else self.edit, chip.button
        )
        self._say("")
        self._sync_suggestions()
        if not quiet:
            self.changed.emit()
        return True

    def _add_typed(self) -> None:
        if self.add(self.edit.text()):
            self.edit.clear()

    def _completed(self, text: str) -> None:
        # The line edit puts the completion into itself after this signal (and Enter
        # may add it as typed text too): take it once that is over.
        QTimer.singleShot(0, self, lambda: self._take(text))

    def _take(self, text: str) -> None:
        if all(t.casefold() != text.strip().casefold() for t in self.tags()):
            self.add(text)
        if self.edit.text().strip().casefold() == text.strip().casefold():
            self.edit.clear()

    def _comma(self, text: str) -> None:
        if "," not in text:
            return
        *parts, rest = text.split(",")
        kept = [p.strip() for p in parts if not self.add(p) and len(self.chips) >= TAGS_MAX]
        self.edit.setText(", ".join([*kept, rest.lstrip()]) if kept else rest.lstrip())

    def _remove(self, chip: Chip) -> None:
        index = self.chips.index(chip)
        had_focus = chip.button.hasFocus()
        self._drop(chip)
        self._sync_suggestions()
        if had_focus:
            rest = self.chips[min(index, len(self.chips) - 1)] if self.chips else None
            (rest.button if rest else self.edit).setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def _drop(self, chip: Chip) -> None:
        self.chips.remove(chip)
        self.chip_flow.removeWidget(chip)
        chip.hide()
        chip.deleteLater()

    def _sync_suggestions(self) -> None:
        chosen = {t.casefold() for t in self.tags()}
        focused = next((b for b in self.suggestions if b.hasFocus()), None)
        for button in self.suggestions:
            button.setVisible(str(button.property("tag")).casefold() not in chosen)
        if focused is not None and not focused.isVisible():
            after = self.suggestions[self.suggestions.index(focused) :]
            target = next((b for b in after + self.suggestions if b.isVisible()), self.edit)
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.chip_box.setVisible(bool(self.chips))

    def _say(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


class ContextView(StepView):
    """Situation and people tags and a few words on what happened just before; all optional."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.situations = TagInput("situation", "situations", context.past_situations)
        self.people = TagInput("person", "people", context.past_people)
        self.people.edit.setPlaceholderText("A name or a role, like “a friend”, then Enter")
        self.before = CappedTextEdit(NOTE_MAX)
        self.before.setAccessibleName("What happened just before?")
        self.before.setPlaceholderText("A few words, if you like.")
        self.before.setFixedHeight(self.fontMetrics().height() * 5)
        self.before_note = copy_label(
            f"This box holds up to {NOTE_MAX:,} characters, so the end of what you pasted "
            "was left out.",
            "muted",
        )
        self.before_note.hide()
        self.before.truncated.connect(lambda _n: self.before_note.show())
        self.situations.changed.connect(self.answer_changed)
        self.people.changed.connect(self.answer_changed)
        self.before.edited.connect(self.answer_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for title, widget in (
            ("Where are you, what are you doing?", self.situations),
            ("Who is around, or on your mind?", self.people),
            ("What happened just before?", self.before),
        ):
            heading = copy_label(title, "section")
            heading.setBuddy(widget.edit if isinstance(widget, TagInput) else widget)
            layout.addSpacing(6)
            layout.addWidget(heading)
            layout.addWidget(widget)
        layout.addWidget(self.before_note)
        layout.addStretch(1)

    def value(self) -> object | None:
        situations, people = self.situations.tags(), self.people.tags()
        before = self.before.text()
        if not situations and not people and not before.strip():
            return None
        return {"situations": list(situations), "people": list(people), "before": before}

    def set_value(self, value: JSON) -> None:
        if not isinstance(value, dict):
            return
        for key, tags in (("situations", self.situations), ("people", self.people)):
            stored = value.get(key)
            if isinstance(stored, list):
                tags.set_tags([t for t in stored if isinstance(t, str)])
        before = value.get("before")
        if isinstance(before, str):
            self.before.set_text(before)

    def first_focus(self) -> QWidget:
        return self.situations.edit


# -- feelings inventory ---------------------------------------------------------------


class _RatingRow(QObject):
    """One feeling's five radio buttons: one Tab stop; arrows, Home/End and 0–4 choose."""

    def __init__(self, label: str, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[QRadioButton] = []
        for score, word in enumerate(SCALE):
            button = QRadioButton()
            button.setAccessibleName(f"{label}: {score}, {word}")
            button.installEventFilter(self)
            self.group.addButton(button, score)
            self.buttons.append(button)
        self.group.idToggled.connect(lambda _id, _on: self._roving())
        self.group.idClicked.connect(lambda _id: on_change())
        self._roving()

    def score(self) -> int | None:
        chosen = self.group.checkedId()
        return None if chosen < 0 else chosen

    def set_score(self, score: int) -> None:
        self.buttons[score].setChecked(True)

    def _roving(self) -> None:
        """Only the chosen button (or the first) takes Tab: one stop per row."""
        chosen = self.score()
        for score, button in enumerate(self.buttons):
            tab = score == (chosen if chosen is not None else 0)
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if tab else Qt.FocusPolicy.ClickFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.KeyPress
            or not isinstance(event, QKeyEvent)
            or not isinstance(watched, QRadioButton)
            or watched not in self.buttons
            or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            return False
        at, key, last = self.buttons.index(watched), event.key(), len(self.buttons) - 1
        if key == Qt.Key.Key_Left:
            target = at - 1
        elif key == Qt.Key.Key_Right:
            target = at + 1
        elif key == Qt.Key.Key_Home:
            target = 0
        elif key == Qt.Key.Key_End:
            target = last
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_0 + last:
            target = key - Qt.Key.Key_0
        else:
            return False
        target = max(0, min(last, target))
        self.buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
        self.buttons[target].click()
        return True


class InventoryView(StepView):
    """Every inventory feeling rated 0–4; "not at all" is as useful an answer as any."""

    def __init__(self, step: Step, context: StepContext, parent: QWidget | None = None) -> None:
        super().__init__(step, context, parent)
        self.grid = grid = QGridLayout()
        grid.setContentsMargins(10, 0, 10, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.setColumnStretch(0, 2)
        for score, word in enumerate(SCALE):
            header = copy_label(f"{score}\n{word}", "muted")
            header.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
            grid.addWidget(header, 0, score + 1)
            grid.setColumnStretch(score + 1, 1)
        self.rows: dict[str, _RatingRow] = {}
        self._labels: list[QWidget] = []
        for line, item in enumerate(ITEMS, start=1):
            label = copy_label(item.label, wrap=False)
            self._labels.append(label)
            grid.addWidget(label, line, 0)
            grid.setRowMinimumHeight(line, round(self.fontMetrics().height() * 1.8))
            row = _RatingRow(item.label, self._changed)
            row.setParent(self)
            for score, button in enumerate(row.buttons):
                grid.addWidget(button, line, score + 1, Qt.AlignmentFlag.AlignHCenter)
            label.setBuddy(row.buttons[0])
            self.rows[item.id] = row
        self.progress = copy_label("", "muted")
        self.progress.setAccessibleName("How many are rated")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addWidget(self.progress)
        layout.addWidget(
            copy_label("Tab goes to the next feeling; the arrow keys or 0 to 4 choose.", "muted")
        )
        layout.addStretch(1)
        self._tint()
        self._count()

    def _tint(self) -> None:
        """Give the rims of the (textless) radio buttons enough contrast in both themes.

        Fusion draws a radio button's rim a shade darker than the Window colour,
        which all but vanishes on a dark window; the rim is drawn from a colour
        between window and text instead.
        """
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        text = palette.color(QPalette.ColorRole.WindowText)
        rim = QPalette()
        rim.setColor(QPalette.ColorRole.Window, mix(window, text, 0.5))
        for row in self.rows.values():
            for button in row.buttons:
                button.setPalette(rim)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Every other row on a faint band, so the eye can follow a row across."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.AlternateBase))
        # The label fills its grid cell (QGridLayout.cellRect is no help here: with
        # wrapping headers the grid lays out height-for-width and leaves it empty).
        area = self.grid.contentsRect()
        for label in self._labels[::2]:
            cell = label.geometry()
            band = QRect(area.left() - 8, cell.top(), area.width() + 16, cell.height())
            painter.drawRoundedRect(band, 6, 6)

    def _changed(self) -> None:
        self._count()
        self.answer_changed.emit()

    def _count(self) -> None:
        rated = sum(r.score() is not None for r in self.rows.values())
        total = len(self.rows)
        self.progress.setText(
            f"All {total} rated." if rated == total else f"{rated} of {total} rated"
        )

    def value(self) -> object | None:
        scores = {item_id: row.score() for item_id, row in self.rows.items()}
        if any(s is None for s in scores.values()):
            return None
        return scores

    def set_value(self, value: JSON) -> None:
        if not isinstance(value, dict):
            return
        for item_id, score in value.items():
            row = self.rows.get(item_id)
            if row is not None and isinstance(score, int) and 0 <= score < len(SCALE):
                row.set_score(score)
        self._count()

    def first_focus(self) -> QWidget:
        first = next(iter(self.rows.values()))
        return next(
            (b for b in first.buttons if b.focusPolicy() & Qt.FocusPolicy.TabFocus),
            first.buttons[0],
        )
