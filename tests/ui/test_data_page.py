"""Your data: backups are listed, taken on demand, and restored after a question."""

from __future__ import annotations

import uuid
from datetime import datetime

from emotrainer.core.changes import Change
from emotrainer.core.clock import Stamp
from emotrainer.core.models import Entry, EntryKind
from emotrainer.storage import backups
from emotrainer.ui.pages.data import DataPage


def _add(store) -> None:  # type: ignore[no-untyped-def]
    store.add_entry(
        Entry(
            uuid=str(uuid.uuid4()),
            kind=EntryKind.GROUNDING,
            at=Stamp.of(datetime.now().astimezone()),
        )
    )


def _page(qtbot, store, answer: bool, published: list[Change]):  # type: ignore[no-untyped-def]
    page = DataPage(store, published.append, confirm=lambda _parent, _q: answer)
    qtbot.addWidget(page)
    return page


def test_back_up_now_lists_the_new_backup(qtbot, store):
    page = _page(qtbot, store, True, [])
    before = page.backup_list.count()
    page.backup_now.click()
    assert page.backup_list.count() == before + 1
    assert "Backup saved" in page.status.text()


def test_restore_puts_the_backup_back_and_keeps_the_current_data(qtbot, store):
    published: list[Change] = []
    page = _page(qtbot, store, True, published)
    page.backup_now.click()  # a backup with no entries
    _add(store)
    assert store.counts().entries == 1
    page.refresh()
    page.backup_list.setCurrentRow(0)
    page.restore_button.click()
    assert store.counts().entries == 0
    assert published and published[-1].everything
    kept = list(store.paths.data_dir.glob("emotrainer.db.replaced-*"))
    assert len(kept) == 1
    assert "Restored the backup" in page.status.text()


def test_declining_the_question_changes_nothing(qtbot, store):
    published: list[Change] = []
    page = _page(qtbot, store, False, published)
    page.backup_now.click()
    _add(store)
    page.restore_button.click()
    assert store.counts().entries == 1
    assert published == []
    assert backups.list_backups(store.paths.backups_dir)
