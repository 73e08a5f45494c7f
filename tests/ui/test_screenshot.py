"""`emotrainer screenshot` renders pages offscreen at the asked size."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from emotrainer.cli import main


@pytest.mark.parametrize(
    ("page", "theme"),
    [
        ("today", "light"),
        ("data", "dark"),
        ("about", "light"),
        ("wheel", "dark"),
        ("body", "light"),
        ("heat", "dark"),
        ("trainer", "light"),
        ("words", "dark"),
        ("trainer_card", "light"),
        ("trainer_feedback", "dark"),
        ("progress", "dark"),
    ],
)
def test_screenshot_writes_a_png_of_the_asked_size(tmp_path, page, theme):
    out = tmp_path / f"{page}.png"
    code = main(
        [
            "--data-dir",
            str(tmp_path / "d"),
            "screenshot",
            page,
            "--out",
            str(out),
            "--size",
            "640x480",
            "--theme",
            theme,
        ]
    )
    assert code == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)
    assert not (tmp_path / "d" / "emotrainer.db").exists()  # a picture writes no data


def test_unknown_page_is_bad_input(tmp_path, capsys):
    code = main(
        [
            "--data-dir",
            str(tmp_path / "d"),
            "screenshot",
            "nosuch",
            "--out",
            str(tmp_path / "x.png"),
        ]
    )
    assert code == 2
    assert "nosuch" in capsys.readouterr().err
