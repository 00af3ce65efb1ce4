"""Recordings (`audio:`): inside the folder, present, a format the kiosk plays (by its bytes),
complete, and of a sensible length; every problem at the line of its file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.content.audiofiles import ABSURD_SECONDS, LONG_SECONDS, duration_words, probe, sniff
from kiosk.content.loader import load_exhibit
from kiosk.content.report import Problem
from kiosk.content.schema import Audio, Charge, Event, Marker, Pillar, SectionIntro
from tests.helpers.audio import write_long_wav, write_wav

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


def give_map_audio(content: ContentFolder, path: str, language: str = "fr") -> None:
    """map.yaml's introduction read aloud: `audio: {LANGUAGE: PATH}` at the end of the file."""
    text = content.text("map.yaml")
    content.write("map.yaml", f"{text}audio:\n  {language}: {path}\n")


def problems_at_audio(content: ContentFolder, severity: str = "error") -> list[Problem]:
    """The problems of that severity; each must be on the recording's path value."""
    _exhibit, report = content.load()
    found = [p for p in report.sorted() if p.severity == severity]
    line = content.line_of("map.yaml", "audio:") + 1
    for problem in found:
        assert (problem.file, problem.line, problem.column) == ("map.yaml", line, 7), problem.format()
    return found


def the_error(content: ContentFolder) -> str:
    exhibit, _report = content.load()
    assert exhibit is None
    errors = problems_at_audio(content)
    assert len(errors) == 1, [e.format() for e in errors]
    return errors[0].message


def test_a_good_recording_loads_without_a_word(content: ContentFolder) -> None:
    write_wav(content.path("audio/fr/map.wav"))
    give_map_audio(content, "audio/fr/map.wav")
    exhibit, report = content.load()
    assert exhibit is not None
    assert [p.format() for p in report.sorted()] == []
    map_section = next(s for s in exhibit.sections if s.ref.kind == "map")
    assert map_section.content.audio is not None
    assert map_section.content.audio.root == {"fr": "audio/fr/map.wav"}


def test_a_missing_file(content: ContentFolder) -> None:
    give_map_audio(content, "audio/fr/absent.ogg")
    assert the_error(content) == "audio 'audio/fr/absent.ogg' (fr): file not found"


def test_a_name_in_the_wrong_case_is_named(content: ContentFolder) -> None:
    write_wav(content.path("audio/fr/Map.wav"))
    give_map_audio(content, "audio/fr/map.wav")
    assert the_error(content).endswith("file not found (there is 'Map.wav': names are case-sensitive)")


