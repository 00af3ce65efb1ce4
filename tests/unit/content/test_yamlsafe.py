"""The hardened YAML reader: positions kept, hostile files refused, never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from kiosk.content import yamlsafe
from kiosk.content.report import Problem, Report
from kiosk.content.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, Located, load_yaml


def read(tmp_path: Path, content: str | bytes) -> tuple[Located | None, list[Problem]]:
    path = tmp_path / "file.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="\n")
    else:
        path.write_bytes(content)
    report = Report()
    located = load_yaml(path, "file.yaml", report)
    return located, report.sorted()


def only_error(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [problem.format() for problem in problems]
    assert problems[0].severity == "error"
    assert problems[0].file == "file.yaml"
    return problems[0]


# -- what it reads --------------------------------------------------------------------------


def test_reads_plain_data_with_value_and_key_positions(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "title: Base\nsections:\n  - kind: map\n    file: map.yaml\n")
    assert problems == []
    assert located is not None
    assert located.data == {"title": "Base", "sections": [{"kind": "map", "file": "map.yaml"}]}
    assert located.positions[("title",)] == (1, 8)
    assert located.key_positions[("title",)] == (1, 1)
    assert located.positions[("sections", 0, "file")] == (4, 11)
    assert located.key_positions[("sections", 0, "file")] == (4, 5)


def test_a_pydantic_loc_falls_back_to_the_nearest_existing_parent(tmp_path: Path) -> None:
    located, _ = read(tmp_path, "title:\n  fr: Bonjour\nidle:\n  timeout_seconds: 5\n")
    assert located is not None
    # a union member name in the middle is skipped, the language key is found
    assert located.resolve(("title", "dict[constrained-str,str]", "fr")) == ("title", "fr")
    assert located.position(("title", "dict[constrained-str,str]", "fr")) == (2, 7)
    # a missing key lands on its parent mapping
    assert located.position(("idle", "countdown_seconds")) == (4, 3)
    assert located.key_position(("idle", "countdown_seconds")) == (3, 1)
    assert located.position(("nothing", 3, "here")) == (1, 1)


def test_scalars_are_resolved_safely(tmp_path: Path) -> None:
    located, problems = read(
        tmp_path,
        "i: 12\nf: 1.5\nb: true\nn: ~\nd: 2024-05-01\ns: !!str 12\nlangs: [fr, no]\non_: yes\n",
    )
    assert problems == []
    assert located is not None
    assert located.data == {
        "i": 12,
        "f": 1.5,
        "b": True,
        "n": None,
        "d": "2024-05-01",  # timestamps stay text
        "s": "12",
        "langs": ["fr", "no"],  # YAML 1.2 booleans: Norwegian stays a language code
        "on_": "yes",
    }


def test_uses_the_c_safe_loader_and_never_an_unsafe_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if yaml.__with_libyaml__:
        assert yamlsafe._loader() is yaml.CSafeLoader

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an unsafe or constructing YAML loader was used")

    for name in ("load", "full_load", "unsafe_load", "load_all", "safe_load"):
        monkeypatch.setattr(yaml, name, forbidden)
    located, problems = read(tmp_path, "a: 1\n")
    assert problems == []
    assert located is not None
    assert located.data == {"a": 1}


def test_empty_file_is_no_data_and_no_problem(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "# only a comment\n")
    assert problems == []
    assert located is not None
    assert located.data is None


# -- syntax ---------------------------------------------------------------------------------


def test_syntax_error_points_at_the_problem_with_a_readable_hint(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "title: Base\nlead: Le puits: une histoire\n")
    problem = only_error(problems)
    assert located is None
    assert (problem.line, problem.column) == (2, 15)
    assert problem.message.startswith("YAML syntax error: ")
    assert "put the whole text in quotes" in problem.message


def test_unclosed_quote_points_at_the_opening_quote(tmp_path: Path) -> None:
    _, problems = read(tmp_path, 'title: Base\nlead: "Le puits\nbody: x\n')
    problem = only_error(problems)
    assert (problem.line, problem.column) == (2, 7)
    assert "quote opened here is never closed" in problem.message


def test_tab_used_for_indentation_gets_a_clear_hint(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "title:\n  fr: Base\nidle:\n\ttimeout_seconds: 90\n")
    problem = only_error(problems)
    assert (problem.line, problem.column) == (4, 1)
    assert "tab character used for indentation: YAML needs spaces" in problem.message


def test_duplicate_key_is_reported_at_the_second_key(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "format: 1\ntitle: A\nlead: B\ntitle: C\n")
    problem = only_error(problems)
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message == "duplicate key 'title' (first given at line 2)"
    assert located is not None
    assert located.data["title"] == "A"


def test_keys_must_be_text(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "1914: war\n? [a, b]\n: c\n")
    assert [(p.line, p.column) for p in problems] == [(1, 1), (2, 3)]
    assert problems[0].message == "key '1914' is read as a number: keys must be text (put it in quotes)"
    assert problems[1].message == "a key must be a word, not a list or a mapping"


def test_only_one_document_per_file(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: 1\n---\nb: 2\n")
    problem = only_error(problems)
    assert (problem.line, problem.column) == (2, 1)
    assert problem.message.startswith("only one document per file")


def test_bad_explicit_scalar_tag_value(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: !!int abc\n")
    problem = only_error(problems)
    assert (problem.line, problem.column, problem.message) == (1, 4, "cannot read 'abc' as !!int")


# -- hostile files ----------------------------------------------------------------------------


def test_unsafe_tag_is_refused_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    located, problems = read(tmp_path, f'title: Base\nlead: !!python/object/apply:os.system ["touch {marker}"]\n')
    problem = only_error(problems)
    assert located is None
    assert (problem.line, problem.column) == (2, 7)
    assert problem.message == "unsafe or unknown tag '!!python/object/apply:os.system' is not allowed"
    assert not marker.exists()
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("!!python/name:os.system ''", "!!python/name:os.system"),
        ("!custom x", "!custom"),
        ("!!map {a: 1}", "!!map"),
        ("! x", "!"),
    ],
)
def test_any_tag_but_the_standard_scalar_ones_is_refused(tmp_path: Path, value: str, shown: str) -> None:
    _, problems = read(tmp_path, f"a: {value}\n")
    assert only_error(problems).message == f"unsafe or unknown tag '{shown}' is not allowed"


def test_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    located, problems = read(tmp_path, "\n".join(lines) + "\n")
    assert located is None
    assert problems, "the bomb was accepted"
    assert all(problem.message == "anchors and aliases (&, *) are not allowed" for problem in problems)
    assert (problems[0].line, problems[0].column) == (1, 4)
    assert len(problems) <= yamlsafe.MAX_SCAN_PROBLEMS


def test_nesting_5000_deep_is_refused_at_the_first_too_deep_node(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "title: " + "[" * 5000 + "]" * 5000 + "\n")
    problem = only_error(problems)
    assert located is None
    # the top mapping is level 1, so the first too-deep list is the MAX_DEPTH-th '['
    assert (problem.line, problem.column) == (1, len("title: ") + MAX_DEPTH)
    assert problem.message == f"nested too deeply (more than {MAX_DEPTH} levels of keys and lists)"


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 1  # plus the top mapping
    located, problems = read(tmp_path, "a: " + "[" * depth + "1" + "]" * depth + "\n")
    assert problems == []
    assert located is not None


def test_deep_block_nesting_is_refused_too(tmp_path: Path) -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(MAX_DEPTH + 5))
    _, problems = read(tmp_path, text)
    problem = only_error(problems)
    assert problem.line == MAX_DEPTH + 1
    assert "nested too deeply" in problem.message


def test_file_over_the_size_cap_is_refused_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.yaml"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)

    def no_reading(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", no_reading)
    report = Report()
    assert load_yaml(path, "file.yaml", report) is None
    problem = only_error(report.sorted())
    assert (problem.line, problem.column) == (0, 0)
    message = "file is too large (1.0 MB): a content file may be at most 1 MB"
    assert problem.message == message
    assert problem.format() == f"file.yaml: error: {message}"


def test_file_at_the_size_cap_is_read(tmp_path: Path) -> None:
    text = "a: 1\n" + "#" * (MAX_FILE_BYTES - 6) + "\n"
    assert len(text.encode()) == MAX_FILE_BYTES
    located, problems = read(tmp_path, text)
    assert problems == []
    assert located is not None


def test_file_that_is_not_utf8_points_at_the_first_bad_byte(tmp_path: Path) -> None:
    located, problems = read(tmp_path, "title: Base\nlead: Un café\n".encode("latin-1"))
    problem = only_error(problems)
    assert located is None
    assert (problem.line, problem.column) == (2, 13)
    assert problem.message == "the file is not UTF-8 text (byte 0xE9): save it as UTF-8 in your editor"


def test_nul_bytes_are_refused(tmp_path: Path) -> None:
    located, problems = read(tmp_path, b"title: Base\nlead: a\x00b\n")
    problem = only_error(problems)
    assert located is None
    assert (problem.line, problem.column) == (2, 8)
    assert problem.message.startswith("NUL byte in the file")


def test_utf16_file_is_refused_as_nul_bytes(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "title: Base\n".encode("utf-16"))
    assert only_error(problems).message.startswith("NUL byte in the file")


def test_control_characters_are_refused(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "title: Base\x07\n")
    problem = only_error(problems)
    assert (problem.line, problem.column, problem.message) == (1, 12, "control character U+0007 is not allowed")


def test_utf8_bom_and_crlf_line_ends_are_accepted(tmp_path: Path) -> None:
    raw = "\ufefftitle: Café\r\nlead:\r\n  fr: Bonjour\r\n".encode()
    located, problems = read(tmp_path, raw)
    assert problems == []
    assert located is not None
    assert located.data == {"title": "Café", "lead": {"fr": "Bonjour"}}
    assert located.key_positions[("title",)] == (1, 1)
    assert located.positions[("lead", "fr")] == (3, 7)


def test_missing_file_and_folder_are_reported_not_raised(tmp_path: Path) -> None:
    report = Report()
    assert load_yaml(tmp_path / "nope.yaml", "nope.yaml", report) is None
    assert load_yaml(tmp_path, "folder.yaml", report) is None
    assert [problem.format() for problem in report.sorted()] == [
        "folder.yaml: error: is not a regular file",
        "nope.yaml: error: file not found",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    report = Report()
    assert load_yaml(fifo, "pipe.yaml", report) is None
    assert [problem.format() for problem in report.sorted()] == ["pipe.yaml: error: is not a regular file"]


def test_refused_nodes_before_a_syntax_error_are_reported_too(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a: &x 1\nb: *x\nc: [1, 2\n")
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [
        (1, "anchors and aliases (&, *) are not allowed"),
        (2, "anchors and aliases (&, *) are not allowed"),
        (4, "YAML syntax error"),
    ]


def test_a_tag_directive_cannot_smuggle_a_python_tag(tmp_path: Path) -> None:
    text = "%TAG !! tag:yaml.org,2002:python/\n---\na: !!object/apply:os.system ['true']\n"
    _, problems = read(tmp_path, text)
    assert only_error(problems).message == "unsafe or unknown tag '!!python/object/apply:os.system' is not allowed"
