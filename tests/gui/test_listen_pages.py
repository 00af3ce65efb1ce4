"""Listen on the real pages (Main.qml, a section's page and its view), on a copy of the
default exhibit with recordings (tests/helpers/recordings.py) played by miniaudio's null
device: where the button shows, a touch that plays and pauses, the text read marked while it
plays and scrolled into view, the sound stopped when the visitor moves on, and keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.bridge.audio import AudioController
from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import find_items, visible_in_scene, wait_still
from kiosk.bridge.screenaudit import audit_window
from kiosk.services.audio import Player
from tests.helpers.recordings import content_with_recordings
from tests.helpers.scene import settle, shown

#: Where a Listen button stands, as (section, detail opened, the text's key): each section's
#: introduction (its "About" panel), one item of each kind, and the coat of arms' view with
#: no charge open, which shows the introduction's words.
PLACES = [
    ("timeline", "about", "timeline"),
    ("timeline", "premiere-mention", "timeline:premiere-mention"),
    ("map", "about", "map"),
    ("map", "puits-11", "map:puits-11"),
    ("blason", "about", "blason"),
    ("blason", "lion", "blason:lion"),
    ("blason", "", "blason"),
    ("pillars", "about", "pillars"),
    ("pillars", "habitants", "pillars:habitants"),
]


@pytest.fixture
def recorded(tmp_path: Path) -> Path:
    content, keys = content_with_recordings(tmp_path)
    assert sorted(keys) == sorted({key for _section, _detail, key in PLACES})
    return content


@pytest.fixture
def audio() -> Iterator[AudioController]:
    controller = AudioController(Player(output="null"))
    yield controller
    controller.stop()


def open_place(scene: Scene, section: str, detail: str) -> None:
    kiosk = scene.kiosk
    kinds = [kiosk.section(i).kind for i in range(kiosk.sectionCount)]
    kiosk.openSection(kinds.index(section))
    if detail:
        kiosk.openDetail(detail)
    else:
        kiosk.closeDetail()
    settle(scene)
    wait_still(scene.window, timeout_ms=500)
    settle(scene)


def visible(scene: Scene, name: str) -> list[QQuickItem]:
    return [item for item in find_items(scene.window, name) if visible_in_scene(item)]


def marked(scene: Scene, key: str) -> bool:
    """The text of `key` has its band (and the bar at its edge) on."""
    bands = visible(scene, "reading-" + key)
    return bool(bands) and any(visible_in_scene(child) for child in bands[0].childItems())


def test_no_recording_no_button(make_scene, audio: AudioController) -> None:
    """The default exhibit has no recordings: no Listen button anywhere (each old page's
    view already had none; the test pins that their new buttons hide themselves)."""
    scene = make_scene(start_screen="home", audio=audio)
    for section, detail, key in PLACES:
        open_place(scene, section, detail)
        assert find_items(scene.window, "listen-" + key), f"{key}: the button is on the page"
        assert not visible(scene, "listen-" + key), f"{key}: hidden without a recording"


@pytest.mark.parametrize(
    ("size", "modes"),
    [((1920, 1080), []), ((1080, 1920), ["high_contrast"])],
    ids=["1080p", "tall-high-contrast"],
)
def test_a_touch_plays_pauses_and_marks_the_text(
    make_scene, recorded: Path, audio: AudioController, tap, qtbot, size: tuple[int, int], modes: list[str]
) -> None:
    scene = make_scene(recorded, size=size, start_screen="home", audio=audio)
    assert scene.accessibility is not None
    scene.accessibility.set_modes(modes)
    for section, detail, key in PLACES:
        open_place(scene, section, detail)
        button = shown(scene, "listen-" + key)
        assert button.height() >= 64 * min(size) / 1080, "a touch target of 64 px or more at 1080p"
        assert not marked(scene, key)
        found = audit_window(scene.window, f"{key}-listen", scene.kiosk.language, scene.window.grabWindow)
        assert not found, "\n".join(finding.line() for finding in found)

        with qtbot.waitSignal(audio.stateChanged, timeout=3000):
            tap(scene.window, button)
        assert audio.playing, key
        assert audio.source == button.property("url") != ""
        assert audio.urlFor(key, scene.kiosk.language) == audio.source
        qtbot.waitUntil(lambda key=key: marked(scene, key), timeout=2000)
        found = audit_window(scene.window, f"{key}-playing", scene.kiosk.language, scene.window.grabWindow)
        assert not found, "\n".join(finding.line() for finding in found)

        with qtbot.waitSignal(audio.stateChanged, timeout=3000):
            tap(scene.window, button)
        assert not audio.playing, f"{key}: a second touch pauses"
        assert audio.source == button.property("url"), "paused, the text is still the one read"
        assert marked(scene, key), "paused: the text keeps its mark, as the button its colour"

        audio.stop()
        assert not marked(scene, key), f"{key}: stopped, the mark goes"


def playing(scene: Scene, key: str, tap, qtbot) -> QQuickItem:
    button = shown(scene, "listen-" + key)
    with qtbot.waitSignal(scene.audio.stateChanged, timeout=3000):  # type: ignore[union-attr]
        tap(scene.window, button)
    assert scene.audio is not None and scene.audio.playing
    assert marked(scene, key)
    return button


def silenced_by(scene: Scene, place: tuple[str, str], key: str, move: Callable[[], None], tap, qtbot) -> None:
    """Open `place` (section, item), play its recording, `move` on: the sound stops."""
    open_place(scene, *place)
    playing(scene, key, tap, qtbot)
    with qtbot.waitSignal(scene.audio.stateChanged, timeout=3000):  # type: ignore[union-attr]
        move()
    assert scene.audio is not None and (scene.audio.playing, scene.audio.source) == (False, "")


def test_moving_on_stops_it(make_scene, recorded: Path, audio: AudioController, tap, qtbot) -> None:
    """Another card, another language, another page, the visitor gone: silence, no mark."""
    scene = make_scene(recorded, start_screen="home", audio=audio)
    kiosk = scene.kiosk

    def press(name: str) -> Callable[[], None]:
        return lambda: tap(scene.window, shown(scene, name))

    silenced_by(scene, ("timeline", "premiere-mention"), "timeline:premiere-mention", press("eventNext"), tap, qtbot)
    assert kiosk.detail != "premiere-mention"
    assert not marked(scene, "timeline:premiere-mention")
    assert not visible(scene, "listen-timeline:" + kiosk.detail), "the next event has no recording"

    silenced_by(scene, ("map", "puits-11"), "map:puits-11", press("language-nl"), tap, qtbot)
    assert kiosk.language == "nl"
    assert not marked(scene, "map:puits-11")
    settle(scene)
    assert visible(scene, "listen-map:puits-11"), "a Dutch recording: Luisteren"

    silenced_by(scene, ("blason", ""), "blason", press("homeButton"), tap, qtbot)
    assert kiosk.screen == "home"

    # The "still there?" countdown ran out.
    silenced_by(scene, ("pillars", "habitants"), "pillars:habitants", scene.idle.expired.emit, tap, qtbot)
    assert kiosk.screen == "attract"


def test_keys_reach_it_and_enter_plays(make_scene, recorded: Path, audio: AudioController, qtbot) -> None:
    scene = make_scene(recorded, start_screen="home", audio=audio)
    key = "timeline:premiere-mention"
    open_place(scene, "timeline", "premiere-mention")
    button = shown(scene, "listen-" + key)
    for _ in range(30):
        focus = scene.window.activeFocusItem()
        if focus is not None and focus.objectName() == button.objectName():
            break
        QTest.keyClick(scene.window, Qt.Key.Key_Tab)
        settle(scene)
    else:
        raise AssertionError("Tab never reached Listen")
    rings = [child for child in button.childItems() if child.objectName() == "focusRing"]
    assert rings and rings[0].isVisible(), "the focus ring every control has"
    with qtbot.waitSignal(audio.stateChanged, timeout=3000):
        QTest.keyClick(scene.window, Qt.Key.Key_Return)
    assert audio.playing and audio.source == button.property("url")
    assert marked(scene, key)
    with qtbot.waitSignal(audio.stateChanged, timeout=3000):
        QTest.keyClick(scene.window, Qt.Key.Key_Space)
    assert not audio.playing, "pressed again: paused"


def test_the_text_read_comes_into_view(make_scene, recorded: Path, audio: AudioController, tap, qtbot) -> None:
    """The introduction scrolled so far that its title is out of view, Listen at the top:
    the recording starts at the title, so the text goes back to its beginning."""
    scene = make_scene(recorded, size=(1280, 720), start_screen="home", audio=audio)
    assert scene.accessibility is not None
    scene.accessibility.set_modes(["larger_text"])
    open_place(scene, "timeline", "about")
    button = shown(scene, "listen-timeline")
    reading = visible(scene, "introText")[0]
    assert reading.property("contentHeight") > reading.height(), "the text scrolls at this size"
    reading.setProperty("contentY", button.y())
    settle(scene)
    assert reading.property("contentY") > 0
    playing(scene, "timeline", tap, qtbot)
    assert reading.property("contentY") == 0, "back to the title"
