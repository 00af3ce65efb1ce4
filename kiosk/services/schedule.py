"""Opening hours: is the centre open at a given moment, and when does that change next?

A pure policy, like the idle one: the caller passes the moment in (an aware datetime),
nothing here reads the clock. The hours come from kiosk.yaml's `opening_hours` group
(read and checked in kiosk/services/config.py with the parsers below):

- per weekday (mon..sun) a list of ranges such as `["09:30-12:30", "13:30-18:00"]`;
  an empty list, `closed`, or a day left out: closed all day;
- `closed`: dates (`2026-12-25`) or spans of dates (`2027-01-04 to 2027-01-29`) when
  the centre stays closed;
- `exceptions`: dates with their own ranges (a late opening, a short day); an exception
  wins over the weekday and over a closure, so one evening event can be opened inside a
  winter closure.

**A range stays within one day.** `22:00-02:00` is refused, not read as running into the
next day: an evening past midnight is written `22:00-24:00` on one day and `00:00-02:00`
on the next. The two touch, so the kiosk sees one opening from 22:00 to 02:00 (no closing
at midnight). This keeps every day's hours readable on their own, keeps closures and
exceptions whole days, and leaves no doubt about which day's exception a night belongs to.
Ranges of a day may touch (`09:00-12:00`, `12:00-18:00` is one opening) but not overlap.

**Time zone and daylight saving.** Times are wall-clock times in the exhibition PC's own
time zone, or in `timezone` (an IANA name such as Europe/Paris) when kiosk.yaml gives one.
A time is reached at the first moment the wall clock shows it or a later time, so:

- on the spring change (Europe/Paris, the last Sunday of March: 02:00 jumps to 03:00), a
  time between 02:00 and 03:00 falls on the jump: `01:30-02:30` closes at 03:00 summer
  time, half an hour after opening; a range inside the missing hour is not open at all;
- on the autumn change (the last Sunday of October: 03:00 falls back to 02:00), a time
  between 02:00 and 03:00 is the first of the two: `01:00-03:00` is open three hours.

**The clock may jump** (an NTP fix, a dead CMOS battery resetting the date, staff setting
the time). Nothing here remembers the previous moment: a jump simply gives the answer for
the new moment, forwards or backwards, across a day or a year. Whoever acts on the answers
(the later closed screen) must ask again often, at least once a minute, instead of
sleeping until `next_change`: a timer set for nine hours is wrong after a one-hour fix.
The "stay open" override (`stay_open_until`) is a span of real time, from the moment staff
asked to its end: a jump past its end, or back before it was asked for, ends it.
"""

from __future__ import annotations

import difflib
import heapq
import itertools
import re
import zoneinfo
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Literal, Protocol

from kiosk.content.dates import MONTH_NAMES_EN

#: The keys of kiosk.yaml's weekdays, in `date.weekday()` order.
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
#: How far `next_change` looks ahead: a closure longer than this reads as "never".
HORIZON_DAYS = 400

