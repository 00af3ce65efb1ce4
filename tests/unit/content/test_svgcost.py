"""Drawings that ask too much of the renderer are refused before anything renders them
(kiosk.content.svgcost, through the picture checks of `kiosk validate`)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kiosk.content import svgcost
from kiosk.content.media import _svg_problem
from kiosk.paths import default_content_dir
from tests.helpers.svg import SVG, use_bomb


def write(tmp_path: Path, body: str, size: str = 'viewBox="0 0 100 100" width="100" height="100"') -> Path:
    path = tmp_path / "drawing.svg"
    path.write_text(SVG.format(size=size, body=body), encoding="utf-8")
    return path


def test_a_use_bomb_of_a_few_kilobytes_is_refused_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, use_bomb(levels=9))  # a thousand million rectangles
    assert path.stat().st_size < 3000
    start = time.perf_counter()
    problem = _svg_problem(path)
    assert time.perf_counter() - start < 1.0
    assert problem is not None
    assert "is too heavy to draw: it expands to more than 100,000 shapes" in problem


def test_a_drawing_that_repeats_a_figure_a_few_times_is_fine(tmp_path: Path) -> None:
    assert _svg_problem(write(tmp_path, use_bomb(levels=3))) is None  # a thousand rectangles


def test_a_loop_of_references_is_refused(tmp_path: Path) -> None:
    body = '<g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g>'
    problem = _svg_problem(write(tmp_path, body))
    assert problem is not None and "refers back to itself" in problem


def test_patterns_count_where_they_are_used(tmp_path: Path) -> None:
    heavy = "".join(f'<circle r="1" cx="{i}"/>' for i in range(2000))
    uses = "".join(f'<rect width="9" height="9" fill="url(#p)" x="{i}"/>' for i in range(60))
    body = f'<defs><pattern id="p" width="9" height="9">{heavy}</pattern></defs>{uses}'
    problem = _svg_problem(write(tmp_path, body))
    assert problem is not None and "more than 100,000 shapes" in problem


def test_nesting_too_deep_is_refused(tmp_path: Path) -> None:
    body = "<g>" * 300 + "<rect/>" + "</g>" * 300
    problem = _svg_problem(write(tmp_path, body))
    assert problem is not None and "nest more than" in problem


def test_too_much_path_data_is_refused(tmp_path: Path) -> None:
    body = ('<path d="M0 0' + " L1 1" * 20_000 + '"/>') * 41  # 4.1 million characters in 41 outlines
    problem = _svg_problem(write(tmp_path, body))
    assert problem is not None and "characters of path data" in problem


def test_filters_applied_too_often_are_refused(tmp_path: Path) -> None:
    body = '<defs><filter id="f"><feGaussianBlur stdDeviation="3"/></filter></defs>' + "".join(
        f'<rect width="5" height="5" x="{i}" filter="url(#f)"/>' for i in range(300)
    )
    problem = _svg_problem(write(tmp_path, body))
    assert problem is not None and "applies filters" in problem


@pytest.mark.parametrize(
    ("size", "words"),
    [
        ('viewBox="0 0 0.001 0.001" width="1000" height="1000"', "enlarges its viewBox 1,000,000 times"),
        ('viewBox="0 0 0 100" width="100" height="100"', "has no area"),
    ],
)
def test_a_viewbox_blown_up_or_empty_is_refused(tmp_path: Path, size: str, words: str) -> None:
    problem = _svg_problem(write(tmp_path, "<rect/>", size))
    assert problem is not None and words in problem


def test_every_drawing_of_the_exhibit_is_well_inside_the_limits() -> None:
    for path in sorted((default_content_dir() / "media").glob("*.svg")):
        assert _svg_problem(path) is None, path.name


def test_validate_names_the_picture_and_where_the_content_uses_it(tmp_path: Path) -> None:
    import shutil

    from kiosk.content.loader import load_exhibit

    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    (folder / "media" / "timeline.svg").write_text(
        SVG.format(size='viewBox="0 0 100 100"', body=use_bomb(levels=8)), encoding="utf-8"
    )
    exhibit, report = load_exhibit(folder)
    errors = [p for p in report.errors if "too heavy to draw" in p.message]
    assert exhibit is None and errors
    assert errors[0].file == "timeline.yaml" and errors[0].line > 0
    assert "picture 'media/timeline.svg': is too heavy to draw" in errors[0].message


def test_the_measure_counts_each_use_of_a_shared_group() -> None:
    leaf = svgcost.Element("rect", {"id": "r"}, 1)
    group = svgcost.Element("g", {"id": "g"}, 1, [leaf])
    uses = [svgcost.Element("use", {"href": "#g"}, 2) for _ in range(3)]
    root = svgcost.Element("svg", {}, 1, [svgcost.Element("defs", {}, 1, [group]), *uses])
    svgcost.assess(root)  # 3 rectangles: fine
    many = [svgcost.Element("use", {"href": "#g"}, 2) for _ in range(svgcost.MAX_SHAPES + 1)]
    with pytest.raises(svgcost.TooCostlyError):
        svgcost.assess(svgcost.Element("svg", {}, 1, [svgcost.Element("defs", {}, 1, [group]), *many]))
