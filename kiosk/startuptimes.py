"""Where start-up time goes: the moments a start-up passes, from the process's start to the
first frame.

`mark(stage)` notes the clock, and the processor time the process has used (the steadier
figure on a machine other programs share), when a stage ends; it costs a list append, so
the marks stay in the code. With the benchmarks' hook (KIOSK_EXIT_AT_FIRST_FRAME=1) the
kiosk prints them at its first frame as one line `STARTUP_STAGES {json}`
(kiosk/bridge/engine.py), which bench/startup.py and bench/dist.py turn into a breakdown.
Besides the marks the line holds:

- `process`: when this process started, from the system (Linux only: /proc, within 10 ms);
- `parent`: the same for the process that started it, when that is the same executable
  (a frozen build's supervisor; a one-file build starts it once it has unpacked itself);
- `launch`: the moments the executable's earlier processes reached Python (a frozen build's
  run-time hook, freeze/rthook_kiosk.py, appends each to STAMPS_ENV, which children inherit):
  on the exhibition PC the supervisor starts first, then the exhibit.

Times are Unix times (`time.time()`), so a benchmark can set them against the moment it
started the process. Standard library only: imported before anything else.
"""

from __future__ import annotations

import os
import sys
import time

#: `name=unix time` pairs separated by `;`, appended by each frozen process of one launch.
STAMPS_ENV = "KIOSK_STARTUP_STAMPS"
#: What the first frame prints the stages after.
LINE_PREFIX = "STARTUP_STAGES"
#: A process that builds many scenes (the tests) stops noting after this many marks.
MAX_MARKS = 64

_marks: list[tuple[str, float, float]] = [("kiosk code", time.time(), time.process_time())]


def mark(stage: str) -> None:
    """Note that `stage` has just ended."""
    if len(_marks) < MAX_MARKS:
        _marks.append((stage, time.time(), time.process_time()))


def forked() -> None:
    """In a process forked from the supervisor (the first exhibit): its marks start again,
    and, as the frozen run-time hook does in a new process, it notes that it is in Python."""
    _marks[:] = [("kiosk code", time.time(), time.process_time())]
    if getattr(sys, "frozen", False) and os.environ.get("KIOSK_EXIT_AT_FIRST_FRAME") == "1":
        stamps = os.environ.get(STAMPS_ENV)
        stamp = f"python={time.time():.6f}"
        os.environ[STAMPS_ENV] = f"{stamps};{stamp}" if stamps else stamp


def marks() -> list[tuple[str, float, float]]:
    """(stage, Unix time, this process's processor time so far) for each stage, in order."""
    return list(_marks)


def process_started(pid: int | None = None) -> float | None:
    """When this process (or process `pid`) started, as a Unix time; None where the system
    does not say."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        with open(f"/proc/{pid or os.getpid()}/stat", encoding="ascii") as stat:
            # Field 22, counted after the command name (which may hold spaces and brackets).
            ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        since_boot = ticks / os.sysconf("SC_CLK_TCK")
        return time.time() - (time.clock_gettime(time.CLOCK_BOOTTIME) - since_boot)
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def launch_stamps() -> list[tuple[str, float]]:
    """The stamps the executable's processes left in STAMPS_ENV, oldest first."""
    found = []
    for pair in os.environ.get(STAMPS_ENV, "").split(";"):
        name, _, value = pair.partition("=")
        try:
            found.append((name, float(value)))
        except ValueError:
            continue
    return found


def _supervisor_started() -> float | None:
    """When the process that started this one began, if it is this same executable (the
    supervisor of a frozen build, started once a one-file build is unpacked)."""
    if not getattr(sys, "frozen", False) or not sys.platform.startswith("linux"):
        return None
    try:
        if os.readlink(f"/proc/{os.getppid()}/exe") != os.readlink("/proc/self/exe"):
            return None
    except OSError:
        return None
    return process_started(os.getppid())


def report() -> dict[str, object]:
    """Everything a benchmark needs to draw the breakdown (see the module's docstring)."""
    return {
        "parent": _supervisor_started(),
        "process": process_started(),
        "launch": [[name, round(at, 6)] for name, at in launch_stamps()],
        "marks": [[name, round(at, 6), round(cpu, 6)] for name, at, cpu in _marks],
    }
