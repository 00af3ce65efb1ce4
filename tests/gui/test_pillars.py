"""The method section, touched like a visitor: pillars, foundation, source code, links, figures,
each figure's card, and the page at every size (a real portrait layout, nothing cut)."""

from __future__ import annotations

import gc
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_frames
from kiosk.bridge.screenaudit import audit_window
from tests.helpers.scene import settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]

SIZES = [(1920, 1080), (1280, 720), (3840, 2160), (1080, 1920)]
PORTRAIT = (1080, 1920)


def scene_rect(item: QQuickItem) -> QRectF:
    """Where an item is drawn in the window; a text counts with all its lines."""
    width = max(item.width(), item.property("contentWidth") or 0.0)
    height = max(item.height(), item.property("contentHeight") or 0.0)
    return item.mapRectToScene(QRectF(0, 0, width, height))


def audit(scene, screen: str, language: str, contrast: bool = True) -> list[str]:
    """What the screen audit finds on the window now, as lines."""
    found = [
        f.line() for f in audit_window(scene.window, screen, language, scene.window.grabWindow if contrast else None)
    ]
    # The audit's wrappers of the scene's items go now, not when a later scene reuses their memory.
    gc.collect()
    return found


def shown_in(scene, name: str) -> list[QQuickItem]:
    return [item for item in find_items(scene.window, name) if visible_in_scene(item)]


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
        "section",
        0,
        link.removeprefix("timeline:"),
    )


def test_figures_count_up_once_then_stay_still(make_scene) -> None:
    scene, method = open_method(make_scene)
    figures = shown_in(scene, "figure")
    results = method.results("fr")
    assert len(figures) == len(results) >= 5
    # settle() waited for every counter: each shows its final figure and nothing still runs.
    shown = sorted(t.property("text") for t in figures)
    expected = sorted(("≈ " if r["approximate"] else "") + r["valueText"] for r in results)
    assert shown == expected
    tiles = [shown_in(scene, f"result-{r['id']}")[0] for r in results]
    assert not any(tile.property("counting") for tile in tiles)
    # Coming back to the page does not replay them: the page is kept while the visitor stays.
    scene.kiosk.goHome()
    settle(scene)
    scene.kiosk.openSection(3)
    wait_frames(scene.window, 2)
    assert not any(item.property("counting") for item in find_items(scene.window, "result-solaire"))


@pytest.mark.parametrize("size", [(1920, 1080), PORTRAIT])
def test_tapping_a_figure_opens_its_detail_and_its_source(make_scene, tap: Tap, size) -> None:
    scene, method = open_method(lambda **kw: make_scene(size=size, **kw))
    for result in method.results("fr"):
        assert not shown_in(scene, "resultCard")
        tap(scene.window, visible(scene, f"result-{result['id']}"))
        assert scene.kiosk.detail == result["id"]
        card = visible(scene, "resultCard")
        words = {
            name: [i for i in shown_in(scene, name) if card.isAncestorOf(i)]
            for name in ("figure", "unit", "resultCardLabel", "resultDetail", "resultSourceText")
        }
        assert words["figure"][0].property("text") == ("≈ " if result["approximate"] else "") + result["valueText"]
        assert words["unit"][0].property("text") == result["unit"]
        assert words["resultCardLabel"][0].property("text") == result["label"]
        assert result["detail"] and words["resultDetail"][0].property("text") == result["detail"]
        assert result["source"] in words["resultSourceText"][0].property("text")
        tap(scene.window, visible(scene, "resultClose"))
        assert scene.kiosk.detail == ""


def test_a_figure_s_card_follows_the_language(make_scene, tap: Tap) -> None:
    scene, method = open_method(make_scene)
    result = method.results("en")[0]
    tap(scene.window, visible(scene, f"result-{result['id']}"))
    scene.kiosk.setLanguage("en")
    wait_frames(scene.window, 2)
    assert visible(scene, "resultDetail").property("text") == result["detail"]
    assert visible(scene, "resultDate").property("text") == scene.kiosk.ui["figure_date"].replace("%1", result["date"])


