"""List models handed to QML."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtQml import QmlElement

from kiosk.content.loader import Exhibit, displayed
from kiosk.content.schema import Media
from kiosk.services.picturecache import cached_media_path

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

#: The QML view that shows each kind of section. Kinds without their own view yet show
#: their finished introduction (SectionIntro.qml), whose detail is its picture, full screen.
SECTION_VIEWS: dict[str, str] = {
    "timeline": "../timeline/TimelineView",
    "blason": "../blason/BlasonView",
    "pillars": "../pillars/PillarsView",
    "map": "../map/MapView",
}
DEFAULT_VIEW = "SectionIntro"
DEFAULT_DETAIL = "picture"
DEFAULT_COLOURS = {"timeline": "#c0583f", "blason": "#e3b23c", "map": "#7ea35a", "pillars": "#5b9bd5"}

_ROLE_NAMES = (
    "sectionId",
    "kind",
    "view",
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
        self._language = ""

    def set_exhibit(self, exhibit: Exhibit | None, language: str) -> None:
        self.beginResetModel()
        self._exhibit = exhibit
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

    def _view(self, row: int) -> str:
        """The kind's own view when its content has items to show, else the introduction
        (a timeline without events too: an empty axis is no page)."""
        assert self._exhibit is not None
        loaded = self._exhibit.sections[row]
        items = ("events", "charges", "pillars", "markers")
        has_items = all(bool(getattr(loaded.content, name, True)) for name in items)
        return SECTION_VIEWS.get(loaded.ref.kind, DEFAULT_VIEW) if has_items else DEFAULT_VIEW

    def value(self, row: int, name: str) -> Any:
        """One role of one row; also used by the controller for the current section."""
        assert self._exhibit is not None
        loaded = self._exhibit.sections[row]
        section, ref = loaded.content, loaded.ref
        default = self._exhibit.manifest.default_language

        def text(value: Any) -> str:
            return displayed(value, self._language, default)

        illustration = section.illustration
        values = {
            "sectionId": ref.kind,
            "kind": ref.kind,
            "view": self._view(row),
            "title": text(section.title),
            "lead": text(section.lead),
            "body": text(section.body),
            "illustration": media_url(self._exhibit.root, illustration),
            "illustrationAlt": text(illustration.alt),
            "illustrationCredit": text(illustration.credit),
            "illustrationFit": illustration.fit,
            "illustrationFocus": media_focus(illustration),
            "illustrationLicence": illustration.licence or "",
            "colour": ref.colour or DEFAULT_COLOURS.get(ref.kind, "#e3b23c"),
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
        self, model: SectionModel, row: int, controller: QObject | None = None, parent: QObject | None = None
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
        return str(self._get("view"))

    @Property(str, constant=True)
    def colour(self) -> str:
        return str(self._get("colour"))

    @Property(str, constant=True)
    def illustration(self) -> str:
        return str(self._get("illustration"))

    @Property(str, constant=True)
    def illustrationFit(self) -> str:  # noqa: N802 - QML-facing name
        return str(self._get("illustrationFit"))

    @Property("QVariantList", constant=True)
    def illustrationFocus(self) -> list[float]:  # noqa: N802 - QML-facing name
        return list(self._get("illustrationFocus"))

    @Property(str, constant=True)
    def illustrationLicence(self) -> str:  # noqa: N802 - QML-facing name
        return str(self._get("illustrationLicence"))

    @Property(str, constant=True)
    def defaultDetail(self) -> str:  # noqa: N802 - QML-facing name
        """What `kiosk snapshot` opens for NAME-detail: the view's first item, or the picture."""
        default = getattr(self._controller, "default_detail", None)
        return str(default()) if callable(default) and default() else DEFAULT_DETAIL

    @Property(QObject, constant=True)
    def controller(self) -> QObject | None:
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
    def illustrationAlt(self) -> str:  # noqa: N802 - QML-facing name
        return str(self._get("illustrationAlt"))

    @Property(str, notify=changed)
    def illustrationCredit(self) -> str:  # noqa: N802 - QML-facing name
        return str(self._get("illustrationCredit"))
