"""`kiosk stats --report DIR` as staff run it: a seeded record, the page and its pictures, the
heat maps drawn over the kiosk's own snapshot of each screen, coloured where visitors tapped."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.helpers.paths import REPO
from tests.helpers.record import DETAIL_CELL, NOTHING, TILES, centre, coloured, local_references, seeded_record


def test_the_report_draws_the_taps_over_the_screens(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    out = tmp_path / "report"
    done = subprocess.run(
        [
            *(sys.executable, "-m", "kiosk", "stats", "--record", str(record), "--report", str(out)),
            *("--size", "1280x720", "--picture", str(tmp_path / "page.png")),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].endswith("index.html")
    # The page drawn into a picture too: as wide as asked, every chart and heat map down it.
    picture = Image.open(tmp_path / "page.png").convert("RGB")
    assert picture.width == 1280 and picture.height > 4000, picture.size
    assert any(coloured(picture, 200, y) for y in range(0, picture.height, 7)), "the charts are drawn"
    page = out / "index.html"
    text = page.read_text(encoding="utf-8")
    assert "Drawn over the screen as the kiosk shows it at 1280 x 720" in text
    assert "plain grid" not in text
    local_references(page)
    for screen, cells in NOTHING.items():
        for name in (f"heat-{screen}.png", f"heat-{screen}-nothing.png"):  # every tap; taps on nothing
            heat = Image.open(out / name).convert("RGB")
            assert heat.size == (1280, 720)
            for cell in cells:
                assert coloured(heat, *centre(cell, heat.size)), (name, cell)
    # Taps with an item's card open, over the screen with a card open.
    detail = Image.open(out / "heat-timeline-detail.png").convert("RGB")
    assert coloured(detail, *centre(DETAIL_CELL, detail.size))
    assert "timeline-detail" in text
    every = Image.open(out / "heat-home.png").convert("RGB")
    for cell in TILES.values():
        assert coloured(every, *centre(cell, every.size)), cell
    # Over the snapshot, not a blank grid: the home screen's picture shows through (its
    # greys vary), and nothing was left in the report folder but the page's own files.
    home = Image.open(out / "heat-home.png").convert("L")
    low, high = home.getextrema()
    assert high - low > 100
    assert not list(out.glob("home-*.png"))
