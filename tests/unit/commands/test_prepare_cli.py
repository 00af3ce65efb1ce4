"""`kiosk prepare DIR`: the photos scaled now, a progress bar, and what was done."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.commands.prepare import ProgressBar
from kiosk.content.pictureuse import USES, Use
from kiosk.paths import PICTURE_CACHE_ENVIRONMENT

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


@pytest.fixture
def photos(content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ContentFolder:
    """The timeline's and the map's pictures become "camera photos" (uses at a tenth of their size)."""
    monkeypatch.setitem(USES, "screen", Use((384, 216)))
    monkeypatch.setenv(PICTURE_CACHE_ENVIRONMENT, str(tmp_path / "cache"))
    for shade, name in enumerate(("timeline", "map")):
        Image.new("RGB", (600, 400), (90, 60, 30 * shade)).save(content.path(f"media/{name}.png"))
    return content


def test_prepare_scales_then_finds_everything_cached(
    photos: ContentFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["prepare", str(photos.root), "--workers", "0"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Preparing the pictures of {photos.root} (no worker process)"
    # The small backdrop is opened once to learn it is small: three pictures to look at.
    assert [line.split(" (")[0] for line in lines[1:5]] == [f"{n}/3 pictures" for n in range(4)]
    assert lines[5].startswith(
        "5 pictures: 2 scaled, 0 already in the cache, 3 shown as they are (SVG or small enough), 0 failed, in "
    )
    assert lines[6] == f"Cache: {tmp_path / 'cache'}"
    assert len(list((tmp_path / "cache").glob("??/*.jpg"))) == 2

    assert main(["prepare", str(photos.root), "--workers", "0"]) == 0
    assert "0 scaled, 2 already in the cache" in capsys.readouterr().out


def test_prepare_reports_pictures_it_could_not_scale(
    photos: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(PICTURE_CACHE_ENVIRONMENT, str(blocker / "cache"))
    code = main(["prepare", str(photos.root), "--workers", "0"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "2 failed" in out
    assert err.startswith("kiosk prepare: cannot write the picture cache: ")


def test_prepare_refuses_a_folder_that_cannot_be_shown(
    content: ContentFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    content.path("map.yaml").unlink()
    assert main(["prepare", str(content.root)]) == 1
    err = capsys.readouterr().err
    assert "cannot be shown (1 error(s))" in err and f"kiosk validate {content.root}" in err


@pytest.mark.parametrize("workers", ["-1", "many", "65"])
def test_prepare_usage_errors_exit_2(workers: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["prepare", "--workers", workers]) == 2
    assert "--workers" in capsys.readouterr().err


def test_progress_bar_redraws_in_place_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar(stream)
    for done in range(5):
        bar(done, 4)
    frames = stream.getvalue().split("\r")[1:]
    assert len(frames) == 5 and frames[-1].endswith("s\n")
    assert frames[2].startswith("[" + "#" * 15 + "." * 15 + "] 2/4")
