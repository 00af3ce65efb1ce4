"""What a word processor leaves in a content file, and lists left empty: each said in plain
words, at the file and line the curator must look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.report import Problem, Report
from kiosk.content.typography import text_problems
from kiosk.content.yamlsafe import load_yaml
from tests.helpers.content import ContentFolder

NBSP, ZWSP, BOM = "\u00a0", "\u200b", "\ufeff"


def read(tmp_path: Path, text: str) -> tuple[object, list[Problem]]:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8", newline="\n")
    report = Report()
    located = load_yaml(path, "file.yaml", report)
    return (located.data if located else None), report.sorted()


# -- where YAML itself is confused ---------------------------------------------------------------

CURLY = 'YAML needs straight quotes " or none'


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        # curly quotes where YAML's quotes belong: the ': ' inside is then YAML's
        ("title: “Le puits: 1920”\n", 1, 8, "YAML syntax error: these are typographic quotes “ ”: " + CURLY),
        ("title: “Le puits” : le retour\n", 1, 8, "YAML syntax error: these are typographic quotes “ ”: " + CURLY),
        (
            "title: ‘Le puits: 1920’\n",
            1,
            8,
            "YAML syntax error: these are typographic quotes ‘ ’: YAML needs straight quotes ' or none",
        ),
        (
            "title: « Le puits: 1920 »\n",
            1,
            8,
            "YAML syntax error: « » are not quotes for YAML: put the whole "
            'text in straight quotes, "« like this: here »"',
        ),
        # ... and where YAML reads them as text, but cuts the text short
        (
            "title: “Le puits #11”\nlead: x\n",
            1,
            8,
            "these are typographic quotes “ ”: "
            + CURLY
            + "; here the text '“Le puits' stops at the ' #', and the rest of the line is read as a comment",
        ),
        (
            "title: {fr: “Le puits, 1920”, en: x}\n",
            1,
            13,
            "these are typographic quotes “ ”: " + CURLY + "; here the text '“Le puits' stops at the ','",
        ),
        (
            "“title”: x\n",
            1,
            1,
            "the key '“title”' is written with typographic quotes: keys need no quotes (or straight ones \")",
        ),
        # a pasted space after a key's colon: not a key at all, seen a line later by YAML
        (
            f"title:{NBSP}Le puits\nlead: x\n",
            1,
            7,
            "YAML syntax error: a non-breaking space (U+00A0) after "
            "'title:' (pasted from a word processor?): YAML needs an ordinary space after the ':'",
        ),
        (
            f"title:\n  fr:{NBSP}Le puits\n  en: x\n",
            2,
            6,
            "YAML syntax error: a non-breaking space (U+00A0) "
            "after 'fr:' (pasted from a word processor?): YAML needs an ordinary space after the ':'",
        ),
        (
            f"title:{NBSP}Le puits\n",
            1,
            7,
            "a non-breaking space (U+00A0) after 'title:' (pasted from a word "
            "processor?): YAML needs an ordinary space after the ':'",
        ),
        (
            f"title:{ZWSP} x\n",
            1,
            7,
            "a zero-width space (U+200B) after 'title:' (pasted from a word "
            "processor?): YAML needs an ordinary space after the ':'",
        ),
        (
            f"title{NBSP}: x\n",
            1,
            6,
            "a non-breaking space (U+00A0) between 'title' and ':' (pasted from a "
            "word processor?): write the ':' right after the key",
        ),
        (
            f"list:\n  -{NBSP}a\n  - b\n",
            2,
            4,
            "a non-breaking space (U+00A0) after '-' (pasted from a word "
            "processor?): a list item needs an ordinary space after the '-'",
        ),
        # in the indentation
        (
            f"title:\n{NBSP} fr: Le puits\n  en: x\n",
            2,
            1,
            "YAML syntax error: a non-breaking space (U+00A0) at "
            "the start of the line (pasted from a word processor?): YAML indents with ordinary spaces only",
        ),
        (
            f"title:\n  fr: x\n{NBSP}{NBSP}en: y\n",
            3,
            1,
            "a non-breaking space (U+00A0) at the start of the "
            "line (pasted from a word processor?): YAML indents with ordinary spaces only",
        ),
        (
            f"title:\n  fr: x\n{ZWSP}  en: y\n",
            3,
            1,
            "a zero-width space (U+200B) at the start of the line "
            "(pasted from a word processor?): YAML indents with ordinary spaces only",
        ),
        # a byte-order mark in the middle of the file (two files pasted together)
        (
            f"title: x\n{BOM}lead: y\n",
            2,
            1,
            "YAML syntax error: an invisible byte-order mark (U+FEFF) at the "
            "start of the line, left where a file was pasted into another: delete it (retype the start of the line)",
        ),
        # a pasted space inside a key
        (
            f"ti{ZWSP}tle: x\n",
            1,
            1,
            "the key 'ti\u200btle' holds a zero-width space (U+200B) (pasted from a word processor?): retype the key",
        ),
    ],
)
def test_what_was_pasted_is_said_where_it_is(tmp_path: Path, text: str, line: int, column: int, message: str) -> None:
    _data, problems = read(tmp_path, text)
    assert [(p.severity, p.line, p.column, p.message) for p in problems][:1] == [("error", line, column, message)]


@pytest.mark.parametrize(
    "text",
    [
        "title: “Le puits”\n",  # curly quotes as text: fine
        "title: « Le puits »\n",
        'title: "Le “puits”: 1920"\n',
        f'title: "x{NBSP}: y"\nlead: |\n  {NBSP}indented text: ok\n  mot:{NBSP}suite\n',  # inside texts
        f'title: "Base 11/19{NBSP}: l’histoire"\n',
        f"title:\n  fr: Profondeur{NBSP}:852{NBSP}m\n",
        f"{BOM}title: x\n",  # a byte-order mark at the very start is harmless
        "title:\tx\n",  # YAML takes a tab after the colon
    ],
)
def test_typography_inside_texts_is_no_yaml_error(tmp_path: Path, text: str) -> None:
    data, problems = read(tmp_path, text)
    assert problems == [] and isinstance(data, dict)


# -- where it ends up in a text -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            f"Le{ZWSP}puits",
            "this text holds a zero-width space (U+200B), invisible here but not on screen "
            "(pasted from a word processor or a web page): retype the words around it",
        ),
        (
            "transfor\u00admation",
            "this text holds a soft hyphen (U+00AD), invisible here but not on screen "
            "(pasted from a word processor or a web page): retype the words around it",
        ),
        (
            f"la{BOM} fin",
            "this text holds an invisible byte-order mark (U+FEFF), invisible here but not on "
            "screen (pasted from a word processor or a web page): retype the words around it",
        ),
        (
            "la \ufb01n du puits",
            "this text has ligature characters ('ﬁ' for 'fi'), left by copying from a PDF: type the letters themselves",
        ),
        (
            "Et puis...",
            "this text has three dots '...': write the ellipsis '…' (one character), which never breaks across lines",
        ),
        ("Il dit « oui", "this text has 1 '«' but 0 '»': a « is left alone; close it or remove it"),
        ("Il dit “oui", "this text has an odd number of quotes “ ”: one is left alone; close it or remove it"),
        (
            'Il dit "oui',
            "this text has an odd number of straight quotes '\"': one is left alone; close it or remove it",
        ),
    ],
)
def test_odd_characters_in_a_text_are_named(text: str, message: str) -> None:
    assert text_problems(text) == [message]


@pytest.mark.parametrize(
    "text",
    [
        "« Le puits »",
        "“Quoted” and „gequoteerd”",
        "L’histoire d’un puits",
        f"852{NBSP}m",
        "Et puis…",
        "Jusqu'au bout",
        "Base 11/19",
        "Œuvre",
        "Loos-en-Gohelle\u202f!",
    ],
)
def test_ordinary_typography_is_not_warned(text: str) -> None:
    assert text_problems(text) == []


def test_a_text_warning_names_the_text_and_its_line(content: ContentFolder) -> None:
    content.replace("map.yaml", "  en: A sentence about map.", "  en: A sentence about the ﬁrst map...")
    line = content.line_of("map.yaml", "ﬁrst map")
    found = [p for p in content.problems() if p.file == "map.yaml"]
    assert [(p.severity, p.line, p.message) for p in found] == [
        (
            "warning",
            line,
            "'lead' (en): this text has ligature characters ('ﬁ' for 'fi'), left by copying "
            "from a PDF: type the letters themselves",
        ),
        (
            "warning",
            line,
            "'lead' (en): this text has three dots '...': write the ellipsis '…' (one "
            "character), which never breaks across lines",
        ),
    ]


# -- empty lists and events outside their era ------------------------------------------------------

ERAS = """\
eras:
  - {id: coal, title: Coal, start: 1850, end: 1984, colour: "#c0583f"}
  - {id: renewal, title: Renewal, start: 1984, end: 2026, colour: "#7ea35a"}
