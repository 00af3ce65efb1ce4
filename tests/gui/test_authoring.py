"""What `kiosk new` writes is shown, and the picture sizes `kiosk validate` asks for are
the sizes the screens really show pictures at."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtQuick import QQuickItem

from kiosk.bridge.scenetools import find_items, visible_in_scene, walk
from kiosk.commands.new import create_starter
from kiosk.content.audit import DISPLAYS, EVENT_CARD, FULL_SCREEN, MARKER_CARD
from tests.helpers.scene import item, settle, shown

Tap = Callable[..., None]


def test_the_starter_folder_opens_on_every_section(make_scene: Callable, tap: Tap, tmp_path: Path) -> None:
    folder = tmp_path / "my-exhibit"
    create_starter(folder)
    scene = make_scene(folder, start_screen="home")
    assert scene.kiosk.screen == "home"
    kinds = ["timeline", "blason", "map", "pillars"]
    for index, kind in enumerate(kinds):
        tap(scene.window, item(scene, f"tile-{kind}"))
        assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", index)
        settle(scene)
        assert shown(scene, f"{kind}View")
        scene.kiosk.openDetail(scene.kiosk.section(index).defaultDetail)
        assert scene.kiosk.detail != ""
        settle(scene)
        tap(scene.window, next(b for b in find_items(scene.window, "homeButton") if visible_in_scene(b)))
        assert scene.kiosk.screen == "home"
        settle(scene)


def _size(picture: QQuickItem) -> tuple[int, int]:
    return round(picture.width()), round(picture.height())


def _tile_pictures(scene: object) -> list[QQuickItem]:
    return [
        i
        for i in walk(scene.window.contentItem())  # type: ignore[attr-defined]
        if i.property("mediaLoading") is not None
        and i.parentItem() is not None
        and i.parentItem().objectName().startswith("tile-")
        and visible_in_scene(i)
    ]


def test_the_audit_measures_pictures_at_the_sizes_the_screens_show_them(make_scene: Callable) -> None:
    scene = make_scene(start_screen="home")
    backdrop = [
        i
        for i in walk(scene.window.contentItem())
        if i.property("mediaLoading") is not None and visible_in_scene(i) and _size(i) == (1920, 1080)
    ]
    assert backdrop, "the backdrop fills the screen"
    assert (FULL_SCREEN.width, FULL_SCREEN.height) == (1920, 1080)
    tile = DISPLAYS["illustration"].frames[1]
    assert {_size(picture) for picture in _tile_pictures(scene)} == {(tile.width, tile.height)}

    kinds = [row.ref.kind for row in scene.kiosk._exhibit.sections]
    scene.kiosk.openSection(kinds.index("blason"))
    settle(scene)
    arms = DISPLAYS["arms"].frames[0]
    assert _size(shown(scene, "armsImage")) == (arms.width, arms.height)

    timeline = kinds.index("timeline")
    scene.kiosk.openSection(timeline)
    scene.kiosk.openDetail(scene.kiosk.section(timeline).defaultDetail)
    settle(scene)
    width, height = _size(shown(scene, "eventPicture"))
    # The card's picture is 0.42 of the card wide, and at most 3/4 as high: it gives way to
    # the credit and links below it, so the audit asks for its largest height.
    assert width == EVENT_CARD.width
    assert height <= EVENT_CARD.height == round(EVENT_CARD.width * 0.75)

    area = kinds.index("map")
    scene.kiosk.openSection(area)
    scene.kiosk.openDetail(scene.kiosk.section(area).defaultDetail)
    settle(scene)
    assert _size(shown(scene, "markerPicture")) == (MARKER_CARD.width, MARKER_CARD.height)
