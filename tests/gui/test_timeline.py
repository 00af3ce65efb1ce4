"""The timeline, touched like a visitor: drag, fling, tap, swipe, chips, pinch and links."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QPoint, QPointF, QUrl
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from bench.generate import timeline_folder
from kiosk.bridge.scenetools import visible_in_scene
from tests.helpers.scene import centre, settle
from tests.helpers.scene import shown as visible

Tap = Callable[..., None]


@pytest.fixture
def timeline_content(tmp_path: Path) -> Path:
    folder = timeline_folder(tmp_path / "content", events=60, photos=3, photo_size=(1600, 1200))
    path = folder / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    events = data["events"]
    events[0]["related"] = [f"timeline:{events[5]['id']}", "blason:lion"]
    events[1]["title"] = {"fr": "<b>Gras</b> & <i>italique</i>", "en": "<b>Bold</b>", "nl": "<b>Vet</b>"}
    events[2]["title"] = {"fr": "Un titre interminable " * 4000, "en": "Long", "nl": "Lang"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def open_timeline(make_scene: Callable, content: Path):
    scene = make_scene(content, start_screen="home")
    scene.kiosk.openSection(0)
    settle(scene)
    return scene, visible(scene, "timelineView"), visible(scene, "timelineTrack")


def drag(scene, touchscreen, start: QPoint, end: QPoint, steps: int = 8) -> None:
    window = scene.window
    QTest.touchEvent(window, touchscreen).press(0, start, window).commit()
    for i in range(1, steps + 1):
        if i > 1:
            QTest.qWait(5)  # a finger's pace, by design: the moves' times give the fling its speed
        point = start + (end - start) * i / steps
        QTest.touchEvent(window, touchscreen).move(0, point, window).commit()
    # Released right after the last move, as a flicking finger does: on a busy machine a
    # pause here would let the Flickable think the finger had stopped.
    QTest.touchEvent(window, touchscreen).release(0, end, window).commit()


def test_drag_moves_the_track_and_a_fling_keeps_it_going(make_scene, timeline_content, touchscreen, qtbot) -> None:
    scene, _view, track = open_timeline(make_scene, timeline_content)
    before = track.property("contentX")
    middle = centre(track)
    drag(scene, touchscreen, middle + QPoint(300, 260), middle + QPoint(-300, 260))
    assert track.property("contentX") > before + 200
    # Released while moving fast: the track keeps moving by itself (inertia).
    after_release = track.property("contentX")
    qtbot.waitUntil(lambda: track.property("contentX") > after_release + 20, timeout=2000)
    qtbot.waitUntil(lambda: not track.property("moving"), timeout=10000)


def test_a_tap_on_a_card_opens_that_event(make_scene, timeline_content, tap: Tap) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    timeline = scene.kiosk.section(0).controller
    cards = [c for c in find_items_prefix(scene, "eventCard-") if visible_in_scene(c)]
    card = next(c for c in cards if scene.window.contentItem().contains(c.mapToScene(QPointF(20, 20))))
    event_id = card.objectName().removeprefix("eventCard-")
    tap(scene.window, card.mapToScene(QPointF(40, card.height() / 2)).toPoint())
    assert scene.kiosk.detail == event_id
    settle(scene)
    title = visible(scene, "eventTitle")
    assert title.property("text") == timeline.eventAt(timeline.indexOf(event_id), "fr")["title"]
    tap(scene.window, visible(scene, "eventClose"))
    assert scene.kiosk.detail == ""


def find_items_prefix(scene, prefix: str) -> list:
    from kiosk.bridge.scenetools import walk

    return [i for i in walk(scene.window.contentItem()) if i.objectName().startswith(prefix)]


def test_swipe_on_the_card_goes_to_the_next_event(make_scene, timeline_content, touchscreen) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    timeline = scene.kiosk.section(0).controller
    scene.kiosk.openDetail(timeline.idAt(10))
    settle(scene)
    panel = visible(scene, "eventPanel")
    middle = centre(panel)
    drag(scene, touchscreen, middle + QPoint(250, 0), middle + QPoint(-250, 0))
    assert scene.kiosk.detail == timeline.idAt(11)
    drag(scene, touchscreen, middle + QPoint(-250, 0), middle + QPoint(250, 0))
    assert scene.kiosk.detail == timeline.idAt(10)


def test_the_arrows_move_along_the_events(make_scene, timeline_content, tap: Tap, qtbot) -> None:
    scene, _view, track = open_timeline(make_scene, timeline_content)
    start = track.property("contentX")
    tap(scene.window, visible(scene, "laterButton"))
    qtbot.waitUntil(lambda: track.property("contentX") > start, timeout=2000)
    qtbot.waitUntil(lambda: not track.property("moving"), timeout=3000)
    moved = track.property("contentX")
    tap(scene.window, visible(scene, "earlierButton"))
    qtbot.waitUntil(lambda: track.property("contentX") < moved, timeout=2000)


def test_an_era_chip_jumps_to_its_era(make_scene, timeline_content, tap: Tap, qtbot) -> None:
    scene, view, track = open_timeline(make_scene, timeline_content)
    timeline = scene.kiosk.section(0).controller
    tap(scene.window, visible(scene, "eraChip-culture"))
    expected = view.property("pad") + timeline.eraStart(2) * view.property("axisWidth") - track.width() / 2
    qtbot.waitUntil(lambda: abs(track.property("contentX") - expected) < 2, timeout=3000)


def pinch(scene, touchscreen, centre_point: QPoint, start_gap: int, end_gap: int, steps: int = 10) -> None:
    window = scene.window
    a0, b0 = centre_point - QPoint(start_gap // 2, 0), centre_point + QPoint(start_gap // 2, 0)
    QTest.touchEvent(window, touchscreen).press(0, a0, window).press(1, b0, window).commit()
    for i in range(1, steps + 1):
        gap = start_gap + (end_gap - start_gap) * i // steps
        a, b = centre_point - QPoint(gap // 2, 0), centre_point + QPoint(gap // 2, 0)
        QTest.touchEvent(window, touchscreen).move(0, a, window).move(1, b, window).commit()
        QTest.qWait(5)  # fingers take time to move, by design: the pinch sees a gesture, not a jump
    QTest.touchEvent(window, touchscreen).release(0, a, window).release(1, b, window).commit()


def test_pinch_zooms_around_the_fingers_within_bounds(make_scene, timeline_content, touchscreen) -> None:
    scene, view, track = open_timeline(make_scene, timeline_content)
    point = centre(track)
    local_x = track.mapFromScene(QPointF(point)).x()
    year_under_fingers = (track.property("contentX") + local_x - view.property("pad")) / view.property("axisWidth")
    pinch(scene, touchscreen, point, 200, 400)
    zoom = view.property("zoom")
    assert 1.5 < zoom <= view.property("maxZoom")
    after = (track.property("contentX") + local_x - view.property("pad")) / view.property("axisWidth")
    assert after == pytest.approx(year_under_fingers, abs=0.01), "the point between the fingers stays put"
    pinch(scene, touchscreen, point, 100, 1400)
    assert view.property("zoom") == view.property("maxZoom")
    pinch(scene, touchscreen, point, 1400, 60)
    pinch(scene, touchscreen, point, 1400, 60)
    assert view.property("zoom") == view.property("minZoom")


def test_links_open_their_target(make_scene, timeline_content, tap: Tap) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    timeline = scene.kiosk.section(0).controller
    scene.kiosk.openDetail(timeline.idAt(timeline.indexOf("evt-0000")))
    settle(scene)
    target = timeline.eventAt(timeline.indexOf("evt-0000"), "fr")["related"][0]["link"]
    tap(scene.window, visible(scene, f"link-{target}"))
    assert scene.kiosk.detail == target.removeprefix("timeline:")
    settle(scene)
    scene.kiosk.openDetail("evt-0000")
    settle(scene)
    chip = visible(scene, "link-blason:lion")
    tap(scene.window, chip)
    assert (scene.kiosk.screen, scene.kiosk.sectionIndex) == ("section", 1)


def test_markup_is_shown_as_plain_text(make_scene, timeline_content) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    scene.kiosk.openDetail("evt-0001")
    settle(scene)
    title = visible(scene, "eventTitle")
    assert title.property("text") == "<b>Gras</b> & <i>italique</i>"
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    expression = QQmlExpression(QQmlEngine.contextForObject(title), title, "textFormat === Text.PlainText")
    assert expression.evaluate()[0] is True


def test_a_huge_title_leaves_the_card_usable(make_scene, timeline_content, tap: Tap) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    scene.kiosk.openDetail("evt-0002")
    settle(scene)
    title = visible(scene, "eventTitle")
    panel = visible(scene, "eventPanel")
    assert title.height() < panel.height() / 2, "the title is cut to a few lines"
    close = visible(scene, "eventClose")
    assert panel.contains(panel.mapFromItem(close, QPointF(close.width() / 2, close.height() / 2)))
    tap(scene.window, close)
    assert scene.kiosk.detail == ""


def test_the_language_switch_rewrites_the_open_card(make_scene, timeline_content, tap: Tap) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    scene.kiosk.openDetail("evt-0005")
    settle(scene)
    tap(scene.window, visible(scene, "language-en"))
    assert scene.kiosk.detail == "evt-0005"
    assert visible(scene, "eventTitle").property("text").startswith("Event 5 ")


def test_the_attract_screen_tours_the_timeline(make_scene) -> None:
    """attract.timeline_tour in the default exhibit: dated postcards drift across the screen."""
    scene = make_scene()
    assert scene.kiosk.tour is not None
    strip = visible(scene, "tourStrip")
    from kiosk.bridge.scenetools import wait_until

    # An animator moves the strip on the scene graph: compare what is drawn, not properties.
    area = strip.parentItem().mapRectToScene(strip.parentItem().boundingRect()).toRect()
    before = scene.window.grabWindow().copy(area)
    assert wait_until(lambda: scene.window.grabWindow().copy(area) != before, timeout_ms=3000), "the tour moves"
    cards = scene.kiosk.tour.tour(24)
    assert 10 <= len(cards) <= 24
    assert [c["eventIndex"] for c in cards] == sorted(c["eventIndex"] for c in cards)


def test_an_event_without_a_picture_shows_its_era(make_scene) -> None:
    scene = make_scene(start_screen="home")
    timeline = scene.kiosk.section(0).controller
    # The first event of the default content with no picture of its own (1213-1648).
    index = next(i for i, event in enumerate(timeline._events) if event.media is None)
    assert timeline._events[index].era == "village"
    shown = timeline.eventAt(index, "fr")
    assert shown["media"].partition("?")[0].endswith("era-village.svg")
    assert shown["mediaCredit"]


@pytest.fixture
def crowded_content(tmp_path: Path) -> Path:
    """A crowded timeline: 240 events (several in the same year), 60 with a photo."""
    return timeline_folder(tmp_path / "content", events=240, photos=60, photo_size=(400, 300))


def fling_fast(scene, touchscreen, track) -> None:
    """A quick swipe to the left, released at speed: the track flies on by itself."""
    middle = centre(track)
    drag(scene, touchscreen, middle + QPoint(500, 300), middle + QPoint(-500, 300), steps=6)


def role(model, name: str) -> int:
    return next(r for r, n in model.roleNames().items() if bytes(n).decode() == name)


def thumbnails(scene) -> dict[str, QQuickItem]:
    """Event id -> its card's thumbnail picture, for the cards that have one."""
    from kiosk.bridge.scenetools import walk

    found = {}
    for card in find_items_prefix(scene, "eventCard-"):
        pictures = [i for i in walk(card) if i.property("mediaLoading") is not None]
        if pictures:
            found[card.objectName().removeprefix("eventCard-")] = pictures[0]
    return found


