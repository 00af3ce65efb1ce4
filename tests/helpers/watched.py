"""A running exhibit as `kiosk run --content DIR` builds it, for the GUI tests of what comes
in from outside (a USB stick, the status file): a copy of the default exhibit, its scene with
the admin screen, and the watcher with a short settle period (not started)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.bridge import engine
from kiosk.bridge.admin import AdminController
from kiosk.bridge.engine import Scene
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.swap import open_exhibition
from tests.helpers.admin import STORED
from tests.helpers.content import copy_content
from tests.helpers.scene import CALM


@dataclass
class Watched:
    scene: Scene
    swapper: ExhibitionSwapper
    admin: AdminController
    store: LastGoodStore
    folder: Path


def watched_exhibit(tmp_path: Path) -> Watched:
    folder = copy_content(tmp_path)
    store = LastGoodStore(tmp_path / "store")
    start = open_exhibition(folder, store)
    admin = AdminController(start.exhibit, STORED, content_dir=folder)
    scene = engine.build_scene(start.exhibit, start.report.errors, policy=CALM, admin=admin)
    swapper = ExhibitionSwapper(
        scene.host, folder, store, start.generation, start.handled_digest, quiet_seconds=0.2, interval_seconds=0.05
    )
    return Watched(scene, swapper, admin, store, folder)
