"""A screen mounted on its side: the picture turns (kiosk.yaml `rotation`) and touches follow."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF

from kiosk.bridge.scenetools import find_items
from tests.helpers.admin import corner_gesture
from tests.helpers.content import intro_content
from tests.helpers.scene import intro_section, item, settle, shown

Tap = Callable[..., None]


@pytest.mark.parametrize("rotation", [90, 270])
def test_a_tap_on_the_turned_picture_hits_the_right_tile(make_scene: Callable, tap: Tap, rotation: int) -> None:
    scene = make_scene(start_screen="home", rotation=rotation)
    stage = item(scene, "stage")
    # The content is laid out for a portrait screen, then turned onto the landscape window.
    assert (stage.width(), stage.height()) == (1080, 1920)
    assert stage.rotation() == rotation
    kinds = [row.ref.kind for row in scene.kiosk._exhibit.sections]
    for index in (0, len(kinds) - 1):
        tile = shown(scene, f"tile-{kinds[index]}")
        unturned = tile.mapToItem(stage, QPointF(tile.width() / 2, tile.height() / 2))
        on_glass = tile.mapToScene(QPointF(tile.width() / 2, tile.height() / 2))
        assert (on_glass - unturned).manhattanLength() > 100, "the tap must land where the turned tile is"
        assert 0 <= on_glass.x() <= 1920 and 0 <= on_glass.y() <= 1080
        tap(scene.window, on_glass.toPoint())
        assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", index)
        scene.kiosk.goHome()
        settle(scene)


@pytest.mark.parametrize("rotation", [90, 270])
def test_the_admin_corners_are_the_visitors_top_corners(make_scene: Callable, tap: Tap, rotation: int) -> None:
    from kiosk.bridge.admin import AdminController

    admin = AdminController()
    scene = make_scene(rotation=rotation, admin=admin)
    corner_gesture(scene, tap, rotation=0)  # the window's own top corners: not the visitor's
    assert admin.stage == "closed"
    corner_gesture(scene, tap, rotation=rotation)
    assert admin.stage == "pin"
    # The pad is drawn upright for the visitor: turned with the stage.
    pad = shown(scene, "pinPad")
    top_left = pad.mapToScene(QPointF(0, 0))
    bottom_right = pad.mapToScene(QPointF(pad.width(), pad.height()))
    assert (top_left.x() > bottom_right.x()) == (rotation == 90)


def test_a_picture_opened_full_screen_turns_with_the_stage(make_scene: Callable, tmp_path: Path) -> None:
    scene = make_scene(intro_content(tmp_path), start_screen="home", rotation=90)
    scene.kiosk.openSection(intro_section(scene))
    settle(scene)
    viewers = find_items(scene.window, "pictureViewer")
    assert viewers
    for viewer in viewers:
        assert viewer.parentItem().objectName() == "stage"


def test_no_rotation_leaves_the_stage_as_the_window(make_scene: Callable) -> None:
    scene = make_scene(start_screen="home")
    stage = item(scene, "stage")
    assert (stage.width(), stage.height(), stage.rotation()) == (1920, 1080, 0)
