"""The exhibit's heartbeat, from the real Qt event loop, into a real pipe."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from kiosk.bridge.heartbeat import Heartbeat, heartbeat_fd, start_heartbeat

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    yield read_fd, write_fd
    for fd in (read_fd, write_fd):
        try:
            os.close(fd)
        except OSError:
            pass


def received(read_fd: int) -> int:
    try:
        return len(os.read(read_fd, 4096))
    except BlockingIOError:
        return 0


def test_the_gui_thread_beats_into_the_pipe(qtbot: object, pipe: tuple[int, int]) -> None:
    read_fd, write_fd = pipe
    heartbeat = Heartbeat(write_fd, interval_ms=20)
    heartbeat.start()
    total = [0]

    def three_beats() -> bool:
        total[0] += received(read_fd)
        return total[0] >= 3

    qtbot.waitUntil(three_beats, timeout=5000)  # type: ignore[attr-defined]
    heartbeat.stop()
    assert not heartbeat.active


def test_the_first_beat_comes_as_soon_as_the_event_loop_runs(qtbot: object, pipe: tuple[int, int]) -> None:
    read_fd, write_fd = pipe
    heartbeat = Heartbeat(write_fd, interval_ms=60_000)
    heartbeat.start()
    qtbot.waitUntil(lambda: received(read_fd) == 1, timeout=5000)  # type: ignore[attr-defined]
    heartbeat.stop()


def test_when_the_supervisor_is_gone_the_exhibit_is_told_once(qtbot: object, pipe: tuple[int, int]) -> None:
    read_fd, write_fd = pipe
    os.close(read_fd)  # the supervisor died: nobody reads any more
    gone: list[bool] = []
    heartbeat = Heartbeat(write_fd, interval_ms=20, on_gone=lambda: gone.append(True))
    heartbeat.start()
    qtbot.waitUntil(lambda: gone == [True], timeout=5000)  # type: ignore[attr-defined]
    assert not heartbeat.active, "stopped: it will not tell again"
    heartbeat.beat()
    assert gone == [True]


def test_no_heartbeat_without_the_supervisor(qapp: object) -> None:
    assert start_heartbeat({}) is None


def test_a_bad_value_means_no_heartbeat(qapp: object) -> None:
    assert heartbeat_fd({"KIOSK_HEARTBEAT_FD": "not-a-number"}) is None
    assert heartbeat_fd({"KIOSK_HEARTBEAT_FD": "7"}) == 7
