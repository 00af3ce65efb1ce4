"""The supervisor: a small parent process that keeps the exhibit running for years.

It starts the exhibit as a child process (`kiosk run ...`), watches it, and starts it again
when it crashes or stops answering, following `kiosk.supervision.policy` (exit codes,
back-off, falling back to the built-in exhibit). No Qt here: the parent starts in a blink
and a Qt crash cannot take it down.

Heartbeat. The child proves that its GUI thread is alive and its window draws: a QTimer there
writes a beat (".") a second into a pipe the supervisor made, once the window has drawn the
frame asked for at the previous beat (`kiosk/bridge/heartbeat.py`). A reader thread notes
the time of the last beat. Nothing for `heartbeat_timeout` seconds (4 by default), or no
first beat within `startup_grace` (60 s: a cold machine loads slowly), and the child is hung.

Busy or hung. Before known long work on its GUI thread (building the scene, showing new
content) the child writes a line "busy SECONDS REASON": no beat is then expected until that
time (at most `busy_limit`, 60 s), and the next beat ends the extension. So a 4 s timeout
does not kill an exhibit that is merely loading, and a hang is over in seconds.

Ending a hung child, fast: on POSIX the supervisor sends SIGUSR1 so faulthandler writes every
thread's Python stack into the crash report, and waits until the dump stops growing (0.5 s at
most), unless the process is stopped (SIGSTOP, a debugger: /proc state T), which cannot
answer; then it kills it at once. No SIGTERM and `terminate_grace` first: the exhibit's clean
close runs on the GUI thread that is stuck, and a stopped process does not even receive
SIGTERM until it is continued. The first hang is restarted without a pause
(`kiosk.supervision.policy`). `terminate_grace` is for stopping an exhibit that answers.
Measured by bench/hang.py: hang to a new window answering in 6 to 7 s (was 22 s).
The channel:

- POSIX: the pipe's write end is passed with `pass_fds`; its number is in KIOSK_HEARTBEAT_FD.
- Windows: the write end's handle is made inheritable and passed to this child only
  (`STARTUPINFO.lpAttributeList["handle_list"]`); its value is in KIOSK_HEARTBEAT_HANDLE and
  the child opens it with `msvcrt.open_osfhandle`. (Not run here: written to the documented
  API, to be tried on the Windows PC; see docs/INSTALL.md.)
  We did not use the child's stdout as the channel: any library printing would then count
  as a heartbeat, and a windowed executable has no usable stdout.

When the supervisor goes away, the child's next heartbeat fails (broken pipe) and the child
quits, so no exhibit is left running unwatched next to a new supervisor.

The first exhibit, forked (Linux, `run_supervised`). Starting a new process costs the
exhibit's start about 0.15 s: the program loaded again, Python started again, the kiosk's
command line imported again. The first exhibit of a supervisor is therefore forked from it
(`fork_exhibit`), before the supervisor has started any thread and before it has imported
anything heavy (no Qt, no pydantic): the child resets what it holds of the supervisor
(signals, log handlers, the start-up marks, its stdin, stderr into the pipe, a session of
its own, the heartbeat's write end as for a new process) and runs `kiosk run` in place;
`ForkedExhibit` watches it as a `Popen` would. Every restart after it is a new process
(`Popen`), as before: a crash or a hang is always followed by a fresh program.

PyInstaller one-file builds: the child is `sys.executable run ...`. Since PyInstaller 6.9 a
process started from the same executable with the inherited environment is taken as a worker
of the running application and reuses its unpacked folder instead of unpacking again (which
also keeps each restart fast). That is right here: the child never outlives the supervisor.
So the environment is passed on untouched and PYINSTALLER_RESET_ENVIRONMENT is NOT set
(setting it is for a child meant to outlive its parent, as in an application restarting
itself; see PyInstaller's "Common Issues and Pitfalls").
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from datetime import time as dt_time
from pathlib import Path
from typing import IO, Any, TypeAlias

from kiosk.paths import default_content_dir
from kiosk.supervision import crashreports
from kiosk.supervision.contract import (
    BEAT,
    BUSY_MAX_BYTES,
    ENV_HEARTBEAT_FD,
    ENV_HEARTBEAT_HANDLE,
    ENV_NOTE,
    ENV_SUPERVISED,
    parse_busy,
)
from kiosk.supervision.daily import DailyRestart, DayLog, process_memory
from kiosk.supervision.policy import Action, ExitKind, RestartPolicy, Supervision, classify

log = logging.getLogger("kiosk.supervisor")

ENV_LOG_DIR = "KIOSK_LOG_DIR"
STDERR_TAIL_LINES = 60  #: lines of the child's stderr kept for a crash report
DUMP_GRACE = 0.5  #: the longest a hung child is given to write its stacks (faulthandler)
DUMP_POLL = 0.03  #: how often the dump file is looked at meanwhile


#: The running exhibit: a process started anew, or the first one, forked (`ForkedExhibit`).
Exhibit: TypeAlias = "subprocess.Popen[bytes] | ForkedExhibit"

#: How the day's line in the log names each kind of restart (kiosk.supervision.daily.CAUSES).
_CAUSES = {ExitKind.RESTART: "asked", ExitKind.CRASH: "crash", ExitKind.HUNG: "hang"}


def _local_now() -> datetime:
    """The wall clock in the PC's own time zone (aware)."""
    return datetime.now().astimezone()


