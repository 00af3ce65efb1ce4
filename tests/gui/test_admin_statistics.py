"""The admin screen's visitor figures and export, touched like staff touch them: the figures
of a seeded record, an export to a folder (a readable copy and its report), and an export to
a target that cannot be written, said in words, the admin screen still working."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.bridge.admin import AdminController
from kiosk.bridge.engine import Scene
from kiosk.bridge.scenetools import visible_in_scene
from kiosk.bridge.statistics import StatisticsController
from kiosk.content.loader import load_exhibit, localized
from kiosk.paths import default_content_dir
from kiosk.services import analytics
from kiosk.services.export import Place
from kiosk.services.statistics import summarise
from tests.helpers.admin import STORED, Exits, Tap, open_admin
from tests.helpers.record import VISITS_BACK, local_references, seeded_record, visits_in
from tests.helpers.scene import item, settle, shown


@pytest.fixture
def stats_scene(make_scene: Callable, tmp_path: Path) -> Callable[..., tuple[Scene, StatisticsController]]:
    """A scene over a seeded record, with no USB stick and an export folder in tmp_path."""

    def build(folder: Path | None = None, size: tuple[int, int] = (1920, 1080)) -> tuple[Scene, StatisticsController]:
        record = seeded_record(tmp_path / "visits.sqlite")
        target = folder if folder is not None else tmp_path / "exports"
        statistics = StatisticsController(record, places=lambda: [], folder=lambda: Place("Documents", target, False))
        exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
        admin = AdminController(exhibit, STORED, exit_app=Exits(), statistics=statistics)
        return make_scene(admin=admin, size=size), statistics

    return build


def open_panel(scene: Scene, tap: Tap, qtbot, statistics: StatisticsController) -> None:
    open_admin(scene, tap)
    tap(scene.window, shown(scene, "adminStatsButton"))
    qtbot.waitUntil(lambda: statistics.ready, timeout=10_000)
    settle(scene)
    assert visible_in_scene(shown(scene, "adminStats"))


def text_of(scene: Scene, name: str) -> str:
    return str(item(scene, name).property("text"))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_the_panel_shows_the_figures_of_the_record(stats_scene, tap: Tap, qtbot, size) -> None:
    scene, statistics = stats_scene(size=size)
    open_panel(scene, tap, qtbot, statistics)
    assert text_of(scene, "statsToday") == str(visits_in(1)) == "3"
    assert text_of(scene, "statsWeek") == str(visits_in(7)) == "23"
    connection = analytics.connect(statistics._record, read_only=True)
    today = date.today()
    week = summarise(connection, today - timedelta(days=6), today, content_items=())
    connection.close()
    whole = round(week.median_seconds)
    assert text_of(scene, "statsMedian") == f"{whole // 60} min {whole % 60:02d} s"
    exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None
    titles = {s.ref.kind: localized(s.content.title, "fr", "fr") for s in exhibit.sections}
    for index, (kind, opens, _seconds) in enumerate(week.sections):
        assert text_of(scene, f"statsSectionName-{index}") == f"{index + 1}. {titles[kind]}"
        assert text_of(scene, f"statsSectionOpens-{index}") == f"{opens} ouvertures"
    assert [kind for kind, _opens, _s in week.sections] == ["timeline", "blason", "map"]
    # No USB stick plugged in: the panel says so, and offers the folder on this PC.
    assert visible_in_scene(shown(scene, "exportNoUsb"))
    assert text_of(scene, "exportPlace-0") == "Ce PC : Documents"
    tap(scene.window, shown(scene, "statsBack"))
    settle(scene)
    assert visible_in_scene(shown(scene, "adminScreen"))


def test_export_to_a_folder_writes_a_readable_copy_and_the_report(stats_scene, tap: Tap, qtbot, tmp_path) -> None:
    scene, statistics = stats_scene()
    open_panel(scene, tap, qtbot, statistics)
    tap(scene.window, shown(scene, "exportPlace-0"))
    assert statistics.exportState == "running"
    qtbot.waitUntil(lambda: statistics.exportState != "running", timeout=180_000)
    assert statistics.exportState == "done", statistics.exportWhy
    folder = Path(statistics.exportFolder)
    assert folder.parent == tmp_path / "exports"
    connection = sqlite3.connect(f"{(folder / 'visits.sqlite').as_uri()}?mode=ro", uri=True)
    assert connection.execute("SELECT count(*) FROM sessions").fetchone()[0] == sum(VISITS_BACK)
    connection.close()
    page = folder / "report" / "index.html"
    assert "heat-home.png" in local_references(page)
    settle(scene)
    assert text_of(scene, "exportStatus") == f"Terminé : le registre et son rapport sont dans {folder}"


def test_export_to_a_target_that_cannot_be_written_fails_in_words(stats_scene, tap: Tap, qtbot, tmp_path) -> None:
    blocker = tmp_path / "stick"
    blocker.write_text("not a folder: a stick pulled out, a full or read-only drive", encoding="utf-8")
    scene, statistics = stats_scene(folder=blocker)
    open_panel(scene, tap, qtbot, statistics)
    tap(scene.window, shown(scene, "exportPlace-0"))
    qtbot.waitUntil(lambda: statistics.exportState != "running", timeout=30_000)
    assert statistics.exportState == "failed"
    settle(scene)
    status = text_of(scene, "exportStatus")
    assert status.startswith("L’export a échoué : ") and str(blocker) in status and "cannot be written" in status
    assert blocker.read_text(encoding="utf-8").startswith("not a folder")
    # Nothing breaks: the figures are still there, Back and Close still answer.
    assert text_of(scene, "statsToday") == "3"
    tap(scene.window, shown(scene, "statsBack"))
    tap(scene.window, shown(scene, "adminClose"))
    settle(scene)
    assert scene.admin.stage == "closed"
