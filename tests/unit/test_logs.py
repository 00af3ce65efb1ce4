from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.logs import setup_logging


@pytest.fixture(autouse=True)
def _restore_root_logger():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_logs_go_to_a_file_in_the_log_folder(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    assert path == tmp_path / "logs" / "kiosk.log"
    logging.getLogger("kiosk.test").warning("exhibit.yaml:3:1: error: something")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "exhibit.yaml:3:1: error: something" in path.read_text(encoding="utf-8")


def test_an_unwritable_log_folder_falls_back_to_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    assert setup_logging(blocker / "logs") is None
    logging.getLogger("kiosk.test").error("still reported")
    err = capsys.readouterr().err
    assert "cannot write logs" in err
    assert "still reported" in err


def test_setting_up_twice_does_not_double_every_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    logging.getLogger("kiosk.test").warning("once")
    assert capsys.readouterr().err.count("once") == 1
