"""One chart per metric, for one span of days, with its plain-words summary. Pure.

``span_totals`` adds up a span once (per bucket, whole, and the span before);
each chart function reads those totals and returns a ``Chart``: the series to
draw, one sentence about the span (compared with the span before where that
helps, never as a score), and an encouraging note in place of the series when
there is nothing to draw yet. Formulas: docs/metrics.md.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from emotrainer.core.differentiation import MIN_OCCASIONS, WINDOW_DAYS, differentiation
from emotrainer.core.progress_index import Day, DayIndex
from emotrainer.core.progress_types import Chart, Point, Series, Span
from emotrainer.core.vocabulary import Level

_PHRASE = {Span.WEEK: "week", Span.MONTH: "month", Span.YEAR: "year"}
NO_FEELINGS = "No feelings were named in this span."


def phrase(span: Span) -> str:
    return f"the last {_PHRASE[span]}" if span in _PHRASE else "all your time with emotrainer"


def feelings(n: int) -> str:
    return "1 different feeling" if n == 1 else f"{n} different feelings"


def percent(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else 0.0


@dataclass(frozen=True, slots=True)
class SpanTotals:
    """A span's totals, added up once for every chart: per bucket, whole, and the span before."""

    span: Span
    first: date
    last: date
    step: int  # days per bucket: 1, or 7 for Monday-to-Sunday weeks
    buckets: tuple[tuple[date, date, Day], ...]  # (first day, last day, totals)
    whole: Day
    before: Day | None  # the span of the same length just before; None for "all"


def merge(cells: Sequence[Day]) -> Day:
    """The totals of several cells (one cell is returned as it is: totals are read-only)."""
    if len(cells) == 1:
        return cells[0]
    total = Day()
    for cell in cells:
        total.add(cell)
    return total


def span_totals(index: DayIndex, span: Span, first: date, last: date) -> SpanTotals:
    """Buckets by day for a week or a month, by Monday-to-Sunday week for longer spans."""
    step = 1 if span in (Span.WEEK, Span.MONTH) else 7
    days_found, weeks_found = index.days, index.weeks
    buckets: list[tuple[date, date, Day]] = []
    day = first
    one = timedelta(days=1)
    while day <= last:
        end = day if step == 1 else min(last, day + timedelta(days=6 - day.weekday()))
        if step == 7 and day.weekday() == 0 and end - day == timedelta(days=6):
            cell = weeks_found.get(day)
            cells = [] if cell is None else [cell]
        else:
            cells = [c for d in _days(day, end) if (c := days_found.get(d)) is not None]
        buckets.append(
            (
                day if step == 1 else day - timedelta(days=day.weekday()),
                end,
                merge(cells) if cells else Day(),
            )
        )
        day = end + one
    whole = merge([b[2] for b in buckets])
    before = None
    if span is not Span.ALL:
        length = (last - first).days + 1
        start = first - timedelta(days=length)
        earlier = [c for d in _days(start, first - one) if (c := days_found.get(d)) is not None]
        before = merge(earlier) if earlier else Day()
    return SpanTotals(span, first, last, step, tuple(buckets), whole, before)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def vocabulary_chart(index: DayIndex, t: SpanTotals) -> Chart:
    named = index.first_use
    total = sum(1 for d in named.values() if d <= t.last)
    title = "Feelings you have named"
    if total == 0:
        return Chart(
            "vocabulary",
            title,
            "words",
            (),
            "You have not named a feeling yet.",
            empty="Nothing here yet. Every feeling you name in an exercise adds to this "
            "chart — broad words and “numb” count too.",
            step_days=t.step,
        )
    series = []
    for key, label, level in (
        ("all", "All words", None),
        ("specific", "Specific", Level.SPECIFIC),
        ("group", "Group", Level.GROUP),
        ("family", "Family", Level.FAMILY),
    ):
        firsts = sorted(
            d for w, d in named.items() if level is None or index.levels.get(w) is level
        )
        points = tuple(
            Point(end, float(bisect.bisect_right(firsts, end))) for _s, end, _c in t.buckets
        )
        series.append(Series(key, label, points))
    before = sum(1 for d in named.values() if d < t.first)
    if t.span is Span.ALL:
        since = index.first_day or t.first
        summary = f"You have named {feelings(total)} since {since.day} {since:%B %Y}."
    elif total == before:
        summary = (
            f"You named {feelings(total)} so far, the same as a "
            f"{_PHRASE[t.span]} ago: you stayed with words you know."
        )
    else:
        summary = (
            f"You named {feelings(total)} so far, {total - before} more than a "
            f"{_PHRASE[t.span]} ago."
        )
    return Chart("vocabulary", title, "words", tuple(series), summary, step_days=t.step)