"""


def event(date: str, era: str = "coal") -> str:
    return f"  - {{id: e-{date}-{era}, date: {date}, era: {era}, title: T, text: A text.}}\n"


@pytest.mark.parametrize(
    ("file", "addition", "message"),
    [
        (
            "timeline.yaml",
            ERAS + "events: []\n",
            "the timeline has no events: visitors would see an empty time "
            "axis; add at least one event (or remove `events:`, and the section shows its introduction only)",
        ),
        (
            "timeline.yaml",
            "eras: []\n",
            "the timeline has no eras: its events need eras to stand on; add at least one era",
        ),
        (
            "blason.yaml",
            "charges: []\n",
            "the coat of arms has no charges: visitors would find nothing to "
            "touch; add at least one charge (or remove `charges:`, and the section shows its introduction only)",
        ),
        (
            "map.yaml",
            "markers: []\n",
            "the map has no markers: visitors would see an empty map; add at least one "
            "marker (or remove `markers:`, and the section shows its introduction only)",
        ),
        (
            "pillars.yaml",
            "pillars: []\n",
            "the list of pillars is empty: the method needs at least one to "
            "stand (or remove `pillars:`, and the section shows its introduction only)",
        ),
    ],
)
def test_an_empty_list_is_an_error_at_its_line(content: ContentFolder, file: str, addition: str, message: str) -> None:
    content.write(file, content.text(file) + addition)
    key = addition.splitlines()[-1].split(":")[0]
    problems = [p for p in content.problems() if p.severity == "error"]
    assert [(p.file, p.line, p.message) for p in problems] == [(file, content.line_of(file, f"{key}: []"), message)]


def test_an_event_outside_its_era_is_a_warning_at_its_date(content: ContentFolder) -> None:
    events = "events:\n" + event("1915") + event("1990") + event("1984") + event("1984", "renewal")
    content.write("timeline.yaml", content.text("timeline.yaml") + ERAS + events)
    problems = [p for p in content.problems() if p.file == "timeline.yaml"]
    assert [(p.severity, p.line, p.message) for p in problems] == [
        (
            "warning",
            content.line_of("timeline.yaml", "id: e-1990"),
            "event 'e-1990-coal' is dated 1990, outside its "
            "era 'coal' (1850–1984): visitors see it in the band of 'renewal' in the colour of 'coal'; "
            "correct the date or the era",
        ),
    ]  # 1984, the year one era ends and the next starts, belongs to both


def test_a_code_in_curly_quotes_says_so(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "languages: [fr, en, nl]", "languages: [fr, “en”, nl]")
    problems = [p for p in content.problems() if p.severity == "error"]
    assert [(p.file, p.line, p.column, p.message) for p in problems] == [
        (
            "exhibit.yaml",
            content.line_of("exhibit.yaml", "languages:"),
            content.column_of("exhibit.yaml", "“en”"),
            "'languages.2' should be a language code of 2 or 3 lowercase letters (for example 'fr'), not '“en”': "
            'these are typographic quotes “ ”, part of the value for YAML; write straight quotes " or none',
        ),
    ]
