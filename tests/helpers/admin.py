"""Staff's way into the admin screen, as the tests play it: the corner gesture, the PIN pad,
a known PIN and a recorded exit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint

from kiosk.bridge.engine import Scene
from kiosk.services.admin import hash_pin
from tests.helpers.scene import settle, shown

#: A finger on the glass (the `tap` fixture): `tap(window, item_or_point)`.
Tap = Callable[..., None]
PIN = "2468"
#: The PIN hashed with cheap scrypt settings: tests check PINs quickly.
STORED = hash_pin(PIN, n=2**4, r=1, p=1)


class Exits(list[int]):
    """Stands for the application's exit: records the codes it was asked to exit with."""

    def __call__(self, code: int) -> None:
        self.append(code)


def corner_gesture(scene: Scene, tap: Tap, rotation: int = 0) -> None:
    """Six taps alternating between the top corners as the visitor sees them."""
    width, height = scene.window.width(), scene.window.height()
    inset = 20
    corners = {
        0: (QPoint(inset, inset), QPoint(width - inset, inset)),
        90: (QPoint(width - inset, inset), QPoint(width - inset, height - inset)),
        180: (QPoint(width - inset, height - inset), QPoint(inset, height - inset)),
        270: (QPoint(inset, height - inset), QPoint(inset, inset)),
    }[rotation]
    for index in range(6):
        tap(scene.window, corners[index % 2])


def type_pin(scene: Scene, tap: Tap, pin: str) -> None:
    for digit in pin:
        tap(scene.window, shown(scene, f"pinKey-{digit}"))
    tap(scene.window, shown(scene, "pinOk"))


def open_admin(scene: Scene, tap: Tap) -> None:
    """The gesture, then the right PIN: the admin screen is up and settled."""
    corner_gesture(scene, tap)
    type_pin(scene, tap, PIN)
    settle(scene)
