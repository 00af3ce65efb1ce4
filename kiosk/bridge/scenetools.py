"""Looking into a running scene from Python: used by snapshots, tests and benchmarks.

Read-only: nothing here pushes data into QML. Items are found by walking childItems(),
which also reaches delegates (QObject.findChild does not).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow


def walk(item: QQuickItem) -> Iterator[QQuickItem]:
    stack = [item]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.childItems()))


def find_items(window: QQuickWindow, object_name: str) -> list[QQuickItem]:
    return [item for item in walk(window.contentItem()) if item.objectName() == object_name]


def find_item(window: QQuickWindow, object_name: str) -> QQuickItem | None:
    """The first item named `object_name` in walking order (the walk stops there)."""
    return next((item for item in walk(window.contentItem()) if item.objectName() == object_name), None)


def walk_shown(item: QQuickItem) -> Iterator[QQuickItem]:
    """Like walk(), but only what can be seen: a hidden or fully transparent item is left
    out with everything inside it. Much quicker than walk() on a scene that keeps pages
    and delegates it does not show."""
    stack = [item]
    while stack:
        current = stack.pop()
        if not current.isVisible() or current.opacity() <= 0.0:
            continue
        yield current
        stack.extend(reversed(current.childItems()))


def visible_in_scene(item: QQuickItem) -> bool:
    """Visible and not faded out, up to the root."""
    current: QQuickItem | None = item
    while current is not None:
        if not current.isVisible() or current.opacity() <= 0.0:
            return False
        current = current.parentItem()
    return True


def images_loading(window: QQuickWindow) -> int:
    """How many visible pictures (MediaImage items) are still being decoded."""
    root = window.contentItem()
    if not visible_in_scene(root):
        return 0
    return sum(1 for item in walk_shown(root) if item.property("mediaLoading") is True)


def transitions_running(window: QQuickWindow) -> bool:
    """A page change is under way, or the first page is not there yet."""
    stack = find_item(window, "stack")
    if stack is None or not stack.isVisible():
        return False
    return bool(stack.property("busy")) or stack.property("depth") == 0


def counting(window: QQuickWindow) -> bool:
    """A figure in sight is still counting up (they count once, when first shown)."""
    return any(item.property("counting") is True for item in walk_shown(window.contentItem()))


def laid_out(window: QQuickWindow) -> bool:
    """The window is on its screen and its content has its size (both arrive as events)."""
    return window.isExposed() and window.contentItem().width() > 0 and window.contentItem().height() > 0


def settled(window: QQuickWindow) -> bool:
    """Laid out, no page change under way, and nothing in sight loading or counting up (one
    walk over what is shown: tests and snapshots ask this every frame)."""
    if not laid_out(window) or transitions_running(window):
        return False
    for item in walk_shown(window.contentItem()):
        if item.property("mediaLoading") is True or item.property("counting") is True:
            return False
    return True


def wait_until(condition: Callable[[], bool], timeout_ms: int = 10_000, step_ms: int = 15) -> bool:
    """Run the event loop until `condition()` holds (True) or the time is up (False)."""
    deadline = QDeadlineTimer(timeout_ms)
    loop = QEventLoop()
    while not condition():
        if deadline.hasExpired():
            return False
        QTimer.singleShot(step_ms, loop.quit)
        loop.exec()
    return True


def wait_frames(window: QQuickWindow, frames: int = 2, timeout_ms: int = 2000) -> None:
    """Let the window render `frames` more frames (each asked for with update(): a still
    scene renders once per request)."""
    seen = [0]

    def count() -> None:
        seen[0] += 1

    window.frameSwapped.connect(count)
    try:
        for wanted in range(1, frames + 1):
            window.update()
            wait_until(functools.partial(_reached, seen, wanted), timeout_ms)
    finally:
        window.frameSwapped.disconnect(count)
    QGuiApplication.processEvents()


def wait_still(window: QQuickWindow, timeout_ms: int = 500, frames: int = 3) -> bool:
    """Run the event loop until two pictures of the window `frames` frames apart are the same
    (fades and scrolls have finished), or the time is up (False: something keeps moving, as
    the attract screen does)."""
    return still_picture(window, timeout_ms, frames) is not None


def still_picture(window: QQuickWindow, timeout_ms: int = 500, frames: int = 3) -> QImage | None:
    """What wait_still() waits for, and the still picture it saw (None: still moving)."""
    deadline = QDeadlineTimer(timeout_ms)
    wait_frames(window, 1)
    before = window.grabWindow()
    while not deadline.hasExpired():
        wait_frames(window, frames)
        now = window.grabWindow()
        if now == before:
            return now
        before = now
    return None


def pause(ms: int) -> None:
    """Run the event loop for `ms` milliseconds (animations advance, nothing is skipped)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _reached(seen: list[int], wanted: int) -> bool:
    return seen[0] >= wanted
