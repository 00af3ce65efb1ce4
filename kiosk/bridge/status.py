"""The status file kept up to date by the running exhibit (kiosk/services/status.py).

`StatusReporter` follows what the exhibit shows (`ContentHost`), what became of new content
(`ExhibitionSwapper.outcome`) and of USB sticks, and the log's latest problems; it writes the
file when the exhibit starts, after each of those, and every few minutes. Writing (and the
content's fingerprint, which reads every byte) happens on one worker thread, in order, so
the GUI thread never waits for the disk.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Slot

from kiosk.bridge.controller import KioskController
from kiosk.bridge.reload import ContentHost
from kiosk.content.exhibit import localized
from kiosk.services.admin import RecentProblems
from kiosk.services.status import StatusBoard

log = logging.getLogger(__name__)


class StatusReporter(QObject):
    """Keeps `board`'s file current while the exhibit runs (`source`: where the content shown at
    start came from). Call `stop()` at the end."""

    def __init__(
        self,
        board: StatusBoard,
        host: ContentHost,
        recent: RecentProblems | None = None,
        source: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.board = board
        board.set_source(source)
        self._recent = recent
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="status")
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, round(board.every_seconds * 1000)))
        self._timer.timeout.connect(self.write_soon)
        host.on_new_kiosk(self._follow)

    def start(self) -> None:
        """The first file now, then one every period."""
        self.write_soon()
        self._timer.start()

    def stop(self) -> None:
        """The exhibit is closing: a last file that says so, after the writes asked for."""
        self._timer.stop()
        self.board.set_stopped()
        self.write_soon()
        self._stopped = True
        self._writer.shutdown(wait=True)

    @Slot(str, str)
    def swap(self, result: str, detail: str) -> None:
        """New content was shown, is waiting for the visitor to leave, or was refused."""
        self.board.record_swap(result, detail)
        if result == "shown":
            self.board.set_source(detail)
        self.write_soon()

    def usb(self, state: str, detail: str = "") -> None:
        self.board.set_usb(state, detail)
        self.write_soon()

    @Slot()
    def write_soon(self) -> None:
        if self._stopped:
            return
        if self._recent is not None:
            self.board.set_errors(self._recent.lines())
        self._writer.submit(self.board.write)

    def _follow(self, kiosk: KioskController) -> None:
        exhibit = kiosk.exhibit
        if exhibit is None:
            self.board.set_content("", None)
        else:
            language = exhibit.manifest.default_language
            self.board.set_content(localized(exhibit.manifest.title, language, language), exhibit.root)
        self.write_soon()
