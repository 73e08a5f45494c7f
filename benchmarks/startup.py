"""Start-up benchmark: emotrainer's main window against a bare PySide6 window.

Both are started as fresh processes with the same interpreter, alternately,
after one warm-up each. For each run we take the time from just before the
process is spawned to its first paint (the child prints the moment), and the
process's peak resident memory (from wait4). Reported: medians and the ratios
emotrainer / bare window. Targets (SPEC §5): both ratios ≤ 1.5.

    .venv/bin/python benchmarks/startup.py [--runs 9] [--days 365] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted": time.time(), "heavy_modules": []}), flush=True)
            obj.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv[:1])
window = QWidget()
window.setWindowTitle("bare")
window.resize(980, 680)
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""


def measure(cmd: list[str], env: dict[str, str]) -> tuple[float, float, list[str], float]:
    """(seconds to first paint, peak RSS in MiB, heavy modules, CPU seconds of the process)."""
    start = time.time()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[:3]} failed with {proc.returncode}:\n{err}")
    report = json.loads(out.strip().splitlines()[-1])
    rss_mib = usage.ru_maxrss / 1024  # Linux reports KiB
    cpu = usage.ru_utime + usage.ru_stime
    return report["painted"] - start, rss_mib, report["heavy_modules"], cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--days", type=int, default=365, help="demo history in the data dir")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    env = dict(os.environ)
    # As on a user's machine: byte-code caches on (a CI setting may turn them off).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["EMOTRAINER_STARTUP_REPORT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env["EMOTRAINER_DATA_DIR"] = str(data)
        subprocess.run(
            [sys.executable, "-m", "emotrainer", "demo-data", "--days", str(args.days)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        bare = [sys.executable, "-c", BARE_WINDOW]
        app = [sys.executable, "-m", "emotrainer", "--exit-after-start"]
        measure(bare, env)  # warm the file cache for both
        measure(app, env)
        results: dict[str, list[tuple[float, float, list[str], float]]] = {"bare": [], "app": []}
        for _ in range(args.runs):
            results["bare"].append(measure(bare, env))
            results["app"].append(measure(app, env))

    def median(name: str, index: int) -> float:
        return statistics.median(r[index] for r in results[name])  # type: ignore[misc]

    summary = {
        "runs": args.runs,
        "platform": env["QT_QPA_PLATFORM"],
        "bare_window_ms": round(median("bare", 0) * 1000, 1),
        "emotrainer_ms": round(median("app", 0) * 1000, 1),
        "startup_ratio": round(median("app", 0) / median("bare", 0), 3),
        "bare_window_rss_mib": round(median("bare", 1), 1),
        "emotrainer_rss_mib": round(median("app", 1), 1),
        "memory_ratio": round(median("app", 1) / median("bare", 1), 3),
        "bare_window_cpu_ms": round(median("bare", 3) * 1000, 1),
        "emotrainer_cpu_ms": round(median("app", 3) * 1000, 1),
        "cpu_ratio": round(median("app", 3) / median("bare", 3), 3),
        "heavy_modules_at_start": sorted({m for r in results["app"] for m in r[2]}),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(
            f"start-up (median of {args.runs}, {summary['platform']}): bare window "
            f"{summary['bare_window_ms']} ms, emotrainer {summary['emotrainer_ms']} ms, "
            f"ratio {summary['startup_ratio']} (target ≤ 1.5)"
        )
        print(
            f"peak memory: bare window {summary['bare_window_rss_mib']} MiB, emotrainer "
            f"{summary['emotrainer_rss_mib']} MiB, ratio {summary['memory_ratio']} "
            "(target ≤ 1.5)"
        )
        print(
            f"CPU time of the whole process (less sensitive to a busy machine): bare "
            f"{summary['bare_window_cpu_ms']} ms, emotrainer {summary['emotrainer_cpu_ms']} ms, "
            f"ratio {summary['cpu_ratio']}"
        )
        print(f"heavy modules loaded at start: {summary['heavy_modules_at_start'] or 'none'}")
    ok = summary["startup_ratio"] <= 1.5 and summary["memory_ratio"] <= 1.5
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
