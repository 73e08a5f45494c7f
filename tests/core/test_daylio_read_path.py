"""``core.daylio.read_path``: the one reading path of the command line and the window."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from emotrainer.core import daylio
from emotrainer.core.validate import BadInput

HERE = Path(__file__).parent / "daylio"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "daylio"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/fixtures is not here")


@needs_shared
@pytest.mark.parametrize(
    ("name", "rows"), [("daylio-7col-sample.csv", 32), ("daylio-8col-sample.csv", 3)]
)
def test_a_shared_sample_is_read_with_its_sha256(name: str, rows: int) -> None:
    path = SHARED / name
    file, sha = daylio.read_path(path)
    assert file.kind == "csv" and len(file.rows) == rows
    assert sha == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_is_sniffed_and_read(tmp_path: Path) -> None:
    from core.test_daylio import backup_bytes

    path = tmp_path / "diary.bin"  # the name says nothing: the bytes do
    path.write_bytes(backup_bytes())
    file, sha = daylio.read_path(path)
    assert file.kind == "backup" and file.rows
    assert sha == hashlib.sha256(backup_bytes()).hexdigest()


def test_the_kind_asked_for_wins_over_sniffing(tmp_path: Path) -> None:
    from core.test_daylio import backup_bytes

    path = tmp_path / "diary.daylio"
    path.write_bytes(backup_bytes())
    with pytest.raises(BadInput) as caught:
        daylio.read_path(path, "csv")  # a zip is not a CSV
    assert str(caught.value).startswith(f"{path}: ")
    csv = HERE / "daylio-crlf-bom.csv"
    with pytest.raises(BadInput) as caught:
        daylio.read_path(csv, "backup")
    assert str(caught.value).startswith(f"{csv}: ")


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "gone.csv"
    with pytest.raises(BadInput) as caught:
        daylio.read_path(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: cannot read (") and "\n" not in message


def test_a_file_over_the_cap_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.csv"
    path.write_bytes((HERE / "daylio-crlf-bom.csv").read_bytes() * 3)
    monkeypatch.setattr(daylio, "MAX_BYTES", 64)
    opened: list[Path] = []
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self))
    with pytest.raises(BadInput) as caught:
        daylio.read_path(path)
    assert str(caught.value).startswith(f"{path}: larger than ")
    assert opened == []


def test_a_file_that_is_not_daylio_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("when,what\n2024-01-01,hello\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        daylio.read_path(path)
    assert str(caught.value).startswith(f"{path}: line 1: ")
