"""Switching the screen off while closed: the right tool for the session, run off the GUI
thread, and a missing or failing tool said once, never a crash."""

from __future__ import annotations

import logging
import os
import stat
import sys
from pathlib import Path

import pytest

from kiosk.services import displaypower
from kiosk.services.displaypower import CommandDisplayPower, WindowsMonitorPower, choose
from kiosk.services.opening import BlackScreenOnly


def fake_tool(folder: Path, name: str, exit_code: int = 0, said: str = "") -> Path:
    """A stand-in for wlopm/xset: writes its arguments to NAME.calls, prints `said`, exits."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    calls = folder / f"{name}.calls"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        f"open({str(calls)!r}, 'a').write(' '.join(sys.argv[1:]) + '\\n')\n"
        f"print({said!r}, file=sys.stderr)\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return calls


def test_the_session_picks_the_tool() -> None:
    wayland = choose("auto", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland")
    assert isinstance(wayland, CommandDisplayPower) and wayland.name.startswith("wlopm")
    x11 = choose("auto", {"DISPLAY": ":0"}, "linux", "xcb")
    assert isinstance(x11, CommandDisplayPower) and x11.name.startswith("xset")
    assert isinstance(choose("auto", {}, "win32", "windows"), WindowsMonitorPower)
    for black in (
        choose("black", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
        choose("auto", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", "offscreen"),
        choose("auto", {}, "linux", "eglfs"),
    ):
        assert isinstance(black, BlackScreenOnly)


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a POSIX script")
def test_wlopm_is_told_off_then_on_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = fake_tool(tmp_path / "bin", "wlopm")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    display = choose("auto", {"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland")
    assert isinstance(display, CommandDisplayPower)
    caplog.set_level(logging.INFO, logger=displaypower.__name__)
    display.sleep()
    display.wake()
    display.sleep()
    display.wait()
    assert calls.read_text(encoding="utf-8").splitlines() == ["--off *", "--on *", "--off *"]
    assert [r.getMessage() for r in caplog.records] == ["display power: off", "display power: on", "display power: off"]


def test_a_missing_tool_is_said_once_and_the_screen_stays_black(caplog: pytest.LogCaptureFixture) -> None:
    def missing(_command: object) -> object:
        raise FileNotFoundError("wlopm")

    display = CommandDisplayPower("wlopm", ["wlopm", "--off", "*"], ["wlopm", "--on", "*"], runner=missing)
    for _ in range(3):
        display.sleep()
        display.wake()
    display.wait()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "display power: wlopm is not installed; the screen stays on, black, while closed "
        "(see docs/INSTALL.md, 'Display power')"
    ]


@pytest.mark.skipif(os.name != "posix", reason="the fake tool is a POSIX script")
def test_a_failing_tool_is_said_once_per_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fake_tool(tmp_path / "bin", "xset", exit_code=1, said="unable to open display")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    display = choose("auto", {"DISPLAY": ":0"}, "linux", "xcb")
    for _ in range(3):
        display.sleep()
    display.wake()
    display.wait()  # type: ignore[attr-defined]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [
        "display power: 'xset dpms force off' failed (exit 1): unable to open display; the screen stays on, black",
        "display power: 'xset dpms force on' failed (exit 1): unable to open display; the screen stays on, black",
    ]


def test_a_tool_that_hangs_is_given_up_on(caplog: pytest.LogCaptureFixture) -> None:
    import subprocess

    def hangs(command: object) -> object:
        raise subprocess.TimeoutExpired(command, displaypower.TOOL_TIMEOUT_S)

    display = CommandDisplayPower("wlopm", ["wlopm", "--off", "*"], ["wlopm", "--on", "*"], runner=hangs)
    display.sleep()
    display.sleep()
    display.wait()
    assert [r.getMessage() for r in caplog.records] == ["display power: 'wlopm --off *' did not answer within 5 s"]


def test_the_windows_message_turns_the_monitor_off_and_on(caplog: pytest.LogCaptureFixture) -> None:
    posted: list[tuple[int, int, int, int]] = []
    display = WindowsMonitorPower(post=lambda *args: posted.append(args) or 1)
    display.sleep()
    display.wake()
    assert posted == [(0xFFFF, 0x0112, 0xF170, 2), (0xFFFF, 0x0112, 0xF170, -1)]
    refused = WindowsMonitorPower(post=lambda *args: 0)
    refused.sleep()
    refused.wake()
    assert [r.getMessage() for r in caplog.records] == [
        "display power: the monitor-power message cannot be sent (PostMessageW refused the message); black screen only"
    ]
