"""The terril map with 1,000 markers and polygons totalling 10,000 vertices, at 1920x1080.

Generated data (a copy of the default exhibit whose map gets a grid of polygons and
markers), then: opening time, and frame intervals while panning (flicks) and pinching
(scripted two-finger touches) for a few seconds each. Offscreen, software renderer.
Prints JSON. Target: p95 <= 16.7 ms during pan and pinch.
"""

from __future__ import annotations

import json
import math
import os
import random
import resource
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.common import headless, percentile  # noqa: E402

headless()

MARKERS = int(os.environ.get("BENCH_MARKERS", "1000"))
VERTICES = int(os.environ.get("BENCH_VERTICES", "10000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))




def generate(target: Path) -> Path:
    import yaml

    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "content", target)
    rng = random.Random(11)
    west, south, east, north = 2.70, 50.40, 2.88, 50.52
    polygons = 100
    per_polygon = VERTICES // polygons
    features = []
    for n in range(polygons):
        cx = west + (east - west) * ((n % 10) + 0.5) / 10
        cy = south + (north - south) * ((n // 10) + 0.5) / 10
        ring = [[cx + 0.007 * math.cos(2 * math.pi * k / per_polygon) * (0.8 + 0.2 * rng.random()),
                 cy + 0.005 * math.sin(2 * math.pi * k / per_polygon) * (0.8 + 0.2 * rng.random())]
                for k in range(per_polygon - 1)]
        ring.append(ring[0])
        features.append({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}})
    (target / "geo" / "bench.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    data = yaml.safe_load((target / "map.yaml").read_text(encoding="utf-8"))
    data["layers"].append({"id": "bench", "title": "Bench", "file": "geo/bench.geojson", "colour": "#8a8f96"})
    kinds = ("terril", "shaft", "place")
    data["markers"] += [
        {"id": f"m-{n:04d}", "kind": kinds[n % 3], "lon": rng.uniform(west, east), "lat": rng.uniform(south, north),
         "title": f"Marker {n}", "text": "Text"}
        for n in range(MARKERS - len(data["markers"]))
    ]
    (target / "map.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def main() -> None:
    from PySide6.QtCore import Q_ARG, QMetaObject, QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    from kiosk.bridge import engine
    from kiosk.bridge.scenetools import find_item, pause, settled, wait_frames, wait_until
    from kiosk.content.loader import load_exhibit
    from kiosk.services.idle import IdlePolicy

    content = generate(HERE / ".cache" / "map")
    exhibit, report = load_exhibit(content, thorough=False)
    assert exhibit is not None, [p.format() for p in report.errors][:5]
    app = engine.application()
    engine.load_fonts()
    scene = engine.build_scene(exhibit, [], policy=IdlePolicy(3600, 10), start_screen="home")
    window = scene.window
    wait_until(lambda: settled(window))
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")

    stamps: list[float] = []
    window.frameSwapped.connect(lambda: stamps.append(time.perf_counter()))
    opened = time.perf_counter()
    scene.kiosk.openSection(row)
    wait_until(lambda: find_item(window, "mapView") is not None, timeout_ms=20_000)
    stamps.clear()
    wait_until(lambda: len(stamps) > 0, timeout_ms=20_000)
    open_ms = (stamps[0] - opened) * 1000
    wait_until(lambda: settled(window), timeout_ms=20_000)
    pause(300)
    flick = find_item(window, "mapFlick")
    view = find_item(window, "mapView")
    view.setProperty("zoom", 3.0)  # zoomed in, so there is somewhere to pan to
    wait_frames(window, 3)

    # Pan: flicks in changing directions.
    stamps.clear()
    started = time.perf_counter()
    direction = 1
    while time.perf_counter() - started < SECONDS:
        QMetaObject.invokeMethod(flick, "flick", Qt.ConnectionType.DirectConnection,
                                 Q_ARG(float, direction * 3000.0), Q_ARG(float, direction * 1500.0))
        direction = -direction
        pause(600)
    pan = [(b - a) * 1000 for a, b in zip(stamps, stamps[1:], strict=False)]

    # Pinch: two fingers spreading and closing around the centre, frame by frame.
    device = QTest.createTouchDevice()
    centre = flick.mapToScene(QPointF(flick.width() / 2, flick.height() / 2)).toPoint()
    stamps.clear()
    started = time.perf_counter()
    while time.perf_counter() - started < SECONDS:
        for spread in (list(range(80, 400, 8)) + list(range(400, 80, -8))):
            if spread == 80:
                QTest.touchEvent(window, device).press(0, centre - QPoint(spread, 0), window).press(
                    1, centre + QPoint(spread, 0), window).commit()
            QTest.touchEvent(window, device).move(0, centre - QPoint(spread, 0), window).move(
                1, centre + QPoint(spread, 0), window).commit()
            wait_frames(window, 1, timeout_ms=200)
        QTest.touchEvent(window, device).release(0, centre - QPoint(80, 0), window).release(
            1, centre + QPoint(80, 0), window).commit()
    pinch = [(b - a) * 1000 for a, b in zip(stamps, stamps[1:], strict=False)]

    result = {
        "benchmark": "map_pan_and_pinch",
        "markers": MARKERS,
        "polygon_vertices": VERTICES,
        "size": "1920x1080",
        "renderer": "software, offscreen",
        "open_first_frame_ms": round(open_ms, 1),
        "pan_frames": len(pan),
        "pan_p50_ms": round(statistics.median(pan), 2),
        "pan_p95_ms": round(percentile(pan, 0.95), 2),
        "pan_max_ms": round(max(pan), 2),
        "pinch_frames": len(pinch),
        "pinch_p50_ms": round(statistics.median(pinch), 2),
        "pinch_p95_ms": round(percentile(pinch, 0.95), 2),
        "pinch_max_ms": round(max(pinch), 2),
        "target_p95_ms": 16.7,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    result["meets_target"] = result["pan_p95_ms"] <= 16.7 and result["pinch_p95_ms"] <= 16.7
    print(json.dumps(result, indent=2))
    scene.close()
    app.processEvents()


if __name__ == "__main__":
    main()
