"""The running exhibit keeps its status file current (what `kiosk status` and fleet tools read)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.bridge.engine import Scene
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.bridge.scenetools import settled, wait_until
from kiosk.bridge.status import StatusReporter
from kiosk.cli import main
from kiosk.services.admin import RecentProblems
from kiosk.services.status import StatusBoard, read_status
from tests.helpers.content import copy_content
from tests.helpers.run import Run
from tests.helpers.watched import watched_exhibit

SWAP_MS = 8000
OLD_TITLE = "Loos-en-Gohelle, l’art de renaître"
NEW_TITLE = "Loos-en-Gohelle, une nouvelle exposition"


@dataclass
class Running:
    scene: Scene
    swapper: ExhibitionSwapper
    status: StatusReporter
    folder: Path
    status_file: Path


@pytest.fixture
def running(qtbot: object, _fonts: list[str], tmp_path: Path) -> Iterator[Callable[[], Running]]:
    """What `kiosk run --content DIR` builds, with a short settle period and status period."""
    made: list[Running] = []

    def factory() -> Running:
        watched = watched_exhibit(tmp_path)
        scene, swapper, folder = watched.scene, watched.swapper, watched.folder
        status_file = tmp_path / "data" / "status.json"
        status = StatusReporter(StatusBoard(status_file, every_seconds=0.5), scene.host, RecentProblems())
        swapper.outcome.connect(status.swap)
        made.append(Running(scene, swapper, status, folder, status_file))
        swapper.start()
        status.start()
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        return made[-1]

    yield factory
    for one in made:
        one.swapper.stop()
        one.status.stop()
        one.scene.close()


def status_of(path: Path) -> dict:
    data = read_status(path)
    assert data is not None, "no status file"
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_running_exhibit_writes_its_status_and_kiosk_status_prints_it(
    running, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk = running()
    assert wait_until(lambda: kiosk.status_file.is_file(), SWAP_MS), "no status file at start"
    assert wait_until(lambda: status_of(kiosk.status_file)["content"]["fingerprint"], SWAP_MS)
    data = status_of(kiosk.status_file)
    assert data["content"]["title"] == OLD_TITLE and data["last_swap"] is None

    edit(kiosk.folder / "exhibit.yaml", OLD_TITLE, NEW_TITLE)
    assert wait_until(lambda: kiosk.scene.kiosk.title == NEW_TITLE, SWAP_MS), "no swap"

    def says_new() -> bool:
        now = status_of(kiosk.status_file)
        shown = (now["last_swap"] or {}).get("result") == "shown"
        return now["content"]["title"] == NEW_TITLE and shown and now["content"]["source"].startswith(str(kiosk.folder))

    assert wait_until(says_new, SWAP_MS), status_of(kiosk.status_file)
    fingerprint = data["content"]["fingerprint"]
    assert wait_until(lambda: status_of(kiosk.status_file)["content"]["fingerprint"] not in ("", fingerprint))

    # Every few minutes (here half a second), even with nothing new: `written` moves on.
    written = status_of(kiosk.status_file)["written"]
    assert wait_until(lambda: status_of(kiosk.status_file)["written"] != written, SWAP_MS)

    assert main(["status", "--file", str(kiosk.status_file), "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["running"] is True and printed["content"]["title"] == NEW_TITLE


def test_kiosk_run_writes_the_status_file_where_kiosk_status_reads_it(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = copy_content(tmp_path)
    code = main(["run", "--content", str(folder), "--lastgood", str(tmp_path / "store"), "--size", "640x360"])
    assert code == 0 and run.seen["status"] == "ready"
    capsys.readouterr()
    assert main(["status"]) == 3
    out = capsys.readouterr().out
    assert f"content: {OLD_TITLE}" in out and "state: stopped" in out and f"from: {folder}" in out
    assert main(["status", "--format", "json"]) == 3, "the exhibit closed (its event loop ended at once here)"
