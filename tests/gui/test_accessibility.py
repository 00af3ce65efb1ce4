"""Accessibility modes on the real scene, by touch: the button on every visitor screen, its
panel, each mode's effect (text x1.4, the high-contrast palette, the page in the reach band,
no count-up in less motion), and all of them off when the visitor leaves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item, wait_frames, walk
from tests.helpers.scene import settle, shown

MODES = ("largerText", "highContrast", "reach", "lessMotion")


def top(item: QQuickItem) -> float:
    return item.mapToScene(item.boundingRect().topLeft()).y()


def bottom(item: QQuickItem) -> float:
    return item.mapToScene(item.boundingRect().bottomLeft()).y()


def open_panel(scene: Scene, tap: Callable, qtbot) -> QQuickItem:
    tap(scene.window, shown(scene, "accessibilityButton"))
    return shown(scene, "accessibilityPanel")


def toggle(scene: Scene, tap: Callable, qtbot, mode: str) -> None:
    accessibility = scene.accessibility
    assert accessibility is not None
    before = accessibility.property(mode)
    with qtbot.waitSignal(accessibility.modesChanged, timeout=2000):
        tap(scene.window, shown(scene, f"toggle-{mode}"))
    assert accessibility.property(mode) is (not before)


def title_size(scene: Scene) -> int:
    title = shown(scene, "homeTitle")
    return title.property("font").pixelSize()


def test_the_button_is_on_visitor_screens_in_the_reach_zone_not_on_the_attract_screen(make_scene) -> None:
    scene = make_scene()
    button = find_item(scene.window, "accessibilityButton")
    assert button is not None and not button.isVisible(), "the attract screen's first touch starts the visit"
    scene.kiosk.wake()
    settle(scene)
    button = shown(scene, "accessibilityButton")
    assert button.height() >= 64, "a touch target of 64 px or more at 1080p"
    assert top(button) > scene.window.height() * 0.85, "at the bottom of the screen"
    panel = find_item(scene.window, "accessibilityPanel")
    assert panel is not None and not panel.isVisible()


def test_larger_text_makes_every_text_larger_at_once(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    before = title_size(scene)
    open_panel(scene, tap, qtbot)
    toggle(scene, tap, qtbot, "largerText")
    qtbot.waitUntil(lambda: title_size(scene) == round(before * 1.4), timeout=2000)
    button_label = shown(scene, "creditsButton")
    assert button_label.property("height") >= 64
    # Off again: as designed.
    toggle(scene, tap, qtbot, "largerText")
    qtbot.waitUntil(lambda: title_size(scene) == before, timeout=2000)


def test_high_contrast_switches_to_the_second_palette(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    assert scene.window.color() == QColor("#121417")
    open_panel(scene, tap, qtbot)
    toggle(scene, tap, qtbot, "highContrast")
    qtbot.waitUntil(lambda: scene.window.color() == QColor("#000000"), timeout=2000)
    assert shown(scene, "homeTitle").property("color") == QColor("#ffffff")


def test_reach_mode_moves_the_page_and_its_controls_into_the_band(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    accessibility = scene.accessibility
    assert accessibility is not None
    band_top = scene.window.height() * (1 - accessibility.property("reachShare"))
    assert top(shown(scene, "languageSwitch")) < band_top
    open_panel(scene, tap, qtbot)
    toggle(scene, tap, qtbot, "reach")
    stack = find_item(scene.window, "stack")
    assert stack is not None
    qtbot.waitUntil(lambda: abs(top(stack) - round(band_top)) < 1, timeout=2000)
    for name in ("languageSwitch", "creditsButton", "accessibilityButton"):
        control = shown(scene, name)
        assert top(control) >= band_top - 1, f"{name} is within reach"
        assert bottom(control) <= scene.window.height()


def counters(scene: Scene) -> list[QQuickItem]:
    return [item for item in walk(scene.window.contentItem()) if item.property("counting") is not None]


def test_less_motion_shows_figures_whole_without_counting_up(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    open_panel(scene, tap, qtbot)
    toggle(scene, tap, qtbot, "lessMotion")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "pillars")
    scene.kiosk.openSection(row)
    qtbot.waitUntil(lambda: bool(counters(scene)), timeout=5000)
    tiles = counters(scene)
    assert all(tile.property("counting") is False for tile in tiles), "no count-up in less motion"


def test_in_less_motion_the_maps_zoom_goes_there_at_once(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    kiosk = scene.kiosk
    kiosk.openSection([kiosk.section(i).kind for i in range(kiosk.sectionCount)].index("map"))
    settle(scene)
    view = shown(scene, "mapView")

    def one_frame_after_plus() -> tuple[float, float]:
        before = view.property("zoom")
        tap(scene.window, shown(scene, "zoomIn"))
        wait_frames(scene.window, 2)  # the animation starts on the first, moves on the second
        return before, view.property("zoom")

    before, after = one_frame_after_plus()
    assert before < after < before * 2 * 0.99, "by default the zoom glides"
    qtbot.waitUntil(lambda: abs(view.property("zoom") - before * 2) < 1e-6, timeout=3000)
    open_panel(scene, tap, qtbot)
    toggle(scene, tap, qtbot, "lessMotion")
    tap(scene.window, shown(scene, "accessibilityButton"))  # the panel closes
    settle(scene)
    before, after = one_frame_after_plus()
    assert abs(after - min(before * 2, view.property("maxZoom"))) < 1e-6, "in less motion it is there at once"


def test_the_visitor_leaving_turns_every_mode_off(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    accessibility = scene.accessibility
    assert accessibility is not None
    before = title_size(scene)
    open_panel(scene, tap, qtbot)
    for mode in MODES:
        toggle(scene, tap, qtbot, mode)
    assert all(accessibility.property(mode) for mode in MODES)
    assert accessibility.property("anyOn")
    with qtbot.waitSignal(accessibility.modesChanged, timeout=2000):
        scene.idle.expired.emit()  # the idle countdown ran out
    assert not any(accessibility.property(mode) for mode in MODES)
    assert scene.kiosk.screen == "attract"
    assert scene.window.color() == QColor("#121417")
    settle(scene)  # the attract screen is up before the next visitor arrives
    scene.kiosk.wake()
    scene.kiosk.goHome()
    settle(scene)
    assert title_size(scene) == before
    panel = find_item(scene.window, "accessibilityPanel")
    assert panel is not None and not panel.isVisible(), "the next visitor finds the panel closed"


def test_a_mode_turned_on_by_touch_gives_the_visitor_longer_before_and_during_the_countdown(
    make_scene, tap, qtbot
) -> None:
    scene = make_scene(start_screen="home")
    idle = scene.idle
    before = idle.policy
    open_panel(scene, tap, qtbot)
    with qtbot.waitSignal(idle.policyChanged, timeout=2000):
        toggle(scene, tap, qtbot, "reach")
    assert idle.policy.timeout_seconds == before.timeout_seconds * 2
    assert idle.property("countdownSeconds") >= 20, "20 s to answer (WCAG 2.2.1)"
    with qtbot.waitSignal(idle.policyChanged, timeout=2000):
        toggle(scene, tap, qtbot, "reach")
    assert idle.policy == before
    toggle(scene, tap, qtbot, "largerText")
    assert idle.policy != before
    with qtbot.waitSignal(idle.policyChanged, timeout=2000):
        scene.idle.expired.emit()  # the visitor left: the next one starts with the usual timings
    assert idle.policy == before


def test_every_mode_at_once_on_the_smallest_screen_cuts_nothing_and_keeps_controls_in_reach(
    make_scene, tap, qtbot
) -> None:
    """The issue's bad input: every mode at once at 720p. Each visitor screen (home, the
    credits, the sections whose QML is not the timeline's or the map's) is audited, and every
    control a visitor needs sits in the reach band."""
    from kiosk.bridge.scenetools import wait_still
    from kiosk.bridge.screenaudit import audit_window

    scene = make_scene(size=(1280, 720), start_screen="home")
    accessibility = scene.accessibility
    assert accessibility is not None
    open_panel(scene, tap, qtbot)
    for mode in MODES:
        toggle(scene, tap, qtbot, mode)
    band_top = scene.window.height() * (1 - accessibility.property("reachShare"))

    def check(screen: str, controls: tuple[str, ...]) -> None:
        settle(scene)
        wait_still(scene.window, timeout_ms=500)
        for name in controls:
            control = shown(scene, name)
            assert top(control) >= band_top - 1, f"{screen}: {name} is within reach"
            assert bottom(control) <= scene.window.height() + 1, f"{screen}: {name} is on the screen"
        found = audit_window(scene.window, screen, scene.kiosk.language)
        assert not found, "\n".join(finding.line() for finding in found)

    tap(scene.window, shown(scene, "accessibilityButton"))  # the panel closes
    qtbot.waitUntil(lambda: not find_item(scene.window, "accessibilityPanel").isVisible(), timeout=2000)
    check("home", ("languageSwitch", "creditsButton", "accessibilityButton"))
    scene.kiosk.openCredits()
    check("credits", ("languageSwitch", "accessibilityButton"))
    for row in range(scene.kiosk.sectionCount):
        kind = scene.kiosk.section(row).kind
        if kind in ("timeline", "map"):
            continue
        scene.kiosk.openSection(row)
        check(kind, ("homeButton", "languageSwitch", "previousButton", "nextButton", "accessibilityButton"))
    assert all(accessibility.property(mode) for mode in MODES), "still every mode on"
