"""`kiosk stats`: the visitor record as figures for a period, in text, CSV or JSON.

Reads the record (kiosk/services/analytics.py) without writing to it, so it runs beside a
running exhibit; the figures are computed by kiosk/services/statistics.py. The items nobody
opened are those of the content the kiosk showed last in the period (it records their ids),
or of the folder given with `--content`.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sqlite3
import tempfile
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from kiosk.content.loader import load_exhibit
from kiosk.services import analytics
from kiosk.services.report import write_report
from kiosk.services.statistics import WEEKDAYS, Summary, content_items, duration, summarise

EXIT_OK, EXIT_FAILED = 0, 1
DEFAULT_DAYS = 30


def period(first: date | None, last: date | None, today: date | None = None) -> tuple[date, date]:
    """--from/--to; by default the last 30 days, today included."""
    today = today or date.today()
    last = last or (today if first is None else max(first, today))
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    return first, last


def run_stats(
    record: Path | None,
    first: date | None,
    last: date | None,
    fmt: str,
    content: Path | None,
    out: TextIO,
    err: TextIO,
    report: Path | None = None,
    size: tuple[int, int] = (1920, 1080),
    screens_from: Path | None = None,
    picture: Path | None = None,
) -> int:
    """`report`: write the HTML page there instead (its heat maps over the screens of the
    content folder `screens_from`, rendered at `size`; None: over a plain grid), and with
    `picture`, a PNG of that page too."""
    path = record or analytics.default_file()
    first, last = period(first, last)
    if first > last:
        err.write(f"kiosk stats: --from {first} is after --to {last}\n")
        return EXIT_FAILED
    if not path.is_file():
        err.write(f"kiosk stats: no visitor record at {path} (is the record switched off in kiosk.yaml?)\n")
        return EXIT_FAILED
    # The items nobody opened: of the content folder given, else of the content the kiosk showed.
    items = _items(content) if content is not None else None
    try:
        connection = analytics.connect(path, read_only=True)
        try:
            summary = summarise(
                connection, first, last, items, cells=fmt != "text" or report is not None, every_tap=report is not None
            )
        finally:
            connection.close()
    except sqlite3.Error as exc:
        err.write(f"kiosk stats: the visitor record {path} cannot be read: {exc}\n")
        return EXIT_FAILED
    if picture is not None and report is None:
        err.write("kiosk stats: --picture draws the page --report writes: give --report DIR too\n")
        return EXIT_FAILED
    if report is not None:
        code = _report(summary, report, size, screens_from, out, err)
        return code if code != EXIT_OK or picture is None else _picture(report / "index.html", picture, out, err)
    if fmt == "json":
        out.write(json.dumps(summary.as_json(), indent=2, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        write_csv(summary, out)
    else:
        out.write("\n".join(text_lines(summary)) + "\n")
    return EXIT_OK


def _report(
    summary: Summary, folder: Path, size: tuple[int, int], screens_from: Path | None, out: TextIO, err: TextIO
) -> int:
    with tempfile.TemporaryDirectory(prefix="kiosk-report-") as scratch:
        screens = sorted({screen for screen, _cell, _taps in (*summary.nothing_cells, *summary.tap_cells)})
        snapshots: dict[str, Path | None] = {}
        if screens and screens_from is not None:
            language = next(iter(summary.languages), "")
            snapshots = render_screens(screens_from, screens, size, language, Path(scratch), err)
        try:
            page = write_report(summary, folder, snapshots, size)
        except OSError as exc:
            err.write(f"kiosk stats: the report cannot be written in {folder}: {exc.strerror or exc}\n")
            return EXIT_FAILED
    out.write(f"{page}\n")
    return EXIT_OK


def _picture(page: Path, target: Path, out: TextIO, err: TextIO) -> int:
    from kiosk.bridge import engine

    engine.offscreen_environment()
    engine.application()
    from kiosk.bridge.pagepicture import draw_page

    try:
        width, height = draw_page(page, target)
    except OSError as exc:
        err.write(f"kiosk stats: the page's picture cannot be written: {exc.strerror or exc}\n")
        return EXIT_FAILED
    out.write(f"{target} ({width} x {height})\n")
    return EXIT_OK


def render_screens(
    content: Path, screens: list[str], size: tuple[int, int], language: str, folder: Path, err: TextIO
) -> dict[str, Path | None]:
    """Pictures of the screens the visitors tapped, as `kiosk snapshot` makes them (headless),
    in the visits' most common language when the content offers it."""
    from kiosk.commands.snapshot import run_snapshot, screen_names

    exhibit, _report = load_exhibit(content, thorough=False)
    if exhibit is None:
        err.write(f"kiosk stats: {content} cannot be shown: the heat maps are drawn over a plain grid\n")
        return {}
    kinds: list[str] = [section.ref.kind for section in exhibit.sections]
    known = set(screen_names(kinds)) - {"idle", "closed", "admin-pin", "admin"}
    wanted = [screen for screen in screens if screen in known]
    if not wanted:
        return {}
    manifest = exhibit.manifest
    code = language if language in manifest.languages else manifest.default_language
    with contextlib.redirect_stdout(io.StringIO()):
        run_snapshot(content, folder, code, size, ",".join(wanted))
    pictures: dict[str, Path | None] = {}
    for screen in wanted:
        picture = folder / f"{screen}-{code}.png"
        pictures[screen] = picture if picture.is_file() else None
    return pictures


