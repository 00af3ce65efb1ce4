"""The live scene as a test sees it: items found by name, the scene settled, an item shown.

These wait on conditions (the scene settled, an item faded in, frames drawn), never for a
fixed time.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QPointF, QTimer
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item, find_items, settled, visible_in_scene, wait_frames, wait_until
from kiosk.services.idle import IdlePolicy

#: Long enough that the idle countdown never fires by itself during a test.
CALM = IdlePolicy(timeout_seconds=3600, countdown_seconds=10)


def centre(item: QQuickItem) -> QPoint:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return point.toPoint()


def item(scene: Scene, name: str) -> QQuickItem:
    found = find_item(scene.window, name)
    assert found is not None, f"no item named {name!r} in the scene"
    return found


def settle(scene: Scene) -> None:
    assert wait_until(lambda: settled(scene.window)), "the scene did not settle"


def intro_section(scene: Scene) -> int:
    """A section that shows its introduction page (picture, title, text)."""
    return next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).view == "SectionIntro")


def shown(scene: Scene, name: str) -> QQuickItem:
    """The visible item of that name, once any fade revealing it has finished and a frame
    has been drawn (laid out as a visitor would see it before touching)."""

    def found() -> list[QQuickItem]:
        return [i for i in find_items(scene.window, name) if visible_in_scene(i)]

    assert wait_until(lambda: bool(found()), timeout_ms=3000), f"no visible {name}"
    wait_frames(scene.window, 2)
    return found()[0]


def events_handled(qtbot: Any) -> None:
    """Returns once the event loop has handled every event posted before the call: a close,
    a quit or a page change that a key or a request queued has happened by then. For tests
    that prove nothing happens, without waiting for a fixed time."""
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done))
