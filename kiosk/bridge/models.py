"""List models handed to QML."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.content.exhibit import Exhibit, displayed
from kiosk.content.schema import Media
from kiosk.services.picturecache import cached_media_path

if TYPE_CHECKING:  # kinds.py imports the section controllers, which import this module
    from kiosk.bridge.kinds import SectionKind, SectionObject

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

#: What `kiosk snapshot` opens as NAME-detail in a section that shows its introduction: its
#: picture, full screen.
DEFAULT_DETAIL = "picture"

_ROLE_NAMES = (
    "sectionId",
    "kind",
    "view",
    "viewSource",
    "title",
    "lead",
    "body",
    "illustration",
    "illustrationAlt",
    "illustrationCredit",
    "illustrationFit",
    "illustrationFocus",
    "illustrationLicence",
    "colour",
)
_ROLES = {Qt.ItemDataRole.UserRole + 1 + i: name for i, name in enumerate(_ROLE_NAMES)}


def media_url(root: Any, media: Media | None, use: str = "screen") -> str:
    """The picture's URL for QML, shown at `use` (kiosk.content.pictureuse.USES): its scaled
    copy from the picture cache when there is a whole one, else the original. With its
    version (`?v=`: modification time and size), so that a picture replaced under the same
    name is read again rather than taken from Qt's image cache (kiosk preview), while an
    unchanged one is not reloaded."""
    if media is None:
        return ""
    path = cached_media_path(root, media.path, use)
    if path is None:  # an SVG too slow to draw: an empty frame rather than a stuck image reader
        return ""
    url = QUrl.fromLocalFile(str(path))
    try:
        stat = path.stat()
    except OSError:
        return url.toString()
    url.setQuery(f"v={stat.st_mtime_ns:x}-{stat.st_size:x}")
    return url.toString()


def media_focus(media: Media | None) -> list[float]:
    """The picture's `focus` as [x, y] for MediaImage's focusX and focusY (the centre if none)."""
    return list(media.focus) if media is not None else [0.5, 0.5]


@QmlElement
class SectionModel(QAbstractListModel):
    """The exhibit's sections in the manifest's order, texts in the current language."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._exhibit: Exhibit | None = None
        self._kinds: Sequence[SectionKind] = ()
        self._language = ""

    def set_exhibit(self, exhibit: Exhibit | None, kinds: Sequence[SectionKind], language: str) -> None:
        """The exhibit's sections, each with its kind (kinds.py: its view and colour)."""
        self.beginResetModel()
        self._exhibit = exhibit
        self._kinds = kinds
        self._language = language
        self.endResetModel()

    def set_language(self, language: str) -> None:
        """Re-render texts in place: dataChanged keeps every view's position."""
        if language == self._language:
            return
        self._language = language
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0), [])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._exhibit is None:
            return 0
        return len(self._exhibit.sections)

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in _ROLES.items()}

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._exhibit is None or not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        name = _ROLES.get(role)
        if name is None:
            return None
        return self.value(index.row(), name)

    def value(self, row: int, name: str) -> Any:
        """One role of one row; also used by the controller for the current section."""
        assert self._exhibit is not None
        loaded = self._exhibit.sections[row]
        section, ref = loaded.content, loaded.ref
        kind = self._kinds[row]
        # The kind's own view when its content has items to show, else the introduction
        # (a timeline without events too: an empty axis is no page).
        view = kind.view_of(section)
        default = self._exhibit.manifest.default_language

        def text(value: Any) -> str:
            return displayed(value, self._language, default)

        illustration = section.illustration
        values = {
            "sectionId": ref.kind,
            "kind": ref.kind,
            "view": Path(view).stem,
            "viewSource": view,
            "title": text(section.title),
            "lead": text(section.lead),
            "body": text(section.body),
            "illustration": media_url(self._exhibit.root, illustration),
            "illustrationAlt": text(illustration.alt),
            "illustrationCredit": text(illustration.credit),
            "illustrationFit": illustration.fit,
            "illustrationFocus": media_focus(illustration),
            "illustrationLicence": illustration.licence or "",
            "colour": ref.colour or kind.colour,
        }
        return values[name]


@QmlElement
class SectionItem(QObject):
    """One section as an object, so a page binds to its own section's texts.

    A page keeps showing its section while a transition runs and follows the language:
    every property reads the model, and `changed` fires when the model's rows change.
    """

    changed = Signal()

    def __init__(
        self, model: SectionModel, row: int, controller: SectionObject | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._row = row
        self._controller = controller
        model.dataChanged.connect(self._on_data_changed)

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: list[int]) -> None:
        if top.row() <= self._row <= bottom.row():
            self.changed.emit()

    def _get(self, name: str) -> Any:
        return self._model.value(self._row, name)

    @Property(int, constant=True)
    def index(self) -> int:
        return self._row

    @Property(str, constant=True)
    def kind(self) -> str:
        return str(self._get("kind"))

    @Property(str, constant=True)
    def view(self) -> str:
        """The view's name: "TimelineView", or "SectionIntro" when it shows its introduction."""
        return str(self._get("view"))

    @Property(str, constant=True)
    def viewSource(self) -> str:
        """The view's QML file, under kiosk/qml/Kiosk/ ("timeline/TimelineView.qml")."""
        return str(self._get("viewSource"))

    @Property(str, constant=True)
    def colour(self) -> str:
        return str(self._get("colour"))

    @Property(str, constant=True)
    def illustration(self) -> str:
        return str(self._get("illustration"))

    @Property(str, constant=True)
    def illustrationFit(self) -> str:
        return str(self._get("illustrationFit"))

    @Property("QVariantList", constant=True)
    def illustrationFocus(self) -> list[float]:
        return list(self._get("illustrationFocus"))

    @Property(str, constant=True)
    def illustrationLicence(self) -> str:
        return str(self._get("illustrationLicence"))

    @Property(str, constant=True)
    def defaultDetail(self) -> str:
        """What `kiosk snapshot` opens for NAME-detail: the view's first item, or the picture."""
        first = self._controller.default_detail() if self._controller is not None else ""
        return first or DEFAULT_DETAIL

    @Property(QObject, constant=True)
    def controller(self) -> SectionObject | None:
        """The section's own bridge object (the timeline's eras and events), if its view has one."""
        return self._controller

    @Property(str, notify=changed)
    def title(self) -> str:
        return str(self._get("title"))

    @Property(str, notify=changed)
    def lead(self) -> str:
        return str(self._get("lead"))

    @Property(str, notify=changed)
    def body(self) -> str:
        return str(self._get("body"))

    @Property(str, notify=changed)
    def illustrationAlt(self) -> str:
        return str(self._get("illustrationAlt"))

    @Property(str, notify=changed)
    def illustrationCredit(self) -> str:
        return str(self._get("illustrationCredit"))
