"""Logs record events, never what a person named or wrote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from emotrainer.cli import main
from emotrainer.content import shipped_vocabulary


def test_logs_hold_no_words_notes_or_tags(tmp_path: Path) -> None:
    data = tmp_path / "data"
    note = "a very private note about my sister"
    assert main(["--data-dir", str(data), "demo-data", "--days", "30", "--seed", "3"]) == 0
    export = tmp_path / "all.json"
    assert main(["--data-dir", str(data), "export", "--format", "json", "--out", str(export)]) == 0
    # A refused import with the note inside it, then the window once.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "emotrainer-export", "version": 1, "note": "' + note + '"}')
    assert main(["--data-dir", str(data), "import", str(bad)]) == 2
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-m", "emotrainer", "--data-dir", str(data), "--exit-after-start"],
        check=True,
        env=env,
        timeout=60,
    )

    logs = "\n".join(p.read_text() for p in (data / "logs").glob("emotrainer.log*"))
    assert logs, "something was logged"
    assert note not in logs and "sister" not in logs
    words = {w.label.casefold() for w in shipped_vocabulary() if len(w.label) > 4}
    named = [w for w in words if w in logs.casefold()]
    assert named == []
