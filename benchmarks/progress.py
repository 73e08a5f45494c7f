"""Benchmark: the progress metrics and the Progress page at ten years of data.

Fills a data folder with ten years of demo data (about five entries a day;
`demo-data --days 3650`) unless --data-dir names one, then measures:

- **metrics**: everything for the "all" span from the store — read the rows,
  index them by day, build every chart — beside a bare baseline measured in
  the same loop (one SELECT of every label row);
- **span switch (metrics)**: building one span's charts from the index kept by
  the page, for each span;
- **page**, each in a fresh process (so the pyqtgraph import is paid): the
  Progress page's first open, pyqtgraph import included, a span switch once
  open (through the page, drawing included), and peak memory with the page
  open, beside a bare PySide6 window's peak memory.

    .venv/bin/python benchmarks/progress.py [--runs 15] [--data-dir DIR] [--json]

Targets (SPEC §5 and the progress issue): metrics ≤ 100 ms, first open ≤ 1 s,
span switch ≤ 150 ms.
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
from datetime import date
from pathlib import Path

TARGETS_MS = {"metrics": 100.0, "first_open": 1000.0, "switch": 150.0}

PAGE_PROBE = r"""
import json, os, resource, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from pathlib import Path
from emotrainer.content import full_vocabulary
from emotrainer.paths import resolve
from emotrainer.storage.store import Store
from emotrainer.ui.app import application
from emotrainer.ui.bus import ChangeBus
from emotrainer.ui.main_window import MainWindow
from PySide6.QtWidgets import QApplication

app = application()
store = Store.open(resolve(Path(sys.argv[1])), full_check=False, lock=False)
window = MainWindow(store, full_vocabulary(store.user_words()), ChangeBus(), remember=False)
window.resize(1100, 800)
window.show()
QApplication.processEvents()
assert "pyqtgraph" not in sys.modules
t0 = time.perf_counter()
window.show_page("progress")
QApplication.processEvents()
page = window.page("progress")
page.repaint()
t1 = time.perf_counter()
from emotrainer.core.progress import Span
switches = []
for span in (Span.YEAR, Span.ALL, Span.WEEK, Span.MONTH) * 3:
    a = time.perf_counter()
    page.set_span(span)
    QApplication.processEvents()
    page.repaint()
    switches.append(time.perf_counter() - a)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first_open": t1 - t0, "switches": switches, "peak_mib": peak}))
"""

BARE_PROBE = r"""
import json, os, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1100, 800); w.show(); app.processEvents()
print(json.dumps({"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 1)


def measure_metrics(data_dir: Path, runs: int) -> dict[str, object]:
    from emotrainer.content import full_vocabulary
    from emotrainer.core.batch import paused_gc
    from emotrainer.core.progress import ProgressMetrics, Span
    from emotrainer.paths import resolve
    from emotrainer.storage.store import Store

    today = date.today()
    with Store.open(resolve(data_dir), full_check=False, lock=False) as store:
        vocabulary = full_vocabulary(store.user_words())
        counts = store.counts()
        bare, full = [], []
        for _ in range(runs):
            with paused_gc():  # the baseline is read under the same pause
                t0 = time.perf_counter()
                store.conn.execute("SELECT entry_id, word_id FROM labels").fetchall()
                t1 = time.perf_counter()
                # as the page and stats do: one pause for read, index and charts
                metrics = ProgressMetrics.load(store.progress_rows, vocabulary)
                metrics.progress(Span.ALL, today)
                t2 = time.perf_counter()
            bare.append(t1 - t0)
            full.append(t2 - t1)
        switch = {}
        for span in Span:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                metrics.progress(span, today)
                times.append(time.perf_counter() - t0)
            switch[span.value] = _median_ms(times)
    return {
        "entries": counts.entries,
        "labels": counts.labels,
        "body_marks": counts.body_marks,
        "metrics_ms": _median_ms(full),
        "baseline_select_labels_ms": _median_ms(bare),
        "ratio": round(statistics.median(full) / statistics.median(bare), 2),
        "span_switch_metrics_ms": switch,
    }


def measure_page(data_dir: Path, runs: int) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    opens, switches, peaks, bare_peaks = [], [], [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", PAGE_PROBE, str(data_dir)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        report = json.loads(out.stdout.strip().splitlines()[-1])
        opens.append(report["first_open"])
        switches += report["switches"]
        peaks.append(report["peak_mib"])
        bare = subprocess.run(
            [sys.executable, "-c", BARE_PROBE], capture_output=True, text=True, env=env, check=True
        )
        bare_peaks.append(json.loads(bare.stdout.strip())["peak_mib"])
    return {
        "first_open_ms": _median_ms(opens),
        "span_switch_page_ms": {
            "median": _median_ms(switches),
            "max": round(max(switches) * 1000, 1),
        },
        "peak_rss_mib": round(statistics.median(peaks), 1),
        "bare_window_peak_rss_mib": round(statistics.median(bare_peaks), 1),
        "rss_ratio": round(statistics.median(peaks) / statistics.median(bare_peaks), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--page-runs", type=int, default=5)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--no-page", action="store_true", help="the metrics only")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp) / "data"
        if args.data_dir is None:
            subprocess.run(
                [sys.executable, "-m", "emotrainer", "--data-dir", str(data_dir), "demo-data",
                 "--days", "3650", "--seed", "1"],
                check=True,
                capture_output=True,
            )  # fmt: skip
        result: dict[str, object] = measure_metrics(data_dir, args.runs)
        if not args.no_page:
            result.update(measure_page(data_dir, args.page_runs))
    result["targets_ms"] = TARGETS_MS
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"data: {result['entries']:,} entries, {result['labels']:,} labels, "
        f"{result['body_marks']:,} body marks"
    )
    print(
        f"all metrics from the store: median {result['metrics_ms']} ms (target ≤ 100 ms); "
        f"bare SELECT of the labels {result['baseline_select_labels_ms']} ms "
        f"(ratio {result['ratio']})"
    )
    print(f"one span's charts from the kept index (ms): {result['span_switch_metrics_ms']}")
    if not args.no_page:
        print(f"Progress page, first open with pyqtgraph: median {result['first_open_ms']} ms "
              "(target ≤ 1000 ms)")  # fmt: skip
        switch = result["span_switch_page_ms"]
        assert isinstance(switch, dict)
        print(f"span switch on the page: median {switch['median']} ms, max {switch['max']} ms "
              "(target ≤ 150 ms)")  # fmt: skip
        bare_rss = result["bare_window_peak_rss_mib"]
        print(f"peak memory with the page open: {result['peak_rss_mib']} MiB; bare window "
              f"{bare_rss} MiB (ratio {result['rss_ratio']})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