def exhibit_command(args: Sequence[str]) -> list[str]:
    """The command that runs the exhibit: the frozen executable itself, or `python -m kiosk`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "run", *args]
    return [sys.executable, "-m", "kiosk", "run", *args]


def split_content(args: Sequence[str]) -> tuple[list[str], Path | None]:
    """`args` without `--content DIR` / `--content=DIR`, and that folder (the last one given)."""
    rest: list[str] = []
    content: Path | None = None
    items = iter(args)
    for arg in items:
        if arg == "--content":
            value = next(items, None)
            if value is not None:
                content = Path(value)
        elif arg.startswith("--content="):
            content = Path(arg.split("=", 1)[1])
        else:
            rest.append(arg)
    return rest, content


@dataclass(frozen=True)
class Event:
    """Something the supervisor did, for tests and tools (`on_event`)."""

    kind: str  #: started, answering, ended, report, fallback, waiting, stopped
    pid: int | None = None
    detail: str = ""


@dataclass
class Run:
    pid: int | None
    command: list[str]
    started: float
    started_at: datetime
    returncode: int | None = None
    hung: bool = False
    ended: float = 0.0
    ended_at: datetime | None = None
    stopped: bool = False  #: ended because the supervisor was asked to stop
    daily: bool = False  #: ended by the supervisor for the daily restart
    busy: str = ""  #: hung while busy: what it said it was doing
    stderr_tail: deque[str] = field(default_factory=lambda: deque(maxlen=STDERR_TAIL_LINES))


class HeartbeatChannel:
    """One pipe per child: the child writes a beat a second (and busy lines), a thread here notes when."""

    def __init__(self, clock: Callable[[], float], busy_limit: float = 60.0) -> None:
        self._clock = clock
        self._busy_limit = busy_limit
        self.read_fd, self.write_fd = os.pipe()
        self.last_beat = 0.0
        self.busy_until = 0.0  #: no beat is expected before this time (a "busy" line)
        self.busy_reason = ""
        self.answered = threading.Event()
        self._thread: threading.Thread | None = None

    def child_setup(self, env: dict[str, str]) -> dict[str, Any]:
        """Popen arguments (and environment entries) that hand the write end to the child."""
        if sys.platform == "win32":
            import msvcrt

            handle = msvcrt.get_osfhandle(self.write_fd)
            os.set_handle_inheritable(handle, True)
            env[ENV_HEARTBEAT_HANDLE] = str(handle)
            startupinfo = subprocess.STARTUPINFO(lpAttributeList={"handle_list": [handle]})
            return {"startupinfo": startupinfo, "close_fds": True}
        env[ENV_HEARTBEAT_FD] = str(self.write_fd)
        return {"pass_fds": (self.write_fd,)}

    def child_started(self) -> None:
        """Keep only the read end: when the child dies, reading ends."""
        os.close(self.write_fd)
        self._thread = threading.Thread(target=self._read, name="heartbeat-reader", daemon=True)
        self._thread.start()

    def abandon(self) -> None:
        """The child was never started."""
        for fd in (self.read_fd, self.write_fd):
            with contextlib.suppress(OSError):
                os.close(fd)

    def join(self, timeout: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def feed(self, data: bytes, pending: bytes = b"") -> bytes:
        """Take what the child wrote; returns an unfinished busy line to pass back with the next data."""
        data = pending + data
        while data:
            if data.startswith(BEAT):
                data = data.lstrip(BEAT)
                self.last_beat = self._clock()
                self.busy_until = 0.0  # the work is over: it beats again
                self.answered.set()
                continue
            end = data.find(b"\n")
            if end < 0:
                return data if len(data) < BUSY_MAX_BYTES else b""  # wait for the rest of the line
            busy = parse_busy(data[:end])
            data = data[end + 1 :]
            if busy is not None:
                seconds, self.busy_reason = busy
                self.busy_until = self._clock() + min(seconds, self._busy_limit)
        return b""

    def _read(self) -> None:
        pending = b""
        try:
            while data := os.read(self.read_fd, 256):
                pending = self.feed(data, pending)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                os.close(self.read_fd)


class Supervisor:
    """Runs the exhibit again and again until it quits on purpose or `stop()` is called."""

    def __init__(
        self,
        child_args: Sequence[str],
        log_dir: Path,
        default_content: Path | None = None,
        content: Path | None = None,
        policy: RestartPolicy | None = None,
        command: Callable[[Sequence[str]], list[str]] = exhibit_command,
        on_event: Callable[[Event], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        daily_restart: dt_time | None = None,
        wall: Callable[[], datetime] = _local_now,
        forked_entry: Callable[[list[str]], int] | None = None,
    ) -> None:
        self.args, given = split_content(child_args)
        self.content = content or given  #: the configured content folder, if any
        self.default_content = default_content or default_content_dir()
        self.log_dir = log_dir
        self.policy = policy or RestartPolicy()
        self.command = command
        self.on_event = on_event
        self.clock = clock
        can_fall_back = self.content is not None and not _same_folder(self.content, self.default_content)
        self.supervision = Supervision(
            self.policy, content_label=str(self.content) if self.content else "", can_fall_back=can_fall_back
        )
        self.note: str | None = None  #: the line the admin screen shows while on the fallback
        self._stopping = threading.Event()
        self._proc: Exhibit | None = None
        self._lock = threading.Lock()
        self._stop_reason = ""
        #: Daily care (kiosk.supervision.daily): the restart at a quiet time, the day's line.
        self.daily = DailyRestart(daily_restart) if daily_restart is not None else None
        self.wall = wall
        self.day_log = DayLog()
        self._born = clock()
        self._running_since: float | None = None
        #: With an entry (`kiosk.cli.main`, from the command line), the first exhibit is forked
        #: and runs it (`fork_exhibit`) where `can_fork()`; without one, a new process as ever.
        self.forked_entry = forked_entry
        self._forked_once = False
        self._pruned = False  #: the old crash reports were pruned (once the first exhibit started)

    # -- control ---------------------------------------------------------------------------

    def stop(self, reason: str = "") -> None:
        """End the exhibit (terminate, then kill) and return from `run()`. Safe from a signal handler.

        `reason` is logged by `run()` on its own thread, never here: a log call inside a
        signal handler can land in the middle of another write to the same file and be lost.
        """
        if reason and not self._stop_reason:
            self._stop_reason = reason
        self._stopping.set()
        proc = self._proc
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.terminate()

    def run(self) -> int:
        """Supervise until the exhibit quits on purpose (exit 0) or `stop()`; returns 0."""
        with contextlib.suppress(OSError):
            self.log_dir.mkdir(parents=True, exist_ok=True)
        while not self._stopping.is_set():
            run = self._run_once()
            if run.stopped or self._stopping.is_set():
                break
            if run.daily:  # like the admin's restart: no back-off, the configured content again
                self.day_log.restarted("daily")
                fresh = self.supervision.exited(ExitKind.RESTART, run.started, run.ended)
                if fresh.note:
                    log.warning("%s", fresh.note)
                self.note = None
                continue
            kind = classify(run.returncode, run.hung)
            if kind is not ExitKind.QUIT:
                self.day_log.restarted(_CAUSES[kind])
            decision = self.supervision.exited(kind, run.started, run.ended)
            how = crashreports.describe_exit(run.returncode, run.hung, self.policy.heartbeat_timeout, run.busy)
            self._emit(Event("ended", run.pid, how))
            if decision.note:
                log.warning("%s", decision.note)
                self.note = decision.note if decision.fall_back else None
                if decision.fall_back:
                    self._emit(Event("fallback", None, decision.note))
            if kind is ExitKind.QUIT:
                log.info("the exhibit quit on purpose (exit 0); the supervisor stops too")
                break
            if kind is ExitKind.RESTART:
                log.info("the exhibit asked to be restarted (exit %d)", run.returncode)
            else:
                next_step = self._next_step(decision.delay, decision.fall_back)
                log.error("the exhibit (pid %s) %s; %s", run.pid if run.pid else "-", how, next_step)
                self._report(run, how, next_step)
            if decision.action is Action.STOP:
                break
            if decision.delay > 0:
                self._emit(Event("waiting", None, f"{decision.delay:g}"))
                self._stopping.wait(decision.delay)
        if self._stop_reason:
            log.info("%s", self._stop_reason)
        self._emit(Event("stopped"))
        log.info("supervisor stopped")
        return 0

    # -- one run of the exhibit ------------------------------------------------------------

    def child_args(self) -> list[str]:
        content = self.default_content if self.supervision.fallback else self.content
        return [*self.args, *(["--content", str(content)] if content is not None else [])]

    def child_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop(ENV_NOTE, None)
        env[ENV_SUPERVISED] = "1"
        env[ENV_LOG_DIR] = str(self.log_dir)
        if self.supervision.fallback and self.note:
            env[ENV_NOTE] = self.note
        return env

    def _run_once(self) -> Run:
        command = self.command(self.child_args())
        env = self.child_env()
        channel = HeartbeatChannel(self.clock, self.policy.busy_limit)
        extra = channel.child_setup(env)
        if os.name == "posix":
            extra["start_new_session"] = True  # Ctrl+C in a terminal reaches the supervisor only
        run = Run(pid=None, command=command, started=self.clock(), started_at=datetime.now())
        tail = run.stderr_tail
        try:
            with self._lock:
                if self._stopping.is_set():
                    channel.abandon()
                    run.stopped = True
                    return run
                proc: Exhibit | ForkedExhibit
                first, self._forked_once = not self._forked_once, True
                if first and self.forked_entry is not None and can_fork():
                    proc = fork_exhibit(self.child_args(), env, channel, self.forked_entry)
                    command = [*command, "(forked from the supervisor)"]
                    run.command = command
                else:
                    proc = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, **extra)
                self._proc = proc
        except OSError as exc:
            channel.abandon()
            tail.append(f"cannot start {command[0]}: {exc}")
            log.error("cannot start the exhibit: %s", exc)
            run.ended, run.ended_at = self.clock(), datetime.now()
            return run
        channel.child_started()
        run.pid = proc.pid
        pump = threading.Thread(target=_pump, args=(proc.stderr, tail), name="exhibit-stderr", daemon=True)
        pump.start()
        log.info("exhibit started (pid %d): %s", proc.pid, " ".join(command))
        self._emit(Event("started", proc.pid, " ".join(command)))
        if not self._pruned:  # after the exhibit's start, not before it: nothing there is urgent
            self._pruned = True
            with contextlib.suppress(OSError):
                crashreports.prune(self.log_dir)

        self._watch(proc, channel, run)
        run.returncode = proc.returncode
        run.stopped = run.stopped or self._stopping.is_set()
        run.ended, run.ended_at = self.clock(), datetime.now()
        channel.join(timeout=2.0)
        pump.join(timeout=2.0)
        with self._lock:
            self._proc = None
        if run.stopped or classify(run.returncode, run.hung) in (ExitKind.QUIT, ExitKind.RESTART):
            crashreports.forget_dumps(self.log_dir, proc.pid)
        return run

    def _watch(self, proc: Exhibit, channel: HeartbeatChannel, run: Run) -> None:
        announced = False

        def announce() -> bool:
            """Say "answering" once, as soon as the first beat came (even from a child about to end)."""
            if channel.answered.is_set() and not announced:
                log.info("exhibit answering (pid %d)", proc.pid)
                self._emit(Event("answering", proc.pid))
                return True
            return announced

        self._running_since = run.started
        while True:
            if self._stopping.is_set():
                run.stopped = True
                self._end(proc)
                return
            if self._daily_care(proc):
                run.daily = True
                self._end(proc)
                self._running_since = None
                return
            announced = announce()
            now = self.clock()
            if announced:
                deadline = channel.last_beat + self.policy.heartbeat_timeout
            else:
                deadline = run.started + self.policy.startup_grace
            busy = channel.busy_until > deadline
            deadline = max(deadline, channel.busy_until)
            if now >= deadline:
                if proc.poll() is not None:
                    return  # it ended by itself while we looked
                run.hung = True
                if busy:
                    run.busy = channel.busy_reason or "no reason given"
                    log.error(
                        "the exhibit (pid %d) has not answered since it said it would be busy (%s); ending it",
                        proc.pid,
                        run.busy,
                    )
                else:
                    waited = self.policy.heartbeat_timeout if announced else self.policy.startup_grace
                    log.error("the exhibit (pid %d) has not answered for %g s; ending it", proc.pid, waited)
                self._kill_hung(proc)
                return
            if not announced:  # woken at the first beat, so "answering" is said (and timed) at once
                channel.answered.wait(min(deadline - now, 0.1))
                if proc.poll() is None:
                    continue
                announce()
                return
            try:
                proc.wait(timeout=min(deadline - now, 0.5))
                return
            except subprocess.TimeoutExpired:
                continue

    def _end(self, proc: Exhibit) -> None:
        """Ask an exhibit that answers to end (terminate), kill it after `terminate_grace`."""
        if proc.poll() is not None:
            return
        with contextlib.suppress(OSError):
            proc.terminate()
        try:
            proc.wait(timeout=self.policy.terminate_grace)
        except subprocess.TimeoutExpired:
            log.warning("the exhibit (pid %d) did not end; killing it", proc.pid)
            with contextlib.suppress(OSError):
                proc.kill()
            proc.wait()

    def _kill_hung(self, proc: Exhibit) -> None:
        """Stacks first (POSIX, when the child can answer), then kill at once.

        No terminate and no grace: a hung exhibit cannot close cleanly (its GUI thread is the
        one that would), and a stopped one does not even receive SIGTERM until continued.
        """
        if proc.poll() is not None:
            return
        sigusr1 = getattr(signal, "SIGUSR1", None)
        if sigusr1 is not None:
            if _stopped(proc.pid):
                log.warning("the exhibit (pid %d) is stopped (SIGSTOP or a debugger): no stacks to ask for", proc.pid)
            else:
                with contextlib.suppress(OSError):
                    proc.send_signal(sigusr1)
                self._wait_for_dump(proc)
        with contextlib.suppress(OSError):
            proc.kill()
        proc.wait()

    def _wait_for_dump(self, proc: Exhibit) -> None:
        """Until faulthandler has written the stacks (the dump file stops growing), DUMP_GRACE at most."""
        deadline = time.monotonic() + DUMP_GRACE
        size = 0
        while time.monotonic() < deadline:
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=DUMP_POLL)  # it does not end: faulthandler writes and returns
                return
            now_size = crashreports.dump_size(self.log_dir, proc.pid)
            if now_size and now_size == size:
                return
            size = now_size

    # -- daily care ------------------------------------------------------------------------

    def _daily_care(self, proc: Exhibit) -> bool:
        """Write the day's line when the date changes; True when the daily restart is due."""
        now = self.wall()
        ended = self.day_log.day_over(now)
        if ended is not None:
            mono = self.clock()
            running = mono - self._running_since if self._running_since is not None else None
            log.info("%s", self.day_log.line(ended, mono - self._born, running, process_memory(proc.pid)))
        if self.daily is not None and self.daily.due(now):
            log.info(
                "daily restart (%s): the exhibit (pid %d) is ended and started afresh",
                self.daily.at.strftime("%H:%M"),
                proc.pid,
            )
            self._emit(Event("daily", proc.pid))
            return True
        return False

    # -- reports ---------------------------------------------------------------------------

    def _next_step(self, delay: float, fallback: bool) -> str:
        what = "the built-in exhibit" if fallback else "the exhibit"
        return f"restarting {what} in {delay:g} s" if delay > 0 else f"restarting {what} now"

    def _report(self, run: Run, how: str, next_step: str) -> None:
        record = crashreports.ExitRecord(
            pid=run.pid,
            how=how,
            started=run.started_at,
            ended=run.ended_at or datetime.now(),
            command=run.command,
            next_step=next_step,
            stderr_tail=list(run.stderr_tail),
        )
        path = crashreports.write_report(self.log_dir, record)
        if path is not None:
            log.info("crash report: %s", path)
            self._emit(Event("report", run.pid, str(path)))

    def _emit(self, event: Event) -> None:
        if self.on_event is not None:
            self.on_event(event)


