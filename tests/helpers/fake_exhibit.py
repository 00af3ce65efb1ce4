"""A stand-in for the exhibit in the supervisor tests (tests/unit/supervision/test_supervisor.py):
starts in milliseconds, misbehaves on demand.

Each start takes the next behaviour from the JSON list in PLAN (the last one repeats) and
appends what it was given (arguments, environment) to RUNS, one JSON object a line.

Behaviours: quit (exit 0), restart (exit 75), crash (exit 3 after a line on stderr),
segv (a real segmentation fault, dumped by faulthandler), hang (beats, then its "GUI thread"
stops), silent (never beats), run (beats until it is ended), busy (beats, says it is busy
for 5 s, works 2 s without a beat, beats again a few times and quits), busy-hang (beats,
says it is busy for 2.5 s, then stops for good).
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's kiosk, not an installed one

from kiosk.supervision.contract import ENV_HEARTBEAT_FD, ENV_NOTE, busy_message
from kiosk.supervision.crashreports import FaultLog

BEAT_SECONDS = 0.05


def beat() -> None:
    os.write(int(os.environ[ENV_HEARTBEAT_FD]), b".")


def beats(count: int) -> None:
    for _ in range(count):
        time.sleep(BEAT_SECONDS)
        beat()


def main() -> int:
    plan_file, runs_file = Path(sys.argv[1]), Path(sys.argv[2])
    plan = json.loads(plan_file.read_text(encoding="utf-8"))
    behaviour = plan[0]
    if len(plan) > 1:
        plan_file.write_text(json.dumps(plan[1:]), encoding="utf-8")
    with runs_file.open("a", encoding="utf-8") as runs:
        record = {"pid": os.getpid(), "behaviour": behaviour, "args": sys.argv[3:], "note": os.environ.get(ENV_NOTE)}
        runs.write(json.dumps(record) + "\n")
    fault_log = FaultLog.start(Path(os.environ["KIOSK_LOG_DIR"]))  # as the real exhibit does

    if behaviour == "silent":
        threading.Event().wait()
    beat()
    if behaviour in ("quit", "restart"):
        if fault_log is not None:
            fault_log.stop()
        return 0 if behaviour == "quit" else 75
    if behaviour == "crash":
        print("fake exhibit: something went wrong", file=sys.stderr, flush=True)
        return 3
    if behaviour == "segv":
        print("fake exhibit: about to crash", file=sys.stderr, flush=True)
        faulthandler._sigsegv()
    if behaviour == "hang":
        beats(3)
        threading.Event().wait()  # the GUI thread is stuck: no more beats
    if behaviour in ("busy", "busy-hang"):
        beats(3)
        os.write(int(os.environ[ENV_HEARTBEAT_FD]), busy_message(5 if behaviour == "busy" else 2.5, "loading content"))
        if behaviour == "busy-hang":
            threading.Event().wait()
        time.sleep(2.0)  # long work on the GUI thread, longer than the tests' heartbeat timeout
        beats(10)
        if fault_log is not None:
            fault_log.stop()
        return 0
    while True:  # "run"
        time.sleep(BEAT_SECONDS)
        beat()


if __name__ == "__main__":
    sys.exit(main())
