"""The visitor record turned into figures for a period (`kiosk stats`, later the admin screen).

Plain Python. Complete days are read from the record's small daily tables, summed in SQL;
the days not yet rolled up (today, a session whose clock was set back) from the detailed
rows, with the same rules (kiosk/services/analytics.py: `figures_of`). So a year at 5,000
visits a day answers in well under a second or two (bench/stats.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kiosk.services.analytics import LENGTH_BIN_SECONDS, DayFigures, figures_of

#: The visit-length distribution's bands, in seconds: [low, high).
LENGTH_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 30),
    (30, 60),
    (60, 120),
    (120, 300),
    (300, 600),
    (600, 1200),
    (1200, None),
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Summary:
    first: date
    last: date
    visits: int = 0
    per_day: dict[str, int] = field(default_factory=dict)
    #: (weekday 0 = Monday, hour) -> visits
    per_hour_of_week: dict[tuple[int, int], int] = field(default_factory=dict)
    median_seconds: float = 0.0
    mean_seconds: float = 0.0
    #: band label -> visits
    lengths: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    #: section -> (opens, seconds), most opened first
    sections: list[tuple[str, int, float]] = field(default_factory=list)
    #: (section, item) -> (opens, seconds), most opened first
    items: list[tuple[str, str, int, float]] = field(default_factory=list)
    never_opened: list[tuple[str, str]] = field(default_factory=list)
    #: other actions: kind -> count (language chosen, glossary, discover, zoom, link...)
    actions: dict[str, int] = field(default_factory=dict)
    #: screen -> taps on nothing; and the cells most tapped (screen, cell, taps)
    nothing: dict[str, int] = field(default_factory=dict)
    nothing_cells: list[tuple[str, int, int]] = field(default_factory=list)
    #: every tap of the visits, answered or not: (screen, cell, taps), most tapped first
    tap_cells: list[tuple[str, int, int]] = field(default_factory=list)
    countdown_shown: int = 0
    countdown_cancelled: int = 0
    contents: list[tuple[str, str, int]] = field(default_factory=list)
    #: The fingerprint of the content shown last in the period.
    latest_content: str = ""

    @property
    def cancelled_share(self) -> float:
        return self.countdown_cancelled / self.countdown_shown if self.countdown_shown else 0.0

    def as_json(self) -> dict[str, Any]:
        total_languages = sum(self.languages.values()) or 1
        return {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            "visits": self.visits,
            "visits_per_day": self.per_day,
            "visits_per_hour_of_week": [
                {"weekday": WEEKDAYS[day], "hour": hour, "visits": n}
                for (day, hour), n in sorted(self.per_hour_of_week.items())
            ],
            "visit_seconds": {"median": self.median_seconds, "mean": round(self.mean_seconds, 1)},
            "visit_length_bands": self.lengths,
            "languages": {
                code: {"visits": n, "share": round(n / total_languages, 4)} for code, n in self.languages.items()
            },
            "sections": [{"section": s, "opens": n, "seconds": round(t, 1)} for s, n, t in self.sections],
            "items": [{"section": s, "item": i, "opens": n, "seconds": round(t, 1)} for s, i, n, t in self.items],
            "never_opened": [{"section": s, "item": i} for s, i in self.never_opened],
            "actions": self.actions,
            "taps_on_nothing": self.nothing,
            "taps_on_nothing_cells": [{"screen": s, "cell": c, "taps": n} for s, c, n in self.nothing_cells],
            "countdown": {
                "shown": self.countdown_shown,
                "cancelled": self.countdown_cancelled,
                "cancelled_share": round(self.cancelled_share, 4),
            },
            "contents": [{"content": c, "version": v, "visits": n} for c, v, n in self.contents],
        }


def band_label(low: int, high: int | None) -> str:
    def words(seconds: int) -> str:
        return f"{seconds // 60} min" if seconds >= 60 else f"{seconds} s"

    return f"{words(low)} or more" if high is None else f"{words(low)} to {words(high)}"


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def summarise(
    connection: sqlite3.Connection,
    first: date,
    last: date,
    content_items: Sequence[tuple[str, str]] | None = None,
    *,
    cells: bool = True,
    every_tap: bool = False,
) -> Summary:
    """The figures of the days first..last (local dates, both included). The items nobody
    opened are taken from `content_items`, or else from the content the record saw last in
    the period. `cells`: the taps on nothing cell by cell too (the text summary has no use for
    them; a year of them takes a few tenths of a second). `every_tap`: every tap cell by cell too
    (the report's heat maps only)."""
    low, high = first.isoformat(), last.isoformat()
    summary = Summary(first, last)
    known = _tables(connection)
    live = figures_of(connection, low, high) if {"sessions", "events"} <= known else DayFigures.empty()
    span = (low, high)

    def rows(sql: str) -> list[Any]:
        return connection.execute(sql, span).fetchall()

    per_day: dict[str, int] = {}
    per_hour: dict[tuple[int, int], int] = {}
    seconds_total = 0.0
    daily = (
        rows(
            "SELECT local_date, weekday, local_hour, sum(visits), sum(seconds) FROM day_visits "
            "WHERE local_date BETWEEN ? AND ? GROUP BY local_date, weekday, local_hour"
        )
        if "day_visits" in known
        else []
    )
    daily += [(day, weekday, hour, n, s) for (day, hour, weekday), (n, s) in live.visits.items()]
    for day, weekday, hour, n, seconds in daily:
        per_day[day] = per_day.get(day, 0) + int(n)
        per_hour[(weekday, hour)] = per_hour.get((weekday, hour), 0) + int(n)
        seconds_total += seconds
    summary.per_day = dict(sorted(per_day.items()))
    summary.per_hour_of_week = per_hour
    summary.visits = sum(per_day.values())
    if not summary.visits:
        return summary
    summary.mean_seconds = seconds_total / summary.visits

    bins: dict[int, int] = {}
    for bin_, n in (
        rows("SELECT bin, sum(visits) FROM day_lengths WHERE local_date BETWEEN ? AND ? GROUP BY bin")
        if "day_lengths" in known
        else []
    ):
        bins[bin_] = bins.get(bin_, 0) + n
    for (_day, bin_), n in live.lengths.items():
        bins[bin_] = bins.get(bin_, 0) + n
    summary.median_seconds = _median(bins)
    summary.lengths = {
        band_label(lo, hi): sum(n for b, n in bins.items() if b >= lo and (hi is None or b < hi))
        for lo, hi in LENGTH_BANDS
    }

    languages: dict[str, int] = {}
    for code, n in (
        rows("SELECT language, sum(visits) FROM day_languages WHERE local_date BETWEEN ? AND ? GROUP BY language")
        if "day_languages" in known
        else []
    ):
        languages[code] = languages.get(code, 0) + n
    for (_day, code), n in live.languages.items():
        languages[code] = languages.get(code, 0) + n
    summary.languages = dict(sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])))

    contents: dict[tuple[str, str], int] = {}
    for content, version, n in (
        rows(
            "SELECT content, version, sum(visits) FROM day_contents "
            "WHERE local_date BETWEEN ? AND ? GROUP BY content, version"
        )
        if "day_contents" in known
        else []
    ):
        contents[(content, version)] = contents.get((content, version), 0) + n
    for (_day, content, version), n in live.contents.items():
        contents[(content, version)] = contents.get((content, version), 0) + n
    summary.contents = sorted(((c, v, n) for (c, v), n in contents.items()), key=lambda row: -row[2])
    latest = (
        connection.execute(
            "SELECT content FROM sessions WHERE local_date BETWEEN ? AND ? "
            "ORDER BY local_date DESC, started DESC LIMIT 1",
            span,
        ).fetchone()
        if "sessions" in known
        else None
    ) or (
        connection.execute(
            "SELECT content FROM day_contents WHERE local_date BETWEEN ? AND ? ORDER BY local_date DESC LIMIT 1", span
        ).fetchone()
        if "day_contents" in known
        else None
    )
    summary.latest_content = latest[0] if latest else ""

    actions: dict[tuple[str, str, str], list[float]] = {}
    for kind, screen, item, n, seconds in (
        rows(
            "SELECT kind, screen, item, sum(count), sum(seconds) FROM day_actions WHERE local_date BETWEEN ? AND ? "
            "GROUP BY kind, screen, item"
        )
        if "day_actions" in known
        else []
    ):
        actions[(kind, screen, item)] = [n, seconds]
    for (_day, kind, screen, item), (n, seconds) in live.actions.items():
        slot = actions.setdefault((kind, screen, item), [0, 0.0])
        slot[0] += n
        slot[1] += seconds
    if content_items is None:
        content_items = _recorded_items(connection, summary.latest_content, known)
    _actions_into(summary, actions, content_items)

    if not cells:
        return summary
    taps: dict[tuple[str, int], int] = {}
    for screen, cell, n in (
        rows("SELECT screen, cell, sum(taps) FROM day_cells WHERE local_date BETWEEN ? AND ? GROUP BY screen, cell")
        if "day_cells" in known
        else []
    ):
        taps[(screen, cell)] = n
    for (_day, screen, cell), n in live.cells.items():
        taps[(screen, cell)] = taps.get((screen, cell), 0) + n
    summary.nothing_cells = sorted(((s, c, n) for (s, c), n in taps.items()), key=lambda row: (-row[2], row[0]))
    if every_tap and "day_taps" in known:
        summary.tap_cells = sorted(
            rows("SELECT screen, cell, sum(taps) FROM day_taps WHERE local_date BETWEEN ? AND ? GROUP BY screen, cell"),
            key=lambda row: (-row[2], row[0]),
        )
    return summary


