"""The exhibition PC: its content folder changes under it; only complete, valid content is shown."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.bridge import engine
from kiosk.bridge.admin import AdminController
from kiosk.bridge.engine import Scene
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.bridge.scenetools import find_item, settled, visible_in_scene, wait_until
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import open_exhibition
from tests.helpers.admin import STORED, open_admin
from tests.helpers.content import copy_content
from tests.helpers.scene import CALM, shown

SWAP_MS = 8000
OLD_TITLE = "Loos-en-Gohelle, l’art de renaître"
NEW_TITLE = "Loos-en-Gohelle, une nouvelle exposition"


@dataclass
class Exhibition:
    scene: Scene
    swapper: ExhibitionSwapper
    store: LastGoodStore
    folder: Path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def exhibition(qtbot: object, _fonts: list[str], tmp_path: Path) -> Iterator[Callable[..., Exhibition]]:
    """What `kiosk run --content DIR` builds, with a short settle period."""
    made: list[Exhibition] = []

    def factory(folder: Path | None = None, defer_intake: bool = False) -> Exhibition:
        folder = folder or copy_content(tmp_path)
        store = LastGoodStore(tmp_path / "store")
        start = open_exhibition(folder, store, defer_intake=defer_intake)
        admin = AdminController(start.exhibit, STORED, content_dir=folder)
        scene = engine.build_scene(start.exhibit, start.report.errors, policy=CALM, admin=admin)
        swapper = ExhibitionSwapper(
            scene.host,
            folder,
            store,
            start.generation,
            start.handled_digest,
            quiet_seconds=0.2,
            interval_seconds=0.05,
            prune_after_seconds=1.0,
        )
        made.append(Exhibition(scene, swapper, store, folder))
        swapper.start()
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        return made[-1]

    yield factory
    for made_one in made:
        made_one.swapper.stop()
        made_one.scene.close()


def note_template(scene: Scene, key: str) -> str:
    return scene.kiosk.ui[key].split("%1")[0]


def test_new_content_on_the_attract_screen_is_shown_from_a_checked_copy(exhibition) -> None:
    ex = exhibition()
    kiosk_before, old = ex.scene.kiosk, ex.store.current()
    assert ex.scene.kiosk.title == OLD_TITLE
    assert ex.scene.host.contentNote.startswith(note_template(ex.scene, "content_current"))

    edit(ex.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    assert wait_until(lambda: ex.scene.kiosk is not kiosk_before, SWAP_MS), "no swap"
    assert ex.scene.kiosk.title == NEW_TITLE
    assert ex.scene.kiosk.screen == "attract"
    new = ex.store.current()
    assert new != old and ex.swapper.shown == new
    assert ex.scene.kiosk.backdrop.startswith(f"file://{new.content}/"), "pictures come from the copy"
    assert wait_until(lambda: not old.path.exists(), SWAP_MS), "the old copy is deleted once not shown"
    assert ex.scene.host.lastSwapProblems == []
    assert wait_until(lambda: settled(ex.scene.window), SWAP_MS)
    assert visible_in_scene(shown(ex.scene, "attractPage"))


def test_a_first_start_shows_the_folder_at_once_then_its_checked_copy(exhibition) -> None:
    """Issue #16: the first start ever opens on the folder itself (quick checks only); the
    copy and the full check run behind it, and the copy is shown when the visitor leaves."""
    ex = exhibition(defer_intake=True)
    kiosk_before = ex.scene.kiosk
    assert ex.scene.kiosk.title == OLD_TITLE and ex.swapper.shown is None
    assert ex.scene.kiosk.backdrop.startswith(f"file://{ex.folder}/"), "shown from the folder itself"
    ex.scene.kiosk.wake()  # a visitor is there: the copy waits
    waiting = note_template(ex.scene, "content_waiting")
    assert wait_until(lambda: ex.scene.host.contentNote == waiting, SWAP_MS), ex.scene.host.contentNote
    copy = ex.store.current()
    assert copy is not None and ex.scene.kiosk is kiosk_before

    ex.scene.kiosk.goAttract()
    assert ex.scene.kiosk is not kiosk_before and ex.scene.kiosk.title == OLD_TITLE
    assert ex.swapper.shown == copy
    assert ex.scene.kiosk.backdrop.startswith(f"file://{copy.content}/"), "now from the checked copy"


def test_a_visitor_in_the_middle_of_something_is_not_interrupted(exhibition) -> None:
    ex = exhibition()
    ex.scene.kiosk.wake()
    ex.scene.kiosk.openSection(1)
    kiosk_before = ex.scene.kiosk

    edit(ex.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    waiting = note_template(ex.scene, "content_waiting")
    assert wait_until(lambda: ex.scene.host.contentNote == waiting, SWAP_MS), ex.scene.host.contentNote
    assert ex.scene.kiosk is kiosk_before and ex.scene.kiosk.title == OLD_TITLE
    assert (ex.scene.kiosk.screen, ex.scene.kiosk.sectionIndex) == ("section", 1)

    ex.scene.kiosk.goAttract()  # the visitor left (what the idle countdown does)
    assert ex.scene.kiosk is not kiosk_before and ex.scene.kiosk.title == NEW_TITLE
    assert ex.scene.host.contentNote.startswith(note_template(ex.scene, "content_current"))


def test_invalid_new_content_is_refused_and_says_why(exhibition, caplog: pytest.LogCaptureFixture) -> None:
    ex = exhibition()
    kiosk_before, old = ex.scene.kiosk, ex.store.current()

    edit(ex.folder / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    assert wait_until(lambda: bool(ex.scene.host.lastSwapProblems), SWAP_MS), "no refusal recorded"
    line = next(
        i
        for i, text in enumerate((ex.folder / "exhibit.yaml").read_text().splitlines(), 1)
        if text.startswith("default_langage")
    )
    problems = ex.scene.host.lastSwapProblems
    assert any(p.startswith(f"exhibit.yaml:{line}:1: error:") for p in problems), problems
    note = ex.scene.host.contentNote
    assert note.startswith(note_template(ex.scene, "content_refused")) and str(ex.folder) in note
    assert ex.scene.kiosk is kiosk_before and ex.scene.kiosk.title == OLD_TITLE
    assert ex.store.current() == old
    assert "refused" in caplog.text and "default_langage" in caplog.text
    assert not any(visible_in_scene(i) for i in [find_item(ex.scene.window, "problemsOverlay")] if i), (
        "visitors never see the problems"
    )

    # The note follows the kiosk's language (the admin screen shows it as it is).
    ex.scene.kiosk.setLanguage("en")
    assert ex.scene.host.contentNote.startswith("New content in ")

    edit(ex.folder / "exhibit.yaml", "default_langage: fr", "default_language: fr")
    edit(ex.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    assert wait_until(lambda: ex.scene.kiosk is not kiosk_before, SWAP_MS)
    assert ex.scene.kiosk.language == "en"
    ex.scene.kiosk.setLanguage("fr")
    assert ex.scene.kiosk.title == NEW_TITLE
    assert ex.scene.host.lastSwapProblems == []


def test_reload_now_shows_checked_content_at_once_keeping_the_visitors_place(exhibition) -> None:
    ex = exhibition()
    ex.scene.kiosk.wake()
    ex.scene.kiosk.openSection(0)
    ex.scene.kiosk.setLanguage("nl")
    kiosk_before = ex.scene.kiosk

    edit(ex.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    waiting = note_template(ex.scene, "content_waiting")
    assert wait_until(lambda: ex.scene.host.contentNote == waiting, SWAP_MS)
    ex.scene.host.reloadNow()  # staff, from the admin screen
    assert ex.scene.kiosk is not kiosk_before
    assert (ex.scene.kiosk.screen, ex.scene.kiosk.sectionIndex, ex.scene.kiosk.language) == ("section", 0, "nl")

    # With nothing waiting, it looks at the folder again at once and shows it.
    kiosk_before = ex.scene.kiosk
    ex.scene.host.reloadNow()
    assert wait_until(lambda: ex.scene.kiosk is not kiosk_before, SWAP_MS)
    assert ex.scene.kiosk.screen == "section"


def test_start_with_an_invalid_folder_shows_the_last_good_copy(
    exhibition, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    folder = copy_content(tmp_path)
    first = exhibition(folder)
    first.swapper.stop()
    first.scene.window.close()

    edit(folder / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    ex = exhibition(folder)  # the kiosk starts again (after a power cut, say)
    assert ex.scene.kiosk.status == "ready" and ex.scene.kiosk.title == OLD_TITLE
    assert "last known good" in caplog.text
    assert wait_until(lambda: bool(ex.scene.host.lastSwapProblems), SWAP_MS), "the folder is checked and refused"
    assert ex.scene.kiosk.title == OLD_TITLE


def test_without_any_good_copy_the_error_screen_shows_until_the_folder_is_fixed(exhibition, tmp_path: Path) -> None:
    folder = copy_content(tmp_path, lambda text: text.replace("default_language:", "default_langage:"))
    ex = exhibition(folder)
    assert ex.scene.kiosk.status == "error"
    assert visible_in_scene(shown(ex.scene, "errorPage"))

    edit(folder / "exhibit.yaml", "default_langage:", "default_language:")
    assert wait_until(lambda: ex.scene.kiosk.status == "ready", SWAP_MS)
    assert visible_in_scene(shown(ex.scene, "attractPage"))
    assert ex.store.current() is not None


def test_valid_content_waiting_for_the_visitor_survives_a_later_broken_save(exhibition) -> None:
    """Checked content is the last known good even before it is shown: a later broken save
    does not undo it, and the refusal stays on the admin screen after the swap."""
    ex = exhibition()
    ex.scene.kiosk.wake()
    kiosk_before = ex.scene.kiosk
    edit(ex.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    waiting = note_template(ex.scene, "content_waiting")
    assert wait_until(lambda: ex.scene.host.contentNote == waiting, SWAP_MS)
    checked = ex.store.current()

    edit(ex.folder / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    assert wait_until(lambda: bool(ex.scene.host.lastSwapProblems), SWAP_MS)
    assert ex.store.current() == checked

    ex.scene.kiosk.goAttract()
    assert ex.scene.kiosk is not kiosk_before and ex.scene.kiosk.title == NEW_TITLE
    assert ex.scene.host.contentNote.startswith(note_template(ex.scene, "content_refused"))
    assert ex.scene.host.lastSwapProblems


def _kiosk_process(folder: Path, store: Path, home: Path):
    """The real `kiosk run --content` in its own process, its log lines readable as they come."""
    import os
    import queue
    import subprocess
    import sys
    import threading

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QT_QUICK_BACKEND="software",
        HOME=str(home),
        XDG_STATE_HOME=str(home / "state"),
        XDG_DATA_HOME=str(home / "data"),
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--content",
            str(folder),
            "--lastgood",
            str(store),
            "--settle",
            "0.2",
            "--size",
            "640x360",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    assert process.stderr is not None
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()

    def wait_for(text: str, timeout: float = 60.0) -> str:
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                assert process.poll() is None, f"the kiosk stopped (exit {process.returncode})"
                continue
            if text in line:
                return line
        raise AssertionError(f"the kiosk never logged {text!r}")

    return process, wait_for


def test_kiosk_run_swaps_new_content_and_a_restart_after_a_kill_keeps_it(tmp_path: Path) -> None:
    import signal

    folder = copy_content(tmp_path)
    store = tmp_path / "store"
    process, wait_for = _kiosk_process(folder, store, tmp_path / "home")
    try:
        wait_for("exhibit open")
        wait_for("validated and kept as gen-000001")  # a first start takes its folder in behind the exhibit
        edit(folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
        wait_for("now showing the new content (gen-000002)")
    finally:
        process.send_signal(signal.SIGKILL)  # a power cut, as far as the kiosk can tell
        process.wait(timeout=30)
    # Broken afterwards: the restarted kiosk shows the new content it had taken in.
    edit(folder / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    process, wait_for = _kiosk_process(folder, store, tmp_path / "home")
    try:
        wait_for("showing the last known good content gen-000002")
        wait_for("exhibit open")
        wait_for("refused")
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    current = LastGoodStore(store).current()
    assert current is not None and current.name == "gen-000002"
    assert NEW_TITLE in (current.content / "exhibit.yaml").read_text(encoding="utf-8")


def test_staff_read_why_new_content_was_refused_on_the_admin_screen(exhibition, tap) -> None:
    ex = exhibition()
    edit(ex.folder / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    assert wait_until(lambda: bool(ex.scene.host.lastSwapProblems), SWAP_MS), "no refusal recorded"

    open_admin(ex.scene, tap)  # six corner taps, then the PIN, as staff do
    note = shown(ex.scene, "adminContentNote").property("text")
    assert note.startswith(note_template(ex.scene, "content_refused")) and str(ex.folder) in note
    problems = shown(ex.scene, "adminSwapProblems").property("text").splitlines()
    assert problems == ex.scene.host.lastSwapProblems
    assert any("default_langage" in line for line in problems)
