"""The progress report as a PDF: A4, drawn with QPainter on a QPdfWriter in a shipped font.

``report_blocks`` turns a Report into a flat list of blocks (headings, wrapped
text, table rows, charts) — plain data, so what the PDF says can be tested
without reading the PDF. ``render_pdf`` measures the blocks, breaks them into
pages (a heading stays with what follows, a table's header row comes again
on the page it continues on, a long note is split between lines) and then
draws each page with "Page N of M" in the footer.

Every string may come from the person or from a client's file, so text is
only ever laid out as plain text (QTextLayout, never rich text), in DejaVu
Sans from assets/fonts, so the PDF looks the same on every machine. Only a
character DejaVu has no glyph for (Chinese, say) falls back to a system font,
so a person's own word is never lost to an empty box.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from emotrainer.core.progress_types import Chart
from emotrainer.core.report import Report, Section
from emotrainer.core.report_text import (
    FIGURE_LABELS,
    HEAT_HEADING,
    NEW_WORDS,
    NO_HOMEWORK,
    NO_NOTES,
    NO_WORDS,
    NOT_A_SCORE,
    SECTION_HEADINGS,
    TITLE,
    WORD_COLUMNS,
    figure_text,
    heat_text,
    included_text,
    made_text,
    note_head,
    note_paragraphs,
    notes_included_text,
    overall_text,
    plan_dates_text,
    range_text,
    task_done_text,
    word_cells,
)
from emotrainer.ui.report_pdf_charts import INK, QUIET, Box, draw_chart, draw_heat

# The texts are core.report_text's, shared with the report window; these names
# stay importable from here.
__all__ = [
    "FIGURE_LABELS",
    "Block",
    "ChartBlock",
    "PageBreak",
    "PdfWriteError",
    "Row",
    "Text",
    "figure_text",
    "font_family",
    "made_text",
    "range_text",
    "render_pdf",
    "report_blocks",
    "write_pdf",
]

DPI = 300
MARGIN_MM = 18.0
MM = DPI / 25.4  # device pixels per millimetre
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

BOX_FILL = QColor("#eeebe6")  # the light palette's AlternateBase
BOX_EDGE = QColor("#cfc9c0")  # Mid
RULE = QColor("#e4e0da")  # Midlight
HEADER_FILL = QColor("#f5f3ef")  # Window

# style → (point size, bold)
STYLES = {
    "title": (20.0, True),
    "range": (15.0, False),
    "h1": (14.0, True),
    "h2": (11.0, True),
    "body": (10.0, False),
    "bold": (10.0, True),
    "small": (8.5, False),
    "smallbold": (8.5, True),
}


class PdfWriteError(OSError):
    """The PDF could not be drawn or written."""


# -- blocks: what the PDF says, in order ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    style: str = "body"
    colour: QColor = field(default_factory=lambda: QColor(INK))
    indent_mm: float = 0.0
    space_before_mm: float = 0.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.text,)


@dataclass(frozen=True, slots=True)
class Boxed:
    """Text in a calm box: the disclaimer."""

    text: str
    space_before_mm: float = 6.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.text,)


@dataclass(frozen=True, slots=True)
class Row:
    """A table row: cells in columns of ``widths`` (shares of the line)."""

    cells: tuple[str, ...]
    widths: tuple[float, ...]
    header: Row | None = None  # the table's header, drawn again when the table continues
    is_header: bool = False
    right: frozenset[int] = frozenset()  # columns aligned right
    space_before_mm: float = 0.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return self.cells


@dataclass(frozen=True, slots=True)
class ChartBlock:
    chart: Chart
    space_before_mm: float = 5.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return (self.chart.title, self.chart.empty or self.chart.summary)


@dataclass(frozen=True, slots=True)
class HeatBlock:
    """The body heat map: place id → entries that noticed it."""

    heat: Mapping[str, float]
    space_before_mm: float = 2.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True, slots=True)
class PageBreak:
    space_before_mm: float = 0.0
    keep_with_next: bool = False

    @property
    def texts(self) -> tuple[str, ...]:
        return ()


Block = Text | Boxed | Row | ChartBlock | HeatBlock | PageBreak


def h1(text: str) -> Text:
    return Text(text, "h1", space_before_mm=9.0, keep_with_next=True)


def quiet(text: str, space_before_mm: float = 1.5) -> Text:
    return Text(text, "body", QColor(QUIET), space_before_mm=space_before_mm)


def report_blocks(report: Report) -> list[Block]:
    """Everything the PDF shows, in order; notes only when the report has them in."""
    blocks: list[Block] = _cover(report)
    if Section.SUMMARY in report.sections and report.figures:
        blocks += _summary(report)
    if Section.CHARTS in report.sections:
        blocks += _charts(report)
    if Section.WORDS in report.sections:
        blocks += _words(report)
    if Section.HOMEWORK in report.sections:
        blocks += _homework(report)
    if Section.NOTES in report.sections:
        blocks += _notes(report)
    return blocks


def _cover(report: Report) -> list[Block]:
    return [
        Text(TITLE, "title", space_before_mm=30.0),
        Text(range_text(report), "range", space_before_mm=6.0),
        quiet(made_text(report.made_utc), 4.0),
        quiet(f"emotrainer {report.app_version}", 1.0),
        Text(included_text(report.sections), space_before_mm=10.0),
        quiet(notes_included_text(report.sections)),
        Boxed(report.disclaimer, space_before_mm=12.0),
        quiet(NOT_A_SCORE, 4.0),
        PageBreak(),
    ]


def _summary(report: Report) -> list[Block]:
    blocks: list[Block] = [h1(SECTION_HEADINGS[Section.SUMMARY]), quiet(range_text(report), 1.0)]
    widths = (0.62, 0.38)
    first = True
    for key, label in FIGURE_LABELS.items():
        if key not in report.figures:
            continue
        value = report.figures[key]
        blocks.append(
            Row((label, figure_text(key, value)), widths, space_before_mm=3.0 if first else 0.0)
        )
        first = False
    return blocks


def _charts(report: Report) -> list[Block]:
    blocks: list[Block] = [h1(SECTION_HEADINGS[Section.CHARTS])]
    blocks += [ChartBlock(chart) for chart in report.charts]
    heat = {place: n for place, n in report.heat.items() if n > 0}
    if heat:
        blocks += [
            Text(HEAT_HEADING, "h2", space_before_mm=6.0, keep_with_next=True),
            Text(heat_text(heat), keep_with_next=True),
            HeatBlock(heat),
        ]
    return blocks


def _words(report: Report) -> list[Block]:
    blocks: list[Block] = [h1(SECTION_HEADINGS[Section.WORDS])]
    if not report.words:
        return [*blocks, quiet(NO_WORDS)]
    blocks.append(quiet(NEW_WORDS, 1.0))
    widths = (0.32, 0.28, 0.1, 0.2, 0.1)
    right = frozenset({2})
    header = Row(WORD_COLUMNS, widths, is_header=True, right=right, space_before_mm=3.0)
    blocks.append(header)
    for word in report.words:
        blocks.append(Row(word_cells(word), widths, header=header, right=right))
    return blocks


def _homework(report: Report) -> list[Block]:
    blocks: list[Block] = [h1(SECTION_HEADINGS[Section.HOMEWORK])]
    if not report.homework:
        return [*blocks, quiet(NO_HOMEWORK)]
    widths = (0.7, 0.3)
    for part in report.homework:
        blocks.append(Text(part.title, "h2", space_before_mm=5.0, keep_with_next=True))
        blocks.append(Text(plan_dates_text(part), "small", QColor(QUIET), keep_with_next=True))
        for i, task in enumerate(part.tasks):
            blocks.append(
                Row(
                    (f"{task.label}:", task_done_text(task)),
                    widths,
                    right=frozenset({1}),
                    space_before_mm=2.0 if i == 0 else 0.0,
                    keep_with_next=True,  # a plan is read whole: never "Overall" alone
                )
            )
        blocks.append(Text(overall_text(part), "bold", space_before_mm=1.5))
    return blocks


def _notes(report: Report) -> list[Block]:
    blocks: list[Block] = [h1(SECTION_HEADINGS[Section.NOTES])]
    if not report.notes:
        return [*blocks, quiet(NO_NOTES)]
    for line in report.notes:
        blocks.append(
            Text(
                note_head(line),
                "smallbold",
                QColor(QUIET),
                space_before_mm=4.0,
                keep_with_next=True,
            )
        )
        paragraphs = note_paragraphs(line.note)
        for i, paragraph in enumerate(paragraphs):
            blocks.append(Text(paragraph, indent_mm=4.0, space_before_mm=1.0 if i else 0.8))
    return blocks


# -- measuring and drawing ---------------------------------------------------------------


@cache
def font_family() -> str:
    """The shipped font's family, loaded into Qt's font database once."""
    from emotrainer.resources import asset

    if QGuiApplication.instance() is None:
        from emotrainer.ui.app import application

        application()
    family = ""
    for name in FONT_FILES:
        path = asset("fonts", name)
        loaded = QFontDatabase.addApplicationFont(str(path))
        if loaded < 0:
            raise PdfWriteError(f"{path}: cannot load the report's font")
        family = family or QFontDatabase.applicationFontFamilies(loaded)[0]
    return family


class _Page:
    """Measures and draws blocks with one painter on the PDF."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, width: float) -> None:
        self.painter = painter
        self.writer = writer
        self.width = width
        family = font_family()
        self.fonts: dict[str, QFont] = {}
        for style, (size, bold) in STYLES.items():
            font = QFont(family)
            font.setPointSizeF(size)
            font.setBold(bold)
            self.fonts[style] = font

    def layout(
        self, text: str, style: str, width: float, *, right: bool = False
    ) -> tuple[QTextLayout, float]:
        layout = QTextLayout(text, self.fonts[style], self.writer)
        option = QTextOption()
        if right:
            option.setAlignment(Qt.AlignmentFlag.AlignRight)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        y = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0.0, y))
            y += line.height() * 1.15
        layout.endLayout()
        return layout, y

    # heights

    def height(self, block: Block) -> float:
        if isinstance(block, Text):
            return self.layout(block.text, block.style, self._text_width(block))[1]
        if isinstance(block, Boxed):
            return self.layout(block.text, "body", self.width - 10 * MM)[1] + 10 * MM
        if isinstance(block, Row):
            return self._row_height(block)
        if isinstance(block, ChartBlock):
            return self._chart_height(block)
        if isinstance(block, HeatBlock):
            return HEAT_MM * MM
        return 0.0

    def _text_width(self, block: Text) -> float:
        return self.width - block.indent_mm * MM

    def _cell_style(self, row: Row) -> str:
        return "smallbold" if row.is_header else "body"

    def _cells(self, row: Row) -> list[tuple[float, float]]:
        """Each cell's x and width, with a little room between columns."""
        x, out = 0.0, []
        for share in row.widths:
            out.append((x, self.width * share - 2.5 * MM))
            x += self.width * share
        return out

    def _row_height(self, row: Row) -> float:
        style = self._cell_style(row)
        tallest = max(
            self.layout(cell, style, w)[1]
            for cell, (_x, w) in zip(row.cells, self._cells(row), strict=True)
        )
        return tallest + 3.2 * MM

    def _chart_height(self, block: ChartBlock) -> float:
        chart = block.chart
        title = self.layout(chart.title, "h2", self.width)[1]
        if chart.empty or not chart.series:
            return title + 2 * MM + self.layout(chart.empty or chart.summary, "body", self.width)[1]
        summary = self.layout(chart.summary, "body", self.width)[1]
        return title + 2 * MM + CHART_MM * MM + 2 * MM + summary

    # drawing

    def draw(self, block: Block, y: float) -> None:
        if isinstance(block, Text):
            self._text(block.text, block.style, block.colour, block.indent_mm * MM, y)
        elif isinstance(block, Boxed):
            self._boxed(block, y)
        elif isinstance(block, Row):
            self._row(block, y)
        elif isinstance(block, ChartBlock):
            self._chart(block, y)
        elif isinstance(block, HeatBlock):
            draw_heat(
                self.painter, block.heat, Box(0, y, self.width, HEAT_MM * MM), self.fonts["small"]
            )

    def _text(
        self,
        text: str,
        style: str,
        colour: QColor,
        x: float,
        y: float,
        width: float | None = None,
        *,
        right: bool = False,
    ) -> float:
        wide = self.width - x if width is None else width
        layout, height = self.layout(text, style, wide, right=right)
        self.painter.setPen(colour)
        layout.draw(self.painter, QPointF(x, y))
        return height

    def _boxed(self, block: Boxed, y: float) -> None:
        height = self.height(block)
        self.painter.setPen(QPen(BOX_EDGE, 0.3 * MM))
        self.painter.setBrush(BOX_FILL)
        self.painter.drawRoundedRect(QRectF(0, y, self.width, height), 2.5 * MM, 2.5 * MM)
        self.painter.setBrush(Qt.BrushStyle.NoBrush)
        self._text(block.text, "body", INK, 5 * MM, y + 5 * MM, self.width - 10 * MM)

    def _row(self, row: Row, y: float) -> None:
        height = self._row_height(row)
        if row.is_header:
            self.painter.fillRect(QRectF(0, y, self.width, height), HEADER_FILL)
        style = self._cell_style(row)
        colour = QColor(QUIET) if row.is_header else INK
        for i, (cell, (x, w)) in enumerate(zip(row.cells, self._cells(row), strict=True)):
            self._text(cell, style, colour, x + 1 * MM, y + 1.6 * MM, w, right=i in row.right)
        self.painter.setPen(QPen(RULE, 0.25 * MM))
        self.painter.drawLine(QPointF(0, y + height), QPointF(self.width, y + height))

    def _chart(self, block: ChartBlock, y: float) -> None:
        chart = block.chart
        y += self._text(chart.title, "h2", INK, 0, y) + 2 * MM
        if chart.empty or not chart.series:
            self._text(chart.empty or chart.summary, "body", QColor(QUIET), 0, y)
            return
        box = Box(0, y, self.width, CHART_MM * MM)
        draw_chart(self.painter, chart, box, self.fonts["small"], MM)
        self._text(chart.summary, "body", INK, 0, y + CHART_MM * MM + 2 * MM)

    def footer(self, range_label: str, page: int, pages: int, top: float) -> None:
        self.painter.setPen(QPen(RULE, 0.25 * MM))
        self.painter.drawLine(QPointF(0, top), QPointF(self.width, top))
        self.painter.setFont(self.fonts["small"])
        self.painter.setPen(QUIET)
        rect = QRectF(0, top + 1.5 * MM, self.width, FOOTER_MM * MM)
        self.painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, f"{TITLE} · {range_label}")
        self.painter.drawText(rect, Qt.AlignmentFlag.AlignRight, f"Page {page} of {pages}")

    def split(self, block: Text, room: float) -> tuple[Text, Text] | None:
        """``block`` as the lines that fit in ``room`` and the rest; None if under two fit."""
        layout, _height = self.layout(block.text, block.style, self._text_width(block))
        fit = 0
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if line.y() + line.height() * 1.15 > room:
                break
            fit = i + 1
        if fit < 2 or fit >= layout.lineCount():
            return None
        cut = layout.lineAt(fit).textStart()
        first = Text(
            block.text[:cut].rstrip(),
            block.style,
            block.colour,
            block.indent_mm,
            block.space_before_mm,
        )
        rest = Text(block.text[cut:], block.style, block.colour, block.indent_mm, 0.0)
        return first, rest


