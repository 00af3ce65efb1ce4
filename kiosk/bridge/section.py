"""What every section's bridge object shares: its content, the language, and links."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk.content.exhibit import displayed
from kiosk.content.schema import SectionIntro

#: Turns a `SECTION:ID` link into the words on its button, in a language.
LinkLabel = Callable[[str, str], str]


class SectionController:
    """What the section controllers (timeline, blason, map, method) share.

    A plain mixin: each controller is also a QObject and declares its own
    `languageChanged` signal, because PySide6 ties a property's `notify` to a signal of
    the property's own class.
    """

    def _setup(self, section: SectionIntro, root: Path, default_language: str, link_label: LinkLabel) -> None:
        self._section: Any = section
        self._root = root
        self._default = default_language
        self._language = default_language
        self._link_label = link_label

    def _text(self, value: Any, language: str | None = None) -> str:
        return displayed(value, language or self._language, self._default)

    def _links(self, links: Sequence[str], language: str) -> list[dict[str, str]]:
        """The link buttons of an item: where each goes and what it says."""
        return [{"link": link, "label": self._link_label(link, language)} for link in links]

    def _language_changed(self) -> None:
        """Refresh what the views show in the language (models), before QML is told."""

    def set_language(self, language: str) -> None:
        if language == self._language:
            return
        self._language = language
        self._language_changed()
        self.languageChanged.emit()  # type: ignore[attr-defined]

    def indexOf(self, item_id: str) -> int:
        raise NotImplementedError

    def item_title(self, item_id: str, language: str) -> str | None:
        """The title of an item, for the buttons of links that lead to it."""
        raise NotImplementedError

    def default_detail(self) -> str:
        """What `kiosk snapshot` opens as NAME-detail."""
        return ""
