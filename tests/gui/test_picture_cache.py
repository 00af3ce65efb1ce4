"""Real photos in a content folder: the exhibit never waits for its picture cache. A photo
without its scaled copy is shown from the original (decoded at the size it is drawn); the
copies are made behind the exhibit and used from the next time a page is built; a cache that
cannot be written, or is wiped while the kiosk runs, means the originals are shown."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtQuick import QQuickItem

from kiosk.bridge.engine import Scene
from kiosk.bridge.imagecache import fill_behind
from kiosk.bridge.models import media_url
from kiosk.bridge.scenetools import find_items, visible_in_scene
from kiosk.bridge.timeline import TimelineController
from kiosk.cli import main
from kiosk.content.loader import Exhibit, load_exhibit
from kiosk.content.pictureuse import USES, Use
from kiosk.content.schema import Media
from kiosk.paths import PICTURE_CACHE_ENVIRONMENT
from kiosk.services import picturecache
from tests.helpers.content import copy_content, intro_content
from tests.helpers.run import Run
from tests.helpers.scene import settle, shown

PHOTOS = {"exhibit.yaml": "backdrop", "map.yaml": "map", "pillars.yaml": "pillars"}
Tap = Callable[..., None]


@pytest.fixture
def small_uses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Uses shrunk to a tenth of the real sizes (so the test scales quickly); the cache folder."""
    for name, use in {"screen": Use((384, 216)), "card": Use((160, 160)), "thumb": Use((32, 32))}.items():
        monkeypatch.setitem(USES, name, use)
    cache = tmp_path / "picture-cache"
    monkeypatch.setenv(PICTURE_CACHE_ENVIRONMENT, str(cache))
    return cache


def photo(path: Path, shade: int) -> None:
    Image.new("RGB", (600, 400), (shade, 90, 120)).save(path, quality=80)


@pytest.fixture
def photos_content(tmp_path: Path, small_uses: Path) -> Path:
    """The default exhibit with three "camera photos": the backdrop, the map's and the pillars' pictures."""
    content = copy_content(tmp_path)
    old = {"exhibit.yaml": "media/terrils.svg", "map.yaml": "media/map.svg", "pillars.yaml": "media/pillars.svg"}
    for number, (file, name) in enumerate(PHOTOS.items()):
        path = content / file
        text = path.read_text(encoding="utf-8")
        assert text.count(f"path: {old[file]}") == 1
        path.write_text(text.replace(f"path: {old[file]}", f"path: media/{name}.jpg"), encoding="utf-8")
        photo(content / "media" / f"{name}.jpg", 40 * number)
    return content


@pytest.fixture
def intro_photo(tmp_path: Path, small_uses: Path) -> Path:
    """The map reduced to its introduction page, whose picture is a camera photo."""
    content = intro_content(tmp_path)
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["illustration"]["path"] = "media/map-photo.jpg"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    photo(content / "media" / "map-photo.jpg", 200)
    return content


def load(content: Path) -> Exhibit:
    exhibit, report = load_exhibit(content)
    assert exhibit is not None, [p.format() for p in report.errors]
    return exhibit


def in_cache(url: str, cache: Path) -> bool:
    return Path(QUrl(url).toLocalFile()).is_relative_to(cache)


def open_intro_picture(scene: Scene, tap: Tap) -> QQuickItem:
    """Home, then a touch on the map's tile: its introduction page's picture, once decoded."""
    scene.kiosk.goHome()
    settle(scene)
    tap(scene.window, shown(scene, "tile-map"))
    assert scene.kiosk.screen == "section"
    settle(scene)
    pictures = [p for p in find_items(scene.window, "introPicture") if visible_in_scene(p)]
    assert len(pictures) == 1
    picture = pictures[0]
    assert not picture.property("mediaLoading") and not picture.property("abandoned")
    assert decoded(picture).property("implicitWidth") > 0, "the picture is on screen"
    return picture


def leave(scene: Scene) -> None:
    """The visitor walks away: the attract screen, and the pages built for them dropped."""
    scene.kiosk.goAttract()
    settle(scene)


def decoded(picture: QQuickItem) -> QQuickItem:
    """MediaImage's Image: what was decoded, at which size."""
    images = [child for child in picture.childItems() if child.metaObject().className().startswith("QQuickImage")]
    assert len(images) == 1
    return images[0]


