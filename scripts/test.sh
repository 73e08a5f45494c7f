#!/usr/bin/env bash
# Set everything up (if needed) and run every check: lint, types, the Qt-free
# boundary, the test suite offscreen, and the real-window tests under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PYTHONDONTWRITEBYTECODE=1
bin=.venv/bin

echo "== ruff"
$bin/ruff check emotrainer tests benchmarks
$bin/ruff format --check emotrainer tests benchmarks
echo "== mypy"
$bin/mypy
echo "== import-linter"
$bin/lint-imports --no-cache
echo "== desktop files"
desktop-file-validate packaging/linux/io.github.emotrainer.Emotrainer.desktop
appstreamcli validate --no-net packaging/linux/io.github.emotrainer.Emotrainer.metainfo.xml
echo "== pytest (offscreen)"
$bin/pytest -m "not realwindow" -q -p no:cacheprovider
echo "== pytest (real windows under Xvfb)"
EMOTRAINER_REALWINDOW=1 xvfb-run -a -s "-screen 0 1280x900x24" \
  $bin/pytest -m realwindow -q -p no:cacheprovider tests/e2e
