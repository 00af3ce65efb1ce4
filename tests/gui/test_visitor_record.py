"""The visitor record seen from the screen: a visit tapped through, then its rows read back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QPointingDevice
from PySide6.QtTest import QTest

from kiosk.bridge.analytics import VisitorRecord
from kiosk.bridge.scenetools import find_items, visible_in_scene
from kiosk.services import analytics
from kiosk.services.analytics import Recorder
from kiosk.services.visits import Visits
from tests.helpers.scene import item, settle

Tap = Callable[..., None]


def visible(scene: object, name: str) -> object:
    return next(i for i in find_items(scene.window, name) if visible_in_scene(i))  # type: ignore[attr-defined]


def test_a_visit_tapped_through_is_recorded(make_scene: Callable, tap: Tap, tmp_path: Path) -> None:
    scene = make_scene()
    path = tmp_path / "visits.sqlite"
    recorder = Recorder(path, flush_seconds=0.05)
    recorder.start()
    record = VisitorRecord(
        scene.window, scene.host, scene.idle, Visits(recorder.put), recorder, scene.admin, scene.opening
    )

    tap(scene.window, QPoint(400, 400))  # the attract screen: the visit starts
    assert scene.kiosk.screen == "home"
    settle(scene)
    tap(scene.window, item(scene, "language-en"))
    tap(scene.window, QPoint(900, 150))  # the home screen's title: nothing answers
    tap(scene.window, item(scene, "tile-blason"))
    settle(scene)
    tap(scene.window, visible(scene, "discoverButton"))  # Discover opens the first charge
    assert scene.kiosk.detail
    scene.idle.preview_countdown(True)  # the visitor pauses...
    tap(scene.window, visible(scene, "homeButton"))  # ... and answers
    settle(scene)
    scene.kiosk.goAttract()  # the idle reset
    record.stop()

    connection = sqlite3.connect(path)
    sessions = connection.execute("SELECT ended, language, content, version, seconds FROM sessions").fetchall()
    assert len(sessions) == 1
    ended, language, content, version, seconds = sessions[0]
    assert (ended, language, version) == (1, "en", analytics_version())
    assert content and seconds >= 0
    events = connection.execute("SELECT kind, screen, item, cell FROM events ORDER BY offset, rowid").fetchall()
    kinds = [row[0] for row in events]
    assert kinds[:3] == ["home", "language", "nothing"]
    assert kinds.count("nothing") == 1
    assert ("section", "blason", "blason", -1) in events
    assert ("discover", "blason", "", -1) in events
    assert any(kind == "item" and screen == "blason" for kind, screen, _item, _cell in events)
    assert kinds.index("countdown") < kinds.index("cancelled") < len(kinds)
    nothing = next(row for row in events if row[0] == "nothing")
    assert nothing[1] == "home"
    assert nothing[3] == analytics.cell_of(900 / 1920, 150 / 1080)
    items = connection.execute("SELECT count(*) FROM content_items").fetchone()[0]
    assert items > 20  # the content's items, for "nobody opened"
    # Every tap of the visit counted in its cell, answered or not (the report's heat maps).
    taps: dict[str, int] = {}
    for screen, _cell, n in connection.execute("SELECT screen, cell, taps FROM day_taps"):
        taps[screen] = taps.get(screen, 0) + n
    title = connection.execute(
        "SELECT taps FROM day_taps WHERE screen = 'home' AND cell = ?", (analytics.cell_of(900 / 1920, 150 / 1080),)
    ).fetchone()
    assert title == (1,)  # the title: nothing answered, counted as a tap too
    # The attract screen's tap (anywhere, to start) is not counted; then language, title, tile
    # on the home screen; Discover on the blason's, and Home with the charge's card open (the
    # report draws those over the snapshot of that screen with a card open).
    assert taps == {"home": 3, "blason": 1, "blason-detail": 1}, taps


def test_no_session_without_a_touch_and_none_while_closed(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene()
    sent: list[object] = []
    visits = Visits(sent.append)
    record = VisitorRecord(scene.window, scene.host, scene.idle, visits, None, scene.admin, scene.opening)
    scene.kiosk.wake()  # a program's doing, not a visitor's
    scene.kiosk.goAttract()
    assert sent == []
    record.stop()


def analytics_version() -> str:
    from kiosk import __version__

    return __version__


def test_the_maps_zoom_buttons_are_counted(make_scene: Callable, tap: Tap) -> None:
    scene = make_scene(start_screen="home")
    sent: list[object] = []
    record = VisitorRecord(scene.window, scene.host, scene.idle, Visits(sent.append), None, scene.admin, scene.opening)
    tap(scene.window, item(scene, "tile-map"))
    settle(scene)
    tap(scene.window, visible(scene, "zoomIn"))
    tap(scene.window, visible(scene, "zoomOut"))
    record.stop()
    actions = [(m.kind, m.screen, m.item) for m in sent if isinstance(m, analytics.Event)]
    assert actions[:3] == [("section", "map", "map"), ("zoom", "map", "in"), ("zoom", "map", "out")]


def _fingers(scene: object, device: QPointingDevice, middle: QPoint, start: int, end: int) -> None:
    """Two fingers either side of `middle`, from `start` to `end` pixels from it."""
    window = scene.window  # type: ignore[attr-defined]
    left, right = (lambda gap: middle - QPoint(gap, 0)), (lambda gap: middle + QPoint(gap, 0))
    QTest.touchEvent(window, device).press(0, left(start), window).press(1, right(start), window).commit()
    for step in range(1, 11):
        gap = round(start + (end - start) * step / 10)
        QTest.touchEvent(window, device).move(0, left(gap), window).move(1, right(gap), window).commit()
        QTest.qWait(5)  # the pinch handler needs the points to move over time
    QTest.touchEvent(window, device).release(0, left(end), window).release(1, right(end), window).commit()


def test_a_pinch_and_a_double_tap_on_the_map_are_counted_as_zooms(
    make_scene: Callable, tap: Tap, touchscreen: QPointingDevice
) -> None:
    scene = make_scene(start_screen="home")
    sent: list[object] = []
    record = VisitorRecord(scene.window, scene.host, scene.idle, Visits(sent.append), None, scene.admin, scene.opening)
    tap(scene.window, item(scene, "tile-map"))
    settle(scene)
    flick = visible(scene, "mapFlick")
    middle = flick.mapToScene(QPointF(flick.width() / 2, flick.height() / 2)).toPoint()  # type: ignore[attr-defined]

    def zooms() -> list[str]:
        return [m.item for m in sent if isinstance(m, analytics.Event) and m.kind == "zoom"]

    _fingers(scene, touchscreen, middle, 60, 150)  # fingers apart: closer
    assert zooms() == ["in"]
    _fingers(scene, touchscreen, middle, 150, 60)  # together: farther
    assert zooms() == ["in", "out"]
    _fingers(scene, touchscreen, middle, 100, 102)  # barely moved: not a zoom
    assert zooms() == ["in", "out"]
    for _ in range(2):
        tap(scene.window, middle)
    assert zooms() == ["in", "out", "in"]
    record.stop()
