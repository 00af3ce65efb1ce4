"""The section kinds: each names, once, its bridge object and its QML view.

A new kind of section is one more line in `SECTION_KINDS` (and its schema, controller and
view): `KioskController` builds each section's object from it, and `SectionPage.qml` loads
the view it names. A section whose content has none of the items its view shows (a
timeline without events) shows its introduction instead, and gets no bridge object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk.bridge.blason import BlasonController
from kiosk.bridge.map import MapController
from kiosk.bridge.pillars import PillarsController
from kiosk.bridge.section import LinkLabel
from kiosk.bridge.timeline import TimelineController
from kiosk.content.schema import SectionIntro

if TYPE_CHECKING:
    from kiosk.content.uistrings import UiStrings

#: A section's bridge object (what `SectionItem.controller` gives its view).
SectionObject = TimelineController | BlasonController | MapController | PillarsController

#: The view of a section that has nothing of its own to show: its finished introduction.
#: Views are QML files under kiosk/qml/Kiosk/; its detail is its picture, full screen.
INTRO_VIEW = "pages/SectionIntro.qml"


@dataclass(frozen=True)
class SectionKind:
    """One kind of section, as exhibit.yaml names it (`kind: timeline`)."""

    name: str
    #: The bridge object its view gets: `(content, root, default_language, link_label, parent)`,
    #: with the interface's words after `root` when `needs_ui` (the timeline writes dates).
    controller: Callable[..., SectionObject]
    #: Its QML view, a file under kiosk/qml/Kiosk/.
    view: str
    #: The field of its content that lists what the view shows (no items: the introduction).
    items: str
    #: Its colour (home tile, position dots) when exhibit.yaml gives none.
    colour: str
    needs_ui: bool = False

    def has_items(self, content: SectionIntro) -> bool:
        return bool(getattr(content, self.items, None))

    def view_of(self, content: SectionIntro) -> str:
        """The view this section shows: the kind's own, or its introduction."""
        return self.view if self.has_items(content) else INTRO_VIEW

    def build(
        self,
        content: SectionIntro,
        root: Path,
        ui: UiStrings,
        default_language: str,
        link_label: LinkLabel,
        parent: QObject | None = None,
    ) -> SectionObject | None:
        """The section's bridge object; None when it shows its introduction."""
        if not self.has_items(content):
            return None
        words: tuple[Any, ...] = (ui,) if self.needs_ui else ()
        return self.controller(content, root, *words, default_language, link_label, parent)


#: Every kind the kiosk shows (content/schema.py's SECTION_KINDS; a test keeps them equal).
SECTION_KINDS: Mapping[str, SectionKind] = {
    kind.name: kind
    for kind in (
        SectionKind("timeline", TimelineController, "timeline/TimelineView.qml", "events", "#c0583f", needs_ui=True),
        SectionKind("blason", BlasonController, "blason/BlasonView.qml", "charges", "#e3b23c"),
        SectionKind("map", MapController, "map/MapView.qml", "markers", "#7ea35a"),
        SectionKind("pillars", PillarsController, "pillars/PillarsView.qml", "pillars", "#5b9bd5"),
    )
}