def _recorded_items(connection: sqlite3.Connection, content: str, known: set[str]) -> list[tuple[str, str]]:
    """The items of a content, in the content's order, as the kiosk recorded them."""
    if "content_items" not in known or not content:
        return []
    rows = connection.execute("SELECT section, item FROM content_items WHERE content = ? ORDER BY rowid", (content,))
    return [(section, item) for section, item in rows]


def _actions_into(
    summary: Summary, actions: dict[tuple[str, str, str], list[float]], content_items: Sequence[tuple[str, str]]
) -> None:
    sections: dict[str, list[float]] = {}
    opened: set[tuple[str, str]] = set()
    for (kind, screen, item), (n, seconds) in actions.items():
        if kind == "section":
            slot = sections.setdefault(screen, [0, 0.0])
            slot[0] += n
            slot[1] += seconds
        elif kind == "item":
            summary.items.append((screen, item, int(n), float(seconds)))
            opened.add((screen, item))
        elif kind == "nothing":
            summary.nothing[screen] = summary.nothing.get(screen, 0) + int(n)
        elif kind == "countdown":
            summary.countdown_shown += int(n)
        elif kind == "cancelled":
            summary.countdown_cancelled += int(n)
        elif kind != "close":
            summary.actions[kind] = summary.actions.get(kind, 0) + int(n)
    summary.sections = sorted(((s, int(n), float(t)) for s, (n, t) in sections.items()), key=lambda r: (-r[1], r[0]))
    summary.items.sort(key=lambda row: (-row[2], -row[3], row[0], row[1]))
    summary.never_opened = [pair for pair in content_items if pair not in opened]
    summary.nothing = dict(sorted(summary.nothing.items(), key=lambda kv: -kv[1]))
    summary.actions = dict(sorted(summary.actions.items()))


