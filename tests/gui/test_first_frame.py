"""The first frame of a section holds what the section is about: the timeline its event
cards, the map its markers. A visitor taps the home tile; the frame drawn when the page
first shows is looked at as it is swapped, and again once the scene has settled: the cards
or markers are there from the first frame, where they stay."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_item, walk
from tests.helpers.scene import settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]


def shown_on(item: QQuickItem, page: QQuickItem) -> bool:
    """Visible and not faded out, up to the page (whose own fade is the page change's)."""
    current: QQuickItem | None = item
    while current is not None and current is not page:
        if not current.isVisible() or current.opacity() <= 0.0:
            return False
        current = current.parentItem()
    return current is page and page.isVisible()


def first_frame(scene: Scene, tile: str, page_name: str, look: Callable[[QQuickItem], Any], qtbot: Any, tap: Tap):
    """Tap a home tile; what `look(page)` sees in the first frame swapped with the page
    visible, then once the scene has settled."""
    seen: list[Any] = []

    def swapped() -> None:
        page = find_item(scene.window, page_name)
        if not seen and page is not None and page.isVisible():
            seen.append(look(page))

    scene.window.frameSwapped.connect(swapped)
    try:
        tap(scene.window, visible(scene, tile))
        qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    finally:
        scene.window.frameSwapped.disconnect(swapped)
    settle(scene)
    page = find_item(scene.window, page_name)
    assert page is not None
    return seen[0], look(page)


def track_in_view(page: QQuickItem) -> dict[str, Any]:
    """What a visitor sees on the timeline's track: the event cards (their place and words),
    the dots on the axis, and every word written there (the ruler's years, the eras' names)."""
    track = next(i for i in walk(page) if i.objectName() == "timelineTrack")
    if not shown_on(track, page) or track.width() <= 0:
        return {}
    seen = QRectF(track.property("contentX"), 0, track.width(), track.height())
    content = track.property("contentItem")

    def in_view(item: QQuickItem) -> QRectF | None:
        """Where the item lies on the track, if it is shown and in the part in view."""
        place = item.mapRectToItem(content, QRectF(0, 0, item.width(), item.height()))
        return place if shown_on(item, page) and place.intersects(seen) else None

    items = list(walk(track))
    return {
        "cards": {
            card.objectName(): (
                card.x(),
                card.y(),
                card.width(),
                card.height(),
                card.property("dateLabel"),
                card.property("title"),
            )
            for card in items
            if card.objectName().startswith("eventCard-") and in_view(card) is not None
        },
        "dots": sorted(
            (dot.x(), dot.y())
            for dot in items
            if dot.metaObject().className().startswith("EventMarker") and in_view(dot) is not None
        ),
        "words": sorted(
            (text.property("text"), place.x(), place.y())
            for text in items
            if text.metaObject().className().startswith("QQuickText") and (place := in_view(text)) is not None
        ),
    }


def test_the_first_frame_of_the_timeline_holds_its_event_cards(make_scene, tap: Tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    first, settled = first_frame(scene, "tile-timeline", "sectionPage-timeline", track_in_view, qtbot, tap)
    assert settled["cards"] and settled["dots"], "no event on the settled timeline"
    assert all(words[4] and words[5] for words in first.get("cards", {}).values()), "a card without its date or title"
    # The same cards, dots and words at the same places from the first frame on: none comes
    # later, none moves.
    assert first == settled


def markers_drawn(scene: Scene) -> Callable[[QQuickItem], dict[str, Any]]:
    """The markers in view on the map, and whether the tile each is drawn in is shown."""
    controller = next(
        scene.kiosk.section(i).controller
        for i in range(scene.kiosk.sectionCount)
        if scene.kiosk.section(i).kind == "map"
    )

    def look(page: QQuickItem) -> dict[str, Any]:
        flick = next(i for i in walk(page) if i.objectName() == "mapFlick")
        level = controller.level
        if not shown_on(flick, page) or level <= 0:
            return {}
        seen = QRectF(flick.property("contentX"), flick.property("contentY"), flick.width(), flick.height())
        tiles = {
            (tile.property("column"), tile.property("row")): tile
            for tile in walk(flick)
            if tile.property("key") is not None
            and abs(tile.property("level") - level) < 0.01
            and shown_on(tile, page)
            and tile.property("source").toString() == tile.property("key")
            and tile.implicitWidth() > 0  # its picture is there
        }
        size = controller.tileSize
        return {
            marker.id: (marker.x, marker.y, (math.floor(marker.x / size), math.floor(marker.y / size)) in tiles)
            for marker in controller.shown()
            if seen.contains(marker.x, marker.y)
        }

    return look


def test_the_first_frame_of_the_map_holds_its_markers(make_scene, tap: Tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    first, settled = first_frame(scene, "tile-map", "sectionPage-map", markers_drawn(scene), qtbot, tap)
    assert settled and all(drawn for _, _, drawn in settled.values()), "the settled map misses markers"
    missing = sorted(marker for marker, (_, _, drawn) in first.items() if not drawn)
    assert first and not missing, f"the first frame misses markers: {missing or 'all'}"
    assert first == settled
