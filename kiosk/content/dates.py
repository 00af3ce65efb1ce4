"""Historic dates as curators write them, and as visitors read them.

`date: 1071`, `date: "1915-09"`, `date: "1915-09-25"`. Years before 1000 work (`date: 800`).
Plain Python; the calendar is the proleptic Gregorian one of Python's `calendar` module.

On screen every language writes the day first, in its own words: "25 septembre 1915",
"25 September 1915" (British order, as the texts write it), "25 september 1915".
A period shares its year once ("25 September – October 1915"), and a date the sources
disagree on says so ("vers 1855", "around 1855", "rond 1855").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

_PATTERN = re.compile(r"^(?P<year>\d{1,4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?$")
MONTH_NAMES_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, order=True)
class HistoricDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> HistoricDate:
        """Read `1071`, `"1915-09"` or `"1915-09-25"`; raise ValueError with a curator's words."""
        if isinstance(value, HistoricDate):
            return value
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError('a date is a year (1915), a month ("1915-09") or a day ("1915-09-25")')
        text = str(value).strip()
        match = _PATTERN.match(text)
        if not match:
            raise ValueError(
                f'\'{text}\' is not a date: write a year (1915), a month ("1915-09") or a day ("1915-09-25")'
            )
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if year < 1:
            raise ValueError(f"year {year} is not supported: years start at 1")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} does not exist (months go from 1 to 12)")
        if month is not None and day is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"{MONTH_NAMES_EN[month - 1]} {year} has no day {day} (it has {last} days)")
        return cls(year, month, day)

    def position(self) -> float:
        """Where the date falls, in years: 1915-09-25 is about 1915.73."""
        if self.month is None:
            return float(self.year)
        days_in_year = 366 if calendar.isleap(self.year) else 365
        day_of_year = sum(calendar.monthrange(self.year, m)[1] for m in range(1, self.month)) + (self.day or 1) - 1
        return self.year + day_of_year / days_in_year

    def end_position(self) -> float:
        """The end of the period the date names: 1915 ends at 1916.0, 1915-09 at October's start."""
        if self.month is None:
            return float(self.year + 1)
        if self.day is None:
            nxt = HistoricDate(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt.position()
        days_in_year = 366 if calendar.isleap(self.year) else 365
        return self.position() + 1 / days_in_year

    def __str__(self) -> str:
        parts = [f"{self.year}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class DateWords:
    """The words a date label needs in one language (resources/ui-strings.yaml, `dates:`)."""

    months: Sequence[str]  # January..December
    about: str  # "vers %1"
    range: str  # "%1–%2"
    day_first: bool = True  # "25 septembre 1915"; False only for a US-style "September 25, 1915"
    first_day: str = "1"  # how the first of a month is written: "1er" in French


def format_date(date: HistoricDate, words: DateWords, with_year: bool = True) -> str:
    """ "1915", "septembre 1915", "25 septembre 1915", "1er octobre 1915" (or without the year)."""
    year = str(date.year) if with_year else ""
    if date.month is None:
        return year
    month = words.months[date.month - 1]
    if date.day is None:
        return f"{month} {year}".strip()
    day = words.first_day if date.day == 1 else str(date.day)
    if words.day_first:
        return f"{day} {month} {year}".strip()
    return f"{month} {day}, {year}" if with_year else f"{month} {day}"


def format_period(start: HistoricDate, end: HistoricDate | None, words: DateWords, approximate: bool = False) -> str:
    """A date or a period as a visitor reads it: "1960–1970", "25 September – October 1915",
    "8–14 October 1915", "around 1855". The dash is spaced when either side has spaces."""
    if end is None or end == start or (end.year == start.year and start.month is None and end.month is None):
        label = format_date(start, words)
    elif end.year == start.year and start.month is not None and end.month is not None:
        if start.month == end.month and start.day is not None and end.day is not None and words.day_first:
            first = words.first_day if start.day == 1 else str(start.day)  # "8–14 October 1915": one word each side
            label = words.range.replace("%1", first).replace("%2", format_date(end, words))
        else:
            label = _joined(format_date(start, words, with_year=False), format_date(end, words), words)
    else:
        label = _joined(format_date(start, words), format_date(end, words), words)
    return words.about.replace("%1", label) if approximate else label


def _joined(first: str, last: str, words: DateWords) -> str:
    pattern = words.range
    if " " in first or " " in last:  # "25 September – October 1915", not "25 September–October 1915"
        pattern = pattern.replace("–", " – ")
    return pattern.replace("%1", first).replace("%2", last)
