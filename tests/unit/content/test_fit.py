"""Texts measured with the kiosk's own fonts (kiosk.content.fit), and the warnings
`kiosk validate` gives where an over-long title would be cut with "…" on screen."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.content import fit
from kiosk.content.loader import load_exhibit
from kiosk.paths import default_content_dir

TWO_LINES = fit.Place("a test box", "sans", 400, 27, 300, lines=2)


def test_widths_grow_with_the_text_the_size_and_the_weight() -> None:
    assert fit.width_of("Loos") < fit.width_of("Loos-en-Gohelle")
    assert fit.width_of("Loos", pixel_size=27) < fit.width_of("Loos", pixel_size=54)
    assert fit.width_of("Loos", weight=400) < fit.width_of("Loos", weight=700)


def test_lines_break_between_words_and_after_hyphens() -> None:
    words = "the town through time " * 4
    assert fit.lines_needed("Loos", TWO_LINES) == 1
    assert fit.lines_needed(words, TWO_LINES) > 2
    assert not fit.fits(words, TWO_LINES)
    narrow = fit.Place("a narrow box", "sans", 500, 24, 200, lines=2)
    # One hyphenated word, wider than the box, still fits on two lines: Qt breaks after the hyphen.
    assert fit.width_of("UNESCO-werelderfgoed", "sans", 500, 24) > 200
    assert fit.fits("UNESCO-werelderfgoed", narrow)
    # A single word wider than the box never fits.
    assert not fit.fits("Steenkoolmijnbouwmaatschappijen", narrow)


def test_one_line_places_take_the_whole_text() -> None:
    one = fit.Place("a chip", "sans", 600, 26, 200, lines=1)
    assert fit.fits("Terrils", one)
    assert not fit.fits("Les terrils jumeaux de la Base 11/19", one)


def copy_of_default(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    return folder


def test_the_default_exhibit_has_no_title_cut_on_screen() -> None:
    _exhibit, report = load_exhibit(default_content_dir())
    assert not [p for p in report.problems if "cut with '…'" in p.message]


def test_a_title_too_long_for_its_card_is_reported_at_its_line(tmp_path: Path) -> None:
    folder = copy_of_default(tmp_path)
    timeline = folder / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    long_title = "The Battle of Loos, the first British gas attack and the longest day of the whole war"
    timeline.write_text(text.replace('en: "The Battle of Loos"', f'en: "{long_title}"', 1), encoding="utf-8")
    line = next(n for n, row in enumerate(timeline.read_text(encoding="utf-8").splitlines(), 1) if long_title in row)
    _exhibit, report = load_exhibit(folder)
    cut = [p for p in report.problems if "cut with '…'" in p.message]
    where = {(p.file, p.line) for p in cut}
    messages = " | ".join(p.message for p in cut)
    # On its timeline card and on its neighbours' buttons, at the title's own line...
    assert ("timeline.yaml", line - 1) in where  # the `title:` line above the English text
    assert "(en) is too long for its card on the timeline (3 lines)" in messages
    assert "the button of the card before or after it" in messages
    # ...and on the link buttons of the cards that link to it, at each link's line.
    assert "link 'timeline:bataille-de-loos': the title it shows (en) is too long for a link button" in messages
    assert all(p.severity == "warning" for p in cut)


def test_curator_colours_too_faint_on_the_kiosk_backgrounds_are_reported(tmp_path: Path) -> None:
    folder = copy_of_default(tmp_path)
    timeline = folder / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    era_line = next(n for n, row in enumerate(text.splitlines(), 1) if "colour:" in row)
    era_colour = text.splitlines()[era_line - 1].split('"')[1]
    timeline.write_text(text.replace(f'colour: "{era_colour}"', 'colour: "#2a2f36"', 1), encoding="utf-8")
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text(
        exhibit.read_text(encoding="utf-8").replace('colour: "#c0583f"', 'colour: "#3a2a2a"', 1), encoding="utf-8"
    )
    _exhibit, report = load_exhibit(folder)
    faint = {(p.file, p.line): p.message for p in report.problems if "choose a lighter colour" in p.message}
    assert ("timeline.yaml", era_line) in faint
    assert "its colour #2a2f36 measures" in faint[("timeline.yaml", era_line)]
    assert "it needs 3:1" in faint[("timeline.yaml", era_line)]
    assert any(file == "exhibit.yaml" and "section 'timeline'" in message for (file, _), message in faint.items())


def test_the_default_exhibit_colours_all_read() -> None:
    _exhibit, report = load_exhibit(default_content_dir())
    assert not [p.format() for p in report.problems if "to be read" in p.message]
