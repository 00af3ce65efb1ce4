"""The contract between the supervisor and the exhibit it runs, defined once.

- Exit codes: the exhibit tells the supervisor why it ended.
  - `EXIT_QUIT` (0): staff quit to the desktop on purpose; the supervisor stops too.
  - `EXIT_RESTART` (75, EX_TEMPFAIL in sysexits.h): "start me again" (the admin screen's
    restart button); restarted at once, not counted as a crash.
  - anything else, or a signal: a crash.
- Environment variables the supervisor sets for the exhibit (`ENV_*`).
- The heartbeat pipe's messages, from the exhibit to the supervisor (`BEAT`, busy lines).

Plain Python with no imports of the kiosk's own: the supervisor, the services and the
bridge all read it.
"""

from __future__ import annotations

EXIT_QUIT = 0
EXIT_RESTART = 75

#: Environment variables of the contract between the supervisor and the exhibit.
ENV_HEARTBEAT_FD = "KIOSK_HEARTBEAT_FD"  # POSIX: file descriptor of the heartbeat pipe's write end
ENV_HEARTBEAT_HANDLE = "KIOSK_HEARTBEAT_HANDLE"  # Windows: inherited handle of the same pipe
ENV_NOTE = "KIOSK_SUPERVISOR_NOTE"  # one line for the admin screen, set when showing the fallback
ENV_SUPERVISED = "KIOSK_SUPERVISED"  # "1" in a supervised exhibit

#: The heartbeat pipe's messages, from the exhibit to the supervisor (ASCII bytes).
BEAT = b"."  # "I am alive": the GUI thread runs, and the window drew the frame it was asked for
BUSY = b"busy"  # b"busy SECONDS REASON\n": long work on the GUI thread ahead, no beats for up to SECONDS
#: A busy message is a line; longer ones are cut (the reason is for the log only).
BUSY_MAX_BYTES = 120


def busy_message(seconds: float, reason: str) -> bytes:
    """The line the exhibit writes before known long work on its GUI thread (0 s: the work is over)."""
    words = " ".join(reason.split()).encode("ascii", "replace")
    line = BUSY + b" " + f"{max(0.0, seconds):g}".encode("ascii") + (b" " + words if words else b"")
    return line[: BUSY_MAX_BYTES - 1] + b"\n"


def parse_busy(line: bytes) -> tuple[float, str] | None:
    """(seconds, reason) from a busy line without its newline, or None if it is not one."""
    parts = line.split(b" ", 2)
    if len(parts) < 2 or parts[0] != BUSY:
        return None
    try:
        seconds = float(parts[1])
    except ValueError:
        return None
    if not seconds >= 0:  # NaN too
        return None
    reason = parts[2].decode("ascii", "replace") if len(parts) > 2 else ""
    return seconds, reason
