"""Bad method content, and figures written the way each language writes them."""

from __future__ import annotations

import pytest

from kiosk.content.loader import load_exhibit
from kiosk.content.numbers import format_number
from kiosk.content.report import Problem
from kiosk.content.schema import MAX_PILLARS, PillarsSection
from kiosk.paths import default_content_dir
from tests.helpers.content import SECTION, ContentFolder


def pillar(id: str, title: str = "") -> str:
    title = title or f"{{fr: Titre {id}, en: Title {id}, nl: Titel {id}}}"
    return f"  - id: {id}\n    title: {title}\n    summary: {{fr: Résumé, en: Summary, nl: Samenvatting}}\n"


RESULT = (
    "  - id: solaire\n    value: 177700\n    unit: {fr: kWh par an, en: kWh a year, nl: kWh per jaar}\n"
    "    label: {fr: solaire, en: solar, nl: zon}\n    source: Ville de Loos-en-Gohelle\n"
)


def write_pillars(content: ContentFolder, pillars: str, results: str = "") -> None:
    intro = SECTION.format(kind="pillars", picture="pillars.svg")
    content.write(
        "pillars.yaml",
        intro + "pillars:" + (" []\n" if not pillars else "\n" + pillars) + ("results:\n" + results if results else ""),
    )


def only(problems: list[Problem], needle: str) -> Problem:
    matches = [p for p in problems if needle in p.message]
    assert len(matches) == 1, "\n".join(p.format() for p in problems)
    return matches[0]


def test_good_pillars_load(content: ContentFolder) -> None:
    write_pillars(content, pillar("habitants") + pillar("reel") + pillar("systemique"), RESULT)
    exhibit, report = content.load()
    assert exhibit is not None, [p.format() for p in report.problems]


def test_a_pillar_without_a_title_in_the_default_language(content: ContentFolder) -> None:
    write_pillars(content, pillar("habitants", "{en: Residents}"))
    problem = only(content.problems(), "has no text in the default language 'fr'")
    assert problem.line == content.line_of("pillars.yaml", "title: {en: Residents}")


def test_an_empty_list_of_pillars(content: ContentFolder) -> None:
    write_pillars(content, "")
    problem = only(content.problems(), "the list of pillars is empty")
    assert problem.severity == "error"


def test_a_figure_without_a_unit(content: ContentFolder) -> None:
    no_unit = RESULT.replace("    unit: {fr: kWh par an, en: kWh a year, nl: kWh per jaar}\n", "")
    write_pillars(content, pillar("a"), no_unit)
    assert only(content.problems(), "missing required key 'unit'").severity == "error"


def test_a_value_that_is_not_a_number(content: ContentFolder) -> None:
    write_pillars(content, pillar("a"), RESULT.replace("value: 177700", "value: 177 700 kWh"))
    problem = only(content.problems(), "'results.1.value'")
    assert problem.line == content.line_of("pillars.yaml", "value: 177 700 kWh")


def test_a_link_to_a_missing_event(content: ContentFolder) -> None:
    example = (
        "    examples:\n      - title: {fr: Ex, en: Ex, nl: Ex}\n        text: {fr: T, en: T, nl: T}\n"
        "        related: [timeline:nowhere]\n"
    )
    write_pillars(content, pillar("a") + example)
    timeline = (
        'eras:\n  - {id: e, title: E, start: 1000, end: 2026, colour: "#c0583f"}\n'
        "events:\n  - {id: real, date: 1915, era: e, title: T, text: X}\n"
    )
    content.write("timeline.yaml", content.text("timeline.yaml") + timeline)
    problem = only(content.problems(), "link 'timeline:nowhere': no item 'nowhere' in the timeline section")
    assert problem.file == "pillars.yaml"


def test_more_pillars_than_the_building_holds(content: ContentFolder) -> None:
    write_pillars(content, "".join(pillar(f"p{n}") for n in range(MAX_PILLARS + 1)))
    problem = only(content.problems(), f"{MAX_PILLARS + 1} pillars do not fit the building")
    assert problem.severity == "error"


@pytest.mark.parametrize(("language", "text"), [("fr", "177\u202f700"), ("en", "177,700"), ("nl", "177.700")])
def test_figures_follow_each_language(language: str, text: str) -> None:
    assert format_number(177700, language) == text
    assert format_number(0.5, "fr") == "0,5"


def test_a_result_s_detail_and_the_screen_s_note_load(content: ContentFolder) -> None:
    detail = "    detail: {fr: Près de la moitié, en: Almost half, nl: Bijna de helft}\n"
    write_pillars(content, pillar("a"), RESULT + detail)
    note = "note: {fr: Quatre axes, en: Four axes, nl: Vier assen}\n"
    content.write("pillars.yaml", content.text("pillars.yaml").replace("illustration:", note + "illustration:", 1))
    exhibit, report = content.load()
    assert exhibit is not None, [p.format() for p in report.problems]
    section = next(s.content for s in exhibit.sections if s.ref.kind == "pillars")
    assert section.note["fr"] == "Quatre axes"
    assert section.results[0].detail["en"] == "Almost half"


def test_a_detail_without_the_default_language(content: ContentFolder) -> None:
    write_pillars(content, pillar("a"), RESULT + "    detail: {en: Almost half}\n")
    problem = only(content.problems(), "has no text in the default language 'fr'")
    assert problem.line == content.line_of("pillars.yaml", "detail: {en: Almost half}")


# -- the shipped method, checked against the seed and the reference facts ----------------


def shipped() -> PillarsSection:
    exhibit, report = load_exhibit(default_content_dir())
    assert exhibit is not None, [p.format() for p in report.problems]
    return next(s.content for s in exhibit.sections if isinstance(s.content, PillarsSection))


def test_the_second_pillar_has_the_seed_s_name() -> None:
    """The seed says "Entrer par le réel" (content-facts.md §4), not "Partir du réel"."""
    method = shipped()
    assert [p.title["fr"] for p in method.pillars or []] == [
        "Impliquer les habitants",
        "Entrer par le réel",
        "Penser systémique et transversal",
    ]
    assert "partir du réel" not in str(method.body["fr"] if isinstance(method.body, dict) else method.body).lower()


def test_the_screen_says_that_other_sources_count_four_axes() -> None:
    note = shipped().note
    assert isinstance(note, dict)
    assert "quatre axes" in note["fr"] and "four axes" in note["en"] and "vier assen" in note["nl"]
    assert "2014" in note["fr"] and "ADEME" in note["fr"]


def test_every_shipped_figure_has_its_detail_in_every_language() -> None:
    for result in shipped().results:
        assert isinstance(result.detail, dict), result.id
        assert all(result.detail.get(code) for code in ("fr", "en", "nl")), result.id
