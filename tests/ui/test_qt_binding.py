"""The Qt binding itself must be sound: a long session makes millions of calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QPointF


def test_void_calls_keep_none_alive():
    """PySide6 6.12.0 under Python 3.11 lost a reference to None per void call and
    aborted the interpreter after a few thousand; pyproject pins it out."""
    probe = QPointF()
    before = sys.getrefcount(None)
    for _ in range(20_000):
        probe.setX(1.0)
    assert before - sys.getrefcount(None) < 100
