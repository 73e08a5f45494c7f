"""``emotrainer homework validate FILE``: exit 0 with a summary, or 2 with the place named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import folder_state, run_cli

from emotrainer.core import homework
from emotrainer.resources import asset

EXAMPLE = asset("homework", "example.emohw")


def _one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def _example() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    return document


def _write(tmp_path: Path, content: bytes | dict[str, Any], name: str = "plan.emohw") -> Path:
    path = tmp_path / name
    raw = content if isinstance(content, bytes) else json.dumps(content).encode()
    path.write_bytes(raw)
    return path


def test_a_valid_plan(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run_cli(["homework", "validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr()
    assert _one_line(out.out) == (
        f"{EXAMPLE}: a valid homework plan: «Two weeks: noticing anger in the body», 3 tasks, "
        "2026-03-04 to 2026-03-17"
    )
    assert out.err == ""
    assert folder_state(data_dir) == {}  # nothing was created in the data folder


def test_one_task_is_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _example()
    doc["tasks"] = doc["tasks"][:1]
    path = _write(tmp_path, doc)
    assert run_cli(["homework", "validate", str(path)]) == 0
    assert ", 1 task, " in capsys.readouterr().out


def _set_times(doc: dict[str, Any]) -> None:
    doc["tasks"][2]["times"] = 0


def _set_kind(doc: dict[str, Any]) -> None:
    doc["tasks"][0]["kind"] = "nap"


def _set_family(doc: dict[str, Any]) -> None:
    doc["tasks"][1]["focus_families"] = ["anger", "ennui"]


def _set_field(doc: dict[str, Any]) -> None:
    doc["titel"] = "typo"


def _set_version(doc: dict[str, Any]) -> None:
    doc["version"] = 2


@pytest.mark.parametrize(
    ("change", "place"),
    [
        (_set_times, "tasks[2].times: expected a whole number from 1 to 20"),
        (_set_kind, "tasks[0].kind: unknown exercise 'nap'; expected one of checkin,"),
        (_set_family, "tasks[1].focus_families[1]: unknown family 'ennui'"),
        (_set_field, "top level: unexpected field 'titel'"),
        (_set_version, "version: written by a newer emotrainer"),
    ],
    ids=["times", "kind", "family", "field", "version"],
)
def test_a_wrong_field_is_named(
    change: Any, place: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = _example()
    change(doc)
    path = _write(tmp_path, doc)
    assert run_cli(["homework", "validate", str(path)]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert _one_line(out.err).startswith(f"emotrainer: {path}: {place}")


def test_too_big(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, EXAMPLE.read_bytes())
    monkeypatch.setattr(homework, "MAX_BYTES", 512)
    assert path.stat().st_size > 512
    assert run_cli(["homework", "validate", str(path)]) == 2
    assert _one_line(capsys.readouterr().err) == f"emotrainer: {path}: larger than 512 bytes"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (
            b'{"format": "emotrainer-homework",\n "version": 1,, }',
            "line 2 column 15: Expecting property name",
        ),
        (b"plan: every day", "line 1 column 1: Expecting value"),
        (b'{"version": NaN}', "not valid JSON"),
        (b"[" * 100_000, "nested too deeply"),
        (b'{"title": "Caf\xe9"}', "byte 14: not UTF-8 text"),
        (b"\xff\xfe{\x00}\x00", "byte 0: not UTF-8 text"),
    ],
    ids=["syntax", "not-json", "nan", "deep", "latin-1", "utf-16"],
)
def test_not_json_or_not_utf8(
    raw: bytes, reason: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, raw)
    assert run_cli(["homework", "validate", str(path)]) == 2
    assert _one_line(capsys.readouterr().err).startswith(f"emotrainer: {path}: {reason}")


def test_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nosuch.emohw"
    assert run_cli(["homework", "validate", str(path)]) == 2
    assert _one_line(capsys.readouterr().err) == (
        f"emotrainer: {path}: cannot read (No such file or directory)"
    )


def test_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["homework", "validate", str(tmp_path)]) == 2
    assert _one_line(capsys.readouterr().err).startswith(f"emotrainer: {tmp_path}: cannot read")


def test_text_is_shown_as_it_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _example()
    doc["title"] = "<b>Week 1</b> — שלום 👋"
    path = _write(tmp_path, doc)
    assert run_cli(["homework", "validate", str(path)]) == 0
    assert "«<b>Week 1</b> — שלום 👋»" in _one_line(capsys.readouterr().out)


@pytest.mark.parametrize(
    "argv",
    [["homework"], ["homework", "validate"], ["homework", "check", "x.emohw"]],
    ids=["no-action", "no-file", "unknown-action"],
)
def test_usage_errors_are_bad_input(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(argv) == 2
    assert "emotrainer homework" in capsys.readouterr().err


def test_help_lists_validate(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["homework", "--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_importing_a_plan_keeps_it_once(app_paths, tmp_path, capsys):  # type: ignore[no-untyped-def]
    from emotrainer.resources import asset
    from emotrainer.storage.store import Store

    plan = tmp_path / "week.emohw"
    plan.write_bytes(asset("homework", "example.emohw").read_bytes())
    assert run_cli(["import", str(plan)]) == 0
    assert "Added the homework plan “Two weeks: noticing anger in the body”" in (
        capsys.readouterr().out
    )
    assert run_cli(["import", str(plan)]) == 0
    assert "Already had the homework plan" in capsys.readouterr().out
    with Store.open_readonly(app_paths) as store:
        assert [p.title for p in store.homework_plans()] == [
            "Two weeks: noticing anger in the body"
        ]


def test_a_broken_plan_is_refused_and_nothing_is_stored(app_paths, tmp_path, capsys):  # type: ignore[no-untyped-def]
    plan = tmp_path / "bad.emohw"
    plan.write_text('{"format": "emotrainer-homework", "version": 1}', encoding="utf-8")
    assert run_cli(["import", str(plan)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"emotrainer: {plan}: ") and "uuid" in err
    assert not app_paths.database.exists()
