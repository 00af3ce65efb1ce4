"""docs/FLEET.md's Syncthing recipe, simulated: a new version of the content arrives in the
watched folder of a running exhibit file by file, slowly, each file first written under a
temporary `.syncthing.NAME.tmp` name and then renamed into place, as Syncthing does. The
exhibit never shows (nor even refuses) a half folder, and takes the whole one once settled.

The settle period is shortened (1 s here, 5 s by default) and the pauses between files are
shorter than it, as on a slow network; the pauses are the point of the test.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kiosk.bridge import engine
from kiosk.bridge.admin import AdminController
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.bridge.scenetools import settled, wait_until
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import open_exhibition
from tests.helpers.admin import STORED
from tests.helpers.content import copy_content
from tests.helpers.scene import CALM

SETTLE_S = 1.0
#: Between two files: longer than nothing, shorter than the settle period.
PAUSE_S = 0.4
OLD_TITLE = "Loos-en-Gohelle, l’art de renaître"
NEW_TITLE = "Loos-en-Gohelle, la saison 2027"


def new_version(tmp_path: Path) -> tuple[Path, list[str]]:
    """The curators' new version, and the files that differ from the kiosk's (what Syncthing
    sends), the manifest first: alone, it names a picture that has not arrived yet."""
    curator = tmp_path / "curator"
    curator.mkdir()
    folder = copy_content(
        curator,
        lambda text: text.replace(OLD_TITLE, NEW_TITLE, 1).replace("media/terrils.svg", "media/terrils-2027.svg"),
    )
    svg = (folder / "media" / "terrils.svg").read_text(encoding="utf-8")
    (folder / "media" / "terrils-2027.svg").write_text(svg.replace("</svg>", "<!-- 2027 --></svg>"), "utf-8")
    timeline = folder / "timeline.yaml"
    timeline.write_text(timeline.read_text(encoding="utf-8") + "\n# season 2027\n", encoding="utf-8")
    return folder, ["exhibit.yaml", "media/terrils-2027.svg", "timeline.yaml"]


def sync_file(source: Path, target: Path, old_versions: Path) -> None:
    """One file as Syncthing brings it: into `.syncthing.NAME.tmp` in a few blocks, the old
    version kept in `.stversions/`, then renamed into place with the sender's time."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".syncthing.{target.name}.tmp")
    data = source.read_bytes()
    with temporary.open("wb") as stream:
        for start in range(0, len(data), max(1, len(data) // 3)):
            stream.write(data[start : start + max(1, len(data) // 3)])
            stream.flush()
            time.sleep(PAUSE_S / 4)  # the blocks arrive over the network
    if target.exists():
        old_versions.mkdir(exist_ok=True)
        shutil.copy2(target, old_versions / f"{target.stem}~20261207-101500{target.suffix}")
    stat = source.stat()
    os.utime(temporary, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(temporary, target)


def test_a_slow_file_by_file_sync_is_taken_whole_once_settled(qtbot: object, _fonts: list[str], tmp_path: Path) -> None:
    watched = copy_content(tmp_path)
    (watched / ".stfolder").mkdir()
    store = LastGoodStore(tmp_path / "store")
    start = open_exhibition(watched, store)
    admin = AdminController(start.exhibit, STORED, content_dir=watched)
    scene = engine.build_scene(start.exhibit, start.report.errors, policy=CALM, admin=admin)
    swapper = ExhibitionSwapper(
        scene.host,
        watched,
        store,
        start.generation,
        start.handled_digest,
        quiet_seconds=SETTLE_S,
        interval_seconds=0.05,
    )
    titles: list[str] = []
    outcomes: list[tuple[str, str]] = []
    scene.host.kioskChanged.connect(lambda: titles.append(scene.kiosk.title))
    swapper.outcome.connect(lambda result, detail: outcomes.append((result, detail)))
    swapper.start()
    try:
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        curator, changed = new_version(tmp_path)
        started = time.monotonic()
        for name in changed:
            sync_file(curator / name, watched / name, watched / ".stversions")
            qtbot.wait(round(PAUSE_S * 1000))  # the next file is a moment away; the exhibit runs meanwhile
            assert scene.kiosk.title == OLD_TITLE, f"something was shown after {name} alone"
        sync_seconds = time.monotonic() - started
        assert sync_seconds > SETTLE_S, "the sync must last longer than the settle period to mean anything"

        assert wait_until(lambda: scene.kiosk.title == NEW_TITLE, 15_000), outcomes
        assert titles == [NEW_TITLE], "only the whole new folder was ever shown"
        assert [result for result, _detail in outcomes] == ["shown"], "a half folder was taken up"
        current = store.current()
        assert current is not None
        kept = {p.relative_to(current.content).as_posix() for p in current.content.rglob("*") if p.is_file()}
        sent = {p.relative_to(curator).as_posix() for p in curator.rglob("*") if p.is_file()}
        assert kept == sent, "the checked copy is the curators' folder, without .stversions or .stfolder"
    finally:
        swapper.stop()
        scene.close()
