"""Pictures shown with `cover` keep their `focus` point in view, whatever their shape.

Curators will add archive photographs: a tall portrait, a wide landscape, a small scan.
Each is generated here with a coloured band where its subject is, given a `focus` there,
and shown where illustrations are shown (a home tile, a section's introduction panel):
the band must be on screen, at the side the focus says.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from kiosk.bridge.scenetools import find_items, visible_in_scene
from tests.helpers.content import copy_content
from tests.helpers.scene import settle, shown

RED, BLUE, GREEN = (200, 30, 30), (30, 60, 200), (30, 170, 60)


def picture_content(tmp_path: Path, size: tuple[int, int], band: str, focus: list[float] | None) -> Path:
    """The default exhibit whose map illustration is a generated photo: blue, with a red band
    of 10 % along one edge (`band`: top, bottom, left or right; less than a home tile shows
    of a tall photo), and the given focus."""
    import yaml

    content = copy_content(tmp_path)
    width, height = size
    image = Image.new("RGB", size, BLUE)
    edge = {
        "top": (0, 0, width, height * 10 // 100),
        "bottom": (0, height * 90 // 100, width, height),
        "left": (0, 0, width * 10 // 100, height),
        "right": (width * 90 // 100, 0, width, height),
    }[band]
    image.paste(RED, edge)
    image.save(content / "media" / "photo.png")
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["illustration"]["path"] = "media/photo.png"
    data["illustration"]["fit"] = "cover"
    if focus is not None:
        data["illustration"]["focus"] = focus
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def colour_at(scene, picture, fx: float, fy: float) -> tuple[int, int, int]:
    """The colour drawn at a fraction (fx, fy) of a picture's frame."""
    point = picture.mapToScene(QPointF(picture.width() * fx, picture.height() * fy)).toPoint()
    grab = scene.window.grabWindow()
    colour = QColor(grab.pixel(point.x(), point.y()))
    return colour.red(), colour.green(), colour.blue()


def near(colour: tuple[int, int, int], expected: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour, expected, strict=True))


def loaded(scene, picture) -> None:
    from kiosk.bridge.scenetools import images_loading, wait_frames, wait_until

    assert wait_until(lambda: not picture.property("mediaLoading") and images_loading(scene.window) == 0)
    wait_frames(scene.window, 3)
    assert wait_until(lambda: not picture.property("mediaLoading") and images_loading(scene.window) == 0)


def tile_picture(scene):
    tile = next(t for t in find_items(scene.window, "tile-map") if visible_in_scene(t))
    return next(p for p in find_items(scene.window, "tilePicture") if p.parentItem() is tile)


@pytest.mark.parametrize(
    ("size", "band", "focus", "edge"),
    [
        # A portrait photo whose face is at the top: the top stays visible in a wide frame.
        ((600, 1800), "top", [0.5, 0.05], (0.5, 0.03)),
        ((600, 1800), "bottom", [0.5, 0.95], (0.5, 0.97)),
        # A wide landscape whose subject is at the right edge.
        ((2400, 600), "right", [0.95, 0.5], (0.97, 0.5)),
        # A small scan, enlarged to cover: the focus still decides.
        ((30, 90), "top", [0.5, 0.0], (0.5, 0.03)),
    ],
)
def test_cover_keeps_the_focus_in_view_on_a_home_tile(
    make_scene: Callable, tmp_path: Path, size, band, focus, edge
) -> None:
    scene = make_scene(picture_content(tmp_path, size, band, focus), start_screen="home")
    settle(scene)
    picture = tile_picture(scene)
    loaded(scene, picture)
    assert near(colour_at(scene, picture, *edge), RED), f"the {band} of the picture is in view"
    assert near(colour_at(scene, picture, 1 - edge[0], 1 - edge[1]), BLUE)
    # The whole frame is covered: no placeholder showing at the far side.
    assert near(colour_at(scene, picture, 0.5, 0.5), BLUE) or near(colour_at(scene, picture, 0.5, 0.5), RED)


def test_without_a_focus_cover_trims_both_edges(make_scene: Callable, tmp_path: Path) -> None:
    """What the focus is for: by default a tall photo loses its top (centred crop)."""
    scene = make_scene(picture_content(tmp_path, (600, 1800), "top", None), start_screen="home")
    settle(scene)
    picture = tile_picture(scene)
    loaded(scene, picture)
    assert near(colour_at(scene, picture, 0.5, 0.03), BLUE)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_introduction_panel_keeps_a_portrait_photos_top(make_scene: Callable, tmp_path: Path, size) -> None:
    scene = make_scene(picture_content(tmp_path, (900, 2400), "top", [0.5, 0.0]), start_screen="home", size=size)
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    scene.kiosk.openSection(row)
    settle(scene)
    scene.kiosk.openDetail("about")
    shown(scene, "aboutPanel")
    picture = shown(scene, "introPicture")
    loaded(scene, picture)
    assert near(colour_at(scene, picture, 0.5, 0.03), RED)
    assert near(colour_at(scene, picture, 0.5, 0.97), BLUE)


def event_photo_content(tmp_path: Path, focus: list[float] | None) -> Path:
    """The default exhibit whose first event has a tall generated photo, red at its top."""
    import yaml

    content = copy_content(tmp_path)
    image = Image.new("RGB", (600, 1800), BLUE)
    image.paste(RED, (0, 0, 600, 270))
    image.save(content / "media" / "portrait.png")
    path = content / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    media = data["events"][0]["media"]
    media["path"] = "media/portrait.png"
    media["fit"] = "cover"
    if focus is not None:
        media["focus"] = focus
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_an_events_card_and_its_timeline_thumbnail_keep_a_portrait_photos_top(
    make_scene: Callable, tmp_path: Path, size
) -> None:
    scene = make_scene(event_photo_content(tmp_path, [0.5, 0.0]), start_screen="home", size=size)
    scene.kiosk.openSection(0)
    settle(scene)
    event_id = scene.kiosk.section(0).controller.default_detail()
    first_tile = [t for t in find_items(scene.window, f"eventCard-{event_id}") if visible_in_scene(t)]
    if first_tile:  # the first event's card at the opening view, its thumbnail once the track rests
        from kiosk.bridge.scenetools import wait_until

        tile = first_tile[0]
        assert wait_until(
            lambda: any(
                item.property("mediaLoading") is False and item.property("focusY") == 0.0 for item in _media_under(tile)
            )
        )
    scene.kiosk.openDetail(event_id)
    settle(scene)
    picture = shown(scene, "eventPicture")
    loaded(scene, picture)
    assert near(colour_at(scene, picture, 0.5, 0.03), RED), "the top of the portrait photo is in view"
    assert near(colour_at(scene, picture, 0.5, 0.97), BLUE)


def _media_under(item) -> list:
    from kiosk.bridge.scenetools import walk

    return [child for child in walk(item) if child.property("focusY") is not None and child.property("fit")]
