"""File → Import history from Daylio: the preview, the editable mapping, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import folder_state
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from emotrainer.content import full_vocabulary
from emotrainer.core.changes import EVERYTHING, NOTHING, Change
from emotrainer.storage.errors import ImportRejectedError
from emotrainer.storage.store import Store
from emotrainer.ui import daylio_import
from emotrainer.ui.daylio_import import DaylioImportDialog, import_daylio
from emotrainer.ui.daylio_mapping import NEW, OUT, WORD, MoodRow

SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "daylio"
LOCAL = Path(__file__).resolve().parents[1] / "core" / "daylio"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures is not here")
# A dialog shown offscreen: the plugin cannot pass size hints to a window manager.
DIALOG = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
SAMPLES = [
    ("daylio-7col-sample.csv", 32, "from 25 May 2020 to 30 May 2020"),
    ("daylio-8col-sample.csv", 3, "from 26 September 2021 to 28 September 2021"),
]


def opened(
    qtbot: QtBot, store: Store, path: Path, published: list[Change] | None = None
) -> DaylioImportDialog:
    sink: list[Change] = [] if published is None else published
    dialog = DaylioImportDialog(store, full_vocabulary(store.user_words()), path, sink.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(row: MoodRow, key: str) -> None:
    row.choice.setCurrentIndex(row.choice.findData(key))


def items(listing: QListWidget) -> list[str]:
    return [listing.item(i).text() for i in range(listing.count())]


def data_state(store: Store) -> dict[str, tuple[str, int]]:
    """The data folder, less SQLite's shared-memory index: reading rewrites it; it holds no data."""
    state = folder_state(store.paths.data_dir)
    return {name: v for name, v in state.items() if not name.endswith("-shm")}


def csv_file(tmp_path: Path, *rows: str, name: str = "diary.csv") -> Path:
    path = tmp_path / name
    header = "full_date,date,weekday,time,mood,activities,note_title,note"
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


@needs_shared
@DIALOG
@pytest.mark.parametrize(("name", "rows", "span"), SAMPLES)
def test_every_shared_sample_previews_and_imports(
    qtbot: QtBot, store: Store, name: str, rows: int, span: str
) -> None:
    published: list[Change] = []
    dialog = opened(qtbot, store, SHARED / name, published)
    assert dialog.file_label.text() == name
    assert dialog.read_label.text() == f"A Daylio CSV export: {rows} rows read, {span}."
    assert dialog.plan_label.text().startswith(f"Importing adds {rows} check-ins")
    assert dialog.import_button.isEnabled()
    assert [r.rows.text() for r in dialog.table.rows] and sum(
        int(r.rows.text()) for r in dialog.table.rows
    ) == rows
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert dialog.summary_label.text().startswith(f"Imported {rows} check-ins.")
    assert published == [EVERYTHING]
    assert len(store.all_entries()) == rows


@DIALOG
@pytest.mark.parametrize("path", sorted(LOCAL.glob("*.csv")), ids=lambda p: p.name)
def test_every_local_variant_opens_with_its_rows(qtbot: QtBot, store: Store, path: Path) -> None:
    from emotrainer.core import daylio

    file = daylio.read_csv(path.read_bytes(), path.name)
    dialog = opened(qtbot, store, path)
    assert f": {len(file.rows)} row" in dialog.read_label.text()
    assert dialog.plan is not None and len(dialog.plan.entries) == len(file.rows)
    assert items(dialog.skipped_list) == [s.reason for s in file.skipped]
    assert dialog.skipped_list.isVisibleTo(dialog) == bool(file.skipped)
    assert dialog.import_button.isEnabled() == bool(file.rows)


@needs_shared
@DIALOG
def test_a_mood_mapped_to_another_word_imports_under_that_word(qtbot: QtBot, store: Store) -> None:
    dialog = opened(qtbot, store, SHARED / "daylio-7col-sample.csv")
    rad = dialog.table.row("rad")
    assert rad.choice.currentData() == NEW and rad.label.text() == "rad"
    choose(rad, WORD)
    rad.word.setCurrentIndex(rad.word.findText("Content"))
    assert dialog.plan is not None
    assert sum(1 for e in dialog.plan.entries if e.labels[0].word_id == "content") == 19
    assert "and 4 new words of your own" in dialog.plan_label.text()  # rad is not new now
    dialog.do_import()
    entries = store.all_entries()
    assert len(entries) == 32
    assert sum(1 for e in entries if [lb.word_id for lb in e.labels] == ["content"]) == 19
    assert "rad" not in {w.label for w in store.user_words()}


