"""Small helpers for untrusted input: sizes as a person reads them."""

from __future__ import annotations

import pytest

from emotrainer.core.validate import human_size


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (999, "999 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (1536, "1.5 KB"),
        (64 * 1024, "64 KB"),
        (1_000_000, "976.6 KB"),
        (1024 * 1024 - 1, "1 MB"),  # rounds up into the next unit, never "1024 KB"
        (1024 * 1024, "1 MB"),
        (3 * 1024 * 1024 // 2, "1.5 MB"),
        (100 * 1024 * 1024, "100 MB"),
        (5 * 1024**3, "5120 MB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def test_caps_under_a_megabyte_are_not_zero() -> None:
    assert human_size(512 * 1024) == "512 KB"
