"""Memory over a long day (bench/soak.py measures it): the map's drawn tiles stay within
their limit in bytes, least recently used first out, and an idle reset gives back what the
visit took (the scene back to its attract items, the tiles dropped)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage

from kiosk.bridge import map as map_module
from kiosk.bridge.map import TileCache
from kiosk.bridge.scenetools import wait_until, walk
from kiosk.services.idle import IdlePolicy
from tests.helpers.scene import settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]
MIB = 1024 * 1024


def tile(width: int, height: int, labels: tuple[int, int] | None = None):
    """A drawn tile as the map keeps it: the map's picture, and its labels' if any."""
    picture = QImage(width, height, QImage.Format.Format_RGB32)
    if labels is None:
        return picture, None
    return picture, (QImage(*labels, QImage.Format.Format_ARGB32_Premultiplied), QPoint())


def test_the_tile_cache_never_passes_its_limit_and_drops_the_oldest_first() -> None:
    cache = TileCache(limit=3 * MIB)  # three tiles of 1 MB without labels
    sizes = [(512, 512, None), (512, 512, (400, 100)), (256, 512, None), (512, 512, (512, 512))] * 5
    for n, (w, h, labels) in enumerate(sizes):
        cache.put(f"t{n}", tile(w, h, labels))
        assert cache.bytes <= cache.limit
        kept = [cache.peek(key) for key in cache]
        assert cache.bytes == sum(
            d[0].sizeInBytes() + (d[1][0].sizeInBytes() if d[1] else 0) for d in kept if d is not None
        )
    cache.clear()
    for name in "abc":
        cache.put(name, tile(512, 512))
    assert cache.get("a") is not None  # used again: now the most recent
    cache.put("d", tile(512, 512))
    assert cache.keys() == ["c", "a", "d"]  # b, the least recently used, went first
    cache.put("huge", tile(2048, 1024))  # larger than the whole limit: not kept, nothing dropped
    assert "huge" not in cache and cache.keys() == ["c", "a", "d"]
    assert cache.bytes == 3 * MIB


def test_the_map_keeps_no_more_tiles_than_its_limit_while_a_visitor_zooms(
    make_scene: Callable, tap: Tap, monkeypatch
) -> None:
    monkeypatch.setattr(map_module, "TILE_CACHE_BYTES", 6 * MIB)  # far less than a view's tiles
    scene = make_scene(start_screen="home")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    map_ = scene.kiosk.section(row).controller
    peaks: list[int] = []
    original = map_._keep

    def keep(key, drawn) -> None:  # every tile kept goes through here
        original(key, drawn)
        peaks.append(map_.cached_bytes())

    monkeypatch.setattr(map_, "_keep", keep)
    tap(scene.window, visible(scene, f"tile-{scene.kiosk.section(row).kind}"))
    settle(scene)
    for _ in range(2):
        tap(scene.window, visible(scene, "zoomIn"))
        settle(scene)
    assert len(peaks) > 6  # tiles were drawn beyond the limit...
    assert max(peaks) <= 6 * MIB  # ...and never kept past it
    assert visible(scene, "mapView").property("mediaLoading") is False  # the map is drawn all the same


def test_a_visitor_who_leaves_the_map_leaves_only_the_tiles_it_shows(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "map")
    map_ = scene.kiosk.section(row).controller
    tap(scene.window, visible(scene, "tile-map"))
    settle(scene)
    for _ in range(2):
        tap(scene.window, visible(scene, "zoomIn"))
        settle(scene)
    shown = {r["key"] for r in map_.tiles.rows()}
    before = set(map_._cache.keys())
    assert before - shown  # tiles of the earlier zooms are kept while the visitor is on the map
    tap(scene.window, visible(scene, "homeButton"))
    settle(scene)
    assert set(map_._cache.keys()) == before & shown
    tap(scene.window, visible(scene, "tile-map"))  # back: the map is drawn again
    settle(scene)
    assert visible(scene, "mapView").property("mediaLoading") is False
    assert all(r["ready"] for r in map_.tiles.rows()) and map_.cached_bytes() > 0


def test_an_idle_reset_gives_back_the_pages_and_the_tiles(make_scene: Callable, tap: Tap, qtbot) -> None:
    scene = make_scene(policy=IdlePolicy(timeout_seconds=0.5, countdown_seconds=1))
    attract_items = sum(1 for _ in walk(scene.window.contentItem()))
    kinds = [scene.kiosk.section(i).kind for i in range(scene.kiosk.sectionCount)]
    map_ = scene.kiosk.section(kinds.index("map")).controller
    tap(scene.window, visible(scene, "attractPage"))
    settle(scene)
    for kind in ("timeline", "map"):
        tap(scene.window, visible(scene, f"tile-{kind}"))
        settle(scene)
        if kind == "map":
            tap(scene.window, visible(scene, "zoomIn"))
            settle(scene)
            assert map_.cached_bytes() > 0
        tap(scene.window, visible(scene, "homeButton"))
        settle(scene)
    assert sum(1 for _ in walk(scene.window.contentItem())) > attract_items
    with qtbot.waitSignal(scene.release.released, timeout=10_000):
        pass  # nobody touches: the countdown runs out, the kiosk resets, then gives back
    assert scene.kiosk.screen == "attract"
    assert wait_until(lambda: sum(1 for _ in walk(scene.window.contentItem())) == attract_items)
    assert map_.cached_bytes() == 0
    # The next visitor finds the map drawn again.
    tap(scene.window, visible(scene, "attractPage"))
    settle(scene)
    tap(scene.window, visible(scene, "tile-map"))
    settle(scene)
    assert wait_until(lambda: map_.cached_bytes() > 0)


def test_nothing_is_released_under_a_visitor_who_came_back(qapp) -> None:
    """The release comes a moment after the reset: if someone has touched the kiosk
    meanwhile, their map keeps its tiles."""
    from PySide6.QtQuick import QQuickWindow

    from kiosk.bridge.idle import ResetRelease

    class Section:
        released = 0

        def release(self) -> None:
            self.released += 1

    section, on_attract = Section(), [False]
    window = QQuickWindow()
    hook = ResetRelease(window, lambda: on_attract[0], lambda: [section, object()])
    hook.release()
    assert section.released == 0
    on_attract[0] = True
    hook.release()
    assert section.released == 1  # sections without a release() are passed over
    window.destroy()
