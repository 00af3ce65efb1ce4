"""The admin screen, touched like staff touch it: the corner gesture, the PIN pad, the lockout,
what the screen shows and what its buttons do."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.admin import AdminController
from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_items, visible_in_scene
from kiosk.content.loader import load_exhibit
from kiosk.paths import default_content_dir
from kiosk.services.admin import RecentProblems
from kiosk.supervision.contract import EXIT_QUIT, EXIT_RESTART
from tests.helpers.admin import PIN, STORED, Exits, Tap, corner_gesture, open_admin, type_pin
from tests.helpers.scene import item, settle, shown


class FakeClock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def admin_scene(make_scene: Callable, qtbot) -> Callable[..., tuple[Scene, AdminController]]:
    """A scene whose admin controller has a known PIN, a fake clock and a recorded exit."""

    def build(
        clock: FakeClock | None = None,
        exits: Exits | None = None,
        pin_hash: str | None = STORED,
        rotation: int = 0,
        size: tuple[int, int] = (1920, 1080),
        **extra: object,
    ) -> tuple[Scene, AdminController]:
        exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
        admin = AdminController(
            exhibit, pin_hash, clock=clock or FakeClock(), exit_app=exits if exits is not None else Exits(), **extra
        )
        scene = make_scene(admin=admin, rotation=rotation, size=size)
        return scene, admin

    return build


def dots(scene: Scene) -> int:
    row = item(scene, "pinDots")
    return sum(1 for child in row.childItems() if child.isVisible() and child.width() > 0)


# -- the way in --------------------------------------------------------------------------------


def test_the_corner_gesture_opens_the_pin_pad_and_the_right_pin_the_admin_screen(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    assert not visible_in_scene(item(scene, "adminPage"))
    corner_gesture(scene, tap)
    assert admin.stage == "pin"
    settle(scene)
    assert visible_in_scene(item(scene, "pinPad"))
    for typed, digit in enumerate(PIN, start=1):
        tap(scene.window, shown(scene, f"pinKey-{digit}"))
        assert dots(scene) == typed
    # The pad shows dots, never the digits typed.
    texts = [i.property("text") for i in find_items(scene.window, "pinMessage")]
    assert all(PIN not in (text or "") for text in texts)
    tap(scene.window, shown(scene, "pinOk"))
    assert admin.stage == "admin" and admin.open
    assert visible_in_scene(shown(scene, "adminScreen"))
    tap(scene.window, shown(scene, "adminClose"))
    assert admin.stage == "closed"
    settle(scene)
    assert not visible_in_scene(item(scene, "adminPage"))


def test_a_broken_sequence_does_not_open(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    width = scene.window.width()
    for point in [
        QPoint(20, 20),
        QPoint(width - 20, 20),
        QPoint(20, 20),
        QPoint(width // 2, 500),
        QPoint(width - 20, 20),
        QPoint(20, 20),
        QPoint(width - 20, 20),
    ]:
        tap(scene.window, point)
    assert admin.stage == "closed"


def test_a_two_finger_tap_on_both_corners_does_not_open(admin_scene, touchscreen) -> None:
    from PySide6.QtTest import QTest

    scene, admin = admin_scene()
    left, right = QPoint(20, 20), QPoint(scene.window.width() - 20, 20)
    for _ in range(6):
        QTest.touchEvent(scene.window, touchscreen).press(0, left, scene.window).press(1, right, scene.window).commit()
        QTest.touchEvent(scene.window, touchscreen).release(0, left, scene.window).release(
            1, right, scene.window
        ).commit()
    assert admin.stage == "closed"


def test_the_mouse_opens_it_too_on_a_desk_pc(admin_scene, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    scene, admin = admin_scene()
    width = scene.window.width()
    for index in range(6):
        point = QPoint(20, 20) if index % 2 == 0 else QPoint(width - 20, 20)
        QTest.mouseClick(scene.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert admin.stage == "pin"


def test_cancel_closes_the_pad_and_forgets_the_digits(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    corner_gesture(scene, tap)
    settle(scene)
    tap(scene.window, shown(scene, "pinKey-1"))
    assert dots(scene) == 1
    tap(scene.window, shown(scene, "pinCancel"))
    assert admin.stage == "closed"
    corner_gesture(scene, tap)
    settle(scene)
    assert dots(scene) == 0


def test_erase_removes_the_last_digit(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    corner_gesture(scene, tap)
    settle(scene)
    for digit in "2469":
        tap(scene.window, shown(scene, f"pinKey-{digit}"))
    tap(scene.window, shown(scene, "pinErase"))
    tap(scene.window, shown(scene, "pinKey-8"))
    tap(scene.window, shown(scene, "pinOk"))
    assert admin.stage == "admin"


def test_no_touch_reaches_the_exhibit_under_the_pad(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    scene.kiosk.wake()
    settle(scene)
    tile = shown(scene, "tile-timeline")
    corner_gesture(scene, tap)
    settle(scene)
    tap(scene.window, tile)
    assert scene.kiosk.screen == "home"
    assert admin.stage == "pin"


def test_staff_reach_the_admin_screen_when_the_content_is_broken(make_scene: Callable, tap: Tap, tmp_path) -> None:
    """The error screen is when staff need it most: which folder, which problems."""
    from tests.helpers.content import copy_content

    content = copy_content(tmp_path, lambda text: text.replace("default_language:", "default_langage:"))
    admin = AdminController(None, STORED, content_dir=content, exit_app=Exits())
    scene = make_scene(content, admin=admin)
    assert scene.kiosk.status == "error"
    corner_gesture(scene, tap)
    type_pin(scene, tap, PIN)
    assert admin.stage == "admin"
    assert Path(admin.contentFolder) == content
    assert visible_in_scene(shown(scene, "adminScreen"))


# -- wrong PINs and the lockout ----------------------------------------------------------------------


def test_a_wrong_pin_says_so_and_counts_down_the_tries(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    scene.kiosk.setLanguage("en")
    corner_gesture(scene, tap)
    settle(scene)
    type_pin(scene, tap, "1111")
    assert admin.stage == "pin"
    assert admin.pinError == "wrong" and admin.triesLeft == 4
    assert item(scene, "pinMessage").property("text") == "Wrong code. Tries left: 4"
    assert dots(scene) == 0


def test_five_wrong_pins_lock_the_pad_for_five_minutes(admin_scene, tap: Tap, qtbot) -> None:
    clock = FakeClock()
    scene, admin = admin_scene(clock=clock)
    scene.kiosk.setLanguage("en")
    corner_gesture(scene, tap)
    settle(scene)
    for _ in range(5):
        type_pin(scene, tap, "1111")
    assert admin.locked
    assert admin.lockRemainingSeconds == 300
    assert item(scene, "pinMessage").property("text") == "Too many tries. Try again in 5:00."
    # While locked, the keys do nothing, and even the right PIN is refused.
    tap(scene.window, shown(scene, "pinKey-2"))
    assert dots(scene) == 0
    admin.submitPin(PIN)
    assert admin.stage == "pin" and admin.locked
    clock.now += 120
    qtbot.waitUntil(lambda: admin.lockRemainingSeconds == 180, timeout=3000)
    assert item(scene, "pinMessage").property("text") == "Too many tries. Try again in 3:00."
    clock.now += 181
    qtbot.waitUntil(lambda: not admin.locked, timeout=3000)
    assert admin.pinError == "" and admin.triesLeft == 5
    type_pin(scene, tap, PIN)
    assert admin.stage == "admin"


def test_the_lockout_survives_closing_the_pad(admin_scene, tap: Tap) -> None:
    clock = FakeClock()
    scene, admin = admin_scene(clock=clock)
    corner_gesture(scene, tap)
    for _ in range(5):
        admin.submitPin("0000")
    admin.close()
    corner_gesture(scene, tap)
    assert admin.stage == "pin" and admin.locked
    admin.submitPin(PIN)
    assert admin.stage == "pin"


def test_a_lockout_is_still_there_after_the_kiosk_restarts(admin_scene, tap: Tap, tmp_path: Path) -> None:
    lock_file = tmp_path / "admin-lock.json"
    scene, admin = admin_scene(lock_file=lock_file)
    corner_gesture(scene, tap)
    for _ in range(5):
        type_pin(scene, tap, "1111")
    assert admin.locked
    # The plug pulled and put back: a new controller and scene, the same disk.
    scene, admin = admin_scene(lock_file=lock_file)
    scene.kiosk.setLanguage("en")
    corner_gesture(scene, tap)
    settle(scene)
    assert admin.stage == "pin" and admin.locked and admin.pinError == "locked"
    assert item(scene, "pinMessage").property("text").startswith("Too many tries. Try again in")
    admin.submitPin(PIN)
    assert admin.stage == "pin"


def test_without_a_pin_the_pad_says_how_to_set_one(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene(pin_hash=None)
    scene.kiosk.setLanguage("en")
    corner_gesture(scene, tap)
    settle(scene)
    assert not admin.hasPin
    assert "kiosk set-pin" in item(scene, "pinMessage").property("text")
    tap(scene.window, shown(scene, "pinKey-1"))
    assert dots(scene) == 0
    admin.submitPin("1234")
    assert admin.stage == "pin"


def test_the_admin_screen_closes_itself_after_a_minute_without_a_touch(admin_scene, tap: Tap, qtbot) -> None:
    scene, admin = admin_scene(close_after_ms=600)
    corner_gesture(scene, tap)
    type_pin(scene, tap, PIN)
    assert admin.stage == "admin"
    # A touch keeps it open another period: each comes once half the period has run.
    for _ in range(3):
        qtbot.waitUntil(lambda: admin._close_timer.remainingTime() <= 300)
        tap(scene.window, QPoint(900, 500))
    assert admin.stage == "admin"
    qtbot.waitUntil(lambda: admin.stage == "closed", timeout=3000)


def test_the_pin_pad_closes_itself_too(admin_scene, tap: Tap, qtbot) -> None:
    scene, admin = admin_scene(close_after_ms=300)
    corner_gesture(scene, tap)
    assert admin.stage == "pin"
    qtbot.waitUntil(lambda: admin.stage == "closed", timeout=3000)


# -- what it shows ----------------------------------------------------------------------------------


def test_the_admin_screen_shows_version_content_fingerprint_uptime_and_problems(admin_scene, tap: Tap, qtbot) -> None:
    from kiosk import __version__
    from kiosk.services.admin import content_fingerprint

    recent = RecentProblems()
    logging.getLogger().addHandler(recent)
    clock = FakeClock()
    try:
        logging.getLogger("kiosk.test").warning("timeline.yaml:3:1: error: something to see")
        scene, admin = admin_scene(
            clock=clock,
            recent=recent,
            config_problems=["kiosk.yaml:2:1: error: unknown key 'rotaton'"],
            environ={"KIOSK_SUPERVISOR_NOTE": "started on the last good content"},
        )
        clock.now += 3725
        corner_gesture(scene, tap)
        type_pin(scene, tap, PIN)
        assert admin.version == __version__
        assert admin.contentName == "Loos-en-Gohelle, l’art de renaître"
        assert Path(admin.contentFolder) == default_content_dir()
        qtbot.waitUntil(lambda: admin.contentHash != "", timeout=10_000)
        assert admin.contentHash == content_fingerprint(default_content_dir())
        assert admin.uptime == "01:02:05"
        assert any("something to see" in line for line in admin.lastErrors)
        assert admin.supervisorNote == "started on the last good content"
        assert admin.configProblems == ["kiosk.yaml:2:1: error: unknown key 'rotaton'"]
        assert visible_in_scene(shown(scene, "supervisorNote"))
        errors = item(scene, "adminErrors")
        assert errors.property("count") >= 1
        logging.getLogger("kiosk.test").error("a new one")
        qtbot.waitUntil(lambda: admin.lastErrors[0].endswith("a new one"), timeout=3000)
    finally:
        logging.getLogger().removeHandler(recent)


# -- what it does --------------------------------------------------------------------------------------


def test_restart_asks_twice_then_exits_with_the_restart_code(admin_scene, tap: Tap) -> None:
    exits = Exits()
    scene, _admin = admin_scene(exits=exits)
    open_admin(scene, tap)
    tap(scene.window, shown(scene, "adminRestart"))
    assert exits == []
    tap(scene.window, shown(scene, "adminRestart"))
    assert exits == [EXIT_RESTART]


def test_quit_to_desktop_exits_0(admin_scene, tap: Tap) -> None:
    exits = Exits()
    scene, _admin = admin_scene(exits=exits)
    open_admin(scene, tap)
    tap(scene.window, shown(scene, "adminQuit"))
    assert exits == []
    tap(scene.window, shown(scene, "adminQuit"))
    assert exits == [EXIT_QUIT]


def test_reload_emits_reload_requested(admin_scene, tap: Tap, qtbot) -> None:
    scene, admin = admin_scene()
    open_admin(scene, tap)
    with qtbot.waitSignal(admin.reloadRequested, timeout=1000):
        tap(scene.window, shown(scene, "adminReload"))


def test_actions_need_the_admin_screen_open(admin_scene) -> None:
    exits = Exits()
    _scene, admin = admin_scene(exits=exits)
    admin.restart()
    admin.quitToDesktop()
    admin.requestEntry()
    admin.restart()
    assert exits == []


def test_the_touch_test_lights_the_squares_touched(admin_scene, tap: Tap) -> None:
    scene, admin = admin_scene()
    open_admin(scene, tap)
    tap(scene.window, shown(scene, "adminTouchTest"))
    grid = shown(scene, "touchTest")
    testable = grid.property("testable")
    assert 0 < testable < grid.property("cells")
    corners = [0, grid.property("columns") - 1, grid.property("cells") - 1]
    for index in corners:
        tap(scene.window, item(scene, f"touchCell-{index}"))
        tap(scene.window, item(scene, f"touchCell-{index}"))  # twice counts once
    assert grid.property("litCount") == 3
    assert item(scene, "touchCell-0").property("on") is True
    assert item(scene, "touchCount").property("text").startswith("3 / ")
    tap(scene.window, shown(scene, "touchAgain"))
    assert grid.property("litCount") == 0
    tap(scene.window, shown(scene, "touchDone"))
    settle(scene)
    assert visible_in_scene(shown(scene, "adminScreen"))
    assert admin.stage == "admin"


def test_the_admin_controls_are_big_enough(admin_scene, tap: Tap) -> None:
    scene, _admin = admin_scene()
    corner_gesture(scene, tap)
    settle(scene)
    keys: list[QQuickItem] = [shown(scene, f"pinKey-{digit}") for digit in "0123456789"]
    keys += [shown(scene, "pinOk"), shown(scene, "pinErase"), shown(scene, "pinCancel")]
    for key in keys:
        assert key.width() >= 64 and key.height() >= 64, key.objectName()
