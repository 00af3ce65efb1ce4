"""The timeline's rules: sorting, the piecewise time axis, the year ruler, lanes and date labels.

Plain Python, so the geometry is tested without Qt. Positions are fractions of the whole
axis (0 at the start of the first era, 1 at the end of the last); the bridge multiplies
them by the axis's width in pixels.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.content.contrast import blend, luminance, parse_hex, ratio
from kiosk.content.dates import DateWords, format_period
from kiosk.content.schema import Era, Event

__all__ = ["DateWords", "TimeAxis", "date_label", "dotted", "lanes", "sort_events"]

#: Ruler steps, in years, from the finest to the coarsest.
TICK_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500)


def sort_events(events: Sequence[Event]) -> list[Event]:
    """By date; equal dates keep the order of the file (sorted() is stable)."""
    return sorted(events, key=lambda event: event.date.position())


@dataclass(frozen=True)
class Segment:
    era: Era
    start: float  # fraction of the axis where the era begins
    end: float

    def position(self, year: float) -> float:
        span = self.era.end - self.era.start
        return self.start + (year - self.era.start) / span * (self.end - self.start)


class TimeAxis:
    """Piecewise linear: each era gets its share of the axis, set by its `width`.

    Inside an era, years are evenly spaced, so the ruler never lies about where a year is.
    """

    def __init__(self, eras: Sequence[Era]) -> None:
        if not eras:
            raise ValueError("a time axis needs at least one era")
        total = sum(era.width for era in eras)
        segments: list[Segment] = []
        cursor = 0.0
        for era in eras:
            share = era.width / total
            segments.append(Segment(era, cursor, cursor + share))
            cursor += share
        self.segments = tuple(segments)
        self._starts = [segment.era.start for segment in segments]
        self.first_year = eras[0].start
        self.last_year = eras[-1].end

    def segment_for(self, year: float) -> Segment:
        index = bisect.bisect_right(self._starts, year) - 1
        return self.segments[min(max(index, 0), len(self.segments) - 1)]

    def position(self, year: float) -> float:
        """Where `year` (fractional) falls on the axis, clamped to 0..1."""
        year = min(max(year, self.first_year), self.last_year)
        return self.segment_for(year).position(year)

    def year_at(self, position: float) -> float:
        position = min(max(position, 0.0), 1.0)
        for segment in self.segments:
            if position <= segment.end or segment is self.segments[-1]:
                fraction = (position - segment.start) / (segment.end - segment.start)
                return segment.era.start + fraction * (segment.era.end - segment.era.start)
        raise AssertionError("unreachable")

    def steps(self, axis_px: float, min_spacing_px: float) -> list[int]:
        """Each era's ruler step, in years: the finest round step whose marks stay at least
        `min_spacing_px` apart on an axis `axis_px` wide (the era's whole span when even 500
        years would crowd). The scale a visitor reads under each era."""
        steps = []
        for segment in self.segments:
            era = segment.era
            px_per_year = (segment.end - segment.start) * axis_px / (era.end - era.start)
            step = next((s for s in TICK_STEPS if s * px_per_year >= min_spacing_px), None)
            steps.append(step if step is not None else era.end - era.start)
        return steps

    def ticks(self, axis_px: float, min_spacing_px: float) -> list[Tick]:
        """Ruler marks for an axis `axis_px` wide: in each era, marks `steps()` apart.
        Era boundaries always get a mark."""
        ticks: list[Tick] = []
        for segment, step in zip(self.segments, self.steps(axis_px, min_spacing_px), strict=True):
            era = segment.era
            px_per_year = (segment.end - segment.start) * axis_px / (era.end - era.start)
            first = math.ceil(era.start / step) * step
            years = [era.start] if first != era.start else []
            years += list(range(first, era.end, step))
            for year in years:
                # Round years too close to an era's boundary give way to the boundary's mark.
                near_start = year != era.start and (year - era.start) * px_per_year < min_spacing_px * 0.8
                near_end = (era.end - year) * px_per_year < min_spacing_px * 0.8 and year != era.start
                if near_start or near_end:
                    continue
                ticks.append(Tick(segment.position(year), year, major=year == era.start))
        last = self.segments[-1]
        ticks.append(Tick(1.0, last.era.end, major=True))
        return ticks


@dataclass(frozen=True)
class Tick:
    position: float
    year: int
    major: bool


def lanes(positions_px: Sequence[float], card_px: float, lane_count: int) -> list[int]:
    """Give each card (left edge at its event's x, sorted by x) a lane so cards never overlap.

    Each card takes the next free lane after the previous card's (wrapping to the top), so
    cards step down the band and fill its height even where events are few. Which free lane
    a card takes changes nothing for the cards after it (every free lane ends before it), so
    as many cards get a lane as with the first free one. When every lane is taken, the event
    gets -1: it shows as a dot on the axis only, and its card appears when the visitor zooms in.
    """
    right_edges = [-math.inf] * lane_count
    result: list[int] = []
    previous = -1
    for x in positions_px:
        order = [(previous + 1 + i) % lane_count for i in range(lane_count)]
        lane = next((lane for lane in order if right_edges[lane] <= x), -1)
        if lane >= 0:
            right_edges[lane] = x + card_px
            previous = lane
        result.append(lane)
    return result


def short_date_label(event: Event, words: DateWords) -> str:
    """The years only, for a button that names where it goes: "1915", "1213–1648", "vers 1855"."""
    label = str(event.date.year)
    if event.end is not None and event.end.year != event.date.year:
        label = words.range.replace("%1", label).replace("%2", str(event.end.year))
    return words.about.replace("%1", label) if event.approximate else label


# -- colours: an era's colour is the curator's; the dates drawn in it must stay readable --


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two `#rrggbb` colours (kiosk.content.contrast's formula)."""
    return ratio(parse_hex(a), parse_hex(b))


def mix(a: str, b: str, amount: float) -> str:
    """`a` moved `amount` (0..1) of the way towards `b`, as `#rrggbb`."""
    return "#{:02x}{:02x}{:02x}".format(*blend(parse_hex(b), amount, parse_hex(a)))


#: Text drawn in an era's colour must reach WCAG AA (4.5:1); a little more, so that the
#: antialiased edges of small glyphs still read.
INK_CONTRAST = 4.8


def readable_ink(colour: str, grounds: Sequence[str], minimum: float = INK_CONTRAST) -> str:
    """`colour`, or the nearest tint of it (towards white on dark grounds, black on light
    ones) that reads at `minimum` on every one of `grounds`. The curator's colour stays the
    accent (bars, dots, borders); text uses this."""
    if not grounds:
        return colour
    dark = sum(luminance(parse_hex(g)) for g in grounds) / len(grounds) < 0.18
    target = "#ffffff" if dark else "#000000"
    for step in range(21):
        ink = mix(colour, target, step / 20)
        if all(contrast(ink, ground) >= minimum for ground in grounds):
            return ink
    return target


def dotted(
    positions_px: Sequence[float],
    lanes_: Sequence[int],
    kinds: Sequence[str],
    periods: Sequence[bool],
    min_gap_px: float = 0.5,
) -> list[int]:
    """Which events get a dot of their own on the axis (indices, sorted by x).

    A dot less than `min_gap_px` from the last one drawn, of the same kind (colour), would
    be drawn over it pixel for pixel: it is left out. Events with a card (lane >= 0) or a
    period keep theirs, for their stem and bar. A crowded timeline has many events in the
    same year; every dot left out is one less thing to make and draw while the track flies.
    """
    kept: list[int] = []
    last_x = -math.inf
    last_kind: str | None = None
    for index, x in enumerate(positions_px):
        alone = lanes_[index] < 0 and not periods[index]
        if alone and kinds[index] == last_kind and x - last_x < min_gap_px:
            continue
        kept.append(index)
        last_x, last_kind = x, kinds[index]
    return kept


def date_label(event: Event, words: DateWords) -> str:
    """ "1915", "septembre 1915", "25 septembre 1915", "1960–1970", "vers 1855": see dates.format_period."""
    return format_period(event.date, event.end, words, event.approximate)
