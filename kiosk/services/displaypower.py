"""Switching the screen off for real while the exhibit is closed, where the system allows it.

The opening-hours service (`opening.py`) says when the exhibit is dark; the `DisplayPower`
chosen here is told `sleep()` and `wake()`:

- Wayland (cage, the kiosk compositor of docs/INSTALL.md): `wlopm --off '*'` and
  `wlopm --on '*'`, the compositor's output power management (DPMS). The outputs stay
  configured, so the exhibit's window keeps its screen. (Not `wlr-randr --off`: that removes
  the output, and the window would lose its screen.)
- X11: `xset dpms force off` and `xset dpms force on`.
- Windows: the monitor-power message (`SC_MONITORPOWER`) posted to every window, as the
  system's own power saving does; a touch or a mouse move lights the screen again.
- Anything else (no display server, `display_power: black` in kiosk.yaml): a black picture
  only; the display's own power saving may still switch it off.

The tools are run off the GUI thread, one at a time in the order asked, each with a time
limit. A tool that is not installed, or that fails, is said once in the log, and the
exhibit goes on with a black screen: nothing here can stop it.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor

from kiosk.services.opening import BlackScreenOnly, DisplayPower

log = logging.getLogger(__name__)

#: The longest a display tool may take before it is given up on.
TOOL_TIMEOUT_S = 5.0

#: kiosk.yaml's `opening_hours.display_power`.
CHOICES = ("auto", "black")

Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


def _run(command: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(command), capture_output=True, text=True, timeout=TOOL_TIMEOUT_S, check=False, stdin=subprocess.DEVNULL
    )


class CommandDisplayPower:
    """A display switched by a command-line tool (wlopm, xset)."""

    def __init__(
        self,
        name: str,
        off: Sequence[str],
        on: Sequence[str],
        runner: Runner = _run,
        background: bool = True,
    ) -> None:
        self.name = name
        self._off, self._on = tuple(off), tuple(on)
        self._runner = runner
        self._said: set[str] = set()  # problems already in the log
        self._lock = threading.Lock()
        self._broken = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="display-power") if background else None

    def sleep(self) -> None:
        self._submit(self._off)

    def wake(self) -> None:
        self._submit(self._on)

    def wait(self) -> None:
        """Until every command asked for so far has run (tests, and the end of the program)."""
        if self._pool is not None:
            self._pool.submit(lambda: None).result(timeout=4 * TOOL_TIMEOUT_S)

    def _submit(self, command: tuple[str, ...]) -> None:
        if self._broken:
            return
        if self._pool is None:
            self._call(command)
        else:
            self._pool.submit(self._call, command)

    def _call(self, command: tuple[str, ...]) -> None:
        try:
            result = self._runner(command)
        except FileNotFoundError:
            self._broken = True  # not installed: it will not appear while the kiosk runs
            self._once(
                "missing",
                "display power: %s is not installed; the screen stays on, black, while closed "
                "(see docs/INSTALL.md, 'Display power')",
                command[0],
            )
            return
        except subprocess.TimeoutExpired:
            self._once("timeout", "display power: '%s' did not answer within %g s", " ".join(command), TOOL_TIMEOUT_S)
            return
        except OSError as exc:
            self._once("oserror", "display power: '%s' cannot run: %s", " ".join(command), exc)
            return
        if result.returncode != 0:
            said = (result.stderr or result.stdout or "").strip().splitlines()
            self._once(
                f"exit:{' '.join(command)}",
                "display power: '%s' failed (exit %d)%s; the screen stays on, black",
                " ".join(command),
                result.returncode,
                f": {said[0]}" if said else "",
            )
            return
        log.info("display power: %s", "off" if command == self._off else "on")

    def _once(self, key: str, message: str, *args: object) -> None:
        with self._lock:
            if key in self._said:
                return
            self._said.add(key)
        log.warning(message, *args)


class WindowsMonitorPower:
    """The monitor-power message, as Windows' own power saving sends it."""

    name = "Windows monitor power (SC_MONITORPOWER)"

    HWND_BROADCAST = 0xFFFF
    WM_SYSCOMMAND = 0x0112
    SC_MONITORPOWER = 0xF170

    def __init__(self, post: Callable[[int, int, int, int], int] | None = None) -> None:
        self._post = post
        self._said = False

    def sleep(self) -> None:
        self._send(2)  # 2: off

    def wake(self) -> None:
        self._send(-1)  # -1: on

    def _send(self, state: int) -> None:
        post = self._post
        try:
            if post is None:
                import ctypes

                post = ctypes.windll.user32.PostMessageW  # type: ignore[attr-defined]
            if not post(self.HWND_BROADCAST, self.WM_SYSCOMMAND, self.SC_MONITORPOWER, state):
                raise OSError("PostMessageW refused the message")
        except Exception as exc:
            if not self._said:
                self._said = True
                log.warning("display power: the monitor-power message cannot be sent (%s); black screen only", exc)


def choose(
    setting: str = "auto", environ: Mapping[str, str] | None = None, platform: str | None = None, qt_platform: str = ""
) -> DisplayPower:
    """The display power for this session: `auto` picks by the display server, `black` none.

    `qt_platform` is Qt's platform plugin ("wayland", "xcb", "windows", "offscreen"...), when known.
    """
    env = os.environ if environ is None else environ
    system = sys.platform if platform is None else platform
    if setting == "black" or qt_platform in ("offscreen", "minimal", "vnc"):
        return BlackScreenOnly()
    if system == "win32":
        return WindowsMonitorPower()
    if env.get("WAYLAND_DISPLAY") and qt_platform in ("", "wayland", "wayland-egl"):
        return CommandDisplayPower("wlopm (Wayland output power)", ["wlopm", "--off", "*"], ["wlopm", "--on", "*"])
    if env.get("DISPLAY") and qt_platform in ("", "xcb"):
        return CommandDisplayPower("xset dpms (X11)", ["xset", "dpms", "force", "off"], ["xset", "dpms", "force", "on"])
    return BlackScreenOnly()
