"""The visitor record's eyes: what visitors do, reported to kiosk/services/visits.py.

Nothing here decides or writes: the window's touches start and extend a session; the
controllers' own signals say what was opened (a section, an item, a link followed, a
language, a glossary word, a zoom of the map by any gesture); the idle controller says when
the countdown shows; Discover is recognised where a tap lands. A tap that
nothing took (no item grabbed it and nothing happened) is kept as a coarse cell of its
screen. The record itself is written by a thread (kiosk/services/analytics.py).
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QEvent, QObject, QPointF, QTimer
from PySide6.QtGui import QInputDevice, QMouseEvent, QPointerEvent
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk import __version__
from kiosk.bridge.admin import AdminController
from kiosk.bridge.blason import BlasonController
from kiosk.bridge.controller import KioskController
from kiosk.bridge.idle import ACTIVITY_EVENTS, IdleController
from kiosk.bridge.map import MapController
from kiosk.bridge.opening import OpeningController
from kiosk.bridge.reload import ContentHost
from kiosk.bridge.scenetools import find_item, visible_in_scene, walk
from kiosk.services import analytics
from kiosk.services.analytics import ContentShown, Recorder, RecordSettings
from kiosk.services.idle import IdlePolicy
from kiosk.services.statistics import content_items
from kiosk.services.visits import Visits
from kiosk.services.watch import fingerprint

log = logging.getLogger(__name__)

#: Buttons recognised where a tap lands: objectName -> (action, screen, item). The map's
#: zooms come from its controller (MapController.zoomed), whatever the gesture.
NAMED_TAPS = {
    "discoverButton": ("discover", "blason", ""),
}
#: A press that moved further than this (in pixels) is a drag, not a tap.
TAP_SLOP_PX = 24
_PRESSES = frozenset({QEvent.Type.TouchBegin, QEvent.Type.MouseButtonPress})
_RELEASES = frozenset({QEvent.Type.TouchEnd, QEvent.Type.MouseButtonRelease})


class VisitorRecord(QObject):
    """Watches one window and its controllers for the visitor record."""

    def __init__(
        self,
        window: QQuickWindow,
        host: ContentHost,
        idle: IdleController,
        visits: Visits,
        recorder: Recorder | None = None,
        admin: AdminController | None = None,
        opening: OpeningController | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._host = host
        self._visits = visits
        self._recorder = recorder
        self._admin = admin
        self._opening = opening
        self._stage: QQuickItem | None = find_item(window, "stage")
        self._pressed_at: QPointF | None = None
        self._pressed_on = ""  # the screen the finger landed on (a tap may change it)
        self._acted = False  # an action was reported since the last press
        self._last_glossary = ""
        self._named: dict[tuple[int, str], list[QQuickItem]] = {}
        idle.phaseChanged.connect(lambda: self._phase(idle.phase))
        host.on_new_kiosk(self._follow)
        window.installEventFilter(self)

    @classmethod
    def start(
        cls,
        window: QQuickWindow,
        host: ContentHost,
        idle: IdleController,
        settings: RecordSettings,
        policy: IdlePolicy | None = None,
        admin: AdminController | None = None,
        opening: OpeningController | None = None,
    ) -> VisitorRecord | None:
        """The record for `kiosk run`, in the user's data folder; None when switched off."""
        if not settings.enabled:
            log.info("visitor record: switched off in kiosk.yaml")
            return None
        recorder = Recorder(analytics.default_file(), settings)
        recorder.start()
        # The longest a visitor may stay still and still be there (with an accessibility mode
        # on); the idle reset ends a visit itself before that.
        longest = (policy or IdlePolicy()).assisted()
        visits = Visits(recorder.put, session_gap=longest.timeout_seconds + longest.countdown_seconds)
        log.info("visitor record: %s", recorder.path)
        return cls(window, host, idle, visits, recorder, admin, opening)

    def stop(self) -> None:
        """The exhibit closes: the visit under way ends, and what is queued is written."""
        self._window.removeEventFilter(self)
        self._visits.end()
        if self._recorder is not None:
            self._recorder.stop()

    # -- what the controllers say ------------------------------------------------------------
    def _follow(self, kiosk: KioskController) -> None:
        exhibit = kiosk.exhibit
        if exhibit is not None:
            digest = fingerprint(exhibit.root).content().digest
            self._visits.set_content(digest, __version__)
            if self._recorder is not None:
                self._recorder.put(ContentShown(digest, tuple(content_items(exhibit))))
        self._visits.set_language(kiosk.language)
        kiosk.navigationChanged.connect(self._named.clear)  # pages come and go
        kiosk.navigationChanged.connect(lambda: self._navigated(kiosk))
        kiosk.detailChanged.connect(lambda: self._detail(kiosk))
        kiosk.languageChanged.connect(lambda: self._language(kiosk))
        kiosk.reset.connect(self._visits.end)
        for shown in kiosk.sections_shown():
            controller = shown.controller
            if isinstance(controller, BlasonController):
                controller.glossaryOpened.connect(self._glossary)
            elif isinstance(controller, MapController):
                controller.zoomed.connect(lambda how: self._report("zoom", "map", how))

    def _report(self, kind: str, screen: str = "", item: str = "", cell: int = -1) -> None:
        self._acted = True
        if kind != "language":
            self._last_glossary = ""
        self._visits.action(kind, screen, item, cell)

    def _screen_of(self, kiosk: KioskController) -> str:
        """attract, home, credits, or the section's kind (timeline, blason, map...)."""
        if kiosk.screen != "section" or kiosk.exhibit is None:
            return kiosk.screen
        sections = kiosk.exhibit.sections
        index = kiosk.sectionIndex
        return sections[index].ref.kind if 0 <= index < len(sections) else "section"

    def _tapped_screen(self, kiosk: KioskController) -> str:
        """The screen a tap is counted on: as _screen_of, with `-detail` while an item's card
        is open over the section (timeline-detail...), as `kiosk snapshot` names that screen,
        so the report draws those taps over the card they landed on."""
        screen = self._screen_of(kiosk)
        return f"{screen}-detail" if kiosk.screen == "section" and kiosk.detail else screen

    def _navigated(self, kiosk: KioskController) -> None:
        if kiosk is not self._host.kiosk:
            return
        screen = self._screen_of(kiosk)
        if kiosk.screen == "section":
            self._report("section", screen, screen)
            if kiosk.detail:  # opened at an item: a link followed
                self._report("link", screen, f"{screen}:{kiosk.detail}")
        elif kiosk.screen in ("home", "credits"):
            self._report(kiosk.screen)
        else:
            self._visits.end()  # back to the attract screen: the visitor has gone

    def _detail(self, kiosk: KioskController) -> None:
        if kiosk is not self._host.kiosk or kiosk.screen != "section":
            return
        screen = self._screen_of(kiosk)
        if kiosk.detail:
            self._report("item", screen, kiosk.detail)
        else:
            self._report("close", screen)

    def _language(self, kiosk: KioskController) -> None:
        if kiosk is not self._host.kiosk:
            return
        if kiosk.screen == "attract":  # the reset's default language, not a visitor's choice
            self._visits.end()  # the visit ended in the language it was in
            self._visits.set_language(kiosk.language)
            return
        self._report("language", item=kiosk.language)

    def _glossary(self, entry_id: str) -> None:
        # Asked again for the same word when the language changes: counted once.
        if entry_id != self._last_glossary:
            self._report("glossary", "blason", entry_id)
            self._last_glossary = entry_id

    def _phase(self, phase: str) -> None:
        if phase == "warning":
            self._visits.countdown_shown()

    # -- what the window sees -----------------------------------------------------------------
    def _listening(self) -> bool:
        if self._opening is not None and not self._opening.open:
            return False  # closed: a touch only shows the "closed" message
        return self._admin is None or not self._admin.open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in ACTIVITY_EVENTS and kind not in _RELEASES:
            return False
        if not self._listening():
            return False
        if kind in ACTIVITY_EVENTS:
            self._visits.touch()
        if isinstance(event, QMouseEvent) and event.pointingDevice().type() == QInputDevice.DeviceType.TouchScreen:
            return False  # a mouse event made from a touch: the touch was seen already
        if isinstance(event, QPointerEvent) and event.points():
            point = event.points()[0]
            if kind in _PRESSES:
                self._pressed_at = QPointF(point.scenePosition())
                self._pressed_on = self._tapped_screen(self._host.kiosk)
                self._acted = False
            elif kind in _RELEASES and self._pressed_at is not None:
                start, self._pressed_at = self._pressed_at, None
                where = QPointF(point.scenePosition())
                if math.dist((start.x(), start.y()), (where.x(), where.y())) <= TAP_SLOP_PX:
                    self._tapped(where, event.exclusiveGrabber(point) is not None)
        return False

    def _tapped(self, where: QPointF, grabbed: bool) -> None:
        kiosk = self._host.kiosk
        screen = self._screen_of(kiosk)
        tapped_on = self._pressed_on or self._tapped_screen(kiosk)
        cell = self._cell(where)
        if tapped_on != "attract":  # the tap that wakes the exhibit lands anywhere: not counted
            self._visits.tap(tapped_on, cell)  # every tap, for the report's heat maps
        for name in self._names_at(where, screen):
            if name in NAMED_TAPS:
                action, on, item = NAMED_TAPS[name]
                self._report(action, on, item)
                return
        if grabbed:
            return
        # Whether anything answered is known once the release is delivered.
        QTimer.singleShot(0, lambda: self._nothing(tapped_on, cell))

    def _nothing(self, screen: str, cell: int) -> None:
        if not self._acted and self._visits.session is not None:
            self._report("nothing", screen, cell=cell)
            self._acted = False

    def _cell(self, where: QPointF) -> int:
        """The coarse cell in the stage's own frame (a screen on its side turns with it)."""
        stage = self._stage
        if stage is None or stage.width() <= 0 or stage.height() <= 0:
            size = self._window.size()
            return analytics.cell_of(where.x() / max(1, size.width()), where.y() / max(1, size.height()))
        local = stage.mapFromScene(where)
        return analytics.cell_of(local.x() / stage.width(), local.y() / stage.height())

    def _names_at(self, where: QPointF, screen: str) -> list[str]:
        """Which of the named buttons is shown under a point. Looked for once per page, and
        only on the screens that have them."""
        if screen not in {on for _action, on, _item in NAMED_TAPS.values()}:
            return []
        key = (id(self._host.kiosk), screen)
        if key not in self._named:
            self._named[key] = [i for i in walk(self._window.contentItem()) if i.objectName() in NAMED_TAPS]
        return [
            item.objectName()
            for item in self._named[key]
            if visible_in_scene(item) and item.contains(item.mapFromScene(where))
        ]
