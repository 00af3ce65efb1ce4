"""The kiosk's sound: one recording at a time, decoded and played by miniaudio in its own thread.

Plain Python, no Qt (kiosk/bridge/audio.py puts it on screen). Sound is a help, never a
reason to stop the exhibit: a PC without a sound device, a device that refuses to open or
a file that went bad since it was checked make `play` return False and log once; the
Listen buttons hide when `available` is False.

`output` "null" plays through miniaudio's null device: the same decoding, threads and
timing, no sound (the tests; `KIOSK_AUDIO_OUTPUT=null`). "none" is no audio at all.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Generator
from enum import Enum
from pathlib import Path
from typing import Any, Literal

from kiosk.content.audiofiles import AudioProblemError, import_miniaudio, probe

log = logging.getLogger(__name__)

#: "device" (the default), "null" (decoded and timed, not heard) or "none" (no audio).
OUTPUT_ENV = "KIOSK_AUDIO_OUTPUT"
Output = Literal["device", "null", "none"]

#: What the device is opened with; miniaudio converts every file to it.
SAMPLE_RATE = 48000
CHANNELS = 2
#: ALSA lists its 'null' plugin as a playback device on a PC with no sound card.
_NOT_A_DEVICE = ("Discard all samples",)


class State(Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


def output_from_environment() -> Output:
    value = os.environ.get(OUTPUT_ENV, "device")
    return value if value in ("device", "null", "none") else "device"  # type: ignore[return-value]


def load_miniaudio() -> Any:
    """miniaudio, or None (logged) when it cannot load on this PC."""
    try:
        return import_miniaudio()
    except (ImportError, OSError) as exc:
        log.warning("audio: miniaudio cannot load (%s): no Listen buttons", exc)
        return None


def has_sound_device(miniaudio: Any) -> bool:
    """Whether this PC lists a playback device (asking opens nothing, prints nothing)."""
    try:
        playbacks = miniaudio.Devices().get_playbacks()
    except miniaudio.MiniaudioError:
        return False
    return any(not str(device.get("name", "")).startswith(_NOT_A_DEVICE) for device in playbacks)


class Player:
    """Plays one file at a time; `on_finished` is called from miniaudio's thread at its end."""

    def __init__(self, output: Output = "device", on_finished: Callable[[], None] | None = None) -> None:
        self._output = output
        self.on_finished = on_finished
        self._lock = threading.RLock()
        self._miniaudio: Any = None
        self._available: bool | None = None  # not asked yet: asking costs a few ms
        self._device: Any = None
        self._feed: Generator[Any, int, None] | None = None
        self._state = State.STOPPED
        self._source: Path | None = None
        self._duration = 0.0
        self._frames = 0  # handed to the device since the start of the file
        self._play_count = 0  # which play() a feed belongs to

    # -- what is known -------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether Listen can work on this PC; asked once, and False after a device refused."""
        if self._available is None:
            self._available = self._find_output()
        return self._available

    @property
    def state(self) -> State:
        return self._state

    @property
    def source(self) -> Path | None:
        return self._source

    @property
    def duration(self) -> float:
        """Seconds, 0 when nothing is loaded."""
        return self._duration

    @property
    def position(self) -> float:
        """Seconds of the file handed to the sound device (within 0.1 s of what is heard)."""
        return min(self._frames / SAMPLE_RATE, self._duration)

    def _find_output(self) -> bool:
        if self._output == "none":
            return False
        self._miniaudio = load_miniaudio()
        if self._miniaudio is None:
            return False
        if self._output == "null" or has_sound_device(self._miniaudio):
            return True
        log.warning("audio: no sound device on this PC: the Listen buttons stay hidden")
        return False

    # -- what a visitor does -------------------------------------------------------------
    def play(self, path: Path) -> bool:
        """Play `path` from its start (stopping what played); False when it cannot, logged."""
        with self._lock:
            self.stop()
            if not self.available:
                return False
            ma = self._miniaudio
            try:
                info = probe(path, thorough=False)
                stream = ma.stream_file(
                    str(path), output_format=ma.SampleFormat.SIGNED16, nchannels=CHANNELS, sample_rate=SAMPLE_RATE
                )
            except (AudioProblemError, ma.MiniaudioError) as exc:
                log.warning("audio: cannot play %s: %s", path.name, exc)
                return False
            try:
                device = ma.PlaybackDevice(
                    output_format=ma.SampleFormat.SIGNED16,
                    nchannels=CHANNELS,
                    sample_rate=SAMPLE_RATE,
                    backends=[ma.Backend.NULL] if self._output == "null" else None,
                    app_name="Base 11/19 kiosk",
                )
            except ma.MiniaudioError as exc:
                stream.close()
                self._available = False
                log.warning("audio: the sound device cannot be opened (%s): the Listen buttons hide", exc)
                return False
            self._play_count += 1
            self._device, self._source, self._duration, self._frames = device, path, info.seconds, 0
            self._feed = self._feeding(stream, self._play_count)
            next(self._feed)
            device.start(self._feed)
            self._state = State.PLAYING
            return True

    def pause(self) -> None:
        with self._lock:
            if self._state is State.PLAYING and self._device is not None:
                self._device.stop()  # the feed waits where it is
                self._state = State.PAUSED

    def resume(self) -> None:
        with self._lock:
            if self._state is State.PAUSED and self._device is not None and self._feed is not None:
                self._device.start(self._feed)
                self._state = State.PLAYING

    def toggle(self) -> None:
        """Pause while playing, play on while paused."""
        if self._state is State.PLAYING:
            self.pause()
        elif self._state is State.PAUSED:
            self.resume()

    def stop(self) -> None:
        """Silence, and forget the file (its device closed)."""
        with self._lock:
            device, feed = self._device, self._feed
            self._device, self._feed = None, None
            self._state = State.STOPPED
            self._source, self._duration, self._frames = None, 0.0, 0
            self._play_count += 1  # a feed still running ends without a word
        if device is not None:
            device.close()  # waits for miniaudio's thread to leave the feed
        if feed is not None:
            feed.close()

    close = stop

    # -- miniaudio's thread --------------------------------------------------------------
    def _feeding(self, stream: Generator[Any, int, None], play_count: int) -> Generator[Any, int, None]:
        """What miniaudio's thread pulls: each time as many frames as it asks for."""
        wanted = yield b""
        try:
            while True:
                try:
                    samples = stream.send(wanted)
                except StopIteration:
                    break
                self._frames += len(samples) // CHANNELS
                wanted = yield samples
        except Exception:  # a decoding error half way: as if it ended
            log.warning("audio: %s stopped with a decoding error", self._source.name if self._source else "?")
        finally:
            stream.close()
        self._finished(play_count)

    def _finished(self, play_count: int) -> None:
        """The end of the file: the device closed from another thread (not from its own)."""
        if play_count != self._play_count:
            return
        self._frames = round(self._duration * SAMPLE_RATE)
        threading.Thread(target=self._close_after_end, args=(play_count,), name="audio-end", daemon=True).start()

    def _close_after_end(self, play_count: int) -> None:
        with self._lock:
            if play_count != self._play_count:
                return
            device = self._device
            self._device, self._feed = None, None
            self._state = State.STOPPED
            self._source, self._duration, self._frames = None, 0.0, 0
            self._play_count += 1
        if device is not None:
            device.close()
        if self.on_finished is not None:
            self.on_finished()
