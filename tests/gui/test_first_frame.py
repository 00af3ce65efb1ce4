"""The first frame of a section holds what the section is about: the timeline its event
cards, the map its markers. A visitor taps the home tile; the frame drawn when the page
first shows is looked at as it is swapped, and again once the scene has settled: the cards
or markers are there from the first frame, where they stay."""

from __future__ import annotations

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


def cards_in_view(page: QQuickItem) -> dict[str, tuple[Any, ...]]:
    """The event cards a visitor sees on the track: their place on it and their words."""
    track = next(i for i in walk(page) if i.objectName() == "timelineTrack")
    if not shown_on(track, page) or track.width() <= 0:
        return {}
    seen = QRectF(track.property("contentX"), 0, track.width(), track.height())
    return {
        card.objectName(): (
            card.x(),
            card.y(),
            card.width(),
            card.height(),
            card.property("dateLabel"),
            card.property("title"),
        )
        for card in walk(track)
        if card.objectName().startswith("eventCard-")
        and shown_on(card, page)
        and QRectF(card.x(), card.y(), card.width(), card.height()).intersects(seen)
    }


def test_the_first_frame_of_the_timeline_holds_its_event_cards(make_scene, tap: Tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    first, settled = first_frame(scene, "tile-timeline", "sectionPage-timeline", cards_in_view, qtbot, tap)
    assert settled, "no event card on the settled timeline"
    assert all(words[4] and words[5] for words in first.values()), "a card without its date or title"
    # The same cards, at the same places, from the first frame on: none comes later, none moves.
    assert first == settled
