"""The record under real processes: killed with SIGKILL mid-batch, and two kiosks at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.services import analytics

#: A kiosk stand-in: writes visits as fast as it can, in batches, until killed or done.
WRITER = """
import sys, time
from pathlib import Path
from kiosk.services.analytics import Event, Recorder, SessionStart, SessionUpdate, utc_now
path, count, tag = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
recorder = Recorder(path, flush_seconds=0.01)
recorder.start()
for n in range(count):
    session = tag * 10_000_000 + n
    now = utc_now()
    recorder.put(SessionStart(session, now, "fr", "abc", "1.0"))
    for step in range(20):
        recorder.put(Event(session, now + step, step, "item", "timeline", f"event-{step}"))
    recorder.put(SessionUpdate(session, 20.0, "fr", ended=True))
    if n == 50:
        print("writing", flush=True)
    if n % 100 == 0:
        time.sleep(0.001)
recorder.stop()
print("done", flush=True)
"""


def writer(path: Path, count: int, tag: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(count), str(tag)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_kill_in_the_middle_of_a_batch_leaves_a_readable_record(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    child = writer(path, 1_000_000, 1)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not path.exists() or path.stat().st_size < 200_000):
        time.sleep(0.01)  # the writer thread is busy writing batches
    os.kill(child.pid, signal.SIGKILL)
    child.wait(10)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    sessions = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]
    assert sessions > 0
    connection.close()
    # The next start goes on writing into the same file.
    again = analytics.Recorder(path, flush_seconds=0.01)
    again.start()
    again.put(analytics.SessionStart(42, analytics.utc_now(), "fr", "", ""))
    again.stop()
    assert sqlite3.connect(path).execute("SELECT count(*) FROM sessions WHERE id = 42").fetchone()[0] == 1


def test_two_kiosk_processes_write_one_record_at_once(tmp_path: Path) -> None:
    path = tmp_path / "visits.sqlite"
    children = [writer(path, 400, tag) for tag in (1, 2)]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        assert "done" in out
        assert "visitor record stopped" not in err
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM sessions").fetchone()[0] == 800
    assert connection.execute("SELECT count(*) FROM events").fetchone()[0] == 800 * 20
    assert not [p for p in tmp_path.iterdir() if "-locked-" in p.name or ".locked-" in p.name]
