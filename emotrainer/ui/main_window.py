"""The main window: navigation on the left, the current page on the right.

Only pages that are built are listed. Ctrl+1…Ctrl+N jump to a page; the list
itself is a keyboard-friendly navigation (arrow keys). The window's geometry
and the theme are kept in the store's settings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QByteArray, QMimeData, QSize
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from emotrainer.content import full_vocabulary
from emotrainer.core.changes import Change
from emotrainer.core.vocabulary import Vocabulary
from emotrainer.storage.store import Store
from emotrainer.ui import theme
from emotrainer.ui.bus import ChangeBus
from emotrainer.ui.pages.today import TodayPage

if TYPE_CHECKING:
    from emotrainer.ui.exercise.page import ExercisePage

GEOMETRY_KEY = "window.geometry"
THEME_KEY = "theme"
PLAN_SUFFIX = ".emohw"
DROPPED_SUFFIXES = frozenset({PLAN_SUFFIX, ".csv", ".daylio"})  # a plan; Daylio's history


class Page(Protocol):
    title: str

    def on_change(self, change: Change) -> None: ...


class MainWindow(QMainWindow):
    def __init__(
        self, store: Store, vocabulary: Vocabulary, bus: ChangeBus, *, remember: bool = True
    ) -> None:
        super().__init__()
        self._store = store
        self._bus = bus
        self._remember = remember
        self.vocabulary = vocabulary  # the shipped words and the user's own
        self.setWindowTitle("emotrainer")
        self.setMinimumSize(560, 420)
        self.setAcceptDrops(True)  # a homework plan dropped on the window is imported

        # Pages are built when first shown, so start-up pays only for the first.
        self._factories: list[tuple[str, str, Callable[[], QWidget]]] = [
            (
                "today",
                TodayPage.title,
                lambda: TodayPage(
                    store,
                    lambda: self.vocabulary,
                    start=self.start_exercise,
                    discard=self.discard_exercise,
                ),
            ),
            ("progress", "Progress", lambda: _progress_page(store, lambda: self.vocabulary)),
            ("history", "History", lambda: _history_page(store, lambda: self.vocabulary, bus)),
            ("trainer", "Word trainer", lambda: _trainer_page(store, lambda: self.vocabulary, bus)),
            ("words", "Words", lambda: _words_page(store, lambda: self.vocabulary, bus)),
            ("data", "Your data", lambda: _data_page(store, bus)),
            (
                "therapist",
                "Therapist tools",
                lambda: _therapist_page(lambda: self.vocabulary, self._open_report_chosen),
            ),
            ("about", "About", _about_page),
        ]
        self._built: dict[str, QWidget] = {}
        self.exercise: ExercisePage | None = None  # the exercise under way, if any
        self._report_windows: list[QWidget] = []  # clients' reports open now

        self.nav = QListWidget()
        self.nav.setStyleSheet(theme.NAV_STYLE)
        self.nav.setAccessibleName("Pages")
        self.nav.setSpacing(2)
        self.nav.setFixedWidth(max(170, self.nav.fontMetrics().horizontalAdvance("M") * 12))
        self.stack = QStackedWidget()
        item_height = self.nav.fontMetrics().height() + 18
        for _key, title, _factory in self._factories:
            item = QListWidgetItem(title)
            item.setSizeHint(QSize(0, item_height))
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # a placeholder until the page is built
        self.nav.currentRowChanged.connect(self._show_row)
        self.nav.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        bus.changed.connect(self._on_change)
        if remember:
            self._restore_geometry()

    # -- navigation ------------------------------------------------------------

    def show_page(self, key: str) -> None:
        row = self._row_of(key)
        if self.nav.currentRow() == row:
            self._show_row(row)  # the exercise's row just went: the row is current, not shown
        else:
            self.nav.setCurrentRow(row)

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, built now if it was not yet."""
        if key not in self._built:
            row = self._row_of(key)
            widget = self._factories[row][2]()
            placeholder = self.stack.widget(row)
            assert placeholder is not None
            self.stack.insertWidget(row, widget)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built[key] = widget
        return self._built[key]

    @property
    def page_keys(self) -> tuple[str, ...]:
        """Every page's key, in the order of the navigation list."""
        return tuple(key for key, _title, _factory in self._factories)

    @property
    def current_page(self) -> str:
        if self.exercise is not None and self.stack.currentWidget() is self.exercise:
            return "exercise"
        return self._factories[self.stack.currentIndex()][0]

    # -- exercises -------------------------------------------------------------

    def start_exercise(self, flow_id: str) -> ExercisePage:
        """Open an exercise: the one under way, its saved draft, or a fresh start."""
        from emotrainer.core.flow_defs import FLOWS
        from emotrainer.core.flows import DraftMismatch, FlowState
        from emotrainer.ui.exercise.page import ExercisePage

        if self.exercise is not None and self.exercise.flow.id == flow_id:
            self._show_exercise()
            return self.exercise
        self._close_exercise()
        drafts = {d.flow: d for d in self._store.drafts()}
        state, resumed = FlowState.start(FLOWS[flow_id]), False
        if flow_id in drafts:
            try:
                state, resumed = FlowState.from_draft(drafts[flow_id]), True
            except DraftMismatch as e:
                from emotrainer.ui.dialogs import show_known_error

                show_known_error("Starting afresh", f"{e} It starts afresh instead.", self)
                self._bus.publish(self._store.discard_draft(flow_id))
        page = ExercisePage(
            self._store, lambda: self.vocabulary, self._bus.publish, state, resumed=resumed
        )
        page.left.connect(self._exercise_left)
        self.exercise = page
        self.stack.addWidget(page)
        self._show_exercise()
        return page

    def discard_exercise(self, flow_id: str) -> None:
        if self.exercise is not None and self.exercise.flow.id == flow_id:
            self.exercise.saved_entry = None
            self._close_exercise(keep_draft=False)
        self._bus.publish(self._store.discard_draft(flow_id))

    def pause(self) -> None:
        """The grounding pause: over the exercise under way, or on its own."""
        if self.exercise is not None:
            self._show_exercise()
            self.exercise.pause()
        else:
            self.start_exercise("grounding")

    def _show_exercise(self) -> None:
        """The exercise has its own row at the end of the page list while it lasts."""
        assert self.exercise is not None
        row = len(self._factories)
        if self.nav.count() == row:
            item = QListWidgetItem(f"Now: {self.exercise.flow.title}")
            item.setSizeHint(QSize(0, self.nav.fontMetrics().height() + 18))
            self.nav.addItem(item)
        if self.nav.currentRow() == row:
            self._show_row(row)
        else:
            self.nav.setCurrentRow(row)

    def _exercise_left(self) -> None:
        self._close_exercise()
        self.show_page("today")

    def _close_exercise(self, *, keep_draft: bool = True) -> None:
        page, self.exercise = self.exercise, None
        if page is None:
            return
        if keep_draft and page.saved_entry is None:
            page.save_draft()
        page.runner.stop()
        page.left.disconnect(self._exercise_left)
        was_shown = self.stack.currentWidget() is page
        self.nav.blockSignals(True)
        self.nav.takeItem(len(self._factories))
        self.nav.blockSignals(False)
        if was_shown:
            self.show_page("today")
        self.stack.removeWidget(page)
        page.deleteLater()

    def _row_of(self, key: str) -> int:
        for row, (page_key, _title, _factory) in enumerate(self._factories):
            if page_key == key:
                return row
        raise KeyError(key)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if row >= len(self._factories):
            if self.exercise is not None:
                self.stack.setCurrentWidget(self.exercise)
            return
        self.page(self._factories[row][0])
        self.stack.setCurrentIndex(row)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        plan_action = _action(self, "Import a &homework plan…")
        plan_action.triggered.connect(self.import_plan)
        file_menu.addAction(plan_action)
        daylio_action = _action(self, "Import history from &Daylio…")
        daylio_action.triggered.connect(lambda: self.import_daylio())
        file_menu.addAction(daylio_action)
        file_menu.addSeparator()
        export_action = _action(self, "&Export a report…")
        export_action.setShortcuts([QKeySequence.fromString("Ctrl+E")])
        export_action.triggered.connect(lambda: self.export_report())
        file_menu.addAction(export_action)
        report_action = _action(self, "&Open a client's report…")
        report_action.triggered.connect(lambda: self.open_report())
        file_menu.addAction(report_action)
        file_menu.addSeparator()
        quit_action = _action(self, "&Quit")
        quit_action.setShortcuts([QKeySequence.fromString("Ctrl+Q")])
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        go_menu = self.menuBar().addMenu("&Go")
        self.pause_action = _action(self, "&Pause and ground")
        # Ctrl+G ("grounding") from anywhere; the Pause key too, where a keyboard has one.
        self.pause_action.setShortcuts(
            [QKeySequence.fromString("Ctrl+G"), QKeySequence.fromString("Pause")]
        )
        self.pause_action.triggered.connect(self.pause)
        go_menu.addAction(self.pause_action)
        go_menu.addSeparator()
        for number, (key, title, _factory) in enumerate(self._factories, start=1):
            action = _action(self, title)
            action.setShortcuts([QKeySequence.fromString(f"Ctrl+{number}")])
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            go_menu.addAction(action)

        view_menu = self.menuBar().addMenu("&View")
        theme_menu = view_menu.addMenu("&Theme")
        group = QActionGroup(self)
        current = self._store.setting(THEME_KEY, "system")
        self.theme_actions: dict[str, QAction] = {}
        for choice, text in (
            ("system", "Follow the &system"),
            ("light", "&Light"),
            ("dark", "&Dark"),
        ):
            action = _action(self, text)
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_theme(c))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[choice] = action
        self.motion_action = _action(self, "Reduce &motion")
        self.motion_action.setCheckable(True)
        self.motion_action.setChecked(bool(self._store.setting(theme.REDUCED_MOTION_KEY, False)))
        self.motion_action.toggled.connect(
            lambda on: self._bus.publish(self._store.set_setting(theme.REDUCED_MOTION_KEY, on))
        )
        view_menu.addAction(self.motion_action)

        help_menu = self.menuBar().addMenu("&Help")
        about = _action(self, "&About emotrainer")
        about.setShortcuts([QKeySequence.fromString("F1")])
        about.triggered.connect(lambda: self.show_page("about"))
        help_menu.addAction(about)

    def set_theme(self, choice: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, choice)
        self.theme_actions[choice].setChecked(True)
        self._bus.publish(self._store.set_setting(THEME_KEY, choice))

    # -- changes ---------------------------------------------------------------

    def _on_change(self, change: Change) -> None:
        if change.touches(words=True):
            self.vocabulary = full_vocabulary(self._store.user_words())
        for page in self._built.values():
            cast(Page, page).on_change(change)
        if self.exercise is not None:
            self.exercise.on_change(change)

    # -- geometry --------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self._store.setting(GEOMETRY_KEY)
        if isinstance(saved, str):
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
        else:
            self.resize(980, 680)

    def start_reminders(self) -> None:
        """After the first paint: the banner at start, then a check every minute."""
        from emotrainer.ui.reminders import Reminders

        self.reminders = Reminders(self._store, lambda: self.vocabulary, self._remind, self)
        self.reminders.start()

    def _remind(self, text: str) -> None:
        today = self.page("today")
        show = getattr(today, "show_reminder", None)
        if callable(show):
            show(text)

    # -- homework plans: the menu, and a file dropped on the window -------------------

    def import_plan(self, path: Path | None = None) -> str | None:
        from emotrainer.ui.plan_import import choose_plan_file, import_plan_file

        chosen = path or choose_plan_file(self)
        if chosen is None:
            return None
        return import_plan_file(self, self._store, self.vocabulary, chosen, self._bus.publish)

    def import_daylio(self, path: Path | None = None) -> QWidget | None:
        """Daylio's history: read, then a preview where the moods' words can be changed."""
        from emotrainer.ui.daylio_import import import_daylio

        return import_daylio(self, self._store, self.vocabulary, self._bus.publish, path)

    # -- reports: the export dialog, and a client's report opened read-only -----------

    def export_report(self) -> QWidget:
        """The export dialog: the days, the sections (notes only when ticked), the file kind."""
        from emotrainer.ui.export_dialog import open_export_dialog

        return open_export_dialog(self, self._store, self.vocabulary)

    def open_report(self, path: Path | None = None) -> QWidget | None:
        """A client's .emoreport in its own read-only window; it never touches this store."""
        from emotrainer.ui.report_viewer import open_report

        window = open_report(self, path)
        if window is not None:
            self._report_windows = [w for w in self._report_windows if w.isVisible()] + [window]
        return window

    def _open_report_chosen(self) -> None:
        self.open_report()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = _dropped_file(event.mimeData())
        if path is None:
            return
        event.acceptProposedAction()
        if path.suffix.lower() == PLAN_SUFFIX:
            self.import_plan(path)
        else:
            self.import_daylio(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._remember:
            encoded = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
            self._store.set_setting(GEOMETRY_KEY, encoded)
        super().closeEvent(event)


def _data_page(store: Store, bus: ChangeBus) -> QWidget:
    from emotrainer.ui.pages.data import DataPage

    return DataPage(store, bus.publish)


def _history_page(store: Store, vocabulary: Callable[[], Vocabulary], bus: ChangeBus) -> QWidget:
    from emotrainer.ui.pages.history import HistoryPage

    return HistoryPage(store, vocabulary, bus.publish)


def _progress_page(store: Store, vocabulary: Callable[[], Vocabulary]) -> QWidget:
    # pyqtgraph (and numpy) come in here, when the page is first opened.
    from emotrainer.ui.pages.progress import ProgressPage

    return ProgressPage(store, vocabulary)


def _trainer_page(store: Store, vocabulary: Callable[[], Vocabulary], bus: ChangeBus) -> QWidget:
    from emotrainer.content import shipped_scenarios
    from emotrainer.ui.pages.trainer import TrainerPage

    return TrainerPage(store, vocabulary, bus.publish, shipped_scenarios)


def _words_page(store: Store, vocabulary: Callable[[], Vocabulary], bus: ChangeBus) -> QWidget:
    from emotrainer.ui.pages.words import WordsPage

    return WordsPage(store, vocabulary, bus.publish)


def _therapist_page(
    vocabulary: Callable[[], Vocabulary], open_report: Callable[[], None]
) -> QWidget:
    # For the therapist writing a plan: it takes no store, so it cannot touch the user's data.
    from emotrainer.ui.pages.therapist import TherapistPage

    return TherapistPage(vocabulary, open_report)


def _about_page() -> QWidget:
    from emotrainer.ui.pages.about import AboutPage

    return AboutPage()


def _dropped_file(data: QMimeData | None) -> Path | None:
    """The one local file being dragged, if it is a homework plan or a Daylio export."""
    if data is None or not data.hasUrls():
        return None
    urls = data.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in DROPPED_SUFFIXES else None


def _action(parent: QWidget, text: str) -> QAction:
    # QAction(parent) then setText: the (text, parent) overload makes PySide6
    # build QIcon's enums just to rule the icon overload out, at every start.
    action = QAction(parent)
    action.setText(text)
    return action