def specificity_chart(t: SpanTotals) -> Chart:
    points = tuple(
        Point(start, round(percent(c.labels_specific, c.labels_known), 1))
        for start, _e, c in t.buckets
        if c.labels_known
    )
    title = "Specific words"
    if not t.whole.labels_known:
        return Chart(
            "specificity",
            title,
            "%",
            (),
            NO_FEELINGS,
            empty="When you name feelings, this shows how often you reach for a specific "
            "word. Broad words are always fine too.",
            step_days=t.step,
        )
    share = percent(t.whole.labels_specific, t.whole.labels_known)
    summary = (
        f"In {phrase(t.span)}, {round(share)} % of the feelings you named were specific words, "
        "like “irritated” rather than “angry”"
    )
    if t.before is not None and t.before.labels_known:
        before = percent(t.before.labels_specific, t.before.labels_known)
        summary += f" ({round(before)} % in the {_PHRASE[t.span]} before)"
    series = (Series("specific", "Specific words", points),)
    return Chart("specificity", title, "%", series, summary + ".", step_days=t.step)


def range_chart(index: DayIndex, t: SpanTotals) -> Chart:
    filled = [(start, c) for start, _e, c in t.buckets if c.words]
    title = "Range of feelings"
    if not t.whole.words:
        return Chart(
            "range",
            title,
            "words",
            (),
            NO_FEELINGS,
            empty="This shows how many different words, and from how many families, you use.",
            step_days=t.step,
        )
    per = "day" if t.step == 1 else "week"
    summary = (
        f"In {phrase(t.span)} you named {len(t.whole.words)} different words from "
        f"{len(t.whole.families)} of the {index.family_count} families (the chart counts "
        f"them per {per})."
    )
    series = (
        Series("words", "Different words", tuple(Point(s, float(len(c.words))) for s, c in filled)),
        Series("families", "Families", tuple(Point(s, float(len(c.families))) for s, c in filled)),
    )
    return Chart("range", title, "words", series, summary, step_days=t.step)


def differentiation_chart(index: DayIndex, first: date, last: date) -> Chart:
    """Four-week windows back from the span's last day; a point where enough inventories exist."""
    inventories = index.inventories
    when = [d for d, _v in inventories]
    points: list[Point] = []
    end = last
    while True:
        start = end - timedelta(days=WINDOW_DAYS - 1)
        low, high = bisect.bisect_left(when, start), bisect.bisect_right(when, end)
        if high - low >= MIN_OCCASIONS:
            value = differentiation([v for _d, v in inventories[low:high]])
            if value is not None:
                points.append(Point(start, round(value, 3)))
        end = start - timedelta(days=1)
        if end < first or (when and end < when[0]):
            break
    points.reverse()
    title = "Telling difficult feelings apart"
    recent_start = last - timedelta(days=WINDOW_DAYS - 1)
    recent = bisect.bisect_right(when, last) - bisect.bisect_left(when, recent_start)
    if not points:
        return Chart(
            "differentiation",
            title,
            "index 0–1",
            (),
            "There are not enough feelings inventories for this yet.",
            empty=(
                f"This appears once you have done {MIN_OCCASIONS} feelings inventories within "
                f"four weeks; the last four weeks hold {recent}. It shows whether difficult "
                "feelings rise and fall as one, or each on its own."
            ),
            step_days=WINDOW_DAYS,
        )
    latest = points[-1]
    summary = (
        f"In the four weeks from {latest.day.day} {latest.day:%B}, your difficult feelings scored "
        f"{latest.value:.2f} for telling apart (0: they move together; 1: each on its own)"
    )
    if len(points) > 1:
        summary += f", {points[-2].value:.2f} in the four weeks before"
    series = (Series("differentiation", "Differentiation", tuple(points)),)
    return Chart(
        "differentiation", title, "index 0–1", series, summary + ".", step_days=WINDOW_DAYS
    )


