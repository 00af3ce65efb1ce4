"""Idle countdown and return to the attract screen, with short timings."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.bridge.scenetools import find_item, visible_in_scene
from kiosk.services.idle import IdlePolicy
from tests.helpers.content import copy_content, intro_content
from tests.helpers.scene import intro_section, item, settle

Tap = Callable[..., None]
QUICK = IdlePolicy(timeout_seconds=0.4, countdown_seconds=3)


def test_countdown_then_attract_and_default_language(make_scene: Callable, qtbot) -> None:
    scene = make_scene(start_screen="home", policy=QUICK)
    scene.kiosk.setLanguage("nl")
    scene.kiosk.openSection(1)
    # Opening the section is activity, so the wait starts after it; a busy machine may
    # take a while to get there, hence a wait on the phase rather than on its first change.
    qtbot.waitUntil(lambda: scene.idle.phase == "warning", timeout=5000)
    assert 1 <= scene.idle.secondsLeft <= 3
    qtbot.waitUntil(
        lambda: (
            visible_in_scene(item(scene, "countdown"))
            and item(scene, "countdown").property("text") == str(scene.idle.secondsLeft)
        ),
        timeout=2000,
    )
    with qtbot.waitSignal(scene.idle.expired, timeout=6000):
        pass
    assert scene.kiosk.screen == "attract"
    assert scene.kiosk.language == "fr"
    assert scene.idle.phase == "active"
    settle(scene)
    assert visible_in_scene(item(scene, "attractPage"))


def test_a_touch_during_the_countdown_keeps_the_visitor(make_scene: Callable, qtbot, tap: Tap) -> None:
    scene = make_scene(start_screen="home", policy=QUICK)
    scene.kiosk.openSection(2)
    qtbot.waitUntil(lambda: scene.idle.phase == "warning", timeout=5000)
    settle(scene)
    tap(scene.window, item(scene, "continueButton"))
    assert scene.idle.phase == "active"
    assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", 2)


def test_idle_does_not_count_on_the_attract_screen(make_scene: Callable, qtbot) -> None:
    scene = make_scene(policy=QUICK)
    assert scene.kiosk.screen == "attract"
    assert not scene.idle.armed
    # A fixed interval by design (proving nothing happens): twice QUICK's 0.4 s timeout.
    with qtbot.assertNotEmitted(scene.idle.phaseChanged, wait=800):
        pass


def test_attract_is_alive(make_scene: Callable, qtbot, tmp_path) -> None:
    """The attract screen moves: pictures change over time (never a static picture)."""
    content = copy_content(tmp_path, lambda text: text.replace("slide_seconds: 9", "slide_seconds: 3"))
    scene = make_scene(content)
    assert scene.kiosk.slideSeconds == 3
    page = find_item(scene.window, "attractPage")
    assert page is not None
    first = page.property("slide")
    qtbot.waitUntil(lambda: page.property("slide") != first, timeout=6000)


def test_the_next_visitor_starts_fresh(make_scene: Callable, qtbot, tmp_path) -> None:
    """What one visitor scrolled is not what the next one finds."""
    from kiosk.bridge.scenetools import find_items

    scene = make_scene(intro_content(tmp_path), start_screen="home", policy=QUICK)
    row = intro_section(scene)
    scene.kiosk.openSection(row)
    settle(scene)
    text = next(t for t in find_items(scene.window, "introText") if visible_in_scene(t))
    text.setProperty("contentY", 120.0)
    with qtbot.waitSignal(scene.idle.expired, timeout=8000):
        pass
    settle(scene)
    scene.kiosk.wake()
    scene.kiosk.openSection(row)
    settle(scene)
    fresh = next(t for t in find_items(scene.window, "introText") if visible_in_scene(t))
    assert fresh.property("contentY") == 0
