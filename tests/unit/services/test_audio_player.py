"""The Player through miniaudio's null device: real decoding, real threads and timing, no sound."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.services import audio
from kiosk.services.audio import Player, State
from tests.helpers.audio import write_wav
from tests.helpers.waiting import poll_until


@pytest.fixture
def wav(tmp_path: Path) -> Path:
    return write_wav(tmp_path / "reading.wav", seconds=0.4)


@pytest.fixture
def player() -> Iterator[Player]:
    made = Player(output="null")
    yield made
    made.close()


def test_play_then_pause_resume_and_stop(player: Player, wav: Path) -> None:
    long_one = write_wav(wav.with_name("long.wav"), seconds=5)
    assert player.available
    assert player.play(long_one)
    assert (player.state, player.source) == (State.PLAYING, long_one)
    assert player.duration == pytest.approx(5)
    assert poll_until(lambda: player.position > 0.05, 5)
    player.pause()
    assert player.state is State.PAUSED
    held = player.position
    threading.Event().wait(0.15)  # the point: nothing moves while paused
    assert player.position == held
    player.toggle()
    assert player.state is State.PLAYING
    assert poll_until(lambda: player.position > held, 5)
    player.stop()
    assert (player.state, player.source, player.position, player.duration) == (State.STOPPED, None, 0, 0)


def test_the_end_calls_finished_and_stops(player: Player, wav: Path) -> None:
    ended = threading.Event()
    player.on_finished = ended.set
    assert player.play(wav)
    assert ended.wait(10)
    assert player.state is State.STOPPED


def test_a_new_play_replaces_the_old_without_its_end(player: Player, wav: Path) -> None:
    ends: list[int] = []
    player.on_finished = lambda: ends.append(1)
    first = write_wav(wav.with_name("first.wav"), seconds=5)
    assert player.play(first)
    assert player.play(wav)
    assert player.source == wav
    assert poll_until(lambda: ends, 10)
    threading.Event().wait(0.1)  # the point: the first file's end never comes
    assert ends == [1]  # the second file's end only
    assert player.state is State.STOPPED


def test_stop_silences_a_file_before_its_end_without_finished(player: Player, wav: Path) -> None:
    ends: list[int] = []
    player.on_finished = lambda: ends.append(1)
    assert player.play(write_wav(wav.with_name("long.wav"), seconds=5))
    player.stop()
    threading.Event().wait(0.2)  # the point: no late call from miniaudio's thread
    assert ends == []


def test_a_bad_file_is_refused_and_logged(player: Player, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"not a sound at all")
    with caplog.at_level(logging.WARNING, "kiosk.services.audio"):
        assert not player.play(bad)
    assert player.state is State.STOPPED
    assert "cannot play bad.ogg" in caplog.text
    assert player.available  # a bad file is not a bad device


def test_no_output_is_never_available(wav: Path) -> None:
    silent = Player(output="none")
    assert not silent.available
    assert not silent.play(wav)
    silent.toggle()
    silent.stop()
    assert silent.state is State.STOPPED


def test_no_sound_device_hides_listen_and_says_so_once(
    monkeypatch: pytest.MonkeyPatch, wav: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(audio, "has_sound_device", lambda _miniaudio: False)
    player = Player(output="device")
    with caplog.at_level(logging.WARNING, "kiosk.services.audio"):
        assert not player.available
        assert not player.play(wav)
        assert not player.available
    assert caplog.text.count("no sound device") == 1


def test_alsa_s_null_plugin_is_not_a_device() -> None:
    class Devices:
        def __init__(self, names: list[str]) -> None:
            self.names = names

        def get_playbacks(self) -> list[dict[str, str]]:
            return [{"name": name} for name in self.names]

    class FakeMiniaudio:
        MiniaudioError = RuntimeError

        def __init__(self, *names: str) -> None:
            self.names = list(names)

        def Devices(self) -> Devices:  # miniaudio's name
            return Devices(self.names)

    alsa_null = "Discard all samples (playback) or generate zero samples (capture)"
    assert not audio.has_sound_device(FakeMiniaudio(alsa_null))
    assert audio.has_sound_device(FakeMiniaudio(alsa_null, "HDA Intel PCH, ALC892 Analog"))


def test_the_output_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(audio.OUTPUT_ENV, "null")
    assert audio.output_from_environment() == "null"
    monkeypatch.setenv(audio.OUTPUT_ENV, "loud")
    assert audio.output_from_environment() == "device"
