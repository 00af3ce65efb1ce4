"""Outside opening hours, touched like a visitor and like staff: the screen goes black at
closing, a touch shows when the exhibit opens again, it sleeps again, the attract screen
comes back at opening, the admin gesture still works, and "stay open" keeps it open.

The opening controller reads an injected clock every 20 ms, so a test jumps across closing
and opening without waiting; it waits only on what the kiosk does in answer.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint

from kiosk.bridge.admin import AdminController
from kiosk.bridge.engine import Scene
from kiosk.bridge.opening import OpeningController
from kiosk.bridge.scenetools import find_items, visible_in_scene
from kiosk.cli import main
from kiosk.content.loader import load_exhibit
from kiosk.paths import default_content_dir
from kiosk.services.schedule import Schedule
from tests.helpers.admin import PIN as ADMIN_PIN
from tests.helpers.admin import STORED, Exits, corner_gesture, type_pin
from tests.helpers.run import Run
from tests.helpers.scene import item, settle, shown

Tap = Callable[..., None]
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
SPLIT = ["09:30-12:30", "13:30-18:00"]
HOURS = Schedule.of({"tue": SPLIT, "wed": SPLIT, "thu": SPLIT, "fri": SPLIT}, timezone="Europe/Paris")


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


class Clock:
    """The wall clock as the kiosk reads it; a test sets it, and counts the readings."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.reads = 0

    def __call__(self) -> datetime:
        self.reads += 1
        return self.now

    def jump(self, to: datetime) -> None:
        self.now = to


Build = Callable[..., tuple[Scene, OpeningController, AdminController, Clock]]


@pytest.fixture
def closing_scene(make_scene: Callable) -> Build:
    def build(now: str, start_screen: str = "attract") -> tuple[Scene, OpeningController, AdminController, Clock]:
        clock = Clock(paris(now))
        opening = OpeningController(HOURS, clock=clock, check_ms=20, wake_minutes=2)
        exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
        admin = AdminController(exhibit, STORED, exit_app=Exits())
        scene = make_scene(opening=opening, admin=admin, start_screen=start_screen)
        return scene, opening, admin, clock

    return build


