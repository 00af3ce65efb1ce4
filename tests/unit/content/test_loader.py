"""Loading a content folder: every mistake comes back as file, line, column and a plain sentence."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import ValidationError

from kiosk.content.loader import Exhibit, load_exhibit, localized
from kiosk.content.report import Problem
from kiosk.paths import default_content_dir

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


def find(problems: list[Problem], message: str) -> Problem:
    """The one problem with this exact message; fails listing them all otherwise."""
    matches = [problem for problem in problems if problem.message == message]
    assert len(matches) == 1, "\n".join(problem.format() for problem in problems)
    return matches[0]


def errors(problems: list[Problem]) -> list[Problem]:
    return [problem for problem in problems if problem.severity == "error"]


# -- the good case -----------------------------------------------------------------------------


def test_the_minimal_folder_loads_with_no_problem(content: ContentFolder) -> None:
    exhibit, report = content.load()
    assert report.problems == []
    assert isinstance(exhibit, Exhibit)
    assert [section.ref.kind for section in exhibit.sections] == ["timeline", "blason", "map", "pillars"]
    assert exhibit.sections[1].file == "blason.yaml"
    assert exhibit.manifest.languages == ["fr", "en", "nl"]
    assert localized(exhibit.sections[0].content.title, "nl", "fr") == "Titel timeline"


def test_loaded_content_is_immutable(content: ContentFolder) -> None:
    exhibit, _ = content.load()
    assert exhibit is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        exhibit.sections = ()  # type: ignore[misc]
    with pytest.raises(ValidationError):
        exhibit.manifest.title = "x"


def test_localized_falls_back_to_the_default_then_any_language() -> None:
    assert localized({"fr": "Bonjour", "en": "Hello"}, "en", "fr") == "Hello"
    assert localized({"fr": "Bonjour", "en": ""}, "en", "fr") == "Bonjour"
    assert localized({"nl": "Hallo"}, "en", "fr") == "Hallo"
    assert localized("Base 11/19", "en", "fr") == "Base 11/19"
    assert localized(None, "en", "fr") == ""
    assert localized({}, "en", "fr") == ""


# -- the folder and its files --------------------------------------------------------------------


def test_a_missing_folder_is_one_clear_error(tmp_path: Path) -> None:
    exhibit, report = load_exhibit(tmp_path / "nowhere")
    assert exhibit is None
    assert [problem.format() for problem in report.sorted()] == [
        f".: error: content folder not found: {tmp_path / 'nowhere'}"
    ]


def test_a_missing_manifest_is_one_clear_error(content: ContentFolder) -> None:
    content.path("exhibit.yaml").unlink()
    problem = find(content.problems(), "missing: every content folder starts with this file")
    assert (problem.file, problem.line) == ("exhibit.yaml", 0)
    assert len(content.problems()) == 1


def test_an_empty_manifest_says_what_it_should_hold(content: ContentFolder) -> None:
    content.write("exhibit.yaml", "# nothing yet\n")
    problem = find(content.problems(), "the file is empty: it should hold lines like 'format: ...', 'title: ...'")
    assert problem.file == "exhibit.yaml"


def test_a_manifest_that_is_a_list_is_an_error(content: ContentFolder) -> None:
    content.write("exhibit.yaml", "- format: 1\n")
    problem = find(content.problems(), "the file should hold lines like 'format: ...', 'title: ...', not a list")
    assert (problem.line, problem.column) == (1, 1)


def test_a_yaml_syntax_error_in_a_section_file(content: ContentFolder) -> None:
    content.replace("map.yaml", "  en: A sentence about map.", "  en: Note: a sentence about map.")
    problems = content.problems()
    problem = errors(problems)[0]
    assert len(errors(problems)) == 1
    assert (problem.file, problem.line) == ("map.yaml", content.line_of("map.yaml", "Note: a"))
    assert problem.column == content.column_of("map.yaml", ": a sentence")
    assert problem.message.startswith("YAML syntax error: a ': ' is not allowed here")


def test_tab_indentation_in_the_manifest(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "  timeout_seconds: 90", "\ttimeout_seconds: 90")
    problem = errors(content.problems())[0]
    assert (problem.file, problem.line, problem.column) == (
        "exhibit.yaml",
        content.line_of("exhibit.yaml", "timeout_seconds"),
        1,
    )
    assert problem.message == "YAML syntax error: tab character used for indentation: YAML needs spaces"


# -- schema errors ---------------------------------------------------------------------------------


def test_wrong_type_points_at_the_value(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "timeout_seconds: 90", "timeout_seconds: ninety")
    problem = find(content.problems(), "'idle.timeout_seconds' should be a whole number, not 'ninety'")
    assert (problem.file, problem.line, problem.column) == (
        "exhibit.yaml",
        content.line_of("exhibit.yaml", "ninety"),
        content.column_of("exhibit.yaml", "ninety"),
    )
    assert content.load()[0] is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("timeout_seconds: 90", "timeout_seconds: 5", "'idle.timeout_seconds' should be at least 10, not 5"),
        ("slide_seconds: 9", "slide_seconds: 600", "'attract.slide_seconds' should be at most 60.0, not 600"),
        ("slide_seconds: 9", "slide_seconds: slow", "'attract.slide_seconds' should be a number, not 'slow'"),
        ("format: 1", "format: 2", "'format' should be 1, not 2"),
        (
            'accent: "#e3b23c"',
            "accent: red",
            "'theme.accent' should be a colour written #RRGGBB (for example #1A2B3C), not 'red'",
        ),
        (
            "default_language: fr",
            "default_language: FR",
            "'default_language' should be a language code of 2 or 3 lowercase letters (for example 'fr'), not 'FR'",
        ),
        (
            "languages: [fr, en, nl]",
            "languages: fr",
            "'languages' should be a list (one '- item' per line, or [a, b]), not 'fr'",
        ),
        ("languages: [fr, en, nl]", "languages: []", "'languages' should have at least 1 entry, not 0"),
        (
            "idle:\n  timeout_seconds: 90\n  countdown_seconds: 10",
            "idle: soon",
            "'idle' should be a group of 'key: value' lines, not 'soon'",
        ),
        (
            "  - kind: map",
            "  - kind: mapp",
            "'sections.3.kind' should be one of: timeline, blason, map, pillars, not 'mapp' (did you mean 'map'?)",
        ),
        ("    file: map.yaml", "    file: ''", "'sections.3.file' should not be empty"),
        (
            "  credit: Équipe du kiosque",
            "  credit: 2024",
            "'backdrop.credit' should be a text, or one text per language (fr: ..., en: ..., nl: ...), not 2024 "
            "(to write it as a text, put it in quotes: '2024')",
        ),
        (
            "  credit: Équipe du kiosque",
            "  focus: [0.5, 1.2]\n  credit: Équipe du kiosque",
            "'backdrop.focus': each number goes from 0 (left or top edge) to 1 (right or bottom edge), not [0.5, 1.2]",
        ),
        (
            "  credit: Équipe du kiosque",
            "  focus: [0.5]\n  credit: Équipe du kiosque",
            "'backdrop.focus': should be [x, y]: two numbers from 0 to 1, like [0.5, 0.2], not [0.5]",
        ),
        (
            "  credit: Équipe du kiosque",
            "  focus: top\n  credit: Équipe du kiosque",
            "'backdrop.focus': should be [x, y]: two numbers from 0 to 1, like [0.5, 0.2], not 'top'",
        ),
    ],
)
def test_common_type_errors_read_like_sentences(content: ContentFolder, old: str, new: str, message: str) -> None:
    content.replace("exhibit.yaml", old, new)
    problem = find(content.problems(), message)
    assert problem.file == "exhibit.yaml"
    assert problem.line == content.line_of("exhibit.yaml", new.strip().splitlines()[0])
    line = content.text("exhibit.yaml").splitlines()[problem.line - 1]
    assert problem.column == line.index(": ") + 3  # on the value


def test_too_many_sections(content: ContentFolder) -> None:
    extra = "  - kind: map\n    file: map.yaml\n"
    content.write("exhibit.yaml", content.text("exhibit.yaml") + extra)
    problem = find(content.problems(), "'sections' should have at most 4 entries, not 5")
    assert problem.line == content.line_of("exhibit.yaml", "  - kind: timeline")


def test_unknown_key_says_did_you_mean_on_the_key(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "languages: [fr, en, nl]", "langauges: [fr, en, nl]")
    problems = content.problems()
    problem = find(problems, "unknown key 'langauges' (did you mean 'languages'?)")
    assert (problem.file, problem.line, problem.column) == (
        "exhibit.yaml",
        content.line_of("exhibit.yaml", "langauges"),
        1,
    )
    find(problems, "missing required key 'languages'")


def test_unknown_nested_key_says_did_you_mean(content: ContentFolder) -> None:
    content.replace("timeline.yaml", "  licence: CC BY 4.0", "  license: CC BY 4.0")
    problems = content.problems()
    problem = find(problems, "unknown key 'license' (did you mean 'licence'?)")
    assert (problem.file, problem.line, problem.column) == (
        "timeline.yaml",
        content.line_of("timeline.yaml", "license"),
        3,
    )
    # the picture's own licence warning comes only once the file is valid
    assert all(problem.severity == "error" for problem in problems)


def test_missing_key_points_at_the_parent_mapping(content: ContentFolder) -> None:
    content.replace("map.yaml", "  path: media/map.png\n", "")
    problem = find(content.problems(), "missing required key 'path' in 'illustration'")
    assert (problem.file, problem.line, problem.column) == ("map.yaml", content.line_of("map.yaml", "illustration:"), 1)


def test_missing_top_level_key(content: ContentFolder) -> None:
    content.replace(
        "pillars.yaml",
        "lead:\n  fr: Une phrase sur pillars.\n  en: A sentence about pillars.\n  nl: Een zin over pillars.\n",
        "",
    )
    problem = find(content.problems(), "missing required key 'lead'")
    assert (problem.file, problem.line, problem.column) == ("pillars.yaml", 1, 1)


def test_duplicate_key_in_a_section_file(content: ContentFolder) -> None:
    content.write("blason.yaml", content.text("blason.yaml") + "title: Encore\n")
    problem = find(
        content.problems(), f"duplicate key 'title' (first given at line {content.line_of('blason.yaml', 'title:')})"
    )
    assert (problem.file, problem.line, problem.column) == (
        "blason.yaml",
        content.line_of("blason.yaml", "title: Encore"),
        1,
    )


def test_a_kind_listed_twice(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "  - kind: pillars", "  - kind: map")
    problem = find(
        content.problems(),
        f"section kind 'map' is listed twice (first at line {content.line_of('exhibit.yaml', '  - kind: map')})",
    )
    lines = [number for number, line in enumerate(content.text("exhibit.yaml").splitlines(), 1) if "kind: map" in line]
    assert (problem.file, problem.line, problem.column) == ("exhibit.yaml", lines[1], 11)
    assert content.load()[0] is None


def test_default_language_not_offered_points_at_default_language(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "default_language: fr", "default_language: de")
    problem = find(content.problems(), "default_language 'de' is not in languages (fr, en, nl)")
    assert (problem.line, problem.column) == (content.line_of("exhibit.yaml", "default_language"), 1)


def test_language_listed_twice(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "languages: [fr, en, nl]", "languages: [fr, en, fr]")
    problem = find(content.problems(), "'languages': language listed twice: fr")
    assert problem.line == content.line_of("exhibit.yaml", "languages:")


# -- texts and languages ------------------------------------------------------------------------------


def test_local_text_union_noise_becomes_one_message(content: ContentFolder) -> None:
    content.replace(
        "timeline.yaml",
        "title:\n  fr: Titre timeline\n  en: Title timeline\n  nl: Titel timeline\n",
        "title: [Titre, Title]\n",
    )
    problems = content.problems()
    assert len(problems) == 1, [problem.format() for problem in problems]
    problem = find(
        problems, "'title' should be a text, or one text per language (fr: ..., en: ..., nl: ...), not a list"
    )
    assert (problem.file, problem.line, problem.column) == ("timeline.yaml", 1, 8)


def test_empty_local_text(content: ContentFolder) -> None:
    content.replace(
        "timeline.yaml", "title:\n  fr: Titre timeline\n  en: Title timeline\n  nl: Titel timeline\n", "title:\n"
    )
    problem = find(
        content.problems(),
        "'title' should be a text, or one text per language (fr: ..., en: ..., nl: ...), but it is empty",
    )
    assert (problem.line, problem.column) == (1, 1)


def test_a_language_code_written_wrong(content: ContentFolder) -> None:
    content.replace("map.yaml", "  nl: Titel map", "  NL: Titel map")
    problem = find(
        content.problems(),
        "'title' has a key 'NL' that should be a language code of 2 or 3 lowercase letters (for example 'fr')",
    )
    assert (problem.file, problem.line, problem.column) == ("map.yaml", content.line_of("map.yaml", "NL:"), 3)


def test_a_language_entry_that_is_not_a_text(content: ContentFolder) -> None:
    content.replace("map.yaml", "  nl: Titel map", "  nl:")
    problem = find(content.problems(), "'title.nl' should be a text, but it is empty")
    assert (problem.file, problem.line, problem.column) == ("map.yaml", content.line_of("map.yaml", "nl:"), 3)


def test_missing_default_language_text_is_an_error(content: ContentFolder) -> None:
    content.replace("map.yaml", "  fr: Une phrase sur map.\n", "")
    exhibit, report = content.load()
    assert exhibit is None
    problem = find(report.sorted(), "'lead' has no text in the default language 'fr'")
    assert (problem.severity, problem.file, problem.line, problem.column) == (
        "error",
        "map.yaml",
        content.line_of("map.yaml", "lead:"),
        1,
    )


def test_missing_other_language_is_a_warning(content: ContentFolder) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    exhibit, report = content.load()
    assert exhibit is not None
    problem = find(report.sorted(), "'lead' has no 'nl' text; visitors will see the 'fr' text")
    assert (problem.severity, problem.file, problem.line, problem.column) == (
        "warning",
        "map.yaml",
        content.line_of("map.yaml", "lead:"),
        1,
    )


def test_an_empty_text_counts_as_missing(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "    en: Touch the screen", '    en: ""')
    content.replace("exhibit.yaml", "  fr: Touchez un thème", "  fr: '  '")
    problems = content.problems()
    warning = find(problems, "'attract.invitation' has no 'en' text; visitors will see the 'fr' text")
    assert (warning.severity, warning.line, warning.column) == ("warning", content.line_of("exhibit.yaml", 'en: ""'), 5)
    error = find(problems, "'invitation' has no text in the default language 'fr'")
    assert (error.severity, error.line, error.column) == ("error", content.line_of("exhibit.yaml", "fr: '  '"), 3)


def test_a_language_not_offered_is_a_warning(content: ContentFolder) -> None:
    content.replace("timeline.yaml", "  nl: Titel timeline", "  nl: Titel timeline\n  de: Titel Zeitleiste")
    exhibit, report = content.load()
    assert exhibit is not None
    problem = find(
        report.sorted(), "'title' has a 'de' text, but 'de' is not in languages (fr, en, nl): it is never shown"
    )
    assert (problem.severity, problem.line, problem.column) == ("warning", content.line_of("timeline.yaml", "de:"), 3)


def test_texts_in_pictures_are_checked_too(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "    fr: Les terrils\n", "")
    problem = find(content.problems(), "'backdrop.alt' has no text in the default language 'fr'")
    assert problem.line == content.line_of("exhibit.yaml", "  alt:")


def test_a_plain_string_is_language_neutral(content: ContentFolder) -> None:
    content.replace(
        "blason.yaml",
        "lead:\n  fr: Une phrase sur blason.\n  en: A sentence about blason.\n  nl: Een zin over blason.\n",
        "lead: Loos-en-Gohelle\n",
    )
    exhibit, report = content.load()
    assert exhibit is not None
    assert report.problems == []


def test_section_texts_are_checked_even_when_the_manifest_is_broken(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "format: 1", "format: one")
    content.replace("pillars.yaml", "  fr: Titre pillars\n", "")
    problems = content.problems()
    find(problems, "'format' should be 1, not 'one'")
    find(problems, "'title' has no text in the default language 'fr'")


# -- section files ---------------------------------------------------------------------------------


def test_a_section_file_outside_the_folder(content: ContentFolder, outside: Path) -> None:
    content.replace("exhibit.yaml", "file: map.yaml", "file: ../outside/map.yaml")
    problem = find(
        content.problems(), "'../outside/map.yaml': '..' is not allowed: the file must be inside the content folder"
    )
    assert (problem.file, problem.line, problem.column) == (
        "exhibit.yaml",
        content.line_of("exhibit.yaml", "../outside"),
        content.column_of("exhibit.yaml", "../outside"),
    )


def test_a_section_file_linked_outside_the_folder(content: ContentFolder, outside: Path) -> None:
    content.path("map.yaml").unlink()
    content.path("map.yaml").symlink_to(outside / "map.yaml")
    problem = find(content.problems(), "'map.yaml': a symbolic link leads outside the content folder")
    assert (problem.file, problem.line) == ("exhibit.yaml", content.line_of("exhibit.yaml", "file: map.yaml"))


def test_a_missing_section_file(content: ContentFolder) -> None:
    content.path("pillars.yaml").unlink()
    problem = find(content.problems(), "section file 'pillars.yaml' not found")
    assert (problem.file, problem.line, problem.column) == (
        "exhibit.yaml",
        content.line_of("exhibit.yaml", "file: pillars.yaml"),
        11,
    )


def test_a_section_file_must_be_yaml(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "file: map.yaml", "file: media/map.png")
    find(content.problems(), "section file 'media/map.png' should be a .yaml file")


def test_every_file_is_checked_in_one_run(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "timeout_seconds: 90", "timeout_seconds: ninety")
    content.replace("timeline.yaml", "lead:", "leed:")
    content.replace("pillars.yaml", "path: media/pillars.svg", "path: media/nothing.svg")
    problems = errors(content.problems())
    assert {problem.file for problem in problems} == {"exhibit.yaml", "timeline.yaml", "pillars.yaml"}
    assert [problem.file for problem in problems] == sorted(problem.file for problem in problems)


def test_the_valid_parts_of_a_broken_file_are_still_checked(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "format: 1", "format: 2")
    content.replace("exhibit.yaml", "path: media/backdrop.png", "path: media/nothing.png")
    content.replace("exhibit.yaml", "  nl: Tik op een thema\n", "")
    content.replace("map.yaml", "lead:", "leed:")
    content.replace("map.yaml", "  fr: Titre map\n", "")
    problems = content.problems()
    assert [(problem.file, problem.severity, problem.message) for problem in problems] == [
        ("exhibit.yaml", "error", "'format' should be 1, not 2"),
        ("exhibit.yaml", "warning", "'invitation' has no 'nl' text; visitors will see the 'fr' text"),
        ("exhibit.yaml", "error", "picture 'media/nothing.png': file not found"),
        ("map.yaml", "error", "'title' has no text in the default language 'fr'"),
        ("map.yaml", "error", "missing required key 'lead'"),
        ("map.yaml", "error", "unknown key 'leed' (did you mean 'lead'?)"),
    ]


def test_an_unreadable_file_is_an_error_not_a_crash(content: ContentFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open
    denied = content.path("map.yaml").resolve()

    def guarded_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.resolve() == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    exhibit, report = content.load()
    assert exhibit is None
    assert [problem.format() for problem in report.sorted()] == [
        "map.yaml: error: cannot read the file: Permission denied"
    ]


# -- the shipped exhibit ------------------------------------------------------------------------------


@pytest.mark.skipif(
    not (default_content_dir() / "exhibit.yaml").exists(),
    reason="the default exhibit (content/exhibit.yaml) is not written yet",
)
def test_the_default_exhibit_validates_with_no_error() -> None:
    exhibit, report = load_exhibit(default_content_dir())
    assert report.errors == [], "\n".join(problem.format() for problem in report.sorted())
    assert exhibit is not None


def test_a_language_the_kiosk_buttons_do_not_speak_is_a_warning(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "languages: [fr, en, nl]", "languages: [fr, en, nl, de]")
    exhibit, report = content.load()
    assert exhibit is not None, "a warning only: the exhibit can still be shown"
    problem = find(
        report.sorted(),
        "the kiosk's own buttons have no 'de' words yet (en, fr, nl); visitors choosing it will see them in English",
    )
    assert problem.severity == "warning"
    assert problem.line == content.line_of("exhibit.yaml", "languages:")


def test_an_unquoted_colour_is_not_silently_dropped(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "    file: map.yaml", "    file: map.yaml\n    colour: #7ea35a")
    exhibit, report = content.load()
    assert exhibit is not None
    problem = find(
        report.sorted(),
        "'sections.3.colour' has no value; if it is a colour, put it in quotes "
        '(colour: "#c0583f"): in YAML, # starts a comment',
    )
    assert (problem.severity, problem.line) == ("warning", content.line_of("exhibit.yaml", "colour: #7ea35a"))
