"""`kiosk hotspots IMAGE`: draw a hotspot on a picture and get its YAML, for curators.

No curator should have to guess coordinates: they tap around a figure, and the tool prints
the `hotspot:` block (coordinates relative to the picture) to the terminal and on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

#: The picture formats the kiosk shows (GIF is left out: a hotspot on an animation is a trap).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
DEFAULT_SIZE = (1600, 1000)
EXIT_USAGE, EXIT_QML_FAILED = 2, 3


def image_problem(image: Path) -> str | None:
    """Why this file cannot be drawn on, or None."""
    if not image.exists():
        return f"no such file: {image}"
    if not image.is_file():
        return f"not a file: {image}"
    if image.suffix.lower() not in IMAGE_SUFFIXES:
        return f"{image.name} is not a picture the kiosk shows ({', '.join(IMAGE_SUFFIXES)})"
    return None


def run_hotspots(image: Path, size: tuple[int, int] = DEFAULT_SIZE) -> int:
    problem = image_problem(image)
    if problem:
        print(f"kiosk hotspots: {problem}", file=sys.stderr)
        return EXIT_USAGE

    from kiosk.bridge import engine as kiosk_engine
    from kiosk.bridge.hotspot_editor import build_editor_window, close_editor_window

    app = kiosk_engine.application()
    try:
        kiosk_engine.load_fonts()
        engine, window, _editor = build_editor_window(image, size)
    except kiosk_engine.QmlLoadError as exc:
        print(f"kiosk hotspots: {exc}", file=sys.stderr)
        return EXIT_QML_FAILED
    print(f"kiosk hotspots: tap around a figure of {image.name}, then Print YAML.", file=sys.stderr)
    code = app.exec()
    close_editor_window(engine, window)
    return int(code)


def build_editor_window(
    image: Path, size: tuple[int, int] = DEFAULT_SIZE, out: Callable[[str], object] | None = None
) -> tuple[object, object, object]:
    """See `kiosk.bridge.hotspot_editor.build_editor_window` (kept here for the tests and tools)."""
    from kiosk.bridge.hotspot_editor import build_editor_window as build

    return build(image, size, out)
