"""The supervisor's light reader of kiosk.yaml takes content, log_dir and daily_restart exactly
as the full reader (pydantic) takes them, on good and on broken files; the problems are
still said, with their line, by the full reader, which the exhibit and `kiosk
validate-config` use."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from kiosk.services.config import load_config
from kiosk.supervision.configured import Configured, read_configured

TEXTS = {
    "all-three": "content: exhibit\nlog_dir: logs\ndaily_restart: '06:30'\n",
    "absolute": "content: {tmp}/exhibit\nlog_dir: {tmp}/elsewhere/logs\n",
    "unquoted-time": "daily_restart: 16:30\n",  # YAML reads 990
    "time-too-late": "daily_restart: 25:00\n",
    "time-one-digit": "daily_restart: '6:30'\n",
    "time-bool": "daily_restart: true\n",
    "time-float": "daily_restart: 1.5\n",
    "time-null": "daily_restart: null\n",
    "time-list": "daily_restart: ['06:30']\n",
    "content-missing": "content: not-there\nlog_dir: logs\n",
    "content-a-file": "content: kiosk.yaml\n",
    "content-number": "content: 5\nlog_dir: 7\n",
    "content-bool": "content: true\nlog_dir: false\n",
    "content-mapping": "content: {{a: 1}}\nlog_dir: [logs]\n",
    "content-empty-text": "content: ''\nlog_dir: ''\n",
    "content-null": "content: ~\nlog_dir:\n",
    "content-date-like": "log_dir: 2024-01-01\n",
    "home": "log_dir: '~/kiosk-logs'\n",
    "escapes": 'content: "exhib\\x69t"\n',
    "comment": "content: exhibit  # the folder beside\ndaily_restart: '23:59'\n",
    "other-key-broken": "rotation: 45\ncontent: exhibit\nidle:\n  timeout_secnds: 60\ndaily_restart: '05:00'\n",
    "unknown-key": "content: exhibit\nfavourite_colour: blue\nlog_dir: logs\n",
    "hours-broken": "content: exhibit\nopening_hours: {{mon: nonsense}}\n",
    "anchor": "content: &a exhibit\nlog_dir: *a\n",
    "duplicate": "content: exhibit\ncontent: other\n",
    "tab": "content: exhibit\n\tlog_dir: logs\n",
    "syntax": "content: [exhibit\n",
    "tag": "content: !!python/object/apply:os.system ['echo']\n",
    "two-documents": "content: exhibit\n---\nlog_dir: logs\n",
    "pasted-space": "content\u00a0: exhibit\n",
    "a-list": "- content: exhibit\n",
    "a-text": "exhibit\n",
    "empty": "",
    "comments-only": "# content: exhibit\n",
}


def full_reader(path: Path) -> Configured:
    """What `kiosk supervise` took from the full reader before (kiosk.services.config)."""
    config = load_config(path)[0]
    if config is None:
        return Configured()
    return Configured(content=config.content, log_dir=config.log_dir, daily_restart=config.daily_restart)


@pytest.mark.parametrize("name", list(TEXTS))
def test_the_light_reader_takes_what_the_full_reader_takes(tmp_path: Path, name: str) -> None:
    (tmp_path / "exhibit").mkdir()
    path = tmp_path / "kiosk.yaml"
    path.write_text(TEXTS[name].format(tmp=tmp_path), encoding="utf-8")
    assert read_configured(path) == full_reader(path)


@pytest.mark.parametrize(
    "raw", [b"content: \xff\n", b"content: exhibit\x00\n", b"\xef\xbb\xbfcontent: exhibit\n", b"content: a\x07\n"]
)
def test_bytes_that_are_no_clean_text(tmp_path: Path, raw: bytes) -> None:
    (tmp_path / "exhibit").mkdir()
    path = tmp_path / "kiosk.yaml"
    path.write_bytes(raw)
    assert read_configured(path) == full_reader(path)


def test_a_missing_or_unreadable_file_gives_nothing(tmp_path: Path) -> None:
    assert read_configured(tmp_path / "kiosk.yaml") == Configured() == full_reader(tmp_path / "kiosk.yaml")
    assert read_configured(tmp_path) == Configured(), "a folder named like the file"


def test_the_settings_come_back_resolved(tmp_path: Path) -> None:
    (tmp_path / "exhibit").mkdir()
    path = tmp_path / "kiosk.yaml"
    path.write_text(TEXTS["all-three"], encoding="utf-8")
    assert read_configured(path) == Configured(tmp_path / "exhibit", tmp_path / "logs", time(6, 30))


def test_a_wrong_setting_is_left_to_the_full_reader_to_report(tmp_path: Path) -> None:
    """The supervisor starts the exhibit without the setting; the exhibit's full reading
    (its log, the admin screen) and `kiosk validate-config` say what is wrong, and where."""
    path = tmp_path / "kiosk.yaml"
    path.write_text("content: not-there\nlog_dir: 7\ndaily_restart: 25:00\n", encoding="utf-8")
    assert read_configured(path) == Configured()
    found = [problem.format() for problem in load_config(path)[1].problems]
    assert sorted(line.split(" error: ")[0] for line in found) == [
        "kiosk.yaml:1:10:",
        "kiosk.yaml:2:10:",
        "kiosk.yaml:3:16:",
    ]
