"""Your data: where it lives, its health, and the backups (listed, restorable)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from emotrainer.core.changes import Change
from emotrainer.core.validate import human_size
from emotrainer.storage import backups
from emotrainer.storage.errors import StoreError
from emotrainer.storage.store import Store
from emotrainer.ui.dialogs import confirm
from emotrainer.ui.pages.about import PRIVACY
from emotrainer.ui.widgets import Card, copy_label, page_column, plain_label

# How the page asks before a restore; replaced in tests.
Confirm = Callable[[QWidget, str], bool]


def ask(parent: QWidget, question: str) -> bool:
    return confirm(parent, "Restore a backup", question, "Restore", "Keep my current data")


class DataPage(QWidget):
    title = "Your data"

    def __init__(
        self,
        store: Store,
        publish: Callable[[Change], None],
        confirm: Confirm = ask,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._publish = publish
        self._confirm = confirm

        where = Card("Where your data lives")
        where.body.addWidget(copy_label(PRIVACY))
        self.path_label = plain_label(str(store.paths.data_dir))
        self.path_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.path_label.setAccessibleName(f"Data folder: {store.paths.data_dir}")
        where.body.addWidget(self.path_label)
        self.health = copy_label("", "muted")
        where.body.addWidget(self.health)

        saved = Card("Backups")
        saved.body.addWidget(
            copy_label(
                "emotrainer keeps copies of your data automatically, at most every half hour when "
                "something changed: recent ones, then one a day, a week and a month. Restoring a "
                "backup keeps your current data aside as a file; nothing is deleted."
            )
        )
        self.backup_list = QListWidget()
        self.backup_list.setAccessibleName("Backups, newest first")
        self.backup_list.setMinimumHeight(140)
        self.backup_now = QPushButton("Back up now")
        self.backup_now.setAccessibleName("Back up now")
        self.restore_button = QPushButton("Restore selected backup…")
        self.restore_button.setAccessibleName("Restore selected backup")
        self.status = plain_label("", "muted")
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_now)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        saved.body.addWidget(self.backup_list, 1)
        saved.body.addLayout(buttons)
        saved.body.addWidget(self.status)
        self.backup_now.clicked.connect(self._backup_now)
        self.restore_button.clicked.connect(self._restore_selected)
        self.backup_list.currentRowChanged.connect(self._update_buttons)

        layout = page_column(self)
        layout.addWidget(copy_label("Your data", "title"))
        layout.addWidget(where)
        layout.addWidget(saved, 1)
        self.refresh()

    def on_change(self, change: Change) -> None:
        if change.touches(entries=True, health=True):
            self.refresh()

    def refresh(self) -> None:
        counts = self._store.counts()
        self.health.setText(
            f"Data file check: {_health(self._store.checked)}"
            f" · {counts.entries} entries · {counts.labels} feelings named · "
            f"data format {self._store.schema_version}"
        )
        self.backup_list.clear()
        for b in backups.list_backups(self._store.paths.backups_dir):
            local = b.taken.astimezone()
            kind = " · before an update" if b.tag and b.tag.startswith("before-v") else ""
            text = f"{local:%a %d %b %Y, %H:%M} · {human_size(b.size)}{kind}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.backup_list.addItem(item)
        if self.backup_list.count():
            self.backup_list.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.backup_list.currentItem() is not None)

    def _backup_now(self) -> None:
        made = self._store.backup_now()
        self.refresh()
        self.status.setText(f"Backup saved ({made.name}).")

    def _restore_selected(self) -> None:
        item: QListWidgetItem | None = self.backup_list.currentItem()  # None when empty
        if item is None:
            return
        chosen = next(
            b
            for b in backups.list_backups(self._store.paths.backups_dir)
            if str(b.path) == item.data(Qt.ItemDataRole.UserRole)
        )
        when = f"{chosen.taken.astimezone():%A %d %B %Y at %H:%M}"
        question = (
            f"Restore the backup from {when}?\n\nYour current data will be kept "
            "aside as a file in the data folder; nothing is deleted."
        )
        if not self._confirm(self, question):
            return
        try:
            moved, change = self._store.restore(chosen.path)
        except StoreError as exc:
            self.status.setText(str(exc))
            return
        kept = f" Your previous data was kept as {moved.name}." if moved else ""
        self.status.setText(f"Restored the backup from {when}.{kept}")
        self._publish(change)


def _health(checked: str | None) -> str:
    if checked is None:
        return "running…"
    return "all fine" if checked == "ok" else "a problem was found"
