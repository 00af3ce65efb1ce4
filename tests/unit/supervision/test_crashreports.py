"""Crash reports: named by time and pid, merged with faulthandler's dump, rotated and capped."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk import atomicio
from kiosk.supervision import crashreports
from kiosk.supervision.crashreports import ExitRecord
from tests.helpers.paths import REPO

WHEN = datetime(2025, 6, 1, 14, 30, 5)


def record(pid: int = 4242, **changes: object) -> ExitRecord:
    values: dict[str, object] = {
        "pid": pid,
        "how": "killed by signal 11 (SIGSEGV)",
        "started": datetime(2025, 6, 1, 14, 0, 0),
        "ended": WHEN,
        "command": ["kiosk", "run", "--fullscreen"],
        "next_step": "restarting in 2 s",
        "stderr_tail": ["qt.qpa: something", "Fatal Python error: Segmentation fault"],
    }
    values.update(changes)
    return ExitRecord(**values)  # type: ignore[arg-type]


def make_reports(folder: Path, sizes: list[int]) -> list[Path]:
    """Reports from oldest to newest (one minute apart), of the given sizes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, size in enumerate(sizes):
        path = folder / crashreports.report_name(datetime(2025, 1, 1, 10, index, 0), 1000 + index)
        path.write_bytes(b"x" * size)
        os.utime(path, (1_700_000_000 + 60 * index, 1_700_000_000 + 60 * index))
        paths.append(path)
    return paths


def test_names_sort_by_time() -> None:
    assert crashreports.report_name(WHEN, 4242) == "crash-20250601-143005-4242.txt"


@pytest.mark.parametrize(
    ("code", "hung", "words"),
    [
        (-11, False, "killed by signal 11 (SIGSEGV)"),
        (-9, False, "killed by signal 9 (SIGKILL)"),
        (3, False, "exit code 3"),
        (0xC0000005, False, "exit code 3221225477 (0xC0000005)"),
        (None, False, "could not be started"),
        (-9, True, "stopped answering (no heartbeat for 15 s); the supervisor ended it"),
    ],
)
def test_exits_are_described_in_words(code: int | None, hung: bool, words: str) -> None:
    assert crashreports.describe_exit(code, hung, heartbeat_timeout=15) == words


def test_an_exhibit_busy_for_longer_than_it_said_is_described_so() -> None:
    words = crashreports.describe_exit(-9, True, heartbeat_timeout=4, busy="building the scene")
    assert words == "stopped answering (busy for longer than it said: building the scene); the supervisor ended it"


def test_the_dump_size_counts_what_faulthandler_wrote_for_that_pid_only(tmp_path: Path) -> None:
    assert crashreports.dump_size(tmp_path, 4242) == 0, "no dump file"
    (tmp_path / "crash-20250601-143005-4242.txt").write_text("Thread 0x1\n", encoding="utf-8")
    (tmp_path / "crash-20250601-143005-4243.txt").write_text("another exhibit\n", encoding="utf-8")
    assert crashreports.dump_size(tmp_path, 4242) == len("Thread 0x1\n")


def test_a_report_says_how_when_and_what_the_exhibit_said(tmp_path: Path) -> None:
    path = crashreports.write_report(tmp_path, record())
    assert path == tmp_path / "crash-20250601-143005-4242.txt"
    text = path.read_text(encoding="utf-8")
    assert "how:       killed by signal 11 (SIGSEGV)" in text
    assert "when:      2025-06-01 14:30:05" in text
    assert "ran for 1805.0 s" in text
    assert "next:      restarting in 2 s" in text
    assert text.endswith("qt.qpa: something\nFatal Python error: Segmentation fault\n")


def test_the_exhibits_own_dump_is_merged_into_the_report(tmp_path: Path) -> None:
    dump = tmp_path / "crash-20250601-140000-4242.txt"
    dump.write_text('Fatal Python error: Segmentation fault\n\nThread 0x1 (most recent call first):\n  File "app.py"\n')
    other = tmp_path / "crash-20250601-140000-77.txt"  # another process's dump stays
    other.write_text("")
    path = crashreports.write_report(tmp_path, record(pid=4242))
    assert path is not None
    text = path.read_text(encoding="utf-8")
    assert "--- Python stacks at the crash (faulthandler) ---" in text
    assert 'File "app.py"' in text
    assert not dump.exists()
    assert other.exists()


