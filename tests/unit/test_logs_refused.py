"""A log file on a device that refuses every write (/dev/full, a failing disk): said once,
not a traceback per line; the lines go on to stderr; writing resumes when the device does."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from pathlib import Path

import pytest

from kiosk import logs

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_handler(tmp_path: Path, clock: Clock) -> logs.GuardedFileHandler:
    target = tmp_path / "kiosk.log"
    target.symlink_to("/dev/full")
    handler = logs.GuardedFileHandler(target, maxBytes=logs.MAX_BYTES, backupCount=1, encoding="utf-8", clock=clock)
    handler.setFormatter(logging.Formatter(logs.LOG_FORMAT))
    return handler


def record(message: str) -> logging.LogRecord:
    return logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, message, None, None)


def test_a_refusing_device_is_said_once_then_rested(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    handler = make_handler(tmp_path, clock)
    for n in range(500):
        handler.emit(record(f"line {n}"))
        clock.now += 0.01
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err
    assert err.count("cannot write to the log file") == 1
    assert "No space left on device" in err and "trying again every 60 s" in err


def test_it_tries_again_and_says_when_writing_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clock = Clock()
    handler = make_handler(tmp_path, clock)
    handler.emit(record("refused"))
    # Still refused a minute later: nothing more is said.
    clock.now += logs.RETRY_SECONDS + 1
    handler.emit(record("refused again"))
    assert capsys.readouterr().err.count("cannot write") == 1
    # The disk is replaced by a working one.
    target = tmp_path / "kiosk.log"
    target.unlink()
    clock.now += logs.RETRY_SECONDS + 1
    handler.emit(record("written"))
    handler.flush()
    assert "writing to the log file" in capsys.readouterr().err
    assert "written" in target.read_text(encoding="utf-8")
    handler.close()


def test_setup_logging_on_a_refusing_device_keeps_stderr_and_stays_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kiosk.log").symlink_to("/dev/full")
    try:
        assert logs.setup_logging(tmp_path) == tmp_path / "kiosk.log"
        log = logging.getLogger("kiosk.test")
        for n in range(50):
            log.warning("visitor %d", n)
        err = capsys.readouterr().err
        assert "visitor 49" in err  # the console goes on
        assert err.count("cannot write to the log file") == 1 and "Traceback" not in err
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_kiosk", False):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_a_stderr_that_refuses_writes_prints_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    full = open("/dev/full", "w", encoding="utf-8")  # noqa: SIM115
    try:
        monkeypatch.setattr(sys, "stderr", full)
        handler = logs._QuietStreamHandler(full)
        handler.emit(record("nobody hears this"))  # no exception, nothing printed anywhere
        logs._say("nor this")
    finally:
        monkeypatch.undo()
        with contextlib.suppress(OSError):  # what was left in its buffer is refused too
            full.close()


def test_a_mistake_in_a_log_call_is_not_taken_for_a_full_disk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = Clock()
    handler = logs.GuardedFileHandler(tmp_path / "kiosk.log", encoding="utf-8", clock=clock)
    bad = logging.LogRecord("kiosk.test", logging.INFO, __file__, 1, "%d visitors", ("many",), None)
    handler.emit(bad)
    err = capsys.readouterr().err
    assert "Logging error" in err and "cannot write" not in err  # logging's own report
    handler.emit(record("the next line is written"))
    handler.flush()
    assert "the next line is written" in (tmp_path / "kiosk.log").read_text(encoding="utf-8")
    handler.close()
