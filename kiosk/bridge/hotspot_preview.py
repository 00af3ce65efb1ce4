"""`kiosk hotspots IMAGE --preview blason.yaml --out check.png`: the hotspots drawn over the
picture, without a screen, to check them by eye (or to send to a colleague).

The picture is drawn by Qt's own readers (an SVG as the kiosk draws it), its longest side
`LONGEST` pixels; each hotspot is outlined in gold on a dark edge and lightly filled, its corners dotted,
and labelled with its charge's id at its centre, on a dark tab so it reads on any picture.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QImage, QImageReader, QPainter, QPen

from kiosk.content.hotspots import Region

LONGEST = 1600
GOLD = QColor("#e0b040")
INK = QColor("#121417")


def render_preview(image: Path, regions: tuple[Region, ...], out: Path, longest: int = LONGEST) -> tuple[int, int]:
    """Write the picture with its hotspots to `out` (PNG); returns the size drawn. Raises
    OSError when the picture cannot be read or the file cannot be written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed
    _app = QGuiApplication.instance() or QGuiApplication(["kiosk-hotspots"])
    reader = QImageReader(str(image))
    reader.setAutoTransform(True)
    natural = reader.size()
    if natural.isValid() and not natural.isEmpty():
        scale = longest / max(natural.width(), natural.height())
        reader.setScaledSize(QSize(round(natural.width() * scale), round(natural.height() * scale)))
    picture = reader.read()
    if picture.isNull():
        raise OSError(f"cannot read {image}: {reader.errorString()}")
    canvas = QImage(picture.size(), QImage.Format.Format_ARGB32_Premultiplied)
    canvas.fill(QColor("#2a2f36"))  # a see-through picture on the kiosk's dark surface
    width, height = canvas.width(), canvas.height()
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.drawImage(0, 0, picture)
    line = max(2.0, longest / 400)
    font = QFont("sans-serif")
    font.setPixelSize(max(14, round(longest / 60)))
    font.setBold(True)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    for region in regions:
        points = [QPointF(x * width, y * height) for x, y in region.outline()]
        fill = QColor(GOLD)
        fill.setAlpha(70)
        painter.setPen(QPen(INK, line * 2.5))  # a dark edge under the gold: it reads on gold figures too
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(points)
        painter.setPen(QPen(GOLD, line))
        painter.setBrush(QBrush(fill))
        painter.drawPolygon(points)
        if region.hotspot.polygon is not None:
            painter.setBrush(QBrush(GOLD))
            painter.setPen(Qt.PenStyle.NoPen)
            for point in points:
                painter.drawEllipse(point, line * 1.6, line * 1.6)
        centre = QPointF(sum(p.x() for p in points) / len(points), sum(p.y() for p in points) / len(points))
        tab = metrics.boundingRect(region.id).adjusted(-line * 3, -line * 1.5, line * 3, line * 1.5)
        tab.moveCenter(centre)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(INK))
        painter.drawRoundedRect(tab, line * 2, line * 2)
        painter.setPen(QPen(GOLD))
        painter.drawText(QRectF(tab), Qt.AlignmentFlag.AlignCenter, region.id)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not canvas.save(str(out), "PNG"):  # type: ignore[call-overload]  # the stub says bytes; Qt wants a str
        raise OSError(f"cannot write {out}")
    return width, height
