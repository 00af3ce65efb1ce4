"""The section registry (kiosk/bridge/kinds.py): each kind names its bridge object and view once."""

from __future__ import annotations

from pathlib import Path

from kiosk.bridge import qmltypes
from kiosk.bridge.controller import KioskController
from kiosk.bridge.kinds import INTRO_VIEW, SECTION_KINDS
from kiosk.content import schema
from kiosk.content.loader import load_exhibit
from kiosk.content.uistrings import load_ui_strings
from kiosk.paths import default_content_dir, qml_dir
from tests.helpers.content import intro_content


def test_every_kind_of_the_schema_is_registered() -> None:
    assert set(SECTION_KINDS) == set(schema.SECTION_KINDS) == set(schema.SECTION_MODELS)
    for name, kind in SECTION_KINDS.items():
        assert kind.name == name
        assert kind.items in schema.SECTION_MODELS[name].model_fields


def test_every_view_is_a_qml_type_of_the_kiosk_module() -> None:
    """Each view is a file of Kiosk's qmldir, so qmllint checks it like every other page."""
    module = qml_dir() / "Kiosk"
    listed = (module / "qmldir").read_text(encoding="utf-8").split()
    for view in [kind.view for kind in SECTION_KINDS.values()] + [INTRO_VIEW]:
        assert (module / view).is_file(), view
        assert view in listed, f"{view} is not in kiosk/qml/Kiosk/qmldir"


def test_every_kinds_object_is_a_bridge_type_qml_knows() -> None:
    """Its view types it (`as TimelineController`), so qmllint checks the view against it."""
    registered = {qml.cls for qml in qmltypes.registered_classes()}
    for kind in SECTION_KINDS.values():
        assert kind.controller in registered, kind.name


def sections(kiosk: KioskController) -> dict[str, object]:
    return {kiosk.section(row).kind: kiosk.section(row) for row in range(kiosk.sectionCount)}


def test_each_section_gets_its_kinds_object_and_view(qapp: object) -> None:
    exhibit, report = load_exhibit(default_content_dir())
    assert exhibit is not None, report.errors
    kiosk = KioskController(exhibit, load_ui_strings())
    shown = sections(kiosk)
    assert set(shown) == set(SECTION_KINDS)  # the default exhibit shows every kind
    for name, item in shown.items():
        kind = SECTION_KINDS[name]
        assert item.viewSource == kind.view
        assert item.view == Path(kind.view).stem
        assert type(item.controller) is kind.controller
    assert kiosk.tour is shown["timeline"].controller


def test_a_section_without_items_shows_its_introduction_without_an_object(qapp: object, tmp_path: Path) -> None:
    exhibit, report = load_exhibit(intro_content(tmp_path))  # the map without markers
    assert exhibit is not None, report.errors
    shown = sections(KioskController(exhibit, load_ui_strings()))
    assert shown["map"].view == "SectionIntro"
    assert shown["map"].viewSource == INTRO_VIEW
    assert shown["map"].controller is None
    assert shown["map"].defaultDetail == "picture"
    assert shown["blason"].controller is not None
