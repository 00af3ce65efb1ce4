"""docs/CONTENT.md tells the truth: its reference tables are the schema's, and the
`kiosk validate` output it shows is what `kiosk validate` prints today.

After a change of wording, refresh the guide with
`.venv/bin/python -m tests.unit.content.test_content_doc` and read the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from kiosk.commands.validate import run_validate
from kiosk.content.schema_export import REFERENCE_BEGIN, REFERENCE_END, reference_markdown
from kiosk.paths import default_content_dir
from tests.helpers.paths import REPO

GUIDE = REPO / "docs" / "CONTENT.md"
#: A marker, then the ```text block it stands for.
MARKER = re.compile(r"<!-- (mistake|validate): (.*?) -->\n```text\n(.*?)```", re.S)


def blocks(text: str) -> Iterator[tuple[re.Match[str], str, Any]]:
    for match in MARKER.finditer(text):
        kind, spec = match.group(1), match.group(2)
        yield match, kind, (yaml.safe_load(spec) if kind == "mistake" else spec)


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def output_of(kind: str, spec: Any, workdir: Path) -> str:
    """What `kiosk validate` prints for one example: a broken copy, or the default exhibit."""
    if kind == "validate":
        out = io.StringIO()
        with inside(default_content_dir().parent):
            run_validate(Path(spec), "text", out)
        return out.getvalue()
    folder = workdir / "my-exhibit"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(default_content_dir(), folder)
    if "file" in spec:
        target = folder / spec["file"]
        text = target.read_text(encoding="utf-8")
        if "drop" in spec:  # the first line that starts so
            lines = text.splitlines(keepends=True)
            index = next(n for n, line in enumerate(lines) if line.startswith(spec["drop"]))
            text = "".join(lines[:index] + lines[index + 1 :])
        elif "through" in spec:  # from `old` up to `through`, replaced by `new` (a list emptied)
            start = text.index(spec["old"])
            text = text[:start] + spec["new"] + text[text.index(spec["through"], start) :]
        else:
            assert spec["old"] in text, f"{spec['old']!r} is no longer in {spec['file']}"
            text = text.replace(spec["old"], spec["new"], 1)
        target.write_text(text, encoding="utf-8", newline="\n")
    if "picture" in spec:
        picture = folder / spec["picture"]["path"]
        Image.new("RGB", tuple(spec["picture"]["size"]), "#556677").save(picture, quality=40)
    out = io.StringIO()
    with inside(workdir):
        run_validate(Path("my-exhibit"), "text", out)
    lines = out.getvalue().splitlines()
    problems = lines[: lines.index("")] if "" in lines else lines[:-1]
    return "\n".join([*problems, lines[-1]]) + "\n"


def refreshed(text: str, workdir: Path) -> str:
    """The guide with every example's output as `kiosk validate` prints it now."""
    pieces, last = [], 0
    for match, kind, spec in blocks(text):
        pieces += [text[last : match.start(3)], output_of(kind, spec, workdir)]
        last = match.end(3)
    return "".join([*pieces, text[last:]])


def test_the_reference_tables_are_the_schema() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    generated = text[text.index(REFERENCE_BEGIN) + len(REFERENCE_BEGIN) : text.index(REFERENCE_END)]
    assert generated.strip() == reference_markdown().strip(), (
        "run: .venv/bin/python -m kiosk.content.schema_export docs/CONTENT.md"
    )


def test_the_guide_shows_what_kiosk_validate_prints(tmp_path: Path) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    examples = list(blocks(text))
    assert len(examples) >= 15
    for match, kind, spec in examples:
        assert match.group(3) == output_of(kind, spec, tmp_path), (
            f"{kind} {spec}: run .venv/bin/python -m tests.unit.content.test_content_doc"
        )


@pytest.mark.parametrize("name", ["home.png", "starter-home.png", "timeline-detail.png"])
def test_the_guide_pictures_are_there_and_small(name: str) -> None:
    assert f"images/{name}" in GUIDE.read_text(encoding="utf-8")
    with Image.open(REPO / "docs" / "images" / name) as image:
        assert image.size == (960, 540)
    # The guide's own pictures (the design pass's before/after sheets live in a folder of their own).
    assert sum(path.stat().st_size for path in (REPO / "docs" / "images").iterdir() if path.is_file()) < 600_000


def test_the_before_after_sheets_stay_small() -> None:
    sheets = list((REPO / "docs" / "images" / "before-after").iterdir())
    assert sheets
    assert sum(path.stat().st_size for path in sheets) < 3_000_000


if __name__ == "__main__":  # refresh the examples' output in the guide
    import tempfile

    with tempfile.TemporaryDirectory() as work:
        GUIDE.write_text(refreshed(GUIDE.read_text(encoding="utf-8"), Path(work)), encoding="utf-8", newline="\n")
    print(f"{GUIDE}: examples refreshed")
