"""Checks of the recordings a content folder refers to (`audio:`), like pictures' (media.py).

A recording the kiosk cannot play leaves a Listen button that does nothing, in front of the
visitors who need it most; so every file is checked on the curator's machine: inside the
folder, readable, a format miniaudio plays (found from the file's first bytes, not its
name), and its duration. Plain Python: miniaudio decodes, no Qt.
"""

from __future__ import annotations

import importlib.util
import struct
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import ModuleType
from typing import Any

from kiosk.content.media import UnsafePathError, case_hint, contained_path
from kiosk.content.report import Report
from kiosk.content.schema import Audio
from kiosk.content.yamlsafe import Position

#: File name endings the kiosk plays, and the format each one names.
AUDIO_EXTENSIONS = {".ogg": "ogg", ".oga": "ogg", ".mp3": "mp3", ".flac": "flac", ".wav": "wav"}
FORMAT_NAMES = {"ogg": "Ogg Vorbis", "mp3": "MP3", "flac": "FLAC", "wav": "WAV"}
_SUFFIX_FOR = {"ogg": ".ogg", "mp3": ".mp3", "flac": ".flac", "wav": ".wav"}

#: Longer than this, a visitor standing at a kiosk will not listen to the end: a warning.
LONG_SECONDS = 10 * 60
#: Longer than this is a mistake (a whole interview, a file exported wrong): an error.
ABSURD_SECONDS = 60 * 60

#: Formats other programs save that the kiosk does not play, by their first bytes.
_OTHER_FORMATS = (
    (b"OggS", b"OpusHead", "an Ogg Opus file"),
    (b"FORM", b"", "an AIFF file"),
    (b"\x1aE\xdf\xa3", b"", "a WebM or Matroska file"),
    (b"MThd", b"", "a MIDI file"),
)


@dataclass(frozen=True)
class AudioInfo:
    """What the kiosk needs of a good recording."""

    format: str  #: "ogg", "mp3", "flac" or "wav"
    seconds: float
    channels: int
    sample_rate: int


class AudioProblemError(ValueError):
    """The recording cannot be played; the message says why, in a curator's words."""


def check_audio(
    root: Path, rel_from: str, positions: dict[str, Position], audio: Audio, report: Report, thorough: bool = True
) -> None:
    """Report what is wrong with each file of one `audio:` field, at its language's line.

    `thorough` decodes every sample (kiosk validate); without it (start-up) the file's
    header, its end and one second before the end are read: a truncated file is still found.
    """
    for language, relative in audio.root.items():
        line, column = positions[language]
        shown = f"audio '{relative}' ({language})"
        suffix = PurePosixPath(relative).suffix.lower()
        if suffix not in AUDIO_EXTENSIONS:
            what = f"'{suffix}' is not a sound type the kiosk plays" if suffix else "the name has no extension"
            report.error(rel_from, line, column, f"{shown}: {what}: use .ogg, .mp3, .flac or .wav")
            continue
        try:
            target = _locate(root, relative)
            info = probe(target, thorough)
        except AudioProblemError as exc:
            report.error(rel_from, line, column, f"{shown}: {exc}")
            continue
        named = AUDIO_EXTENSIONS[suffix]
        if info.format != named:
            report.warning(
                rel_from,
                line,
                column,
                f"{shown} is a {FORMAT_NAMES[info.format]} file but its name says {FORMAT_NAMES[named]}: "
                f"rename it to '{PurePosixPath(relative).stem}{_SUFFIX_FOR[info.format]}'",
            )
        if info.seconds > ABSURD_SECONDS:
            report.error(
                rel_from,
                line,
                column,
                f"{shown} is absurdly long ({duration_words(info.seconds)}; at most "
                f"{duration_words(ABSURD_SECONDS)}): is it the right file?",
            )
        elif info.seconds > LONG_SECONDS:
            report.warning(
                rel_from,
                line,
                column,
                f"{shown} lasts {duration_words(info.seconds)}: few visitors listen for more than "
                f"{duration_words(LONG_SECONDS)} standing; a shorter reading serves them better",
            )


def duration_words(seconds: float) -> str:
    """12 min 5 s, 1 h 2 min, 40 s."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def _locate(root: Path, relative: str) -> Path:
    try:
        target = contained_path(root, relative)
        if not target.exists():
            raise AudioProblemError("file not found" + case_hint(target))
        if not target.is_file():
            raise AudioProblemError("is not a file")
        if target.stat().st_size == 0:
            raise AudioProblemError("the file is empty (0 bytes)")
    except UnsafePathError as exc:
        raise AudioProblemError(str(exc)) from None
    except OSError as exc:
        raise AudioProblemError(f"cannot read the file: {exc.strerror or exc}") from None
    return target


def import_miniaudio() -> Any:
    """miniaudio (imported when a folder has recordings, not before: 60 ms).

    miniaudio imports `urllib.request` for its internet-radio client, which the kiosk never
    uses and the executable leaves out (freeze/kiosk_trim.py): an empty stand-in is enough.
    """
    if "urllib.request" not in sys.modules and not _findable("urllib.request"):
        sys.modules["urllib.request"] = ModuleType("urllib.request")
    import miniaudio

    return miniaudio


def _findable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def sniff(head: bytes) -> str | None:
    """The format a file's first bytes announce ("ogg", "mp3", "flac", "wav"), or None."""
    if head.startswith(b"ID3") and len(head) >= 10:  # an ID3v2 tag before MP3 (or FLAC) data
        size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        after = head[10 + size :]
        if after.startswith(b"fLaC"):
            return "flac"
        return "mp3"
    if head.startswith(b"OggS") and b"\x01vorbis" in head[:128]:
        return "ogg"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and head[1] & 0x06:  # an MPEG audio frame
        return "mp3"
    return None


