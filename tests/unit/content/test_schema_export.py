"""The JSON Schema editors use and the loader agree: valid folders pass both, mistakes fail both.

`jsonschema` (a test dependency only) plays the editor's part (draft 7, what editors read): VS Code, JetBrains and
Neovim check YAML against these files the same way.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import pytest
import yaml

from kiosk.cli import build_parser, main
from kiosk.content.loader import load_exhibit
from kiosk.content.report import Report
from kiosk.content.schema_export import KINDS, SCHEMA_FOLDER, dumps, json_schema, modeline, schema_file_name
from kiosk.content.yamlsafe import load_yaml
from kiosk.paths import default_content_dir

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json_schema(kind)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def read(path: Path) -> Any:
    """A content file as the kiosk reads it (the same YAML 1.2-like scalars editors use)."""
    report = Report()
    located = load_yaml(path, path.name, report)
    assert located is not None and report.ok, report.problems
    return located.data


def schema_errors(kind: str, data: Any) -> list[str]:
    return [error.message for error in validator(kind).iter_errors(data)]


@pytest.mark.parametrize("kind", KINDS)
def test_each_schema_is_a_valid_json_schema_with_a_description_on_every_key(kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    undescribed: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    undescribed.append(f"{where}.{name}")
            for key, value in node.items():
                if key != "oneOf":  # the hotspot's one-shape rule refines keys described above it
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(schema, kind)
    assert undescribed == [], "curators see these descriptions in their editor"
    assert "Title" not in json.dumps(schema) and '"default": null' not in json.dumps(schema)


@pytest.mark.parametrize("kind", KINDS)
def test_the_default_exhibit_validates_against_the_schema(kind: str) -> None:
    data = read(default_content_dir() / KINDS[kind][1])
    assert schema_errors(kind, data) == []


def test_the_small_test_folder_validates_against_the_schema(content: ContentFolder) -> None:
    for kind in KINDS:
        if kind == "sources" and not content.path(KINDS[kind][1]).exists():
            continue  # the catalogue of sources is optional: this folder names none
        assert schema_errors(kind, read(content.path(KINDS[kind][1]))) == [], kind


@pytest.mark.parametrize("kind", KINDS)
def test_the_schemas_shipped_in_the_default_exhibit_are_up_to_date(kind: str) -> None:
    shipped = default_content_dir() / SCHEMA_FOLDER / schema_file_name(kind)
    assert shipped.read_text(encoding="utf-8") == dumps(json_schema(kind)), (
        "run: .venv/bin/kiosk schema --out content/schema"
    )
    first_line = (default_content_dir() / KINDS[kind][1]).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == modeline(kind)


# -- mistakes: each fails the JSON Schema AND the loader ------------------------------------------

Edit = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _drop(path: tuple[Any, ...]) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        target = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


MISTAKES: dict[str, tuple[str, Edit]] = {
    "unknown key at the top": ("exhibit", _set(("titel",), "Base 11/19")),
    "unknown key in a picture": ("timeline", _set(("illustration", "credits"), "Archives")),
    "unknown key in an event": ("timeline", _set(("events", 0, "summary"), "x")),
    "a number where a text goes": ("timeline", _set(("title",), 1914)),
    "a word where a number goes": ("exhibit", _set(("idle", "timeout_seconds"), "ninety")),
    "a text where a list goes": ("exhibit", _set(("languages",), "fr")),
    "a list where a group goes": ("exhibit", _set(("idle",), [90])),
    "a language code in capitals": ("map", _set(("lead",), {"FR": "Terrils", "fr": "Terrils"})),
    "missing title": ("pillars", _drop(("title",))),
    "missing picture path": ("blason", _drop(("illustration", "path"))),
    "missing event date": ("timeline", _drop(("events", 0, "date"))),
    "section kind not known": ("exhibit", _set(("sections", 0, "kind"), "gallery")),
    "marker kind not known": ("map", _set(("markers", 0, "kind"), "mine")),
    "picture fit not known": ("blason", _set(("arms", "fit"), "stretch")),
    "format 2": ("exhibit", _set(("format",), 2)),
    "timeout below 10 s": ("exhibit", _set(("idle", "timeout_seconds"), 5)),
    "colour without #": ("timeline", _set(("eras", 0, "colour"), "red")),
    "id with spaces": ("timeline", _set(("events", 0, "id"), "Bataille de Loos")),
    "link to an unknown section kind": ("timeline", _set(("events", 0, "related"), ["web:example"])),
    "month 13": ("timeline", _set(("events", 0, "date"), "1915-13")),
    "year 0": ("timeline", _set(("events", 0, "date"), 0)),
    "hotspot with both shapes": (
        "blason",
        _set(("charges", 0, "hotspot", "ellipse"), {"cx": 0.5, "cy": 0.5, "rx": 0.1, "ry": 0.1}),
    ),
    "hotspot point outside the picture": (
        "blason",
        _set(("charges", 0, "hotspot"), {"polygon": [[0, 0], [1.5, 0], [1, 1]]}),
    ),
    "hotspot with two points": ("blason", _set(("charges", 0, "hotspot"), {"polygon": [[0, 0], [1, 1]]})),
    "six pillars": ("pillars", lambda data: data["pillars"].extend(copy.deepcopy(data["pillars"][:1]) * 6)),
    "a language twice": ("exhibit", _set(("languages",), ["fr", "en", "nl", "fr"])),
    "latitude beyond the pole": ("map", _set(("markers", 0, "lat"), 95)),
    "no events": ("timeline", _set(("events",), [])),
    "no eras": ("timeline", _set(("eras",), [])),
    "no charges": ("blason", _set(("charges",), [])),
    "no markers": ("map", _set(("markers",), [])),
    "no pillars": ("pillars", _set(("pillars",), [])),
}


@pytest.fixture(scope="module")
def default_documents() -> dict[str, Any]:
    return {kind: read(default_content_dir() / KINDS[kind][1]) for kind in KINDS}


@pytest.mark.parametrize("name", MISTAKES)
def test_a_mistake_fails_the_json_schema_and_the_loader(
    name: str, default_documents: dict[str, Any], tmp_path: Path
) -> None:
    kind, edit = MISTAKES[name]
    data = copy.deepcopy(default_documents[kind])
    edit(data)
    assert schema_errors(kind, data), f"the JSON Schema accepts: {name}"
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    (folder / KINDS[kind][1]).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    exhibit, report = load_exhibit(folder, thorough=False)
    assert exhibit is None and report.errors, f"the loader accepts: {name}"


#: What only the loader sees (docs/CONTENT.md, "What the editor cannot see"): valid for the
#: JSON Schema, refused by the loader. Kept true by this test.
LOADER_ONLY: dict[str, tuple[str, Edit]] = {
    "31 February": ("timeline", _set(("events", 0, "date"), "1915-02-31")),
    "default language not offered": ("exhibit", _set(("default_language",), "de")),
    "era ending before it starts": ("timeline", _set(("eras", 0, "end"), 1000)),
    "link to a missing event": ("blason", _set(("charges", 0, "related"), ["timeline:nowhere"])),
    "picture file not there": ("map", _set(("illustration", "path"), "media/nowhere.png")),
    "two events with one id": ("timeline", lambda data: data["events"].append(copy.deepcopy(data["events"][0]))),
}


@pytest.mark.parametrize("name", LOADER_ONLY)
def test_what_only_the_loader_can_see(name: str, default_documents: dict[str, Any], tmp_path: Path) -> None:
    kind, edit = LOADER_ONLY[name]
    data = copy.deepcopy(default_documents[kind])
    edit(data)
    assert schema_errors(kind, data) == []
    folder = tmp_path / "content"
    shutil.copytree(default_content_dir(), folder)
    (folder / KINDS[kind][1]).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    exhibit, report = load_exhibit(folder, thorough=False)
    assert exhibit is None and report.errors


def test_the_schema_is_stricter_than_the_loader_about_quoted_numbers(default_documents: dict[str, Any]) -> None:
    """`timeout_seconds: "90"` is read as 90 by the loader; the editor asks for 90."""
    data = copy.deepcopy(default_documents["exhibit"])
    data["idle"]["timeout_seconds"] = "90"
    assert schema_errors("exhibit", data)


# -- the command -------------------------------------------------------------------------------------


def test_kiosk_schema_prints_an_index(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    for kind, (_model, file_name, _what) in KINDS.items():
        assert f"{kind}" in out and file_name in out and schema_file_name(kind) in out
    assert modeline("timeline") in out


def test_kiosk_schema_kind_prints_one_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--kind", "timeline"]) == 0
    assert json.loads(capsys.readouterr().out) == json_schema("timeline")


def test_kiosk_schema_out_writes_every_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--out", str(tmp_path / "schemas")]) == 0
    written = sorted(path.name for path in (tmp_path / "schemas").iterdir())
    assert written == sorted(schema_file_name(kind) for kind in KINDS)
    assert len(capsys.readouterr().out.splitlines()) == len(KINDS)


def test_kiosk_schema_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--kind", "gallery"]) == 2
    assert main(["schema", "--kind", "map", "--out", str(tmp_path)]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_kiosk_schema_into_a_file_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = io.StringIO()
    from kiosk.commands.schema import run_schema

    assert run_schema(None, blocker, out) == 1
    assert "cannot write" in out.getvalue()


def test_the_command_offers_every_kind() -> None:
    parser = build_parser()
    sub = next(action for action in parser._actions if action.dest == "command")
    kind = next(action for action in sub.choices["schema"]._actions if action.dest == "kind")
    assert tuple(kind.choices) == tuple(KINDS)