def test_a_fast_fling_draws_every_card_near_the_view_each_frame_once(
    make_scene, crowded_content, touchscreen, qtbot, qtmodeltester
) -> None:
    from kiosk.content.timeline import lanes

    scene, view, track = open_timeline(make_scene, crowded_content)
    timeline = scene.kiosk.section(0).controller
    cards, dots = timeline.cardModel, timeline.eventModel
    axis, pad, width = view.property("axisWidth"), view.property("pad"), track.width()
    card_px = view.property("cardWidth") + view.property("laneHeight") - view.property("cardHeight")
    xs = [timeline.positionOf(i) * axis for i in range(timeline.count)]
    carded = {
        timeline.idAt(i): xs[i] + pad
        for i, lane in enumerate(lanes(xs, card_px, view.property("laneCount")))
        if lane >= 0
    }  # event id -> the card's left edge on the track
    assert len(carded) < timeline.count, "some events are only a dot at this zoom"
    frames: list[tuple[float, bool, bool, set[str], set[str]]] = []
    released = [False]

    def frame() -> None:
        x = track.property("contentX")
        in_view = {event_id for event_id, left in carded.items() if left < x + width and left + card_px > x}
        made = {cards.data(cards.index(r, 0), role(cards, "eventId")) for r in range(cards.rowCount())}
        frames.append((x, track.property("moving"), released[0], in_view, made))

    scene.window.frameSwapped.connect(frame)
    fling_fast(scene, touchscreen, track)
    released[0] = True
    qtbot.waitUntil(lambda: not track.property("moving"), timeout=15000)
    scene.window.frameSwapped.disconnect(frame)

    moving = [frame for frame in frames if frame[1]]
    assert len(moving) > 20 and moving[-1][0] - moving[0][0] > width, "the track flew more than a screen"
    for x, _moving, _released, in_view, made in moving:
        assert in_view <= made, f"cards missing at x={x:.0f}: {sorted(in_view - made)}"
    # Each frame drawn while the track flies by itself shows it somewhere new: nothing asks
    # for a second frame while one is being drawn (a positioner in a card did, on the
    # software renderer, each time cards were made).
    flying = [frame[0] for frame in moving if frame[2]]
    repeats = [b for a, b in itertools.pairwise(flying) if a == b]
    assert len(flying) > 20 and not repeats, f"{len(repeats)} of {len(flying)} frames drawn twice"
    assert dots.rowCount() < timeline.count and cards.rowCount() < len(carded), "only the events near the view"
    qtmodeltester.check(cards)
    qtmodeltester.check(dots)


