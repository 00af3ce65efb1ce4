"""`kiosk supervise` takes its content folder and log folder from kiosk.yaml too, and the
frozen executable started without arguments is the supervised exhibit. It starts the
exhibit before it loads anything heavy (issue #16)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import cli

policies: list[object] = []


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    seen: list[dict] = []
    policies.clear()

    def fake_run_supervised(
        child_args, log_dir=None, content=None, policy=None, daily_restart=None, forked_entry=None
    ) -> int:
        assert forked_entry is cli.main  # what a forked first exhibit runs
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


#: `kiosk supervise` in a fresh process whose first exhibit's start (forked on Linux, a Popen
#: elsewhere) prints what the supervisor had imported by then and what it gave the exhibit (as
#: the command line of a new process), and ends the process.
FIRST_CHILD = """
import json, os, subprocess, sys

def first_child(command, env, **kwargs):
    keys = ("KIOSK_LOG_DIR", "KIOSK_SUPERVISED")
    seen = {"modules": sorted(sys.modules), "command": command, "env": {key: env.get(key) for key in keys}}
    print(json.dumps(seen), flush=True)
    os._exit(0)

def forked_child(args, env, heartbeat, entry=None):
    first_child(supervisor.exhibit_command(list(args)), env)

subprocess.Popen = first_child
from kiosk.supervision import supervisor
supervisor.fork_exhibit = forked_child
from kiosk.cli import main
main(sys.argv[1:])
"""

#: What the supervisor must not load before the exhibit starts (issue #16): the settings'
#: full reader (pydantic, ~300 ms on the exhibition PC), the other commands, multiprocessing.
HEAVY = ("pydantic", "pydantic_core", "kiosk.services", "kiosk.commands", "multiprocessing", "kiosk.bridge", "PySide6")


def first_child(folder: Path, *args: str) -> tuple[dict, str]:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_CHILD, "supervise", *args],
        cwd=folder,  # the kiosk the tests run, not one the current folder would hold
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.splitlines()[-1]), result.stderr


def test_the_exhibit_starts_before_anything_heavy_is_loaded(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "daily_restart: '04:30'\nrotation: 45\n", encoding="utf-8")
    seen, stderr = first_child(tmp_path, "--config", str(config), "--fullscreen")
    loaded = [name for name in seen["modules"] if name.split(".")[0] in HEAVY or name.startswith(HEAVY)]
    assert loaded == [], "imported before the exhibit started"
    # kiosk.yaml's settings reached the supervisor, and the exhibit gets what it got before.
    command = [sys.executable, "-m", "kiosk", "run", "--config", str(config), "--fullscreen"]
    assert seen["command"] == [*command, "--content", str(tmp_path / "exhibit")]
    assert seen["env"] == {"KIOSK_LOG_DIR": str(tmp_path / "logs"), "KIOSK_SUPERVISED": "1"}
    assert "daily restart at 04:30" in stderr
    assert (tmp_path / "logs" / "supervisor.log").is_file()


def test_without_kiosk_yaml_the_exhibit_starts_before_anything_heavy_too(tmp_path: Path) -> None:
    (tmp_path / "exhibit").mkdir()
    seen, _ = first_child(tmp_path, "--log-dir", str(tmp_path / "logs"), "--content", str(tmp_path / "exhibit"))
    assert [name for name in seen["modules"] if name.split(".")[0] in HEAVY or name.startswith(HEAVY)] == []
    assert seen["command"] == [sys.executable, "-m", "kiosk", "run", "--content", str(tmp_path / "exhibit")]
    assert seen["env"]["KIOSK_LOG_DIR"] == str(tmp_path / "logs")


def test_a_broken_kiosk_yaml_starts_the_exhibit_without_the_broken_settings(tmp_path: Path) -> None:
    """The exhibit, which reads kiosk.yaml in full, reports the problems with their lines."""
    config = tmp_path / "kiosk.yaml"
    config.write_text("content: not-there\nlog_dir: 7\ndaily_restart: 25:00\n", encoding="utf-8")
    seen, stderr = first_child(tmp_path, "--config", str(config), "--log-dir", str(tmp_path / "logs"))
    assert seen["command"] == [sys.executable, "-m", "kiosk", "run", "--config", str(config)]
    assert "daily restart" not in stderr


def test_the_commands_still_parse_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    listed = capsys.readouterr().out
    assert all(command in listed for command in ("supervise", "validate-config", "pack", "status"))
    assert cli.main(["supervise", "--size", "12"]) == cli.EXIT_USAGE
    assert "kiosk run: error: argument --size" in capsys.readouterr().err, "checked as `kiosk run` checks it"
