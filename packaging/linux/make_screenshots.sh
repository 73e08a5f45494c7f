#!/usr/bin/env bash
# The AppStream screenshots, made by the app itself over synthetic demo data
# (never anyone's real data): packaging/linux/screenshots/*.png. Run again when
# the pages change, and commit the PNGs. Uses the development .venv by default.
#   bash packaging/linux/make_screenshots.sh [path/to/emotrainer]
set -euo pipefail
cd "$(dirname "$0")/../.."
program="${1:-.venv/bin/emotrainer}"
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$program" --data-dir "$demo/data" demo-data --days 120 --seed 1 > /dev/null
out=packaging/linux/screenshots
for shot in today:light unpack:light body_scan:dark progress:light; do
  page=${shot%%:*}
  "$program" --data-dir "$demo/data" screenshot "$page" --theme "${shot##*:}" \
    --size 1200x800 --out "$out/$page.png"
done