def test_thumbnails_wait_until_the_track_rests(make_scene, crowded_content, touchscreen, qtbot) -> None:
    scene, _view, track = open_timeline(make_scene, crowded_content)
    timeline = scene.kiosk.section(0).controller

    def in_view(event_id: str) -> bool:
        card = visible(scene, f"eventCard-{event_id}")
        left = card.mapToItem(track, QPointF(0, 0)).x()
        return left < track.width() and left + card.width() > 0

    at_rest = thumbnails(scene)
    assert at_rest, "the cards in view show their thumbnails"
    assert all(in_view(event_id) for event_id in at_rest), "only the cards in view decode theirs"
    assert all(picture.property("mediaLoading") is False for picture in at_rest.values())
    with_photo = sum(
        1 for i in range(timeline.count) if QUrl(timeline.eventAt(i, "fr")["media"]).path().endswith(".jpg")
    )
    assert len(at_rest) < with_photo

    loaded_while_moving: set[str] = set()

    def frame() -> None:
        if track.property("moving"):
            loaded_while_moving.update(set(thumbnails(scene)) - set(at_rest))

    scene.window.frameSwapped.connect(frame)
    fling_fast(scene, touchscreen, track)
    qtbot.waitUntil(lambda: not track.property("moving"), timeout=15000)
    scene.window.frameSwapped.disconnect(frame)
    assert not loaded_while_moving, "no picture is decoded while the track flies"
    # Once it rests, the cards now in view show theirs.
    qtbot.waitUntil(lambda: bool(set(thumbnails(scene)) - set(at_rest)), timeout=10000)
    settle(scene)
    arrived = {event_id: p for event_id, p in thumbnails(scene).items() if event_id not in at_rest}
    assert arrived and all(in_view(event_id) for event_id in arrived)


