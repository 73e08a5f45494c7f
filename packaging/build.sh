#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then run the bundle's own self-test.
#   bash packaging/build.sh        -> dist/emotrainer/ (macOS: dist/emotrainer.app)
# Uses its own virtual environment, build/venv (never the development .venv):
# emotrainer installed from the source tree as a user's would be (not editable),
# plus the PyInstaller pinned in packaging/requirements.txt. Safe to run again.
# Linux and macOS here; on Windows run the same steps from Git Bash (see
# docs/packaging.md). Prints the build time, the bundle size and its largest files.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
python="${PYTHON:-python3}"
venv=build/venv
case "$(uname -s)" in
  MINGW*|MSYS*|CYGWIN*) bin="$venv/Scripts"; exe=emotrainer-cli.exe ;;
  *) bin="$venv/bin"; exe=emotrainer ;;
esac

if [ ! -x "$bin/python" ] && [ ! -x "$bin/python.exe" ]; then
  echo "build: creating $venv"
  "$python" -m venv "$venv"
fi
echo "build: installing emotrainer and PyInstaller into $venv"
mkdir -p build
# setuptools builds in build/lib: clear it so that a file deleted from the source
# cannot linger in the installed package.
rm -rf build/lib build/bdist.*
if ! { "$bin/python" -m pip install --disable-pip-version-check -q -r packaging/requirements.txt &&
       "$bin/python" -m pip install --disable-pip-version-check -q . ; } > build/pip.log 2>&1; then
  cat build/pip.log >&2
  echo "build: installing the build's Python packages failed (see above)" >&2
  exit 1
fi

echo "build: running PyInstaller"
rm -rf dist/emotrainer dist/emotrainer.app
if ! "$bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/emotrainer.spec > build/pyinstaller.log 2>&1; then
  cat build/pyinstaller.log >&2
  echo "build: PyInstaller failed (see above)" >&2
  exit 1
fi
# A Python built from source (pyenv, as here) keeps its debug symbols in
# libpython (about 15 MB); distribution builds come stripped. Only this one file:
# stripping numpy's OpenBLAS breaks it, which is why the spec does not strip.
if [ "$(uname -s)" = "Linux" ] && command -v strip >/dev/null 2>&1; then
  for lib in dist/emotrainer/_internal/libpython3*.so*; do
    [ -f "$lib" ] && strip --strip-unneeded "$lib"
  done
fi
built=$(date +%s)

if [ -d dist/emotrainer.app ]; then
  bundle=dist/emotrainer.app
  program=dist/emotrainer.app/Contents/MacOS/emotrainer
else
  bundle=dist/emotrainer
  program="dist/emotrainer/$exe"
fi

echo "build: the bundle's self-test"
# From another folder, with no source tree nearby, so that only the bundle's own
# files can be found.
(cd "${TMPDIR:-/tmp}" && env -u PYTHONPATH QT_QPA_PLATFORM=offscreen "$OLDPWD/$program" --self-test)
if [ "$(uname -s)" = "Linux" ] && command -v xvfb-run >/dev/null 2>&1; then
  echo "build: the self-test again on a real X screen (Xvfb), for the xcb plugin and its libraries"
  (cd "${TMPDIR:-/tmp}" && env -u PYTHONPATH QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1280x900x24" "$OLDPWD/$program" --self-test | tail -1)
fi

echo "build: done in $((built - started)) s (self-test included: $(($(date +%s) - started)) s)"
echo "build: bundle size: $(du -sh "$bundle" | cut -f1)  ($bundle)"
echo "build: the 10 largest files:"
find "$bundle" -type f -exec du -k {} + | sort -rn |
  awk 'NR <= 10 { printf "  %6.1f MB  %s\n", $1 / 1024, $2 }'
