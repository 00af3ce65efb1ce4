"""Daily care, done by the supervisor: a fresh exhibit every day at a quiet time, and one
line a day in the log that shows a drift (memory, restarts) before it becomes a problem.

Pure rules, no clock of their own: the supervisor passes the local time in, so tests jump
across days, a change of summer time and a clock set back or forward by hours.

- `next_restart(now, at)`: the next moment the wall clock reads `at` (the exhibition PC's
  local time). A time that does not exist that day (02:30 when the clocks go forward) comes
  an hour later (03:30); a time that happens twice (when the clocks go back) is taken once,
  the first time.
- `DailyRestart` keeps the next moment and says when it has come. A clock moved forward
  past it restarts the exhibit once (not once per missed day); a clock moved back by hours
  moves the next moment back too, so the restart is never more than a day away.
- `DayLog` counts the day's restarts by cause and writes the day's line when the date
  changes: uptime of the supervisor and of the exhibit, the exhibit's memory (now and its
  peak), and the restarts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

#: "06:30": hours 00-23, minutes 00-59.
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")

#: The causes of a restart, in the order the day's line lists them.
CAUSES = ("daily", "asked", "crash", "hang")


def parse_time(text: str) -> time:
    """`"06:30"` -> 06:30; a ValueError that says what is expected otherwise."""
    match = TIME_PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a time of day written HH:MM, such as 06:30")
    return time(int(match.group(1)), int(match.group(2)))


def time_of_day(value: object) -> time:
    """kiosk.yaml's daily_restart: `"06:30"` -> 06:30. YAML reads an unquoted 16:30 as the
    number 990 (minutes, base 60): such a number is taken back as the time it was written as."""
    if isinstance(value, bool):
        raise ValueError(f'should be a time of day written "HH:MM", such as "06:30", not {value}')
    if isinstance(value, int) and 0 <= value < 24 * 60:
        return time(value // 60, value % 60)
    if not isinstance(value, str):
        raise ValueError(f'should be a time of day written "HH:MM", such as "06:30", not {value!r}')
    return parse_time(value)


def local_moment(naive: datetime, tz: tzinfo | None = None) -> datetime:
    """The moment a local wall-clock reading names, in `tz` (None: the PC's own time zone and
    its summer-time rules). A reading inside the spring-forward gap names the moment an hour
    later (02:30 -> 03:30); a reading that happens twice names the first (fold 0)."""
    if tz is None:
        return naive.astimezone()  # the system's rules (mktime)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def next_restart(now: datetime, at: time, tz: tzinfo | None = None) -> datetime:
    """The first moment after `now` (aware) at which the local clock reads `at`."""
    today = (now.astimezone() if tz is None else now.astimezone(tz)).date()
    for offset in range(3):
        candidate = local_moment(datetime.combine(today + timedelta(days=offset), at), tz)
        if candidate > now:
            return candidate
    raise AssertionError("a day always has that time")  # pragma: no cover


@dataclass
class DailyRestart:
    """When the next daily restart is due, kept right when the clock jumps."""

    at: time
    tz: tzinfo | None = None  #: None: the PC's own time zone
    next_at: datetime | None = None

    def due(self, now: datetime) -> bool:
        """True once when the moment has come (then the next one is set)."""
        if self.next_at is None or self.next_at - now > timedelta(days=1, hours=1):
            self.next_at = next_restart(now, self.at, self.tz)  # first call, or the clock went back
        if now >= self.next_at:
            self.next_at = next_restart(now, self.at, self.tz)
            return True
        return False


@dataclass(frozen=True)
class Memory:
    """An exhibit process's memory, in bytes."""

    resident: int
    peak: int


def process_memory(pid: int) -> Memory | None:
    """Resident and peak memory of a process, where the system says (Linux); else None."""
    try:
        text = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    found = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            parts = value.split()
            if parts and parts[0].isdigit():
                found[key] = int(parts[0]) * 1024
    if "VmRSS" not in found:
        return None
    return Memory(found["VmRSS"], found.get("VmHWM", found["VmRSS"]))


def describe_duration(seconds: float) -> str:
    """`3 d 4 h`, `5 h 12 min`, `40 min`: an uptime read at a glance."""
    minutes = int(max(0.0, seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min"


@dataclass
class DayLog:
    """The day's restarts, and the line written when the day is over."""

    day: date | None = None
    restarts: Counter[str] = field(default_factory=Counter)

    def restarted(self, cause: str) -> None:
        if cause not in CAUSES:
            raise ValueError(f"unknown restart cause {cause!r}")
        self.restarts[cause] += 1

    def day_over(self, now: datetime) -> date | None:
        """The day that has just ended, once, when `now` falls on a later (or earlier) date."""
        today = now.date()
        if self.day is None:
            self.day = today
            return None
        if today == self.day:
            return None
        ended, self.day = self.day, today
        return ended

    def line(self, ended: date, supervisor_up: float, exhibit_up: float | None, memory: Memory | None) -> str:
        """One line for the log, then the counts start again for the new day."""
        total = sum(self.restarts.values())
        causes = ", ".join(f"{cause} {self.restarts[cause]}" for cause in CAUSES)
        exhibit = f"exhibit up {describe_duration(exhibit_up)}" if exhibit_up is not None else "exhibit not running"
        if memory is not None:
            mib = 1024 * 1024
            used = f"memory {memory.resident / mib:.0f} MiB (peak {memory.peak / mib:.0f} MiB)"
        else:
            used = "memory not measured on this system"
        self.restarts.clear()
        return (
            f"day {ended.isoformat()}: supervisor up {describe_duration(supervisor_up)}, {exhibit}, {used}, "
            f"restarts {total} ({causes})"
        )