def test_the_cards_on_the_track_follow_the_language(make_scene, timeline_content, tap: Tap) -> None:
    scene, _view, _track = open_timeline(make_scene, timeline_content)
    card = next(c for c in find_items_prefix(scene, "eventCard-") if visible_in_scene(c))
    event_id = card.objectName().removeprefix("eventCard-")
    texts = lambda: {i.property("text") for i in find_items_prefix(scene, "") if i.parentItem() is card}  # noqa: E731
    timeline = scene.kiosk.section(0).controller
    assert timeline.eventAt(timeline.indexOf(event_id), "fr")["title"] in texts()
    tap(scene.window, visible(scene, "language-en"))
    assert timeline.eventAt(timeline.indexOf(event_id), "en")["title"] in texts()


def test_the_card_buttons_name_the_events_they_open(make_scene, tap: Tap) -> None:
    """Previous and next in an opened card say where they go (the neighbour's date and
    title), so they are never confused with the page's own section buttons."""
    scene, _view, _track = open_timeline(make_scene, None)
    timeline = scene.kiosk.section(0).controller
    start = timeline.indexOf("bataille-de-loos")
    scene.kiosk.openDetail("bataille-de-loos")
    settle(scene)
    following = timeline.eventAt(start + 1, "fr")
    assert visible(scene, "eventNextTitle").property("text") == following["title"]
    assert visible(scene, "eventNextDate").property("text") == "1915"
    assert visible(scene, "eventPreviousTitle").property("text") == timeline.eventAt(start - 1, "fr")["title"]
    tap(scene.window, visible(scene, "eventNext"))
    assert scene.kiosk.detail == timeline.idAt(start + 1)
    settle(scene)
    assert visible(scene, "eventTitle").property("text") == following["title"]
    assert visible(scene, "eventPreviousTitle").property("text") == timeline.eventAt(start, "fr")["title"]
    assert visible(scene, "eventPreviousDate").property("text") == "1915"
    tap(scene.window, visible(scene, "eventPrevious"))
    assert scene.kiosk.detail == "bataille-de-loos"
    # The first event has nothing before it: no button that leads nowhere.
    scene.kiosk.openDetail(timeline.idAt(0))
    settle(scene)
    assert not visible_in_scene(find_items_prefix(scene, "eventPrevious")[0])
    assert visible(scene, "eventNextDate").property("text") == "1213–1648"


