"""What the supervisor does when the exhibit stops: a pure policy, time goes in, a decision comes out.

The exhibit (the child process) tells the supervisor why it ended with its exit code:

- 0  (`EXIT_QUIT`): the staff quit to the desktop on purpose; the supervisor stops too.
- 75 (`EXIT_RESTART`, EX_TEMPFAIL): "restart me" (the admin screen's restart button); restarted
  at once, not counted as a crash, and the configured content is tried again.
- anything else, or a signal: a crash. Restarted after a growing pause (1, 2, 5, 10, 30 s...),
  which falls back to the first step once the exhibit has run well for a while.
- a child that stopped answering (no heartbeat) counts as a crash too, but its first
  restart is immediate: the visitors already looked at a frozen screen while the supervisor
  waited for the heartbeat, and a hang cannot loop fast (each one lasts `heartbeat_timeout`).
  Hangs that follow each other take the pauses above (0, then 1, 2, 5...).

When the configured content crashes (or hangs) the exhibit `crash_limit` times within
`crash_window` seconds, the supervisor falls back to the built-in exhibit until it is
restarted (the nightly restart tries the configured one again).

No clock here: the supervisor passes times in (seconds, any monotonic origin), so tests do too.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.supervision.contract import EXIT_QUIT, EXIT_RESTART


class ExitKind(StrEnum):
    QUIT = "quit"  # on purpose, to the desktop
    RESTART = "restart"  # on purpose, asking to be started again
    CRASH = "crash"  # an error exit code or a signal
    HUNG = "hung"  # stopped answering; the supervisor killed it


class Action(StrEnum):
    STOP = "stop"
    RESTART = "restart"


def classify(returncode: int | None, hung: bool = False) -> ExitKind:
    """Why the exhibit ended, from its exit code (negative: killed by that signal on POSIX)."""
    if hung:
        return ExitKind.HUNG
    if returncode == EXIT_QUIT:
        return ExitKind.QUIT
    if returncode == EXIT_RESTART:
        return ExitKind.RESTART
    return ExitKind.CRASH


@dataclass(frozen=True)
class RestartPolicy:
    """The timings; the defaults suit an exhibition PC, tests pass short ones."""

    backoff: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0, 30.0)  #: pauses before restarts after crashes
    healthy_after: float = 300.0  #: a run this long resets the pauses to the first step
    crash_limit: int = 3  #: this many crashes...
    crash_window: float = 600.0  #: ...within this many seconds: fall back to the built-in exhibit
    heartbeat_timeout: float = 4.0  #: no heartbeat for this long (and not busy): the exhibit is hung
    startup_grace: float = 60.0  #: time allowed for the first heartbeat (a cold start is slow)
    busy_limit: float = 60.0  #: the longest a "busy" message may hold the heartbeat off
    terminate_grace: float = 5.0  #: after asking an answering exhibit to end (stop), kill it after this long

    def __post_init__(self) -> None:
        if not self.backoff or any(step < 0 for step in self.backoff):
            raise ValueError("backoff needs at least one pause, none negative")
        if self.crash_limit < 1:
            raise ValueError("crash_limit must be at least 1")
        positive = (self.healthy_after, self.crash_window, self.heartbeat_timeout, self.startup_grace)
        if min(positive) <= 0 or self.terminate_grace < 0 or self.busy_limit < 0:
            raise ValueError("supervisor timings must be positive")


@dataclass(frozen=True)
class Decision:
    action: Action
    delay: float = 0.0  #: seconds to wait before starting the exhibit again
    fall_back: bool = False  #: start the built-in exhibit instead of the configured content
    note: str | None = None  #: a line for the log and the admin screen, when something changed


@dataclass
class Supervision:
    """The supervisor's memory of past runs; `exited` says what to do after each one."""

    policy: RestartPolicy = field(default_factory=RestartPolicy)
    content_label: str = "configured"  #: how the note names the configured content
    can_fall_back: bool = True  #: False when the configured content is the built-in one
    fallback: bool = False  #: showing the built-in exhibit because the configured one crashed
    _step: int = 0
    _crashes: deque[float] = field(default_factory=deque)

    def exited(self, kind: ExitKind, started: float, ended: float) -> Decision:
        """The exhibit started at `started` ended at `ended` for this reason: what now?"""
        if kind is ExitKind.QUIT:
            return Decision(Action.STOP)
        if kind is ExitKind.RESTART:
            self._step = 0
            self._crashes.clear()
            was_fallback, self.fallback = self.fallback, False
            note = f"Restart asked: trying the content folder {self.content_label} again." if was_fallback else None
            return Decision(Action.RESTART, 0.0, fall_back=False, note=note)

        if ended - started >= self.policy.healthy_after:
            self._step = 0
        if kind is ExitKind.HUNG:  # a first hang is restarted at once, later ones one step behind crashes
            delay = 0.0 if self._step == 0 else self.policy.backoff[min(self._step - 1, len(self.policy.backoff) - 1)]
        else:
            delay = self.policy.backoff[min(self._step, len(self.policy.backoff) - 1)]
        self._step += 1
        self._crashes.append(ended)
        while self._crashes and self._crashes[0] < ended - self.policy.crash_window:
            self._crashes.popleft()

        if not self.fallback and self.can_fall_back and len(self._crashes) >= self.policy.crash_limit:
            count = len(self._crashes)
            self.fallback = True
            self._crashes.clear()
            self._step = 1
            first = 0.0 if kind is ExitKind.HUNG else self.policy.backoff[0]
            note = (
                f"The content folder {self.content_label} crashed the exhibit {count} times in "
                f"{_duration(self.policy.crash_window)}; showing the built-in exhibit instead."
            )
            return Decision(Action.RESTART, first, fall_back=True, note=note)
        return Decision(Action.RESTART, delay, fall_back=self.fallback)


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:g} minutes"
    return f"{seconds:g} seconds"
