"""kiosk/startuptimes.py: the start-up's stages as the benchmarks read them (bench/startup.py,
bench/dist.py), and what it reports about the processes of a launch."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from kiosk import startuptimes
from tests.helpers.paths import REPO


@pytest.fixture(autouse=True)
def fresh_marks(monkeypatch: pytest.MonkeyPatch) -> None:
    """This test process may have built many scenes already (each marks its stages)."""
    monkeypatch.setattr(startuptimes, "_marks", [("kiosk code", time.time(), time.process_time())])


def test_marks_are_in_order_with_wall_and_processor_time() -> None:
    before = time.time()
    startuptimes.mark("a stage of this test")
    name, at, cpu = startuptimes.marks()[-1]
    assert name == "a stage of this test"
    assert before <= at <= time.time()
    assert 0 < cpu <= time.process_time()
    stamps = [at for _name, at, _cpu in startuptimes.marks()]
    assert stamps == sorted(stamps)
    assert startuptimes.marks()[0][0] == "kiosk code"  # noted when the module is first imported
    assert startuptimes.report()["marks"][-1][0] == "a stage of this test"


def test_a_process_that_builds_many_scenes_stops_noting() -> None:
    for _ in range(startuptimes.MAX_MARKS + 10):
        startuptimes.mark("again")
    assert len(startuptimes.marks()) == startuptimes.MAX_MARKS


def test_launch_stamps_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startuptimes.STAMPS_ENV, "python=100.5;garbled;python=101.25")
    assert startuptimes.launch_stamps() == [("python", 100.5), ("python", 101.25)]
    monkeypatch.delenv(startuptimes.STAMPS_ENV)
    assert startuptimes.launch_stamps() == []


def test_the_report_is_json_and_says_when_this_process_started() -> None:
    report = json.loads(json.dumps(startuptimes.report()))
    assert set(report) == {"parent", "process", "launch", "marks"}
    assert report["parent"] is None  # only a frozen build's supervisor is reported
    if sys.platform.startswith("linux"):
        # /proc counts in clock ticks (10 ms): this process started before its first mark.
        assert report["process"] <= report["marks"][0][1] + 0.02
        assert report["process"] > time.time() - 3600
    else:
        assert report["process"] is None


def test_a_child_process_started_now_reports_a_start_just_after_its_launch() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the process's start is read from /proc")
    code = "from kiosk import startuptimes; print(startuptimes.process_started())"
    launched = time.time()
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    started = float(result.stdout)
    assert launched - 0.02 <= started <= time.time()