#: Names a person may write for a weekday, with the key meant: English, French, Dutch.
_DAY_NAMES = {
    **{
        name: key
        for key, name in zip(
            WEEKDAYS, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), strict=True
        )
    },
    **{
        name: key
        for key, name in zip(
            WEEKDAYS, ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"), strict=True
        )
    },
    **{name: key for key, name in zip(WEEKDAYS, ("lun", "mar", "mer", "jeu", "ven", "sam", "dim"), strict=True)},
    **{
        name: key
        for key, name in zip(
            WEEKDAYS, ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"), strict=True
        )
    },
    "tues": "tue",
    "thur": "thu",
    "thurs": "thu",
    "weds": "wed",
}
_TIME = r"(\d{1,2})\s*[:hH.]\s*(\d{2})"
_RANGE = re.compile(rf"^\s*{_TIME}\s*[-\u2013\u2014]\s*{_TIME}\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_SPAN = re.compile(r"^\s*(\S+)\s+to\s+(\S+)\s*$")
_RANGE_EXAMPLE = '"09:30-12:30"'


class HoursError(ValueError):
    """A problem in the opening hours, in plain words, and where it is inside the value.

    `at` continues the value's place in kiosk.yaml (a list index, an exception's date) so
    the report points at the very range or date; `on_key` when the date key itself is wrong.
    """

    def __init__(self, message: str, at: tuple[str | int, ...] = (), *, on_key: bool = False) -> None:
        super().__init__(message)
        self.at = at
        self.on_key = on_key


def weekday_hint(name: str) -> str | None:
    """The weekday key meant by a misspelt or translated day name ('tues', 'lundi' -> ...)."""
    lowered = name.strip().lower()
    if lowered in _DAY_NAMES:
        return _DAY_NAMES[lowered]
    close = difflib.get_close_matches(lowered, [*WEEKDAYS, *_DAY_NAMES], n=1, cutoff=0.75)
    return (_DAY_NAMES.get(close[0], close[0])) if close else None


# -- ranges and dates ----------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class TimeRange:
    """An opening within one day, in minutes after midnight: start < end <= 24:00."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= DAY_MINUTES:
            raise ValueError(f"not a range within one day: {self.start}-{self.end}")

    @classmethod
    def parse(cls, text: Any) -> TimeRange:
        """`"09:30-12:30"` (also `9h30 - 12h30`, an en dash); a ValueError says what is wrong."""
        if not isinstance(text, str):
            shown = "a number" if isinstance(text, int | float) and not isinstance(text, bool) else _kind(text)
            raise ValueError(f"should be opening and closing times in quotes, like {_RANGE_EXAMPLE}, not {shown}")
        found = _RANGE.match(text)
        if found is None:
            raise ValueError(f"should be opening and closing times like {_RANGE_EXAMPLE}, not '{_short(text)}'")
        start = _minutes(found.group(1), found.group(2), closing=False)
        end = _minutes(found.group(3), found.group(4), closing=True)
        shown = f"{format_minutes(start)}-{format_minutes(end)}"
        if end == start:
            raise ValueError(f"{shown} opens and closes at the same time")
        if end < start:
            raise ValueError(
                f"{shown} ends before it starts: a range stays within one day; for an evening past midnight "
                f'write "{format_minutes(start)}-24:00" on this day and "00:00-{format_minutes(end)}" on the next'
            )
        return cls(start, end)

    def __str__(self) -> str:
        return f"{format_minutes(self.start)}-{format_minutes(self.end)}"


def _minutes(hours: str, minutes: str, *, closing: bool) -> int:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        if closing:
            return DAY_MINUTES
        raise ValueError("a range cannot open at 24:00: write 00:00 on the next day")
    if h > 23 or m > 59:
        raise ValueError(
            f"{h:02d}:{m:02d} is not a time of day: hours go from 00 to 23, minutes from 00 to 59 "
            "(24:00 may end a range)"
        )
    return h * 60 + m


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, order=True)
class DateSpan:
    """Closed days, `first` to `last` included; one date is a span of one day."""

    first: date
    last: date

    @classmethod
    def parse(cls, text: Any) -> DateSpan:
        """`2026-12-25` or `2027-01-04 to 2027-01-29`."""
        if isinstance(text, str) and (span := _SPAN.match(text)):
            first, last = parse_date(span.group(1)), parse_date(span.group(2))
            if last < first:
                raise ValueError(f"'{_short(text)}' ends before it starts: write the earlier date first")
            return cls(first, last)
        day = parse_date(text)
        return cls(day, day)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first} to {self.last}"


def parse_date(text: Any) -> date:
    """A date written YEAR-MONTH-DAY; a ValueError names what does not exist (2027-02-30)."""
    found = _DATE.match(text) if isinstance(text, str) else None
    if found is None:
        shown = f"'{_short(text)}'" if isinstance(text, str) else _kind(text)
        raise ValueError(f"should be a date written YEAR-MONTH-DAY, like 2026-12-25, not {shown}")
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"{text.strip()} is not a date: there is no month {month} (write YEAR-MONTH-DAY)")
    try:
        return date(year, month, day)
    except ValueError:
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day if year < 9999 else 31
        raise ValueError(f"{text.strip()} is not a date: {MONTH_NAMES_EN[month - 1]} {year} has {last} days") from None


def parse_day(value: Any) -> tuple[TimeRange, ...]:
    """One day's ranges, sorted: a list, one range as text, or `[]`/`closed`/nothing for closed.

    Raises HoursError with the index (counted from 0) of the range at fault.
    """
    if value is None or (isinstance(value, str) and value.strip().lower() == "closed"):
        return ()
    single = isinstance(value, str | int | float) and not isinstance(value, bool)  # 9:30 unquoted is a number
    items = [value] if single else value
    if not isinstance(items, list):
        raise HoursError(
            f'should be a list of opening times like ["09:30-12:30", "13:30-18:00"], or [] when closed, '
            f"not {_kind(value)}"
        )
    ranges: list[tuple[TimeRange, int]] = []
    for index, item in enumerate(items):
        try:
            ranges.append((TimeRange.parse(item), index))
        except ValueError as exc:
            raise HoursError(str(exc), (index,) if isinstance(value, list) else ()) from None
    ranges.sort()
    for (before, _), (after, index) in itertools.pairwise(ranges):
        if after.start < before.end:
            raise HoursError(f"{after} overlaps {before}: the ranges of a day may touch but not overlap", (index,))
    return tuple(entry for entry, _ in ranges)


def parse_closures(value: Any) -> tuple[DateSpan, ...]:
    """kiosk.yaml's `closed`: a list of dates and spans (or one); HoursError with the index."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    spans = []
    for index, item in enumerate(items):
        try:
            spans.append(DateSpan.parse(item))
        except ValueError as exc:
            raise HoursError(str(exc), (index,) if isinstance(value, list) else ()) from None
    return tuple(sorted(spans))


def parse_exceptions(value: Any) -> dict[date, tuple[TimeRange, ...]]:
    """kiosk.yaml's `exceptions`: date -> that day's ranges; HoursError with the date."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise HoursError(f'should be dates with their hours, like 2026-12-31: ["09:30-14:00"], not {_kind(value)}')
    days: dict[date, tuple[TimeRange, ...]] = {}
    for key, ranges in value.items():
        try:
            day = parse_date(key)
        except ValueError as exc:
            raise HoursError(str(exc), (key,), on_key=True) from None
        if day in days:
            raise HoursError(f"{day} is given twice (also written {_first_key(value, day)})", (key,), on_key=True)
        try:
            days[day] = parse_day(ranges)
        except HoursError as exc:
            raise HoursError(str(exc), (key, *exc.at)) from None
    return days


def _first_key(value: dict[Any, Any], day: date) -> str:
    for key in value:
        try:
            if parse_date(key) == day:
                return str(key)
        except ValueError:
            continue
    return str(day)  # pragma: no cover - the caller found it


# -- time zones ----------------------------------------------------------------------------


class Zone(Protocol):
    """Turns wall-clock times into moments and back, daylight saving included."""

    @property
    def name(self) -> str: ...

    def instant(self, wall: datetime) -> datetime:
        """The moment (aware, UTC) a naive wall time stands for; `fold` picks a repeated hour."""
        ...

    def local(self, at: datetime) -> datetime:
        """An aware moment as this zone's wall-clock time (aware)."""
        ...


@dataclass(frozen=True)
class NamedZone:
    """An IANA time zone (`timezone: Europe/Paris`), from the system's or tzdata's database."""

    info: zoneinfo.ZoneInfo

    @property
    def name(self) -> str:
        return str(self.info.key)

    def instant(self, wall: datetime) -> datetime:
        return wall.replace(tzinfo=self.info).astimezone(UTC)

    def local(self, at: datetime) -> datetime:
        return at.astimezone(self.info)


@dataclass(frozen=True)
class SystemZone:
    """The PC's own time zone, through the operating system: works on Windows without tzdata."""

    @property
    def name(self) -> str:
        return "the PC's time zone"

    def instant(self, wall: datetime) -> datetime:
        try:
            # A naive datetime is read as the system's local time; timestamp() follows `fold` as
            # PEP 495 says in the missing hour too (astimezone() swaps the two there).
            return datetime.fromtimestamp(wall.timestamp(), UTC)
        except (OverflowError, OSError, ValueError):  # a date the system cannot convert (before 1970 on Windows)
            return wall.replace(tzinfo=UTC)

    def local(self, at: datetime) -> datetime:
        try:
            return at.astimezone()
        except (OverflowError, OSError, ValueError):
            return at.astimezone(UTC)


SYSTEM_ZONE = SystemZone()


def zone_named(name: str | None) -> Zone:
    """`None`: the PC's own zone; else the IANA zone, or a ValueError with the nearest names."""
    if name is None:
        return SYSTEM_ZONE
    if not isinstance(name, str) or not name.strip():
        raise ValueError("should be a time zone name such as Europe/Paris; leave the line out for the PC's own")
    try:
        return NamedZone(zoneinfo.ZoneInfo(name.strip()))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        pass
    known = zoneinfo.available_timezones()
    if not known:
        raise ValueError(
            f"'{_short(name)}' cannot be looked up: this PC has no time-zone database; "
            "leave timezone out to use the PC's own time zone"
        )
    by_case = {zone.lower(): zone for zone in known}
    close = (
        [by_case[name.strip().lower()]]
        if name.strip().lower() in by_case
        else difflib.get_close_matches(name.strip(), sorted(known), n=1)
    )
    hint = f" (did you mean '{close[0]}'?)" if close else " (names look like Europe/Paris)"
    raise ValueError(f"there is no time zone named '{_short(name)}'{hint}")


# -- the schedule --------------------------------------------------------------------------


@dataclass(frozen=True)
class StayOpen:
    """Staff asked to stay open (an event running late): open from `since` until `until`."""

    since: datetime
    until: datetime

    def __post_init__(self) -> None:
        # Kept in UTC: an aware time in an autumn's repeated hour never equals one of another zone.
        object.__setattr__(self, "since", _utc(self.since))
        object.__setattr__(self, "until", _utc(self.until))
        if self.until <= self.since:
            raise ValueError("stay open until a moment after it was asked for")


@dataclass(frozen=True)
class Change:
    """The next opening (`opens`) or closing, at `at` in the schedule's wall-clock time."""

    at: datetime
    opens: bool

    @property
    def what(self) -> Literal["opens", "closes"]:
        return "opens" if self.opens else "closes"


DaySource = Literal["week", "exception", "closure"]


@dataclass(frozen=True)
class DayHours:
    """One date's ranges, and why (its weekday, an exception, a closure): the admin screen's line."""

    day: date
    ranges: tuple[TimeRange, ...]
    source: DaySource

    def describe(self) -> str:
        """`09:30-12:30, 13:30-18:00`, `closed`, `09:30-14:00 (exception)`, `closed (closure)`."""
        hours = ", ".join(str(entry) for entry in self.ranges) or "closed"
        return hours if self.source == "week" else f"{hours} ({self.source})"


@dataclass(frozen=True)
class Schedule:
    """The week, the closures and the exceptions, in one zone; an optional stay-open override."""

    week: tuple[tuple[TimeRange, ...], ...]  #: seven days, Monday first
    closed: tuple[DateSpan, ...] = ()
    exceptions: Mapping[date, tuple[TimeRange, ...]] = field(default_factory=dict)
    zone: Zone = SYSTEM_ZONE
    stay_open: StayOpen | None = None

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week has seven days")

    @classmethod
    def of(
        cls,
        week: Mapping[str, Any],
        closed: Any = None,
        exceptions: Any = None,
        timezone: str | None = None,
    ) -> Schedule:
        """Built from kiosk.yaml's plain values (weekday key -> ranges); raises HoursError/ValueError."""
        unknown = [key for key in week if key not in WEEKDAYS]
        if unknown:
            hint = weekday_hint(unknown[0])
            raise HoursError(f"unknown weekday '{unknown[0]}'" + (f" (did you mean '{hint}'?)" if hint else ""))
        return cls(
            week=tuple(parse_day(week.get(key)) for key in WEEKDAYS),
            closed=parse_closures(closed),
            exceptions=parse_exceptions(exceptions),
            zone=zone_named(timezone),
        )

    # -- what staff read -------------------------------------------------------------------

    def hours_on(self, day: date) -> DayHours:
        """The ranges of a date: its exception, else nothing when closed, else its weekday's."""
        if day in self.exceptions:
            return DayHours(day, self.exceptions[day], "exception")
        if any(day in span for span in self.closed):
            return DayHours(day, (), "closure")
        return DayHours(day, self.week[day.weekday()], "week")

    def local(self, at: datetime) -> datetime:
        """`at` as the schedule's wall-clock time (aware): what the hours are written in."""
        return self.zone.local(_utc(at))

    def day_of(self, at: datetime) -> date:
        """The date it is at `at`, where the hours apply: `hours_on(day_of(now))` is today."""
        return self.local(at).date()

    # -- what the kiosk acts on ------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        """Open at the moment `at` (aware): within a range of its day, or while staying open."""
        at = _utc(at)
        if self.stay_open is not None and self.stay_open.since <= at < self.stay_open.until:
            return True
        day = self.day_of(at)
        return any(
            start <= at < end for other in (day - timedelta(days=1), day) for start, end in self._openings(other)
        )

    def next_change(self, at: datetime) -> Change | None:
        """The first opening or closing after `at`; None when nothing changes within HORIZON_DAYS.

        Touching openings (22:00-24:00 then 00:00-02:00 the next day, or a stay-open that
        runs into the next range) are one: their join is not a change.
        """
        at = _utc(at)
        first = self.day_of(at) - timedelta(days=1)
        last = first + timedelta(days=max(0, min(HORIZON_DAYS, (date.max - first).days - 2)))
        horizon = self._moment(last + timedelta(days=1), 0)
        for start, end in _merged(self._spans(first, last)):
            if end <= at:
                continue
            if start > at:
                return Change(self.zone.local(start), True) if start < horizon else None
            return Change(self.zone.local(end), False) if end < horizon else None
        return None

    def stay_open_until(self, until: datetime, *, since: datetime) -> Schedule:
        """This schedule, also open from `since` (staff's press) to `until`: the admin's "one more hour"."""
        return replace(self, stay_open=StayOpen(since, until))

    def without_override(self) -> Schedule:
        return replace(self, stay_open=None)

    # -- inside --------------------------------------------------------------------------------

    def _spans(self, first: date, last: date) -> Iterator[tuple[datetime, datetime]]:
        days = (
            span for offset in range((last - first).days + 1) for span in self._openings(first + timedelta(days=offset))
        )
        extra = [(self.stay_open.since, self.stay_open.until)] if self.stay_open else []
        return heapq.merge(days, extra)

    def _openings(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's ranges as moments; a range lost in the spring's missing hour is left out."""
        spans = []
        for entry in self.hours_on(day).ranges:
            start, end = self._moment(day, entry.start), self._moment(day, entry.end)
            if start < end:
                spans.append((start, end))
        return spans

    def _moment(self, day: date, minutes: int) -> datetime:
        """The first moment the wall clock shows `minutes` after midnight of `day`, or later."""
        day, minutes = (day + timedelta(days=1), 0) if minutes >= DAY_MINUTES else (day, minutes)
        wall = datetime.combine(day, time(minutes // 60, minutes % 60))
        moment = self.zone.instant(wall)
        if self.zone.local(moment).replace(tzinfo=None) == wall:
            return moment
        # In the spring's missing hour: the moment the clocks jumped over it, between the two
        # readings of the missing time (with the offset before the jump, and after it).
        low, high = sorted((self.zone.instant(wall.replace(fold=1)), moment))
        if self.zone.local(low).replace(tzinfo=None) >= wall:  # pragma: no cover - not a gap after all
            return low
        while high - low > timedelta(seconds=1):
            middle = low + (high - low) / 2
            if self.zone.local(middle).replace(tzinfo=None) >= wall:
                high = middle
            else:
                low = middle
        return high.replace(microsecond=0) if high.microsecond else high


def _merged(spans: Iterable[tuple[datetime, datetime]]) -> Iterator[tuple[datetime, datetime]]:
    """Sorted spans with those that overlap or touch joined."""
    current: tuple[datetime, datetime] | None = None
    for start, end in spans:
        if current is not None and start <= current[1]:
            current = (current[0], max(current[1], end))
            continue
        if current is not None:
            yield current
        current = (start, end)
    if current is not None:
        yield current


def _utc(at: datetime) -> datetime:
    """`at` in UTC; a naive datetime is refused: the schedule never guesses a zone."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("the schedule needs an aware datetime (with its time zone), such as datetime.now(UTC)")
    return at.astimezone(UTC)


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else f"'{_short(value)}'"


def _short(value: object, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_week(schedule: Schedule) -> str:
    """`mon-fri 09:30-18:00; sat 10:00-19:00; sun closed`: consecutive equal days grouped."""
    parts: list[str] = []
    index = 0
    while index < 7:
        end = index
        while end + 1 < 7 and schedule.week[end + 1] == schedule.week[index]:
            end += 1
        days = WEEKDAYS[index] if end == index else f"{WEEKDAYS[index]}-{WEEKDAYS[end]}"
        hours = ", ".join(str(entry) for entry in schedule.week[index]) or "closed"
        parts.append(f"{days} {hours}")
        index = end + 1
    return "; ".join(parts)


def format_moment(at: datetime) -> str:
    """`18:00 (Mon 7 Dec)`: a wall-clock moment as staff read it, the same in every locale."""
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = tuple(month[:3] for month in MONTH_NAMES_EN)
    return f"{at:%H:%M} ({names[at.weekday()]} {at.day} {months[at.month - 1]})"
