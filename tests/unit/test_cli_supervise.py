"""`kiosk supervise` takes its content folder and log folder from kiosk.yaml too, and the
frozen executable started without arguments is the supervised exhibit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import cli

policies: list[object] = []


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    seen: list[dict] = []
    policies.clear()

    def fake_run_supervised(child_args, log_dir=None, content=None, policy=None, daily_restart=None) -> int:
        seen.append({"args": child_args, "log_dir": log_dir, "content": content})
        if daily_restart is not None:
            seen[-1]["daily_restart"] = daily_restart
        policies.append(policy)
        return 0

    import kiosk.supervision.supervisor

    monkeypatch.setattr(kiosk.supervision.supervisor, "run_supervised", fake_run_supervised)
    return seen


def write_config(folder: Path) -> Path:
    (folder / "exhibit").mkdir()
    config = folder / "kiosk.yaml"
    config.write_text("content: exhibit\nlog_dir: logs\n", encoding="utf-8")
    return config


def test_supervise_falls_back_from_the_folder_kiosk_yaml_names(tmp_path: Path, calls: list[dict]) -> None:
    config = write_config(tmp_path)
    assert cli.main(["supervise", "--config", str(config)]) == 0
    assert calls == [{"args": ["--config", str(config)], "log_dir": tmp_path / "logs", "content": tmp_path / "exhibit"}]


def test_the_command_line_wins_over_kiosk_yaml(tmp_path: Path, calls: list[dict]) -> None:
    config = write_config(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    assert (
        cli.main(["supervise", "--log-dir", str(tmp_path / "mine"), "--config", str(config), "--content", str(other)])
        == 0
    )
    assert calls[0]["content"] == other
    assert calls[0]["log_dir"] == tmp_path / "mine"


def test_the_timings_reach_the_supervisor(calls: list[dict]) -> None:
    from kiosk.supervision.policy import RestartPolicy

    assert cli.main(["supervise", "--fullscreen"]) == 0
    assert policies[-1] == RestartPolicy(), "the defaults: heartbeat 4 s, busy at most 60 s"
    args = ["supervise", "--heartbeat-timeout", "6", "--startup-grace", "90", "--busy-limit", "20", "--fullscreen"]
    assert cli.main(args) == 0
    assert policies[-1] == RestartPolicy(heartbeat_timeout=6, startup_grace=90, busy_limit=20)
    assert calls[-1]["args"] == ["--fullscreen"]
    assert cli.main(["supervise", "--busy-limit", "-1"]) == cli.EXIT_USAGE


def test_without_kiosk_yaml_nothing_to_fall_back_from(calls: list[dict]) -> None:
    assert cli.main(["supervise"]) == 0
    assert calls == [{"args": [], "log_dir": None, "content": None}]


def test_the_frozen_executable_without_arguments_is_supervised(
    calls: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/nonexistent/kiosk")  # no kiosk.yaml beside it
    assert cli.main([]) == 0
    assert calls == [{"args": [], "log_dir": None, "content": None}]


def test_from_source_without_arguments_the_exhibit_opens_unsupervised(
    calls: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict] = []
    import kiosk.app

    monkeypatch.setattr(kiosk.app, "run_app", lambda **kwargs: opened.append(kwargs) or 0)
    assert cli.main([]) == 0
    assert calls == [] and len(opened) == 1


def test_the_daily_restart_comes_from_kiosk_yaml_or_the_command_line(tmp_path: Path, calls: list[dict]) -> None:
    from datetime import time

    config = tmp_path / "kiosk.yaml"
    config.write_text('daily_restart: "06:30"\n', encoding="utf-8")
    assert cli.main(["supervise", "--config", str(config)]) == 0
    assert calls[-1]["daily_restart"] == time(6, 30)
    config.write_text("daily_restart: 16:30\n", encoding="utf-8")  # unquoted: YAML reads 990
    assert cli.main(["supervise", "--config", str(config)]) == 0
    assert calls[-1]["daily_restart"] == time(16, 30)
    assert cli.main(["supervise", "--config", str(config), "--daily-restart", "05:15"]) == 0
    assert calls[-1]["daily_restart"] == time(5, 15)
    assert cli.main(["supervise"]) == 0
    assert "daily_restart" not in calls[-1], "none unless asked for"


def test_a_wrong_daily_restart_is_refused_clearly(
    tmp_path: Path, calls: list[dict], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["supervise", "--daily-restart", "25:00"]) == cli.EXIT_USAGE
    assert "'25:00' is not a time of day written HH:MM, such as 06:30" in capsys.readouterr().err
    assert calls == []
