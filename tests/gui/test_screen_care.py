"""Burn-in care on the real scene: the attract screen shifts by a few pixels and dims after a
quiet time; a visitor's touch brings full brightness back, and no page but the attract
screen ever moves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item
from kiosk.bridge.screencare import ScreenCareController
from kiosk.services.screencare import ScreenCare

CARE = ScreenCare(shift_pixels=4, shift_minutes=3, dim_after_minutes=30, dim_to=0.4)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def scene_with_care(make_scene: Callable[..., Scene]) -> tuple[Scene, ScreenCareController, Clock]:
    clock = Clock()
    care = ScreenCareController(CARE, clock=clock)
    return make_scene(screen_care=care), care, clock


def named(scene: Scene, name: str) -> QQuickItem:
    found = find_item(scene.window, name)
    assert found is not None, name
    return found


def offset(scene: Scene, name: str) -> tuple[float, float]:
    point = named(scene, name).mapToScene(named(scene, name).boundingRect().topLeft())
    return point.x(), point.y()


def test_the_attract_screen_shifts_a_few_pixels_then_comes_back(make_scene, qtbot) -> None:
    scene, care, clock = scene_with_care(make_scene)
    assert scene.host.kiosk.screen == "attract"
    start = offset(scene, "stack"), offset(scene, "languageSwitch")
    assert start[0] == (0.0, 0.0), "as designed at first: what the snapshots show"
    clock.now += 3 * 60
    with qtbot.waitSignal(care.shiftChanged, timeout=1000):
        care.check()
    assert (care.property("shiftX"), care.property("shiftY")) == (4, 0)
    qtbot.waitUntil(lambda: offset(scene, "stack") == (4.0, 0.0), timeout=8000)  # a slow move, seconds long
    assert offset(scene, "languageSwitch")[0] == start[1][0] + 4, "the chrome moves with the page"
    # Once round the circle, home again.
    clock.now += 8 * 3 * 60
    care.check()
    assert (care.property("shiftX"), care.property("shiftY")) == (0, 0)


def test_the_attract_screen_dims_after_the_quiet_time_and_a_touch_brightens_it(
    make_scene, qtbot, touchscreen, tap
) -> None:
    scene, care, clock = scene_with_care(make_scene)
    dim = named(scene, "attractDim")
    assert not dim.isVisible() and care.property("brightness") == 1.0
    clock.now += 29 * 60
    care.check()
    assert care.property("brightness") == 1.0, "not yet"
    clock.now += 60
    with qtbot.waitSignal(care.brightnessChanged, timeout=1000):
        care.check()
    assert care.property("brightness") == 0.4
    qtbot.waitUntil(lambda: dim.isVisible() and abs(dim.opacity() - 0.6) < 0.01, timeout=5000)
    # A visitor: the touch reaches the care through the window's activity filter.
    with qtbot.waitSignal(care.brightnessChanged, timeout=1000):
        tap(scene.window, QPoint(scene.window.width() // 2, scene.window.height() // 2))
    assert care.property("brightness") == 1.0
    qtbot.waitUntil(lambda: not dim.isVisible(), timeout=5000)


def test_no_page_but_the_attract_screen_moves(make_scene, qtbot) -> None:
    scene, care, clock = scene_with_care(make_scene)
    clock.now += 3 * 60
    care.check()
    qtbot.waitUntil(lambda: offset(scene, "stack") == (4.0, 0.0), timeout=8000)
    scene.host.kiosk.wake()
    scene.host.kiosk.goHome()
    qtbot.waitUntil(lambda: offset(scene, "stack") == (0.0, 0.0), timeout=8000)
    clock.now += 30 * 60
    care.check()
    assert care.property("brightness") == 0.4
    assert not named(scene, "attractDim").isVisible(), "a visitor's page is never dimmed"
    assert isinstance(scene.window, QQuickWindow)
