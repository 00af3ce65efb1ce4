"""Frame intervals while a visitor taps through every section and back, at 1920x1080.

Offscreen with the software renderer. Intervals are the times between frames the window
actually presented (frameSwapped) from the first frame of a page change until the new page
has arrived (the StackView is no longer busy). Also prints how long a tap takes to show its first frame (the new page is
created in that time). Prints JSON.
Target: p95 <= 16.7 ms during transitions.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import headless, percentile  # noqa: E402

headless()

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
TARGET_MS = 16.7


def main() -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtTest import QTest

    from kiosk.bridge import engine
    from kiosk.bridge.scenetools import find_items, settled, visible_in_scene, wait_frames, wait_until
    from kiosk.content.loader import load_exhibit
    from kiosk.services.idle import IdlePolicy

    exhibit, report = load_exhibit(REPO / "content")
    assert exhibit is not None, [p.format() for p in report.errors]
    app = engine.application()
    engine.load_fonts()
    scene = engine.build_scene(exhibit, [], policy=IdlePolicy(3600, 10), start_screen="home")
    window = scene.window
    device = QTest.createTouchDevice()
    wait_until(lambda: settled(window))
    wait_frames(window, 5)

    stamps: list[float] = []
    stack = next(i for i in find_items(window, "stack"))

    def frame() -> None:
        # Frames of the page change itself: from the tap until the new page has arrived.
        # (Afterwards a page may animate on its own, e.g. figures counting up; not measured.)
        if not stamps or stack.property("busy"):
            stamps.append(time.perf_counter())

    window.frameSwapped.connect(frame)

    def tap(name: str) -> None:
        item = next(i for i in find_items(window, name) if visible_in_scene(i))
        point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
        QTest.touchEvent(window, device).press(0, point, window).commit()
        QTest.touchEvent(window, device).release(0, point, window).commit()

    intervals: list[float] = []
    latencies: list[float] = []
    transitions = 0

    def measure(action_name: str) -> None:
        nonlocal transitions
        stamps.clear()
        tapped = time.perf_counter()
        tap(action_name)
        wait_until(lambda: settled(window), timeout_ms=10_000)
        wait_frames(window, 1)
        intervals.extend((b - a) * 1000.0 for a, b in itertools.pairwise(stamps))
        if stamps:
            latencies.append((stamps[0] - tapped) * 1000.0)
        transitions += 1

    kinds = [section.ref.kind for section in exhibit.sections]
    for _ in range(ROUNDS):
        for kind in kinds:
            measure(f"tile-{kind}")
            measure("homeButton")
        measure(f"tile-{kinds[0]}")
        for _kind in kinds:
            measure("nextButton")
        measure("homeButton")

    result = {
        "benchmark": "navigation_frame_intervals",
        "size": "1920x1080",
        "renderer": "software, offscreen",
        "transitions": transitions,
        "frames": len(intervals),
        "p50_ms": round(statistics.median(intervals), 2) if intervals else None,
        "p95_ms": round(percentile(intervals, 0.95), 2) if intervals else None,
        "max_ms": round(max(intervals), 2) if intervals else None,
        "target_p95_ms": TARGET_MS,
        "tap_to_first_frame_median_ms": round(statistics.median(latencies), 1) if latencies else None,
        "tap_to_first_frame_max_ms": round(max(latencies), 1) if latencies else None,
        "meets_target": bool(intervals) and percentile(intervals, 0.95) <= TARGET_MS,
    }
    if os.environ.get("BENCH_VERBOSE"):
        result["slowest_ms"] = [round(v, 1) for v in sorted(intervals)[-15:]]
    print(json.dumps(result, indent=2))
    window.close()
    app.processEvents()


if __name__ == "__main__":
    main()