def _items(content: Path) -> list[tuple[str, str]]:
    exhibit, _report = load_exhibit(content, thorough=False)
    return content_items(exhibit) if exhibit is not None else []


def text_lines(summary: Summary) -> list[str]:
    head = f"Visitors from {summary.first} to {summary.last}"
    if not summary.visits:
        return [head, "", "No visits were recorded in this period."]
    days = (summary.last - summary.first).days + 1
    lines = [
        head,
        "",
        f"Visits: {summary.visits} ({summary.visits / days:.1f} a day on average, over {days} days)",
        f"Visit length: median {duration(summary.median_seconds)}, mean {duration(summary.mean_seconds)}",
        "",
        "Visits per day:",
    ]
    peak = max(summary.per_day.values())
    for day, n in summary.per_day.items():
        bar = "#" * max(1, round(30 * n / peak))
        lines.append(f"  {day}  {WEEKDAYS[date.fromisoformat(day).weekday()]}  {n:6d}  {bar}")
    lines += ["", "Visits per hour of the week (rows: days; columns: hours 0 to 23):"]
    hours = sorted({hour for _day, hour in summary.per_hour_of_week})
    if hours:
        lines.append("        " + "".join(f"{hour:>6d}" for hour in range(hours[0], hours[-1] + 1)))
        for weekday, name in enumerate(WEEKDAYS):
            cells = "".join(
                f"{summary.per_hour_of_week.get((weekday, h), 0):>6d}" for h in range(hours[0], hours[-1] + 1)
            )
            lines.append(f"  {name}  {cells}")
    lines += ["", "Visit length:"]
    for band, n in summary.lengths.items():
        lines.append(f"  {band:<18} {n:7d}  {100 * n / summary.visits:5.1f} %")
    lines += ["", "Languages (the language a visit ended in):"]
    for code, n in summary.languages.items():
        lines.append(f"  {code or '?':<6} {n:7d}  {100 * n / summary.visits:5.1f} %")
    lines += ["", "Sections, by opens (time spent in them):"]
    for section, n, seconds in summary.sections:
        lines.append(f"  {section:<20} {n:7d}  {duration(seconds)}")
    lines += ["", "Items, by opens (time spent on them), the 20 most opened:"]
    for section, item, n, seconds in summary.items[:20]:
        lines.append(f"  {section + ':' + item:<40} {n:7d}  {duration(seconds)}")
    never = summary.never_opened
    lines += ["", f"Items nobody opened ({len(never)}):"]
    by_section: dict[str, list[str]] = {}
    for section, item in never:
        by_section.setdefault(section, []).append(item)
    for section, items in by_section.items():
        lines += textwrap.wrap(
            ", ".join(items), width=100, initial_indent=f"  {section} ({len(items)}): ", subsequent_indent="      "
        )
    if not never:
        lines.append("  none")
    lines += ["", "Taps on nothing, per screen (where visitors expect something to answer):"]
    lines += [f"  {screen or '?':<20} {n:7d}" for screen, n in summary.nothing.items()] or ["  none"]
    lines += [
        "",
        f"Idle countdown: shown {summary.countdown_shown} times, cancelled by a touch "
        f"{summary.countdown_cancelled} times ({100 * summary.cancelled_share:.0f} %)",
    ]
    if summary.actions:
        lines += ["", "Other actions:"] + [f"  {kind:<20} {n:7d}" for kind, n in summary.actions.items()]
    if len(summary.contents) > 1:
        lines += ["", "Content versions shown (fingerprint, kiosk version, visits):"]
        lines += [f"  {content[:12] or '?'}  {version}  {n}" for content, version, n in summary.contents]
    return lines


def write_csv(summary: Summary, out: TextIO) -> None:
    """One table for tools: figure, key, sub-key, value (a spreadsheet pivots it)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["figure", "key", "detail", "value"])
    writer.writerow(["period", summary.first.isoformat(), summary.last.isoformat(), ""])
    writer.writerow(["visits", "", "", summary.visits])
    writer.writerow(["visit_seconds", "median", "", summary.median_seconds])
    writer.writerow(["visit_seconds", "mean", "", round(summary.mean_seconds, 1)])
    for day, n in summary.per_day.items():
        writer.writerow(["visits_per_day", day, "", n])
    for (weekday, hour), n in sorted(summary.per_hour_of_week.items()):
        writer.writerow(["visits_per_hour_of_week", WEEKDAYS[weekday], hour, n])
    for band, n in summary.lengths.items():
        writer.writerow(["visit_length_band", band, "", n])
    for code, n in summary.languages.items():
        writer.writerow(["language", code, "", n])
    for section, n, seconds in summary.sections:
        writer.writerow(["section_opens", section, "", n])
        writer.writerow(["section_seconds", section, "", round(seconds, 1)])
    for section, item, n, seconds in summary.items:
        writer.writerow(["item_opens", section, item, n])
        writer.writerow(["item_seconds", section, item, round(seconds, 1)])
    for section, item in summary.never_opened:
        writer.writerow(["never_opened", section, item, 0])
    for screen, n in summary.nothing.items():
        writer.writerow(["taps_on_nothing", screen, "", n])
    for screen, cell, n in summary.nothing_cells:
        writer.writerow(["taps_on_nothing_cell", screen, cell, n])
    writer.writerow(["countdown", "shown", "", summary.countdown_shown])
    writer.writerow(["countdown", "cancelled", "", summary.countdown_cancelled])
    for kind, n in summary.actions.items():
        writer.writerow(["action", kind, "", n])
