"""Draw the app icon with Qt; write resources/icons/ses-decider.png, .ico (Windows), .icns (macOS).

Run after changing the drawing (`.venv/bin/python packaging/make_icon.py`) and commit the outputs;
the installer build (build_installer.spec) and the app only read them. The picture: a balance on a
dark-blue rounded square, tipped toward a green check, i.e. "weigh it, then decide".
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "resources" / "icons"
NAME = "ses-decider"
MASTER = 1024
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, size) pairs macOS reads from PNG-compressed entries.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def draw(size: int = MASTER) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 100.0  # draw on a 100 x 100 grid
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)

    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#1f3a5f"))
    p.drawRoundedRect(QRectF(4 * s, 4 * s, 92 * s, 92 * s), 20 * s, 20 * s)

    white = QColor("#f4f6f8")
    pen = QPen(white, 5 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    # the post and its foot
    p.drawLine(QPointF(50 * s, 24 * s), QPointF(50 * s, 78 * s))
    p.drawLine(QPointF(36 * s, 80 * s), QPointF(64 * s, 80 * s))
    # the beam, tipped: the right-hand side (the decision) is heavier
    left, right = QPointF(22 * s, 30 * s), QPointF(78 * s, 40 * s)
    p.drawLine(left, right)
    # strings and pans
    thin = QPen(white, 2.5 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(thin)
    for top, drop in ((left, 22), (right, 22)):
        p.drawLine(top, QPointF(top.x() - 10 * s, top.y() + drop * s))
        p.drawLine(top, QPointF(top.x() + 10 * s, top.y() + drop * s))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(white)
    for top in (left, right):
        pan = QPainterPath()
        y = top.y() + 22 * s
        pan.moveTo(top.x() - 13 * s, y)
        pan.lineTo(top.x() + 13 * s, y)
        pan.arcTo(QRectF(top.x() - 13 * s, y - 8 * s, 26 * s, 16 * s), 0, -180)
        p.drawPath(pan)
    # a green check in a disc on the heavier pan
    p.setBrush(QColor("#2e9e5b"))
    p.drawEllipse(QPointF(right.x(), right.y() + 10 * s), 9 * s, 9 * s)
    p.setPen(QPen(white, 3 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawPolyline(
        [
            QPointF(right.x() - 4.5 * s, right.y() + 10 * s),
            QPointF(right.x() - 1 * s, right.y() + 13.5 * s),
            QPointF(right.x() + 5 * s, right.y() + 6.5 * s),
        ]
    )
    p.end()
    return image


def png_bytes(image: QImage, size: int) -> bytes:
    scaled = image.scaled(
        size,
        size,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    scaled.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """An .ico of PNG-compressed entries (Windows Vista and later read them)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, blob in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(pngs: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(blob)) + blob for kind, blob in pngs.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)  # noqa: F841 - fonts, plugins
    master = draw()
    (HERE / f"{NAME}.png").write_bytes(png_bytes(master, 256))
    (HERE / f"{NAME}.ico").write_bytes(ico({n: png_bytes(master, n) for n in ICO_SIZES}))
    (HERE / f"{NAME}.icns").write_bytes(icns({k: png_bytes(master, n) for k, n in ICNS_TYPES}))
    for suffix in ("png", "ico", "icns"):
        path = HERE / f"{NAME}.{suffix}"
        print(f"wrote {path.name} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
