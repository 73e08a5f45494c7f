"""The PDF report: a private A4 PDF in the shipped font; what it says comes from its blocks."""

from __future__ import annotations

import re
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from emotrainer.content import full_vocabulary
from emotrainer.core.models import Label
from emotrainer.core.progress_types import Chart, Point, Series
from emotrainer.core.report import DEFAULT_SECTIONS, DISCLAIMER, Report, Section
from emotrainer.paths import AppPaths
from emotrainer.storage.report import read_report
from emotrainer.storage.store import Store
from emotrainer.ui.report_pdf import (
    ChartBlock,
    PageBreak,
    Row,
    Text,
    figure_text,
    font_family,
    range_text,
    render_pdf,
    report_blocks,
    write_pdf,
)
from emotrainer.ui.report_pdf_charts import Box, plot_geometry, tick_values
from tests.helpers import at, make_entry, open_store, run_cli

FIRST = date(2026, 3, 1)
LAST = date(2026, 3, 31)


def _fill(store: Store, days: int = 10, note: str = "a quiet walk") -> None:
    words = ("irritated", "calm", "joy", "numb", "anxious")
    store.add_entries(
        [
            make_entry(
                at=at(2026, 3, 1 + d % 28, 9 + d // 28 % 10),
                labels=(Label(words[d % len(words)], 5),),
                note=f"{note} {d}",
            )
            for d in range(days)
        ]
    )


def _report(store: Store, sections: frozenset[Section] = DEFAULT_SECTIONS) -> Report:
    return read_report(
        store,
        full_vocabulary(store.user_words()),
        first=FIRST,
        last=LAST,
        today=LAST,
        made_utc="2026-04-01T08:00:00Z",
        app_version="test",
        sections=sections,
    )


def _texts(report: Report) -> list[str]:
    return [text for block in report_blocks(report) for text in block.texts]


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_the_pdf_is_private_and_a_pdf(qapp: object, store: Store, tmp_path: Path) -> None:
    _fill(store)
    out = tmp_path / "report.pdf"
    write_pdf(_report(store), out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert not list(tmp_path.glob("*.partial"))
    assert b"DejaVuSans" in data  # the shipped font, embedded
    assert font_family() == "DejaVu Sans"


def test_a_lot_of_days_gives_more_pages(qapp: object, store: Store) -> None:
    _fill(store, days=4)
    short = _pages(render_pdf(_report(store)))
    _fill(store, days=200, note="a longer note about the day " * 20)
    long = _pages(render_pdf(_report(store, DEFAULT_SECTIONS | {Section.NOTES})))
    assert short >= 2  # the cover, then the rest
    assert long > short + 3


def test_notes_are_in_only_when_ticked_in(store: Store) -> None:
    _fill(store, days=3, note="private words")
    without = _texts(_report(store))
    assert not any("private words" in t for t in without)
    assert any("notes are not included" in t for t in without)
    with_notes = _texts(_report(store, DEFAULT_SECTIONS | {Section.NOTES}))
    assert any("private words 0" in t for t in with_notes)
    assert "Notes" in with_notes


def test_the_cover_says_the_range_and_that_it_is_not_diagnostic(store: Store) -> None:
    _fill(store, days=2)
    report = _report(store)
    blocks = report_blocks(report)
    cover = blocks[: next(i for i, b in enumerate(blocks) if isinstance(b, PageBreak))]
    said = [t for b in cover for t in b.texts]
    assert "emotrainer — progress report" in said
    assert range_text(report) == "1 March to 31 March 2026"
    assert range_text(report) in said
    assert DISCLAIMER in said


def test_sections_left_out_are_not_drawn(store: Store) -> None:
    _fill(store, days=3)
    only = _report(store, frozenset({Section.WORDS}))
    blocks = report_blocks(only)
    assert not any(isinstance(b, ChartBlock) for b in blocks)
    texts = _texts(only)
    assert "Words used" in texts and "Charts" not in texts and "Homework" not in texts


def test_an_empty_store_gives_a_readable_pdf_with_encouraging_notes(
    qapp: object, store: Store
) -> None:
    report = _report(store)
    texts = _texts(report)
    assert any(t.startswith("No feelings were named in these days") for t in texts)
    assert "There was no homework plan in these days." in texts
    empties = [b.chart.empty for b in report_blocks(report) if isinstance(b, ChartBlock)]
    assert empties and all(empties)
    assert "—" in texts  # figures with nothing to say yet
    data = render_pdf(report)
    assert data.startswith(b"%PDF-") and _pages(data) >= 2


def test_user_text_is_only_ever_plain(store: Store) -> None:
    _fill(store, days=1, note="<b>bold?</b> & <a href='x'>link</a>")
    notes = [
        b
        for b in report_blocks(_report(store, DEFAULT_SECTIONS | {Section.NOTES}))
        if isinstance(b, Text)
    ]
    assert any(b.text == "<b>bold?</b> & <a href='x'>link</a> 0" for b in notes)


def test_the_words_table_repeats_its_header_row(store: Store) -> None:
    _fill(store, days=5)
    rows = [b for b in report_blocks(_report(store)) if isinstance(b, Row) and b.header]
    assert rows and all(r.header is rows[0].header for r in rows)
    assert rows[0].header is not None and rows[0].header.cells[:2] == ("Word", "Family")


def test_figures_read_plainly() -> None:
    assert figure_text("specific_percent", 42.4) == "42 %"
    assert figure_text("presence_mean", 6.46) == "6.5 of 10"
    assert figure_text("homework_adherence", 0.75) == "75 % of what was asked"
    assert figure_text("entries", 12) == "12"
    assert figure_text("differentiation", None) == "—"


def test_points_map_into_the_plot_area() -> None:
    days = [date(2026, 3, 1) + timedelta(days=i) for i in range(5)]
    chart = Chart(
        "presence",
        "How present you felt",
        "0–10",
        (
            Series(
                "p",
                "Presence",
                tuple(Point(d, v) for d, v in zip(days, (0, 5, 10, 2, 7), strict=True)),
            ),
        ),
        "A sentence.",
    )
    plot = plot_geometry(chart, Box(100, 50, 400, 200))
    (line,) = plot.lines
    assert line[0] == (100.0, 250.0)  # the first day at the left, 0 at the bottom
    assert line[2] == (300.0, 50.0)  # the top of the 0–10 scale at the top
    assert line[-1][0] == 500
    assert all(100 <= x <= 500 and 50 <= y <= 250 for x, y in line)
    assert [v for v, _y in plot.y_ticks] == list(tick_values(10.0))
    assert (plot.first, plot.last) == (days[0], days[-1])


def test_a_single_day_sits_in_the_middle() -> None:
    chart = Chart("range", "t", "words", (Series("w", "Words", (Point(FIRST, 3),)),), "s")
    plot = plot_geometry(chart, Box(0, 0, 200, 100))
    assert plot.lines[0][0][0] == 100
    assert plot.top == 5.0


def test_a_write_failure_raises_and_leaves_nothing(
    qapp: object, store: Store, tmp_path: Path
) -> None:
    with pytest.raises(OSError):
        write_pdf(_report(store), tmp_path / "nosuch" / "report.pdf")
    assert not (tmp_path / "nosuch").exists()


def test_the_cli_writes_the_pdf(
    qapp: object, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(app_paths) as store:
        _fill(store, days=6)
    out = tmp_path / "month.pdf"
    argv = ["export", "--format", "pdf", "--out", str(out), "--from", "2026-03-01"]
    assert run_cli([*argv, "--to", "2026-03-31", "--include-notes"]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert str(out) in capsys.readouterr().out


def test_the_cli_names_a_missing_folder(
    qapp: object, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nosuch" / "r.pdf"
    assert run_cli(["export", "--format", "pdf", "--out", str(out)]) == 2
    assert str(out) in capsys.readouterr().err


class _SameHeights:
    """Stands in for the PDF page: every block is 100 px high, and nothing splits."""

    def height(self, _block: object) -> float:
        return 100.0

    def split(self, _block: object, _room: float) -> None:
        return None


def test_a_homework_plan_is_never_split_from_its_overall_line() -> None:
    from emotrainer.core.report import HomeworkPart, TaskCount
    from emotrainer.ui.report_pdf import paginate

    part = HomeworkPart(
        "Two weeks",
        None,
        FIRST,
        LAST,
        (TaskCount("Grounding pause (1 a day)", 1, 1), TaskCount("Body scan (3 a week)", 1, 3)),
        0.5,
    )
    report = Report(FIRST, LAST, "2026-04-01T08:00:00Z", "test", frozenset({Section.HOMEWORK}))
    report = Report(**{**{f: getattr(report, f) for f in report.__slots__}, "homework": (part,)})
    plan_blocks = report_blocks(report)
    start = next(i for i, b in enumerate(plan_blocks) if b.texts == ("Two weeks",))
    homework = plan_blocks[start:]
    assert len(homework) == 5  # the title, its dates, two tasks, the overall line
    for filler in range(8):  # the plan starts at every place on a page of 8 lines
        blocks = [Text(f"line {n}") for n in range(filler)] + homework
        pages = paginate(_SameHeights(), blocks, height=800.0)  # type: ignore[arg-type]
        holding = [p for p in pages if any(b in homework for b, _y in p)]
        assert len(holding) == 1, f"the plan was split after {filler} lines"


def test_the_body_heat_map_is_drawn_when_places_were_noticed(qapp: object, store: Store) -> None:
    from emotrainer.core.models import BodyMark
    from emotrainer.ui.report_pdf import HeatBlock

    _fill(store, days=3)
    assert not any(isinstance(b, HeatBlock) for b in report_blocks(_report(store)))
    store.add_entry(make_entry(at=at(2026, 3, 20, 9), marks=(BodyMark("chest", ("tight",)),)))
    report = _report(store)
    (heat,) = [b for b in report_blocks(report) if isinstance(b, HeatBlock)]
    assert heat.heat == {"chest": 1.0}
    assert render_pdf(report).startswith(b"%PDF")
