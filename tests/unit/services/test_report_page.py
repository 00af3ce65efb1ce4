"""The report's page (kiosk/services/report.py) without Qt: every figure, local files only,
an empty period said plainly, the heat map coloured where visitors tapped on nothing."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PIL import Image

from kiosk.services import analytics
from kiosk.services.report import HEAT_WIDTH, heat_map, write_report
from kiosk.services.statistics import summarise
from tests.helpers.record import ITEM_CELL, NOTHING, TILES, centre, coloured, local_references, seeded_record


def test_the_page_has_every_chart_and_only_local_files(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    connection = analytics.connect(record, read_only=True)
    today = date.today()
    summary = summarise(connection, today - timedelta(days=29), today, every_tap=True)
    connection.close()
    page = write_report(summary, tmp_path / "report")
    text = page.read_text(encoding="utf-8")
    for words in (
        "Visits per day",
        "Visits per hour of the week",
        "Visit length",
        "Languages",
        "Sections, by opens",
        "Items, by opens",
        "Taps on nothing",
        "plain grid",
    ):
        assert words in text, words
    references = local_references(page)
    for name in (
        "visits-per-day.svg",
        "hour-of-week.svg",
        "visit-length.svg",
        "languages.svg",
        "sections.svg",
        "items.svg",
        "heat-home.png",
        "heat-home-nothing.png",
        "heat-timeline.png",
        "heat-timeline-nothing.png",
        "heat-blason.png",
        "heat-legend.png",
        "heat-legend-nothing.png",
    ):
        assert name in references, name
    for svg in tmp_path.joinpath("report").glob("*.svg"):
        assert "<script" not in svg.read_text(encoding="utf-8")
    heat = Image.open(tmp_path / "report" / "heat-home-nothing.png").convert("RGB")
    assert heat.width == HEAT_WIDTH
    for cell in NOTHING["home"]:
        assert coloured(heat, *centre(cell, heat.size)), cell
    assert not coloured(heat, *centre(0, heat.size))
    assert not coloured(heat, *centre(TILES["blason"], heat.size))  # a tile answers: not on this map
    every = Image.open(tmp_path / "report" / "heat-home.png").convert("RGB")
    for cell in (*TILES.values(), *NOTHING["home"]):
        assert coloured(every, *centre(cell, every.size)), cell
    assert not coloured(every, *centre(0, every.size))
    blason = Image.open(tmp_path / "report" / "heat-blason.png").convert("RGB")
    assert coloured(blason, *centre(ITEM_CELL, blason.size))
    assert not (tmp_path / "report" / "heat-blason-nothing.png").exists()  # none there: said in words


def test_an_empty_period_says_so(tmp_path: Path) -> None:
    record = seeded_record(tmp_path / "visits.sqlite")
    connection = analytics.connect(record, read_only=True)
    summary = summarise(connection, date(2001, 1, 1), date(2001, 1, 31))
    connection.close()
    page = write_report(summary, tmp_path / "report")
    assert "No visits were recorded in this period." in page.read_text(encoding="utf-8")
    assert local_references(page) == []
    assert [path.name for path in (tmp_path / "report").iterdir()] == ["index.html"]


def test_a_heat_map_over_a_snapshot_keeps_the_screen_grey_and_the_taps_in_colour(tmp_path: Path) -> None:
    snapshot = tmp_path / "home.png"
    Image.new("RGB", (1080, 1920), (30, 90, 160)).save(snapshot)  # a blue portrait screen
    heat_map({0: 1, 47 + 26 * 48: 9}, snapshot, (1080, 1920), tmp_path / "heat.png")
    heat = Image.open(tmp_path / "heat.png").convert("RGB")
    assert heat.size == (HEAT_WIDTH, round(HEAT_WIDTH * 1920 / 1080))
    assert coloured(heat, *centre(0, heat.size))  # one tap shows
    assert coloured(heat, *centre(47 + 26 * 48, heat.size))
    assert not coloured(heat, *centre(20 * 48 + 20, heat.size))  # the screen itself turned grey
    few, many = heat.getpixel(centre(0, heat.size)), heat.getpixel(centre(47 + 26 * 48, heat.size))
    assert few[1] > many[1]  # yellow for few, red for many


def test_on_a_busy_map_the_scattered_taps_fade_and_the_clusters_stand_out(tmp_path: Path) -> None:
    cells = dict.fromkeys(range(0, 48 * 27, 3), 1)  # a year of taps scattered everywhere
    cells[13 * 48 + 24] = 100  # and a cluster
    heat_map(cells, None, (1920, 1080), tmp_path / "heat.png")
    heat = Image.open(tmp_path / "heat.png").convert("RGB")
    assert coloured(heat, *centre(13 * 48 + 24, heat.size))
    assert not coloured(heat, *centre(0, heat.size))  # one tap among thousands: a faint haze
