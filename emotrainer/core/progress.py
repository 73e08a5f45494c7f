"""Progress: the metrics of SPEC §4.3 over a span of days, as chart-ready series. Pure, no Qt.

The store hands over compact per-entry rows once (``ProgressRows``, see
``storage.progress``); ``ProgressMetrics`` folds them into per-day totals once
(``progress_index``), and each span's charts are arithmetic over those days
(``progress_charts``), so switching the span (week, month, year, all) never
reads the database again. Every day is the *local* day the person lived,
from each entry's own UTC offset, so a trip abroad or a daylight-saving
change never moves an entry to another day; weeks start on Monday. The
formulas are in docs/metrics.md. Each chart carries a one-sentence summary in
plain words, for everyone and for screen readers, and an encouraging note
instead of blank axes when there is too little to draw.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from emotrainer.core import progress_charts as charts
from emotrainer.core.batch import paused_gc
from emotrainer.core.progress_index import build_index
from emotrainer.core.progress_types import (
    SPAN_DAYS,
    SPAN_LABELS,
    Chart,
    Point,
    Progress,
    ProgressRows,
    Series,
    Span,
    week_start,
)
from emotrainer.core.vocabulary import Vocabulary

__all__ = [
    "SPAN_DAYS",
    "SPAN_LABELS",
    "Chart",
    "Point",
    "Progress",
    "ProgressMetrics",
    "ProgressRows",
    "Series",
    "Span",
    "week_start",
]


class ProgressMetrics:
    """The rows indexed by local day once; ``progress`` builds one span's charts from them."""

    def __init__(self, rows: ProgressRows, vocabulary: Vocabulary) -> None:
        with paused_gc():
            self.index = build_index(rows, vocabulary)

    @classmethod
    def load(cls, read: Callable[[], ProgressRows], vocabulary: Vocabulary) -> ProgressMetrics:
        """Read the rows (``Store.progress_rows``) and index them under one collector pause.

        Pausing once for both, rather than for each, keeps the collector from
        walking the freshly read rows in between.
        """
        with paused_gc():
            return cls(read(), vocabulary)

    @property
    def first_day(self) -> date | None:
        return self.index.first_day

    def progress(self, span: Span, today: date, mastered: int | None = None) -> Progress:
        """Every chart for ``span`` ending ``today``; ``mastered``: words mastered in the trainer.

        Spans of a week or a month have a point per day, longer ones a point per
        week; the span before (same length) is what summaries compare with.
        """
        with paused_gc():
            return self._progress(span, today, mastered)

    def _progress(self, span: Span, today: date, mastered: int | None) -> Progress:
        index = self.index
        if span is Span.ALL:
            first = min(index.first_day or today, today)
        else:
            first = today - timedelta(days=SPAN_DAYS[span] - 1)
        totals = charts.span_totals(index, span, first, today)
        differentiation = charts.differentiation_chart(index, first, today)
        built = (
            charts.vocabulary_chart(index, totals),
            charts.specificity_chart(totals),
            charts.range_chart(index, totals),
            differentiation,
            charts.presence_chart(totals),
            *charts.body_charts(totals),
        )
        # homework adherence waits for the plans (issue 7): None here
        figures = charts.figures(index, totals, differentiation, mastered)
        heat = index.heat(first, today)
        return Progress(span, first, today, built, heat, figures)
