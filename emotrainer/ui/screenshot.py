"""`emotrainer screenshot PAGE`: render a page offscreen to a PNG, for docs and checks."""

from __future__ import annotations

import os
from pathlib import Path

from emotrainer.core.validate import BadInput
from emotrainer.paths import AppPaths

PAGES = ("today", "data", "about")


def render(page: str, out: Path, size: tuple[int, int], theme_name: str, paths: AppPaths) -> None:
    if page not in PAGES:
        raise BadInput(f"{page}: unknown page; choose one of {', '.join(PAGES)}")
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed

    from emotrainer.content import full_vocabulary
    from emotrainer.storage.store import Store
    from emotrainer.ui import theme
    from emotrainer.ui.app import application
    from emotrainer.ui.bus import ChangeBus
    from emotrainer.ui.main_window import MainWindow

    app = application()
    theme.apply(app, theme_name)
    with Store.open_readonly(paths) as store:  # a picture never changes data
        window = MainWindow(store, full_vocabulary(store.user_words()), ChangeBus(), remember=False)
        window.resize(*size)
        window.show_page(page)
        window.show()
        app.processEvents()
        image = window.grab()
        window.close()
        window.deleteLater()
        app.processEvents()
    if not image.save(str(out), "PNG"):
        raise BadInput(f"{out}: cannot write the PNG file here")
