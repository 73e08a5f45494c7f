"""Render assets/icons/emotrainer.svg to the PNG sizes desktops ask for.

    python packaging/make_icons.py

writes ``assets/icons/hicolor/<n>x<n>/apps/<APP_ID>.png`` for every size in
SIZES (the freedesktop icon theme layout, which the Flatpak manifest and the
.desktop entry rely on), and from the same pictures the Windows icon
(packaging/windows/emotrainer.ico) and the macOS one
(packaging/macos/emotrainer.icns). All are committed; run this again after
changing the SVG. It uses Qt's own SVG renderer (QtSvg ships in PySide6-Essentials), so
the PNGs look like the icon the running app draws from the SVG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from emotrainer import APP_ID  # noqa: E402

SIZES = (16, 32, 48, 64, 128, 256, 512)
SVG = ROOT / "assets" / "icons" / "emotrainer.svg"


def png_path(size: int, root: Path = ROOT) -> Path:
    return root / "assets" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


# Both containers simply hold PNGs: ICO (Windows Vista and later) by size,
# ICNS (macOS 10.7 and later) by type code.
ICO_SIZES = (16, 32, 48, 64, 128, 256)
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def ico(pngs: dict[int, bytes]) -> bytes:
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, images = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        code + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for size, code in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    pngs = {size: render(size) for size in SIZES}
    outputs = {png_path(size): data for size, data in pngs.items()}
    outputs[ROOT / "packaging" / "windows" / "emotrainer.ico"] = ico(pngs)
    outputs[ROOT / "packaging" / "macos" / "emotrainer.icns"] = icns(pngs)
    for out, data in outputs.items():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        print(out.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
