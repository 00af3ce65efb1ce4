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


def run_hotspots(
    image: Path, size: tuple[int, int] = DEFAULT_SIZE, preview: Path | None = None, out: Path | None = None
) -> int:
    problem = image_problem(image)
    if problem:
        print(f"kiosk hotspots: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if preview is not None or out is not None:
        return run_preview(image, preview, out)

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


def run_preview(image: Path, preview: Path | None, out: Path | None) -> int:
    """Headless: draw the hotspots of `preview` (a blason.yaml) over `image` into `out`."""
    if preview is None or out is None:
        print("kiosk hotspots: --preview BLASON_YAML and --out FILE.png go together", file=sys.stderr)
        return EXIT_USAGE
    if not preview.is_file():
        print(f"kiosk hotspots: no such file: {preview}", file=sys.stderr)
        return EXIT_USAGE
    from kiosk.content.hotspot_sheet import read_hotspots

    sheet = read_hotspots(preview)
    for found in sheet.report.sorted():
        print(found.format(), file=sys.stderr)
    if not sheet.regions:
        print(f"kiosk hotspots: no hotspot to draw in {preview}", file=sys.stderr)
        return 1
    from kiosk.bridge.hotspot_preview import render_preview

    try:
        width, height = render_preview(image, sheet.regions, out)
    except OSError as exc:
        print(f"kiosk hotspots: {exc}", file=sys.stderr)
        return 1
    print(f"{out}: {len(sheet.regions)} hotspot(s) of {preview.name} over {image.name} ({width}x{height})")
    return 1 if sheet.report.errors else 0


def build_editor_window(
    image: Path, size: tuple[int, int] = DEFAULT_SIZE, out: Callable[[str], object] | None = None
) -> tuple[object, object, object]:
    """See `kiosk.bridge.hotspot_editor.build_editor_window` (kept here for the tests and tools)."""
    from kiosk.bridge.hotspot_editor import build_editor_window as build

    return build(image, size, out)