def test_kiosk_run_builds_the_exhibit_before_any_photo_is_scaled(run: Run, photos_content: Path) -> None:
    cache = Path(str(photos_content.parent / "picture-cache"))
    seen: dict[str, object] = {}
    real = picturecache.BackgroundPreparation.prepare

    def prepare(self: picturecache.BackgroundPreparation, exhibit: object) -> None:
        seen.setdefault("index at first prepare", (cache / picturecache.INDEX_FILE).exists())
        real(self, exhibit)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(picturecache.BackgroundPreparation, "prepare", prepare)
        assert main(["--content", str(photos_content), "--size", "960x540"]) == 0

    assert run.seen["status"] == "ready"
    backdrop = Path(QUrl(str(run.seen["backdrop"])).toLocalFile())
    assert not backdrop.is_relative_to(cache), "shown from the original: no wait for the cache"
    assert backdrop.name == "backdrop.jpg"
    assert seen == {"index at first prepare": False}, "the cache is filled after the scene is built"


def test_a_photo_is_shown_from_its_original_then_from_its_copy_on_the_next_view(
    intro_photo: Path, small_uses: Path, make_scene: Callable[..., Scene], tap: Tap
) -> None:
    scene = make_scene(intro_photo, size=(960, 540), start_screen="home")
    picture = open_intro_picture(scene, tap)
    original = str(intro_photo / "media/map-photo.jpg")
    assert QUrl(picture.property("source")).toLocalFile() == original
    # Decoded at the size it is drawn, not the original's 600x400.
    assert 0 < decoded(picture).property("implicitWidth") < 600

    preparation = fill_behind(scene.host, workers=0, start_delay_s=0)
    assert preparation.wait(60)
    assert preparation.summary is not None and preparation.summary.failed == []
    assert preparation.summary.scaled >= 1

    # A visitor keeps the pages built for them; the next visitor's are built afresh.
    picture = open_intro_picture(scene, tap)
    assert QUrl(picture.property("source")).toLocalFile() == original, "this visitor's page stays as it was"
    leave(scene)
    picture = open_intro_picture(scene, tap)
    assert in_cache(picture.property("source").toString(), small_uses), "the next view shows the scaled copy"

    # The cache wiped while the kiosk runs: the original again, never an empty frame.
    shutil.rmtree(small_uses)
    leave(scene)
    picture = open_intro_picture(scene, tap)
    assert QUrl(picture.property("source")).toLocalFile() == original
    preparation.stop()


def test_each_place_asks_for_its_own_size(photos_content: Path, small_uses: Path) -> None:
    exhibit = load(photos_content)
    picturecache.ensure_exhibit(exhibit, workers=0)
    backdrop = exhibit.manifest.backdrop
    assert backdrop is not None
    sizes = {}
    for use in ("screen", "card"):
        url = media_url(exhibit.root, backdrop, use)
        if in_cache(url, small_uses):
            with Image.open(QUrl(url).toLocalFile()) as image:
                sizes[use] = image.size
    assert sizes == {"screen": (384, 256)}, "the backdrop was prepared for the screen only"
    svg = media_url(exhibit.root, Media(path="media/blason.svg"), "card")
    assert QUrl(svg).toLocalFile() == str(photos_content / "media/blason.svg")  # the drawing itself


def test_unwritable_cache_shows_the_originals_and_the_exhibit_still_opens(
    photos_content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_scene: Callable[..., Scene],
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(PICTURE_CACHE_ENVIRONMENT, str(blocker / "cache"))
    scene = make_scene(photos_content, size=(960, 540))

    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        preparation = fill_behind(scene.host, workers=0, start_delay_s=0)
        assert preparation.wait(60)

    summary = preparation.summary
    assert summary is not None and summary.unwritable and len(summary.failed) == 3
    assert "showing the original pictures" in caplog.text
    assert QUrl(scene.kiosk.backdrop).toLocalFile() == str(photos_content / "media/backdrop.jpg")
    assert scene.window.isVisible()


def test_the_timeline_cards_show_the_copies_to_the_next_visitor(
    tmp_path: Path, small_uses: Path, make_scene: Callable[..., Scene]
) -> None:
    content = copy_content(tmp_path)
    timeline = content / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert text.count("path: media/event-lohes.svg") == 1
    timeline.write_text(text.replace("path: media/event-lohes.svg", "path: media/lohes.jpg"), encoding="utf-8")
    photo(content / "media" / "lohes.jpg", 70)
    scene = make_scene(content, size=(960, 540))
    controller = next(
        s.controller for s in scene.kiosk.sections_shown() if isinstance(s.controller, TimelineController)
    )
    first = controller._card_row(0)["thumbnail"]
    assert QUrl(first).toLocalFile() == str(content / "media/lohes.jpg")

    preparation = fill_behind(scene.host, workers=0, start_delay_s=0)
    assert preparation.wait(60)
    assert controller._card_row(0)["thumbnail"] == first, "a visitor's cards stay as they were"
    controller.release()  # the idle reset, once the visitor has gone
    assert in_cache(controller._card_row(0)["thumbnail"], small_uses)
