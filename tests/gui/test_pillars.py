"""The method section, touched like a visitor: pillars, foundation, source code, links, figures."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_frames
from tests.gui.conftest import settle
from tests.gui.conftest import shown as visible

Tap = Callable[..., None]




def scroll_into_view(item) -> None:
    """Scroll the card's text so the item is on screen, as a visitor would with a finger."""
    flickable = item.parentItem()
    while flickable is not None and flickable.objectName() != "pillarReading":
        flickable = flickable.parentItem()
    assert flickable is not None
    content = flickable.property("contentItem")
    y = item.mapToItem(content, 0, 0).y()
    flickable.setProperty("contentY", max(0.0, y - flickable.height() / 2))


def open_method(make_scene):
    scene = make_scene(start_screen="home")
    row = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "pillars")
    scene.kiosk.openSection(row)
    settle(scene)
    return scene, scene.kiosk.section(row).controller


def test_each_pillar_opens_its_card(make_scene, tap: Tap) -> None:
    scene, method = open_method(make_scene)
    assert 3 <= len(method.pillars) <= 5
    for pillar in method.pillars:
        tap(scene.window, visible(scene, f"pillar-{pillar['id']}"))
        assert scene.kiosk.detail == pillar["id"]
        assert visible(scene, "pillarTitle").property("text") == pillar["title"]
        tap(scene.window, visible(scene, "pillarClose"))
        assert scene.kiosk.detail == ""


def test_the_foundation_and_the_source_code_open_too(make_scene, tap: Tap) -> None:
    scene, method = open_method(make_scene)
    tap(scene.window, visible(scene, "foundation"))
    assert scene.kiosk.detail == method.foundation["id"]
    tap(scene.window, visible(scene, "pillarClose"))
    tap(scene.window, visible(scene, "ingredientsButton"))
    assert scene.kiosk.detail == "ingredients"
    assert len(method.detailOf("ingredients", "fr")["items"]) >= 5


def test_an_example_links_to_the_timeline(make_scene, tap: Tap) -> None:
    scene, method = open_method(make_scene)
    pillar, link = next(
        (p, item["related"][0]["link"])
        for p in method.pillars
        for item in method.detailOf(p["id"], "fr")["items"]
        if item["related"] and item["related"][0]["link"].startswith("timeline:")
    )
    scene.kiosk.openDetail(pillar["id"])
    chip = visible(scene, f"link-{link}")
    scroll_into_view(chip)
    wait_frames(scene.window, 2)
    tap(scene.window, chip)
    assert (scene.kiosk.screen, scene.kiosk.sectionIndex, scene.kiosk.detail) == (
        "section", 0, link.removeprefix("timeline:"))


def test_figures_count_up_once_then_stay_still(make_scene) -> None:
    scene, method = open_method(make_scene)
    tiles = [t for t in find_items(scene.window, "figure") if visible_in_scene(t)]
    results = method.results("fr")
    assert len(tiles) == len(results) >= 5
    # settle() waited for every counter: each shows its final figure and nothing still runs.
    shown = sorted(t.property("text") for t in tiles)
    expected = sorted(("≈ " if r["approximate"] else "") + r["valueText"] for r in results)
    assert shown == expected
    assert not any(t.parentItem().parentItem().property("counting") for t in tiles)
    # Coming back to the page does not replay them: the page is kept while the visitor stays.
    scene.kiosk.goHome()
    settle(scene)
    scene.kiosk.openSection(3)
    wait_frames(scene.window, 2)
    assert not any(item.property("counting") for item in find_items(scene.window, "result-solaire"))


def test_a_figure_shows_its_source_on_request(make_scene, tap: Tap) -> None:
    scene, method = open_method(make_scene)
    result = method.results("fr")[0]
    tap(scene.window, visible(scene, f"result-{result['id']}"))
    assert result["source"] in visible(scene, "resultSourceText").property("text")
