"""The kiosk as QML sees it: content texts, navigation and language.

The rules live in `kiosk.services.session.Session`; this class mirrors them into
properties with `notify` signals and takes visitor actions through slots.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.kinds import SECTION_KINDS, SectionObject
from kiosk.bridge.models import SectionItem, SectionModel, media_focus, media_url
from kiosk.bridge.properties import Property
from kiosk.bridge.timeline import TimelineController
from kiosk.content.credits import Entry
from kiosk.content.credits import collect as collect_credits
from kiosk.content.exhibit import Exhibit, displayed
from kiosk.content.report import Problem
from kiosk.content.uistrings import UiStrings
from kiosk.services.session import Screen, Session

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

#: Offered when no content could be loaded, so the error screen still speaks to visitors.
FALLBACK_LANGUAGES = ("fr", "en", "nl")


@QmlElement
class KioskController(QObject):
    languageChanged = Signal()
    navigationChanged = Signal()
    detailChanged = Signal()
    reset = Signal()  # the visitor left: views return to their start

    def __init__(
        self,
        exhibit: Exhibit | None,
        ui: UiStrings,
        problems: list[Problem] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._exhibit = exhibit
        self._ui = ui
        self._problems = [p.format() for p in (problems or [])]
        if exhibit is not None:
            manifest = exhibit.manifest
            languages = tuple(manifest.languages)
            default = manifest.default_language
        else:
            languages, default = FALLBACK_LANGUAGES, FALLBACK_LANGUAGES[0]
        self._session = Session(
            section_count=len(exhibit.sections) if exhibit else 0,
            languages=languages,
            default_language=default,
        )
        # Each section's kind (kinds.py) says which view shows it and builds its bridge object.
        sections = exhibit.sections if exhibit is not None else []
        kinds = [SECTION_KINDS[loaded.ref.kind] for loaded in sections]
        self._model = SectionModel(self)
        self._model.set_exhibit(exhibit, kinds, self._session.language)
        self._controllers: dict[int, SectionObject] = {}
        if exhibit is not None:
            for row, (kind, loaded) in enumerate(zip(kinds, sections, strict=True)):
                controller = kind.build(loaded.content, exhibit.root, ui, default, self.link_label, self)
                if controller is not None:
                    self._controllers[row] = controller
        self._items = [
            SectionItem(self._model, row, self._controllers.get(row), self) for row in range(self._model.rowCount())
        ]
        self._last_detail = ""

    # -- helpers -----------------------------------------------------------------------
    def _text(self, value: Any) -> str:
        if self._exhibit is None:
            return ""
        return displayed(value, self._session.language, self._exhibit.manifest.default_language)

    @property
    def exhibit(self) -> Exhibit | None:
        """The content this controller shows (None: the error screen)."""
        return self._exhibit

    @property
    def session(self) -> Session:
        return self._session

    def _row_of(self, kind: str) -> int:
        if self._exhibit is None:
            return -1
        return next((i for i, s in enumerate(self._exhibit.sections) if s.ref.kind == kind), -1)

    def link_label(self, link: str, language: str) -> str:
        """What a link's chip says: the item's title when known, else its section's title."""
        kind, _, item = link.partition(":")
        row = self._row_of(kind)
        if row < 0 or self._exhibit is None:
            return ""
        controller = self._controllers.get(row)
        title = controller.item_title(item, language) if controller is not None else None
        if title:
            return title
        return displayed(self._exhibit.sections[row].content.title, language, self._exhibit.manifest.default_language)

    # -- state ---------------------------------------------------------------------------
    @Property(str, constant=True)
    def status(self) -> str:
        return "ready" if self._exhibit is not None else "error"

    @Property("QVariantList", constant=True)
    def problems(self) -> list[str]:
        return self._problems

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._session.language

    @Property(str, constant=True)
    def defaultLanguage(self) -> str:
        return self._session.default_language

    @Property("QVariantList", constant=True)
    def languages(self) -> list[dict[str, str]]:
        return [{"code": code, "name": self._ui.name_of(code)} for code in self._session.languages]

    @Property("QVariantMap", notify=languageChanged)
    def ui(self) -> dict[str, str]:
        return self._ui.for_language(self._session.language)

    @Property(str, notify=languageChanged)
    def title(self) -> str:
        return self._text(self._exhibit.manifest.title) if self._exhibit else ""

    @Property(str, notify=languageChanged)
    def subtitle(self) -> str:
        return self._text(self._exhibit.manifest.subtitle) if self._exhibit else ""

    @Property(str, notify=languageChanged)
    def invitation(self) -> str:
        return self._text(self._exhibit.manifest.invitation) if self._exhibit else ""

    @Property("QVariantList", constant=True)
    def attractInvitations(self) -> list[str]:
        """The attract invitation in every offered language, shown in turn."""
        if self._exhibit is None:
            return []
        manifest = self._exhibit.manifest
        text = manifest.attract.invitation
        if text is None:
            return [self._ui.for_language(code)["touch_to_start"] for code in manifest.languages]
        return [displayed(text, code, manifest.default_language) for code in manifest.languages]

    @Property(float, constant=True)
    def slideSeconds(self) -> float:
        return self._exhibit.manifest.attract.slide_seconds if self._exhibit else 9.0

    @Property(QObject, constant=True)
    def tour(self) -> TimelineController | None:
        """The timeline to tour on the attract screen, when the manifest asks for it."""
        if self._exhibit is None or not self._exhibit.manifest.attract.timeline_tour:
            return None
        timeline = self._controllers.get(self._row_of("timeline"))
        return timeline if isinstance(timeline, TimelineController) else None

    @Property(str, constant=True)
    def backdrop(self) -> str:
        if self._exhibit is None:
            return ""
        return media_url(self._exhibit.root, self._exhibit.manifest.backdrop)

    @Property("QVariantList", constant=True)
    def backdropFocus(self) -> list[float]:
        return media_focus(self._exhibit.manifest.backdrop if self._exhibit else None)

    @Property("QVariantMap", constant=True)
    def themeColours(self) -> dict[str, str]:
        if self._exhibit is None:
            return {}
        colours = self._exhibit.manifest.theme.model_dump(exclude_none=True)
        return {key: str(value) for key, value in colours.items()}

    @Property(QObject, constant=True)
    def sections(self) -> SectionModel:
        return self._model

    @Property(int, constant=True)
    def sectionCount(self) -> int:
        return len(self._items)

    @Property(str, notify=navigationChanged)
    def screen(self) -> str:
        return self._session.screen.value

    @Property(int, notify=navigationChanged)
    def sectionIndex(self) -> int:
        return self._session.section_index

    @Property(str, notify=detailChanged)
    def detail(self) -> str:
        """What is open inside the current section ("" when nothing is)."""
        return self._session.detail

    @Slot(int, result=QObject)
    def section(self, index: int) -> SectionItem | None:
        """The section at `index`, for a page to bind to (None when out of range)."""
        return self._items[index] if 0 <= index < len(self._items) else None

    def sections_shown(self) -> list[SectionItem]:
        """Every section, in order (for Python; QML uses the model and `section`)."""
        return list(self._items)

    # -- visitor actions -----------------------------------------------------------------
    def _navigate(self, changed: bool) -> None:
        """Tell QML what moved: the screen or section (`changed`), and what is open."""
        detail_before = self._last_detail
        self._last_detail = self._session.detail
        if changed:
            self.navigationChanged.emit()
        if detail_before != self._session.detail:
            self.detailChanged.emit()

    @Slot(str)
    def openDetail(self, key: str) -> None:
        self._session.open_detail(key)
        self._navigate(changed=False)

    @Slot()
    def closeDetail(self) -> None:
        self._session.close_detail()
        self._navigate(changed=False)

    @Slot()
    def wake(self) -> None:
        before = self._session.screen
        self._session.wake()
        self._navigate(before is not self._session.screen)

    @Slot()
    def goHome(self) -> None:
        changed = self._session.screen is not Screen.HOME
        self._session.go_home()
        self._navigate(changed)

    @Slot(int)
    def openSection(self, index: int) -> None:
        before = (self._session.screen, self._session.section_index)
        if self._session.open_section(index):
            self._navigate(before != (self._session.screen, self._session.section_index))

    @Slot()
    def nextSection(self) -> None:
        self._navigate(self._session.next_section())

    @Slot()
    def previousSection(self) -> None:
        self._navigate(self._session.previous_section())

    @Slot(str, result="QVariantMap")
    def credits(self, language: str) -> dict[str, list[Any]]:
        """The credits page's blocks: the sources by what they support (`group` names the
        heading, `credits_group_<group>` in the UI strings), each picture credit once, the map
        data's attribution, the kiosk's fonts and software. Entries are {title, by}."""
        if self._exhibit is None:
            return {}
        found = collect_credits(self._exhibit, language)

        def entries(items: Iterable[Entry]) -> list[dict[str, str]]:
            return [{"title": entry.title, "by": entry.by} for entry in items]

        return {
            "sources": [{"group": group.group, "entries": entries(group.sources)} for group in found.sources],
            "pictures": entries(found.pictures),
            "data": [{"title": line, "by": ""} for line in found.data],
            "software": entries(found.software),
        }

    @Slot()
    def openCredits(self) -> None:
        changed = self._session.screen is not Screen.CREDITS
        self._session.open_credits()
        self._navigate(changed)

    @Slot(str)
    def openLink(self, link: str) -> None:
        """Follow a `SECTION:ID` link: open that section, at that item when it can show it."""
        kind, _, item = link.partition(":")
        row = self._row_of(kind)
        if row < 0:
            return
        before = (self._session.screen, self._session.section_index)
        self._session.open_section(row)
        controller = self._controllers.get(row)
        if controller is not None and controller.indexOf(item) >= 0:
            self._session.open_detail(item)
        self._navigate(before != (self._session.screen, self._session.section_index))

    def _apply_language(self) -> None:
        code = self._session.language
        self._model.set_language(code)
        for controller in self._controllers.values():
            controller.set_language(code)
        self.languageChanged.emit()

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if self._session.set_language(code):
            self._apply_language()

    @Slot()
    def goAttract(self) -> None:
        """The visitor has gone: attract screen, default language, views back to their start."""
        language_before = self._session.language
        screen_before = self._session.screen
        self._session.reset()
        if language_before != self._session.language:
            self._apply_language()
        self._navigate(screen_before is not self._session.screen)
        self.reset.emit()
