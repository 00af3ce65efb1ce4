"""The only Python that imports PySide6: it exposes content and kiosk policies to QML.

Importing this package registers the QML types (registration is an import side effect of
`@QmlElement`), so it is imported in exactly one place: the composition root.
"""

from kiosk.bridge.admin import AdminController
from kiosk.bridge.audio import AudioController
from kiosk.bridge.blason import BlasonController
from kiosk.bridge.controller import KioskController
from kiosk.bridge.hotspot_editor import HotspotEditor
from kiosk.bridge.idle import IdleController
from kiosk.bridge.map import MapController
from kiosk.bridge.models import SectionModel
from kiosk.bridge.opening import OpeningController
from kiosk.bridge.pillars import PillarsController
from kiosk.bridge.reload import ContentHost
from kiosk.bridge.screencare import ScreenCareController
from kiosk.bridge.timeline import TimelineController

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

__all__ = [
    "AdminController",
    "AudioController",
    "BlasonController",
    "ContentHost",
    "HotspotEditor",
    "IdleController",
    "KioskController",
    "MapController",
    "OpeningController",
    "PillarsController",
    "ScreenCareController",
    "SectionModel",
    "TimelineController",
]
