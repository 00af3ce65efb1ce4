"""Killed at the worst moment, the kiosk still has a complete, valid content to show.

Real processes, killed with SIGKILL (no clean-up code runs): one in the middle of copying
a new folder into the watched place (an installer's copy cut short), one at each step of
taking a folder into the last-good store.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from kiosk.content.loader import load_exhibit, localized
from kiosk.services.lastgood import POINTER, LastGoodStore
from kiosk.services.swap import Intake, IntakeResult, open_exhibition
from kiosk.services.watch import Fingerprint, FolderWatcher, fingerprint
from tests.helpers.content import ContentFolder
from tests.helpers.paths import HELPERS, REPO

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

CHILD = HELPERS / "swap_child.py"


def child(*args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, str(CHILD), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )


def title(root: Path) -> str:
    exhibit, report = load_exhibit(root, thorough=True)
    assert exhibit is not None, [p.format() for p in report.errors]
    return localized(exhibit.manifest.title, "en", "fr")


def retitle(content: ContentFolder, new: str) -> None:
    content.replace("exhibit.yaml", "  en: Base 11/19", f"  en: {new}")


# -- killed while taking a folder into the store --------------------------------------------------

STEPS = [
    ("copied:media/", "old"),  # in the middle of copying the files
    ("flushed", "old"),  # the copy is complete and on disk, still a temporary folder
    ("renamed", "old"),  # a new generation exists, but the pointer still names the old one
    ("pointer-written", "old"),  # the new pointer is written beside the old one
    ("switched", "new"),  # the pointer was replaced: the new copy is current
    ("pruned:", "new"),  # in the middle of deleting the old copy
]


@pytest.mark.parametrize(("step", "expected"), STEPS, ids=[step for step, _ in STEPS])
def test_killed_at_any_step_of_a_swap_the_store_holds_a_complete_valid_copy(
    content: ContentFolder, tmp_path: Path, step: str, expected: str
) -> None:
    store_dir = tmp_path / "store"
    old = Intake(content.root, LastGoodStore(store_dir)).take(fingerprint(content.root)).generation
    retitle(content, "New content")

    process = child("intake", str(store_dir), str(content.root), step)
    out, err = process.communicate(timeout=120)
    assert process.returncode == -signal.SIGKILL, (out, err)
    assert f"KILLED AT {step}" in out

    store = LastGoodStore(store_dir)
    current = store.current()
    assert current is not None
    assert title(current.content) == ("Base 11/19" if expected == "old" else "New content")
    assert (current.name == old.name) is (expected == "old")

    # The kiosk starts again: it shows that copy, and the leftovers are gone.
    start = open_exhibition(content.root, store)
    assert start.exhibit is not None and start.generation == current
    assert sorted(p.name for p in store_dir.iterdir()) == [POINTER, current.name]
    # When the old copy is shown, the new folder is still to be checked: the watcher will.
    assert start.source_pending is (expected == "old")


# -- killed while copying into the watched folder -------------------------------------------------


class Recorder:
    """The exhibition PC's watcher and intake, without the screen: what was taken, what refused."""

    def __init__(self, watched: Path, store: LastGoodStore, handled: str) -> None:
        self.results: list[tuple[Fingerprint, IntakeResult]] = []
        self.lock = threading.Condition()  #: notified at each result
        intake = Intake(watched, store)

        def handler(seen: Fingerprint) -> bool:
            result = intake.take(seen)
            if result.changed_while_reading:
                return False
            with self.lock:
                self.results.append((seen, result))
                self.lock.notify_all()
            return True

        self.watcher = FolderWatcher(watched, handler, quiet_seconds=0.5, interval_seconds=0.05, handled_digest=handled)

    def result_for(self, state: Fingerprint, timeout: float = 30.0) -> IntakeResult:
        def found() -> IntakeResult | None:
            return next((result for seen, result in self.results if seen == state), None)

        with self.lock:
            if not self.lock.wait_for(lambda: found() is not None, timeout):
                raise AssertionError("the watcher never dealt with the folder's last state")
            result = found()
        assert result is not None
        return result


def test_a_copy_killed_half_way_is_refused_and_the_old_content_stays(content: ContentFolder, tmp_path: Path) -> None:
    watched = tmp_path / "watched"
    shutil.copytree(content.root, watched)
    store = LastGoodStore(tmp_path / "store")
    start = open_exhibition(watched, store)
    old = start.generation
    assert old is not None

    # The new exhibit: a new title and a large new backdrop, copied after exhibit.yaml.
    retitle(content, "New content")
    content.write_png("media/big.png", (900, 900), noise=True)
    content.replace("exhibit.yaml", "path: media/backdrop.png", "path: media/big.png")

    recorder = Recorder(watched, store, start.handled_digest)
    recorder.watcher.start()
    try:
        copy = child("copy", str(content.root), str(watched), "0.01")
        chunks = 0
        assert copy.stdout is not None
        for line in copy.stdout:
            if line.startswith("COPYING media/big.png"):
                chunks += 1
                if chunks == 8:
                    copy.send_signal(signal.SIGKILL)
                    break
        copy.wait(timeout=60)
        assert copy.returncode == -signal.SIGKILL, "the copy finished before it could be cut"
        half = fingerprint(watched)
        assert (watched / "media" / "big.png").stat().st_size < content.path("media/big.png").stat().st_size

        refused = recorder.result_for(half)
        assert refused.exhibit is None
        assert any("media/big.png" in p.message for p in refused.report.errors), refused.report.errors
        assert store.current() == old and title(old.content) == "Base 11/19"
        with recorder.lock:
            assert all(result.exhibit is None for _, result in recorder.results), "no half state was taken"
        # A restart now would show the old content too.
        assert open_exhibition(watched, store).generation == old

        # The installer runs the copy again, to the end: now it is taken.
        again = child("copy", str(content.root), str(watched), "0")
        again.communicate(timeout=60)
        assert again.returncode == 0
        taken = recorder.result_for(fingerprint(watched))
    finally:
        recorder.watcher.stop()
    assert taken.exhibit is not None and taken.generation is not None
    assert title(taken.generation.content) == "New content"
    assert store.current() == taken.generation
