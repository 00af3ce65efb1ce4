"""The coat of arms as QML sees it: the picture, its charges' hotspots, cards and glossary.

Geometry and hit-testing are `kiosk.content.hotspots`; the words made tappable in a story
are `kiosk.content.glossary`. QML only draws what it gets and reports where a finger fell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.listmodel import RowsModel
from kiosk.bridge.models import media_url
from kiosk.bridge.properties import Property
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.glossary import link_words
from kiosk.content.hotspots import Region, hit
from kiosk.content.schema import BlasonSection

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

CHARGE_ROLES = ("chargeIndex", "chargeId", "name", "outline")


@QmlElement
class BlasonController(SectionController, QObject):
    """One blason section: hotspots in coordinates relative to the arms picture (0..1)."""

    languageChanged = Signal()
    glossaryOpened = Signal(str)  # a word's explanation asked for (the visitor record)

    def __init__(
        self,
        section: BlasonSection,
        root: Path,
        default_language: str,
        link_label: LinkLabel,
        parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        self._setup(section, root, default_language, link_label)
        self._section: BlasonSection = section
        self._regions = [Region(charge.id, charge.hotspot) for charge in section.charges]
        self.charges = RowsModel(CHARGE_ROLES, self)
        self.charges.reset_rows(self._rows())

    def _rows(self) -> list[dict[str, Any]]:
        return [
            {
                "chargeIndex": index,
                "chargeId": charge.id,
                "name": self._text(charge.name),
                "outline": [{"x": x, "y": y} for x, y in region.outline()],
            }
            for index, (charge, region) in enumerate(zip(self._section.charges, self._regions, strict=True))
        ]

    def _glossary_words(self, language: str) -> list[tuple[str, str]]:
        words: list[tuple[str, str]] = []
        for entry in self._section.glossary:
            words.append((self._text(entry.term, language), entry.id))
            words.extend((form, entry.id) for form in entry.forms.get(language, []))
        return words

    # -- QML API -----------------------------------------------------------------------
    @Property(QObject, constant=True)
    def chargeModel(self) -> RowsModel:
        return self.charges

    @Property("QVariantList", notify=languageChanged)
    def regions(self) -> list[dict[str, Any]]:
        """Each charge's id, name and outline, for drawing and highlighting."""
        return self._rows()

    @Property(int, constant=True)
    def count(self) -> int:
        return len(self._section.charges)

    @Property(str, constant=True)
    def arms(self) -> str:
        return media_url(self._root, self._section.arms or self._section.illustration, use="card")

    @Property(str, notify=languageChanged)
    def armsAlt(self) -> str:
        media = self._section.arms or self._section.illustration
        return self._text(media.alt)

    @Property(str, notify=languageChanged)
    def armsCredit(self) -> str:
        media = self._section.arms or self._section.illustration
        return " · ".join(part for part in (self._text(media.credit), media.licence or "") if part)

    @Slot(float, float, result=str)
    def hitTest(self, x: float, y: float) -> str:
        """The charge under a touch at (x, y), relative to the picture; "" when none."""
        return hit(self._regions, x, y) or ""

    @Slot(str, result=int)
    def indexOf(self, charge_id: str) -> int:
        return next((i for i, charge in enumerate(self._section.charges) if charge.id == charge_id), -1)

    @Slot(int, result=str)
    def idAt(self, index: int) -> str:
        charges = self._section.charges
        return charges[index].id if 0 <= index < len(charges) else ""

    @Slot(int, str, result="QVariantMap")
    def chargeAt(self, index: int, language: str) -> dict[str, Any]:
        """What the card shows, in `language` (passed so a binding follows it). The story
        comes as escaped rich text whose glossary words are `glossary:ID` links."""
        if not 0 <= index < len(self._section.charges):
            return {}
        charge = self._section.charges[index]
        return {
            "index": index,
            "id": charge.id,
            "name": self._text(charge.name, language),
            "meaning": self._text(charge.meaning, language),
            "story": link_words(self._text(charge.story, language), self._glossary_words(language)),
            "related": self._links(charge.related, language),
        }

    @Slot(str, str, result="QVariantMap")
    def glossaryEntry(self, entry_id: str, language: str) -> dict[str, str]:
        entry = next((e for e in self._section.glossary if e.id == entry_id), None)
        if entry is None:
            return {}
        self.glossaryOpened.emit(entry.id)
        return {
            "id": entry.id,
            "term": self._text(entry.term, language),
            "definition": self._text(entry.definition, language),
        }

    # -- Python API --------------------------------------------------------------------
    def item_title(self, item_id: str, language: str) -> str | None:
        index = self.indexOf(item_id)
        return self._text(self._section.charges[index].name, language) if index >= 0 else None

    def default_detail(self) -> str:
        return self._section.charges[0].id if self._section.charges else ""

    def _language_changed(self) -> None:
        self.charges.refresh(self._rows())
