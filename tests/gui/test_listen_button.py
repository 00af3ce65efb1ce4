"""ListenButton.qml alone in a window, on a real AudioController (miniaudio's null device):
shown only where the text has a recording in the visitor's language and the PC has sound,
a 64 px+ target, its word in the visitor's language, play / pause by touch, the bar that
says how much was heard."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.bridge.audio import AudioController
from kiosk.bridge.controller import KioskController
from kiosk.bridge.scenetools import find_item
from kiosk.content.loader import load_exhibit
from kiosk.content.uistrings import load_ui_strings
from kiosk.paths import qml_dir
from kiosk.services.audio import Player
from tests.helpers.audio import write_wav
from tests.helpers.content import copy_content

QML = b"""
import QtQuick
import Kiosk
import Kiosk.Bridge

Window {
    id: window
    required property AudioController audio
    required property KioskController kiosk
    required property string key
    width: 900
    height: 300
    visible: true

    ListenButton {
        objectName: "listenButton"
        anchors.centerIn: parent
        audio: window.audio
        kiosk: window.kiosk
        key: window.key
    }
}
"""


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The default exhibit, its first event read aloud in French and English, not in Dutch."""
    folder = copy_content(tmp_path)
    path = folder / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["events"][0]["audio"] = {"fr": "audio/fr/first.wav", "en": "audio/en/first.wav"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    write_wav(folder / "audio/fr/first.wav", seconds=5)
    write_wav(folder / "audio/en/first.wav", seconds=5)
    (folder / "first-event.txt").write_text(data["events"][0]["id"], encoding="utf-8")
    return folder


@pytest.fixture
def show(
    content: Path, qtbot, _fonts
) -> Iterator[Callable[..., tuple[QQuickWindow, AudioController, KioskController]]]:
    engine = QQmlEngine()
    engine.addImportPath(str(qml_dir()))
    made: list[QObject] = []

    first = "timeline:" + (content / "first-event.txt").read_text(encoding="utf-8")

    def factory(key: str = "", output: str = "null") -> tuple[QQuickWindow, AudioController, KioskController]:
        exhibit, report = load_exhibit(content)
        assert exhibit is not None, [p.format() for p in report.errors]
        kiosk = KioskController(exhibit, load_ui_strings())
        audio = AudioController(Player(output=output))  # type: ignore[arg-type]
        audio.set_content(exhibit, kiosk.language)
        kiosk.languageChanged.connect(lambda: audio.set_language(kiosk.language))
        component = QQmlComponent(engine)
        component.setData(QML, QUrl("inline:ListenButtonTest.qml"))
        qtbot.waitUntil(lambda: component.status() != QQmlComponent.Status.Loading, timeout=5000)
        window = component.createWithInitialProperties({"audio": audio, "kiosk": kiosk, "key": key or first})
        assert window is not None, component.errorString()
        QQmlEngine.setObjectOwnership(window, QQmlEngine.ObjectOwnership.CppOwnership)
        made.extend([window, component, audio, kiosk])
        qtbot.waitUntil(window.isExposed, timeout=5000)
        return window, audio, kiosk

    yield factory
    for thing in made:
        if isinstance(thing, AudioController):
            thing.stop()
    for thing in made:
        thing.deleteLater()
    engine.deleteLater()


def part(window: QQuickWindow, name: str) -> QQuickItem:
    item = find_item(window, name)
    assert item is not None, name
    return item


def test_listen_in_the_visitor_s_language_by_touch(show, tap, qtbot) -> None:
    window, audio, _kiosk = show()
    button = part(window, "listenButton")
    assert button.isVisible()
    assert button.height() >= 64, "a touch target of 64 px or more at 1080p"
    assert part(window, "listenLabel").property("text") == "Écouter"
    assert not part(window, "listenProgress").isVisible()

    with qtbot.waitSignal(audio.stateChanged, timeout=3000):
        tap(window, button)
    assert audio.playing
    assert part(window, "listenLabel").property("text") == "Pause"
    progress = part(window, "listenProgress")
    assert progress.isVisible()
    qtbot.waitUntil(lambda: progress.width() > 0, timeout=3000)

    with qtbot.waitSignal(audio.stateChanged, timeout=3000):
        tap(window, button)
    assert not audio.playing, "a second touch pauses"
    assert part(window, "listenLabel").property("text") == "Écouter"
    assert progress.isVisible(), "paused: the bar still says where it stopped"
    with qtbot.waitSignal(audio.stateChanged, timeout=3000):
        tap(window, button)
    assert audio.playing, "and a third plays on"


def test_the_word_follows_the_language_and_no_recording_hides_it(show) -> None:
    window, _audio, kiosk = show()
    button = part(window, "listenButton")
    kiosk.setLanguage("en")
    assert button.isVisible()
    assert part(window, "listenLabel").property("text") == "Listen"
    kiosk.setLanguage("nl")
    assert not button.isVisible(), "no Dutch recording of this text"


def test_a_text_without_recording_has_no_button(show) -> None:
    window, _audio, _kiosk = show(key="timeline")
    assert not part(window, "listenButton").isVisible()


def test_no_sound_device_no_button(show) -> None:
    window, audio, _kiosk = show(output="none")
    assert not audio.available
    assert not part(window, "listenButton").isVisible()


def test_dutch_word(show) -> None:
    """Luisteren, for a Dutch recording (the word comes from resources/ui-strings.yaml)."""
    assert load_ui_strings().for_language("nl")["listen"] == "Luisteren"
