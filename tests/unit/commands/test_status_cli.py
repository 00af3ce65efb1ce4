"""`kiosk status`: what a fleet tool collects from each kiosk, and the exit codes it relies on."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.commands.status import EXIT_NONE, EXIT_RUNNING, EXIT_STALE
from kiosk.services.status import StatusBoard, default_status_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_no_kiosk_has_run_here(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status")
    assert code == EXIT_NONE and not out
    assert "no kiosk has run on this PC" in err and str(default_status_file()) in err
    code, out, _err = run(capsys, "status", "--format", "json")
    data = json.loads(out)
    assert code == EXIT_NONE and data["running"] is False and "no kiosk has run" in data["problem"]


def test_a_running_kiosk_status_in_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    board = StatusBoard(default_status_file())  # where `kiosk run` writes it
    board.set_content("Loos-en-Gohelle", None)
    board.record_swap("refused", "/srv/expo: 1 error(s)")
    assert board.write()
    code, out, _err = run(capsys, "status")
    assert code == EXIT_RUNNING
    assert "state: running" in out and "content: Loos-en-Gohelle" in out and "refused at" in out
    code, out, _err = run(capsys, "status", "--format", "json")
    data = json.loads(out)
    assert code == EXIT_RUNNING and data["running"] is True
    assert data["content"]["title"] == "Loos-en-Gohelle" and data["last_swap"]["result"] == "refused"


def test_an_old_file_says_the_kiosk_seems_stopped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "status.json"
    long_ago = datetime.now(UTC) - timedelta(days=2)
    assert StatusBoard(path, now=lambda: long_ago, every_seconds=60).write()
    code, out, _err = run(capsys, "status", "--file", str(path))
    assert code == EXIT_STALE and "not running, it seems" in out and "48 h ago" in out


def test_a_file_that_is_not_a_status_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "status.json"
    path.write_text("{not json", encoding="utf-8")
    code, _out, err = run(capsys, "status", "--file", str(path))
    assert code == EXIT_NONE and "not a status file" in err