def _median(bins: dict[int, int]) -> float:
    """The median visit length, read from 5-second bins (each visit at the middle of its bin;
    an even count: halfway between the two middle visits)."""
    total = sum(bins.values())
    if not total:
        return 0.0

    def at_rank(rank: int) -> float:
        running = 0
        for bin_ in sorted(bins):
            running += bins[bin_]
            if running >= rank:
                return bin_ + LENGTH_BIN_SECONDS / 2
        return float(max(bins))

    return (at_rank((total + 1) // 2) + at_rank(total // 2 + 1)) / 2


def content_items(exhibit: Any) -> list[tuple[str, str]]:
    """Every item a visitor can open, as (section kind, item id), from a loaded Exhibit."""
    found: list[tuple[str, str]] = []
    for loaded in exhibit.sections:
        kind, section = loaded.ref.kind, loaded.content
        groups: list[Any] = [[getattr(section, "foundation", None)]]
        groups += [
            getattr(section, name, None) or [] for name in ("events", "charges", "markers", "pillars", "results")
        ]
        for group in groups:
            for entry in group:
                item_id = getattr(entry, "id", None)
                if isinstance(item_id, str) and item_id and (kind, item_id) not in found:
                    found.append((kind, item_id))
    return found


#: The admin screen's figures cover this many days, today included.
PANEL_DAYS = 7


@dataclass(frozen=True)
class PanelFigures:
    """What the admin screen shows: visits today and in the last 7 days, the median visit
    length and the most opened sections of those 7 days."""

    today: int = 0
    week: int = 0
    median_seconds: float = 0.0
    #: (section kind, opens), the most opened first, at most 5
    sections: tuple[tuple[str, int], ...] = ()


def panel_figures(connection: sqlite3.Connection, today: date) -> PanelFigures:
    """Cheap: the daily tables, and today's detailed rows."""
    week = summarise(connection, today - timedelta(days=PANEL_DAYS - 1), today, content_items=(), cells=False)
    return PanelFigures(
        today=week.per_day.get(today.isoformat(), 0),
        week=week.visits,
        median_seconds=week.median_seconds,
        sections=tuple((section, opens) for section, opens, _seconds in week.sections[:5]),
    )


def duration(seconds: float) -> str:
    """A visit's length in words: `45 s`, `1 min 38 s`, `2 h 05 min`."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
