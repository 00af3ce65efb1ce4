"""Bad blason content: hotspots a finger could not find, ids twice, texts missing."""

from __future__ import annotations

from kiosk.content.report import Problem
from tests.helpers.content import SECTION, ContentFolder


def charge(id: str, hotspot: str, extra: str = "") -> str:
    return (
        f"  - id: {id}\n    name: {{fr: Nom {id}, en: Name {id}, nl: Naam {id}}}\n"
        f"    meaning: {{fr: Sens, en: Meaning, nl: Betekenis}}\n"
        f"    story: {{fr: Histoire, en: Story, nl: Verhaal}}\n"
        f"    hotspot: {hotspot}\n{extra}"
    )


LION = charge("lion", "{polygon: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5], [0.1, 0.5]]}")
CROSS = charge("croix", "{ellipse: {cx: 0.5, cy: 0.8, rx: 0.1, ry: 0.1}}")
ARMS = (
    "arms:\n  path: media/blason.svg\n  alt: {fr: Écu, en: Shield, nl: Schild}\n"
    "  credit: Équipe\n  licence: CC BY 4.0\n"
)


def write_blason(content: ContentFolder, charges: str, arms: str = ARMS, glossary: str = "") -> None:
    intro = SECTION.format(kind="blason", picture="blason.svg")
    content.write("blason.yaml", intro + arms + "charges:\n" + charges + glossary)


def only(problems: list[Problem], needle: str) -> Problem:
    matches = [p for p in problems if needle in p.message]
    assert len(matches) == 1, "\n".join(p.format() for p in problems)
    return matches[0]


def test_a_good_blason_loads(content: ContentFolder) -> None:
    write_blason(content, LION + CROSS)
    exhibit, report = content.load()
    assert exhibit is not None, [p.format() for p in report.problems]
    assert [c.id for c in exhibit.sections[1].content.charges] == ["lion", "croix"]


def test_a_polygon_with_fewer_than_three_points(content: ContentFolder) -> None:
    write_blason(content, charge("lion", "{polygon: [[0.1, 0.1], [0.5, 0.1]]}"))
    problem = only(content.problems(), "has 2 point(s): a polygon needs at least 3")
    assert (problem.file, problem.severity) == ("blason.yaml", "error")


def test_coordinates_outside_the_picture(content: ContentFolder) -> None:
    write_blason(content, charge("lion", "{polygon: [[0.1, 0.1], [1.5, 0.1], [0.5, 0.5]]}"))
    problem = only(content.problems(), "point 2 of the hotspot of 'lion' is outside the picture")
    assert problem.severity == "error"
    write_blason(content, charge("croix", "{ellipse: {cx: 0.95, cy: 0.5, rx: 0.1, ry: 0.1}}"))
    only(content.problems(), "the ellipse of 'croix' reaches outside the picture")


def test_a_self_intersecting_polygon_is_a_warning(content: ContentFolder) -> None:
    write_blason(content, charge("lion", "{polygon: [[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]]}"))
    exhibit, report = content.load()
    assert exhibit is not None
    assert only(report.problems, "crosses itself").severity == "warning"


def test_overlapping_hotspots_are_a_warning_naming_the_winner(content: ContentFolder) -> None:
    write_blason(content, LION + charge("eye", "{ellipse: {cx: 0.3, cy: 0.3, rx: 0.05, ry: 0.05}}"))
    exhibit, report = content.load()
    assert exhibit is not None
    problem = only(report.problems, "overlap")
    assert problem.severity == "warning"
    assert "opens 'eye', the smaller one" in problem.message


def test_two_charges_with_the_same_id(content: ContentFolder) -> None:
    write_blason(
        content,
        LION
        + LION.replace("0.1, 0.1], [0.5, 0.1]", "0.6, 0.1], [0.9, 0.1]").replace(
            "[0.5, 0.5], [0.1, 0.5]", "[0.9, 0.5], [0.6, 0.5]"
        ),
    )
    assert only(content.problems(), "two charges have the id 'lion'").severity == "error"


def test_a_missing_arms_picture(content: ContentFolder) -> None:
    write_blason(content, LION, arms=ARMS.replace("blason.svg", "nowhere.svg"))
    problem = only(content.problems(), "picture 'media/nowhere.svg': file not found")
    assert problem.line == content.line_of("blason.yaml", "path: media/nowhere.svg")


def test_a_hotspot_with_no_text_in_the_default_language(content: ContentFolder) -> None:
    write_blason(content, LION.replace("name: {fr: Nom lion, en: Name lion, nl: Naam lion}", "name: {en: Lion}"))
    problem = only(content.problems(), "has no text in the default language 'fr'")
    assert problem.severity == "error"
    assert problem.line == content.line_of("blason.yaml", "name: {en: Lion}")


def test_a_hotspot_needs_exactly_one_shape(content: ContentFolder) -> None:
    write_blason(
        content,
        charge(
            "lion", "{polygon: [[0.1, 0.1], [0.5, 0.1], [0.5, 0.5]], ellipse: {cx: 0.5, cy: 0.5, rx: 0.1, ry: 0.1}}"
        ),
    )
    only(content.problems(), "either a polygon or an ellipse")


def test_links_to_charges_now_resolve(content: ContentFolder) -> None:
    write_blason(content, LION + CROSS.replace("    hotspot:", "    related: [blason:nothing]\n    hotspot:"))
    assert only(content.problems(), "no item 'nothing' in the blason section").severity == "error"
