"""The QML passes pyside6-qmllint with zero warnings, checked against the bridge's types."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from kiosk.bridge import qmltypes
from kiosk.paths import qml_dir

PROBE = Path(__file__).parent / "qml" / "BridgeMisspelt.qml"
#: What the QML calls the bridge objects it is handed; each must be declared with its type.
BRIDGE_OBJECTS = (
    "kiosk",
    "section",
    "host",
    "idle",
    "admin",
    "opening",
    "timeline",
    "blason",
    "map",
    "method",
    "editor",
    "preparation",
    "nextSection",
    "previousSection",
)


def qmllint(*files: str) -> tuple[int, str]:
    result = subprocess.run(
        [qmltypes.pyside_tool("pyside6-qmllint"), "-I", str(qml_dir()), *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return result.returncode, (result.stdout + result.stderr).strip()


def kiosk_qml() -> list[str]:
    return sorted(str(p) for p in (qml_dir() / "Kiosk").rglob("*.qml"))


def test_qml_has_no_lint_warnings() -> None:
    files = kiosk_qml()
    assert len(files) >= 10
    code, output = qmllint(*files)
    assert code == 0 and not output, output


def test_the_bridge_types_description_is_up_to_date() -> None:
    """kiosk/qml/Kiosk/Bridge is what the bridge's code gives: a property, slot or type
    added to the bridge without regenerating it fails here."""
    behind = qmltypes.stale()
    assert not behind, f"{behind} out of date: run `python -m kiosk.bridge.qmltypes` and commit the result"


def test_the_description_loads_no_plugin() -> None:
    """At run time the engine reads this qmldir: with no plugin line it loads nothing, and the
    types Python registered are the ones QML uses."""
    qmldir = (qmltypes.module_dir() / "qmldir").read_text(encoding="utf-8")
    lines = [line.split() for line in qmldir.splitlines() if line.strip() and not line.startswith("#")]
    assert ["module", "Kiosk.Bridge"] in lines
    assert not [line for line in lines if line[0] in ("plugin", "optional", "classname")]


def test_every_registered_type_is_described() -> None:
    described = (qmltypes.module_dir() / qmltypes.TYPES_FILE).read_text(encoding="utf-8")
    for qml in qmltypes.registered_classes():
        assert f'"Kiosk.Bridge/{qml.cls.__name__} 1.0"' in described


def test_lint_reports_misspelt_bridge_members() -> None:
    """The gate cannot quietly stop checking QML against Python: a misspelt property, model
    and slot of bridge types are each reported, with the type they were looked up on."""
    _code, output = qmllint(str(PROBE))
    assert 'Member "langauge" not found on type "KioskController"' in output, output
    assert 'Member "eraModle" not found on type "TimelineController"' in output, output
    assert 'Member "goHomme" not found on type "KioskController"' in output, output
    # What is spelt right raises nothing: the section's typed result, eraCount.
    assert output.count("[missing-property]") == 3, output


def test_bridge_objects_are_typed_in_qml() -> None:
    """A bridge object handed to QML as `property var` would escape the lint again."""
    untyped = re.compile(r"property\s+var\s+(" + "|".join(BRIDGE_OBJECTS) + r")\b")
    found = [
        f"{Path(f).relative_to(qml_dir())}: {m.group(0)}"
        for f in kiosk_qml()
        for m in untyped.finditer(Path(f).read_text(encoding="utf-8"))
    ]
    assert not found, found
