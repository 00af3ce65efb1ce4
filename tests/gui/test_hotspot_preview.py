"""`kiosk hotspots IMAGE --preview blason.yaml --out check.png`: the hotspots drawn over the
picture with no screen, and a mistake in them said at its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.paths import default_content_dir

CONTENT = default_content_dir()


def test_the_hotspots_of_the_arms_are_drawn_over_the_picture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "check.png"
    code = main(
        [
            "hotspots",
            str(CONTENT / "media" / "blason.svg"),
            "--preview",
            str(CONTENT / "blason.yaml"),
            "--out",
            str(out),
        ]
    )
    said = capsys.readouterr()
    assert code == 0, said.err
    assert said.out.strip() == f"{out}: 5 hotspot(s) of blason.yaml over blason.svg (1333x1600)"
    with Image.open(out) as picture:
        assert picture.size == (1333, 1600)
        rgb = picture.convert("RGB")
        # The picture is there (its red quarter), and a hotspot's gold edge runs along the
        # top of the shield, where the picture itself has a thinner gold border.
        assert rgb.getpixel((300, 400))[0] > 150
        gold = sum(1 for x in range(220, 1110) if _gold(rgb.getpixel((x, 66))))
        assert gold > 600, gold


def _gold(pixel: tuple[int, int, int]) -> bool:
    red, green, blue = pixel
    return red > 190 and 140 < green < 200 and blue < 110


def test_a_hotspot_mistake_is_said_at_its_line_and_the_rest_drawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blason = tmp_path / "blason.yaml"
    blason.write_text(
        "charges:\n"
        "  - id: lion\n"
        "    hotspot:\n"
        "      polygon: [[0.1, 0.1], [0.4, 0.1], [0.4, 0.4]]\n"
        "  - id: crown\n"
        "  - id: phoenix\n"
        "    hotspot:\n"
        "      polygon: [[0.5, 0.1], [0.9, 0.1]]\n",
        encoding="utf-8",
    )
    out = tmp_path / "check.png"
    code = main(["hotspots", str(CONTENT / "media" / "blason.svg"), "--preview", str(blason), "--out", str(out)])
    said = capsys.readouterr()
    assert code == 1 and out.is_file()
    assert said.out.startswith(f"{out}: 1 hotspot(s) of blason.yaml")
    assert said.err.splitlines() == [
        "blason.yaml:5:5: error: this charge has no `hotspot:`",
        "blason.yaml:8:16: error: the hotspot of 'phoenix' has 2 point(s): a polygon needs at least 3",
    ]


def test_preview_needs_its_out_file(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["hotspots", str(CONTENT / "media" / "blason.svg"), "--preview", str(CONTENT / "blason.yaml")])
    assert code == 2
    assert "--preview BLASON_YAML and --out FILE.png go together" in capsys.readouterr().err
