"""`kiosk validate`'s audit: translations, picture sizes, files nobody refers to, links."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

import pytest

from kiosk.cli import main
from kiosk.commands.validate import check_folder
from kiosk.content import schema
from kiosk.content.audit import (
    DISPLAYS,
    FULL_SCREEN,
    MEDIA_ROLES,
    Frame,
    audit_folder,
    needed_size,
)
from kiosk.content.report import Report
from kiosk.paths import default_content_dir

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


@pytest.fixture
def content(complete_content: ContentFolder) -> ContentFolder:
    """Here, the test folder is complete (tests/unit/conftest.py)."""
    return complete_content


def warnings(report: Report) -> list[tuple[str, int, str]]:
    return [(p.file, p.line, p.message) for p in report.sorted() if p.severity == "warning"]


def test_a_complete_folder_has_nothing_to_say(content: ContentFolder) -> None:
    report, audit = check_folder(content.root)
    assert report.problems == []
    assert [(c.code, c.translated, c.total, c.missing) for c in audit.languages] == [
        ("fr", 22, 22, []),
        ("en", 22, 22, []),
        ("nl", 22, 22, []),
    ]
    assert audit.unreferenced == []


# -- translations ----------------------------------------------------------------------------------


def test_missing_translations_are_counted_per_language_with_their_place(content: ContentFolder) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    content.replace("timeline.yaml", "  en: Title timeline\n", "")
    _report, audit = check_folder(content.root)
    counts = {count.code: count for count in audit.languages}
    assert (counts["fr"].translated, counts["fr"].total) == (22, 22)
    assert (counts["en"].translated, counts["en"].missing) == (
        21,
        [("timeline.yaml", content.line_of("timeline.yaml", "title:"), 1, "title")],
    )
    assert counts["nl"].missing == [("map.yaml", content.line_of("map.yaml", "lead:"), 1, "lead")]


def test_a_text_for_every_language_counts_as_translated(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "  credit: Équipe du kiosque", "  credit: Équipe du kiosque")
    _report, audit = check_folder(content.root)
    assert all(count.translated == count.total for count in audit.languages)


def test_the_principles_of_a_pillar_are_texts_too(content: ContentFolder) -> None:
    content.write(
        "pillars.yaml",
        content.text("pillars.yaml")
        + """\
pillars:
  - id: habitants
    title: {fr: Habitants, en: Residents, nl: Bewoners}
    summary: {fr: Avec eux, en: With them, nl: Met hen}
    principles:
      - {fr: Écouter, en: Listen}
""",
    )
    report, audit = check_folder(content.root)
    line = content.line_of("pillars.yaml", "- {fr: Écouter")
    assert ("pillars.yaml", line, "'pillars.1.principles.1' has no 'nl' text; visitors will see the 'fr' text") in (
        warnings(report)
    )
    nl = next(count for count in audit.languages if count.code == "nl")
    assert [(file, number, name) for file, number, _column, name in nl.missing] == [
        ("pillars.yaml", line, "pillars.1.principles.1")
    ]


def test_a_file_with_errors_is_not_counted_and_the_others_are(content: ContentFolder) -> None:
    content.replace("timeline.yaml", "lead:", "leed:")
    report, audit = check_folder(content.root)
    assert not report.ok
    assert audit.not_counted == ["timeline.yaml"]
    assert audit.languages[0].total == 22 - 4


def test_no_languages_no_table(content: ContentFolder) -> None:
    content.replace("exhibit.yaml", "languages: [fr, en, nl]", "languages: fr")
    _report, audit = check_folder(content.root)
    assert audit.languages == []


# -- pictures ------------------------------------------------------------------------------------


def test_needed_size_covers_or_fits_the_frame() -> None:
    assert needed_size(6000, 4000, FULL_SCREEN, "contain") == (1920, 1280)  # the frame says cover
    assert needed_size(6000, 4000, Frame(655, 491), "cover") == (737, 491)
    assert needed_size(6000, 4000, Frame(655, 491), "contain") == (655, 437)
    assert needed_size(800, 900, Frame(742, 824, "contain"), "cover") == (732, 824)


def test_a_picture_too_small_for_the_screen_is_a_warning_with_the_size_it_needs(content: ContentFolder) -> None:
    content.write_png("media/backdrop.png", (1280, 720))
    report, audit = check_folder(content.root)
    line = content.line_of("exhibit.yaml", "path: media/backdrop.png")
    assert warnings(report) == [
        (
            "exhibit.yaml",
            line,
            "picture 'media/backdrop.png' (1280×720 pixels) is too small: shown full screen (home, attract loop), "
            "it is enlarged and looks blurred; use one of at least 1920×1080 pixels",
        )
    ]
    backdrop = next(picture for picture in audit.pictures if picture.path == "media/backdrop.png")
    assert (backdrop.verdict, backdrop.needed, backdrop.format) == ("too small", (1920, 1080), "PNG")


def test_a_section_picture_is_shown_full_screen_by_the_attract_loop(content: ContentFolder) -> None:
    content.write_png("media/map.png", (418, 276))  # enough for the home tile alone
    report, _audit = check_folder(content.root)
    assert [message.split(":")[0] for _f, _l, message in warnings(report)] == [
        "picture 'media/map.png' (418×276 pixels) is too small"
    ]
    assert "use one of at least 1920×1268 pixels" in warnings(report)[0][2]


def test_a_picture_far_larger_than_needed_says_the_size_that_is_enough(content: ContentFolder) -> None:
    content.write_png("media/big.png", (4000, 3000))
    content.write(
        "timeline.yaml",
        content.text("timeline.yaml")
        + """\