def test_a_truncated_wav_is_an_error_at_start_up_too(content: ContentFolder) -> None:
    data = write_wav(content.path("audio/fr/map.wav"), seconds=1).read_bytes()
    content.write("audio/fr/map.wav", data[: len(data) // 2])
    give_map_audio(content, "audio/fr/map.wav")
    assert "is damaged or truncated" in the_error(content)
    exhibit, report = load_exhibit(content.root, thorough=False)  # what the kiosk does at start-up
    assert exhibit is None
    assert any("is damaged or truncated" in p.message for p in report.errors)


def test_an_unknown_format_is_named_from_its_bytes(content: ContentFolder) -> None:
    content.write("audio/fr/map.mp3", b"\0\0\0\x20ftypM4A " + bytes(200))
    give_map_audio(content, "audio/fr/map.mp3")
    assert the_error(content) == (
        "audio 'audio/fr/map.mp3' (fr): is an MP4 or M4A (AAC) file, which the kiosk does not play: "
        "save it as Ogg Vorbis, MP3, FLAC or WAV"
    )


def test_random_bytes_under_a_sound_name(content: ContentFolder) -> None:
    content.write("audio/fr/map.ogg", os.urandom(4000).replace(b"OggS", b"xxxx").replace(b"ID3", b"xxx"))
    give_map_audio(content, "audio/fr/map.ogg")
    message = the_error(content)
    assert "is not a sound file the kiosk plays" in message or "is damaged" in message


def test_an_ogg_that_is_not_vorbis_is_refused(content: ContentFolder) -> None:
    content.write("audio/fr/map.ogg", b"OggS\0\x02" + bytes(22) + b"\x01\x13OpusHead" + bytes(100))
    give_map_audio(content, "audio/fr/map.ogg")
    assert "is an Ogg Opus file, which the kiosk does not play" in the_error(content)


def test_a_damaged_ogg_vorbis_header(content: ContentFolder) -> None:
    content.write("audio/fr/map.ogg", b"OggS\0\x02" + bytes(22) + b"\x01vorbis" + os.urandom(300))
    give_map_audio(content, "audio/fr/map.ogg")
    assert the_error(content).endswith("is damaged: its Ogg Vorbis header cannot be read")


def test_an_extension_the_kiosk_does_not_play(content: ContentFolder) -> None:
    content.write("audio/fr/map.m4a", b"\0\0\0\x20ftypM4A " + bytes(200))
    give_map_audio(content, "audio/fr/map.m4a")
    assert the_error(content) == (
        "audio 'audio/fr/map.m4a' (fr): '.m4a' is not a sound type the kiosk plays: use .ogg, .mp3, .flac or .wav"
    )


def test_an_empty_file(content: ContentFolder) -> None:
    content.write("audio/fr/map.wav", b"")
    give_map_audio(content, "audio/fr/map.wav")
    assert the_error(content).endswith("the file is empty (0 bytes)")


def test_a_wav_named_mp3_plays_with_a_warning_to_rename_it(content: ContentFolder) -> None:
    write_wav(content.path("audio/fr/map.mp3"))
    give_map_audio(content, "audio/fr/map.mp3")
    exhibit, _report = content.load()
    assert exhibit is not None
    warnings = problems_at_audio(content, "warning")
    assert [w.message for w in warnings] == [
        "audio 'audio/fr/map.mp3' (fr) is a WAV file but its name says MP3: rename it to 'map.wav'"
    ]


# -- how long ------------------------------------------------------------------------------


def test_absurdly_long_is_an_error(content: ContentFolder) -> None:
    write_long_wav(content.path("audio/fr/map.wav"), seconds=2 * 3600 + 60)
    give_map_audio(content, "audio/fr/map.wav")
    assert the_error(content) == (
        "audio 'audio/fr/map.wav' (fr) is absurdly long (2 h 1 min; at most 1 h): is it the right file?"
    )


def test_over_ten_minutes_is_a_warning(content: ContentFolder) -> None:
    write_long_wav(content.path("audio/fr/map.wav"), seconds=LONG_SECONDS + 65)
    give_map_audio(content, "audio/fr/map.wav")
    exhibit, _report = content.load()
    assert exhibit is not None
    [warning] = problems_at_audio(content, "warning")
    assert warning.message.startswith("audio 'audio/fr/map.wav' (fr) lasts 11 min 5 s: few visitors listen")


def test_the_limits_are_ten_minutes_and_an_hour() -> None:
    assert (LONG_SECONDS, ABSURD_SECONDS) == (600, 3600)
    assert [duration_words(s) for s in (40, 600, 665, 3600, 3720)] == [
        "40 s",
        "10 min",
        "11 min 5 s",
        "1 h",
        "1 h 2 min",
    ]


# -- where the file is ---------------------------------------------------------------------


def test_dotdot_is_refused(content: ContentFolder, outside: Path) -> None:
    write_wav(outside / "secret.wav")
    give_map_audio(content, "../outside/secret.wav")
    assert the_error(content).endswith("'..' is not allowed: the file must be inside the content folder")


def test_an_absolute_path_is_refused(content: ContentFolder, outside: Path) -> None:
    give_map_audio(content, str(write_wav(outside / "secret.wav")))
    assert "absolute paths are not allowed" in the_error(content)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need rights on Windows")
def test_a_symbolic_link_out_of_the_folder_is_refused(content: ContentFolder, outside: Path) -> None:
    write_wav(outside / "secret.wav")
    content.path("audio/fr").mkdir(parents=True)
    (content.path("audio/fr/map.wav")).symlink_to(outside / "secret.wav")
    give_map_audio(content, "audio/fr/map.wav")
    assert the_error(content).endswith("a symbolic link leads outside the content folder")


def test_a_language_nobody_can_choose_is_a_warning(content: ContentFolder) -> None:
    write_wav(content.path("audio/de/map.wav"))
    give_map_audio(content, "audio/de/map.wav", language="de")
    exhibit, report = content.load()
    assert exhibit is not None
    assert [p.message for p in report.warnings] == [
        "'audio' has a 'de' recording, but 'de' is not in languages (fr, en, nl): it is never played"
    ]


def test_every_kind_of_text_can_have_audio() -> None:
    """Events, markers, charges and pillars take the same field (the schema's `Audio`)."""
    for model in (SectionIntro, Event, Marker, Charge, Pillar):
        assert model.model_fields["audio"].annotation == Audio | None


# -- the format from the bytes -------------------------------------------------------------


def test_formats_are_told_by_their_first_bytes(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "a.wav").read_bytes()
    assert sniff(wav[:64]) == "wav"
    assert sniff(b"fLaC\0\0\0\x22") == "flac"
    assert sniff(b"ID3\x04\0\0\0\0\0\x0a" + bytes(10) + b"\xff\xfb\x90") == "mp3"
    assert sniff(b"\xff\xfb\x90\x64") == "mp3"
    assert sniff(b"OggS\0\x02" + bytes(22) + b"\x01vorbis") == "ogg"
    assert sniff(b"OggS\0\x02" + bytes(22) + b"OpusHead") is None
    assert sniff(b"<html>") is None


def test_probe_reads_a_wav_duration(tmp_path: Path) -> None:
    info = probe(write_wav(tmp_path / "a.wav", seconds=0.75, rate=16000))
    assert (info.format, info.channels, info.sample_rate) == ("wav", 1, 16000)
    assert info.seconds == pytest.approx(0.75)


def test_miniaudio_loads_without_urllib_request_as_in_the_executable() -> None:
    """The executable leaves urllib.request out (freeze/kiosk_trim.py); miniaudio imports it."""
    code = (
        "import sys, importlib.abc\n"
        "class Gone(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name in ('urllib.request', 'http', 'ssl'):\n"
        "            raise ModuleNotFoundError(name)\n"
        "sys.meta_path.insert(0, Gone())\n"
        "from kiosk.content.audiofiles import import_miniaudio\n"
        "print(import_miniaudio().SampleFormat.SIGNED16.name)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "SIGNED16"), done.stderr