@needs_shared
@DIALOG
def test_a_typed_word_counts_after_a_pause_or_at_import(qtbot: QtBot, store: Store) -> None:
    dialog = opened(qtbot, store, SHARED / "daylio-8col-sample.csv")
    average = dialog.table.row("average")
    choose(average, WORD)
    assert not dialog.import_button.isEnabled()  # no word chosen yet
    assert "choose one of the words" in dialog.status.text()
    average.word.setEditText("Peaceful")
    dialog.do_import()  # straight away: the typing has not paused yet
    labels = [e.labels[0].word_id for e in store.all_entries()]
    assert sorted(labels).count("peaceful") == 2


@needs_shared
@DIALOG
def test_leaving_a_mood_out_skips_its_rows_with_a_reason(qtbot: QtBot, store: Store) -> None:
    dialog = opened(qtbot, store, SHARED / "daylio-7col-sample.csv")
    assert not dialog.skipped_list.isVisibleTo(dialog)
    choose(dialog.table.row("bad"), OUT)
    assert dialog.skipped_label.text() == "2 rows will be left out:"
    reasons = items(dialog.skipped_list)
    assert len(reasons) == 2 and all("the mood “bad” has no word; left out" in r for r in reasons)
    assert dialog.plan_label.text().startswith("Importing adds 30 check-ins")
    summary = dialog.do_import()
    assert summary is not None and summary.imported == 30
    assert dialog.left_out_label.text() == "2 rows were left out:"
    assert items(dialog.left_out_list) == reasons
    assert len(store.all_entries()) == 30


@needs_shared
@DIALOG
def test_importing_twice_adds_nothing_and_the_preview_says_so(qtbot: QtBot, store: Store) -> None:
    path = SHARED / "daylio-7col-sample.csv"
    opened(qtbot, store, path).do_import()
    before = store.all_entries()
    published: list[Change] = []
    again = opened(qtbot, store, path, published)
    assert again.plan_label.text() == (
        "All 32 entries are already in your data; importing again adds nothing."
    )
    summary = again.do_import()
    assert summary is not None and (summary.imported, summary.already_there) == (0, 32)
    assert again.summary_label.text() == (
        "Nothing new to add: all 32 entries were already in your data."
    )
    assert published == [NOTHING]
    assert store.all_entries() == before


