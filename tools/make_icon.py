"""Draw resources/icons/app.ico (the Windows program icon) from app.svg: python tools/make_icon.py.

Each size is drawn by Qt from the SVG (sharper than one picture scaled down) and Pillow, which
comes with reportlab, writes them into one .ico. Run it again after changing app.svg and commit both.
"""

from __future__ import annotations

import os
import sys
from io import BytesIO
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (256, 128, 64, 48, 32, 24, 16)


def make_icon() -> Path:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "app.svg"))
    pictures = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        pictures.append(Image.open(BytesIO(bytes(buffer.data().data()))))
    out = ICONS / "app.ico"
    pictures[0].save(out, sizes=[p.size for p in pictures], append_images=pictures[1:])
    return out


if __name__ == "__main__":
    print(f"已生成 {make_icon()}")
    sys.exit(0)
