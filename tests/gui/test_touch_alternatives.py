"""No gesture is the only way, on the timeline and the map (issue #18, WCAG 2.5.1): the + and
− buttons do what a pinch does, Earlier and Later what a fling does, each by a real touch,
and each is faint and deaf at its end."""

from __future__ import annotations

import itertools
from collections.abc import Callable

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
