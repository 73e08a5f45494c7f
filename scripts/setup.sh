#!/usr/bin/env bash
# Set up everything emotrainer needs on a Debian-like machine; safe to run again.
#   - the system libraries Qt needs for a real window, and Xvfb for tests
#     (installed only when missing, and only where we may: root or sudo)
#   - a virtual environment in .venv with emotrainer and its dev tools,
#     reinstalled only when pyproject.toml changed
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(
  xvfb xauth fonts-dejavu-core
  libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1
  libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0
  libxcb-xinerama0 libxcb-xkb1
  # the desktop entry and AppStream checks (scripts/test.sh "desktop files")
  desktop-file-utils appstream
)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "setup: please install these system packages: ${missing[*]}" >&2
      return 0
    fi
  fi
  echo "setup: installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

install_python_env() {
  local python="${PYTHON:-python3}"
  if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv"
    "$python" -m venv .venv
  fi
  local stamp
  stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    echo "setup: installing emotrainer and its tools into .venv"
    # compat mode: a plain path entry, no import hook to slow every start.
    # pip's chatter goes to a log, shown only if something fails.
    if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip &&
           .venv/bin/python -m pip install --disable-pip-version-check \
             --config-settings editable_mode=compat -e ".[dev]"; } > .venv/pip.log 2>&1; then
      cat .venv/pip.log >&2
      echo "setup: installing Python packages failed (see above)" >&2
      exit 1
    fi
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
}

install_system_packages
install_python_env
