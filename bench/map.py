"""The terril map with 1,000 markers and polygons totalling 10,000 vertices, at 1920x1080.

Generated data (a copy of the default exhibit whose map gets a grid of polygons and
markers), then: opening time (to the page's first frame, and to the first frame where every
marker in view is drawn: `open_frames_before_markers` counts the frames the page showed
before that, expected 0), and frame intervals while panning (flicks at zoom 3, once
that zoom's tiles are drawn) and pinching (scripted two-finger touches, 3x to 7.5x and
back) for a few seconds each; and how long a zoom's tiles take to be drawn and handed
to the view (`zoom_drawn_ms`: from the zoom's end to the last tile shown, over a few zooms
whose tiles were never drawn before). Offscreen, software renderer. Prints JSON.

Target: p95 <= 16.7 ms during pan and pinch. Also printed: the frame work (synchronising
and drawing the scene: what a 60 Hz screen must fit in 16.7 ms) and the same pan on an
empty Flickable (`platform_floor_*`): the offscreen platform has no vsync and paces
frames with a timer, so on a busy machine even an empty view's p95 exceeds 16.7 ms.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from bench.common import frame_figures, headless, visible_within  # noqa: E402

headless()

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickItem

    from kiosk.bridge.map import MapController

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
        ring = [
            [
                cx + 0.007 * math.cos(2 * math.pi * k / per_polygon) * (0.8 + 0.2 * rng.random()),
                cy + 0.005 * math.sin(2 * math.pi * k / per_polygon) * (0.8 + 0.2 * rng.random()),
            ]
            for k in range(per_polygon - 1)
        ]
        ring.append(ring[0])
        features.append({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring]}})
    (target / "geo" / "bench.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    data = yaml.safe_load((target / "map.yaml").read_text(encoding="utf-8"))
    data["layers"].append({"id": "bench", "title": "Bench", "file": "geo/bench.geojson", "colour": "#8a8f96"})
    kinds = ("terril", "shaft", "place")
    data["markers"] += [
        {
            "id": f"m-{n:04d}",
            "kind": kinds[n % 3],
            "lon": rng.uniform(west, east),
            "lat": rng.uniform(south, north),
            "title": f"Marker {n}",
            "text": "Text",
        }
        for n in range(MARKERS - len(data["markers"]))
    ]
    (target / "map.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


FLOOR_QML = b"""
import QtQuick
Window {
    width: 1920; height: 1080; visible: true; color: "#1d2126"
    Flickable {
        objectName: "floor"; anchors.fill: parent; contentWidth: 6000; contentHeight: 4000
        Rectangle { width: 100; height: 100; color: "#e3b23c" }
    }
}
"""


def flick_for(window: object, flick: object, seconds: float) -> list[float]:
    """Frame intervals (ms) while `flick` is flung back and forth for `seconds`."""
    from PySide6.QtCore import Q_ARG, QMetaObject, Qt

    from kiosk.bridge.scenetools import pause

    frames: list[float] = []
    restarts: list[float] = []  # flicks given to a map that had stopped (at an edge)

    def swapped() -> None:
        frames.append(time.perf_counter())

    window.frameSwapped.connect(swapped)  # type: ignore[attr-defined]
    started = time.perf_counter()
    direction = 1
    while time.perf_counter() - started < seconds:
        now = time.perf_counter()
        if not frames or now - frames[-1] > 0.040:
            restarts.append(now)
        QMetaObject.invokeMethod(
            flick,
            "flick",
            Qt.ConnectionType.DirectConnection,
            Q_ARG(float, direction * 3000.0),
            Q_ARG(float, direction * 1500.0),
        )
        direction = -direction
        pause(600)
    window.frameSwapped.disconnect(swapped)  # type: ignore[attr-defined]
    # Between two frames of a moving map only: a flick that reaches the edge stops the map,
    # and the wait until the next flick starts it again is no frame interval.
    return [(b - a) * 1000 for a, b in itertools.pairwise(frames) if not any(a <= t <= b for t in restarts)]


def platform_floor(seconds: float) -> list[float]:
    """The same flicks on an empty Flickable: how regularly this machine's offscreen
    platform paces frames at all (it has no vsync; a timer ticks about every 16 ms)."""
    from PySide6.QtQml import QQmlApplicationEngine

    from kiosk.bridge.scenetools import pause

    engine = QQmlApplicationEngine()
    engine.loadData(FLOOR_QML)
    window = engine.rootObjects()[0]
    flick = next(item for item in window.contentItem().childItems() if item.objectName() == "floor")
    pause(300)
    intervals = flick_for(window, flick, seconds)
    window.close()
    engine.deleteLater()
    return intervals


def markers_drawn(page: QQuickItem, flick: QQuickItem, map_: MapController) -> bool:
    """Every marker (or bubble) in view is on screen: the tile it is drawn in is shown, its
    picture there, drawn for the zoom the map is at."""
    from PySide6.QtCore import QRectF

    from kiosk.bridge.scenetools import walk

    shown = functools.partial(visible_within, page=page)

    level = map_.level
    if level <= 0 or not shown(flick):
        return False
    tiles = {
        (tile.property("column"), tile.property("row"))
        for tile in walk(flick)
        if tile.property("key") is not None
        and abs(tile.property("level") - level) < 0.01
        and tile.property("source").toString() == tile.property("key")
        and tile.implicitWidth() > 0
        and shown(tile)
    }
    seen = QRectF(flick.property("contentX"), flick.property("contentY"), flick.width(), flick.height())
    size = map_.tileSize
    inside = [m for m in map_.shown() if seen.contains(m.x, m.y)]
    return bool(inside) and all((math.floor(m.x / size), math.floor(m.y / size)) in tiles for m in inside)


def main() -> None:
    from PySide6.QtCore import QPoint, QPointF
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
    floor = platform_floor(SECONDS)
    scene = engine.build_scene(exhibit, [], policy=IdlePolicy(3600, 10), start_screen="home")
    window = scene.window
    wait_until(lambda: settled(window))
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")

    stamps: list[float] = []
    window.frameSwapped.connect(lambda: stamps.append(time.perf_counter()))
    # Work per frame (synchronising the scene with QML, then drawing it): what a real 60 Hz
    # screen must fit in 16.7 ms, whatever the offscreen platform's pacing adds.
    work: list[float] = []
    sync_started: list[float] = []
    window.beforeSynchronizing.connect(lambda: sync_started.append(time.perf_counter()))
    window.afterRendering.connect(
        lambda: work.append((time.perf_counter() - sync_started[-1]) * 1000) if sync_started else None
    )
    opened = time.perf_counter()
    scene.kiosk.openSection(row)
    # The page is made as the section opens, before any frame is drawn.
    page, flick = find_item(window, "sectionPage-map"), find_item(window, "mapFlick")
    assert page is not None and flick is not None
    map_ = scene.kiosk.section(row).controller
    # Each frame until the first where every marker in view is drawn: when, and whether they
    # are (None while the page is not visible).
    opening: list[tuple[float, bool | None]] = []

    def opening_frame() -> None:
        if not opening or not opening[-1][1]:
            opening.append((time.perf_counter(), markers_drawn(page, flick, map_) if page.isVisible() else None))

    window.frameSwapped.connect(opening_frame)
    stamps.clear()
    wait_until(lambda: len(stamps) > 0, timeout_ms=20_000)
    open_ms = (stamps[0] - opened) * 1000
    wait_until(lambda: bool(opening) and bool(opening[-1][1]), timeout_ms=20_000)
    window.frameSwapped.disconnect(opening_frame)
    frames_before_markers = sum(1 for _, drawn in opening if drawn is False)
    markers_ms = (opening[-1][0] - opened) * 1000
    wait_until(lambda: settled(window), timeout_ms=20_000)
    pause(300)
    view = find_item(window, "mapView")

    # A zoom's end to its last tile handed to the view: the controller says `drawing` false.
    drawn_at: list[float] = []
    map_.drawingChanged.connect(lambda: drawn_at.append(time.perf_counter()) if not map_.drawing else None)
    zoom_drawn: list[float] = []
    for zoom in (3.3, 2.2, 4.4, 1.6, 3.0):  # the last one stays: zoomed in, so there is somewhere to pan to
        drawn_at.clear()
        zoomed = time.perf_counter()
        view.setProperty("zoom", zoom)  # as a visitor's zoom ends
        wait_until(lambda: settled(window), timeout_ms=20_000)  # its tiles drawn
        if drawn_at:
            zoom_drawn.append((drawn_at[-1] - zoomed) * 1000)
        pause(300)

    # Pan: flicks in changing directions.
    work.clear()
    pan = flick_for(window, flick, SECONDS)
    pan_work = list(work)
    pan_zoom = view.property("zoom")

    # Pinch: two fingers spreading and closing around the centre, frame by frame.
    device = QTest.createTouchDevice()
    centre = flick.mapToScene(QPointF(flick.width() / 2, flick.height() / 2)).toPoint()
    stamps.clear()
    work.clear()
    started = time.perf_counter()
    while time.perf_counter() - started < SECONDS:
        for spread in list(range(160, 400, 6)) + list(range(400, 160, -6)):
            if spread == 160:
                QTest.touchEvent(window, device).press(0, centre - QPoint(spread, 0), window).press(
                    1, centre + QPoint(spread, 0), window
                ).commit()
            QTest.touchEvent(window, device).move(0, centre - QPoint(spread, 0), window).move(
                1, centre + QPoint(spread, 0), window
            ).commit()
            wait_frames(window, 1, timeout_ms=200)
        QTest.touchEvent(window, device).release(0, centre - QPoint(160, 0), window).release(
            1, centre + QPoint(160, 0), window
        ).commit()
    pinch = [(b - a) * 1000 for a, b in itertools.pairwise(stamps)]
    pinch_work = list(work)

    result = {
        "benchmark": "map_pan_and_pinch",
        "markers": MARKERS,
        "polygon_vertices": VERTICES,
        "size": "1920x1080",
        "renderer": "software, offscreen",
        "open_first_frame_ms": round(open_ms, 1),
        "open_frames_before_markers": frames_before_markers,
        "open_markers_shown_ms": round(markers_ms, 1),
        "zoom_drawn_ms": [round(ms, 1) for ms in zoom_drawn],
        **frame_figures("platform_floor_pan", floor, top=False),
        "pan_zoom": round(pan_zoom, 2),
        "pan_frames": len(pan),
        **frame_figures("pan", pan),
        **frame_figures("pan_frame_work", pan_work, top=False),
        "pinch_frames": len(pinch),
        **frame_figures("pinch", pinch),
        **frame_figures("pinch_frame_work", pinch_work, top=False),
        "target_p95_ms": 16.7,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    result["meets_target"] = result["pan_p95_ms"] <= 16.7 and result["pinch_p95_ms"] <= 16.7
    result["work_meets_target"] = result["pan_frame_work_p95_ms"] <= 16.7 and result["pinch_frame_work_p95_ms"] <= 16.7
    print(json.dumps(result, indent=2))
    scene.close()
    app.processEvents()


if __name__ == "__main__":
    main()
