"""Opening hours as QML sees them: open or closed, the closed message, today's hours.

The rules are `kiosk.services.opening.ClosedWatch` over `kiosk.services.schedule.Schedule`;
this class asks them again every `check_ms` (10 s) with the wall clock (`datetime.now(UTC)`,
injectable for tests). It never sleeps until the next change: the clock may jump (an NTP
fix, a flat CMOS battery), and the next check follows the new time.

Without opening hours (none in kiosk.yaml, or a broken group) it is always open, checks
nothing and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.properties import Property
from kiosk.content.uistrings import UiStrings, load_ui_strings
from kiosk.services.opening import (
    WAKE_MINUTES,
    BlackScreenOnly,
    ClosedWatch,
    DisplayPower,
    MomentWords,
    Shown,
    closed_message,
    hours_text,
    when_text,
)
from kiosk.services.schedule import Schedule, format_moment

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: How often the clock is read: at least once a minute, as the schedule asks.
CHECK_MS = 10_000
#: The admin screen's "stay open" button adds this much.
STAY_OPEN = timedelta(hours=1)

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@QmlElement
class OpeningController(QObject):
    openChanged = Signal()
    awakeChanged = Signal()
    wordsChanged = Signal()

    def __init__(
        self,
        schedule: Schedule | None = None,
        ui: UiStrings | None = None,
        *,
        wake_minutes: float = WAKE_MINUTES,
        clock: Clock = utc_now,
        check_ms: int = CHECK_MS,
        display: DisplayPower | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._watch = ClosedWatch(schedule, timedelta(minutes=wake_minutes))
        self._ui = ui or load_ui_strings()
        self._clock = clock
        self._display = display or BlackScreenOnly()
        self._shown = Shown(open=True)
        self._messages: dict[str, dict[str, str]] = {}
        self._admin: dict[str, dict[str, str]] = {}
        self._previewing = False
        self._started = False  # the first check says "closed at start-up", not "closing time"
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        if schedule is not None:
            log.info("opening hours: checked every %d s; the display: %s", check_ms // 1000, self._display.name)
            self._timer.start()
        self.check()

    # -- what QML reads ----------------------------------------------------------------------
    @Property(bool, constant=True)
    def enabled(self) -> bool:
        """Opening hours are set; without them the exhibit is open around the clock."""
        return self._watch.schedule is not None

    @Property(bool, notify=openChanged)
    def open(self) -> bool:
        return self._shown.open

    @Property(bool, notify=awakeChanged)
    def awake(self) -> bool:
        """Closed, and a touch lit the screen: the closed message shows."""
        return self._shown.awake

    @Property("QVariantMap", notify=wordsChanged)
    def closedMessages(self) -> dict[str, dict[str, str]]:
        """Per language code: {title: "Fermé", reopens: "Réouverture demain à 9 h 30"}."""
        return self._messages

    @Property("QVariantMap", notify=wordsChanged)
    def adminWords(self) -> dict[str, dict[str, str]]:
        """Per language code, for the admin screen: {today: the day's hours, now: open/closed until when}."""
        return self._admin

    @Property(str, notify=wordsChanged)
    def reopensAt(self) -> str:
        """The next opening as the log writes it (`09:30 (Wed 9 Dec)`); empty while open."""
        change = self._watch.next_change(self._clock())
        return format_moment(change.at) if change is not None and change.opens and not self._shown.open else ""

    # -- what visitors and staff do ------------------------------------------------------------
    @Slot()
    def wake(self) -> None:
        """A touch on the black screen: the closed message shows for wake_minutes."""
        if self._shown.open or self._previewing:
            return
        now = self._clock()
        self._apply(self._watch.touch(now), now)

    def stay_open(self, span: timedelta = STAY_OPEN) -> datetime | None:
        """Staff's "one more hour" (the admin screen); None without opening hours."""
        if self._watch.schedule is None:
            return None
        now = self._clock()
        until = self._watch.stay_open_for(span, now)
        log.warning("stay open until %s, asked from the admin screen", format_moment(self._watch.schedule.local(until)))
        self.check()
        return until

    @Slot()
    def check(self) -> None:
        """Read the clock and follow the schedule (the timer calls it every check_ms)."""
        if self._previewing:
            return
        now = self._clock()
        self._apply(self._watch.shown(now), now)

    def preview(self, closed_at: datetime | None) -> None:
        """Show the woken closed screen with its words at `closed_at`, frozen, or go back to the
        clock with None (for `kiosk snapshot`; not a slot: QML cannot)."""
        if closed_at is None:
            self._previewing = False
            if self._watch.schedule is not None:
                self._timer.start()
            self.check()
            return
        self._timer.stop()
        self._previewing = False
        self._apply(Shown(open=False, awake=True), closed_at)
        self._previewing = True

    # -- inside --------------------------------------------------------------------------------
    def _apply(self, shown: Shown, now: datetime) -> None:
        before = self._shown
        self._shown = shown
        self._update_words(now)
        if shown.open != before.open:
            if shown.open:
                log.info("opening time: the exhibit is open")
            else:
                change = self._watch.next_change(now)
                log.info(
                    "%s: the screen goes black%s",
                    "closing time" if self._started else "closed at start-up",
                    f" until {format_moment(change.at)}" if change is not None and change.opens else "",
                )
            self.openChanged.emit()
        self._started = True
        if shown.awake != before.awake:
            self.awakeChanged.emit()
        if shown.dark != before.dark:
            if shown.dark:
                self._display.sleep()
            else:
                self._display.wake()

    def _update_words(self, now: datetime) -> None:
        schedule = self._watch.schedule
        messages: dict[str, dict[str, str]] = {}
        admin: dict[str, dict[str, str]] = {}
        change = schedule.next_change(now) if schedule is not None else None
        today = schedule.day_of(now) if schedule is not None else None
        for code in sorted(self._ui.languages()):
            ui = self._ui.for_language(code)
            words = MomentWords(ui, self._ui.date_words(code).months, self._ui.date_words(code).first_day)
            if schedule is None:
                admin[code] = {"today": ui["admin_hours_none"], "now": ui["admin_now_always"]}
                continue
            title, reopens = closed_message(schedule, now, words)
            messages[code] = {"title": title, "reopens": reopens}
            assert today is not None
            if change is None:
                state = ui["admin_now_always"] if self._shown.open else ui["admin_now_closed_long"]
            else:
                key = "admin_now_open" if self._shown.open else "admin_now_closed"
                state = ui[key].replace("%1", when_text(change.at, today, words))
            admin[code] = {"today": hours_text(schedule, today, ui), "now": state}
        if (messages, admin) != (self._messages, self._admin):
            self._messages, self._admin = messages, admin
            self.wordsChanged.emit()