def presence_chart(t: SpanTotals) -> Chart:
    points = tuple(
        Point(start, round(c.presence_sum / c.presence_n, 2))
        for start, _e, c in t.buckets
        if c.presence_n
    )
    title = "How present you felt"
    if not t.whole.presence_n:
        return Chart(
            "presence",
            title,
            "0–10",
            (),
            "No presence ratings in this span.",
            empty="Each check-in starts with how present you feel; it will show here.",
            step_days=t.step,
        )
    overall = t.whole.presence_sum / t.whole.presence_n
    summary = f"In {phrase(t.span)} your presence averaged {overall:.1f} out of 10"
    if t.before is not None and t.before.presence_n:
        previous = t.before.presence_sum / t.before.presence_n
        summary += f" ({previous:.1f} in the {_PHRASE[t.span]} before)"
    series = (Series("presence", "Presence", points),)
    return Chart("presence", title, "0–10", series, summary + ".", step_days=t.step)


def body_charts(t: SpanTotals) -> tuple[Chart, Chart]:
    filled = [(start, c) for start, _e, c in t.buckets if c.body_entries]
    body_title, numb_title = "Places noticed in the body", "“Numb” and “nothing”"
    whole = t.whole
    if not whole.body_entries:
        none = "No body marks in this span."
        empty = "The body map and the body scan fill this in. “Nothing” is an answer too."
        return (
            Chart("body", body_title, "per check-in", (), none, empty, step_days=t.step),
            Chart("numbness", numb_title, "%", (), none, empty, step_days=t.step),
        )
    regions = tuple(Point(s, round(c.regions_noticed / c.body_entries, 2)) for s, c in filled)
    numb = tuple(Point(s, round(percent(c.marks_absent, c.marks), 1)) for s, c in filled)
    return (
        Chart(
            "body",
            body_title,
            "per check-in",
            (Series("regions", "Places noticed", regions),),
            f"In {phrase(t.span)}, each time you checked in with your body you noticed "
            f"{whole.regions_noticed / whole.body_entries:.1f} places on average.",
            step_days=t.step,
        ),
        Chart(
            "numbness",
            numb_title,
            "%",
            (Series("numb", "Numb or nothing", numb),),
            f"In {phrase(t.span)}, “numb” or “nothing” was "
            f"{round(percent(whole.marks_absent, whole.marks))} % of what you noticed in your "
            "body — both are real answers.",
            step_days=t.step,
        ),
    )


def figures(
    index: DayIndex,
    t: SpanTotals,
    differentiation: Chart,
    mastered: int | None,
    homework_adherence: float | None = None,
) -> dict[str, float | int | None]:
    """The headline figures of a span or range (docs/metrics.md; ``stats`` keys)."""
    whole = t.whole
    named = index.first_use.values()

    def share(part: int, of: int) -> float | None:
        return round(100.0 * part / of, 1) if of else None

    def mean(total: int, of: int) -> float | None:
        return round(total / of, 2) if of else None

    return {
        "words_named": sum(1 for d in named if d <= t.last),
        "new_words": sum(1 for d in named if t.first <= d <= t.last),
        "entries": whole.entries,
        "words_used": len(whole.words),
        "families_used": len(whole.families),
        "specific_percent": share(whole.labels_specific, whole.labels_known),
        "presence_mean": mean(whole.presence_sum, whole.presence_n),
        "places_per_body_checkin": mean(whole.regions_noticed, whole.body_entries),
        "numb_or_nothing_percent": share(whole.marks_absent, whole.marks),
        "differentiation": (
            differentiation.series[0].points[-1].value if differentiation.series else None
        ),
        "words_mastered": mastered,
        "homework_adherence": homework_adherence,
    }
