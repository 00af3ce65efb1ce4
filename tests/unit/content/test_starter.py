"""`kiosk new`: a starter folder that is valid, complete, commented, and never overwrites anything."""

from __future__ import annotations

import io
from pathlib import Path

import jsonschema
import pytest

from kiosk.cli import main
from kiosk.commands.new import STARTER_DIR, create_starter, run_new, starter_files
from kiosk.commands.validate import check_folder
from kiosk.content.report import Report
from kiosk.content.schema_export import KINDS, SCHEMA_FOLDER, dumps, json_schema, modeline, schema_file_name
from kiosk.content.yamlsafe import load_yaml


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    target = tmp_path / "my-exhibit"
    create_starter(target)
    return target


def test_the_starter_is_valid_with_no_warning_and_complete(starter: Path) -> None:
    report, audit = check_folder(starter)
    assert report.problems == []
    assert [(count.code, count.translated == count.total) for count in audit.languages] == [
        ("fr", True),
        ("en", True),
        ("nl", True),
    ]
    assert audit.unreferenced == [] and audit.not_counted == []
    assert {picture.verdict for picture in audit.pictures} == {"vector"}


def test_the_starter_has_one_of_everything(starter: Path) -> None:
    from kiosk.content.loader import load_exhibit

    exhibit, _report = load_exhibit(starter)
    assert exhibit is not None
    sections = {loaded.ref.kind: loaded.content for loaded in exhibit.sections}
    assert list(sections) == ["timeline", "blason", "map", "pillars"]
    timeline, blason, map_, pillars = sections.values()
    assert (len(timeline.eras), len(timeline.events)) == (1, 1)
    assert len(blason.charges) == 1 and blason.charges[0].hotspot.ellipse is not None and blason.arms is not None
    assert (len(map_.layers), len(map_.markers), map_.here) == (1, 1, map_.markers[0].id)
    assert (len(pillars.pillars or []), len(pillars.results)) == (1, 1)
    assert exhibit.manifest.languages == ["fr", "en", "nl"] and exhibit.manifest.default_language == "fr"


def test_every_starter_file_follows_the_json_schema_and_points_editors_to_it(starter: Path) -> None:
    for kind, (_model, file_name, _what) in KINDS.items():
        path = starter / file_name
        text = path.read_text(encoding="utf-8")
        assert text.splitlines()[0] == modeline(kind)
        assert (starter / SCHEMA_FOLDER / schema_file_name(kind)).read_text(encoding="utf-8") == dumps(
            json_schema(kind)
        )
        report = Report()
        located = load_yaml(path, file_name, report)
        assert located is not None
        jsonschema.Draft7Validator(json_schema(kind)).validate(located.data)
        comments = sum(1 for line in text.splitlines() if line.lstrip().startswith("#"))
        assert comments >= 3, f"{file_name} explains its keys in comments"


def test_every_text_is_in_french_english_and_dutch_in_that_order(starter: Path) -> None:
    texts = 0
    for file_name in ("exhibit.yaml", "timeline.yaml", "blason.yaml", "map.yaml", "pillars.yaml"):
        located = load_yaml(starter / file_name, file_name, Report())
        assert located is not None
        stack = [located.data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict) and set(value) & {"fr", "en", "nl"}:
                assert list(value) == ["fr", "en", "nl"], (file_name, value)
                texts += 1
            elif isinstance(value, dict):
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
    assert texts >= 40


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run_new(target, out, err) == 1
    assert "is not empty" in err.getvalue() and "nothing is overwritten" in err.getvalue()
    assert [path.name for path in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_new_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "exhibit.yaml"
    target.write_text("format: 1\n", encoding="utf-8")
    err = io.StringIO()
    assert run_new(target, io.StringIO(), err) == 1
    assert "is a file" in err.getvalue()
    assert target.read_text(encoding="utf-8") == "format: 1\n"


def test_new_fills_an_empty_folder_and_creates_missing_parents(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_new(empty, io.StringIO(), io.StringIO()) == 0
    assert (empty / "exhibit.yaml").is_file()
    nested = tmp_path / "a" / "b"
    assert run_new(nested, io.StringIO(), io.StringIO()) == 0
    assert sorted(p.relative_to(nested) for p in nested.rglob("*") if p.is_file()) == sorted(
        [*starter_files(), *(Path(SCHEMA_FOLDER) / schema_file_name(kind) for kind in KINDS)]
    )


def test_new_says_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    err = io.StringIO()
    assert run_new(blocker / "inside", io.StringIO(), err) == 1
    assert "cannot write" in err.getvalue()


def test_kiosk_new_then_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my-exhibit"
    assert main(["new", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Created {target.as_posix()}/") and f"kiosk validate {target.as_posix()}" in out
    assert main(["validate", str(target)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{target.as_posix()}/ : valid"
    assert main(["new", str(target)]) == 1


def test_the_templates_are_what_new_writes(starter: Path) -> None:
    for relative in starter_files():
        assert (starter / relative).read_bytes() == (STARTER_DIR / relative).read_bytes()
