"""A picture of the visitor report's page (`kiosk stats --report DIR --picture FILE.png`), for
documentation and for looking at a report where no browser is at hand.

Drawn by Qt's rich-text engine (QTextDocument), offscreen, with the page's charts (SVG) and
heat maps (PNG) loaded from beside it. That engine knows less CSS than a browser: the
page's layout is simpler in the picture (figures in a column, the heat maps one under the
other) but every chart, figure and word is there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

#: Taller pictures are cut (a year's report with every screen stays well under it).
MAX_HEIGHT = 30_000


def draw_page(page: Path, target: Path, width: int = 1280) -> tuple[int, int]:
    """Draws the HTML `page` `width` pixels wide into the PNG `target`; returns its size.
    Needs a QGuiApplication. OSError when the picture cannot be written."""
    document = QTextDocument()
    document.setBaseUrl(QUrl.fromLocalFile(str(page.parent.resolve()) + "/"))
    document.setHtml(page.read_text(encoding="utf-8"))
    document.setDocumentMargin(24)
    document.setTextWidth(width)
    height = min(MAX_HEIGHT, int(document.size().height()) + 1)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    if not image.save(str(target)):
        raise OSError(f"cannot write {target}")
    return width, height
