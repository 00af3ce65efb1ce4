"""`kiosk preview`: real files edited on disk; the window follows, keeping the screen."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.bridge import engine
from kiosk.bridge.engine import Scene
from kiosk.bridge.reload import PreviewReloader
from kiosk.bridge.scenetools import find_items, settled, visible_in_scene, wait_until, walk
from kiosk.commands.preview import PREVIEW_IDLE
from kiosk.content.loader import load_exhibit
from kiosk.services.watch import fingerprint
from tests.helpers.content import copy_content
from tests.helpers.scene import shown

#: The preview promises a reload within a second; the machine running tests is shared.
RELOAD_MS = 15000  # a deadline, not a wait: generous for a loaded 2-core CI machine (an SVG trial starts Qt)

FR_TITLE = "Loos-en-Gohelle, l’art de renaître"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def preview(qtbot: object, _fonts: list[str]) -> Iterator[Callable[..., tuple[Scene, PreviewReloader]]]:
    """What `kiosk preview DIR` builds: the scene in preview mode and the folder's reloader."""
    made: list[tuple[Scene, PreviewReloader]] = []

    def factory(folder: Path, start_screen: str = "home") -> tuple[Scene, PreviewReloader]:
        seen = fingerprint(folder)
        exhibit, report = load_exhibit(folder)
        scene = engine.build_scene(
            exhibit, report.errors, size=(1600, 900), policy=PREVIEW_IDLE, start_screen=start_screen, preview=True
        )
        reloader = PreviewReloader(scene.host, folder, handled_digest=seen.content().digest)
        made.append((scene, reloader))
        reloader.start()
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        return scene, reloader

    yield factory
    for scene, reloader in made:
        reloader.stop()
        scene.close()


def overlay_problems(scene: Scene) -> list[str]:
    """The problem lines on screen, if the overlay is visible."""
    if not overlay_visible(scene):
        return []
    lines = [item for item in find_items(scene.window, "overlayProblem") if visible_in_scene(item)]
    return [item.property("text") for item in sorted(lines, key=lambda item: item.y())]


def overlay_visible(scene: Scene) -> bool:
    return any(visible_in_scene(item) for item in find_items(scene.window, "problemsOverlay"))


