"""kiosk.content.fit's places are true to the screens: at each of the four screen shapes the
exhibit serves, the live layout gives each place at least the room `kiosk validate` counts on
(so a title it accepts is never cut with "…"), and a title it rejects is cut on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.scenetools import settled, wait_until, walk
from kiosk.content import fit
from kiosk.paths import default_content_dir


def texts_under(item: QQuickItem) -> list[QQuickItem]:
    return [child for child in walk(item) if child.metaObject().className().startswith("QQuickText")]


def find(scene, name: str) -> QQuickItem:
    found = [item for item in walk(scene.window.contentItem()) if item.objectName() == name and item.isVisible()]
    assert found, name
    return found[0]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (3840, 2160), (1080, 1920)])
def test_each_place_has_the_room_validate_counts_on(make_scene, size: tuple[int, int]) -> None:
    scene = make_scene(size=size, start_screen="home")
    scale = min(size) / 1080
    kiosk = scene.kiosk
    kiosk.openSection(0)
    assert wait_until(lambda: settled(scene.window))
    tiles = [item for item in walk(scene.window.contentItem()) if item.objectName().startswith("eventCard-")]
    assert tiles
    for tile in tiles:
        title = next(t for t in texts_under(tile) if t.property("text") == tile.property("title"))
        assert title.width() / scale >= fit.EVENT_TILE_TITLE.width - 0.5
        assert title.property("maximumLineCount") >= fit.EVENT_TILE_TITLE.lines
    kiosk.openDetail("bataille-de-loos")
    assert wait_until(lambda: settled(scene.window))
    assert wait_until(lambda: find(scene, "eventDetail").opacity() == 1)  # the card has faded in
    heading = find(scene, "eventTitle")
    assert heading.width() / scale >= fit.EVENT_HEADING.width - 0.5
    assert heading.property("maximumLineCount") >= fit.EVENT_HEADING.lines
    step = find(scene, "eventNext")
    words = (step.property("available") - step.property("arrowWidth")) / scale - 64  # two gutters
    assert words >= fit.EVENT_STEP_TITLE.width - 0.5
    link = next(item for item in walk(scene.window.contentItem()) if item.objectName().startswith("link-"))
    assert link.parentItem().width() / scale - 32 >= fit.EVENT_LINK.width - 0.5  # less one gutter


def test_a_title_validate_warns_about_is_cut_on_its_card(make_scene, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    timeline = folder / "timeline.yaml"
    long_title = "The first written record of the village, a charter naming it Lohes among the fields of Artois"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace('en: "First written record: “Lohes”"', f'en: "{long_title}"', 1), encoding="utf-8")
    assert not fit.fits(long_title, fit.EVENT_TILE_TITLE)
    scene = make_scene(content=folder, start_screen="home")
    scene.kiosk.setLanguage("en")
    scene.kiosk.openSection(0)
    assert wait_until(lambda: settled(scene.window))
    tile = find(scene, "eventCard-premiere-mention")  # the first card, shown at the opening view
    title = next(t for t in texts_under(tile) if t.property("text") == long_title)
    assert title.property("truncated")
