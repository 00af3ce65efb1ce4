"""Content problems reach the log in full once per version of the content, then one line
per start (kiosk.services.problemlog, wired into start-up and the swap)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.content.report import Report
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.problemlog import MEMORY_FILE, log_problems_once
from kiosk.services.swap import open_exhibition
from tests.helpers.content import ContentFolder

LOGGER = logging.getLogger("kiosk.tests.problemlog")


def a_report() -> Report:
    report = Report()
    report.warning("timeline.yaml", 12, 5, "picture has no credit: who made it (photographer, archive...)")
    report.error("map.yaml", 3, 1, "unknown key 'layres' (did you mean 'layers'?)")
    return report


def logged(caplog: pytest.LogCaptureFixture) -> list[tuple[str, str]]:
    lines = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == LOGGER.name]
    caplog.clear()
    return lines


def test_a_version_is_listed_in_full_once_then_in_one_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER.name)
    assert log_problems_once(a_report(), "v1", tmp_path, "content my-exhibit", LOGGER)
    assert logged(caplog) == [
        ("ERROR", "map.yaml:3:1: error: unknown key 'layres' (did you mean 'layers'?)"),
        ("WARNING", "timeline.yaml:12:5: warning: picture has no credit: who made it (photographer, archive...)"),
    ]
    assert not log_problems_once(a_report(), "v1", tmp_path, "content my-exhibit", LOGGER)
    [(level, line)] = logged(caplog)
    assert level == "INFO"
    assert line.startswith("content my-exhibit: 1 error(s) and 1 warning(s), listed in full on ")

    assert log_problems_once(a_report(), "v2", tmp_path, "content my-exhibit", LOGGER)  # a new version
    assert len(logged(caplog)) == 2


def test_without_a_memory_every_start_lists_them(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER.name)
    (tmp_path / MEMORY_FILE).mkdir()  # cannot be written (nor read) as a file
    for _ in range(2):
        assert log_problems_once(a_report(), "v1", tmp_path, "content", LOGGER)
        assert len(logged(caplog)) == 2
    assert log_problems_once(a_report(), "v1", None, "content", LOGGER)


def test_a_clean_folder_says_nothing(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER.name)
    assert not log_problems_once(Report(), "v1", tmp_path, "content", LOGGER)
    assert logged(caplog) == [] and not (tmp_path / MEMORY_FILE).exists()


def test_the_exhibition_start_lists_the_warnings_of_its_content_once(
    content: ContentFolder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    content.replace("timeline.yaml", "credit:", "# credit:")  # a picture without credit: a warning
    store = LastGoodStore(tmp_path / "store")
    logs = tmp_path / "logs"
    caplog.set_level(logging.INFO, logger="kiosk.services.swap")

    def warnings_logged() -> list[str]:
        return [
            r.getMessage() for r in caplog.records if r.name == "kiosk.services.swap" and r.levelno == logging.WARNING
        ]

    first = open_exhibition(content.root, store, logs)
    assert first.exhibit is not None and first.report.warnings
    assert len(warnings_logged()) == len(first.report.warnings)  # the first start: every warning
    caplog.clear()
    second = open_exhibition(content.root, store, logs)  # the next morning: the same version
    assert second.generation == first.generation
    assert warnings_logged() == []
    assert any("listed in full on" in r.getMessage() for r in caplog.records)