def test_an_unconfirmed_date_says_around(make_scene) -> None:
    scene, _view, _track = open_timeline(make_scene, None)
    timeline = scene.kiosk.section(0).controller
    first_coal = timeline.eventAt(timeline.indexOf("premiers-charbons"), "fr")
    assert first_coal["dateLabel"] == "vers 1855"
    assert timeline.eventAt(timeline.indexOf("sondage-195"), "fr")["next"]["date"] == "vers 1855"


def scene_rect(item: QQuickItem):
    return item.mapRectToScene(item.boundingRect())


def test_in_portrait_chips_and_arrows_each_have_their_place(make_scene) -> None:
    scene = make_scene(size=(1080, 1920), start_screen="home")
    scene.kiosk.openSection(0)
    settle(scene)
    window = scene.window.contentItem().boundingRect()
    chips = [c for c in find_items_prefix(scene, "eraChip-") if visible_in_scene(c)]
    arrows = [visible(scene, "earlierButton"), visible(scene, "laterButton")]
    assert len(chips) == 4
    for item in chips + arrows:
        assert window.contains(scene_rect(item)), f"{item.objectName()} reaches past the window"
    for chip in chips:
        for arrow in arrows:
            assert not scene_rect(chip).intersects(scene_rect(arrow)), f"{chip.objectName()} under {arrow.objectName()}"
    # The arrows sit under the track, the chips above it.
    track = visible(scene, "timelineTrack")
    assert all(scene_rect(arrow).top() >= scene_rect(track).bottom() for arrow in arrows)
    assert all(scene_rect(chip).bottom() <= scene_rect(track).top() for chip in chips)


def test_in_portrait_the_opened_card_puts_its_picture_above_its_words(make_scene) -> None:
    scene = make_scene(size=(1080, 1920), start_screen="home")
    scene.kiosk.openSection(0)
    scene.kiosk.openDetail("bataille-de-loos")
    settle(scene)
    picture, reading = visible(scene, "eventPicture"), visible(scene, "eventReading")
    panel = visible(scene, "eventPanel")
    assert scene_rect(picture).bottom() < scene_rect(reading).top()
    assert scene_rect(picture).width() > scene_rect(panel).width() * 0.8, "the picture takes the card's width"
    buttons = [visible(scene, "eventPrevious"), visible(scene, "eventNext"), visible(scene, "eventClose")]
    for i, a in enumerate(buttons):
        assert scene_rect(panel).contains(scene_rect(a))
        for b in buttons[i + 1 :]:
            assert not scene_rect(a).intersects(scene_rect(b))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_lanes_fill_the_band_above_the_ruler(make_scene, size: tuple[int, int]) -> None:
    scene = make_scene(size=size, start_screen="home")
    scene.kiosk.openSection(0)
    settle(scene)
    view = visible(scene, "timelineView")
    lanes, lane_height = view.property("laneCount"), view.property("laneHeight")
    band = view.property("band")
    assert lanes >= 4
    assert band - lanes * lane_height < lane_height / 2 + 1, "no empty strip under the lowest lane"
    # The cards in view reach from the top lane down to the lowest.
    timeline = scene.kiosk.section(0).controller
    cards = timeline.cardModel
    used = {cards.data(cards.index(r, 0), role(cards, "lane")) for r in range(cards.rowCount())}
    assert used >= set(range(lanes)), f"lanes used near the view: {sorted(used)} of {lanes}"


