"""Fixtures that build the real QML scene and touch it like a visitor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QPointingDevice
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.bridge import engine
from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item, settled, wait_until
from kiosk.content.loader import load_exhibit
from kiosk.paths import default_content_dir
from kiosk.services.idle import IdlePolicy

#: Long enough that the idle countdown never fires by itself during a test.
CALM = IdlePolicy(timeout_seconds=3600, countdown_seconds=10)


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
            exhibit, report.errors, size=size, policy=policy, start_screen=start_screen,
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


def centre(item: QQuickItem) -> QPoint:
    point = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    return point.toPoint()


@pytest.fixture
def tap(touchscreen: QPointingDevice) -> Callable[[QQuickWindow, QQuickItem | QPoint], None]:
    """A finger on the glass: press and release at an item's centre (or a point)."""

    def do_tap(window: QQuickWindow, target: QQuickItem | QPoint) -> None:
        point = target if isinstance(target, QPoint) else centre(target)
        QTest.touchEvent(window, touchscreen).press(0, point, window).commit()
        QTest.touchEvent(window, touchscreen).release(0, point, window).commit()

    return do_tap


def item(scene: Scene, name: str) -> QQuickItem:
    found = find_item(scene.window, name)
    assert found is not None, f"no item named {name!r} in the scene"
    return found


def settle(scene: Scene) -> None:
    assert wait_until(lambda: settled(scene.window)), "the scene did not settle"


def copy_content(tmp_path: Path, edit_manifest: Callable[[str], str] | None = None) -> Path:
    """A private copy of the default exhibit, its manifest optionally edited."""
    import shutil

    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    if edit_manifest is not None:
        manifest = target / "exhibit.yaml"
        manifest.write_text(edit_manifest(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def intro_section(scene: Scene) -> int:
    """A section that shows its introduction page (picture, title, text)."""
    return next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).view == "SectionIntro")


def intro_content(tmp_path: Path) -> Path:
    """The default exhibit with its map reduced to its introduction (no layers, no markers),
    for tests of the introduction page every section shows until it has items."""
    import yaml

    content = copy_content(tmp_path)
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("layers", "markers", "here", "background"):
        data.pop(key, None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("timeline.yaml", "blason.yaml", "pillars.yaml"):
        other = content / name
        doc = yaml.safe_load(other.read_text(encoding="utf-8"))
        _drop_links(doc, "map:")
        other.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def _drop_links(data: object, prefix: str) -> None:
    if isinstance(data, dict):
        if isinstance(data.get("related"), list):
            data["related"] = [link for link in data["related"] if not str(link).startswith(prefix)]
        for value in data.values():
            _drop_links(value, prefix)
    elif isinstance(data, list):
        for value in data:
            _drop_links(value, prefix)


def shown(scene: Scene, name: str) -> QQuickItem:
    """The visible item of that name, once any fade revealing it has finished and a frame
    has been drawn (laid out as a visitor would see it before touching)."""
    from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_frames

    def found() -> list[QQuickItem]:
        return [i for i in find_items(scene.window, name) if visible_in_scene(i)]

    assert wait_until(lambda: bool(found()), timeout_ms=3000), f"no visible {name}"
    wait_frames(scene.window, 2)
    return found()[0]