CHART_MM = 58.0  # a chart's drawing, legend and dates included
HEAT_MM = 100.0  # the body heat map, front and back, with its legend
FOOTER_MM = 6.0


def paginate(
    page: _Page, blocks: Sequence[Block], height: float
) -> list[list[tuple[Block, float]]]:
    """The blocks of each page with their y; a block that does not fit starts a new page."""
    pages: list[list[tuple[Block, float]]] = [[]]
    queue = deque(blocks)
    y = 0.0
    while queue:
        block = queue.popleft()
        if isinstance(block, PageBreak):
            if pages[-1]:
                pages.append([])
                y = 0.0
            continue
        gap = block.space_before_mm * MM if pages[-1] else 0.0
        h = page.height(block)
        need = h + _kept_with(page, block, queue, height)
        if pages[-1] and y + gap + need > height:
            if isinstance(block, Text) and h > height / 5:
                parts = page.split(block, height - y - gap)
                if parts is not None:
                    pages[-1].append((parts[0], y + gap))
                    queue.appendleft(parts[1])
                    pages.append([])
                    y = 0.0
                    continue
            pages.append([])
            y, gap = 0.0, 0.0
            if isinstance(block, Row) and block.header is not None:
                pages[-1].append((block.header, 0.0))
                y = page.height(block.header)
        if not pages[-1] and isinstance(block, Text) and h > height:
            parts = page.split(block, height)
            if parts is not None:
                block, rest = parts
                queue.appendleft(rest)
                h = page.height(block)
        pages[-1].append((block, y + gap))
        y += gap + h
    return pages


