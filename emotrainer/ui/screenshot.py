"""`emotrainer screenshot PAGE`: render a page or widget offscreen to a PNG.

Pages are the main window's (today, progress, history, trainer, …) and the first step
of each exercise (checkin, body_scan, …), drawn over the data in the data
folder, which is only read. Widgets (wheel, body, heat) are drawn with
a fixed sample selection, for docs and visual checks.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from emotrainer.core.validate import BadInput
from emotrainer.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap
    from PySide6.QtWidgets import QWidget

    from emotrainer.core.vocabulary import Vocabulary
    from emotrainer.ui.main_window import MainWindow

PAGES = ("today", "progress", "history", "trainer", "words", "data", "therapist", "about")
# The word trainer mid-session (a fixed seed): a card, and its feedback after a
# close-but-not-right choice. Nothing is rated, so nothing would be written.
TRAINER_STATES = ("trainer_card", "trainer_feedback")
EXERCISES = (
    "checkin",
    "body_scan",
    "unpack",
    "grounding",
    "inventory",
    "session_before",
    "session_after",
)
WIDGETS = ("wheel", "body", "heat")


def render(page: str, out: Path, size: tuple[int, int], theme_name: str, paths: AppPaths) -> None:
    if page not in (*PAGES, *TRAINER_STATES, *EXERCISES, *WIDGETS):
        choices = ", ".join((*PAGES, *TRAINER_STATES, *EXERCISES, *WIDGETS))
        raise BadInput(f"{page}: unknown page; choose one of {choices}")
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed

    from emotrainer.content import full_vocabulary
    from emotrainer.storage.store import Store
    from emotrainer.ui import theme
    from emotrainer.ui.app import application

    app = application()
    theme.apply(app, theme_name)
    with Store.open_readonly(paths) as store:  # a picture never changes data
        vocabulary = full_vocabulary(store.user_words())
        if page in WIDGETS:
            image = _grab(_SAMPLES[page](vocabulary), size)
        else:
            from emotrainer.ui.bus import ChangeBus
            from emotrainer.ui.main_window import MainWindow

            window = MainWindow(store, vocabulary, ChangeBus(), remember=False)
            if page in EXERCISES:
                window.start_exercise(page)
            elif page in TRAINER_STATES:
                _trainer_state(window, page)
            else:
                window.show_page(page)
            image = _grab(window, size)
    if not image.save(str(out), "PNG"):
        raise BadInput(f"{out}: cannot write the PNG file here")


def _trainer_state(window: MainWindow, state: str) -> None:
    from emotrainer.ui.pages.trainer import TrainerPage

    window.show_page("trainer")
    trainer = window.page("trainer")
    assert isinstance(trainer, TrainerPage)
    trainer.seed = 7
    trainer.start_session()
    practice = trainer.practice
    if practice is None or practice.current is None:
        raise BadInput(f"{state}: the trainer has nothing to practise with this data")
    if state == "trainer_feedback":
        question = practice.current
        wrong = [o.key for o in question.options if o.key not in question.right]
        trainer.card_view.chosen.emit(wrong[0] if wrong else question.options[0].key)


def _grab(widget: QWidget, size: tuple[int, int]) -> QPixmap:
    from PySide6.QtWidgets import QApplication

    widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    image = widget.grab()
    widget.close()
    widget.deleteLater()
    QApplication.processEvents()
    return image


def _wheel(vocabulary: Vocabulary) -> QWidget:
    from emotrainer.ui.wheel_panel import screenshot_sample

    return screenshot_sample(vocabulary)


def _body(vocabulary: Vocabulary) -> QWidget:
    from emotrainer.ui.bodymap_panel import screenshot_sample

    return screenshot_sample(vocabulary)


def _heat(vocabulary: Vocabulary) -> QWidget:
    from emotrainer.ui.bodymap_panel import heat_sample

    return heat_sample()


_SAMPLES: dict[str, Callable[[Vocabulary], QWidget]] = {
    "wheel": _wheel,
    "body": _body,
    "heat": _heat,
}
