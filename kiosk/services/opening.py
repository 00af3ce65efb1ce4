"""Closed outside opening hours: what the exhibit shows, and the words of its closed message.

Plain Python, no Qt, no clock of its own: the caller passes `now` (an aware datetime).
The bridge (kiosk/bridge/opening.py) asks again at least every few seconds, so a clock
that jumps (an NTP fix, a flat CMOS battery) is followed at the next check; nothing here
sleeps until the next change.

- Open: the exhibit as usual.
- Closed: a black screen. A touch wakes it for `wake_for` (kiosk.yaml's
  `opening_hours.wake_minutes`) with a short "closed, open again at ..." message in every
  language, then it sleeps again. A clock jumping back before the touch ends the wake too.
- The display itself: a `DisplayPower` is told when the screen goes dark and lights up;
  `displaypower.py` switches it off for real where the system allows (wlopm, xset, the
  monitor-power message on Windows); `BlackScreenOnly` leaves the black picture to the
  display's own power saving.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from kiosk.services.schedule import Change, Schedule

#: kiosk.yaml's default for `opening_hours.wake_minutes`.
WAKE_MINUTES = 2
#: A reopening further away than this also names its year ("... 4 January 2028").
YEAR_AFTER_DAYS = 300


class DisplayPower(Protocol):
    """Switches the screen's picture off while the exhibit sleeps, and back on."""

    name: str

    def sleep(self) -> None:
        """The exhibit is closed and dark: the screen may go off. Never raises."""
        ...

    def wake(self) -> None:
        """The exhibit shows something (open, or a touch while closed). Never raises."""
        ...


class BlackScreenOnly:
    """No display control: the kiosk shows black; the display's own power saving may act."""

    name = "none (a black screen; the display's own power saving may switch it off)"

    def sleep(self) -> None:
        return None

    def wake(self) -> None:
        return None


@dataclass(frozen=True)
class Shown:
    """What the exhibit shows at a moment: open, or closed (dark, or `awake` after a touch)."""

    open: bool
    awake: bool = False

    @property
    def dark(self) -> bool:
        return not self.open and not self.awake


class ClosedWatch:
    """The schedule, the staff's "stay open" and a visitor's touch while closed, at `now`."""

    def __init__(self, schedule: Schedule | None, wake_for: timedelta = timedelta(minutes=WAKE_MINUTES)) -> None:
        if wake_for <= timedelta(0):
            raise ValueError("the wake time must be positive")
        self.schedule = schedule
        self.wake_for = wake_for
        self._woke: datetime | None = None

    def shown(self, now: datetime) -> Shown:
        if self.schedule is None or self.schedule.is_open(now):
            self._woke = None
            return Shown(open=True)
        if self._woke is not None and not self._woke <= now < self._woke + self.wake_for:
            self._woke = None  # the time is up, or the clock went back before the touch
        return Shown(open=False, awake=self._woke is not None)

    def touch(self, now: datetime) -> Shown:
        """A touch: while closed, the message shows for `wake_for` from now."""
        if not self.shown(now).open:
            self._woke = now
        return self.shown(now)

    def stay_open_for(self, span: timedelta, now: datetime) -> datetime:
        """Staff's "one more hour": open until `span` after the later of now and today's closing.

        Pressed before closing it extends the day; pressed again it adds another span; pressed
        while closed it opens now. Returns the new closing moment. Needs a schedule.
        """
        if self.schedule is None:
            raise ValueError("no opening hours: the exhibit is open around the clock")
        start = now
        if self.schedule.is_open(now):
            change = self.schedule.next_change(now)
            if change is not None and not change.opens:
                start = max(now, change.at)
        until = start + span
        self.schedule = self.schedule.stay_open_until(until, since=now)
        self._woke = None
        return until

    def next_change(self, now: datetime) -> Change | None:
        return self.schedule.next_change(now) if self.schedule is not None else None


# -- the words ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MomentWords:
    """One language's words for a moment: from resources/ui-strings.yaml and its `dates`."""

    ui: Mapping[str, str]  #: the language's interface strings (time_of_day, when_today...)
    months: Sequence[str]
    first_day: str = "1"  #: how the first of a month is written ("1er" in French)


def clock_time(at: datetime, words: MomentWords) -> str:
    """`9 h 30`, `9:30`, `9.30 uur`; on the hour `9 h`, `9:00`, `9 uur`."""
    if at.minute == 0:
        return words.ui["time_of_day_hour"].replace("%1", str(at.hour))
    return words.ui["time_of_day"].replace("%1", str(at.hour)).replace("%2", f"{at.minute:02d}")


def day_text(day: date, words: MomentWords, with_year: bool = False) -> str:
    """`mercredi 30 septembre`, `Wednesday 30 September`, `woensdag 30 september`."""
    weekday = [name.strip() for name in words.ui["weekdays"].split(",")][day.weekday()]
    number = words.first_day if day.day == 1 else str(day.day)
    text = (
        words.ui["weekday_date"].replace("%1", weekday).replace("%2", number).replace("%3", words.months[day.month - 1])
    )
    return f"{text} {day.year}" if with_year else text


def when_text(at: datetime, today: date, words: MomentWords) -> str:
    """`aujourd’hui à 13 h 30`, `tomorrow at 9:30`, `op woensdag 30 september om 9.30 uur`.

    `at` and `today` are in the schedule's wall-clock time.
    """
    clock = clock_time(at, words)
    if at.date() == today:
        return words.ui["when_today"].replace("%1", clock)
    if at.date() == today + timedelta(days=1):
        return words.ui["when_tomorrow"].replace("%1", clock)
    far = (at.date() - today).days > YEAR_AFTER_DAYS
    return words.ui["when_on"].replace("%1", day_text(at.date(), words, far)).replace("%2", clock)


def closed_message(schedule: Schedule, now: datetime, words: MomentWords) -> tuple[str, str]:
    """(`Fermé`, `Réouverture demain à 9 h 30`); the second is empty when no opening is in sight."""
    change = schedule.next_change(now)
    title = words.ui["closed_title"]
    if change is None or not change.opens:
        return title, ""
    return title, words.ui["closed_reopens"].replace("%1", when_text(change.at, schedule.day_of(now), words))


def hours_text(schedule: Schedule, day: date, ui: Mapping[str, str]) -> str:
    """A day's hours as staff read them: `9:30–12:30, 13:30–18:00`, `closed all day (closure)`."""
    hours = schedule.hours_on(day)
    ranges = ", ".join(f"{_hm(entry.start)}–{_hm(entry.end)}" for entry in hours.ranges)
    if hours.source == "closure":
        return ui["admin_hours_closure"]
    text = ranges or ui["admin_hours_closed_day"]
    return ui["admin_hours_exception"].replace("%1", text) if hours.source == "exception" else text


def _hm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
