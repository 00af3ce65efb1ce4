"""docs/ARCHITECTURE.md describes the code as it is: every module under kiosk/ is named
there, and every kiosk/ path it names exists."""

from __future__ import annotations

import re

from tests.helpers.paths import REPO

DOC = REPO / "docs" / "ARCHITECTURE.md"
PACKAGE = REPO / "kiosk"


def modules() -> list[str]:
    """`content/loader.py`, `app.py`...: every module, by its path under kiosk/ (no __init__)."""
    return sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name != "__init__.py" and "__pycache__" not in path.parts and "starter" not in path.parts
    )


def blocks(text: str) -> dict[str, str]:
    """The diagram's block of each package: from the line naming `kiosk/NAME/` to the next such line."""
    diagram = text.split("```", 2)[1]
    found: dict[str, str] = {}
    current = ""
    for line in diagram.splitlines():
        heading = re.search(r"kiosk/(\w+)/ ", line)
        if heading and heading.group(1) not in found:
            current = heading.group(1)
            found[current] = ""
        if current:
            found[current] += line + "\n"
    return found


def test_every_module_is_named() -> None:
    text = DOC.read_text(encoding="utf-8")
    by_package = blocks(text)
    missing = []
    for module in modules():
        package, _, name = module.rpartition("/")
        # A module is named by its path anywhere, or by its file name in its package's block.
        if f"kiosk/{module}" in text or (package and name in by_package.get(package, "")):
            continue
        if not package and f"kiosk/{name}" in text:
            continue
        missing.append(module)
    assert not missing, f"docs/ARCHITECTURE.md does not name: {', '.join(missing)}"


def test_every_package_has_its_block() -> None:
    text = DOC.read_text(encoding="utf-8")
    for package in sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        assert f"kiosk/{package}/" in text, package


def test_every_kiosk_path_it_names_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = set(re.findall(r"`?(kiosk/[A-Za-z0-9_/]+\.py)", text))
    assert named, "the document names files by their path"
    gone = sorted(path for path in named if not (REPO / path).is_file())
    assert not gone, f"docs/ARCHITECTURE.md names files that do not exist: {', '.join(gone)}"
