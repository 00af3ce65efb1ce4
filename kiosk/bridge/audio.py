"""AudioController: the recordings of the content (`audio:`) played for a visitor, as QML
properties and slots (kiosk.services.audio plays them).

A text's recording is named by its key: a section's kind for its introduction
(`timeline`), `KIND:ID` for an item (`timeline:bataille-de-loos`, `map:puits-11`,
`blason:phoenix`, `pillars:habitants`). `urlFor(key, language)` is "" when that text has no
recording in that language, and ListenButton.qml then hides. Sound stops when the visitor
moves on (navigation, another detail, another language) and when the visit ends: engine.
build_scene connects the on-screen KioskController's signals to `stop()`, like the
accessibility modes' reset.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pydantic import BaseModel
from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.content.exhibit import Exhibit
from kiosk.content.media import UnsafePathError, contained_path
from kiosk.content.schema import Audio
from kiosk.services.audio import Player, State, output_from_environment

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How often the progress bar moves while playing (ms): smooth enough for a thin bar.
POSITION_INTERVAL_MS = 250


def audio_index(exhibit: Exhibit | None) -> dict[str, Audio]:
    """Every recording of the exhibit by its key: `KIND` (the introduction), `KIND:ID` (an item)."""
    index: dict[str, Audio] = {}
    for loaded in exhibit.sections if exhibit is not None else ():
        kind, content = loaded.ref.kind, loaded.content
        if content.audio is not None:
            index[kind] = content.audio
        for name in type(content).model_fields:
            value = getattr(content, name)
            items = value if isinstance(value, list) else [value]
            for item in items:
                audio, item_id = getattr(item, "audio", None), getattr(item, "id", None)
                if isinstance(item, BaseModel) and isinstance(audio, Audio) and isinstance(item_id, str):
                    index[f"{kind}:{item_id}"] = audio
    return index


@QmlElement
class AudioController(QObject):
    availableChanged = Signal()
    stateChanged = Signal()  # playing, source
    positionChanged = Signal()  # position, duration
    ended = Signal()  # a recording played to its end (emitted in miniaudio's thread, received queued)

    def __init__(self, player: Player | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player = player if player is not None else Player(output_from_environment())
        self._player.on_finished = self.ended.emit
        self.ended.connect(self._on_end)
        self._root: Path | None = None
        self._index: dict[str, Audio] = {}
        self._language = ""
        self._source = ""
        self._available: bool | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POSITION_INTERVAL_MS)
        self._timer.timeout.connect(self.positionChanged.emit)

    def set_content(self, exhibit: Exhibit | None, language: str) -> None:
        """The exhibit on screen now (new content replaces it) and the visitor's language."""
        self.stop()
        self._root = exhibit.root if exhibit is not None else None
        self._index = audio_index(exhibit)
        self._language = language

    def set_language(self, language: str) -> None:
        """Another language: what played was in the old one."""
        self._language = language
        self.stop()

    # -- properties ----------------------------------------------------------------------
    @Property(bool, notify=availableChanged)
    def available(self) -> bool:
        """A sound device is there (asked once, when a Listen button first shows)."""
        if self._available is None:
            self._available = self._player.available
        return self._available

    @Property(bool, notify=stateChanged)
    def playing(self) -> bool:
        return self._player.state is State.PLAYING

    @Property(str, notify=stateChanged)
    def source(self) -> str:
        """What `play` was given (a key or a URL) while it plays or is paused; "" otherwise."""
        return self._source

    @Property(float, notify=positionChanged)
    def position(self) -> float:
        """Seconds played."""
        return self._player.position

    @Property(float, notify=positionChanged)
    def duration(self) -> float:
        """Seconds in all; 0 when nothing plays."""
        return self._player.duration

    # -- slots ---------------------------------------------------------------------------
    @Slot(str, str, result=str)
    def urlFor(self, key: str, language: str) -> str:
        """The recording of the text `key` in `language` as a file URL, or "" when it has none."""
        path = self._path_for(key, language)
        return QUrl.fromLocalFile(str(path)).toString() if path is not None else ""

    @Slot(str)
    def play(self, source: str) -> None:
        """Play a text's recording: its key (in the visitor's language) or a URL from `urlFor`."""
        if source.startswith("file:"):
            path = self._inside_content(QUrl(source).toLocalFile())
        else:
            path = self._path_for(source, self._language)
        if path is None:
            log.warning("audio: no recording for %r", source)
            self.stop()
            return
        started = self._player.play(path)
        self._source = source if started else ""
        if started:
            self._timer.start()
        else:
            self._timer.stop()
        self._changed()

    @Slot()
    def toggle(self) -> None:
        """Pause, or play on from where it paused."""
        self._player.toggle()
        if self._player.state is State.PLAYING:
            self._timer.start()
        else:
            self._timer.stop()
        self._changed()

    @Slot()
    def stop(self) -> None:
        if self._player.state is State.STOPPED and not self._source:
            return
        self._player.stop()
        self._source = ""
        self._timer.stop()
        self._changed()

    # -- helpers -------------------------------------------------------------------------
    def _path_for(self, key: str, language: str) -> Path | None:
        audio = self._index.get(key)
        relative = audio.root.get(language) if audio is not None else None
        if relative is None or self._root is None:
            return None
        try:
            return contained_path(self._root, relative)
        except UnsafePathError:
            return None

    def _inside_content(self, local: str) -> Path | None:
        """A file of the content on screen, never one elsewhere on the PC."""
        if not local or self._root is None:
            return None
        try:
            return contained_path(self._root, Path(local).resolve().relative_to(self._root.resolve()).as_posix())
        except (ValueError, OSError, UnsafePathError):
            return None

    def _on_end(self) -> None:
        if self._player.state is not State.STOPPED:  # another play() came before the end's news
            return
        self._source = ""
        self._timer.stop()
        self._changed()

    def _changed(self) -> None:
        if self._available is not None and self._available != self._player.available:
            self._available = self._player.available  # a device refused to open
            self.availableChanged.emit()
        self.stateChanged.emit()
        self.positionChanged.emit()
