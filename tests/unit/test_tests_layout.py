"""The test suite's own house rules, checked so they keep holding:

- shared helpers live in tests/helpers/: no test imports from a conftest.py or from another
  test module, and a conftest.py holds only fixtures and hooks;
- tests/unit is laid out like the package: a test of kiosk/<package>/ sits in
  tests/unit/<package>/, and only the tests of kiosk's top-level modules (atomicio, paths,
  logs, cli) and of the project as a whole (docs, deploy/, the import rules) sit at the top;
- test modules have names unique across tests/ (pytest imports them by their name alone).
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from tests.helpers.paths import REPO

TESTS = REPO / "tests"
UNIT = TESTS / "unit"
KIOSK = REPO / "kiosk"
#: Folders of kiosk/ without Python, and the function of kiosk/paths.py their tests find them by.
DATA_FOLDERS = {"qml": "qml_dir"}


def python_files() -> list[Path]:
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def modules_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("test_*.py") if "__pycache__" not in path.parts)


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported(node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """Every module an import statement may load: `from a.b import c` gives a.b and a.b.c."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if base:
        yield base
    for alias in node.names:
        yield f"{base}.{alias.name}" if base else alias.name


def all_imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for name in imported(node):
                yield node.lineno, name


def module_level_imports(tree: ast.Module) -> Iterator[str]:
    """Imports outside functions and classes (including those under `if TYPE_CHECKING:`)."""
    stack: list[ast.AST] = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield from imported(node)
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def kiosk_folders() -> set[str]:
    return {path.name for path in KIOSK.iterdir() if path.is_dir() and path.name != "__pycache__"}


def packages_of(names: Iterator[str]) -> set[str]:
    """The kiosk sub-packages among imported module names (kiosk.content.loader -> content)."""
    folders = kiosk_folders()
    return {
        parts[1]
        for parts in (name.split(".") for name in names)
        if parts[0] == "kiosk" and len(parts) > 1 and parts[1] in folders
    }


def test_no_test_imports_from_a_conftest_or_another_test_module() -> None:
    wrong = [
        f"{path.relative_to(REPO)}:{node.lineno}: {ast.unparse(node)}"
        for path in python_files()
        for node in ast.walk(parse(path))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and any(part == "conftest" or part.startswith("test_") for name in imported(node) for part in name.split("."))
    ]
    assert wrong == [], "shared helpers belong in tests/helpers/:\n" + "\n".join(wrong)


def test_conftest_files_hold_only_fixtures_and_hooks() -> None:
    wrong = []
    for path in sorted(TESTS.rglob("conftest.py")):
        for node in parse(path).body:
            where = f"{path.relative_to(REPO)}:{node.lineno}"
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                fixture = any("fixture" in ast.unparse(decorator) for decorator in node.decorator_list)
                if not fixture and not node.name.startswith("pytest_"):
                    wrong.append(f"{where}: {node.name}() is neither a fixture nor a hook")
            elif isinstance(node, ast.ClassDef):
                wrong.append(f"{where}: class {node.name}")
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = [target.id for target in targets if isinstance(target, ast.Name)]
                if any(name not in ("pytest_plugins", "collect_ignore", "collect_ignore_glob") for name in names):
                    wrong.append(f"{where}: {', '.join(names)} defined")
    assert wrong == [], "move these to tests/helpers/:\n" + "\n".join(wrong)


def test_unit_tests_sit_in_the_folder_of_the_package_they_test() -> None:
    folders = kiosk_folders()
    wrong = []
    for path in modules_under(UNIT):
        place = path.relative_to(UNIT).parts
        where = path.relative_to(REPO)
        tree = parse(path)
        if len(place) == 1:
            packages = packages_of(module_level_imports(tree))
            if packages:
                wrong.append(
                    f"{where}: imports kiosk.{', kiosk.'.join(sorted(packages))}: move it to tests/unit/<package>/"
                )
        elif len(place) > 2 or place[0] not in folders:
            wrong.append(f"{where}: tests/unit/<package>/ must name a folder of kiosk/, one level deep")
        elif place[0] in DATA_FOLDERS:
            if f"{DATA_FOLDERS[place[0]]}(" not in path.read_text(encoding="utf-8"):
                wrong.append(f"{where}: never reads kiosk/{place[0]} ({DATA_FOLDERS[place[0]]}())")
        elif place[0] not in packages_of(name for _line, name in all_imports(tree)):
            wrong.append(f"{where}: never imports kiosk.{place[0]}")
    assert wrong == [], "\n".join(wrong)


def test_unit_test_folders_are_named_after_kiosk_folders() -> None:
    extra = sorted(
        path.name
        for path in UNIT.iterdir()
        if path.is_dir() and path.name != "__pycache__" and path.name not in kiosk_folders()
    )
    assert extra == []


def test_test_module_names_are_unique() -> None:
    """tests/ has no __init__.py files: pytest imports each test module by its file name alone."""
    names = Counter(path.name for path in modules_under(TESTS))
    assert [name for name, count in names.items() if count > 1] == []