def middle(scene: Scene) -> QPoint:
    return QPoint(scene.window.width() // 2, scene.window.height() // 2)


def message_shown(scene: Scene) -> bool:
    return visible_in_scene(item(scene, "closedMessage")) and item(scene, "closedMessage").opacity() >= 1.0


def first_reopens(scene: Scene) -> str:
    block = next(i for i in find_items(scene.window, "closedLanguage-fr") if visible_in_scene(i))
    texts = [child for child in block.childItems() if child.objectName() == "closedReopens"]
    return str(texts[0].property("text"))


def test_closing_blacks_the_screen_a_touch_says_when_it_opens_then_it_sleeps(
    closing_scene: Build, qtbot, tap: Tap
) -> None:
    scene, opening, _admin, clock = closing_scene("2026-12-08 17:59", start_screen="home")  # a Tuesday
    scene.kiosk.setLanguage("nl")  # a visitor reading in Dutch
    assert scene.idle.armed
    clock.jump(paris("2026-12-08 18:00"))
    qtbot.waitUntil(lambda: not opening.open, timeout=3000)
    # The visitor's exhibit is gone: attract screen, default language, no countdown, no page.
    assert (scene.kiosk.screen, scene.kiosk.language) == ("attract", "fr")
    assert not scene.idle.armed
    assert visible_in_scene(item(scene, "closedScreen"))
    assert not item(scene, "stack").isVisible() and item(scene, "stack").property("depth") == 0
    assert not find_items(scene.window, "attractPage")
    assert not opening.awake and not visible_in_scene(item(scene, "closedMessage"))  # black

    tap(scene.window, middle(scene))
    assert opening.awake
    qtbot.waitUntil(lambda: message_shown(scene), timeout=3000)
    assert first_reopens(scene) == "Réouverture demain à 9\u00a0h\u00a030"
    # Every language at once, the kiosk's first.
    order = sorted(find_items(scene.window, "closedTitle"), key=lambda text: text.mapToScene(text.position()).y())
    assert [str(t.property("text")) for t in order] == ["Fermé", "Closed", "Gesloten"]
    # The touch reached nothing underneath.
    assert scene.kiosk.screen == "attract" and not scene.idle.armed

    clock.jump(paris("2026-12-08 18:02"))  # two minutes after the touch
    qtbot.waitUntil(lambda: not opening.awake, timeout=3000)
    qtbot.waitUntil(lambda: not visible_in_scene(item(scene, "closedMessage")), timeout=3000)
    assert visible_in_scene(item(scene, "closedScreen"))
    tap(scene.window, middle(scene))  # another visitor
    qtbot.waitUntil(lambda: message_shown(scene), timeout=3000)


def test_at_opening_the_attract_screen_is_back_in_the_default_language(closing_scene: Build, qtbot, tap: Tap) -> None:
    scene, opening, _admin, clock = closing_scene("2026-12-07 20:00")  # Monday: closed
    assert not opening.open and not item(scene, "stack").isVisible()
    tap(scene.window, middle(scene))
    qtbot.waitUntil(lambda: message_shown(scene), timeout=3000)
    clock.jump(paris("2026-12-08 09:30"))
    qtbot.waitUntil(lambda: opening.open, timeout=3000)
    assert not opening.awake
    assert (scene.kiosk.screen, scene.kiosk.language) == ("attract", "fr")
    assert visible_in_scene(shown(scene, "attractPage"))
    assert not visible_in_scene(item(scene, "closedScreen"))
    # And the exhibit answers visitors again.
    tap(scene.window, middle(scene))
    qtbot.waitUntil(lambda: scene.kiosk.screen == "home", timeout=3000)


def test_the_admin_gesture_works_while_closed_and_stay_open_opens_for_an_hour(
    closing_scene: Build, qtbot, tap: Tap
) -> None:
    scene, opening, admin, clock = closing_scene("2026-12-08 19:00")
    assert not opening.open
    corner_gesture(scene, tap)
    assert admin.stage == "pin"
    settle(scene)
    type_pin(scene, tap, ADMIN_PIN)
    assert admin.stage == "admin"
    hours = shown(scene, "adminFact-5")
    now = shown(scene, "adminFact-6")
    assert "9:30–12:30, 13:30–18:00" in [str(t.property("text")) for t in hours.childItems()]
    assert "Fermé, réouverture demain à 9\u00a0h\u00a030" in [str(t.property("text")) for t in now.childItems()]
    tap(scene.window, shown(scene, "adminStayOpen"))
    assert opening.open
    qtbot.waitUntil(
        lambda: (
            "Ouvert, fermeture aujourd’hui à 20\u00a0h"
            in [str(t.property("text")) for t in item(scene, "adminFact-6").childItems()]
        ),
        timeout=3000,
    )
    tap(scene.window, shown(scene, "adminClose"))
    assert visible_in_scene(shown(scene, "attractPage"))
    clock.jump(paris("2026-12-08 20:00"))
    qtbot.waitUntil(lambda: not opening.open, timeout=3000)


def test_stay_open_keeps_the_exhibit_open_past_closing(closing_scene: Build, qtbot, tap: Tap) -> None:
    scene, opening, _admin, clock = closing_scene("2026-12-08 17:50", start_screen="home")
    corner_gesture(scene, tap)
    settle(scene)
    type_pin(scene, tap, ADMIN_PIN)
    tap(scene.window, shown(scene, "adminStayOpen"))
    tap(scene.window, shown(scene, "adminClose"))
    clock.jump(paris("2026-12-08 18:30"))
    reads = clock.reads
    qtbot.waitUntil(lambda: clock.reads > reads + 3, timeout=3000)  # the clock was read since the jump
    assert opening.open and scene.kiosk.screen == "home"
    clock.jump(paris("2026-12-08 19:00"))  # 18:00 + one hour
    qtbot.waitUntil(lambda: not opening.open, timeout=3000)
    assert scene.kiosk.screen == "attract"


def test_without_opening_hours_nothing_changes(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene()
    assert scene.opening is not None and scene.opening.open and not scene.opening.enabled
    assert not visible_in_scene(item(scene, "closedScreen"))
    assert scene.opening.adminWords["en"]["now"] == "Open around the clock"


def test_kiosk_yaml_opening_hours_reach_the_running_exhibit(run: Run, tmp_path: Path) -> None:
    """`kiosk run --config kiosk.yaml`: the hours and wake_minutes drive the scene's closed screen."""
    (tmp_path / "kiosk.yaml").write_text(
        'kiosk_mode: false\nlog_dir: logs\nopening_hours:\n  wake_minutes: 5\n  mon: ["09:00-17:00"]\n',
        encoding="utf-8",
    )
    assert main(["run", "--config", str(tmp_path / "kiosk.yaml"), "--size", "1280x720"]) == 0
    opening = run.kwargs["opening"]
    assert isinstance(opening, OpeningController) and opening.enabled
    assert opening._watch.wake_for == timedelta(minutes=5)
    assert opening._watch.schedule is not None and opening._watch.schedule.week[0][0].start == 9 * 60


class RecordedDisplay:
    """A display-power stand-in: what a DPMS or monitor-power implementation would be told."""

    name = "recorded"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def sleep(self) -> None:
        self.calls.append("sleep")

    def wake(self) -> None:
        self.calls.append("wake")


def test_the_display_is_told_when_the_screen_goes_black_and_lights_up(qtbot) -> None:
    clock = Clock(paris("2026-12-08 17:59"))
    display = RecordedDisplay()
    opening = OpeningController(HOURS, clock=clock, check_ms=20, wake_minutes=2, display=display)
    assert display.calls == []  # open at start: nothing to say
    clock.jump(paris("2026-12-08 18:00"))
    qtbot.waitUntil(lambda: display.calls == ["sleep"], timeout=3000)
    opening.wake()  # a touch
    assert display.calls == ["sleep", "wake"]
    opening.wake()  # another touch while lit: nothing new
    clock.jump(paris("2026-12-08 18:05"))
    qtbot.waitUntil(lambda: display.calls == ["sleep", "wake", "sleep"], timeout=3000)
    clock.jump(paris("2026-12-09 09:30"))
    qtbot.waitUntil(lambda: display.calls == ["sleep", "wake", "sleep", "wake"], timeout=3000)
    assert opening.open
