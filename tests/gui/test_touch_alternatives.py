"""No gesture is the only way, on the timeline and the map (issue #18, WCAG 2.5.1): the + and
− buttons do what a pinch does, Earlier and Later what a fling does, each by a real touch,
and each is faint and deaf at its end."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import wait_until
from tests.helpers.scene import settle, shown

Tap = Callable[..., None]


def open_section(make_scene: Callable[..., Scene], kind: str, **options: object) -> Scene:
    scene = make_scene(start_screen="home", **options)
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == kind)
    scene.kiosk.openSection(row)
    settle(scene)
    return scene


def is_on(button: QQuickItem) -> bool:
    return bool(button.property("enabled")) and button.opacity() == 1


def test_earlier_and_later_move_the_strip_by_most_of_a_screen_and_stop_at_the_ends(make_scene, tap: Tap, qtbot) -> None:
    scene = open_section(make_scene, "timeline")
    view, track = shown(scene, "timelineView"), shown(scene, "timelineTrack")
    earlier, later = shown(scene, "earlierButton"), shown(scene, "laterButton")
    for button in (earlier, later):
        assert button.height() >= 64 and button.width() >= 64, "a target a finger finds at 1080p"
    # The story opens at its start: nothing earlier.
    assert track.property("contentX") == 0
    assert not is_on(earlier) and is_on(later)
    tap(scene.window, earlier)
    settle(scene)
    assert track.property("contentX") == 0, "a faint button does nothing"

    last = view.property("maxContentX")
    positions = [0.0]
    while is_on(later):
        tap(scene.window, later)
        qtbot.waitUntil(lambda: not track.property("moving") and not view.property("atStart"), timeout=3000)
        qtbot.waitUntil(lambda: abs(track.property("contentX") - view.property("heading")) < 0.5, timeout=3000)
        positions.append(track.property("contentX"))
        assert len(positions) < 50, "Later never reaches the end"
    steps = [b - a for a, b in itertools.pairwise(positions)]
    assert all(abs(s - track.width() * 0.8) <= 1 for s in steps[:-1]), steps
    assert 0 < steps[-1] <= track.width() * 0.8 + 1
    assert abs(positions[-1] - last) <= 1 and not is_on(later) and is_on(earlier)

    tap(scene.window, earlier)
    qtbot.waitUntil(lambda: abs(track.property("contentX") - (last - track.width() * 0.8)) <= 1, timeout=3000)
    assert is_on(later)


def test_zoom_buttons_zoom_by_touch_and_stop_at_the_closest_and_farthest(make_scene, tap: Tap) -> None:
    scene = open_section(make_scene, "map")
    view = shown(scene, "mapView")
    zoom_in, zoom_out = shown(scene, "zoomIn"), shown(scene, "zoomOut")
    for button in (zoom_in, zoom_out):
        assert button.height() >= 64 and button.width() >= 64
    assert wait_until(lambda: not view.property("zooming"))

    def touch(button: QQuickItem) -> None:
        before = view.property("zoom")
        tap(scene.window, button)
        assert wait_until(lambda: view.property("zooming") or view.property("zoom") != before)
        assert wait_until(lambda: not view.property("zooming"))

    for _ in range(10):
        if not is_on(zoom_in):
            break
        before = view.property("zoom")
        touch(zoom_in)
        assert view.property("zoom") > before
    assert view.property("zoom") == view.property("maxZoom") and not is_on(zoom_in) and is_on(zoom_out)
    tap(scene.window, zoom_in)
    settle(scene)
    assert view.property("zoom") == view.property("maxZoom")

    for _ in range(10):
        if not is_on(zoom_out):
            break
        before = view.property("zoom")
        touch(zoom_out)
        assert view.property("zoom") < before
    assert view.property("zoom") == view.property("minZoom") and not is_on(zoom_out) and is_on(zoom_in)
    # The whole map again, the way it opened: a button too.
    tap(scene.window, shown(scene, "resetButton"))
    assert wait_until(lambda: not view.property("zooming"))
    assert view.property("zoom") > view.property("minZoom")


# -- high contrast: not colour alone ---------------------------------------------------


def shape_of(image: QImage, glass: QPoint, r: float, fill: QColor) -> str:
    """Which symbol is drawn around `glass`, from whether its fill reaches the upper-left
    and the lower-left of the square the symbol stands in."""

    def filled(dx: float, dy: float) -> bool:
        colour = image.pixelColor(glass + QPoint(round(dx * r), round(dy * r)))
        return all(abs(a - b) <= 40 for a, b in zip(colour.getRgb()[:3], fill.getRgb()[:3], strict=True))

    assert filled(0, 0)
    return {(True, True): "square", (False, True): "triangle", (False, False): "round"}.get(
        (filled(-0.8, -0.7), filled(-0.8, 0.7)), "?"
    )


def test_in_high_contrast_each_kind_of_marker_has_its_own_shape(make_scene) -> None:
    scene = make_scene(start_screen="home")
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["high_contrast"])
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    scene.kiosk.openSection(row)
    settle(scene)
    view, flick = shown(scene, "mapView"), shown(scene, "mapFlick")
    map_ = scene.kiosk.section(row).controller
    assert wait_until(lambda: map_.level > 0 and not view.property("zooming") and not view.property("mediaLoading"))
    settle(scene)
    image = scene.window.grabWindow()
    r = view.property("markerSize") / 2
    frame = flick.mapRectToScene(flick.boundingRect())
    fills = {
        "terril": QColor(map_._style.terril),
        "shaft": QColor(map_._style.shaft),
        "place": QColor(map_._style.place),
    }
    assert QColor(map_._style.shaft) == QColor("#ffd23f"), "drawn with the high-contrast palette"
    shapes: dict[str, set[str]] = {kind: set() for kind in fills}
    for s in map_.shown():
        if s.kind not in fills or s.here:
            continue
        glass = flick.mapToScene(QPointF(s.x - flick.property("contentX"), s.y - flick.property("contentY"))).toPoint()
        if not frame.adjusted(2 * r, 2 * r, -2 * r, -2 * r).contains(QPointF(glass)):
            continue
        shapes[s.kind].add(shape_of(image, glass, r, fills[s.kind]))
    assert shapes == {"terril": {"triangle"}, "shaft": {"square"}, "place": {"round"}}
    # The layer buttons, their legend: each marker layer shows its shape, hollow when off.
    assert shown(scene, "layer-terril").property("text").startswith("▲")
    assert shown(scene, "layer-shaft").property("text").startswith("■")
    assert shown(scene, "layer-place").property("text").startswith("●")
