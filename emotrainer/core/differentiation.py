"""Emotion differentiation from feelings-inventory ratings: 1 − ICC(C,k). Pure, no Qt.

Each occasion (one feelings inventory) is a row, each negative emotion a
column. When the difficult feelings rise and fall together from one occasion
to the next, their ratings are consistent across emotions and the ICC is high:
they are felt as one lump. Differentiation (emotional granularity) is
1 − ICC, with the ICC held to 0…1. docs/metrics.md gives the formula.
"""

from __future__ import annotations

from collections.abc import Sequence

WINDOW_DAYS = 28
MIN_OCCASIONS = 6  # inventories in one window, for the ICC to mean anything


def icc_consistency(matrix: Sequence[Sequence[float]]) -> float | None:
    """ICC(C,k): consistency of the average of k columns over n rows (two-way model).

    None when it is undefined: fewer than two rows or columns, or no variation
    between occasions at all (every row has the same mean).
    """
    n = len(matrix)
    k = len(matrix[0]) if n else 0
    if n < 2 or k < 2:
        return None
    grand = sum(map(sum, matrix)) / (n * k)
    row_means = [sum(row) / k for row in matrix]
    col_means = [sum(row[j] for row in matrix) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for row in matrix for x in row)
    ss_error = max(0.0, ss_total - ss_rows - ss_cols)
    ms_rows = ss_rows / (n - 1)
    if ms_rows <= 1e-12:
        return None
    ms_error = ss_error / ((n - 1) * (k - 1))
    return (ms_rows - ms_error) / ms_rows


def differentiation(matrix: Sequence[Sequence[float]]) -> float | None:
    """1 − ICC(C,k) with the ICC held to 0…1: 0 the feelings move as one, 1 each its own."""
    icc = icc_consistency(matrix)
    if icc is None:
        return None
    return 1.0 - min(1.0, max(0.0, icc))