eras:
  - {id: coal, title: Charbon, start: 1850, end: 1990, colour: "#c0583f"}
events:
  - id: war
    date: 1915
    era: coal
    title: {fr: Guerre, en: War, nl: Oorlog}
    text: {fr: Texte, en: Text, nl: Tekst}
    media:
      path: media/big.png
      alt: Un paysage
      credit: Archives
      licence: CC0
""",
    )
    report, audit = check_folder(content.root)
    line = content.line_of("timeline.yaml", "path: media/big.png")
    [(file, number, message)] = warnings(report)
    assert (file, number) == ("timeline.yaml", line)
    assert message.startswith("picture 'media/big.png' (4000×3000 pixels, ") and message.endswith(
        "is far larger than needed: shown at most on the event card, 655×491 pixels are enough. "
        "The kiosk scales it down when it shows it, but the folder is heavier than it needs to be"
    )
    big = next(picture for picture in audit.pictures if picture.path == "media/big.png")
    assert big.roles == ["event"] and big.verdict == "far larger than needed"


def test_twice_the_size_is_still_fine_and_svg_is_never_measured(content: ContentFolder) -> None:
    content.write_png("media/backdrop.png", (3840, 2160))  # a 4K picture for a 1080p screen: fine
    report, audit = check_folder(content.root)
    assert warnings(report) == []
    assert {picture.path: picture.verdict for picture in audit.pictures}["media/blason.svg"] == "vector"


def test_missing_alt_credit_and_licence_are_warnings_and_in_the_table(content: ContentFolder) -> None:
    content.replace("map.yaml", "  credit: Archives\n  licence: CC BY 4.0\n", "")
    report, audit = check_folder(content.root)
    messages = [message for _f, _l, message in warnings(report)]
    assert "picture has no credit: who made it (photographer, archive...)" in messages
    assert "picture has no licence: under which licence or permission it is shown" in messages
    picture = next(picture for picture in audit.pictures if picture.path == "media/map.png")
    assert (picture.alt, picture.credit, picture.licence) == (True, False, False)


def test_every_picture_field_of_the_format_has_a_known_display() -> None:
    models = [
        value
        for value in vars(schema).values()
        if isinstance(value, type) and issubclass(value, schema.Strict) and value is not schema.Strict
    ]
    fields: set[tuple[str, str]] = set()
    for model in models:
        for name, info in model.model_fields.items():
            if schema.Media in (info.annotation, *get_args(info.annotation)):
                fields.add((model.__name__, name))
    known = {(model.__name__, name) for model, name in MEDIA_ROLES}
    covered = {
        (m, n)
        for m, n in fields
        if any(issubclass(getattr(schema, m), model) and n == name for model, name in MEDIA_ROLES)
    }
    assert covered == fields and known <= fields | {("SectionIntro", "illustration")}
    assert set(MEDIA_ROLES.values()) == set(DISPLAYS)


# -- files nobody refers to ----------------------------------------------------------------------


def test_files_nobody_refers_to_are_listed(content: ContentFolder) -> None:
    content.write_png("media/old-photo.png")
    content.write("timeline-old.yaml", "title: old\n")
    content.write("notes.md", "my notes")
    content.write(".DS_Store", "x")
    content.write("schema/timeline.schema.json", "{}")
    report, audit = check_folder(content.root)
    assert [path for path, _size in audit.unreferenced] == ["media/old-photo.png", "timeline-old.yaml"]
    assert (
        "media/old-photo.png",
        0,
        "no content file refers to this file: it travels with the folder but is never "
        "shown (name it in a YAML file, or remove it)",
    ) in warnings(report)


def test_a_file_named_only_by_an_invalid_file_still_counts_as_referenced(content: ContentFolder) -> None:
    content.replace("map.yaml", "title:", "titel:")
    _report, audit = check_folder(content.root)
    assert audit.unreferenced == []


def test_the_default_exhibit_is_complete_and_uses_every_file() -> None:
    report = Report()
    audit = audit_folder(default_content_dir(), report)
    assert report.problems == []
    assert audit.unreferenced == []
    assert all(count.translated == count.total for count in audit.languages)


def test_a_missing_folder_gives_an_empty_audit(tmp_path: Path) -> None:
    audit = audit_folder(tmp_path / "nowhere", Report())
    assert (audit.languages, audit.pictures, audit.unreferenced) == ([], [], [])


# -- links between sections ------------------------------------------------------------------------


def test_a_broken_link_between_sections_is_reported(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    content.write(
        "timeline.yaml",
        content.text("timeline.yaml")
        + """\
