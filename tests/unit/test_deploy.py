"""The installer's files in deploy/: what can be checked on a development machine.

systemd units are verified by systemd itself when `systemd-analyze` is there; the session
script runs with a stand-in executable; the Windows files are well-formed and ask the kiosk
for a command it accepts. Nothing here proves they work on the exhibition PC: docs/INSTALL.md
says which steps were tried where.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.cli import build_parser

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
LINUX = DEPLOY / "linux"
WINDOWS = DEPLOY / "windows"
TASK = "{http://schemas.microsoft.com/windows/2004/02/mit/task}"


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(LINUX / name, encoding="utf-8")
    return parser


def test_the_service_restarts_the_session_but_respects_a_deliberate_quit() -> None:
    service = unit("kiosk.service")
    assert service["Unit"]["ConditionUser"] == "kiosk"
    assert service["Service"]["Restart"] == "always"
    assert service["Service"]["RestartPreventExitStatus"] == "0"
    assert service["Service"]["ExecStart"].startswith("/usr/bin/cage ")
    assert service["Service"]["ExecStart"].endswith(" -- /opt/base1119-kiosk/kiosk-session.sh")
    assert service["Install"]["WantedBy"] == "default.target"


def test_the_morning_timer_starts_a_service_that_is_not_running() -> None:
    timer, restart = unit("kiosk-restart.timer"), unit("kiosk-restart.service")
    assert timer["Timer"]["Unit"] == "kiosk-restart.service"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 06:30:00"
    assert restart["Service"]["ExecStart"] == "/usr/bin/systemctl --user start kiosk.service"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    for name in ("kiosk.service", "kiosk-restart.service", "kiosk-restart.timer"):
        text = (LINUX / name).read_text(encoding="utf-8")
        # cage is not installed on a development machine: verify everything but its path.
        (tmp_path / name).write_text(
            text.replace("/usr/bin/cage -d -s -- /opt/base1119-kiosk/kiosk-session.sh", "/bin/true")
        )
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(tmp_path / n) for n in ("kiosk.service", "kiosk-restart.timer"))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr


@pytest.mark.skipif(os.name != "posix", reason="a POSIX shell script")
def test_the_session_script_runs_the_supervised_exhibit_and_ends_with_it(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    stand_in = tmp_path / "base1119-kiosk"
    stand_in.write_text(f'#!/bin/sh\necho "$QT_QPA_PLATFORM $*" >> {calls}\nexit 0\n')
    stand_in.chmod(0o755)
    env = {
        "PATH": os.environ["PATH"],
        "KIOSK_BIN": str(stand_in),
        "KIOSK_ROTATION": "",
        "KIOSK_ARGS": "--content /srv/base1119/content",
    }
    result = subprocess.run(
        [str(LINUX / "kiosk-session.sh"), "--size", "1280x720"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text() == "wayland supervise --fullscreen --content /srv/base1119/content --size 1280x720\n"


def test_the_touch_rule_sets_one_calibration_matrix() -> None:
    rules = [
        line
        for line in (LINUX / "99-kiosk-touchscreen.rules").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert rules == ['ENV{ID_INPUT_TOUCHSCREEN}=="1", ENV{LIBINPUT_CALIBRATION_MATRIX}="0 -1 1 1 0 0"']


def test_autologin_replaces_the_getty_command() -> None:
    lines = (LINUX / "autologin.conf").read_text(encoding="utf-8").splitlines()
    exec_lines = [line for line in lines if line.startswith("ExecStart=")]
    assert exec_lines[0] == "ExecStart="
    assert "--autologin kiosk" in exec_lines[1]


def test_the_windows_logon_task_runs_a_command_the_kiosk_accepts() -> None:
    task = ET.parse(WINDOWS / "kiosk-logon-task.xml").getroot()
    assert task.findtext(f"{TASK}Triggers/{TASK}LogonTrigger/{TASK}UserId") == "KIOSK-PC\\kiosk"
    assert task.findtext(f"{TASK}Settings/{TASK}ExecutionTimeLimit") == "PT0S", "never stopped after 3 days"
    assert task.findtext(f"{TASK}Settings/{TASK}Priority") == "4"
    arguments = task.findtext(f"{TASK}Actions/{TASK}Exec/{TASK}Arguments")
    command, *run_args = (arguments or "").split()
    assert command == "supervise"
    assert build_parser().parse_args(["run", *run_args]).fullscreen, "supervise passes these on to `kiosk run`"


def test_the_windows_restart_task_is_well_formed() -> None:
    task = ET.parse(WINDOWS / "nightly-restart-task.xml").getroot()
    assert task.findtext(f"{TASK}Actions/{TASK}Exec/{TASK}Command") == "C:\\Windows\\System32\\shutdown.exe"


def test_the_shell_launcher_sample_keeps_a_deliberate_quit() -> None:
    script = (WINDOWS / "shell-launcher.ps1").read_text(encoding="utf-8")
    assert '<ReturnCodeAction ReturnCode="0" Action="DoNothing"/>' in script
    assert '<DefaultAction Action="RestartShell"/>' in script
    assert "PYINSTALLER_RESET_ENVIRONMENT" not in script