def _kept_with(page: _Page, block: Block, queue: deque[Block], height: float) -> float:
    """The room the blocks ``block`` keeps with need: a chain of headings, then a start of
    what they head (a long one only in part, as it may be split)."""
    need, keep, i = 0.0, block.keep_with_next, 0
    while keep and i < len(queue) and not isinstance(queue[i], PageBreak):
        nxt = queue[i]
        need += nxt.space_before_mm * MM + min(page.height(nxt), height / 4)
        keep, i = nxt.keep_with_next, i + 1
    return need


def render_pdf(report: Report) -> bytes:
    """The PDF of ``report``, in memory."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(DPI)
    writer.setTitle(f"{TITLE}: {range_text(report)}")
    writer.setCreator("emotrainer")
    layout = QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )
    if not writer.setPageLayout(layout):
        raise PdfWriteError("cannot set up an A4 page")
    font_family()
    painter = QPainter()
    if not painter.begin(writer):
        raise PdfWriteError("cannot start drawing the PDF")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = writer.pageLayout().paintRectPixels(DPI)
        page = _Page(painter, writer, float(area.width()))
        footer_top = area.height() - FOOTER_MM * MM
        pages = paginate(page, report_blocks(report), footer_top - 3 * MM)
        label = range_text(report)
        for number, placed in enumerate(pages, start=1):
            if number > 1 and not writer.newPage():
                raise PdfWriteError("cannot start a new page")
            for block, y in placed:
                page.draw(block, y)
            page.footer(label, number, len(pages), footer_top)
    finally:
        painter.end()
    return bytes(buffer.data().data())


def write_pdf(report: Report, path: Path) -> None:
    """Write the PDF of ``report`` to ``path``, mode 0600, via a temporary file beside it.

    Raises PdfWriteError (an OSError) when drawing fails and OSError when the
    file cannot be written; a half-written file is never left behind.
    """
    data = render_pdf(report)
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if os.name == "posix":
            partial.chmod(0o600)
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