@pytest.mark.parametrize("size", [(1920, 1080), PORTRAIT])
def test_each_figure_stands_with_its_unit_on_one_line(make_scene, size) -> None:
    """'177 700 kWh par an', read together: the unit on the figure's baseline, just after it."""
    scene, method = open_method(lambda **kw: make_scene(size=size, **kw))
    for language in ("fr", "en", "nl"):
        scene.kiosk.setLanguage(language)
        wait_frames(scene.window, 2)
        for result in method.results(language):
            tile = visible(scene, f"result-{result['id']}")
            figure = next(i for i in shown_in(scene, "figure") if tile.isAncestorOf(i))
            unit = next(i for i in shown_in(scene, "unit") if tile.isAncestorOf(i))
            assert unit.property("text") == result["unit"]
            figure_box, unit_box = scene_rect(figure), scene_rect(unit)
            baseline = figure.mapToScene(QPointF(0, figure.property("baselineOffset"))).y()
            assert abs(unit.mapToScene(QPointF(0, unit.property("baselineOffset"))).y() - baseline) < 1, result["id"]
            assert figure_box.right() <= unit_box.left() < figure_box.right() + figure.property("font").pixelSize()
            assert tile.mapRectToScene(QRectF(0, 0, tile.width(), tile.height())).contains(unit_box), result["id"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_method_page_is_whole_at_every_size(make_scene, size) -> None:
    """Every text of the page whole and in its place, in the three languages: what the audit
    checks (cut, elided, overlapping, outside, contrast), and each pillar's words inside it."""
    scene, method = open_method(lambda **kw: make_scene(size=size, **kw))
    for language in ("fr", "en", "nl"):
        scene.kiosk.setLanguage(language)
        wait_frames(scene.window, 2)
        found = audit(scene, "pillars", language)
        assert not found, "\n".join(found)
        for pillar in method.pillars:
            column = visible(scene, f"pillar-{pillar['id']}")
            box = column.mapRectToScene(QRectF(0, 0, column.width(), column.height()))
            for name in ("pillarName", "pillarSummary"):
                text = next(i for i in shown_in(scene, name) if column.isAncestorOf(i))
                assert not text.property("truncated")
                assert box.contains(scene_rect(text)), (language, pillar["id"], name)
        # The whole building, down to its recipe button, is on screen without scrolling.
        assert QRectF(0, 0, *size).contains(scene_rect(visible(scene, "ingredientsButton")))


def test_in_portrait_the_results_stand_under_the_building(make_scene) -> None:
    scene, method = open_method(lambda **kw: make_scene(size=PORTRAIT, **kw))
    building = scene_rect(visible(scene, "foundation"))
    window = QRectF(0, 0, *PORTRAIT)
    for result in method.results("fr"):
        tile = scene_rect(visible(scene, f"result-{result['id']}"))
        assert tile.top() > building.bottom() and window.contains(tile), result["id"]
    # Pillars side by side, wide enough for their names: each over a quarter of the width.
    columns = [scene_rect(visible(scene, f"pillar-{p['id']}")) for p in method.pillars]
    assert all(c.width() > PORTRAIT[0] / 4 for c in columns)


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
def test_in_larger_text_no_pillar_word_is_broken_in_its_middle(make_scene, size) -> None:
    """Beside the results, a pillar is narrower than a Dutch compound ("verantwoordelijk")
    in larger text, and its words broke in their middle; the building then stands above the
    results, across the page."""
    from PySide6.QtGui import QFontMetricsF

    scene, _method = open_method(lambda **kw: make_scene(size=size, **kw))
    view = visible(scene, "pillarsView")
    assert not view.property("portrait"), "by default the results stand beside the building"
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text"])
    scene.kiosk.setLanguage("nl")
    settle(scene)
    assert view.property("portrait")
    for name in ("pillarName", "pillarSummary"):
        for text in shown_in(scene, name):
            metrics = QFontMetricsF(text.property("font"))
            widest = max(metrics.horizontalAdvance(word) for word in text.property("text").split())
            assert widest <= text.width() + 0.5, f"{text.property('text')!r}: a word wider than its pillar"


def test_the_screen_says_the_three_pillars_are_a_simplification(make_scene) -> None:
    scene, method = open_method(make_scene)
    for language, word in (("fr", "quatre axes"), ("en", "four axes"), ("nl", "vier assen")):
        scene.kiosk.setLanguage(language)
        wait_frames(scene.window, 2)
        note = visible(scene, "methodNote")
        assert note.property("text") == method.note and word in method.note


def test_the_source_code_is_shown_by_a_drawn_recipe_not_braces(make_scene, tap: Tap) -> None:
    scene, _ = open_method(make_scene)
    button = visible(scene, "ingredientsButton")
    assert "{" not in button.property("text") and "}" not in button.property("text")
    icon = visible(scene, "recipeIcon")
    assert button.isAncestorOf(icon) and icon.width() > 0
    tap(scene.window, button)
    assert scene.kiosk.detail == "ingredients"


def test_the_ingredients_card_is_whole_in_portrait(make_scene, tap: Tap) -> None:
    scene, _ = open_method(lambda **kw: make_scene(size=PORTRAIT, **kw))
    tap(scene.window, visible(scene, "ingredientsButton"))
    visible(scene, "pillarTitle")
    found = audit(scene, "pillars-ingredients", "fr")
    assert not found, "\n".join(found)


def test_without_results_the_building_takes_the_whole_page(make_scene, tmp_path) -> None:
    import yaml

    from tests.helpers.content import copy_content

    content = copy_content(tmp_path)
    path = content / "pillars.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("results")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scene, method = open_method(lambda **kw: make_scene(content=content, **kw))
    assert method.results("fr") == [] and not shown_in(scene, "resultsTitle")
    foundation = scene_rect(visible(scene, "foundation"))
    assert foundation.width() > scene.window.width() * 0.8
    assert not audit(scene, "pillars", "fr", contrast=False)
