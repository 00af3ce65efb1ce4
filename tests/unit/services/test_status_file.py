"""The running kiosk's status file: what it holds, written atomically, and a full disk that
keeps the last good file."""

from __future__ import annotations

import errno
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk import __version__, atomicio
from kiosk.services.admin import content_fingerprint
from kiosk.services.status import StatusBoard, default_status_file, describe, read_status, seems_running

T0 = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)


class Clocks:
    def __init__(self) -> None:
        self.mono = 100.0
        self.wall = T0

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


def board_for(path: Path, clocks: Clocks) -> StatusBoard:
    return StatusBoard(path, clock=lambda: clocks.mono, now=lambda: clocks.wall, every_seconds=60)


def test_the_file_says_version_content_fingerprint_swap_uptime_and_errors(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "exhibit.yaml").write_text("title: x\n", encoding="utf-8")
    clocks = Clocks()
    board = board_for(tmp_path / "data" / "status.json", clocks)
    board.set_content("Loos-en-Gohelle", content, "USB stick: expo.kiosk")
    clocks.advance(3725)
    board.record_swap("shown", "/srv/expo (gen-000002)")
    board.set_errors([f"line {n}" for n in range(30)])
    assert board.write()

    data = read_status(tmp_path / "data" / "status.json")
    assert data is not None
    assert data["version"] == __version__
    assert data["content"] == {
        "title": "Loos-en-Gohelle",
        "folder": str(content),
        "source": "USB stick: expo.kiosk",
        "fingerprint": content_fingerprint(content),
    }
    assert data["last_swap"] == {"at": "2026-12-07T21:02:05Z", "result": "shown", "detail": "/srv/expo (gen-000002)"}
    assert data["uptime_seconds"] == 3725 and data["uptime"] == "01:02:05"
    assert data["started"] == "2026-12-07T20:00:00Z" and data["written"] == "2026-12-07T21:02:05Z"
    assert data["last_errors"] == [f"line {n}" for n in range(10)]
    assert seems_running(data, now=clocks.wall + timedelta(minutes=2))
    assert not seems_running(data, now=clocks.wall + timedelta(hours=1))
    text = "\n".join(describe(data, now=clocks.wall))
    assert "content: Loos-en-Gohelle" in text and "last new content: shown at 2026-12-07T21:02:05Z" in text


def test_the_error_screen_and_no_swap_yet_are_said(tmp_path: Path) -> None:
    board = board_for(tmp_path / "status.json", Clocks())
    assert board.write()
    data = read_status(tmp_path / "status.json")
    assert data is not None and data["content"]["title"] == "" and data["last_swap"] is None
    text = "\n".join(describe(data, now=T0))
    assert "(none: the error screen)" in text and "none since the kiosk started" in text


def test_a_full_disk_keeps_the_last_good_file_and_says_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "status.json"
    clocks = Clocks()
    board = board_for(path, clocks)
    board.set_content("Première", None)
    assert board.write()
    before = path.read_bytes()

    def no_room(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicio.os, "fsync", no_room)
    board.set_content("Seconde", None)
    with caplog.at_level(logging.INFO, logger="kiosk.services.status"):
        assert not board.write()
        assert not board.write()
    assert path.read_bytes() == before, "the last good file was damaged"
    assert [p.name for p in tmp_path.iterdir()] == ["status.json"], "a temporary file was left behind"
    refusals = [r for r in caplog.records if "cannot write the status file" in r.getMessage()]
    assert len(refusals) == 1 and "No space left on device" in refusals[0].getMessage()

    monkeypatch.undo()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="kiosk.services.status"):
        assert board.write()
    assert json.loads(path.read_text(encoding="utf-8"))["content"]["title"] == "Seconde"
    assert any("written again" in r.getMessage() for r in caplog.records)


def test_a_kiosk_that_closed_says_so(tmp_path: Path) -> None:
    clocks = Clocks()
    board = board_for(tmp_path / "status.json", clocks)
    board.set_stopped()
    assert board.write()
    data = read_status(tmp_path / "status.json")
    assert data is not None and data["stopped"] is True and not seems_running(data, now=clocks.wall)
    assert "state: stopped (the exhibit closed at 2026-12-07T20:00:00Z)" in describe(data, now=clocks.wall)


def test_no_file_means_no_kiosk_has_run(tmp_path: Path) -> None:
    assert read_status(tmp_path / "status.json") is None
    assert default_status_file().name == "status.json"
