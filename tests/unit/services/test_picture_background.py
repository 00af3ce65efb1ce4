"""The picture cache filled behind the exhibit: after a delay, at low priority, a newer
exhibit superseding an older one, what is made used at once, stopped cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from kiosk.content import pictureuse
from kiosk.content.pictureuse import USES
from kiosk.services import picturecache
from kiosk.services.picturecache import BackgroundPreparation, ImageCache, Summary


def photo(path: Path, shade: int = 90) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 400), (shade, 90, 40)).save(path, "JPEG", quality=80)
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ImageCache:
    monkeypatch.setitem(USES, "screen", pictureuse.Use((384, 216)))
    return ImageCache(tmp_path / "cache")


class FakeWork:
    """Stands in for ensure_exhibit: records each exhibit and holds it until let go or cancelled."""

    def __init__(self) -> None:
        self.started: list[tuple[str, threading.Event]] = []
        self.release = threading.Event()
        self.begun = threading.Condition()

    def __call__(self, exhibit: Any, *_args: Any, cancel: threading.Event, low_priority: bool, **_kw: Any) -> Summary:
        assert low_priority, "behind the exhibit, the workers yield to it"
        with self.begun:
            self.started.append((exhibit, cancel))
            self.begun.notify_all()
        while not (self.release.is_set() or cancel.is_set()):
            cancel.wait(0.01)
        return Summary(scaled=1 if not cancel.is_set() else 0)

    def wait_started(self, count: int) -> None:
        with self.begun:
            assert self.begun.wait_for(lambda: len(self.started) >= count, timeout=10)


@pytest.fixture
def work(monkeypatch: pytest.MonkeyPatch) -> FakeWork:
    fake = FakeWork()
    monkeypatch.setattr(picturecache, "ensure_exhibit", fake)
    return fake


def test_a_newer_exhibit_supersedes_the_one_being_prepared(work: FakeWork) -> None:
    finished: list[Summary] = []
    preparation = BackgroundPreparation(start_delay_s=0, on_finished=finished.append)
    preparation.prepare("old content")
    work.wait_started(1)
    preparation.prepare("new content")
    work.wait_started(2)
    assert [name for name, _ in work.started] == ["old content", "new content"]
    assert work.started[0][1].is_set(), "the old content's remaining pictures are dropped"
    assert not work.started[1][1].is_set()
    work.release.set()
    assert preparation.wait(10)
    assert finished == [Summary(scaled=1)], "only the exhibit on screen counts as finished"
    assert not preparation.busy


def test_a_later_exhibit_after_the_work_ended_starts_it_again(work: FakeWork) -> None:
    work.release.set()
    preparation = BackgroundPreparation(start_delay_s=0)
    for number in range(3):
        preparation.prepare(f"content {number}")
        assert preparation.wait(10)
    assert [name for name, _ in work.started] == ["content 0", "content 1", "content 2"]


def test_stopped_during_its_delay_it_prepares_nothing(work: FakeWork) -> None:
    preparation = BackgroundPreparation(start_delay_s=60)
    preparation.prepare("content")
    assert preparation.busy
    preparation.stop(timeout=10)
    assert not preparation.busy and work.started == []
    preparation.prepare("after the end")
    assert not preparation.busy, "a stopped preparation takes nothing more"


def test_no_exhibit_nothing_to_do(work: FakeWork) -> None:
    preparation = BackgroundPreparation(start_delay_s=0)
    preparation.prepare(None)
    assert not preparation.busy and preparation.wait(0)


def test_each_scaled_picture_is_used_before_the_rest_are_done(
    tmp_path: Path, cache: ImageCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(picturecache, "SAVE_EVERY_S", 0.0)
    sources = [photo(tmp_path / f"photo-{n}.jpg", 40 * n) for n in range(3)]
    seen: list[list[bool]] = []

    def progress(done: int, total: int) -> None:
        if done:
            seen.append([cache.lookup(source, "screen") is not None for source in sources])

    summary = cache.ensure({source: ["screen"] for source in sources}, workers=0, progress=progress)
    assert summary.scaled == 3
    assert [sum(found) for found in seen] == [1, 2, 3], "the index is written as the work goes"


def test_cancelled_work_keeps_what_was_made_and_leaves_the_rest_for_later(tmp_path: Path, cache: ImageCache) -> None:
    sources = [photo(tmp_path / f"photo-{n}.jpg", 40 * n) for n in range(3)]
    cancel = threading.Event()
    summary = cache.ensure(
        {source: ["screen"] for source in sources},
        workers=0,
        progress=lambda done, _total: cancel.set() if done == 1 else None,
        cancel=cancel,
    )
    assert (summary.scaled, summary.failed) == (1, []), "not tried is not failed"
    assert [cache.lookup(source, "screen") is not None for source in sources].count(True) == 1
    again = cache.ensure({source: ["screen"] for source in sources}, workers=0)
    assert (again.scaled, again.cached) == (2, 1)


def test_worker_processes_of_low_priority_prepare_the_pictures(tmp_path: Path) -> None:
    """Real worker processes (started afresh: the real sizes), lowered before their first picture."""
    sources = [photo(tmp_path / f"photo-{n}.jpg", 40 * n) for n in range(2)]
    cache = ImageCache(tmp_path / "cache")
    summary = cache.ensure({source: ["thumb"] for source in sources}, workers=2, low_priority=True)
    assert (summary.scaled, summary.failed) == (2, [])
    assert all(cache.lookup(source, "thumb") is not None for source in sources)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has priority classes, not nice values")
def test_lower_priority_makes_the_process_nicest() -> None:
    code = "import os; from kiosk.services.picturecache import lower_priority; lower_priority(); print(os.nice(0))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert int(result.stdout) == 19 or os.nice(0) == 19
