"""Composition root: load content -> build the bridge objects -> load QML -> run."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.content.loader import Exhibit, load_exhibit
from kiosk.content.report import Report
from kiosk.crashreports import FaultLog
from kiosk.logs import default_log_dir, setup_logging
from kiosk.services.supervision import ENV_NOTE

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


def run_app(content: Path, fullscreen: bool, size: tuple[int, int]) -> int:
    setup_logging()
    # A crash inside Qt leaves the Python stacks in the log folder (crash-*.txt).
    fault_log = FaultLog.start(default_log_dir())
    try:
        return _run(content, fullscreen, size)
    finally:
        if fault_log is not None:
            fault_log.stop()


def _run(content: Path, fullscreen: bool, size: tuple[int, int]) -> int:
    if os.environ.get(ENV_NOTE):
        log.warning("%s", os.environ[ENV_NOTE])  # the supervisor fell back to the built-in exhibit
    exhibit, report = load_content(content)

    from kiosk.bridge import engine
    from kiosk.bridge.heartbeat import start_heartbeat
    from kiosk.bridge.imagecache import prepare_pictures

    engine.route_qt_messages_to_logging()
    app = engine.application()
    # Only under the supervisor (`kiosk supervise`); started before the pictures are prepared,
    # which may take a while on a first start, so the supervisor never mistakes it for a hang.
    heartbeat = start_heartbeat()
    try:
        engine.load_fonts()
        # Large photos scaled once, before the scene asks for them (progress on screen if slow).
        pictures = prepare_pictures(exhibit, size=size, fullscreen=fullscreen)
        try:
            scene = engine.build_scene(exhibit, report.errors, size=size, fullscreen=fullscreen)
        finally:
            pictures.close()  # after the exhibit's window is up: the desktop never shows between
    except engine.QmlLoadError as exc:
        log.critical("%s", exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_QML_FAILED
    if fullscreen:
        engine.hide_cursor(app)
    log.info("exhibit open (%dx%d%s)", size[0], size[1], ", fullscreen" if fullscreen else "")
    code = app.exec()
    if heartbeat is not None:
        heartbeat.stop()
    scene.close()
    return int(code)
