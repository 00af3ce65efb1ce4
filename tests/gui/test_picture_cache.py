"""Real photos in a content folder: scaled before the exhibit opens, with their progress on
screen; the exhibit shows the scaled copies, or the originals when the cache cannot be used."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.bridge.engine import Scene
from kiosk.bridge.imagecache import prepare_pictures
from kiosk.bridge.models import media_url
from kiosk.bridge.scenetools import find_item
from kiosk.content.loader import Exhibit, load_exhibit
from kiosk.content.pictureuse import USES, Use
from kiosk.content.schema import Media
from kiosk.paths import PICTURE_CACHE_ENVIRONMENT
from kiosk.services import picturecache
from tests.helpers.content import copy_content

PHOTOS = {"exhibit.yaml": "backdrop", "map.yaml": "map", "pillars.yaml": "pillars"}


@pytest.fixture
def photos_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default exhibit with three "camera photos" (at a tenth of the real sizes, with
    the uses shrunk to match, so the test scales them quickly)."""
    for name, use in {"screen": Use((384, 216)), "card": Use((160, 160)), "thumb": Use((32, 32))}.items():
        monkeypatch.setitem(USES, name, use)
    monkeypatch.setenv(PICTURE_CACHE_ENVIRONMENT, str(tmp_path / "picture-cache"))
    content = copy_content(tmp_path)
    for number, (file, name) in enumerate(PHOTOS.items()):
        path = content / file
        text = path.read_text(encoding="utf-8")
        old = {"exhibit.yaml": "media/terrils.svg", "map.yaml": "media/map.svg", "pillars.yaml": "media/pillars.svg"}
        assert text.count(f"path: {old[file]}") == 1
        path.write_text(text.replace(f"path: {old[file]}", f"path: media/{name}.jpg"), encoding="utf-8")
        Image.new("RGB", (600, 400), (40 * number, 90, 120)).save(content / "media" / f"{name}.jpg", quality=80)
    return content


def load(content: Path) -> Exhibit:
    exhibit, report = load_exhibit(content)
    assert exhibit is not None, [p.format() for p in report.errors]
    return exhibit


def in_cache(url: str, tmp_path: Path) -> bool:
    return Path(QUrl(url).toLocalFile()).is_relative_to(tmp_path / "picture-cache")


def preparing_window() -> QQuickWindow | None:
    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow) and window.objectName() == "preparingWindow" and window.isVisible():
            return window
    return None


def test_progress_is_on_screen_while_photos_are_scaled_then_the_exhibit_shows_them(
    photos_content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make_scene: Callable[..., Scene],
) -> None:
    exhibit = load(photos_content)
    # Hold the second picture until the test has seen the screen say "1 of 3".
    gate = threading.Event()
    real_prepare = picturecache.prepare_picture
    prepared: list[str] = []

    def held_prepare(job: picturecache.Job) -> picturecache.JobResult:
        if prepared:
            gate.wait(10)
        prepared.append(job.source)
        return real_prepare(job)

    monkeypatch.setattr(picturecache, "prepare_picture", held_prepare)
    seen: dict[str, object] = {}

    def look() -> None:
        window = preparing_window()
        count = find_item(window, "preparingCount") if window is not None else None
        if count is not None and count.property("text") == "1 sur 3":
            bar, track = find_item(window, "preparingBar"), find_item(window, "preparingTrack")
            assert isinstance(bar, QQuickItem) and isinstance(track, QQuickItem)
            seen.update(
                count=count.property("text"),
                fraction=bar.width() / track.width(),
                title=find_item(window, "preparingTitle").property("text"),
            )
            gate.set()
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    screen = prepare_pictures(exhibit, size=(960, 540), workers=0, show_after_s=0)
    gate.set()  # never leave the worker waiting, whatever happened

    assert seen == {"count": "1 sur 3", "fraction": pytest.approx(1 / 3, abs=0.01), "title": "Préparation des photos"}
    assert screen.summary.scaled == 3 and screen.summary.failed == []
    assert screen.preparation is not None
    assert (screen.preparation.property("progress"), screen.preparation.property("total")) == (3, 3)
    scene = make_scene(photos_content, size=(960, 540))
    screen.close()
    assert preparing_window() is None
    screen.dispose()

    assert in_cache(scene.kiosk.backdrop, tmp_path), scene.kiosk.backdrop
    backdrop = Path(QUrl(scene.kiosk.backdrop).toLocalFile())
    with Image.open(backdrop) as image:
        assert image.size == (384, 256)


def test_warm_cache_opens_without_a_progress_window(photos_content: Path) -> None:
    exhibit = load(photos_content)
    first = prepare_pictures(exhibit, workers=0, show_after_s=5)
    assert first.summary.scaled == 3 and first.window is None
    again = prepare_pictures(exhibit, workers=0, show_after_s=5)
    assert (again.summary.scaled, again.summary.cached, again.window) == (0, 3, None)


def test_each_place_asks_for_its_own_size(photos_content: Path, tmp_path: Path) -> None:
    exhibit = load(photos_content)
    prepare_pictures(exhibit, workers=0, show_after_s=5)
    backdrop = exhibit.manifest.backdrop
    assert backdrop is not None
    sizes = {}
    for use in ("screen", "card"):
        url = media_url(exhibit.root, backdrop, use)
        if in_cache(url, tmp_path):
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
    exhibit = load(photos_content)

    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        screen = prepare_pictures(exhibit, workers=0, show_after_s=5)
    screen.close()

    assert screen.summary.unwritable and len(screen.summary.failed) == 3
    assert "showing the original pictures" in caplog.text
    scene = make_scene(photos_content, size=(960, 540))
    assert QUrl(scene.kiosk.backdrop).toLocalFile() == str(photos_content / "media/backdrop.jpg")
    assert scene.window.isVisible()
