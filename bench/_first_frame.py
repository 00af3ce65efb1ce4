"""Child process of bench/startup.py: start the kiosk as `kiosk run` does, on the home
screen, and print the wall-clock time of the first frame, then quit."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main() -> int:
    from kiosk.app import load_content
    from kiosk.bridge import engine
    from kiosk.logs import setup_logging

    setup_logging(Path(sys.argv[1]))
    exhibit, report = load_content(Path(sys.argv[2]))
    app = engine.application()
    engine.load_fonts()
    scene = engine.build_scene(exhibit, report.errors, start_screen="home")

    def first_frame() -> None:
        print(f"FIRST_FRAME {time.time():.6f}", flush=True)
        app.quit()

    scene.window.frameSwapped.connect(first_frame)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