def test_every_card_shows_a_picture_its_own_or_its_eras(make_scene) -> None:
    scene, _view, _track = open_timeline(make_scene, None)
    timeline = scene.kiosk.section(0).controller
    cards = timeline.cardModel
    pictures = {
        cards.data(cards.index(r, 0), role(cards, "eventId")): cards.data(cards.index(r, 0), role(cards, "thumbnail"))
        for r in range(cards.rowCount())
    }
    assert pictures and all(pictures.values())
    # 1213-1648 has no picture of its own: its card shows its era's; 1071 shows its own.
    assert QUrl(pictures["destructions"]).path().endswith("era-village.svg")
    assert not QUrl(pictures["premiere-mention"]).path().endswith("era-village.svg")
    settle(scene)
    shown = thumbnails(scene)
    for event_id in ("premiere-mention", "destructions"):
        assert event_id in shown and shown[event_id].property("mediaLoading") is False


def test_each_era_names_its_scale_under_the_ruler(make_scene, tap: Tap) -> None:
    """The axis changes scale from era to era: under each, its name and what one mark is worth."""
    scene, _view, _track = open_timeline(make_scene, None)
    timeline = scene.kiosk.section(0).controller
    eras = timeline.eraModel
    steps = [eras.data(eras.index(r, 0), role(eras, "tickStep")) for r in range(eras.rowCount())]
    assert steps[0] > steps[1] > 0, "the village centuries are marked more coarsely than the coal age"
    ticks = timeline.tickModel
    years = sorted(int(ticks.data(ticks.index(r, 0), role(ticks, "label"))) for r in range(ticks.rowCount()))
    assert steps[1] in {b - a for a, b in itertools.pairwise(years) if 1850 < a < 1984}
    label = visible(scene, "eraScale-0")
    texts = [child.property("text") for child in label.childItems()]
    assert texts == ["Le village paysan", f"1 graduation = {steps[0]} ans"]
    tap(scene.window, visible(scene, "language-en"))
    assert [child.property("text") for child in label.childItems()][1] == f"1 mark = {steps[0]} years"


def test_dates_in_era_colours_read_on_their_cards(make_scene) -> None:
    """Era colours are the curator's: the dates drawn in them are tinted until they read."""
    from kiosk.content.contrast import NORMAL_TEXT, parse_hex, ratio

    scene, _view, _track = open_timeline(make_scene, None)
    cards = [c for c in find_items_prefix(scene, "eventCard-") if visible_in_scene(c)]
    assert any(c.property("colour") == "#c0583f" for c in cards), "a card of the coal age (a dim red) is in view"
    for card in cards:
        ground = card.property("color").name()
        ink = card.property("ink")
        assert ratio(parse_hex(ink), parse_hex(ground)) >= NORMAL_TEXT, f"{card.objectName()}: {ink} on {ground}"


def test_the_ruler_marks_are_made_near_the_view_and_follow_it(make_scene, tap: Tap, qtbot) -> None:
    """Like the dots and cards, only the marks within half a screen of the view have a
    delegate: the first frame makes few, and a jump to the last era brings its own."""
    scene, view, track = open_timeline(make_scene, None)
    timeline = scene.kiosk.section(0).controller
    ticks = timeline.tickModel

    def positions() -> list[float]:
        return [ticks.data(ticks.index(r, 0), role(ticks, "position")) for r in range(ticks.rowCount())]

    every = [row["position"] for row in timeline._tick_rows]
    assert positions() == sorted(positions()) and 0 < len(positions()) < len(every)
    assert every[0] in positions() and every[-1] not in positions()
    last = timeline.eraCount - 1
    tap(scene.window, visible(scene, f"eraChip-{timeline._section.eras[last].id}"))
    target = view.property("pad") + timeline.eraStart(last) * view.property("axisWidth") - track.width() / 2
    qtbot.waitUntil(lambda: abs(track.property("contentX") - target) < 2, timeout=3000)
    nearest = min(every, key=lambda p: abs(p - timeline.eraStart(last)))
    qtbot.waitUntil(lambda: nearest in positions(), timeout=3000)
    assert every[0] not in positions()


def test_language_and_larger_text_changed_with_the_timeline_open_behind_log_no_warning(make_scene) -> None:
    """A tall screen, every page open, then another language and larger text at once, back
    and forth: the cards re-flow without a binding loop (any QML warning fails the test)."""
    scene = make_scene(start_screen="home", size=(1080, 1920))
    assert scene.accessibility is not None
    for index in range(scene.kiosk.sectionCount):
        scene.kiosk.openSection(index)
        settle(scene)
    for index in (1, 0):
        scene.kiosk.openSection(index)
        settle(scene)
        for language in ("en", "nl"):
            scene.kiosk.setLanguage(language)
            scene.accessibility.set_modes(["larger_text"])
            settle(scene)
            scene.kiosk.setLanguage("fr")
            scene.accessibility.set_modes([])
            settle(scene)