def test_a_dump_with_the_same_name_as_the_report_is_replaced_not_lost(tmp_path: Path) -> None:
    dump = tmp_path / "crash-20250601-143005-4242.txt"  # crashed in the second it started
    dump.write_text("Fatal Python error: Aborted\n")
    path = crashreports.write_report(tmp_path, record(pid=4242))
    assert path == dump
    assert "Fatal Python error: Aborted" in path.read_text(encoding="utf-8")


def test_at_most_twenty_reports_are_kept_oldest_go_first(tmp_path: Path) -> None:
    paths = make_reports(tmp_path, [100] * 25)
    removed = crashreports.prune(tmp_path)
    assert sorted(removed) == sorted(paths[:5])
    assert crashreports.reports(tmp_path) == list(reversed(paths[5:]))


def test_reports_are_capped_at_five_megabytes_in_all(tmp_path: Path) -> None:
    paths = make_reports(tmp_path, [1_000_000] * 7)
    crashreports.prune(tmp_path)
    assert crashreports.reports(tmp_path) == list(reversed(paths[2:]))


def test_writing_a_report_prunes_and_removes_temp_leftovers(tmp_path: Path) -> None:
    make_reports(tmp_path, [10] * 20)
    leftover = tmp_path / ".crash-20250101-100000-1000.txt.abcd1234.tmp"
    leftover.write_text("half a report")
    unrelated = tmp_path / "kiosk.log"
    unrelated.write_text("log")
    crashreports.write_report(tmp_path, record())
    assert len(crashreports.reports(tmp_path)) == 20
    assert (tmp_path / "crash-20250601-143005-4242.txt").exists(), "the new one is kept"
    assert not (tmp_path / "crash-20250101-100000-1000.txt").exists(), "the oldest one went"
    assert not leftover.exists()
    assert unrelated.exists()


def test_a_full_disk_is_reported_on_stderr_and_nothing_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dump = tmp_path / "crash-20250601-140000-4242.txt"
    dump.write_text("Fatal Python error: Segmentation fault\n")

    def disk_full(path: object, text: str, encoding: str = "utf-8") -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicio, "write_text", disk_full)
    assert crashreports.write_report(tmp_path, record()) is None
    err = capsys.readouterr().err
    assert "cannot write the crash report" in err and "No space left on device" in err
    assert dump.exists(), "the only evidence is kept"


CHILD = """
import sys, faulthandler
from pathlib import Path
from kiosk.supervision.crashreports import FaultLog
log = FaultLog.start(Path(sys.argv[1]))
print(log.path.name, flush=True)
if sys.argv[2] == "crash":
    faulthandler._sigsegv()
log.stop()
"""


def run_child(folder: Path, mode: str) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    return result.returncode, result.stdout.strip()


@pytest.mark.skipif(not hasattr(signal, "SIGSEGV"), reason="POSIX signals")
def test_a_crashing_exhibit_leaves_its_python_stack_in_the_log_folder(tmp_path: Path) -> None:
    code, name = run_child(tmp_path, "crash")
    assert code == -signal.SIGSEGV
    assert name.startswith("crash-") and name.endswith(".txt")
    dump = (tmp_path / name).read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in dump
    assert '<string>", line 8 in <module>' in dump


def test_an_exhibit_that_ends_well_leaves_no_file(tmp_path: Path) -> None:
    code, name = run_child(tmp_path, "fine")
    assert code == 0
    assert name.startswith("crash-")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_log_folder_does_not_stop_the_exhibit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    assert crashreports.FaultLog.start(blocker) is None
    assert "cannot keep crash dumps" in capsys.readouterr().err


def test_empty_dumps_of_ended_exhibits_are_removed_at_the_next_start(tmp_path: Path) -> None:
    """An exhibit killed outright (SIGKILL, a power cut) cannot remove its empty file; the
    next start does, keeping real reports and the files of exhibits still running."""
    from kiosk.supervision.crashreports import forget_empty_dumps

    ended = tmp_path / "crash-20261207-090000-111.txt"
    running = tmp_path / "crash-20261207-090500-222.txt"
    report = tmp_path / "crash-20261207-080000-333.txt"
    for path in (ended, running):
        path.write_text("", encoding="utf-8")
    report.write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    removed = forget_empty_dumps(tmp_path, alive=lambda pid: pid == 222)
    assert removed == [ended]
    assert running.exists() and report.exists()
