"""The start-up breakdown that bench/startup.py (from source) and bench/dist.py (frozen) print.

With KIOSK_EXIT_AT_FIRST_FRAME=1 the kiosk prints, at its first frame, a line
`STARTUP_STAGES {json}` (kiosk/startuptimes.py): the moments its start-up passed, as Unix
times, with the processor time it had used at each. Set against the moment the benchmark
started the process, they give how long each stage took, from the launch to the first frame:

- unpacking: a one-file build unpacking itself, up to the supervisor's process (a one-folder
  build has nothing to unpack: this is then the time to start a process);
- python: the interpreters starting (the supervisor's and the exhibit's, frozen; from
  source, Python with its `site` up to the kiosk's first module);
- supervisor: the supervisor's own work before the exhibit's process starts;
- imports, content, qt (the application, the controllers, the QML modules checked), fonts,
  qml (Main.qml compiled or read from the QML cache, and created), first_frame (the window
  shown and its first frame drawn). The picture cache is no stage: it is filled behind the
  exhibit, after its first frame.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Iterable

PREFIX = "STARTUP_STAGES"

#: One launch: milliseconds to the first frame, processor milliseconds, the stages.
Run = tuple[float, float, list[tuple[str, float, float | None]]]


def children_cpu_ms() -> float:
    """Processor time of the finished child processes so far, in ms (0 on Windows)."""
    if not hasattr(os, "wait4"):  # Windows: no resource module
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000.0


#: Each stage (named after the moment it ends) and the group it belongs to.
GROUPS = {
    "supervisor's process started": "unpacking",
    "supervisor in Python": "python",
    "exhibit's process started": "supervisor",
    "process started": "python",
    "exhibit in Python": "python",
    "kiosk code": "python",
    "command line read": "imports",
    "kiosk.app imported": "imports",
    "settings and log": "content",
    "content loaded": "content",
    "Qt and bridge imported": "imports",
    "Qt application": "qt",
    "admin and opening hours": "qt",
    "fonts": "fonts",
    "controllers": "qt",
    "QML modules checked": "qt",
    "QML loaded": "qml",
    "window shown": "first_frame",
    "first frame": "first_frame",
}
GROUP_ORDER = (
    "unpacking",
    "python",
    "supervisor",
    "imports",
    "content",
    "qt",
    "fonts",
    "qml",
    "first_frame",
    "other",
)


def parse(stdout: str) -> dict[str, object] | None:
    """The kiosk's STARTUP_STAGES report in a run's output, or None."""
    for line in stdout.splitlines():
        if line.startswith(PREFIX + " "):
            return json.loads(line[len(PREFIX) + 1 :])  # type: ignore[no-any-return]
    return None


def stages(launched: float, report: dict[str, object]) -> list[tuple[str, float, float | None]]:
    """(stage, milliseconds, processor milliseconds or None) from the launch to the first frame."""
    events: list[tuple[str, float, float | None]] = []
    launch = [(str(name), float(at)) for name, at in report.get("launch") or []]  # type: ignore[attr-defined]
    if report.get("parent") is not None:
        events.append(("supervisor's process started", float(report["parent"]), None))  # type: ignore[arg-type]
    if len(launch) >= 2:
        events.append(("supervisor in Python", launch[0][1], None))
    if report.get("process") is not None:
        # Started by a supervisor, or directly by the benchmark (from source, `kiosk run`).
        name = "exhibit's process started" if report.get("parent") is not None else "process started"
        events.append((name, float(report["process"]), 0.0))  # type: ignore[arg-type]
    if launch:
        events.append(("exhibit in Python", launch[-1][1], None))
    events += [(str(name), float(at), float(cpu)) for name, at, cpu in report["marks"]]  # type: ignore[attr-defined]
    events.sort(key=lambda event: event[1])
    found = []
    previous, previous_cpu = launched, None
    for name, at, cpu in events:
        used = None if cpu is None or previous_cpu is None else (cpu - previous_cpu) * 1000.0
        found.append((name, (at - previous) * 1000.0, used))
        previous = at
        if cpu is not None:
            previous_cpu = cpu
    return found


def summary(runs: Iterable[list[tuple[str, float, float | None]]]) -> dict[str, object]:
    """Medians over runs: each stage, then each group (`by_group`), in milliseconds."""
    runs = list(runs)
    per_stage: dict[str, list[tuple[float, float | None]]] = {}
    per_group: dict[str, list[float]] = {}
    for run in runs:
        groups: dict[str, float] = {}
        for name, ms, cpu in run:
            per_stage.setdefault(name, []).append((ms, cpu))
            group = GROUPS.get(name, "other")
            groups[group] = groups.get(group, 0.0) + ms
        for group, ms in groups.items():
            per_group.setdefault(group, []).append(ms)
    by_stage: dict[str, dict[str, float]] = {}
    for name, values in per_stage.items():
        figures = {"ms": round(statistics.median(ms for ms, _ in values), 1)}
        cpus = [cpu for _, cpu in values if cpu is not None]
        if cpus:
            figures["cpu_ms"] = round(statistics.median(cpus), 1)
        by_stage[name] = figures
    by_group = {group: round(statistics.median(per_group[group]), 1) for group in GROUP_ORDER if group in per_group}
    return {"by_group_ms": by_group, "by_stage": by_stage}
