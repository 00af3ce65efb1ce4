"""The sources catalogue (content/sources.yaml): events and results name their sources by id,
the loader reports an unknown id at its file and line, the credits group the catalogue by what
it supports, and docs/SOURCES.md is the catalogue as generated (never edited by hand)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.content.credits import collect, group_sources, sources_markdown
from kiosk.content.loader import load_exhibit
from kiosk.content.report import Problem
from kiosk.content.schema import SOURCE_GROUPS, Source
from kiosk.paths import default_content_dir
from tests.helpers.paths import REPO

DOCS = REPO / "docs" / "SOURCES.md"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the default content, to break."""
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    return target


def replace(path: Path, old: str, new: str) -> int:
    """Replace the one occurrence of `old`; the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def errors(folder: Path) -> list[Problem]:
    exhibit, report = load_exhibit(folder, thorough=False)
    found = [p for p in report.problems if p.severity == "error"]
    assert exhibit is None if found else exhibit is not None
    return found


def test_the_default_content_names_only_known_sources() -> None:
    exhibit, report = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None, "\n".join(p.format() for p in report.problems)
    assert exhibit.sources, "the default content ships its catalogue"
    known = {s.id for s in exhibit.sources}
    assert len(known) == len(exhibit.sources)
    assert {s.group for s in exhibit.sources} == set(SOURCE_GROUPS), "every group has sources"


def test_an_unknown_source_id_is_reported_at_its_file_and_line(folder: Path) -> None:
    line = replace(folder / "timeline.yaml", "      - cwgc-loos\n", "      - cwgc-los\n") + 0
    [problem] = errors(folder)
    assert (problem.file, problem.line) == ("timeline.yaml", line)
    assert problem.message == "unknown source 'cwgc-los': did you mean 'cwgc-loos'?"
    assert problem.format().startswith(f"timeline.yaml:{line}:")


def test_an_unknown_source_id_of_a_result_is_reported_too(folder: Path) -> None:
    text = (folder / "pillars.yaml").read_text(encoding="utf-8")
    first = text.index("    sources: [movilab-recit]")
    line = text[:first].count("\n") + 1
    (folder / "pillars.yaml").write_text(
        text[:first] + "    sources: [nowhere-at-all]" + text[first + len("    sources: [movilab-recit]") :],
        encoding="utf-8",
    )
    [problem] = errors(folder)
    assert (problem.file, problem.line) == ("pillars.yaml", line)
    assert problem.message.startswith("unknown source 'nowhere-at-all'")


def test_ids_without_a_catalogue_say_the_file_is_missing(folder: Path) -> None:
    (folder / "sources.yaml").unlink()
    found = errors(folder)
    assert found and all(p.message.endswith("the folder has no sources.yaml") for p in found)


def test_a_source_listed_twice_is_an_error_at_its_line(folder: Path) -> None:
    line = replace(folder / "sources.yaml", "  - id: memim-loos\n", "  - id: heraldry-wiki\n")
    found = errors(folder)
    twice = [p for p in found if p.file == "sources.yaml"]
    catalogue = yaml.safe_load((default_content_dir() / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    first = 1 + [source["id"] for source in catalogue].index("heraldry-wiki")
    assert [(p.line, p.message) for p in twice] == [
        (line, f"two sources have the id 'heraldry-wiki' (the first is source {first})")
    ]
    assert any(p.file == "timeline.yaml" and "unknown source 'memim-loos'" in p.message for p in found), (
        "the events that named the source it replaced are reported too"
    )


def test_a_source_in_no_known_group_is_an_error_at_its_line(folder: Path) -> None:
    text = (folder / "sources.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: memim-loos\n")
    at = text.index("    group: arms\n", start)
    line = text[:at].count("\n") + 1
    (folder / "sources.yaml").write_text(
        text[:at] + "    group: heraldry\n" + text[at + len("    group: arms\n") :], encoding="utf-8"
    )
    found = errors(folder)
    assert found and all(p.file == "sources.yaml" for p in found)
    assert found[0].line == line and "heraldry" in found[0].message


def test_a_folder_with_no_sources_at_all_needs_no_catalogue(folder: Path) -> None:
    (folder / "sources.yaml").unlink()
    for name in ("timeline.yaml", "pillars.yaml"):
        path = folder / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kept, skipping = [], False
        for text in lines:
            if text.startswith("    sources:"):
                skipping = not text.rstrip().endswith("]")
                continue
            if skipping and text.startswith("      - "):
                continue
            skipping = False
            kept.append(text)
        path.write_text("".join(kept), encoding="utf-8")
    assert errors(folder) == []


def test_credits_group_the_catalogue_in_order_each_source_once() -> None:
    def source(id_: str, group: str) -> Source:
        return Source(id=id_, title=f"T {id_}", publisher=f"P {id_}", group=group)  # type: ignore[arg-type]

    grouped = group_sources(
        [
            source("m", "method"),
            source("h1", "history"),
            source("a", "arms"),
            source("h2", "history"),
            source("h1", "history"),
        ]
    )
    assert [g.group for g in grouped] == ["history", "arms", "method"], "in SOURCE_GROUPS order, empty left out"
    assert [e.title for e in grouped[0].sources] == ["T h1", "T h2"], "catalogue order, each once"
    assert grouped[0].sources[0].by == "P h1"


def test_the_default_credits_list_each_picture_once_and_every_group() -> None:
    exhibit, _ = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None
    for language in ("fr", "en", "nl"):
        credits = collect(exhibit, language)
        assert [g.group for g in credits.sources] == list(SOURCE_GROUPS)
        assert len(credits.pictures) == len({" ".join(e.title.split()) for e in credits.pictures})
        assert all(e.by == "CC BY 4.0" for e in credits.pictures)
        for group in credits.sources:
            for entry in group.sources:
                assert entry.title.strip() and entry.by.strip()
                assert "mirror" not in entry.title.lower() and "http" not in entry.title
                assert not re.search(r"\.(fr|com|org|net|uk|eu)\b", entry.by), f"a web address, not a name: {entry.by}"


def test_docs_sources_md_is_generated_from_the_catalogue() -> None:
    exhibit, _ = load_exhibit(default_content_dir(), thorough=False)
    assert exhibit is not None
    expected = sources_markdown(exhibit.sources, collect(exhibit, "en"))
    assert DOCS.read_text(encoding="utf-8") == expected, (
        "docs/SOURCES.md is out of date: run `python -m kiosk.content.credits docs/SOURCES.md`"
    )


def test_content_files_point_to_the_shipped_sources_not_outside_the_repository() -> None:
    for path in sorted(default_content_dir().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert "/work/" not in text and "content-facts.md" not in text, path.name
    for path in sorted(default_content_dir().glob("*.yaml")):
        if path.name != "sources.yaml":
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            assert isinstance(data, dict)


def test_an_unconfirmed_date_is_marked_approximate() -> None:
    """A card's date says "around" wherever its text says the date is not confirmed."""
    data = yaml.safe_load((default_content_dir() / "timeline.yaml").read_text(encoding="utf-8"))
    doubtful = ("à confirmer", "ne s’accordent pas sur l’année", "divergent sur l’année", "de 1923 selon")
    for event in data["events"]:
        if any(words in event["text"]["fr"] for words in doubtful):
            assert event.get("approximate") is True, event["id"]
    by_id = {event["id"]: event for event in data["events"]}
    assert by_id["protection-patrimoine"].get("approximate") is True, "the 1992 listing is uncertain"


def test_a_source_written_out_in_full_says_how_to_name_it(folder: Path) -> None:
    """The format before the catalogue: a curator's old file is told what to do, at the line."""
    line = replace(folder / "timeline.yaml", "      - cwgc-loos\n", '      - "CWGC press release, 23 Sep 2015"\n')
    [problem] = errors(folder)
    assert (problem.file, problem.line) == ("timeline.yaml", line)
    assert problem.message.startswith(
        "'CWGC press release, 23 Sep 2015' is not a source id: describe the source once in sources.yaml"
    )