eras:
  - {id: coal, title: Charbon, start: 1850, end: 1990, colour: "#c0583f"}
events:
  - id: war
    date: 1915
    era: coal
    title: Guerre
    text: Texte
    related: [timeline:nowhere]
""",
    )
    assert main(["validate", str(content.root)]) == 1
    line = content.line_of("timeline.yaml", "related: [timeline:nowhere]")
    assert f"timeline.yaml:{line}:15: error: link 'timeline:nowhere': no item 'nowhere' in the timeline section" in (
        capsys.readouterr().out.splitlines()
    )


# -- output ----------------------------------------------------------------------------------------


def test_text_output_problems_then_tables_then_summary(
    content: ContentFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    content.write_png("media/stray.png", (2, 2))
    assert main(["validate", str(content.root)]) == 0
    lines = capsys.readouterr().out.splitlines()
    lead = content.line_of("map.yaml", "lead:")
    assert lines[:3] == [  # sorted by file, as every problem
        f"map.yaml:{lead}:1: warning: 'lead' has no 'nl' text; visitors will see the 'fr' text",
        "media/stray.png: warning: no content file refers to this file: it travels with the folder but is never "
        "shown (name it in a YAML file, or remove it)",
        "",
    ]
    assert lines[lines.index("Translations (default language: fr)") + 1 :][:4] == [
        "  fr     22 / 22    complete",
        "  en     22 / 22    complete",
        "  nl     21 / 22    1 missing",
        f"        map.yaml:{lead}:1  lead",
    ]
    pictures = lines.index("Pictures (sizes for a 1920×1080 screen)")
    assert lines[pictures + 1].split() == ["media/backdrop.png", "1920×1080", "needs", "1920×1080", "ok", "(backdrop)"]
    assert lines[lines.index("Files no content file refers to (1)") + 1].startswith("  media/stray.png  (")
    assert lines[-1] == f"{content.root.as_posix()}/ : valid (2 warnings)"


def test_json_output_has_the_tables(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    content.write_png("media/stray.png", (2, 2))
    assert main(["validate", "--format", "json", str(content.root)]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert list(result) == ["ok", "errors", "warnings", "problems", "translations", "media", "unreferenced"]
    nl = result["translations"]["languages"][2]
    assert (nl["code"], nl["translated"], nl["total"]) == ("nl", 21, 22)
    assert nl["missing"] == [
        {"file": "map.yaml", "line": content.line_of("map.yaml", "lead:"), "column": 1, "field": "lead"}
    ]
    backdrop = result["media"][0]
    assert backdrop == {
        "path": "media/backdrop.png",
        "format": "PNG",
        "width": 1920,
        "height": 1080,
        "bytes": content.path("media/backdrop.png").stat().st_size,
        "shown_as": ["full screen (home, attract loop)"],
        "needed": {"width": 1920, "height": 1080},
        "verdict": "ok",
        "alt": True,
        "credit": True,
        "licence": True,
        "uses": [
            {
                "file": "exhibit.yaml",
                "line": content.line_of("exhibit.yaml", "path: media/backdrop.png"),
                "column": 9,
                "role": "backdrop",
            }
        ],
    }
    stray = content.path("media/stray.png").stat().st_size
    assert result["unreferenced"] == [{"path": "media/stray.png", "bytes": stray}]


def test_no_file_is_called_unused_while_a_yaml_file_cannot_be_read(content: ContentFolder) -> None:
    content.write_png("media/old-photo.png")
    content.replace("exhibit.yaml", "  countdown_seconds: 10", "\tcountdown_seconds: 10")
    report, audit = check_folder(content.root)
    assert audit.unreferenced == []
    assert not any("refers to this file" in problem.message for problem in report.problems)
    content.replace("exhibit.yaml", "\tcountdown_seconds: 10", "  countdown_seconds: 10")
    content.write("map.yaml", "title: [unclosed\n")
    _report, audit = check_folder(content.root)
    assert audit.unreferenced == []
