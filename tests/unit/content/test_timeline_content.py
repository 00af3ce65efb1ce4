"""Bad timeline content: each mistake is reported at its line, in words a curator understands."""

from __future__ import annotations

import pytest

from kiosk.content.report import Problem
from kiosk.content.schema import MAX_EVENTS
from tests.helpers.content import SECTION, ContentFolder

ERAS = """\
eras:
  - id: village
    title: {fr: Le village, en: The village, nl: Het dorp}
    start: 1000
    end: 1850
    colour: "#d8cbb0"
  - id: coal
    title: {fr: Le charbon, en: Coal, nl: Steenkool}
    start: 1850
    end: 2026
    width: 2
    colour: "#c0583f"
"""


def event(id: str, date: str = "1915", era: str = "coal", extra: str = "") -> str:
    return (
        f"  - id: {id}\n    date: {date}\n    era: {era}\n"
        f"    title: {{fr: Titre {id}, en: Title {id}, nl: Titel {id}}}\n"
        f"    text: {{fr: Texte, en: Text, nl: Tekst}}\n{extra}"
    )


def write_timeline(content: ContentFolder, events: str, eras: str = ERAS) -> None:
    intro = SECTION.format(kind="timeline", picture="timeline.png")
    content.write("timeline.yaml", intro + eras + "events:\n" + events)


def only(problems: list[Problem], needle: str) -> Problem:
    matches = [p for p in problems if needle in p.message]
    assert len(matches) == 1, "\n".join(p.format() for p in problems)
    return matches[0]


def test_a_good_timeline_loads(content: ContentFolder) -> None:
    write_timeline(content, event("a", "1915") + event("b", '"1915-09-25"') + event("c", "1071", era="village"))
    exhibit, report = content.load()
    assert exhibit is not None, [p.format() for p in report.problems]
    timeline = exhibit.sections[0].content
    assert [e.id for e in timeline.events] == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("date", "message"),
    [('"1915-13"', "month 13 does not exist"), ('"1915-02-31"', "February 1915 has no day 31")],
    ids=["month-13", "31-february"],
)
def test_impossible_dates(content: ContentFolder, date: str, message: str) -> None:
    write_timeline(content, event("a") + event("b", date))
    problem = only(content.problems(), message)
    assert (problem.file, problem.severity) == ("timeline.yaml", "error")
    assert problem.line == content.line_of("timeline.yaml", f"date: {date}")


def test_an_end_before_its_start(content: ContentFolder) -> None:
    write_timeline(content, event("a", "1970", extra="    end: 1960\n"))
    problem = only(content.problems(), "event 'a' ends (1960) before it starts (1970)")
    assert problem.severity == "error"


def test_an_unknown_era(content: ContentFolder) -> None:
    write_timeline(content, event("a", era="charbon"))
    problem = only(content.problems(), "unknown era 'charbon' (eras: village, coal)")
    assert problem.line == content.line_of("timeline.yaml", "era: charbon")


def test_two_events_with_the_same_id(content: ContentFolder) -> None:
    write_timeline(content, event("same", "1915") + event("same", "1920"))
    problem = only(content.problems(), "two events have the id 'same' (the first is event 1)")
    lines = [n for n, text in enumerate(content.text("timeline.yaml").splitlines(), 1) if "id: same" in text]
    assert problem.line == lines[1]


def test_eras_must_follow_one_another(content: ContentFolder) -> None:
    write_timeline(content, event("a"), eras=ERAS.replace("start: 1850", "start: 1860"))
    problem = only(content.problems(), "era 'coal' starts in 1860 but 'village' ends in 1850")
    assert problem.line == content.line_of("timeline.yaml", "start: 1860")


def test_a_link_to_a_missing_event_is_an_error(content: ContentFolder) -> None:
    write_timeline(content, event("a", extra="    related: [timeline:nowhere]\n"))
    problem = only(content.problems(), "link 'timeline:nowhere': no item 'nowhere' in the timeline section")
    assert problem.severity == "error"
    assert problem.line == content.line_of("timeline.yaml", "related: [timeline:nowhere]")


def test_a_link_to_a_section_not_built_yet_is_a_warning(content: ContentFolder) -> None:
    write_timeline(content, event("a", extra="    related: [map:puits-11, timeline:a]\n"))
    exhibit, report = content.load()
    assert exhibit is not None
    problem = only(report.problems, "link 'map:puits-11'")
    assert problem.severity == "warning"
    only(report.problems, "the item links to itself")


def test_a_badly_written_link(content: ContentFolder) -> None:
    write_timeline(content, event("a", extra="    related: [puits-11]\n"))
    problem = only(content.problems(), "related")
    assert problem.severity == "error"


def test_a_100_kb_title_is_a_warning_and_still_loads(content: ContentFolder) -> None:
    huge = "Très long titre " * 6400
    write_timeline(content, event("a", extra="    media: null\n").replace("Titre a", huge))
    exhibit, report = content.load()
    assert exhibit is not None
    problem = only(report.problems, "this title is")
    assert problem.severity == "warning"


def test_markup_in_a_title_is_kept_as_plain_text(content: ContentFolder) -> None:
    write_timeline(content, event("a").replace("Titre a", "'<b>Gras</b> <img src=x>'"))
    exhibit, _ = content.load()
    assert exhibit is not None
    assert exhibit.sections[0].content.events[0].title["fr"] == "<b>Gras</b> <img src=x>"


def test_too_many_events_is_refused_quickly(content: ContentFolder) -> None:
    many = "".join(f"  - {{id: e{n}, date: {1850 + n % 170}, era: coal, title: T, text: X}}\n" for n in range(10_000))
    write_timeline(content, many)
    problem = only(content.problems(), f"at most {MAX_EVENTS}")
    assert problem.severity == "error"
