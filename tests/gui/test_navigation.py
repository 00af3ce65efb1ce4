"""A visitor's path through the exhibit, with real touch events on the real QML."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint

from kiosk.bridge.scenetools import find_item, find_items, visible_in_scene
from tests.helpers.content import intro_content
from tests.helpers.scene import intro_section, item, settle, shown

Tap = Callable[..., None]


def test_attract_screen_is_first_and_a_touch_enters_home(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene()
    assert scene.kiosk.screen == "attract"
    assert find_item(scene.window, "attractPage") is not None
    tap(scene.window, QPoint(400, 400))
    assert scene.kiosk.screen == "home"
    settle(scene)
    assert visible_in_scene(item(scene, "homePage"))


def test_home_shows_one_tile_per_section_in_manifest_order(make_scene: Callable) -> None:
    scene = make_scene(start_screen="home")
    kinds = [row.ref.kind for row in scene.kiosk._exhibit.sections]
    tiles = [t for t in find_items_prefix(scene, "tile-")]
    assert [t.objectName().removeprefix("tile-") for t in tiles] == kinds
    xs = [t.mapToScene(t.boundingRect().topLeft()).x() for t in tiles]
    assert xs == sorted(xs), "tiles must run left to right in the manifest's order"
    for tile in tiles:
        assert tile.height() >= 64 and tile.width() >= 64


def find_items_prefix(scene, prefix: str) -> list:
    from kiosk.bridge.scenetools import walk

    return [i for i in walk(scene.window.contentItem()) if i.objectName().startswith(prefix)]


def test_tap_through_every_section_and_back_home(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    kinds = [row.ref.kind for row in scene.kiosk._exhibit.sections]
    for index, kind in enumerate(kinds):
        tap(scene.window, item(scene, f"tile-{kind}"))
        assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", index)
        settle(scene)
        page = item(scene, f"sectionPage-{kind}")
        assert visible_in_scene(page)
        if scene.kiosk.section(index).view == "SectionIntro":
            title = [t for t in find_items(scene.window, "sectionTitle") if visible_in_scene(t)]
            assert title and title[0].property("text") == scene.kiosk.section(index).title
        else:
            view = [v for v in find_items(scene.window, f"{kind}View") if visible_in_scene(v)]
            assert view, f"the {kind} section shows its own view"
        tap(scene.window, next(b for b in find_items(scene.window, "homeButton") if visible_in_scene(b)))
        assert scene.kiosk.screen == "home"
        settle(scene)


def test_next_goes_round_every_section(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    count = scene.kiosk.sectionCount
    scene.kiosk.openSection(0)
    settle(scene)
    seen = [scene.kiosk.sectionIndex]
    for _ in range(count):
        next_button = next(b for b in find_items(scene.window, "nextButton") if visible_in_scene(b))
        tap(scene.window, next_button)
        seen.append(scene.kiosk.sectionIndex)
        settle(scene)
    assert seen == [*range(count), 0]


def test_previous_goes_back(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    scene.kiosk.openSection(1)
    settle(scene)
    tap(scene.window, next(b for b in find_items(scene.window, "previousButton") if visible_in_scene(b)))
    assert scene.kiosk.sectionIndex == 0


def test_a_drag_on_a_tile_does_not_open_it(make_scene: Callable, touchscreen, qtbot) -> None:
    from PySide6.QtTest import QTest

    from tests.helpers.scene import centre

    scene = make_scene(start_screen="home")
    tile = find_items_prefix(scene, "tile-")[0]
    start = centre(tile)
    end = QPoint(start.x() + 600, start.y() + 400)
    QTest.touchEvent(scene.window, touchscreen).press(0, start, scene.window).commit()
    QTest.touchEvent(scene.window, touchscreen).move(0, end, scene.window).commit()
    QTest.touchEvent(scene.window, touchscreen).release(0, end, scene.window).commit()
    assert scene.kiosk.screen == "home"


def test_a_picture_opens_full_screen_with_its_credit_and_closes(
    make_scene: Callable, tap: Tap, qtbot, tmp_path
) -> None:
    scene = make_scene(intro_content(tmp_path), start_screen="home")
    row = intro_section(scene)
    scene.kiosk.openSection(row)
    settle(scene)
    picture = next(p for p in find_items(scene.window, "introPicture") if visible_in_scene(p))
    tap(scene.window, picture)
    assert scene.kiosk.detail == "picture"
    viewer = next(v for v in find_items(scene.window, "pictureViewer") if v.property("shown"))
    qtbot.waitUntil(lambda: visible_in_scene(viewer), timeout=2000)
    assert viewer.property("credit") == scene.kiosk.section(row).illustrationCredit
    assert viewer.property("licence")
    tap(scene.window, item(scene, "viewerClose"))
    assert scene.kiosk.detail == ""
    # Moving on closes whatever was open.
    tap(scene.window, picture)
    assert scene.kiosk.detail == "picture"
    scene.kiosk.nextSection()
    assert scene.kiosk.detail == ""


def test_credits_are_one_touch_from_home(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    tap(scene.window, item(scene, "creditsButton"))
    assert scene.kiosk.screen == "credits"
    settle(scene)
    credits = scene.kiosk.credits("fr")
    assert any(entry["by"] == "CC BY 4.0" for entry in credits["pictures"])
    assert any("Licence Ouverte" in entry["title"] for entry in credits["data"])
    history = next(group for group in credits["sources"] if group["group"] == "history")
    assert any(entry["by"] == "Commonwealth War Graves Commission" for entry in history["entries"]), (
        "the timeline's sources are credited, by their publisher"
    )
    assert any(entry["title"] == "Inter" for entry in credits["software"])
    tap(scene.window, next(b for b in find_items(scene.window, "homeButton") if visible_in_scene(b)))
    assert scene.kiosk.screen == "home"


def test_a_fade_shows_there_is_more_to_read_until_the_end_is_reached(make_scene: Callable, touchscreen) -> None:
    """The credits are longer than the screen: a fade over their bottom edge says so; a
    visitor who swipes up to the end sees it go; back at the top, it returns."""
    from PySide6.QtTest import QTest

    from kiosk.bridge.scenetools import wait_until

    scene = make_scene(start_screen="home")
    scene.kiosk.openCredits()
    settle(scene)
    reading = item(scene, "creditsText")
    fade = next(f for f in find_items(scene.window, "moreBelow") if f.parentItem() is reading.parentItem())
    assert reading.property("contentHeight") > reading.height()
    assert fade.property("more") and fade.opacity() == 1
    middle = reading.mapToScene(reading.boundingRect().center()).toPoint()
    for _ in range(40):  # swipes up, as a visitor reads on
        if reading.property("atYEnd"):
            break
        QTest.touchEvent(scene.window, touchscreen).press(0, middle + QPoint(0, 300), scene.window).commit()
        for step in range(1, 7):
            QTest.touchEvent(scene.window, touchscreen).move(
                0, middle + QPoint(0, 300 - 100 * step), scene.window
            ).commit()
            QTest.qWait(10)  # a finger's pace, by design: the moves' times give the swipe its speed
        QTest.touchEvent(scene.window, touchscreen).release(0, middle - QPoint(0, 300), scene.window).commit()
        wait_until(lambda: not reading.property("moving"))
    assert reading.property("atYEnd")
    assert wait_until(lambda: fade.opacity() == 0), "at the end there is nothing more below"
    reading.setProperty("contentY", 0)
    assert wait_until(lambda: fade.opacity() == 1)


def _shown(scene, name: str) -> list:
    return [i for i in find_items(scene.window, name) if visible_in_scene(i)]


def test_every_section_opens_its_introduction_and_closes_it(make_scene: Callable, tap: Tap) -> None:
    """The header's "About this theme" opens the section's introduction (its picture, title,
    lead and text) over the view, in every section; the same button, now "Close", closes it."""
    from kiosk.bridge.scenetools import wait_until

    scene = make_scene(start_screen="home")
    for index in range(scene.kiosk.sectionCount):
        section = scene.kiosk.section(index)
        tap(scene.window, item(scene, f"tile-{section.kind}"))
        settle(scene)
        assert not _shown(scene, "aboutPanel"), "the section opens on its own view"
        tap(scene.window, _shown(scene, "aboutButton")[0])
        assert scene.kiosk.detail == "about"
        assert wait_until(lambda: bool(_shown(scene, "aboutPanel")) and _shown(scene, "aboutPanel")[0].opacity() == 1)
        panel = _shown(scene, "aboutPanel")[0]
        texts = [t.property("text") for t in walk_texts(panel)]
        assert section.title in texts and section.lead in texts and section.body in texts
        assert any(p.property("source") == section.illustration for p in _shown(scene, "introPicture"))
        button = _shown(scene, "aboutButton")[0]
        assert button.property("text").endswith(scene.kiosk.ui["close"])
        tap(scene.window, button)
        assert scene.kiosk.detail == ""
        assert wait_until(lambda: not _shown(scene, "aboutPanel")), "the introduction closes"
        tap(scene.window, _shown(scene, "homeButton")[0])
        settle(scene)


def walk_texts(root) -> list:
    from kiosk.bridge.scenetools import walk

    return [i for i in walk(root) if i.metaObject().className().startswith("QQuickText")]


def test_a_touch_on_the_introduction_does_not_reach_the_view_beneath(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    from kiosk.bridge.scenetools import walk

    scene.kiosk.openSection(0)
    settle(scene)
    # Where an event's card lies: under the panel once it opens, a touch there would open it.
    card = next(
        c for c in walk(item(scene, "timelineView")) if c.objectName().startswith("eventCard-") and visible_in_scene(c)
    )
    where = card.mapToScene(card.boundingRect().center()).toPoint()
    tap(scene.window, _shown(scene, "aboutButton")[0])
    panel = shown(scene, "aboutPanel")
    assert panel.contains(panel.mapFromScene(where.toPointF()))
    tap(scene.window, where)
    assert scene.kiosk.detail == "about", "a touch on the panel leaves it open, and opens nothing under it"


def test_the_idle_reset_closes_the_introduction(make_scene: Callable, qtbot) -> None:
    from kiosk.services.idle import IdlePolicy

    scene = make_scene(start_screen="home", policy=IdlePolicy(timeout_seconds=0.4, countdown_seconds=3))
    scene.kiosk.openSection(2)
    scene.kiosk.openDetail("about")
    assert shown(scene, "aboutPanel")
    with qtbot.waitSignal(scene.idle.expired, timeout=8000):
        pass
    assert (scene.kiosk.screen, scene.kiosk.detail) == ("attract", "")
    settle(scene)
    scene.kiosk.wake()
    scene.kiosk.openSection(2)
    settle(scene)
    assert _shown(scene, "sectionPage-map") and not _shown(scene, "aboutPanel")


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920)])
def test_footer_buttons_name_where_they_go_and_fit(make_scene: Callable, tap: Tap, size) -> None:
    """ "Previous: The Loos method", "Next: The town's coat of arms" (or the destination alone
    where both do not fit): never a bare Previous/Next, never cut."""
    scene = make_scene(start_screen="home", size=size)
    count = scene.kiosk.sectionCount
    for code in ("fr", "en", "nl"):
        scene.kiosk.setLanguage(code)
        for index in range(count):
            scene.kiosk.openSection(index)
            settle(scene)
            before = scene.kiosk.section((index - 1) % count).title
            after = scene.kiosk.section((index + 1) % count).title
            previous, following = _shown(scene, "previousButton")[0], _shown(scene, "nextButton")[0]
            assert before in previous.property("text") and after in following.property("text")
            for button in (previous, following):
                label = walk_texts(button)[0]
                assert not label.property("truncated"), f"{code} {size}: {label.property('text')!r} is cut"
                assert label.property("contentWidth") <= button.width()
                left = button.mapToScene(button.boundingRect().topLeft())
                assert left.x() >= 0 and left.x() + button.width() <= scene.window.width()
            assert (
                previous.mapToScene(previous.boundingRect().topRight()).x()
                < following.mapToScene(following.boundingRect().topLeft()).x()
            ), "the two buttons do not overlap"
    # A tap on each goes where it says.
    scene.kiosk.openSection(1)
    settle(scene)
    tap(scene.window, _shown(scene, "nextButton")[0])
    assert scene.kiosk.sectionIndex == 2
    settle(scene)
    tap(scene.window, _shown(scene, "previousButton")[0])
    assert scene.kiosk.sectionIndex == 1
