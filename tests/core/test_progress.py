"""Progress metrics against small hand-computed examples, edge cases included."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from emotrainer.content import shipped_vocabulary
from emotrainer.core.differentiation import (
    MIN_OCCASIONS,
    WINDOW_DAYS,
    differentiation,
    icc_consistency,
)
from emotrainer.core.inventory import NEGATIVE_IDS
from emotrainer.core.progress import ProgressMetrics, ProgressRows, Span

V = shipped_vocabulary()
TODAY = date(2026, 3, 18)  # a Wednesday


class Rows:
    """Builds ProgressRows entry by entry, the way the store hands them over."""

    def __init__(self) -> None:
        self.entries: list[tuple[int, date, int | None]] = []
        self.labels: list[tuple[int, str]] = []
        self.marks: list[tuple[int, int, int, str | None]] = []
        self.ratings: list[tuple[int, str, int]] = []

    def add(
        self,
        day: date,
        words: tuple[str, ...] = (),
        presence: int | None = None,
        marks: tuple[tuple[str, str], ...] = (),
        ratings: tuple[int, ...] | None = None,
    ) -> Rows:
        entry_id = len(self.entries) + 1
        self.entries.append((entry_id, day, presence))
        self.labels += [(entry_id, w) for w in words]
        if marks:
            places = " ".join(r for r, sensations in marks if sensations != "nothing")
            absent = sum(bool({"numb", "nothing"} & set(s.split())) for _r, s in marks)
            self.marks.append((entry_id, len(marks), absent, places or None))
        if ratings is not None:
            self.ratings += [
                (entry_id, item, r) for item, r in zip(NEGATIVE_IDS, ratings, strict=True)
            ]
        return self

    def metrics(self) -> ProgressMetrics:
        return ProgressMetrics(
            ProgressRows(
                tuple(self.entries), tuple(self.labels), tuple(self.marks), tuple(self.ratings)
            ),
            V,
        )


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


# -- differentiation: ICC(C,k) ---------------------------------------------------------


def test_icc_of_perfectly_consistent_ratings_is_one() -> None:
    assert icc_consistency([[1, 2], [2, 3], [3, 4]]) == pytest.approx(1.0)
    assert differentiation([[1, 2], [2, 3], [3, 4]]) == pytest.approx(0.0)


def test_icc_against_a_hand_computed_example_and_cronbachs_alpha() -> None:
    # n = 4 occasions, k = 2 emotions: SSR = 7, SSC = 0, SST = 10, SSE = 3,
    # MSR = 7/3, MSE = 1, ICC(C,k) = (7/3 − 1) / (7/3) = 4/7 — equal to Cronbach's α.
    matrix = [[1, 3], [2, 1], [3, 2], [0, 0]]
    assert icc_consistency(matrix) == pytest.approx(4 / 7)
    assert differentiation(matrix) == pytest.approx(3 / 7)


def test_icc_is_undefined_without_variation_between_occasions() -> None:
    assert icc_consistency([[2, 2, 2], [2, 2, 2], [2, 2, 2]]) is None  # all ratings equal
    assert icc_consistency([[0, 4], [4, 0], [2, 2]]) is None  # every occasion the same mean
    assert icc_consistency([[1, 2]]) is None  # one occasion
    assert icc_consistency([]) is None
    assert differentiation([[3, 3], [3, 3]]) is None


def test_a_negative_icc_is_held_at_zero_so_differentiation_is_at_most_one() -> None:
    matrix = [[0, 4], [4, 0], [1, 2]]
    icc = icc_consistency(matrix)
    assert icc is not None and icc < 0
    assert differentiation(matrix) == 1.0


# -- nothing, and one entry --------------------------------------------------------------


def test_no_data_gives_encouraging_notes_and_no_series() -> None:
    p = Rows().metrics().progress(Span.MONTH, TODAY)
    for chart in p.charts:
        assert chart.series == () and chart.empty, chart.key
        assert chart.summary
    assert p.figures["words_named"] == 0 and p.figures["entries"] == 0
    assert all(
        p.figures[k] is None
        for k in (
            "specific_percent",
            "presence_mean",
            "places_per_body_checkin",
            "numb_or_nothing_percent",
            "differentiation",
        )
    )
    assert p.heat == {}
    assert (p.first_day, p.last_day) == (days_ago(29), TODAY)


def test_one_entry() -> None:
    rows = Rows().add(TODAY, ("anxious",), presence=4, marks=(("chest", "tight"),))
    p = rows.metrics().progress(Span.WEEK, TODAY)
    vocabulary = p.chart("vocabulary")
    assert vocabulary.empty is None
    assert vocabulary.series[0].points[-1].value == 1.0
    assert vocabulary.summary == "You named 1 different feeling so far, 1 more than a week ago."
    assert p.chart("specificity").series[0].points == (p.chart("specificity").series[0].points[0],)
    assert p.chart("specificity").series[0].points[0].value == 100.0
    assert p.chart("presence").summary == "In the last week your presence averaged 4.0 out of 10."
    assert p.chart("differentiation").empty is not None
    assert p.heat == {"chest": 1.0}
    assert p.figures == {
        "words_named": 1,
        "new_words": 1,
        "entries": 1,
        "words_used": 1,
        "families_used": 1,
        "specific_percent": 100.0,
        "presence_mean": 4.0,
        "places_per_body_checkin": 1.0,
        "numb_or_nothing_percent": 0.0,
        "differentiation": None,
        "words_mastered": None,
        "homework_adherence": None,
    }


# -- active vocabulary -------------------------------------------------------------------


def test_active_vocabulary_is_cumulative_distinct_words_per_level() -> None:
    rows = (
        Rows()
        .add(days_ago(40), ("anger", "anxious"))  # a family and a specific word, long ago
        .add(days_ago(6), ("anxious", "numb"))  # numb is new
        .add(days_ago(2), ("uneasy",))  # a group, new
        .add(TODAY, ("numb", "anxious"))
    )
    p = rows.metrics().progress(Span.WEEK, TODAY)
    chart = p.chart("vocabulary")
    by_key = {s.key: [pt.value for pt in s.points] for s in chart.series}
    # days: 6 ago … today (7 points)
    assert by_key["all"] == [3, 3, 3, 3, 4, 4, 4]
    assert by_key["specific"] == [2, 2, 2, 2, 2, 2, 2]
    assert by_key["group"] == [0, 0, 0, 0, 1, 1, 1]
    assert by_key["family"] == [1, 1, 1, 1, 1, 1, 1]
    assert chart.summary == "You named 4 different feelings so far, 2 more than a week ago."
    assert p.figures["new_words"] == 2 and p.figures["words_named"] == 4
    month = rows.metrics().progress(Span.MONTH, TODAY).chart("vocabulary")
    assert month.summary.endswith("2 more than a month ago.")
    all_time = rows.metrics().progress(Span.ALL, TODAY).chart("vocabulary")
    assert (
        all_time.summary
        == f"You have named 4 different feelings since {days_ago(40).day} {days_ago(40):%B %Y}."
    )


def test_a_span_without_new_words_says_so_kindly() -> None:
    rows = Rows().add(days_ago(60), ("numb",)).add(days_ago(1), ("numb",))
    summary = rows.metrics().progress(Span.MONTH, TODAY).chart("vocabulary").summary
    assert summary == (
        "You named 1 different feeling so far, the same as a month ago: "
        "you stayed with words you know."
    )


# -- specificity and range ---------------------------------------------------------------


def test_specificity_is_the_share_of_specific_labels_per_bucket_and_span() -> None:
    rows = (
        Rows()
        .add(days_ago(1), ("anxious", "anger"))  # 1 of 2 specific
        .add(TODAY, ("numb", "irritated", "uneasy", "user_gone"))  # 2 of 3 known
        .add(days_ago(9), ("fear",))  # the week before: 0 of 1
    )
    chart = rows.metrics().progress(Span.WEEK, TODAY).chart("specificity")
    assert [(pt.day, pt.value) for pt in chart.series[0].points] == [
        (days_ago(1), 50.0),
        (TODAY, 66.7),
    ]
    # 3 specific of 5 known labels in the week; unknown words count in neither
    assert chart.summary.startswith("In the last week, 60 % of the feelings you named")
    assert chart.summary.endswith("(0 % in the week before).")


def test_range_counts_distinct_words_and_families_per_bucket() -> None:
    rows = Rows().add(days_ago(1), ("anxious", "numb", "anxious")).add(TODAY, ("anxious",))
    chart = rows.metrics().progress(Span.WEEK, TODAY).chart("range")
    words, families = chart.series
    assert [pt.value for pt in words.points] == [2.0, 1.0]
    assert [pt.value for pt in families.points] == [2.0, 1.0]  # fear, detachment; then fear
    assert "2 different words from 2 of the 10 families" in chart.summary


def test_long_spans_count_per_monday_to_sunday_week() -> None:
    monday = TODAY - timedelta(days=TODAY.weekday())
    rows = (
        Rows()
        .add(monday - timedelta(days=1), ("anxious",))  # Sunday: last week
        .add(monday, ("numb",))
        .add(TODAY, ("numb", "irritated"))
    )
    chart = rows.metrics().progress(Span.YEAR, TODAY).chart("range")
    assert chart.step_days == 7
    words = {pt.day: pt.value for pt in chart.series[0].points}
    assert words == {monday - timedelta(days=7): 1.0, monday: 2.0}
    assert all(pt.day.weekday() == 0 for pt in chart.series[0].points)


# -- presence and the body -------------------------------------------------------------------


def test_presence_is_averaged_per_day_and_compared_with_the_span_before() -> None:
    rows = (
        Rows()
        .add(TODAY, presence=3)
        .add(TODAY, presence=6)
        .add(days_ago(2), presence=9)
        .add(days_ago(10), presence=2)
        .add(days_ago(3))  # no presence asked: not counted
    )
    chart = rows.metrics().progress(Span.WEEK, TODAY).chart("presence")
    assert [(pt.day, pt.value) for pt in chart.series[0].points] == [
        (days_ago(2), 9.0),
        (TODAY, 4.5),
    ]
    assert (
        chart.summary
        == "In the last week your presence averaged 6.0 out of 10 (2.0 in the week before)."
    )


def test_body_places_noticed_and_the_share_of_numb_or_nothing() -> None:
    rows = (
        Rows()
        .add(TODAY, marks=(("chest", "tight heavy"), ("jaw", "tense"), ("hand_left", "numb")))
        .add(TODAY, marks=(("chest", "nothing"),))
        .add(TODAY)  # no body step: not in the body figures
    )
    p = rows.metrics().progress(Span.WEEK, TODAY)
    body, numb = p.chart("body"), p.chart("numbness")
    # places noticed: 3 (numb counts as noticed) and 0 → 1.5 per check-in with the body
    assert body.series[0].points[-1].value == 1.5
    # numb or nothing: 2 of 4 marks
    assert numb.series[0].points[-1].value == 50.0
    assert "noticed 1.5 places on average" in body.summary
    assert "50 %" in numb.summary and "real answers" in numb.summary
    assert p.heat == {"chest": 1.0, "jaw": 1.0, "hand_left": 1.0}


# -- differentiation over windows ---------------------------------------------------------


def _inventory_rows(n: int, start: date, *, equal: bool = False) -> Rows:
    rows = Rows()
    for i in range(n):
        ratings = (2,) * 6 if equal else tuple((i * (j + 1)) % 5 for j in range(6))
        rows.add(start + timedelta(days=i), ratings=ratings)
    return rows


def test_differentiation_needs_enough_inventories_in_the_window() -> None:
    few = _inventory_rows(MIN_OCCASIONS - 1, days_ago(10)).metrics().progress(Span.MONTH, TODAY)
    chart = few.chart("differentiation")
    assert chart.series == () and chart.empty is not None
    assert f"the last four weeks hold {MIN_OCCASIONS - 1}." in chart.empty
    enough = _inventory_rows(MIN_OCCASIONS, days_ago(10)).metrics().progress(Span.MONTH, TODAY)
    point = enough.chart("differentiation").series[0].points[-1]
    assert point.day == TODAY - timedelta(days=WINDOW_DAYS - 1)
    matrix = [[float((i * (j + 1)) % 5) for j in range(6)] for i in range(MIN_OCCASIONS)]
    assert point.value == pytest.approx(round(differentiation(matrix) or 0, 3))
    assert enough.figures["differentiation"] == point.value


def test_differentiation_is_not_shown_when_all_ratings_are_equal() -> None:
    p = _inventory_rows(10, days_ago(12), equal=True).metrics().progress(Span.MONTH, TODAY)
    assert p.chart("differentiation").series == ()


def test_incomplete_inventories_and_positive_items_are_left_out() -> None:
    rows = _inventory_rows(MIN_OCCASIONS, days_ago(10))
    rows.ratings.append((1, "happy", 4))  # a positive item: not part of the measure
    rows.entries.append((99, TODAY, None))
    rows.ratings += [(99, "sad", 4)]  # only one negative item rated: left out
    p = rows.metrics().progress(Span.MONTH, TODAY)
    assert len(p.chart("differentiation").series[0].points) == 1
