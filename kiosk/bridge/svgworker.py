"""`kiosk svg-worker`: draws SVG pictures with Qt's own SVG reader, one at a time, on request.

Started by `kiosk.content.svgtrial`, which sends one JSON line per picture on standard input
(`{"id", "path", "boxes", "max_pixels"}`) and reads one JSON line back per picture on
standard output (`{"id", "ok", "why", "ms", "size"}`), after a first `{"ready": true}`.
It draws each picture at the largest of its sizes (covering or fitting each box), exactly
as an Image element asks QImageReader to. The caller kills this process when a picture
takes too long: nothing here needs to stop itself.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import IO, Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImageReader


def drawn_size(width: int, height: int, boxes: list[list[int]]) -> tuple[int, int]:
    """The largest size the picture is drawn at: scaled to cover (or fit in) each box."""
    best = (0, 0)
    for box_w, box_h, cover in boxes:
        scale = (max if cover else min)(box_w / width, box_h / height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size[0] * size[1] > best[0] * best[1]:
            best = size
    return best


def draw(job: dict[str, Any]) -> dict[str, Any]:
    reply: dict[str, Any] = {"id": job.get("id"), "ok": False, "why": "", "ms": 0.0, "size": [0, 0]}
    reader = QImageReader(str(job["path"]), b"svg")
    natural = reader.size()
    if not natural.isValid() or natural.isEmpty():
        reply["why"] = f"Qt cannot read this SVG ({reader.errorString() or 'it has no size'})"
        return reply
    width, height = drawn_size(natural.width(), natural.height(), job["boxes"])
    reply["size"] = [width, height]
    if width * height > int(job.get("max_pixels", 100_000_000)):
        reply["why"] = (
            f"its proportions ({natural.width()} by {natural.height()}) are so extreme that filling a 4K screen "
            f"would draw {width} by {height} pixels: crop it to proportions closer to the screen's"
        )
        return reply
    reader.setScaledSize(QSize(width, height))
    started = time.perf_counter()
    image = reader.read()
    reply["ms"] = (time.perf_counter() - started) * 1000
    if image.isNull():
        reply["why"] = f"Qt cannot draw this SVG ({reader.errorString() or 'no picture came out'})"
        return reply
    reply["ok"] = True
    return reply


def run_worker(stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    source = stdin or (sys.stdin.buffer if sys.stdin is not None else os.fdopen(0, "rb"))
    sink = stdout or (sys.stdout.buffer if sys.stdout is not None else os.fdopen(1, "wb"))
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "kiosk"])

    def say(message: dict[str, Any]) -> None:
        sink.write((json.dumps(message) + "\n").encode())
        sink.flush()

    say({"ready": True})
    for line in source:
        try:
            job = json.loads(line)
            say(draw(job))
        except (ValueError, KeyError, TypeError) as exc:
            say({"id": None, "ok": False, "why": f"bad request ({exc})"})
    return 0
