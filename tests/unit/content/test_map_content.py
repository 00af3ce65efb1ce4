"""The map's projection and bad map content: plain rules, no Qt."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest

from kiosk.content.geo import Bounds, Projection, read_layer
from kiosk.content.report import Problem
from tests.helpers.content import SECTION, ContentFolder
from tests.helpers.paths import REPO

# ../shared beside the repository (or beside the folder of work trees).
SHARED_GEO = next(
    (
        p
        for p in (
            REPO.parent / "shared" / "reference" / "loos-geo.json",
            REPO.parent.parent / "shared" / "reference" / "loos-geo.json",
        )
        if p.exists()
    ),
    REPO.parent / "shared" / "reference" / "loos-geo.json",
)

SQUARE = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[2.75, 50.43], [2.82, 50.43], [2.82, 50.48], [2.75, 50.48], [2.75, 50.43]]],
            },
        }
    ],
}


def test_projection_puts_the_corners_at_the_corners() -> None:
    projection = Projection(Bounds(2.75, 50.43, 2.82, 50.48))
    assert projection.to_map(2.75, 50.48) == pytest.approx((0.0, 0.0))
    assert projection.to_map(2.82, 50.43) == pytest.approx((1.0, 1.0))
    assert projection.to_lonlat(*projection.to_map(2.788481, 50.443206)) == pytest.approx((2.788481, 50.443206))


def test_projection_keeps_true_proportions() -> None:
    """At 50.45 degrees north a degree of longitude is cos(50.45) of a degree of latitude."""
    projection = Projection(Bounds(2.75, 50.43, 2.82, 50.48))
    expected = 0.05 / (0.07 * math.cos(math.radians(50.455)))
    assert projection.aspect == pytest.approx(expected)


def ground_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius): an independent measure."""
    (lon1, lat1), (lon2, lat2) = (tuple(math.radians(v) for v in p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6_371_008.8 * math.asin(math.sqrt(h))


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="the reference geodata sits in ../shared")
def test_known_points_land_within_a_pixel() -> None:
    """The BRGM shafts and the commune's corners, on a 1920-pixel map of the commune's box:
    every distance on screen is the distance on the ground at the map's scale, to a pixel."""
    data = json.loads(SHARED_GEO.read_text(encoding="utf-8"))
    bbox = next(f for f in data["features"] if f["properties"].get("role") == "main")["properties"]["bbox_lonlat"]
    projection = Projection(Bounds(*bbox))
    width = 1920.0
    height = width * projection.aspect
    metres_per_px = ground_metres((bbox[0], (bbox[1] + bbox[3]) / 2), (bbox[2], (bbox[1] + bbox[3]) / 2)) / width
    points = [
        tuple(f["geometry"]["coordinates"]) for f in data["features"] if f["properties"].get("kind") == "mine_shaft"
    ]
    points += [(bbox[0], bbox[1]), (bbox[2], bbox[3]), (bbox[0], bbox[3])]
    assert len(points) >= 8
    for a, b in itertools.combinations(points, 2):
        (ax, ay), (bx, by) = projection.to_map(*a), projection.to_map(*b)
        on_screen = math.hypot((ax - bx) * width, (ay - by) * height)
        assert on_screen == pytest.approx(ground_metres(a, b) / metres_per_px, abs=1.0)


def write_map(content: ContentFolder, layers: str, markers: str = "", extra: str = "") -> None:
    intro = SECTION.format(kind="map", picture="map.png")
    content.write("map.yaml", intro + "layers:\n" + layers + ("markers:\n" + markers if markers else "") + extra)


LAYER = '  - {id: loos, title: Loos, file: geo/loos.geojson, colour: "#7ea35a"}\n'
MARKER = "  - {id: puits-11, kind: shaft, lon: 2.788481, lat: 50.443206, title: Puits 11, text: T}\n"


def only(problems: list[Problem], needle: str) -> Problem:
    matches = [p for p in problems if needle in p.message]
    assert len(matches) == 1, "\n".join(p.format() for p in problems)
    return matches[0]


def test_a_good_map_loads(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    write_map(content, LAYER, MARKER, "here: puits-11\n")
    exhibit, report = content.load()
    assert exhibit is not None, [p.format() for p in report.problems]


def test_invalid_geojson(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", "{not json")
    write_map(content, LAYER)
    problem = only(content.problems(), "layer 'loos': not valid JSON")
    assert problem.line == content.line_of("map.yaml", "geo/loos.geojson")


def test_a_geometry_the_map_does_not_draw_is_reported_not_fatal(content: ContentFolder) -> None:
    data = json.loads(json.dumps(SQUARE))
    data["features"].append({"type": "Feature", "properties": {}, "geometry": {"type": "Curve", "coordinates": []}})
    content.write("geo/loos.geojson", json.dumps(data))
    write_map(content, LAYER)
    exhibit, report = content.load()
    assert exhibit is not None
    assert only(report.problems, "of type Curve are not drawn").severity == "warning"


def test_swapped_coordinates_are_a_warning(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    write_map(content, LAYER, "  - {id: puits-11, kind: shaft, lon: 50.44, lat: 2.79, title: P, text: T}\n")
    exhibit, report = content.load()
    assert exhibit is not None
    assert "longitude and latitude look swapped" in only(report.problems, "lies far outside the map").message


def test_an_empty_layer_is_a_warning(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps({"type": "FeatureCollection", "features": []}))
    write_map(content, LAYER)
    assert only(content.load()[1].problems, "is empty").severity == "warning"


def test_background_bounds_with_north_below_south(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    background = (
        "background:\n  image: {path: media/map.png, alt: Carte, credit: IGN, licence: Etalab}\n"
        "  west: 2.75\n  south: 50.48\n  east: 2.82\n  north: 50.43\n"
    )
    write_map(content, LAYER, "", background)
    assert only(content.problems(), "north (50.43) must be above south (50.48)").severity == "error"


def test_a_marker_linking_to_a_missing_id(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    write_map(content, LAYER, MARKER.replace("text: T}", "text: T, related: [map:nowhere]}"))
    assert only(content.problems(), "link 'map:nowhere': no item 'nowhere'").severity == "error"


def test_read_layer_counts_what_it_draws(tmp_path: Path) -> None:
    path = tmp_path / "l.geojson"
    path.write_text(json.dumps(SQUARE), encoding="utf-8")
    layer = read_layer(path)
    assert len(layer.polygons) == 1 and not layer.skipped


def test_a_position_out_of_range_is_an_error(content: ContentFolder) -> None:
    data = json.loads(json.dumps(SQUARE))
    data["features"][0]["geometry"]["coordinates"][0][1] = [200.0, 95.0]
    content.write("geo/loos.geojson", json.dumps(data))
    write_map(content, LAYER)
    assert only(content.problems(), "position [200.0, 95.0] is not a longitude/latitude").severity == "error"


def test_a_marker_out_of_range_is_an_error(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    write_map(content, LAYER, MARKER.replace("lat: 50.443206", "lat: 95"))
    problem = only(content.problems(), "should be at most 90.0, not 95")
    assert problem.severity == "error" and problem.line == content.line_of("map.yaml", "lat: 95")


def test_a_layer_with_swapped_coordinates_is_a_warning(content: ContentFolder) -> None:
    swapped = json.loads(json.dumps(SQUARE))
    ring = swapped["features"][0]["geometry"]["coordinates"][0]
    swapped["features"][0]["geometry"]["coordinates"][0] = [[lat, lon] for lon, lat in ring]
    content.write("geo/loos.geojson", json.dumps(swapped))
    write_map(content, LAYER, MARKER)
    exhibit, report = content.load()
    assert exhibit is not None
    problem = only(report.problems, "layer 'loos' lies far from the markers")
    assert problem.severity == "warning" and "look swapped" in problem.message


def test_background_east_left_of_west(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    background = (
        "background:\n  image: {path: media/map.png, alt: Carte, credit: IGN, licence: Etalab}\n"
        "  west: 2.82\n  south: 50.43\n  east: 2.75\n  north: 50.48\n"
    )
    write_map(content, LAYER, "", background)
    assert only(content.problems(), "east (2.75) must be right of west (2.82)").severity == "error"


def test_a_background_far_from_the_map_is_a_warning(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    background = (
        "background:\n  image: {path: media/map.png, alt: Carte, credit: IGN, licence: Etalab}\n"
        "  west: 50.43\n  south: 2.75\n  east: 50.48\n  north: 2.82\n"
    )
    write_map(content, LAYER, MARKER, background)
    exhibit, report = content.load()
    assert exhibit is not None
    problem = only(report.problems, "the background picture lies outside the map")
    assert problem.severity == "warning" and "look swapped" in problem.message
    assert problem.line == content.line_of("map.yaml", "north: 2.82")


def test_a_good_background_loads_without_a_word(content: ContentFolder) -> None:
    content.write("geo/loos.geojson", json.dumps(SQUARE))
    background = (
        "background:\n  image: {path: media/map.png, alt: Carte, credit: IGN, licence: Etalab}\n"
        "  west: 2.75\n  south: 50.43\n  east: 2.82\n  north: 50.48\n"
    )
    write_map(content, LAYER, MARKER, background)
    exhibit, report = content.load()
    assert exhibit is not None and not report.problems, [p.format() for p in report.problems]


def default_map() -> dict:
    import yaml

    return yaml.safe_load((REPO / "content" / "map.yaml").read_text(encoding="utf-8"))


def test_the_default_map_features_the_twin_terrils_and_shafts_11_and_19() -> None:
    """They are the exhibit's main subjects: never folded into a bubble on the map."""
    featured = {m["id"] for m in default_map()["markers"] if m.get("featured")}
    assert featured == {"terril-74", "terril-74a", "puits-11", "puits-19"}


def test_the_default_communes_layers_name_the_nine_neighbours() -> None:
    """The map writes each commune's name from its `name` property; the neighbours are those
    content-facts.md lists."""
    layers = {layer["id"]: read_layer(REPO / "content" / layer["file"]) for layer in default_map()["layers"]}
    assert set(layers["communes"].names) == {
        "Haisnes",
        "Lens",
        "Bénifontaine",
        "Grenay",
        "Hulluch",
        "Liévin",
        "Mazingarbe",
        "Vendin-le-Vieil",
        "Vermelles",
    }
    assert layers["loos"].names == ["Loos-en-Gohelle"]


def test_no_headframe_is_said_rebuilt_in_concrete() -> None:
    """Neither the seed nor the checked facts say a headframe was rebuilt in concrete; shaft
    11's metal headframe is dated 1923 or 1925 (the sources disagree), as its text says."""
    markers = {m["id"]: m for m in default_map()["markers"]}
    for marker in markers.values():
        for text in marker["text"].values():
            assert "béton armé" not in text and "reinforced concrete" not in text and "gewapend beton" not in text
    for text in markers["puits-11"]["text"].values():
        assert "1923" in text and "1925" in text