def test_an_edit_shows_within_the_reload_period_on_the_same_screen(preview, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    scene, _ = preview(content)
    kiosk_before = scene.kiosk
    # A visitor's place: the timeline, its first event open, in English.
    scene.kiosk.openSection(0)
    timeline = scene.kiosk.section(0).controller
    event_id = timeline.idAt(0)
    scene.kiosk.openDetail(event_id)
    scene.kiosk.setLanguage("en")
    old_title = timeline.eventAt(0, "en")["title"]
    assert shown(scene, "eventTitle").property("text") == old_title

    started = time.monotonic()
    edit(content / "timeline.yaml", old_title, "Edited by the curator")
    assert wait_until(lambda: scene.kiosk is not kiosk_before, RELOAD_MS), "the preview did not reload"
    elapsed = time.monotonic() - started
    # Same place, new words.
    assert (scene.kiosk.screen, scene.kiosk.sectionIndex, scene.kiosk.detail) == ("section", 0, event_id)
    assert scene.kiosk.language == "en"
    assert wait_until(lambda: shown(scene, "eventTitle").property("text") == "Edited by the curator", RELOAD_MS)
    assert not overlay_visible(scene)
    assert elapsed < RELOAD_MS / 1000


def test_an_invalid_edit_keeps_the_last_good_state_and_the_fix_clears_the_overlay(preview, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    scene, _ = preview(content)
    kiosk_before = scene.kiosk
    tile = shown(scene, "tile-timeline")
    title_before = tile.property("title")

    # A curator's slip: a key that does not exist, line 29 of exhibit.yaml.
    edit(content / "exhibit.yaml", "default_language: fr", "default_langage: fr")
    assert wait_until(lambda: bool(scene.host.overlayProblems), RELOAD_MS), "no problems were shown"
    assert wait_until(lambda: overlay_visible(scene), RELOAD_MS)
    problems = scene.host.overlayProblems
    line = next(
        i
        for i, text in enumerate((content / "exhibit.yaml").read_text().splitlines(), 1)
        if text.startswith("default_langage")
    )
    assert any(p.startswith(f"exhibit.yaml:{line}:1: error:") and "default_langage" in p for p in problems), problems
    assert overlay_problems(scene) == problems, "the overlay lists exactly the problems"
    # The last valid state stays: same controller, same words on screen.
    assert scene.kiosk is kiosk_before and scene.kiosk.status == "ready"
    assert shown(scene, "tile-timeline").property("title") == title_before

    # A second slip in another file while the first is still there: both are listed.
    edit(content / "timeline.yaml", "title:", "titel:")
    assert wait_until(lambda: any(p.startswith("timeline.yaml:") for p in scene.host.overlayProblems), RELOAD_MS)

    edit(content / "exhibit.yaml", "default_langage: fr", "default_language: fr")
    edit(content / "timeline.yaml", "titel:", "title:")
    assert wait_until(lambda: not scene.host.overlayProblems, RELOAD_MS), scene.host.overlayProblems
    assert wait_until(lambda: not overlay_visible(scene), RELOAD_MS), "the overlay did not clear"
    assert scene.kiosk is not kiosk_before, "the fixed folder is shown"
    assert scene.kiosk.screen == "home"


def test_a_folder_invalid_from_the_start_shows_the_error_screen_until_fixed(preview, tmp_path: Path) -> None:
    content = copy_content(tmp_path, lambda text: text.replace("default_language:", "default_langage:"))
    scene, _ = preview(content)
    assert scene.kiosk.status == "error"
    assert visible_in_scene(shown(scene, "errorPage"))
    first_problems = scene.kiosk.problems

    # Another mistake: the error screen's list follows.
    edit(content / "timeline.yaml", "title:", "titel:")
    assert wait_until(lambda: scene.kiosk.problems != first_problems, RELOAD_MS)
    assert any(p.startswith("timeline.yaml:") for p in scene.kiosk.problems)
    assert not overlay_visible(scene), "the error screen already lists the problems"

    edit(content / "exhibit.yaml", "default_langage:", "default_language:")
    edit(content / "timeline.yaml", "titel:", "title:")
    assert wait_until(lambda: scene.kiosk.status == "ready", RELOAD_MS)
    assert visible_in_scene(shown(scene, "tile-timeline"))


def test_a_replaced_picture_is_shown_and_unchanged_ones_do_not_reload(preview, tmp_path: Path) -> None:
    content = copy_content(tmp_path)
    scene, _ = preview(content)
    kiosk_before = scene.kiosk
    old_url = scene.kiosk.section(0).illustration
    assert "timeline.svg?v=" in old_url
    before = {scene.kiosk.section(i).illustration for i in range(scene.kiosk.sectionCount)}

    # Right after the swap (the new page is built while the signal is delivered): which
    # pictures are still being read, and which came at once from Qt's image cache.
    loading: dict[str, bool] = {}

    def pictures_at_swap() -> None:
        for item in walk(scene.window.contentItem()):
            if item.property("mediaLoading") is not None and visible_in_scene(item):
                loading[item.property("source").toString()] = item.property("mediaLoading")

    scene.host.kioskChanged.connect(pictures_at_swap)
    picture = content / "media" / "timeline.svg"
    picture.write_text(picture.read_text(encoding="utf-8").replace("</svg>", "<!-- new --></svg>"), encoding="utf-8")
    assert wait_until(lambda: scene.kiosk is not kiosk_before, RELOAD_MS)
    changed = [url for url in loading if "timeline.svg" in url]
    unchanged = [url for url in loading if "timeline.svg" not in url]
    assert changed and all(loading[url] for url in changed), loading
    assert unchanged and not any(loading[url] for url in unchanged), "unchanged pictures must not blink"
    after = {scene.kiosk.section(i).illustration for i in range(scene.kiosk.sectionCount)}
    assert old_url not in after, "the replaced picture gets a new address, so it is read again"
    assert len(before & after) == len(before) - 1, "the other pictures keep theirs (Qt's cache serves them)"


def test_replaced_controllers_are_freed_once_their_pages_are_gone(
    preview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A curator saves hundreds of times in an afternoon: old content must not pile up."""
    import shiboken6

    from kiosk.bridge import reload

    monkeypatch.setattr(reload, "RETIRE_AFTER_MS", 400)
    content = copy_content(tmp_path)
    scene, _ = preview(content)
    replaced = []
    for round_ in range(3):
        before = scene.kiosk
        edit(content / "exhibit.yaml", "Loos-en-Gohelle", f"Loos-en-Gohelle {round_}")
        assert wait_until(lambda before=before: scene.kiosk is not before, RELOAD_MS)
        replaced.append(before)
    assert wait_until(lambda: not any(shiboken6.isValid(k) for k in replaced), RELOAD_MS), "old controllers leak"
    assert shiboken6.isValid(scene.kiosk)
    assert settled(scene.window)


def map_tiles(scene: Scene) -> list:
    """The map's tile pictures on screen (the layers, markers and labels are drawn into them)."""
    tiles = []
    for item in walk(scene.window.contentItem()):
        source = item.property("source")
        is_tile = source is not None and hasattr(source, "toString") and source.toString().startswith("image://map/")
        if is_tile and visible_in_scene(item):
            tiles.append(item)
    return tiles


def tiles_drawn(scene: Scene) -> bool:
    """Tiles are on screen and each holds a picture (a tile the provider could not serve is empty)."""
    tiles = map_tiles(scene)
    return bool(tiles) and all(t.implicitWidth() > 0 and t.property("progress") == 1.0 for t in tiles)


def test_after_a_reload_the_map_draws_the_new_content(preview, tmp_path: Path) -> None:
    """New content brings a new map controller: its tiles must be served, not the old one's."""
    content = copy_content(tmp_path)
    scene, _ = preview(content)
    map_row = next(row for row in range(scene.kiosk.sectionCount) if scene.kiosk.section(row).kind == "map")
    scene.kiosk.openSection(map_row)
    assert wait_until(lambda: tiles_drawn(scene), timeout_ms=RELOAD_MS)
    old_sources = {t.property("source").toString() for t in map_tiles(scene)}
    kiosk_before = scene.kiosk

    edit(content / "map.yaml", "here:", "# the visitor's marker\nhere:")  # a new folder state, same map
    assert wait_until(lambda: scene.kiosk is not kiosk_before, timeout_ms=RELOAD_MS)
    assert scene.kiosk.sectionIndex == map_row
    assert wait_until(lambda: tiles_drawn(scene), timeout_ms=RELOAD_MS)
    assert not {t.property("source").toString() for t in map_tiles(scene)} & old_sources