def _other_format(head: bytes) -> str:
    for start, inside, name in _OTHER_FORMATS:
        if head.startswith(start) and inside in head[:128]:
            return name
    if head[4:8] == b"ftyp":
        return "an MP4 or M4A (AAC) file"
    if head.startswith(b"RIFF"):
        return "a RIFF file that is not WAV"
    return ""


def probe(path: Path, thorough: bool = True) -> AudioInfo:
    """The recording's format and duration, or AudioProblemError saying why it cannot be played."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError as exc:
        raise AudioProblemError(f"cannot read the file: {exc.strerror or exc}") from None
    found = sniff(head)
    if found is None:
        other = _other_format(head)
        what = f"is {other}, which the kiosk does not play" if other else "is not a sound file the kiosk plays"
        raise AudioProblemError(f"{what}: save it as Ogg Vorbis, MP3, FLAC or WAV")
    miniaudio = import_miniaudio()
    readers = {
        "ogg": miniaudio.vorbis_get_file_info,
        "mp3": miniaudio.mp3_get_file_info,
        "flac": miniaudio.flac_get_file_info,
        "wav": miniaudio.wav_get_file_info,
    }
    try:
        header = readers[found](str(path))
    except miniaudio.DecodeError:
        raise AudioProblemError(f"is damaged: its {FORMAT_NAMES[found]} header cannot be read") from None
    if header.num_frames <= 0 or header.sample_rate <= 0 or header.nchannels <= 0:
        raise AudioProblemError("holds no sound (0 seconds)")
    info = AudioInfo(found, header.num_frames / header.sample_rate, header.nchannels, header.sample_rate)
    if found == "wav":
        _check_wav_size(path)
    elif found == "ogg":
        _check_ogg_end(path)
    if thorough:
        decoded = _decoded_frames(path, header.nchannels, header.sample_rate, 0)
        expected = header.num_frames
    else:  # the last second: a file cut short stops before it
        start = max(0, header.num_frames - header.sample_rate)
        decoded = _decoded_frames(path, header.nchannels, header.sample_rate, start)
        expected = header.num_frames - start
    if decoded < expected * 0.98:
        raise AudioProblemError(
            f"is damaged or truncated: it should last {duration_words(info.seconds)} but its sound stops early"
        )
    return info


def _decoded_frames(path: Path, channels: int, rate: int, start: int) -> int:
    """How many frames decode from `start` to the end (at the file's own rate: no resampling)."""
    ma = import_miniaudio()
    frames = 0
    try:
        stream = ma.stream_file(
            str(path),
            output_format=ma.SampleFormat.SIGNED16,
            nchannels=channels,
            sample_rate=rate,
            frames_to_read=16384,
            seek_frame=start,
        )
        for chunk in stream:
            frames += len(chunk) // channels
    except ma.MiniaudioError as exc:
        raise AudioProblemError(f"is damaged: it cannot be decoded ({exc})") from None
    return frames


def _check_wav_size(path: Path) -> None:
    """A WAV file says how many bytes of sound it holds: fewer are there when it was cut short."""
    with path.open("rb") as handle:
        handle.seek(12)
        while True:
            chunk = handle.read(8)
            if len(chunk) < 8:
                raise AudioProblemError("is damaged or truncated: its WAV sound data is missing")
            name, size = chunk[:4], struct.unpack("<I", chunk[4:])[0]
            if name == b"data":
                start = handle.tell()
                end = handle.seek(0, 2)
                if start + size > end:
                    raise AudioProblemError(
                        f"is damaged or truncated: it should hold {size} bytes of sound, only {end - start} are there"
                    )
                return
            handle.seek(size + (size & 1), 1)


def _check_ogg_end(path: Path) -> None:
    """An Ogg file ends with a complete page marked 'end of stream'; a cut file does not."""
    with path.open("rb") as handle:
        end = handle.seek(0, 2)
        handle.seek(max(0, end - 65536))
        tail = handle.read()
    at = tail.rfind(b"OggS")
    if at < 0 or len(tail) - at < 27:
        raise AudioProblemError("is damaged or truncated: the end of the Ogg file is missing")
    page = tail[at:]
    segments = page[26]
    body = sum(page[27 : 27 + segments])
    if len(page) < 27 + segments + body or not page[5] & 0x04:
        raise AudioProblemError("is damaged or truncated: the end of the Ogg file is missing")
