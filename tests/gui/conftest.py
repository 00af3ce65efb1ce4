"""Fixtures that build the real QML scene and touch it like a visitor.

The helpers the tests share (finding items, waiting for the scene, content copies, the
admin gesture) are in tests/helpers/; this file holds only fixtures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPointingDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.bridge import engine
from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import settled, wait_until
from kiosk.content.loader import load_exhibit
from kiosk.paths import default_content_dir
from kiosk.services.idle import IdlePolicy
from tests.helpers.run import Run
from tests.helpers.scene import CALM, centre


@pytest.fixture(scope="session")
def qapp_cls() -> type:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication


@pytest.fixture(scope="session")
def _fonts(qapp: object) -> list[str]:
    return engine.load_fonts()


@pytest.fixture
def make_scene(qtbot: object, _fonts: list[str]) -> Iterator[Callable[..., Scene]]:
    """Build a scene on a content folder (the default exhibit unless told otherwise)."""
    scenes: list[Scene] = []

    def factory(
        content: Path | None = None,
        size: tuple[int, int] = (1920, 1080),
        policy: IdlePolicy = CALM,
        start_screen: str = "attract",
        **options: object,  # admin, rotation, kiosk_mode, screen: see engine.build_scene
    ) -> Scene:
        exhibit, report = load_exhibit(content or default_content_dir())
        scene = engine.build_scene(
            exhibit,
            report.errors,
            size=size,
            policy=policy,
            start_screen=start_screen,
            **options,  # type: ignore[arg-type]
        )
        scenes.append(scene)
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        return scene

    yield factory
    for scene in scenes:
        scene.close()


@pytest.fixture
def touchscreen(qapp: object) -> QPointingDevice:
    """A fresh touch screen per test: no finger left on the glass by an earlier test."""
    return QTest.createTouchDevice()


@pytest.fixture
def tap(touchscreen: QPointingDevice) -> Callable[[QQuickWindow, QQuickItem | QPoint], None]:
    """A finger on the glass: press and release at an item's centre (or a point)."""

    def do_tap(window: QQuickWindow, target: QQuickItem | QPoint) -> None:
        point = target if isinstance(target, QPoint) else centre(target)
        QTest.touchEvent(window, touchscreen).press(0, point, window).commit()
        QTest.touchEvent(window, touchscreen).release(0, point, window).commit()

    return do_tap


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, qapp: object) -> Iterator[Run]:
    """`kiosk run` through the command line, its event loop replaced (tests/helpers/run.py);
    the log handlers it adds are closed afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield Run(monkeypatch)
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
