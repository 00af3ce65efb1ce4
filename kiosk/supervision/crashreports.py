"""Crash reports in the log folder: `crash-YYYYmmdd-HHMMSS-PID.txt`, the newest 20, 5 MB at most.

Two writers, one name pattern:

- the exhibit itself (`FaultLog`): Python's faulthandler writes the stack of every thread
  there if the process dies of a fatal signal (a crash inside Qt, say) or, on POSIX, when the
  supervisor sends SIGUSR1 before ending a hung exhibit. An exhibit that ends well removes
  its empty file.
- the supervisor (`write_report`), after each abnormal end: how it ended, when, the last lines
  the exhibit wrote to stderr, and the faulthandler text, in one report written atomically.

A report that cannot be written (full disk) is said on stderr; nothing stops for it.
Plain Python, no Qt.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

PREFIX = "crash-"
MAX_REPORTS = 20
MAX_TOTAL_BYTES = 5_000_000
MAX_SECTION_CHARS = 256_000  #: a report keeps at most this much of the stack dump (its end)


def report_name(when: datetime, pid: int) -> str:
    return f"{PREFIX}{when:%Y%m%d-%H%M%S}-{pid}.txt"


def reports(folder: Path) -> list[Path]:
    """The reports in `folder`, newest first."""
    found = []
    for path in folder.glob(f"{PREFIX}*.txt"):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime, path.name, path))
    return [path for _mtime, _name, path in sorted(found, reverse=True)]


def prune(folder: Path, max_reports: int = MAX_REPORTS, max_bytes: int = MAX_TOTAL_BYTES) -> list[Path]:
    """Delete the oldest reports beyond `max_reports` or `max_bytes` in all; returns those deleted."""
    from kiosk import atomicio  # here: the supervisor starts the exhibit before it needs this (issue #16)

    atomicio.remove_leftovers(folder, f"{PREFIX}*")
    kept_bytes, kept, removed = 0, 0, []
    for path in reports(folder):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        if kept < max_reports and kept_bytes + size <= max_bytes:
            kept += 1
            kept_bytes += size
            continue
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass  # in use (a running exhibit's file on Windows): next time
    return removed


@dataclass
class FaultLog:
    """The exhibit's side: faulthandler writes into a file of the log folder while it runs."""

    path: Path
    stream: IO[str]

    @classmethod
    def start(cls, folder: Path) -> FaultLog | None:
        """Enable faulthandler into `folder`; None (and a line on stderr) if it cannot be written.
        Empty files left by exhibits that were killed outright (SIGKILL, a power cut) go first:
        a crash report only when something crashed."""
        path = folder / report_name(datetime.now(), os.getpid())
        forget_empty_dumps(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - open while the process lives
        except OSError as exc:
            _say(f"cannot keep crash dumps in {folder} ({exc})")
            return None
        faulthandler.enable(stream, all_threads=True)
        if hasattr(signal, "SIGUSR1"):  # the supervisor asks for the stacks of a hung exhibit
            faulthandler.register(signal.SIGUSR1, stream, all_threads=True)
        return cls(path, stream)

    def stop(self) -> None:
        """The exhibit ends well: stop dumping, and remove the file if nothing was dumped."""
        if hasattr(signal, "SIGUSR1"):
            faulthandler.unregister(signal.SIGUSR1)
        faulthandler.disable()
        self.stream.close()
        with contextlib.suppress(OSError):
            if self.path.stat().st_size == 0:
                self.path.unlink()


@dataclass
class ExitRecord:
    """What the supervisor knows about one abnormal end of the exhibit."""

    pid: int | None
    how: str  #: "killed by signal 11 (SIGSEGV)", "exit code 3", "stopped answering..."
    started: datetime
    ended: datetime
    command: list[str]
    next_step: str  #: "restarting in 2 s", "showing the built-in exhibit from now on"...
    stderr_tail: list[str] = field(default_factory=list)


def describe_exit(returncode: int | None, hung: bool = False, heartbeat_timeout: float = 0.0, busy: str = "") -> str:
    """How an exhibit ended, in words an installer can search for (`busy`: what it said it was doing)."""
    if hung and busy:
        return f"stopped answering (busy for longer than it said: {busy}); the supervisor ended it"
    if hung:
        return f"stopped answering (no heartbeat for {heartbeat_timeout:g} s); the supervisor ended it"
    if returncode is None:
        return "could not be started"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "unknown signal"
        return f"killed by signal {-returncode} ({name})"
    if returncode > 0xFFFF:  # a Windows NTSTATUS such as 0xC0000005 (access violation)
        return f"exit code {returncode} (0x{returncode:08X})"
    return f"exit code {returncode}"


def format_report(record: ExitRecord, fault_text: str = "") -> str:
    ran_for = (record.ended - record.started).total_seconds()
    lines = [
        "Base 11/19 kiosk: the exhibit ended abnormally",
        f"when:      {record.ended:%Y-%m-%d %H:%M:%S}",
        f"how:       {record.how}",
        f"pid:       {record.pid if record.pid is not None else '-'}",
        f"started:   {record.started:%Y-%m-%d %H:%M:%S} (ran for {ran_for:.1f} s)",
        f"command:   {' '.join(record.command)}",
        f"next:      {record.next_step}",
        "",
        "--- last lines the exhibit wrote to stderr ---",
        *(record.stderr_tail or ["(nothing)"]),
    ]
    if fault_text.strip():
        if len(fault_text) > MAX_SECTION_CHARS:
            fault_text = "[...]\n" + fault_text[-MAX_SECTION_CHARS:]
        lines += ["", "--- Python stacks at the crash (faulthandler) ---", fault_text.rstrip("\n")]
    return "\n".join(lines) + "\n"


def write_report(folder: Path, record: ExitRecord) -> Path | None:
    """Write the report (merging the exhibit's own dump), then prune; None if it failed."""
    dumps = sorted(folder.glob(f"{PREFIX}*-{record.pid}.txt")) if record.pid is not None else []
    fault_text = ""
    for dump in dumps:
        with contextlib.suppress(OSError):
            fault_text += dump.read_text(encoding="utf-8", errors="replace")
    path = folder / report_name(record.ended, record.pid or 0)
    from kiosk import atomicio

    try:
        folder.mkdir(parents=True, exist_ok=True)
        atomicio.write_text(path, format_report(record, fault_text))
    except OSError as exc:
        _say(f"cannot write the crash report {path} ({exc}); the exhibit is restarted all the same")
        return None
    for dump in dumps:
        if dump != path:
            with contextlib.suppress(OSError):
                dump.unlink()
    prune(folder)
    return path


def dump_size(folder: Path, pid: int) -> int:
    """How many bytes the exhibit `pid` has dumped so far (0: nothing yet, or no dump file)."""
    total = 0
    for dump in folder.glob(f"{PREFIX}*-{pid}.txt"):
        with contextlib.suppress(OSError):
            total += dump.stat().st_size
    return total


def forget_dumps(folder: Path, pid: int) -> None:
    """An exhibit that ended well leaves no report: remove an empty dump it could not remove."""
    for dump in folder.glob(f"{PREFIX}*-{pid}.txt"):
        with contextlib.suppress(OSError):
            if dump.stat().st_size == 0:
                dump.unlink()


def forget_empty_dumps(folder: Path, alive: Callable[[int], bool] | None = None) -> list[Path]:
    """Remove empty `crash-*-PID.txt` files whose process has ended (an exhibit killed
    outright could not remove its own). On Windows, where a running process's file cannot
    be deleted anyway, the attempt fails harmlessly for those. Returns what was removed."""
    is_alive = alive or _alive
    removed = []
    for dump in folder.glob(f"{PREFIX}*.txt"):
        try:
            pid = int(dump.stem.rsplit("-", 1)[1])
            if dump.stat().st_size != 0 or (pid != os.getpid() and is_alive(pid)):
                continue
            dump.unlink()
            removed.append(dump)
        except (ValueError, IndexError, OSError):
            continue
    return removed


def _alive(pid: int) -> bool:
    if os.name == "nt":
        return False  # deleting its open file fails: the running one keeps it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _say(message: str) -> None:
    if sys.stderr is not None:  # None in a windowed executable on Windows
        print(f"kiosk: {message}", file=sys.stderr, flush=True)
