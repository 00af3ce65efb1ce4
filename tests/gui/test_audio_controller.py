"""AudioController on the real scene, through miniaudio's null device: a text's recording by
its key and language, play/pause/stop, its end, and silence when the visitor moves on or leaves."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QUrl

from kiosk.bridge.audio import AudioController, audio_index
from kiosk.bridge.engine import Scene
from kiosk.content.loader import load_exhibit
from kiosk.services.audio import Player
from tests.helpers.audio import write_wav
from tests.helpers.content import copy_content


def content_with_audio(tmp_path: Path, seconds: float = 5) -> tuple[Path, str]:
    """The default exhibit, its timeline's introduction and first event read aloud in French
    (the event in English too); returns the folder and the event's key."""
    content = copy_content(tmp_path)
    path = content / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["audio"] = {"fr": "audio/fr/intro.wav"}
    event = data["events"][0]
    event["audio"] = {"fr": "audio/fr/event.wav", "en": "audio/en/event.wav"}
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for relative in ("audio/fr/intro.wav", "audio/fr/event.wav", "audio/en/event.wav"):
        write_wav(content / relative, seconds=seconds)
    return content, f"timeline:{event['id']}"


@pytest.fixture
def audio() -> AudioController:
    return AudioController(Player(output="null"))


def test_every_recording_is_found_by_its_key(tmp_path: Path) -> None:
    content, event = content_with_audio(tmp_path)
    exhibit, report = load_exhibit(content)
    assert exhibit is not None, [p.format() for p in report.errors]
    index = audio_index(exhibit)
    assert sorted(index) == sorted(["timeline", event])
    assert index[event].root["en"] == "audio/en/event.wav"


def test_url_for_a_key_in_a_language(tmp_path: Path, qapp: object, audio: AudioController) -> None:
    content, event = content_with_audio(tmp_path)
    exhibit, _report = load_exhibit(content)
    audio.set_content(exhibit, "fr")
    url = audio.urlFor(event, "en")
    assert QUrl(url).toLocalFile() == str((content / "audio/en/event.wav").resolve())
    assert audio.urlFor(event, "nl") == "", "no Dutch recording: no Listen button in Dutch"
    assert audio.urlFor("timeline", "fr") != ""
    assert audio.urlFor("map", "fr") == ""
    assert audio.urlFor("timeline:no-such-event", "fr") == ""


def test_play_pause_stop_and_the_end(tmp_path: Path, qtbot, audio: AudioController) -> None:
    content, event = content_with_audio(tmp_path, seconds=0.5)
    exhibit, _report = load_exhibit(content)
    audio.set_content(exhibit, "fr")
    assert audio.available
    with qtbot.waitSignal(audio.stateChanged, timeout=2000):
        audio.play(event)
    assert (audio.playing, audio.source) == (True, event)
    assert audio.duration == pytest.approx(0.5)
    audio.toggle()
    assert (audio.playing, audio.source) == (False, event), "paused: the button still belongs to this text"
    audio.toggle()
    assert audio.playing
    with qtbot.waitSignal(audio.ended, timeout=5000):
        pass
    qtbot.waitUntil(lambda: audio.source == "", timeout=2000)
    assert not audio.playing
    url = audio.urlFor("timeline", "fr")
    audio.play(url)
    assert (audio.playing, audio.source) == (True, url)
    audio.stop()
    assert (audio.playing, audio.source, audio.position) == (False, "", 0)


def test_a_file_outside_the_content_is_never_played(tmp_path: Path, qapp: object, audio: AudioController) -> None:
    content, _event = content_with_audio(tmp_path)
    exhibit, _report = load_exhibit(content)
    audio.set_content(exhibit, "fr")
    elsewhere = write_wav(tmp_path / "elsewhere.wav")
    audio.play(QUrl.fromLocalFile(str(elsewhere)).toString())
    assert not audio.playing


def playing_scene(make_scene, tmp_path: Path) -> tuple[Scene, AudioController, str]:
    content, event = content_with_audio(tmp_path)
    audio = AudioController(Player(output="null"))
    scene = make_scene(content, start_screen="home", audio=audio)
    assert scene.audio is audio
    audio.play(event)
    assert audio.playing
    return scene, audio, event


def test_the_idle_reset_stops_it(make_scene, tmp_path: Path, qtbot) -> None:
    scene, audio, _event = playing_scene(make_scene, tmp_path)
    with qtbot.waitSignal(audio.stateChanged, timeout=2000):
        scene.idle.expired.emit()  # what the countdown's end does
    assert (audio.playing, audio.source) == (False, "")


def test_navigation_stops_it(make_scene, tmp_path: Path, qtbot) -> None:
    scene, audio, _event = playing_scene(make_scene, tmp_path)
    scene.kiosk.openSection(0)
    assert not audio.playing
    audio.play("timeline")
    scene.kiosk.openDetail("some-event")
    assert not audio.playing, "another detail: another text"


def test_another_language_stops_it_and_plays_in_the_new_one(make_scene, tmp_path: Path) -> None:
    scene, audio, event = playing_scene(make_scene, tmp_path)
    scene.kiosk.setLanguage("en")
    assert not audio.playing
    audio.play(event)
    assert audio.playing
    assert Path(QUrl(audio.urlFor(event, "en")).toLocalFile()).name == "event.wav"
    scene.kiosk.setLanguage("nl")
    audio.play(event)
    assert not audio.playing, "no Dutch recording"


def test_new_content_stops_it(make_scene, tmp_path: Path) -> None:
    scene, audio, event = playing_scene(make_scene, tmp_path)
    exhibit, _report = load_exhibit(tmp_path / "content")
    scene.host.show(exhibit)
    assert not audio.playing
    audio.play(event)
    assert audio.playing, "the new content's recordings are known"
