"""Composition root: load content -> build the bridge objects -> load QML -> run."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk.content.loader import Exhibit, load_exhibit
from kiosk.content.report import Report
from kiosk.logs import setup_logging

log = logging.getLogger("kiosk")

EXIT_QML_FAILED = 3


def load_content(content: Path) -> tuple[Exhibit | None, Report]:
    """Load and validate; log every problem with the same words as `kiosk validate`."""
    # Pictures are checked from their structure here; `kiosk validate` decodes every pixel.
    exhibit, report = load_exhibit(content, thorough=False)
    for problem in report.problems:
        level = logging.ERROR if problem.severity == "error" else logging.WARNING
        log.log(level, "%s", problem.format())
    if exhibit is None:
        log.error(
            "content folder %s cannot be shown: %d error(s); showing the error screen", content, len(report.errors)
        )
    else:
        log.info("content loaded from %s (%d warning(s))", content, len(report.warnings))
    return exhibit, report


def run_app(
    content: Path,
    fullscreen: bool,
    size: tuple[int, int],
    watch: bool = False,
    settle_seconds: float = 5.0,
    lastgood: Path | None = None,
) -> int:
    """Open the exhibit. With `watch` (a content folder given with --content), the folder is
    watched and swapped safely (see kiosk/services/swap.py); the bundled exhibit is not."""
    setup_logging()
    start = None
    if watch:
        from kiosk.services.lastgood import LastGoodStore, default_store_dir
        from kiosk.services.swap import open_exhibition

        store = LastGoodStore(lastgood or default_store_dir())
        start = open_exhibition(content, store)
        exhibit, report = start.exhibit, start.report
    else:
        exhibit, report = load_content(content)

    from kiosk.bridge import engine

    engine.route_qt_messages_to_logging()
    app = engine.application()
    try:
        engine.load_fonts()
        scene = engine.build_scene(exhibit, report.errors, size=size, fullscreen=fullscreen)
    except engine.QmlLoadError as exc:
        log.critical("%s", exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_QML_FAILED
    if fullscreen:
        engine.hide_cursor(app)
    swapper = None
    if start is not None:
        from kiosk.bridge.reload import ExhibitionSwapper

        swapper = ExhibitionSwapper(
            scene.host, content, store, start.generation, start.handled_digest, quiet_seconds=settle_seconds
        )
        swapper.start()
        log.info("watching %s for new content (settles after %.1f s without a change)", content, settle_seconds)
    log.info("exhibit open (%dx%d%s)", size[0], size[1], ", fullscreen" if fullscreen else "")
    code = app.exec()
    if swapper is not None:
        swapper.stop()
    scene.close()
    return int(code)