@DIALOG
def test_a_partly_imported_diary_counts_what_is_there(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    first = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,", name="a.csv")
    opened(qtbot, store, first).do_import()
    longer = csv_file(
        tmp_path,
        "2024-03-01,March 1,Friday,9:00 am,good,,,",
        "2024-03-02,March 2,Saturday,9:00 am,good,,,",
        name="b.csv",
    )
    dialog = opened(qtbot, store, longer)
    assert dialog.plan_label.text() == (
        "Importing adds 1 check-in. 1 entry is already in your data and will not be added again."
    )


def test_a_broken_file_is_refused_naming_it_and_nothing_changes(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(
        "emotrainer.ui.dialogs.show_known_error",
        lambda title, message, parent=None: said.append(message),
    )
    bad = tmp_path / "notes.csv"
    bad.write_text("when,what\n2024-01-01,hello\n", encoding="utf-8")
    vocabulary = full_vocabulary(store.user_words())
    before = data_state(store)
    published: list[Change] = []
    assert import_daylio(None, store, vocabulary, published.append, bad) is None
    assert said and said[-1].startswith(f"{bad}: line 1: ")
    assert said[-1].endswith("\n\nNothing was changed.")
    assert import_daylio(None, store, vocabulary, published.append, choose=lambda _p: bad) is None
    assert len(said) == 2
    assert data_state(store) == before and published == []


def test_nothing_chosen_opens_nothing(store: Store) -> None:
    vocabulary = full_vocabulary(store.user_words())
    assert import_daylio(None, store, vocabulary, lambda _c: None, choose=lambda _p: None) is None


@DIALOG
def test_cancel_writes_nothing(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,")
    before = data_state(store)
    published: list[Change] = []
    vocabulary = full_vocabulary(store.user_words())
    dialog = import_daylio(None, store, vocabulary, published.append, choose=lambda _p: path)
    assert isinstance(dialog, DaylioImportDialog) and dialog.isVisible()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert data_state(store) == before
    assert published == [] and store.all_entries() == []


@DIALOG
def test_enter_in_a_word_line_does_not_import(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,")
    dialog = opened(qtbot, store, path)
    row = dialog.table.row("good")
    choose(row, NEW)
    row.label.setFocus()
    qtbot.keyClick(row.label, Qt.Key.Key_Return)
    assert dialog.pages.currentIndex() == 0 and store.all_entries() == []
    assert not dialog.import_button.autoDefault() and not dialog.import_button.isDefault()


@DIALOG
def test_a_mapping_that_cannot_be_says_why_and_blocks_import(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,")
    dialog = opened(qtbot, store, path)
    row = dialog.table.row("good")
    choose(row, NEW)
    row.label.setText("   ")
    dialog.recompute()
    assert not dialog.import_button.isEnabled()
    assert dialog.status.isVisibleTo(dialog)
    assert "“good”: your word needs at least one letter" in dialog.status.text()
    assert dialog.plan_label.text() == ""  # no stale "Importing adds …"
    choose(row, WORD)
    row.word.setEditText("no such feeling")
    dialog.recompute()
    assert "“no such feeling” is not one of the words" in dialog.status.text()
    assert dialog.do_import() is None and store.all_entries() == []
    row.word.setEditText("calm")  # any case
    dialog.recompute()
    assert dialog.import_button.isEnabled() and not dialog.status.isVisibleTo(dialog)
    assert dialog.plan_label.text() == "Importing adds 1 check-in."


@DIALOG
def test_a_new_word_that_is_already_a_word_says_so(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,")
    dialog = opened(qtbot, store, path)
    row = dialog.table.row("good")
    choose(row, NEW)
    row.label.setText("calm")
    assert row.hint.isVisibleTo(dialog)
    assert row.hint.text() == "“Calm” is already one of the words; these rows will use it."
    dialog.recompute()
    assert dialog.plan is not None and dialog.plan.entries[0].labels[0].word_id == "calm"


@DIALOG
def test_a_new_word_takes_the_family_chosen(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,wobbly,,,")
    dialog = opened(qtbot, store, path)
    row = dialog.table.row("wobbly")
    assert row.level.text() == "not given"
    row.family.setCurrentIndex(row.family.findData("fear"))
    dialog.do_import()
    (word,) = store.user_words()
    assert (word.label, word.family_id) == ("wobbly", "fear")
    assert dialog.summary_label.text().startswith("Imported 1 check-in.\nAdded 1 new word")


@DIALOG
def test_text_from_the_file_shows_literally(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "2024-03-01,March 1,Friday,9:00 am,<b>x</b>,,,",
        "2024-03-02,March 2,Saturday,9:00 am,good,,,",
        name="<i>diary&amp;.csv",
    )
    dialog = opened(qtbot, store, path)
    row = dialog.table.row("<b>x</b>")
    assert row.name.text() == "<b>x</b>"
    assert row.name.textFormat() == Qt.TextFormat.PlainText
    assert dialog.file_label.text() == "<i>diary&amp;.csv"
    assert dialog.file_label.textFormat() == Qt.TextFormat.PlainText
    assert row.label.text() == "<b>x</b>"
    choose(row, OUT)
    assert items(dialog.skipped_list) == ["line 2: the mood “<b>x</b>” has no word; left out"]
    dialog.do_import()
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    assert items(dialog.left_out_list) == ["line 2: the mood “<b>x</b>” has no word; left out"]


@DIALOG
def test_a_refused_import_is_said_plainly_and_changes_nothing(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = csv_file(tmp_path, "2024-03-01,March 1,Friday,9:00 am,good,,,")
    dialog = opened(qtbot, store, path)
    store.maybe_backup()  # the backup the import would make: made now, to compare after
    before = data_state(store)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise ImportRejectedError("entries[0] (2024-03-01T09:00/1): clashes; nothing was imported")

    monkeypatch.setattr(daylio_import, "apply_plan", refuse)
    assert dialog.do_import() is None
    assert dialog.pages.currentIndex() == 0
    assert dialog.status.text() == (
        "diary.csv: entries[0] (2024-03-01T09:00/1): clashes; nothing was imported. "
        "Nothing was changed."
    )
    assert data_state(store) == before


@DIALOG
def test_the_moods_are_ordered_by_level_and_named_for_screen_readers(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from core.test_daylio import backup_bytes

    path = tmp_path / "diary.daylio"
    path.write_bytes(backup_bytes())
    dialog = opened(qtbot, store, path)
    levels = [r.level.text() for r in dialog.table.rows]
    assert levels == sorted(levels, reverse=True) and levels[0] == "5 of 5"
    assert dialog.read_label.text().startswith("A Daylio backup: ")
    for row in dialog.table.rows:
        assert row.choice.accessibleName().startswith("What ")
        assert row.word.accessibleName().startswith("Word for ")
        assert row.family.accessibleName().startswith("Feeling family of ")
