"""Keys on the real window, as a museum keypad or a switch sends them: Tab and the arrows
reach every control of every visitor screen, Enter presses, Escape goes back one level at
a time, the focus ring shows after a key and goes at a touch, the accessibility panel
works by keypad, a key answers the "still there?" countdown and starts the visit from the
attract screen, and kiosk mode still swallows the keys that would leave the exhibit.
Every visible control has an accessible name and role (screen readers)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_until, walk
from kiosk.services.idle import IdlePolicy
from tests.helpers.content import intro_content
from tests.helpers.scene import centre, events_handled, intro_section, settle, shown

Key, Mod = Qt.Key, Qt.KeyboardModifier

#: The visitor screens: home, each section (the default exhibit has four), the credits.
SCREENS = ["home", "section-0", "section-1", "section-2", "section-3", "credits"]
#: Where the name check does not look (the staff's screen).
OUT_OF_SCOPE = ("adminPage",)


def open_screen(scene: Scene, screen: str) -> None:
    if screen == "credits":
        scene.kiosk.openCredits()
    elif screen.startswith("section-"):
        scene.kiosk.openSection(int(screen.split("-")[1]))
    settle(scene)


def key_of(item: QQuickItem | None) -> int:
    return 0 if item is None else int(shiboken6.getCppPointer(item)[0])


def focused(scene: Scene) -> QQuickItem | None:
    return scene.window.activeFocusItem()


def focused_name(scene: Scene) -> str:
    item = focused(scene)
    return item.objectName() if item is not None else ""


def controls(scene: Scene) -> list[QQuickItem]:
    """What keys can reach now: visible, enabled items in the Tab chain."""
    return [
        item
        for item in walk(scene.window.contentItem())
        if item.activeFocusOnTab() and item.isEnabled() and visible_in_scene(item)
    ]


def press(scene: Scene, key: Key, modifiers: Mod = Mod.NoModifier) -> None:
    QTest.keyClick(scene.window, key, modifiers)
    settle(scene)


def focus_on(scene: Scene, name: str, key: Key = Key.Key_Tab, limit: int = 60) -> QQuickItem:
    """Press `key` until the control named `name` has the focus."""
    for _ in range(limit):
        if focused_name(scene) == name:
            item = focused(scene)
            assert item is not None
            return item
        press(scene, key)
    raise AssertionError(f"{name} never took the focus with {key.name}")


def accessible(item: QQuickItem) -> tuple[str, QAccessible.Role | None]:
    interface = QAccessible.queryAccessibleInterface(item)
    if interface is None:
        return "", None
    return interface.text(QAccessible.Text.Name), interface.role()


def in_scope(item: QQuickItem) -> bool:
    current: QQuickItem | None = item
    while current is not None:
        if current.objectName() in OUT_OF_SCOPE:
            return False
        current = current.parentItem()
    return True


@pytest.mark.parametrize("screen", SCREENS)
def test_tab_reaches_every_control_and_enter_presses_it(make_scene, screen: str) -> None:
    scene = make_scene(start_screen="home")
    open_screen(scene, screen)
    wanted = {key_of(item): item.objectName() for item in controls(scene)}
    assert len(wanted) >= 6, "the page's controls, the languages and the accessibility button"
    seen: dict[int, str] = {}
    for _ in range(len(wanted) * 2 + 2):
        press(scene, Key.Key_Tab)
        seen[key_of(focused(scene))] = focused_name(scene)
    missing = sorted(name for key, name in wanted.items() if key not in seen)
    assert not missing, f"never reached with Tab on {screen}: {missing}"
    # Backtab walks the same chain the other way.
    before = focused_name(scene)
    press(scene, Key.Key_Tab)
    press(scene, Key.Key_Backtab)
    assert focused_name(scene) == before
    # Enter presses the control with the focus: here the language switch.
    focus_on(scene, "language-en")
    press(scene, Key.Key_Return)
    assert scene.kiosk.language == "en"
    focus_on(scene, "language-fr")
    press(scene, Key.Key_Enter)
    assert scene.kiosk.language == "fr"


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
def test_the_arrows_move_to_the_nearest_control_that_way(make_scene, size: tuple[int, int]) -> None:
    scene = make_scene(start_screen="home", size=size)
    press(scene, Key.Key_Down)
    assert focused_name(scene) == "creditsButton", "the first control, top left"
    press(scene, Key.Key_Right)
    assert focused_name(scene) == "language-fr", "beside it in the top bar"
    press(scene, Key.Key_Left)
    assert focused_name(scene) == "creditsButton"
    press(scene, Key.Key_Down)
    assert focused_name(scene) == "tile-timeline", "the first tile, under it"
    press(scene, Key.Key_Up)
    assert focused_name(scene) == "creditsButton"
    press(scene, Key.Key_Down)
    press(scene, Key.Key_Right if size[0] > size[1] else Key.Key_Down)
    assert focused_name(scene) == "tile-blason", "the next tile: beside it when wide, under it when tall"
    press(scene, Key.Key_Return)
    assert scene.kiosk.screen == "section"
    assert scene.kiosk.section(scene.kiosk.sectionIndex).kind == "blason"


def test_the_arrows_alone_reach_every_control_of_the_home_page(make_scene) -> None:
    """Where no control lies that way, an arrow goes on in Tab order: nothing is out of reach."""
    scene = make_scene(start_screen="home")
    wanted = {key_of(item) for item in controls(scene)}
    seen: set[int] = set()
    for _ in range(len(wanted) * 2):
        press(scene, Key.Key_Right)
        seen.add(key_of(focused(scene)))
    for _ in range(len(wanted) * 2):
        press(scene, Key.Key_Down)
        seen.add(key_of(focused(scene)))
    assert wanted <= seen


def test_escape_goes_back_one_level_at_a_time(make_scene) -> None:
    scene = make_scene(start_screen="home")
    # A section with an introduction over its view: the introduction, then home.
    scene.kiosk.openSection(1)
    settle(scene)
    focus_on(scene, "aboutButton")
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == "about"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == ""
    assert scene.kiosk.screen == "section"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.screen == "home"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.screen == "home", "home is the top: Escape stays there"
    # The credits: back home.
    scene.kiosk.openCredits()
    settle(scene)
    press(scene, Key.Key_Escape)
    assert scene.kiosk.screen == "home"


def test_up_and_down_scroll_a_long_text_then_go_on(make_scene) -> None:
    scene = make_scene(start_screen="home")
    scene.kiosk.openCredits()
    settle(scene)
    reading = shown(scene, "creditsText")
    focus_on(scene, "scrollKeys")
    assert reading.property("contentY") == 0
    press(scene, Key.Key_Down)
    assert reading.property("contentY") > 0, "Down scrolls the text"
    assert focused_name(scene) == "scrollKeys"
    for _ in range(200):
        if focused_name(scene) != "scrollKeys":
            break
        press(scene, Key.Key_Down)
    assert reading.property("atYEnd"), "to its end, then on to the next control"
    assert focused_name(scene) == "accessibilityButton"
    press(scene, Key.Key_Up)
    assert focused_name(scene) == "scrollKeys"


def test_a_control_that_takes_the_focus_is_scrolled_into_view(make_scene) -> None:
    """Larger text on a small screen: the home page scrolls to the tile keys reach."""
    scene = make_scene(start_screen="home", size=(1080, 1920))
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text"])
    settle(scene)
    scroller = shown(scene, "homeScroller")
    assert scroller.property("contentHeight") > scroller.height() + 1, "the page scrolls in this mode"
    tile = focus_on(scene, "tile-pillars")
    bottom = tile.mapToItem(scroller, tile.boundingRect().bottomLeft()).y()
    assert scroller.property("contentY") > 0
    assert bottom <= scroller.height() + 1, "the whole tile in view"


def test_keys_keep_their_place_from_page_to_page(make_scene) -> None:
    scene = make_scene(start_screen="home")
    focus_on(scene, "tile-blason")
    press(scene, Key.Key_Return)
    assert scene.kiosk.section(scene.kiosk.sectionIndex).kind == "blason"
    focus_on(scene, "nextButton")
    press(scene, Key.Key_Return)
    assert scene.kiosk.section(scene.kiosk.sectionIndex).kind == "map"
    item = focused(scene)
    assert item is not None and item.objectName() == "nextButton" and visible_in_scene(item), "Next again"
    # Back home: on the tile of the section just left.
    press(scene, Key.Key_Escape)
    assert scene.kiosk.screen == "home"
    assert focused_name(scene) == "tile-map"


def test_a_card_takes_the_focus_and_escape_closes_it_first(make_scene) -> None:
    scene = make_scene(start_screen="home")
    index = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "pillars")
    scene.kiosk.openSection(index)
    settle(scene)
    pillar = focus_on(scene, next(i.objectName() for i in controls(scene) if i.objectName().startswith("pillar-")))
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail != ""
    assert focused_name(scene) == "pillarClose", "the open card has the focus"
    # Nothing hidden under the card takes the focus.
    for _ in range(8):
        press(scene, Key.Key_Tab)
        item = focused(scene)
        assert item is not None and not item.objectName().startswith(("pillar-", "result-", "foundation"))
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == ""
    assert scene.kiosk.screen == "section"
    assert key_of(focused(scene)) == key_of(pillar), "the focus is back where it was"


def test_the_picture_opens_full_screen_by_keys_and_escape_closes_it(make_scene, tmp_path) -> None:
    scene = make_scene(intro_content(tmp_path), start_screen="home")
    scene.kiosk.openSection(intro_section(scene))
    settle(scene)
    focus_on(scene, "introPicture")
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == "picture"
    assert focused_name(scene) == "viewerClose"
    press(scene, Key.Key_Right)
    assert focused_name(scene) == "viewerClose", "the focus stays in the viewer"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == ""
    assert focused_name(scene) == "introPicture"


def test_a_heraldic_word_opens_by_keys_and_escape_closes_its_card_only(make_scene) -> None:
    scene = make_scene(start_screen="home")
    index = next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == "blason")
    scene.kiosk.openSection(index)
    settle(scene)
    focus_on(scene, "chargeButton-lion")
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == "lion"
    words = [item for item in controls(scene) if item.objectName().startswith("glossaryWord-")]
    assert words, "the story's heraldic words, as buttons while keys are in use"
    focus_on(scene, words[0].objectName())
    press(scene, Key.Key_Space)
    card = shown(scene, "glossaryCard")
    assert focused_name(scene) == "glossaryClose"
    press(scene, Key.Key_Escape)
    assert not card.isVisible()
    assert scene.kiosk.detail == "lion", "the charge stays open"
    assert focused_name(scene) == words[0].objectName()


def test_the_focus_ring_shows_after_a_key_and_goes_at_a_touch(make_scene, tap, qtbot) -> None:
    scene = make_scene(start_screen="home")
    rings = [ring for ring in find_items(scene.window, "focusRing") if ring.isVisible()]
    assert not rings, "no ring before a key: the default look"
    assert scene.accessibility is not None and not scene.accessibility.keysUsed
    press(scene, Key.Key_Down)
    press(scene, Key.Key_Down)
    tile = focused(scene)
    assert tile is not None and tile.objectName() == "tile-timeline"
    rings = [ring for ring in find_items(scene.window, "focusRing") if ring.isVisible()]
    assert len(rings) == 1 and rings[0].parentItem() == tile
    ring = rings[0]
    width = ring.property("thickness")
    assert width >= 3, "at least 3 px at 1080p"
    # Drawn: the accent colour just outside the tile.
    picture = scene.window.grabWindow()
    edge = tile.mapToScene(tile.boundingRect().topLeft())
    outside = picture.pixelColor(int(edge.x() + tile.width() / 2), int(edge.y() - ring.property("outset") + width / 2))
    assert outside == QColor("#e3b23c")
    # A touch hides it (the focus stays where it was for the next key).
    tap(scene.window, shown(scene, "homeTitle"))
    qtbot.waitUntil(lambda: not ring.isVisible(), timeout=2000)
    assert not scene.accessibility.keysUsed


def test_the_accessibility_panel_by_keypad_switches_every_mode(make_scene, qtbot) -> None:
    scene = make_scene(start_screen="home")
    accessibility = scene.accessibility
    assert accessibility is not None
    focus_on(scene, "accessibilityButton")
    press(scene, Key.Key_Return)
    shown(scene, "accessibilityPanel")
    assert focused_name(scene) == "toggle-largerText", "the panel's first switch has the focus"
    for mode in ("largerText", "highContrast", "reach", "lessMotion"):
        focus_on(scene, f"toggle-{mode}", Key.Key_Down, limit=8)
        with qtbot.waitSignal(accessibility.modesChanged, timeout=2000):
            press(scene, Key.Key_Return)
        assert accessibility.property(mode) is True
    # The focus stays among the switches while the panel is open.
    for _ in range(6):
        press(scene, Key.Key_Tab)
        assert focused_name(scene).startswith("toggle-")
    # Off again with Space, then Escape closes the panel and gives the focus to its button.
    focus_on(scene, "toggle-reach", Key.Key_Up, limit=8)
    press(scene, Key.Key_Space)
    assert accessibility.reach is False
    press(scene, Key.Key_Escape)
    panel = find_items(scene.window, "accessibilityPanel")[0]
    assert not panel.isVisible()
    assert focused_name(scene) == "accessibilityButton"
    assert scene.kiosk.screen == "home"


def test_any_key_on_the_countdown_keeps_the_visit_and_moves_nothing(make_scene, qtbot) -> None:
    scene = make_scene(start_screen="home", policy=IdlePolicy(timeout_seconds=1.5, countdown_seconds=5))
    scene.kiosk.openSection(1)
    settle(scene)
    focus_on(scene, "nextButton", Key.Key_Backtab)
    qtbot.waitUntil(lambda: scene.idle.phase == "warning", timeout=5000)
    shown(scene, "continueButton")
    QTest.keyClick(scene.window, Key.Key_Down)
    assert scene.idle.phase == "active"
    QTest.keyClick(scene.window, Key.Key_Return)  # during the fade: the overlay still takes it
    overlay = find_items(scene.window, "idleOverlay")[0]
    qtbot.waitUntil(lambda: not overlay.isVisible(), timeout=3000)
    assert scene.kiosk.screen == "section" and scene.kiosk.sectionIndex == 1, "the visitor stays where they were"
    assert focused_name(scene) == "nextButton", "the focus is back on their control"


def test_any_key_starts_the_visit_from_the_attract_screen(make_scene, qtbot) -> None:
    scene = make_scene()
    assert scene.kiosk.screen == "attract"
    QTest.keyClick(scene.window, Key.Key_Shift)
    events_handled(qtbot)
    assert scene.kiosk.screen == "attract", "a modifier alone does not"
    QTest.keyClick(scene.window, Key.Key_Down)
    qtbot.waitUntil(lambda: scene.kiosk.screen == "home", timeout=2000)


def test_kiosk_mode_swallows_the_exit_keys_and_lets_escape_go_back(make_scene, qtbot) -> None:
    scene = make_scene(kiosk_mode=True, start_screen="home")
    scene.kiosk.openSection(0)
    settle(scene)
    for key, modifiers in [
        (Key.Key_F4, Mod.AltModifier),
        (Key.Key_Q, Mod.ControlModifier),
        (Key.Key_F11, Mod.NoModifier),
    ]:
        QTest.keyClick(scene.window, key, modifiers)
    events_handled(qtbot)
    assert scene.window.isVisible()
    assert scene.kiosk.screen == "section"
    assert scene.accessibility is not None and not scene.accessibility.keysUsed, "a swallowed key shows no ring"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.screen == "home"


@pytest.mark.parametrize("screen", [*SCREENS, "panel", "event", "marker", "profile"])
def test_every_visible_control_has_an_accessible_name_and_role(make_scene, screen: str, tap: Callable) -> None:
    scene = make_scene(start_screen="home")
    if screen == "panel":
        tap(scene.window, shown(scene, "accessibilityButton"))
        shown(scene, "accessibilityPanel")
    elif screen in ("event", "marker", "profile"):
        # What opens over the timeline and the map: an event, a marker, the heights and depths.
        open_kind(scene, "timeline" if screen == "event" else "map")
        controller = scene.kiosk.section(scene.kiosk.sectionIndex).controller
        opened = {"event": lambda: controller.idAt(0), "profile": lambda: "profile"}
        scene.kiosk.openDetail(opened.get(screen, lambda: controller.markers[0]["id"])())
        settle(scene)
    else:
        open_screen(scene, screen)
    nameless = []
    checked = 0
    for item in walk(scene.window.contentItem()):
        if not visible_in_scene(item) or not in_scope(item):
            continue
        touchable = any(
            child.metaObject().className() in ("QQuickTapHandler", "QQuickMouseArea") and child.property("enabled")
            for child in [*item.children(), *item.childItems()]
        )
        if not (touchable or item.activeFocusOnTab()):
            continue
        parent = item.parentItem()
        if parent is not None and parent.property("contentItem") == item:
            item = parent  # a scrolling pane's surface (the map's): its pane carries the name
        elif parent is not None and not accessible(item)[0] and accessible(parent)[1] == QAccessible.Role.Button:
            item = parent  # a touch area of a button (a column of the heights and depths: its words)
        checked += 1
        name, role = accessible(item)
        if not name or role is None:
            nameless.append(f"{item.objectName() or item.metaObject().className()} ({role})")
    assert checked >= 5
    assert not nameless, f"controls without an accessible name on {screen}: {nameless}"


def test_headings_are_read_as_headings(make_scene) -> None:
    scene = make_scene(start_screen="home")
    name, role = accessible(shown(scene, "homeTitle"))
    assert role == QAccessible.Role.Heading and name == scene.kiosk.title
    tile = shown(scene, "tile-timeline")
    name, role = accessible(tile)
    assert role == QAccessible.Role.Button and name == scene.kiosk.section(0).title
    assert centre(tile).y() > 0


def open_kind(scene: Scene, kind: str) -> None:
    scene.kiosk.openSection(next(i for i in range(scene.kiosk.sectionCount) if scene.kiosk.section(i).kind == kind))
    settle(scene)


def test_the_timeline_s_cards_take_the_focus_and_left_and_right_go_from_card_to_card(make_scene) -> None:
    scene = make_scene(start_screen="home")
    open_kind(scene, "timeline")
    track = shown(scene, "timelineTrack")
    first = focus_on(scene, "eventCard-" + scene.kiosk.section(scene.kiosk.sectionIndex).controller.idAt(0))
    rings = [ring for ring in find_items(scene.window, "focusRing") if ring.isVisible()]
    assert len(rings) == 1 and rings[0].parentItem() == first, "the card shows the ring"
    # Right, card after card, beyond the screen: the strip follows so the card is in view.
    visited = [focused_name(scene)]
    for _ in range(30):
        press(scene, Key.Key_Right)
        visited.append(focused_name(scene))
        card = focused(scene)
        assert card is not None and card.objectName().startswith("eventCard-"), visited
        left = card.mapToItem(track, card.boundingRect().topLeft()).x()
        assert left >= 0 and left + card.width() <= track.width() + 1, f"{card.objectName()} out of view"
    assert track.property("contentX") > track.width(), "the strip moved on with the keys"
    assert len(set(visited)) == len(visited), "a new card at each key"
    # Left comes back the same way.
    press(scene, Key.Key_Left)
    assert focused_name(scene) == visited[-2]
    # Enter opens the event; its Close has the focus; Escape closes it, back on its card.
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == visited[-2].removeprefix("eventCard-")
    assert focused_name(scene) == "eventClose"
    focus_on(scene, "eventNext")
    press(scene, Key.Key_Space)
    opened = scene.kiosk.detail
    assert opened != visited[-2].removeprefix("eventCard-"), "the next event"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == "" and scene.kiosk.screen == "section"
    item = focused(scene)
    assert item is not None and item.objectName().startswith("eventCard-"), "keys come back to the strip"


def test_the_timeline_s_era_buttons_are_reached_and_pressed_by_keys(make_scene) -> None:
    scene = make_scene(start_screen="home")
    open_kind(scene, "timeline")
    track = shown(scene, "timelineTrack")
    chips = [item for item in controls(scene) if item.objectName().startswith("eraChip-")]
    assert len(chips) >= 2
    focus_on(scene, chips[-1].objectName())
    press(scene, Key.Key_Return)
    assert wait_until(lambda: track.property("contentX") > track.width())


def test_the_map_s_markers_take_the_focus_and_the_arrows_go_from_marker_to_marker(make_scene) -> None:
    scene = make_scene(start_screen="home")
    open_kind(scene, "map")
    view, flick = shown(scene, "mapView"), shown(scene, "mapFlick")
    assert wait_until(lambda: not view.property("mediaLoading"))
    markers = [item for item in controls(scene) if item.objectName().startswith("spokenMarker-")]
    assert len(markers) >= 3, "the markers in view are in the Tab order"
    first = focus_on(scene, markers[0].objectName())
    rings = [ring for ring in find_items(scene.window, "focusRing") if ring.isVisible()]
    assert len(rings) == 1 and rings[0].parentItem() == first, "the ring round the marker"
    # The arrows go from marker to marker, each brought into the part of the map seen.
    visited = {focused_name(scene)}
    for key in [Key.Key_Right] * 4 + [Key.Key_Down] * 3 + [Key.Key_Left] * 4 + [Key.Key_Up] * 3:
        before = focused(scene)
        press(scene, key)
        item = focused(scene)
        assert item is not None
        if not item.objectName().startswith("spokenMarker-"):
            continue  # none that way: on to a button, as everywhere else
        assert key_of(item) != key_of(before)
        visited.add(item.objectName())
        centre_x = item.mapToItem(flick, item.boundingRect().center()).x()
        centre_y = item.mapToItem(flick, item.boundingRect().center()).y()
        assert 0 <= centre_x <= flick.width() and 0 <= centre_y <= flick.height(), f"{item.objectName()} out of view"
    assert len(visited) >= 4
    # Enter opens the marker's card, Close has the focus, Escape gives it back to the marker.
    marker = focus_on(scene, markers[0].objectName())
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == markers[0].objectName().removeprefix("spokenMarker-")
    assert focused_name(scene) == "markerClose"
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == ""
    assert key_of(focused(scene)) == key_of(marker)


def test_plus_and_minus_zoom_the_map_and_its_columns_are_reached_by_keys(make_scene) -> None:
    scene = make_scene(start_screen="home")
    open_kind(scene, "map")
    view = shown(scene, "mapView")
    assert wait_until(lambda: not view.property("mediaLoading"))
    focus_on(scene, "layer-shaft")
    start = view.property("zoom")
    press(scene, Key.Key_Plus)
    assert wait_until(lambda: not view.property("zooming") and view.property("zoom") > start * 1.5)
    press(scene, Key.Key_Minus)
    assert wait_until(lambda: not view.property("zooming") and abs(view.property("zoom") - start) < 0.01)
    # A layer switched by keys.
    press(scene, Key.Key_Return)
    controller = scene.kiosk.section(scene.kiosk.sectionIndex).controller
    assert "shaft" in controller.hidden
    press(scene, Key.Key_Return)
    # The heights and depths: its way back takes the focus, then every column in its turn.
    focus_on(scene, "profileButton")
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == "profile"
    assert focused_name(scene) == "profileClose"
    columns = [item.objectName() for item in controls(scene) if item.objectName().startswith("profile-")]
    assert len(columns) >= 3
    column = focus_on(scene, columns[-1])
    press(scene, Key.Key_Return)
    assert scene.kiosk.detail == columns[-1].removeprefix("profile-")
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == "profile" and key_of(focused(scene)) == key_of(column)
    press(scene, Key.Key_Escape)
    assert scene.kiosk.detail == ""
    assert focused_name(scene) == "profileButton"


@pytest.mark.parametrize("screen", SCREENS)
def test_tab_reaches_the_languages_with_the_top_bar_they_stand_in(make_scene, screen: str) -> None:
    """Reading order: the top bar, its languages included, then the page's content."""
    scene = make_scene(start_screen="home")
    open_screen(scene, screen)
    bar = shown(scene, "languageSwitch")
    bar_bottom = bar.mapToScene(bar.boundingRect().bottomLeft()).y()
    order: list[tuple[str, int]] = []  # name and centre height (a card of the strip may go)
    for _ in range(40):
        press(scene, Key.Key_Tab)
        item = focused(scene)
        assert item is not None
        if order and item.objectName() == order[0][0]:
            break
        order.append((item.objectName(), centre(item).y()))
    names = [name for name, _ in order]
    first_language = next(i for i, name in enumerate(names) if name.startswith("language-"))
    last_language = max(i for i, name in enumerate(names) if name.startswith("language-"))
    for name, y in order[:first_language]:
        assert y <= bar_bottom, f"{name} before the languages, but below the top bar"
    assert all(name.startswith("language-") for name in names[first_language : last_language + 1])
    assert last_language + 1 == len(order) or order[last_language + 1][1] > bar_bottom, f"{names} on {screen}"
