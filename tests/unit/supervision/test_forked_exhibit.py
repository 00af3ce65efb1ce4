"""The first exhibit forked from the supervisor (Linux): watched as a new process would be,
and every restart after it a new process.

Each case runs a supervisor in a fresh Python (a pytest worker has threads of its own, and
the supervisor forks only from a process that has none), with a stand-in for `kiosk run`
as the forked exhibit's entry and a stand-in command for the processes started after it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.supervision.supervisor import can_fork
from tests.helpers.paths import REPO

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the exhibit is forked on Linux only")

SUPERVISE = """
import json, logging, os, sys, time
from pathlib import Path
from kiosk.supervision.policy import RestartPolicy
from kiosk.supervision.supervisor import Supervisor

log_dir = Path(sys.argv[1])
logging.basicConfig(filename=log_dir / "supervisor.log", level=logging.INFO)
events = []

def beat():
    os.write(int(os.environ["KIOSK_HEARTBEAT_FD"]), b".")

{entry}

later = [sys.executable, "-c", "import sys; print('a new process', file=sys.stderr); sys.exit(0)"]
supervisor = Supervisor(
    ["--fullscreen"],
    log_dir=log_dir,
    policy=RestartPolicy(backoff=(0.0,), startup_grace=1.5, heartbeat_timeout=1.0, terminate_grace=1.0),
    command=lambda args: list(later),
    on_event=lambda event: events.append([event.kind, event.pid, event.detail]),
    forked_entry=entry,
)
supervisor.run()
print(json.dumps({{"events": events, "supervisor": os.getpid()}}))
"""


def supervise(tmp_path: Path, entry: str) -> tuple[list[list[object]], int, str]:
    script = SUPERVISE.format(entry=textwrap.dedent(entry))
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return found["events"], found["supervisor"], result.stderr


def kinds(events: list[list[object]]) -> list[object]:
    return [event[0] for event in events]


def test_a_crash_of_the_forked_exhibit_is_reported_and_followed_by_a_new_process(tmp_path: Path) -> None:
    events, supervisor, stderr = supervise(
        tmp_path,
        """
        def entry(argv):
            beat()
            print("argv", argv, sys.argv[1:], "env", os.environ.get("KIOSK_SUPERVISED"), file=sys.stderr)
            print("handlers", len(logging.getLogger().handlers), file=sys.stderr)
            print("session", os.getsid(0) == os.getpid(), file=sys.stderr)
            logging.getLogger("kiosk").warning("written by the exhibit")
            time.sleep(0.2)
            return 3
        """,
    )
    started = [event for event in events if event[0] == "started"]
    assert len(started) == 2
    assert str(started[0][2]).endswith("(forked from the supervisor)")
    assert started[0][1] != supervisor
    assert "forked" not in str(started[1][2])  # the restart is a new process
    ended = [event for event in events if event[0] == "ended"]
    assert [event[2] for event in ended] == ["exit code 3", "exit code 0"]
    assert kinds(events)[-1] == "stopped"
    report = next(tmp_path.glob("crash-*.txt")).read_text(encoding="utf-8")
    assert "argv ['run', '--fullscreen'] ['run', '--fullscreen'] env 1" in report  # its stderr, as a process's
    assert "handlers 0" in report  # the supervisor's log file is not the exhibit's
    assert "session True" in report  # Ctrl+C in a terminal reaches the supervisor only
    assert "written by the exhibit" not in (tmp_path / "supervisor.log").read_text(encoding="utf-8")
    assert "a new process" in stderr  # the restart's stderr is passed on, as the first one's


def test_a_forked_exhibit_that_never_answers_is_ended_and_replaced(tmp_path: Path) -> None:
    events, _, _ = supervise(
        tmp_path,
        """
        def entry(argv):
            time.sleep(60)
            return 0
        """,
    )
    ended = [event for event in events if event[0] == "ended"]
    assert str(ended[0][2]).startswith("stopped answering")
    started = [event for event in events if event[0] == "started"]
    assert len(started) == 2 and "forked" not in str(started[1][2])


def test_a_forked_exhibit_that_quits_on_purpose_stops_the_supervisor(tmp_path: Path) -> None:
    events, _, _ = supervise(
        tmp_path,
        """
        def entry(argv):
            beat()
            raise SystemExit(0)
        """,
    )
    assert kinds(events).count("started") == 1
    assert kinds(events)[-1] == "stopped"


def test_no_fork_where_another_thread_runs() -> None:
    """A pytest worker has threads: the supervisor would start a new process here."""
    import threading

    holder = threading.Event()
    thread = threading.Thread(target=holder.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        holder.set()
        thread.join()