class ForkedExhibit:
    """The first exhibit, forked from the supervisor: what `Supervisor` uses of a `Popen`."""

    def __init__(self, pid: int, stderr: IO[bytes]) -> None:
        self.pid = pid
        self.stderr = stderr
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: nothing more can be known
                self.returncode = 255
            else:
                if pid == self.pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        delay = 0.0005
        while (code := self.poll()) is None:
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired(["kiosk", "run"], timeout or 0.0)
            remaining = 0.05 if deadline is None else deadline - time.monotonic()
            time.sleep(max(0.0, min(delay, remaining, 0.05)))
            delay *= 2
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def can_fork() -> bool:
    """Whether the exhibit may be forked from this process now: Linux, and no other thread
    (a lock another thread held at the fork would stay held in the child for ever)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def fork_exhibit(
    args: Sequence[str], env: dict[str, str], heartbeat: HeartbeatChannel, entry: Callable[[list[str]], int]
) -> ForkedExhibit:
    """Fork the exhibit (`entry(["run", *ARGS])`: `kiosk.cli.main`, handed down by the command
    line) from this process, as `Popen` would start it: environment `env`, stdin from
    /dev/null, stderr into a pipe, a session of its own, the heartbeat's write end kept (at the
    same number, named in `env`). Raises OSError."""
    read_end, write_end = os.pipe()
    for stream in (sys.stdout, sys.stderr):  # else the child would write the same lines again
        with contextlib.suppress(Exception):
            stream.flush()
    pid = os.fork()
    if pid == 0:  # the exhibit: never returns into the supervisor's code
        code = 1
        try:
            _become_exhibit(read_end, write_end, heartbeat.read_fd, env)
            sys.argv = [sys.executable, "run", *args]
            code = entry(["run", *args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            with contextlib.suppress(BaseException):
                import atexit

                atexit._run_exitfuncs()
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(code)
    os.close(write_end)
    return ForkedExhibit(pid, os.fdopen(read_end, "rb"))


def _become_exhibit(read_end: int, write_end: int, heartbeat_read: int, env: dict[str, str]) -> None:
    """In the forked child: let go of what belongs to the supervisor."""
    from kiosk import startuptimes

    os.setsid()  # Ctrl+C in a terminal reaches the supervisor only
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(write_end, 2)
    for fd in (write_end, read_end, heartbeat_read):
        os.close(fd)
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    root = logging.getLogger()
    for handler in list(root.handlers):  # the supervisor's log file: the exhibit has its own
        root.removeHandler(handler)
        with contextlib.suppress(Exception):
            handler.close()
    os.environ.clear()
    os.environ.update(env)
    startuptimes.forked()


def _pump(stream: IO[bytes] | None, tail: deque[str]) -> None:
    """Pass the child's stderr on to ours (the journal, a terminal) and keep its last lines."""
    if stream is None:
        return
    with stream:
        for raw in iter(lambda: stream.readline(8192), b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            tail.append(line)
            if sys.stderr is not None:
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write(line + "\n")
                    sys.stderr.flush()


def _stopped(pid: int) -> bool:
    """Linux: the process is stopped (state T, or t under a debugger), so it cannot write its stacks."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False  # not Linux, or gone: try anyway, the dump grace is short
    return stat[stat.rfind(")") + 2 : stat.rfind(")") + 3] in ("T", "t")


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def run_supervised(
    child_args: list[str],
    log_dir: Path | None = None,
    content: Path | None = None,
    policy: RestartPolicy | None = None,
    daily_restart: dt_time | None = None,
    forked_entry: Callable[[list[str]], int] | None = None,
) -> int:
    """`kiosk supervise`: log to `supervisor.log`, run the exhibit under a Supervisor, stop on SIGTERM.

    `child_args` are `kiosk run` arguments. The configured content folder (`--content` in
    them, or `content`) is what the supervisor falls back from; without one, the exhibit
    already shows the built-in content and there is nothing to fall back to.
    """
    from kiosk.logs import default_log_dir, setup_logging

    folder = log_dir or default_log_dir()
    setup_logging(folder, filename="supervisor.log")
    supervisor = Supervisor(
        child_args,
        log_dir=folder,
        content=content,
        policy=policy,
        daily_restart=daily_restart,
        forked_entry=forked_entry,
    )
    log.info("supervisor started (pid %d); logs and crash reports in %s", os.getpid(), folder)
    if daily_restart is not None:
        log.info("daily restart at %s (the PC's local time)", daily_restart.strftime("%H:%M"))

    def on_signal(signum: int, _frame: object) -> None:
        supervisor.stop(f"signal {signum} received: the exhibit was stopped")

    stop_signals = [sig for sig in ("SIGTERM", "SIGINT", "SIGHUP", "SIGBREAK") if hasattr(signal, sig)]
    previous = {name: signal.signal(getattr(signal, name), on_signal) for name in stop_signals}
    try:
        return supervisor.run()
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)
