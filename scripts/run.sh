#!/usr/bin/env bash
# Set everything up (if needed) and open emotrainer. Arguments go to emotrainer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ "$(uname -s)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no screen found; opening emotrainer on a virtual screen (Xvfb)" >&2
  exec xvfb-run -a -s "-screen 0 1280x900x24" .venv/bin/emotrainer "$@"
fi
exec .venv/bin/emotrainer "$@"
