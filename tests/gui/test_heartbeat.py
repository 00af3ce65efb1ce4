"""The exhibit's heartbeat, from the real Qt event loop, into a real pipe; frames drawn, busy lines."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtGui import QWindow
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.bridge.heartbeat import Heartbeat, busy, heartbeat_fd, start_heartbeat

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX pipes")


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    yield read_fd, write_fd
    for fd in (read_fd, write_fd):
        with contextlib.suppress(OSError):
            os.close(fd)


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


# -- frames: a beat also says the window drew the frame it was asked for -------------------


@pytest.fixture
def make_heartbeat(pipe: tuple[int, int]) -> Iterator[Callable[[int], Heartbeat]]:
    """Heartbeats into the pipe's write end, stopped at the end of the test, even a failed one
    (a heartbeat left running would beat into the next test's pipe, which may reuse the number)."""
    made: list[Heartbeat] = []

    def make(interval_ms: int) -> Heartbeat:
        made.append(Heartbeat(pipe[1], interval_ms=interval_ms))
        return made[-1]

    yield make
    for heartbeat in made:
        heartbeat.stop()


class Counter:
    """Beats read from the pipe so far."""

    def __init__(self, read_fd: int) -> None:
        self.read_fd = read_fd
        self.data = b""

    def __call__(self) -> int:
        with contextlib.suppress(BlockingIOError):
            self.data += os.read(self.read_fd, 4096)
        return self.data.count(b".")


@pytest.fixture
def quick_window(qapp: object) -> Iterator[QQuickWindow]:
    """A real QQuickWindow drawing a small scene (offscreen, software renderer)."""
    engine = QQmlApplicationEngine()
    engine.loadData(
        b"import QtQuick\nWindow { width: 200; height: 100; visible: true; "
        b'Rectangle { anchors.fill: parent; color: "teal" } }'
    )
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    yield window
    window.close()
    engine.deleteLater()


class StuckRenderer(QWindow):
    """A window whose renderer stops drawing on demand, while the GUI thread runs on.

    (A real render thread stuck in a driver cannot be made offscreen: the software renderer
    draws on the GUI thread.) Asked for a frame with `update()`, it swaps one a moment later,
    as a QQuickWindow does, unless `drawing` is False.
    """

    frameSwapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.drawing = True
        self.asked = 0
        self.resize(100, 100)

    @Slot()
    def update(self) -> None:
        self.asked += 1
        if self.drawing:
            QTimer.singleShot(5, self, self.frameSwapped.emit)


def test_a_drawing_window_keeps_the_heartbeat_going(
    qtbot: object, pipe: tuple[int, int], make_heartbeat: Callable[[int], Heartbeat], quick_window: QQuickWindow
) -> None:
    read_fd = pipe[0]
    qtbot.waitUntil(quick_window.isExposed, timeout=5000)  # type: ignore[attr-defined]
    heartbeat = make_heartbeat(50)
    heartbeat.watch(quick_window)
    heartbeat.start()
    beats = Counter(read_fd)
    qtbot.waitUntil(lambda: beats() >= 8, timeout=10000)  # type: ignore[attr-defined]
    heartbeat.stop()
    assert heartbeat.missed <= 2, "the offscreen software renderer draws each frame asked for"


@pytest.mark.parametrize("how", ["hide", "showMinimized"])
def test_a_window_with_nothing_to_draw_still_beats(
    qtbot: object,
    pipe: tuple[int, int],
    make_heartbeat: Callable[[int], Heartbeat],
    quick_window: QQuickWindow,
    how: str,
) -> None:
    read_fd = pipe[0]
    heartbeat = make_heartbeat(50)
    heartbeat.watch(quick_window)
    heartbeat.start()
    beats = Counter(read_fd)
    qtbot.waitUntil(lambda: beats() >= 2, timeout=5000)  # type: ignore[attr-defined]
    getattr(quick_window, how)()
    # a hidden window swaps no frame: the beats go on from the GUI thread alone
    swapped: list[bool] = []
    quick_window.frameSwapped.connect(lambda: swapped.append(True))
    start = beats()
    qtbot.waitUntil(lambda: beats() >= start + 5, timeout=10000)  # type: ignore[attr-defined]
    heartbeat.stop()
    if how == "hide":
        assert not swapped, "the test is about a window that draws nothing"


def test_a_window_that_stops_drawing_stops_the_heartbeat(
    qtbot: object, pipe: tuple[int, int], make_heartbeat: Callable[[int], Heartbeat]
) -> None:
    read_fd = pipe[0]
    window = StuckRenderer()
    window.show()
    qtbot.waitUntil(window.isExposed, timeout=5000)  # type: ignore[attr-defined]
    heartbeat = make_heartbeat(30)
    heartbeat.watch(window)
    heartbeat.start()
    beats = Counter(read_fd)
    qtbot.waitUntil(lambda: beats() >= 3, timeout=5000)  # type: ignore[attr-defined]

    window.drawing = False  # the renderer is stuck; the GUI thread and its timer run on
    stuck_at = beats()
    asked = window.asked
    qtbot.waitUntil(lambda: window.asked >= asked + 8, timeout=5000)  # type: ignore[attr-defined]
    assert beats() <= stuck_at + 1, "at most the beat already on its way when it stopped drawing"
    assert heartbeat.missed >= 6

    window.drawing = True  # drawing again: beating again
    qtbot.waitUntil(lambda: beats() >= stuck_at + 4, timeout=5000)  # type: ignore[attr-defined]
    heartbeat.stop()
    window.close()


def test_busy_writes_its_line_pauses_the_beats_and_ends_with_a_beat(
    qtbot: object, pipe: tuple[int, int], make_heartbeat: Callable[[int], Heartbeat]
) -> None:
    read_fd = pipe[0]
    heartbeat = make_heartbeat(20)
    heartbeat.start()
    beats = Counter(read_fd)
    qtbot.waitUntil(lambda: beats() >= 1, timeout=5000)  # type: ignore[attr-defined]
    with heartbeat.busy(30, "building the scene"):
        before = beats()
        assert beats.data.endswith(b"busy 30 building the scene\n")
        # An event loop inside the work: the beat timer fires (five times here), still no beat.
        fired: list[bool] = []
        heartbeat._timer.timeout.connect(lambda: fired.append(True))
        qtbot.waitUntil(lambda: len(fired) >= 5, timeout=5000)  # type: ignore[attr-defined]
        assert beats() == before
    qtbot.waitUntil(lambda: beats() > before, timeout=5000)  # type: ignore[attr-defined]
    heartbeat.stop()


def test_busy_without_a_supervisor_does_nothing() -> None:
    with busy(None, 30, "building the scene"):
        pass


def test_the_exhibit_draws_its_beats_and_says_it_is_busy_while_new_content_is_shown(
    qtbot: object, pipe: tuple[int, int], make_heartbeat: Callable[[int], Heartbeat], _fonts: list[str]
) -> None:
    """As `kiosk run` wires it (app.py): the real scene, offscreen, draws every frame asked for,
    and showing new content (pages rebuilt on the GUI thread) is announced as busy."""
    from kiosk.bridge import engine
    from kiosk.content.loader import load_exhibit
    from kiosk.paths import default_content_dir
    from tests.helpers.scene import CALM

    exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
    scene = engine.build_scene(exhibit, [], size=(800, 600), policy=CALM)
    try:
        heartbeat = make_heartbeat(50)
        heartbeat.watch(scene.window)
        scene.host.guard_shows(lambda: busy(heartbeat, 30, "showing new content"))
        heartbeat.start()
        beats = Counter(pipe[0])
        qtbot.waitUntil(lambda: beats() >= 6, timeout=10000)  # type: ignore[attr-defined]
        assert heartbeat.missed <= 2, "a frame asked for is drawn within a beat"

        before = beats()
        scene.host.show(exhibit)  # what a swap does
        assert beats() == before
        assert beats.data.endswith(b"busy 30 showing new content\n"), "said before the work, no beat after it yet"
        qtbot.waitUntil(lambda: beats() >= before + 3, timeout=10000)  # type: ignore[attr-defined]
        heartbeat.stop()
    finally:
        scene.close()
