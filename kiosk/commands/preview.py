"""`kiosk preview DIR`: the exhibit in a window that follows the content folder as it is edited.

For curators: save a file and the window shows the change within a second, on the same
screen. While the folder has errors, the last valid state stays on screen with the list
of problems over it (the words of `kiosk validate`); it clears once they are fixed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from kiosk.content.loader import load_exhibit
from kiosk.logs import setup_logging
from kiosk.services.idle import IdlePolicy
from kiosk.services.watch import fingerprint

log = logging.getLogger(__name__)

EXIT_USAGE, EXIT_QML_FAILED = 2, 3
#: A curator edits in another window for long stretches: the preview never returns to the
#: attract screen by itself.
PREVIEW_IDLE = IdlePolicy(timeout_seconds=7 * 24 * 3600, countdown_seconds=10)


def run_preview(folder: Path, size: tuple[int, int]) -> int:
    if not folder.is_dir():
        print(f"kiosk preview: {folder} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    setup_logging()
    from kiosk.bridge import engine
    from kiosk.bridge.reload import PreviewReloader

    seen = fingerprint(folder)
    exhibit, report = load_exhibit(folder, thorough=True)
    for problem in report.sorted():
        print(problem.format(), file=sys.stderr)
    engine.route_qt_messages_to_logging()
    app = engine.application()
    try:
        engine.load_fonts()
        scene = engine.build_scene(
            exhibit, report.errors, size=size, policy=PREVIEW_IDLE, start_screen="home", preview=True
        )
    except engine.QmlLoadError as exc:
        print(f"kiosk preview: {exc}", file=sys.stderr)
        return EXIT_QML_FAILED
    reloader = PreviewReloader(scene.host, folder, handled_digest=seen.content().digest)
    reloader.start()
    print(f"kiosk preview: showing {folder}; it follows your changes (close the window to stop)", file=sys.stderr)
    code = app.exec()
    reloader.stop()
    scene.close()
    return int(code)
