"""Fixtures for the unit tests: a small valid content folder that each test breaks once
(the folder itself is built by tests/helpers/content.py).

No Qt here: these tests run in the fast inner loop, without a QApplication.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from tests.helpers.content import SECTION, ContentFolder, build_valid_folder


@pytest.fixture
def make_content(tmp_path: Path) -> Callable[[str], ContentFolder]:
    """Factory: a fresh valid content folder under tmp_path (removed with it) per call."""

    def make(name: str = "content") -> ContentFolder:
        return build_valid_folder(tmp_path / name)

    return make


@pytest.fixture
def content(make_content: Callable[[str], ContentFolder]) -> ContentFolder:
    return make_content("content")


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the content folder, holding a valid picture and section file."""
    folder = tmp_path / "outside"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(folder / "secret.png")
    (folder / "map.yaml").write_text(SECTION.format(kind="map", picture="map.png"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def screen_png(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A picture of exactly the screen's size: neither too small nor too large anywhere."""
    path = tmp_path_factory.mktemp("png") / "screen.png"
    Image.new("RGB", (1920, 1080), "#334455").save(path)
    return path.read_bytes()


@pytest.fixture
def complete_content(make_content: Callable[[str], ContentFolder], screen_png: bytes) -> ContentFolder:
    """The small test folder with pictures the size they are shown at: `kiosk validate` has
    nothing to say about it."""
    folder = make_content("content")
    for name in ("backdrop.png", "timeline.png", "map.png"):
        folder.write(f"media/{name}", screen_png)
    return folder
