"""The terril map, touched like a visitor: markers and bubbles, layers, pan, zoom, profile,
and what the map draws where (markers, labels, a background picture)."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest

from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_until, walk
from tests.helpers.content import copy_content
from tests.helpers.scene import centre, settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]


def open_map(make_scene, content: Path | None = None):
    scene = make_scene(content, start_screen="home")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    scene.kiosk.openSection(row)
    settle(scene)
    view = visible(scene, "mapView")
    map_ = scene.kiosk.section(row).controller
    assert wait_until(lambda: map_.level > 0 and not view.property("zooming"))
    settle(scene)
    return scene, map_, view


def rest(scene, map_, view) -> None:
    """Wait until a zoom has ended, the markers are laid out for it and its tiles are drawn."""
    assert wait_until(lambda: not view.property("zooming") and abs(map_.level - view.property("mapWidth")) < 0.01)
    settle(scene)


def find(map_, shown_id: str):
    return next(s for s in map_.shown() if s.id == shown_id)


def on_screen(scene, map_, shown_id: str) -> QPoint:
    """Where a marker (or bubble) is on the glass, from the layout the map was drawn with."""
    flick = visible(scene, "mapFlick")
    s = find(map_, shown_id)
    return flick.mapToScene(QPointF(s.x - flick.property("contentX"), s.y - flick.property("contentY"))).toPoint()


def show_in_middle(scene, map_, view, shown_id: str) -> None:
    """Pan so that a marker stands in the middle of the map (as a visitor's drag would)."""
    flick = visible(scene, "mapFlick")
    s = find(map_, shown_id)
    flick.setProperty("contentX", max(0.0, s.x - flick.width() / 2))
    flick.setProperty("contentY", max(0.0, s.y - flick.height() / 2))
    rest(scene, map_, view)


def zoom_to(scene, map_, view, zoom: float) -> None:
    view.setProperty("zoom", zoom)
    rest(scene, map_, view)


def touch(scene, device, point: QPoint) -> None:
    QTest.touchEvent(scene.window, device).press(0, point, scene.window).commit()
    QTest.touchEvent(scene.window, device).release(0, point, scene.window).commit()


def pinch(scene, device, middle: QPoint, start: int, end: int, steps: int = 10) -> None:
    """Two fingers either side of `middle`, from `start` to `end` pixels from it."""
    QTest.touchEvent(scene.window, device).press(0, middle - QPoint(start, 0), scene.window).press(
        1, middle + QPoint(start, 0), scene.window
    ).commit()
    for step in range(1, steps + 1):
        gap = round(start + (end - start) * step / steps)
        QTest.touchEvent(scene.window, device).move(0, middle - QPoint(gap, 0), scene.window).move(
            1, middle + QPoint(gap, 0), scene.window
        ).commit()
        QTest.qWait(5)
    QTest.touchEvent(scene.window, device).release(0, middle - QPoint(end, 0), scene.window).release(
        1, middle + QPoint(end, 0), scene.window
    ).commit()


# -- markers and bubbles --------------------------------------------------------------


def test_a_marker_tap_opens_its_card(make_scene, tap: Tap) -> None:
    scene, map_, view = open_map(make_scene)
    shaft = next(s for s in map_.shown() if s.kind == "shaft")
    show_in_middle(scene, map_, view, shaft.id)
    tap(scene.window, on_screen(scene, map_, shaft.id))
    assert scene.kiosk.detail == shaft.id
    assert visible(scene, "markerTitle").property("text") == shaft.title
    ring = visible(scene, "selectedRing")
    assert (centre(ring) - on_screen(scene, map_, shaft.id)).manhattanLength() <= 2
    tap(scene.window, visible(scene, "markerClose"))
    assert scene.kiosk.detail == ""


def test_a_card_shows_picture_figures_and_links_that_lead_on(make_scene, tap: Tap) -> None:
    scene, map_, view = open_map(make_scene)
    place = next(m for m in map_.markers if m["here"])
    scene.kiosk.openDetail(place["id"])  # as a link from another section would
    rest(scene, map_, view)
    card = map_.markerAt(place["id"], "fr")
    assert card["media"] and card["figures"] and card["related"]
    picture = visible(scene, "markerPicture")
    image = next(child for child in picture.childItems() if child.property("paintedWidth") is not None)
    assert wait_until(lambda: image.property("paintedWidth") > 100)  # decoded and shown
    link = next(r["link"] for r in card["related"] if r["link"].startswith("pillars:"))
    reading = visible(scene, "markerReading")  # the links are at the end: scroll there
    reading.setProperty("contentY", max(0.0, reading.property("contentHeight") - reading.height()))
    tap(scene.window, visible(scene, f"link-{link}"))
    assert scene.kiosk.section(scene.kiosk.sectionIndex).kind == "pillars"
    assert scene.kiosk.detail == link.split(":", 1)[1]


def test_a_card_opened_from_elsewhere_brings_its_marker_into_view(make_scene) -> None:
    """A link to a marker that sits in a bubble: the map zooms until it stands alone, in
    view and ringed; closing the card takes the map back to where it was."""
    scene, map_, view = open_map(make_scene)
    flick = visible(scene, "mapFlick")
    hidden = next(m for m in map_.markers if map_.holderOf(m["id"]) != m["id"])
    before = view.property("zoom"), flick.property("contentX"), flick.property("contentY")
    scene.kiosk.openDetail(hidden["id"])
    assert wait_until(lambda: map_.holderOf(hidden["id"]) == hidden["id"] and not view.property("zooming"))
    rest(scene, map_, view)
    point = on_screen(scene, map_, hidden["id"])
    assert flick.contains(flick.mapFromScene(QPointF(point)))
    assert (centre(visible(scene, "selectedRing")) - point).manhattanLength() <= 2
    scene.kiosk.closeDetail()
    assert wait_until(lambda: abs(view.property("zoom") - before[0]) < 1e-6 and not view.property("zooming"))
    assert abs(flick.property("contentX") - before[1]) <= 1 and abs(flick.property("contentY") - before[2]) <= 1


def test_a_bubble_tap_zooms_onto_the_markers_it_holds(make_scene, tap: Tap) -> None:
    scene, map_, view = open_map(make_scene)
    bubble = next(s for s in map_.shown() if s.kind == "group")
    show_in_middle(scene, map_, view, bubble.id)
    before = view.property("zoom")
    tap(scene.window, on_screen(scene, map_, bubble.id))
    rest(scene, map_, view)
    assert view.property("zoom") > before * 1.5
    assert scene.kiosk.detail == ""  # a bubble opens no card
    # What it held is now in view, each alone or in smaller bubbles.
    flick = visible(scene, "mapFlick")
    for member in bubble.members:
        holder = next(s for s in map_.shown() if member in s.members)
        assert len(holder.members) < len(bubble.members)
        assert 0 <= holder.x - flick.property("contentX") <= flick.width()
        assert 0 <= holder.y - flick.property("contentY") <= flick.height()


def test_you_are_here_is_shown_at_every_zoom(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    here = next(m for m in map_.markers if m["here"])
    for zoom in (1.0, 2.0, 4.0, 8.0):
        zoom_to(scene, map_, view, zoom)
        marker = find(map_, here["id"])
        assert marker.members == [here["id"]]
        assert marker.label.endswith("vous êtes ici") and marker.label_rect is not None
    scene.kiosk.setLanguage("en")
    rest(scene, map_, view)
    assert find(map_, here["id"]).label.endswith("you are here")


def test_approximate_places_are_marked(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    zoom_to(scene, map_, view, 8.0)
    approximate = [m["id"] for m in map_.markers if m["approximate"]]
    assert approximate
    for s in map_.shown():
        if s.id in approximate:
            assert s.label.startswith("≈ ")


def dense_content(tmp_path: Path, count: int = 300) -> Path:
    """The default exhibit with `count` more markers crowded over the commune."""
    content = copy_content(tmp_path)
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rng = random.Random(19)
    kinds = ("terril", "shaft", "place")
    data["markers"] += [
        {
            "id": f"dense-{n}",
            "kind": kinds[n % 3],
            "lon": rng.uniform(2.77, 2.81),
            "lat": rng.uniform(50.43, 50.46),
            "title": f"Repère {n}",
            "text": "Texte",
            "approximate": n % 7 == 0,
        }
        for n in range(count)
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def test_crowded_markers_keep_a_touch_target_apart_and_labels_overlap_nothing(make_scene, tmp_path: Path) -> None:
    scene, map_, view = open_map(make_scene, dense_content(tmp_path))
    style = map_._style  # the sizes the map was given by the Theme
    assert style.target >= 64
    for zoom in (1.0, 2.5, 8.0):
        zoom_to(scene, map_, view, zoom)
        shown = map_.shown()
        assert sum(len(s.members) for s in shown) == len(map_.markers)  # nobody lost
        # Crowds are grouped (at the closest zoom, moved aside), so every target keeps its room.
        assert (len(shown) < len(map_.markers)) == (zoom < view.property("maxZoom"))
        for a, b in itertools.combinations(shown, 2):
            assert math.hypot(a.x - b.x, a.y - b.y) >= style.target - 1e-6, (a.id, b.id)
        labels = [(s, QRectF(*s.label_rect)) for s in shown if s.label_rect is not None]
        assert len(labels) >= 5
        for (_, a), (_, b) in itertools.combinations(labels, 2):
            assert not a.intersects(b)
        for owner, rect in labels:
            for other in shown:
                if other is not owner:
                    r = other.reach(style)
                    assert not rect.intersects(QRectF(other.x - r, other.y - r, 2 * r, 2 * r)), (owner.id, other.id)


def test_a_touch_goes_to_the_nearest_marker_within_reach(make_scene, tmp_path: Path) -> None:
    scene, map_, view = open_map(make_scene, dense_content(tmp_path))
    zoom_to(scene, map_, view, 3.0)
    level, aspect = map_.level, map_.aspect
    shown = map_.shown()
    for s in shown[:40]:
        # Halfway to the target's edge, in eight directions: always that marker.
        for angle in range(0, 360, 45):
            x = s.x + 0.45 * map_._style.target / 2 * 2 * math.cos(math.radians(angle))
            y = s.y + 0.45 * map_._style.target / 2 * 2 * math.sin(math.radians(angle))
            assert map_.nearestMarker(x / level, y / (level * aspect), map_._style.target * 0.75) == s.id
    far = min(shown, key=lambda s: s.x)
    assert map_.nearestMarker((far.x - 500) / level, far.y / (level * aspect), 60) == ""


def test_layer_toggles_hide_and_show(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(make_scene)
    shafts = {m["id"] for m in map_.markers if m["kind"] == "shaft"}
    tiles = {map_.tileModel.data(map_.tileModel.index(r, 0), 257) for r in range(map_.tileModel.rowCount())}
    tap(scene.window, visible(scene, "layer-shaft"))
    assert "shaft" in map_.hidden
    assert wait_until(lambda: not any(set(s.members) & shafts for s in map_.shown()))
    tap(scene.window, visible(scene, "layer-shaft"))
    assert wait_until(lambda: any(set(s.members) & shafts for s in map_.shown()))
    # A vector layer: the map is drawn anew without it.
    tap(scene.window, visible(scene, "layer-communes"))
    assert map_.hidden == ["communes"]
    settle(scene)
    redrawn = {map_.tileModel.data(map_.tileModel.index(r, 0), 257) for r in range(map_.tileModel.rowCount())}
    assert redrawn and not redrawn & tiles


# -- what is drawn where ----------------------------------------------------------------


def colour_at(scene, point: QPoint) -> QColor:
    image: QImage = scene.window.grabWindow()
    return image.pixelColor(point)


def near(a: QColor, b: QColor, tolerance: int = 12) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_markers_are_drawn_where_the_projection_puts_them(make_scene) -> None:
    """Map fractions -> pixels of the map -> the glass, through tiles and panning: the
    middle of each lone marker has its symbol's colour."""
    scene, map_, view = open_map(make_scene)
    zoom_to(scene, map_, view, 8.0)
    colours = {
        "terril": QColor(map_._style.terril),
        "shaft": QColor(map_._style.shaft),
        "place": QColor(map_._style.place),
    }
    checked = 0
    for marker in map_.markers:
        s = find(map_, marker["id"])
        if (s.x, s.y) != pytest.approx((marker["x"] * map_.level, marker["y"] * map_.level * map_.aspect)):
            continue  # moved aside at this zoom
        show_in_middle(scene, map_, view, s.id)
        point = on_screen(scene, map_, s.id)
        for dx, dy in ((0, 0), (-2, 0), (2, 0), (0, -2), (0, 2)):
            assert near(colour_at(scene, point + QPoint(dx, dy)), colours[s.kind]), s.id
        checked += 1
    assert checked >= 5


def background_content(tmp_path: Path) -> tuple[Path, dict[str, float]]:
    """The default exhibit over a picture of four coloured quarters, its bounds inside the map."""
    content = copy_content(tmp_path)
    picture = Image.new("RGB", (400, 300), (200, 40, 40))
    picture.paste((40, 40, 200), (200, 0, 400, 150))
    picture.paste((40, 200, 40), (0, 150, 200, 300))
    picture.paste((230, 230, 230), (200, 150, 400, 300))
    picture.save(content / "media" / "map-background.png")
    bounds = {"west": 2.765, "south": 50.430, "east": 2.815, "north": 50.460}
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["background"] = {
        "image": {"path": "media/map-background.png", "alt": "Quarters", "credit": "Test", "licence": "CC0"},
        **bounds,
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content, bounds


def test_the_background_picture_lies_where_its_bounds_say(make_scene, tap: Tap, tmp_path: Path) -> None:
    content, bounds = background_content(tmp_path)
    scene, map_, view = open_map(make_scene, content)
    for layer in ("terril", "shaft", "place", "communes", "loos"):  # the picture alone
        tap(scene.window, visible(scene, f"layer-{layer}"))
    settle(scene)
    box = map_.background
    projection = map_._projection
    (west, north), (east, south) = (
        projection.to_map(bounds["west"], bounds["north"]),
        projection.to_map(bounds["east"], bounds["south"]),
    )
    assert (box["x"], box["y"], box["x"] + box["width"], box["y"] + box["height"]) == pytest.approx(
        (west, north, east, south)
    )
    # On the glass: the edge between the left and right quarters stands at the middle
    # longitude, the edge between top and bottom at the middle latitude, each to a pixel.
    flick = visible(scene, "mapFlick")
    width, height = view.property("mapWidth"), view.property("mapHeight")
    mid_x, mid_y = (west + east) / 2 * width, (north + south) / 2 * height
    flick.setProperty("contentX", max(0.0, mid_x - flick.width() / 2))
    flick.setProperty("contentY", max(0.0, mid_y - flick.height() / 2))
    rest(scene, map_, view)
    origin = flick.mapToScene(QPointF(-flick.property("contentX"), -flick.property("contentY")))
    image: QImage = scene.window.grabWindow()

    def red(x: float, y: float) -> int:
        return image.pixelColor(round(origin.x() + x), round(origin.y() + y)).red()

    # Along a row in the top half: red (200) on the left, blue (40) on the right.
    row = north * height + (mid_y - north * height) / 2
    edge = next(x for x in range(round(mid_x) - 6, round(mid_x) + 7) if red(x, row) < 120)
    assert abs(edge - mid_x) <= 1.5
    # Along a column in the left half: red (200) above, green (40) below.
    column = west * width + (mid_x - west * width) / 2
    edge = next(y for y in range(round(mid_y) - 6, round(mid_y) + 7) if red(column, y) < 120)
    assert abs(edge - mid_y) <= 1.5


# -- gestures ---------------------------------------------------------------------------


def test_double_tap_zooms_and_reset_returns(make_scene, touchscreen) -> None:
    scene, map_, view = open_map(make_scene)
    before = view.property("zoom")
    point = centre(visible(scene, "mapFlick"))
    for _ in range(2):
        touch(scene, touchscreen, point)
    assert wait_until(lambda: view.property("zoom") > before * 1.9)
    rest(scene, map_, view)
    scene.kiosk.closeDetail()  # a tap near a marker opened its card, which covers the side panel
    touch(scene, touchscreen, centre(visible(scene, "resetButton")))
    assert wait_until(lambda: abs(view.property("zoom") - before) < 1e-6)


def test_pinch_keeps_the_point_between_the_fingers(make_scene, touchscreen) -> None:
    scene, _map, view = open_map(make_scene)
    flick = visible(scene, "mapFlick")
    middle = centre(flick) + QPoint(37, -21)
    local = flick.mapFromScene(QPointF(middle))

    def under_fingers() -> tuple[float, float]:
        return (
            (flick.property("contentX") + local.x()) / view.property("mapWidth"),
            (flick.property("contentY") + local.y()) / view.property("mapHeight"),
        )

    start = under_fingers()
    pinch(scene, touchscreen, middle, 60, 150)
    assert view.property("zoom") > 1.5
    after = under_fingers()
    # The same place of the map under the fingers, to a pixel or two at the new zoom.
    assert abs(after[0] - start[0]) * view.property("mapWidth") <= 2
    assert abs(after[1] - start[1]) * view.property("mapHeight") <= 2


def test_labels_leave_while_a_pinch_scales_the_map_and_return_at_their_own_size(make_scene, touchscreen) -> None:
    """Labels never grow or shrink with the map (nor pile up as markers close in): while
    the fingers are down they are hidden, and they come back drawn for the new zoom."""
    scene, map_, view = open_map(make_scene)

    def labels_shown() -> list:
        return [i for i in find_items(scene.window, "mapLabels") if visible_in_scene(i)]

    assert labels_shown(), "the map opens with its labels"
    assert all(label.parentItem().scale() == 1 for label in labels_shown())
    middle = centre(visible(scene, "mapFlick"))
    QTest.touchEvent(scene.window, touchscreen).press(0, middle - QPoint(60, 0), scene.window).press(
        1, middle + QPoint(60, 0), scene.window
    ).commit()
    for gap in range(70, 160, 10):
        QTest.touchEvent(scene.window, touchscreen).move(0, middle - QPoint(gap, 0), scene.window).move(
            1, middle + QPoint(gap, 0), scene.window
        ).commit()
        QTest.qWait(5)
    assert view.property("zoom") > 1.5 and view.property("zooming")
    tiles = [label.parentItem() for label in find_items(scene.window, "mapLabels")]
    assert any(tile.scale() > 1.5 for tile in tiles if visible_in_scene(tile)), "the map's tiles are scaled"
    assert labels_shown() == [], "no label is shown scaled with them"
    QTest.touchEvent(scene.window, touchscreen).release(0, middle - QPoint(150, 0), scene.window).release(
        1, middle + QPoint(150, 0), scene.window
    ).commit()
    rest(scene, map_, view)
    assert wait_until(lambda: len(labels_shown()) > 0)
    assert all(label.parentItem().scale() == 1 for label in labels_shown())
    # Loaded, at the size they were drawn (no more than a tile): not scaled to fit anything.
    assert all(0 < label.width() <= map_.tileSize and 0 < label.height() <= map_.tileSize for label in labels_shown())


def test_zoom_stays_within_its_bounds(make_scene, touchscreen) -> None:
    scene, map_, view = open_map(make_scene)
    middle = centre(visible(scene, "mapFlick"))
    for _ in range(3):
        pinch(scene, touchscreen, middle, 30, 300)
    assert view.property("zoom") == pytest.approx(view.property("maxZoom"))
    for _ in range(2):
        touch(scene, touchscreen, middle)
    rest(scene, map_, view)
    assert view.property("zoom") == pytest.approx(view.property("maxZoom"))
    for _ in range(3):
        pinch(scene, touchscreen, middle, 300, 30)
    assert view.property("zoom") == pytest.approx(view.property("minZoom"))
    rest(scene, map_, view)


def test_a_flung_map_glides_on(make_scene, touchscreen) -> None:
    """Pan with inertia: after a quick drag, the map keeps moving once the finger is up."""
    scene, map_, view = open_map(make_scene)
    zoom_to(scene, map_, view, 3.0)
    flick = visible(scene, "mapFlick")
    start = centre(flick) + QPoint(200, 0)
    QTest.touchEvent(scene.window, touchscreen).press(0, start, scene.window).commit()
    for step in range(1, 9):
        QTest.touchEvent(scene.window, touchscreen).move(0, start - QPoint(40 * step, 0), scene.window).commit()
        QTest.qWait(8)
    QTest.touchEvent(scene.window, touchscreen).release(0, start - QPoint(320, 0), scene.window).commit()
    released = flick.property("contentX")
    assert flick.property("flicking")
    assert wait_until(lambda: flick.property("contentX") > released + 50)
    rest(scene, map_, view)


def test_only_tiles_near_the_view_are_drawn(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    zoom_to(scene, map_, view, 8.0)
    flick = visible(scene, "mapFlick")
    size = map_.tileSize
    everything = math.ceil(view.property("mapWidth") / size) * math.ceil(view.property("mapHeight") / size)
    # The frame and a quarter of it around, in tiles.
    nearby = (math.ceil(flick.width() * 1.5 / size) + 1) * (math.ceil(flick.height() * 1.5 / size) + 1)
    assert 0 < map_.tileModel.rowCount() <= nearby < everything


def standalone_map(qapp):
    """A map controller on the default content, with no scene: its tiles asked for by hand."""
    from kiosk.bridge.map import MapController
    from kiosk.content.loader import load_exhibit
    from kiosk.content.schema import MapSection
    from kiosk.paths import default_content_dir

    exhibit, _ = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None
    section = next(s.content for s in exhibit.sections if isinstance(s.content, MapSection))
    return MapController(section, exhibit.root, "fr", lambda link, language: link)


def test_drawn_tiles_come_back_through_the_event_loop_without_polling(qapp, qtbot) -> None:
    """The thread draws, a queued signal brings each tile to the GUI thread: the map owns
    no timer, and every tile near the view arrives, the map no longer `drawing`."""
    from PySide6.QtCore import QTimer

    map_ = standalone_map(qapp)
    assert map_.findChildren(QTimer) == []
    with qtbot.waitSignal(map_.drawingChanged, timeout=10_000):
        map_.setView(3000.0, 0.2, 0.2, 0.6, 0.5, False)
    assert map_.drawing and not all(row["ready"] for row in map_.tiles.rows())
    qtbot.waitUntil(lambda: not map_.drawing, timeout=20_000)
    rows = map_.tiles.rows()
    assert rows and all(row["ready"] and row["shown"] for row in rows)
    assert map_.cached_bytes() > 0 and not map_._jobs


def test_tiles_on_their_way_at_an_idle_reset_are_not_kept(qapp, qtbot) -> None:
    map_ = standalone_map(qapp)
    map_.setView(3000.0, 0.0, 0.0, 1.0, 1.0, False)
    assert map_._jobs
    map_.release()
    map_._executor.submit(lambda: None).result(timeout=20)  # the tile being drawn is done and sent
    qtbot.wait(50)  # its signal delivered
    assert map_.cached_bytes() == 0 and map_.tiles.rows() == [] and not map_.drawing


def test_a_map_deleted_while_a_tile_is_drawn_goes_quietly(qapp, qtbot) -> None:
    """New content replaces the map while its thread draws: the tile being drawn is
    finished, the others dropped, and nothing reaches the map that is gone."""
    map_ = standalone_map(qapp)
    map_.setView(3000.0, 0.0, 0.0, 1.0, 1.0, False)
    executor = map_._executor
    with qtbot.waitSignal(map_.destroyed, timeout=20_000):
        map_.deleteLater()
    qtbot.wait(50)  # a tile's signal sent meanwhile would be delivered now
    with pytest.raises(RuntimeError):
        executor.submit(lambda: None)  # shut down


# -- the profile ------------------------------------------------------------------------


def test_the_profile_shows_heights_and_depths_and_opens_cards(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(make_scene)
    tap(scene.window, visible(scene, "profileButton"))
    deepest = min(map_.profile, key=lambda item: item["metres"])
    highest = max(map_.profile, key=lambda item: item["metres"])
    assert deepest["metres"] < 0 < highest["metres"]
    # To scale: the same pixels per metre up and down.
    scales = [visible(scene, f"profile-{item['id']}").property("extent") / abs(item["metres"]) for item in map_.profile]
    assert max(scales) == pytest.approx(min(scales))
    tap(scene.window, visible(scene, f"profile-{deepest['id']}"))
    assert scene.kiosk.detail == deepest["id"]
    assert visible(scene, "markerTitle").property("text") == deepest["title"]
    tap(scene.window, visible(scene, "markerClose"))  # back to the profile it was opened from
    assert scene.kiosk.detail == "profile"
    tap(scene.window, visible(scene, "profileClose"))
    assert scene.kiosk.detail == ""
    assert visible(scene, "mapFlick").isVisible()


# -- the opening view, the map's furniture, upright screens -----------------------------

MAIN_SUBJECTS = ("terril-74", "terril-74a", "puits-11", "puits-19")


def upright(make_scene, size: tuple[int, int] = (1080, 1920)):
    """make_scene for a screen of another size (upright by default)."""
    return lambda content=None, **options: make_scene(content, size=size, **options)


def seen_rect(scene, view) -> tuple[float, float, float, float]:
    """The part of the map a visitor sees (not under a card), in pixels of the map."""
    flick = visible(scene, "mapFlick")
    x, y = flick.property("contentX"), flick.property("contentY")
    return x, y, x + view.property("seenWidth"), y + view.property("seenHeight")


def inside_rect(rect: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """Whether `rect` (x, y, width, height, as the map lays labels out) lies within `box`
    (left, top, right, bottom)."""
    x, y, width, height = rect
    return box[0] <= x and x + width <= box[2] and box[1] <= y and y + height <= box[3]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_the_opening_view_shows_the_twin_terrils_and_shafts_11_and_19_each_named(make_scene, size) -> None:
    scene, map_, view = open_map(upright(make_scene, size))
    rest(scene, map_, view)
    assert view.property("zoom") < view.property("maxZoom")  # the opening view, not the closest zoom
    seen = seen_rect(scene, view)
    for marker_id in MAIN_SUBJECTS:
        s = find(map_, marker_id)  # alone, not in a bubble
        assert s.members == [marker_id] and s.kind != "group"
        assert seen[0] <= s.x <= seen[2] and seen[1] <= s.y <= seen[3], marker_id
        assert s.label == map_.label_text(marker_id) and s.label_rect is not None, marker_id
        assert inside_rect(s.label_rect, seen), marker_id
        if s.origin is not None:  # moved aside: it stays near its place, a line leading there
            assert math.hypot(s.x - s.origin[0], s.y - s.origin[1]) <= 3 * map_._style.target
    # Every label drawn at the opening is inside the view: none is cut at its edge.
    for s in map_.shown():
        if s.label_rect is not None:
            assert inside_rect(s.label_rect, seen), s.id


def test_bubbles_say_what_they_hold_in_words(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    bubbles = [s for s in map_.shown() if s.kind == "group"]
    assert bubbles
    kinds = {m["id"]: m["kind"] for m in map_.markers}
    words = {"shaft": "puits", "terril": "terrils", "place": "lieux"}
    for bubble in bubbles:
        held = {kinds[m] for m in bubble.members}
        expected = words[held.pop()] if len(held) == 1 else "repères"
        assert bubble.label == f"{len(bubble.members)}\u00a0{expected}"
        assert "+" not in bubble.label
    scene.kiosk.setLanguage("nl")
    rest(scene, map_, view)
    assert all(
        s.label.split(" ", 1)[1] in ("schachten", "terrils", "plaatsen", "punten")
        for s in map_.shown()
        if s.kind == "group"
    )


def test_neighbouring_communes_are_named_inside_their_outline_and_in_view(make_scene) -> None:
    scene, map_, view = open_map(make_scene)
    names = dict(map_.areas())
    neighbours = {
        "Grenay",
        "Lens",
        "Liévin",
        "Mazingarbe",
        "Vendin-le-Vieil",
        "Hulluch",
        "Bénifontaine",
        "Haisnes",
        "Vermelles",
    }
    assert len(set(names) & neighbours) >= 4
    assert "Loos-en-Gohelle" in names
    seen = seen_rect(scene, view)
    labels = [QRectF(*s.label_rect) for s in map_.shown() if s.label_rect is not None]
    for name, rect in names.items():
        assert inside_rect(rect, seen), name
        assert not any(QRectF(*rect).intersects(label) for label in labels), name
    # A layer switched off takes its names with it.
    map_.toggleLayer("communes")
    rest(scene, map_, view)
    assert set(dict(map_.areas())) == {"Loos-en-Gohelle"}


def test_the_scale_bar_redraws_when_the_zoom_button_is_touched(make_scene, tap: Tap) -> None:
    scene, map_, view = open_map(make_scene)
    label = visible(scene, "scaleLabel")
    bar = visible(scene, "scaleBar")
    visible(scene, "northArrow")

    def metres_per_pixel() -> float:
        return map_.widthMetres / view.property("mapWidth")

    def measure(text: str) -> float:
        figure, unit = text.split("\u00a0")
        return float(figure) * (1000 if unit == "km" else 1)

    before = label.property("text")
    # The bar is as long, on the map, as it says.
    assert measure(before) == pytest.approx(bar.property("barWidth") * metres_per_pixel(), rel=1e-3)
    for _ in range(2):
        tap(scene.window, visible(scene, "zoomIn"))
        rest(scene, map_, view)
    assert view.property("zoom") > 3.5
    after = label.property("text")
    assert after != before and measure(after) < measure(before)
    assert measure(after) == pytest.approx(bar.property("barWidth") * metres_per_pixel(), rel=1e-3)
    # Laid out anew for what is seen after the zoom: no name across the edge of the view.
    seen = seen_rect(scene, view)
    for s in map_.shown():
        if s.label_rect is not None and QRectF(*s.label_rect).intersects(
            QRectF(*seen[:2], seen[2] - seen[0], seen[3] - seen[1])
        ):
            assert inside_rect(s.label_rect, seen), s.id
    tap(scene.window, visible(scene, "zoomOut"))
    rest(scene, map_, view)
    assert measure(label.property("text")) > measure(after)


def test_the_data_licence_is_in_the_credits_not_on_the_map_page(make_scene) -> None:
    scene, _map, _view = open_map(make_scene)
    texts = [item.property("text") for item in walk_texts(scene) if visible_in_scene(item)]
    assert not any("Licence Ouverte" in text or "Admin Express" in text for text in texts)
    assert any("Admin Express" in entry["title"] for entry in scene.kiosk.credits("fr")["data"])


def walk_texts(scene) -> list:
    return walk_texts_under(scene.window.contentItem())


def test_upright_the_map_keeps_its_height_and_the_card_is_a_sheet_under_it(make_scene, tap: Tap) -> None:
    scene, map_, view = open_map(upright(make_scene))
    flick = visible(scene, "mapFlick")
    frame = flick.parentItem()
    layer = visible(scene, "layer-terril")
    # The map takes most of the page; the layers stand in rows under it.
    assert frame.height() > 0.6 * view.height() and frame.width() > 0.85 * view.width()
    assert layer.mapToItem(view, QPointF(0, 0)).y() > frame.y() + frame.height()
    # A card opens as a sheet over the bottom; the map stays in view above it, its marker too.
    scene.kiosk.openDetail("puits-11")
    rest(scene, map_, view)
    card = visible(scene, "markerCard")
    assert card.width() > 0.85 * view.width()
    top = card.mapToItem(view, QPointF(0, 0)).y()
    assert top > frame.y() + 0.3 * view.height()
    assert view.property("seenHeight") <= top - frame.y()
    point = on_screen(scene, map_, "puits-11")
    assert flick.mapToScene(QPointF(0, 0)).y() <= point.y() <= card.mapToScene(QPointF(0, 0)).y()
    tap(scene.window, visible(scene, "markerClose"))
    assert scene.kiosk.detail == ""
    assert visible(scene, "layer-terril")


def test_upright_profile_names_stand_apart(make_scene, tap: Tap) -> None:
    scene, map_, _view = open_map(upright(make_scene))
    tap(scene.window, visible(scene, "profileButton"))
    settle(scene)
    rects = []
    for item in map_.profile:
        entry = visible(scene, f"profile-{item['id']}")
        for text in walk_texts_under(entry):
            if text.isVisible():
                assert not text.property("truncated")
                assert text.property("contentWidth") <= text.width() + 0.5  # nothing runs out of its box
                top_left = text.mapToScene(QPointF(0, 0))
                rects.append(
                    (
                        item["id"],
                        top_left.x(),
                        top_left.y(),
                        top_left.x() + text.width(),
                        top_left.y() + max(text.height(), text.property("contentHeight")),
                    )
                )
    assert len(rects) == 2 * len(map_.profile)
    for (a, *ra), (b, *rb) in itertools.combinations(rects, 2):
        if a != b:
            assert not (ra[0] < rb[2] and rb[0] < ra[2] and ra[1] < rb[3] and rb[1] < ra[3]), (a, b)


def walk_texts_under(item) -> list:
    return [child for child in walk(item) if child.metaObject().className().startswith("QQuickText")]
