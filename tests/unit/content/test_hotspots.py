"""Hotspot geometry and the glossary links: plain rules, no Qt."""

from __future__ import annotations

import pytest

from kiosk.content.glossary import link_words
from kiosk.content.hotspots import Region, hit, overlap, point_in_polygon, polygon_area, self_intersects
from kiosk.content.schema import Hotspot

SQUARE = [(0.1, 0.1), (0.5, 0.1), (0.5, 0.5), (0.1, 0.5)]


def region(id: str, **shape: object) -> Region:
    return Region(id, Hotspot.model_validate(shape))


def test_points_inside_and_outside_a_polygon() -> None:
    assert point_in_polygon(SQUARE, 0.3, 0.3)
    assert not point_in_polygon(SQUARE, 0.6, 0.3)
    assert not point_in_polygon(SQUARE, 0.3, 0.05)


def test_area() -> None:
    assert polygon_area(SQUARE) == pytest.approx(0.16)
    assert region("e", ellipse={"cx": 0.5, "cy": 0.5, "rx": 0.1, "ry": 0.2}).area() == pytest.approx(0.0628, abs=1e-3)


def test_the_smaller_region_wins_where_two_overlap() -> None:
    big = region("shield", polygon=[[0, 0], [1, 0], [1, 1], [0, 1]])
    small = region("lion", ellipse={"cx": 0.3, "cy": 0.3, "rx": 0.1, "ry": 0.1})
    assert hit([big, small], 0.3, 0.3) == "lion"
    assert hit([big, small], 0.8, 0.8) == "shield"
    assert hit([small], 0.8, 0.8) is None


def test_self_intersection_is_found() -> None:
    bow_tie = [(0.1, 0.1), (0.5, 0.5), (0.5, 0.1), (0.1, 0.5)]
    assert self_intersects(bow_tie)
    assert not self_intersects(SQUARE)


def test_neighbours_sharing_an_edge_do_not_overlap() -> None:
    left = region("a", polygon=[[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]])
    right = region("b", polygon=[[0.5, 0.1], [0.9, 0.1], [0.9, 0.5], [0.5, 0.5]])
    assert not overlap(left, right)
    crossing = region("c", polygon=[[0.4, 0.2], [0.7, 0.2], [0.7, 0.4], [0.4, 0.4]])
    assert overlap(left, crossing)


def test_glossary_words_become_links_and_markup_stays_text() -> None:
    words = [("écartelé", "ecartele"), ("écu", "ecu"), ("champs", "champ")]
    out = link_words("L’écu est écartelé en <b>quatre</b> champs. Écartelé !", words)
    assert out == (
        'L’<a href="glossary:ecu">écu</a> est <a href="glossary:ecartele">écartelé</a> en '
        '&lt;b&gt;quatre&lt;/b&gt; <a href="glossary:champ">champs</a>. <a href="glossary:ecartele">Écartelé</a> !'
    )


def test_glossary_matches_whole_words_only() -> None:
    assert link_words("Un champion.", [("champ", "champ")]) == "Un champion."
