"""The Loos method as QML sees it: the foundation and pillars, their examples, the
'source code' ingredients and the results as figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.exhibit import pillars_and_foundation
from kiosk.content.numbers import format_number
from kiosk.content.schema import Example, Pillar, PillarsSection, Result

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

#: The id under which the ingredients open, like a pillar (kiosk.detail).
INGREDIENTS = "ingredients"


@QmlElement
class PillarsController(SectionController, QObject):
    """The method section: its building, its cards and its figures."""

    languageChanged = Signal()

    def __init__(
        self,
        section: PillarsSection,
        root: Path,
        default_language: str,
        link_label: LinkLabel,
        parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        self._setup(section, root, default_language, link_label)
        self._section: PillarsSection = section

    def _find(self, item_id: str) -> Pillar | None:
        return next((p for p in pillars_and_foundation(self._section) if p.id == item_id), None)

    def _result(self, item_id: str) -> Result | None:
        return next((r for r in self._section.results if r.id == item_id), None)

    def _figure(self, result: Result, language: str) -> dict[str, Any]:
        return {
            "id": result.id,
            "value": result.value,
            "valueText": format_number(result.value, language),
            "unit": self._text(result.unit, language),
            "label": self._text(result.label, language),
            "comparison": self._text(result.comparison, language),
            "detail": self._text(result.detail, language),
            "date": result.date or "",
            "source": result.source,
            "approximate": result.approximate,
        }

    def _example(self, example: Example, language: str) -> dict[str, Any]:
        return {
            "title": self._text(example.title, language),
            "text": self._text(example.text, language),
            "related": self._links(example.related, language),
        }

    # -- QML API -----------------------------------------------------------------------
    @Property("QVariantList", notify=languageChanged)
    def pillars(self) -> list[dict[str, str]]:
        """The pillars, left to right: id, title and summary."""
        return [
            {"id": p.id, "title": self._text(p.title), "summary": self._text(p.summary)}
            for p in self._section.pillars or []
        ]

    @Property("QVariantMap", notify=languageChanged)
    def foundation(self) -> dict[str, str]:
        f = self._section.foundation
        return {} if f is None else {"id": f.id, "title": self._text(f.title), "summary": self._text(f.summary)}

    @Property(str, notify=languageChanged)
    def note(self) -> str:
        """The caveat under the building ("" when the content has none)."""
        return self._text(self._section.note)

    @Property(bool, constant=True)
    def hasIngredients(self) -> bool:
        return bool(self._section.ingredients)

    @Slot(str, str, result="QVariantMap")
    def detailOf(self, item_id: str, language: str) -> dict[str, Any]:
        """A pillar, the foundation, the ingredients or a result, in `language`; {} when unknown."""
        if item_id == INGREDIENTS and self._section.ingredients:
            return {
                "id": INGREDIENTS,
                "kind": "ingredients",
                "items": [self._example(item, language) for item in self._section.ingredients],
            }
        pillar = self._find(item_id)
        if pillar is None:
            result = self._result(item_id)
            return {} if result is None else {"kind": "result", **self._figure(result, language)}
        return {
            "id": pillar.id,
            "kind": "pillar",
            "title": self._text(pillar.title, language),
            "summary": self._text(pillar.summary, language),
            "principles": [self._text(p, language) for p in pillar.principles],
            "items": [self._example(e, language) for e in pillar.examples],
        }

    @Slot(str, result="QVariantList")
    def results(self, language: str) -> list[dict[str, Any]]:
        return [self._figure(r, language) for r in self._section.results]

    # -- Python API --------------------------------------------------------------------
    def indexOf(self, item_id: str) -> int:
        if item_id == INGREDIENTS and self._section.ingredients:
            return 0
        ids = [p.id for p in pillars_and_foundation(self._section)]
        ids += [r.id for r in self._section.results if r.id not in ids]
        return ids.index(item_id) if item_id in ids else -1

    def item_title(self, item_id: str, language: str) -> str | None:
        pillar = self._find(item_id)
        return self._text(pillar.title, language) if pillar is not None else None

    def default_detail(self) -> str:
        pillars = self._section.pillars or []
        return pillars[0].id if pillars else ""
