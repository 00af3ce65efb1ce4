"""`kiosk validate`: compiler-style lines or JSON, and exit codes CI and curators can rely on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.cli import main

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

PROBLEM_LINE = re.compile(r"^[\w./-]+(:\d+:\d+)?: (error|warning): \S.*$")


@pytest.fixture
def content(complete_content: ContentFolder) -> ContentFolder:
    """Here, the test folder is complete (tests/unit/conftest.py)."""
    return complete_content


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    """The exit code and the problem lines then the summary (the tables are left out)."""
    code = main(["validate", *args])
    problems, _tables, summary = split(capsys.readouterr().out)
    return code, [*problems, summary]


def split(output: str) -> tuple[list[str], list[str], str]:
    """(problem lines, table lines, summary line) of `kiosk validate`'s text output."""
    lines = output.splitlines()
    end = lines.index("") if "" in lines else len(lines) - 1
    return lines[:end], lines[end:-1], lines[-1]


def test_a_valid_folder_exits_0(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, str(content.root))
    assert code == 0
    assert lines == [f"{content.root.as_posix()}/ : valid"]


def test_warnings_alone_still_exit_0(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    code, lines = run(capsys, str(content.root))
    assert code == 0
    lead = content.line_of("map.yaml", "lead:")
    assert lines == [
        f"map.yaml:{lead}:1: warning: 'lead' has no 'nl' text; visitors will see the 'fr' text",
        f"{content.root.as_posix()}/ : valid (1 warning)",
    ]


def test_errors_exit_1_with_file_line_col_lines_sorted(
    content: ContentFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    content.replace("timeline.yaml", "lead:", "leed:")
    content.replace("exhibit.yaml", "timeout_seconds: 90", "timeout_seconds: ninety")
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    code, lines = run(capsys, str(content.root))
    assert code == 1
    *problems, summary = lines
    assert summary == f"{content.root.as_posix()}/ : 3 errors, 1 warning"
    assert all(PROBLEM_LINE.match(line) for line in problems), problems
    assert [line.split(":")[0] for line in problems] == ["exhibit.yaml", "map.yaml", "timeline.yaml", "timeline.yaml"]
    timeout_line = content.line_of("exhibit.yaml", "ninety")
    assert (
        problems[0]
        == f"exhibit.yaml:{timeout_line}:20: error: 'idle.timeout_seconds' should be a whole number, not 'ninety'"
    )
    assert (
        f"timeline.yaml:{content.line_of('timeline.yaml', 'leed:')}:1: error: unknown key 'leed' (did you mean 'lead'?)"
        in problems
    )


def test_a_missing_folder_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, lines = run(capsys, f"{tmp_path}/nowhere")
    assert code == 1
    assert lines[0] == f".: error: content folder not found: {tmp_path}/nowhere"
    assert lines[-1] == f"{tmp_path}/nowhere/ : 1 error, 0 warnings"


def test_json_output(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    content.replace("exhibit.yaml", "timeout_seconds: 90", "timeout_seconds: ninety")
    content.replace("map.yaml", "  nl: Een zin over map.\n", "")
    code = main(["validate", str(content.root), "--format", "json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert result["ok"] is False
    assert (result["errors"], result["warnings"]) == (1, 1)
    assert result["problems"][0] == {
        "file": "exhibit.yaml",
        "line": content.line_of("exhibit.yaml", "ninety"),
        "column": 20,
        "severity": "error",
        "message": "'idle.timeout_seconds' should be a whole number, not 'ninety'",
    }
    assert result["problems"][1]["severity"] == "warning"


def test_json_output_of_a_valid_folder(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate", "--format", "json", str(content.root)])
    assert code == 0
    result = json.loads(capsys.readouterr().out)
    assert {key: result[key] for key in ("ok", "errors", "warnings", "problems")} == {
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "problems": [],
    }
    assert [(lang["code"], lang["translated"], lang["total"]) for lang in result["translations"]["languages"]] == [
        ("fr", 22, 22),
        ("en", 22, 22),
        ("nl", 22, 22),  # 6 texts in exhibit.yaml, 4 per section
    ]
    assert result["unreferenced"] == []
    assert {picture["path"]: picture["verdict"] for picture in result["media"]} == {
        "media/backdrop.png": "ok",
        "media/timeline.png": "ok",
        "media/map.png": "ok",
        "media/blason.svg": "vector",
        "media/pillars.svg": "vector",
    }


def test_a_hostile_file_is_reported_not_a_traceback(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    content.write("blason.yaml", "title: " + "[" * 5000 + "]" * 5000 + "\n")
    code, lines = run(capsys, str(content.root))
    assert code == 1
    assert lines[0].startswith("blason.yaml:1:")
    assert "nested too deeply" in lines[0]


def test_usage_errors_exit_2(content: ContentFolder, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(content.root), "--format", "xml"]) == 2
    assert "invalid choice" in capsys.readouterr().err
