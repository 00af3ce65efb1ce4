"""The terril map, touched like a visitor: markers, layers, zoom, profile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtTest import QTest

from kiosk.bridge.scenetools import find_items, wait_until
from tests.gui.conftest import centre, settle
from tests.gui.conftest import shown as visible

Tap = Callable[..., None]




def open_map(make_scene):
    scene = make_scene(start_screen="home")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    scene.kiosk.openSection(row)
    settle(scene)
    return scene, scene.kiosk.section(row).controller, visible(scene, "mapView")


def test_a_marker_tap_opens_its_card(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(make_scene)
    marker = next(m for m in map_.markers if m["kind"] == "terril")
    tap(scene.window, visible(scene, f"marker-{marker['id']}"))
    assert scene.kiosk.detail == marker["id"]
    assert visible(scene, "markerTitle").property("text") == marker["title"]
    tap(scene.window, visible(scene, "markerClose"))
    assert scene.kiosk.detail == ""


def test_layer_toggles_hide_and_show(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(make_scene)
    shaft = next(m for m in map_.markers if m["kind"] == "shaft")
    pin = visible(scene, f"marker-{shaft['id']}")
    tap(scene.window, visible(scene, "layer-shaft"))
    assert wait_until(lambda: not pin.isVisible())
    tap(scene.window, visible(scene, "layer-shaft"))
    assert wait_until(lambda: pin.isVisible())


def test_double_tap_zooms_and_reset_returns(make_scene, touchscreen) -> None:
    scene, _map, view = open_map(make_scene)
    before = view.property("zoom")
    flick = visible(scene, "mapFlick")
    point = centre(flick)
    for _ in range(2):
        QTest.touchEvent(scene.window, touchscreen).press(0, point, scene.window).commit()
        QTest.touchEvent(scene.window, touchscreen).release(0, point, scene.window).commit()
    assert wait_until(lambda: view.property("zoom") > before * 1.5)
    scene.kiosk.closeDetail()  # a tap near a marker opened its card, which covers the side panel
    reset = visible(scene, "resetButton")
    p = reset.mapToScene(QPointF(reset.width() / 2, reset.height() / 2)).toPoint()
    QTest.touchEvent(scene.window, touchscreen).press(0, p, scene.window).commit()
    QTest.touchEvent(scene.window, touchscreen).release(0, p, scene.window).commit()
    assert wait_until(lambda: abs(view.property("zoom") - before) < 1e-6)


def test_pinch_keeps_the_point_between_the_fingers(make_scene, touchscreen) -> None:
    scene, _map, view = open_map(make_scene)
    flick = visible(scene, "mapFlick")
    point = centre(flick)
    local = flick.mapFromScene(QPointF(point))

    def under_fingers() -> tuple[float, float]:
        return ((flick.property("contentX") + local.x()) / view.property("mapWidth"),
                (flick.property("contentY") + local.y()) / view.property("mapHeight"))

    start = under_fingers()
    a0, b0 = point - QPoint(60, 0), point + QPoint(60, 0)
    QTest.touchEvent(scene.window, touchscreen).press(0, a0, scene.window).press(1, b0, scene.window).commit()
    for step in range(1, 11):
        gap = 60 + 8 * step
        QTest.touchEvent(scene.window, touchscreen).move(0, point - QPoint(gap, 0), scene.window).move(
            1, point + QPoint(gap, 0), scene.window).commit()
        QTest.qWait(5)
    QTest.touchEvent(scene.window, touchscreen).release(0, point - QPoint(140, 0), scene.window).release(
        1, point + QPoint(140, 0), scene.window).commit()
    assert view.property("zoom") > 1.0
    after = under_fingers()
    assert abs(after[0] - start[0]) < 0.01 and abs(after[1] - start[1]) < 0.01


def test_the_profile_shows_heights_and_depths_and_opens_cards(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(make_scene)
    tap(scene.window, visible(scene, "profileButton"))
    deepest = min(map_.profile, key=lambda item: item["metres"])
    highest = max(map_.profile, key=lambda item: item["metres"])
    assert deepest["metres"] < 0 < highest["metres"]
    tap(scene.window, visible(scene, f"profile-{deepest['id']}"))
    assert scene.kiosk.detail == deepest["id"]


def test_only_markers_near_the_view_get_a_delegate(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    everything = len(map_.markers)
    view.setProperty("zoom", 8.0)
    flick = visible(scene, "mapFlick")
    flick.setProperty("contentX", 0.0)
    flick.setProperty("contentY", 0.0)
    assert wait_until(lambda: map_.markerModel.rowCount() < everything)
    shown = {map_.markerModel.data(map_.markerModel.index(r, 0), 257) for r in range(map_.markerModel.rowCount())}
    assert all(find_items(scene.window, f"marker-{marker_id}") for marker_id in shown)
