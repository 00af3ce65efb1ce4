"""`kiosk stats --report DIR`: the figures of a period as a page a curator opens in any browser.

Plain Python (no Qt). One `index.html`, hand-written SVG charts and Pillow PNG heat maps
beside it: nothing from the network, no script, so it opens offline, from a USB stick too.
The heat maps colour the coarse cells (kiosk/services/analytics.py: 48 x 27) of the taps on
nothing over a picture of the screen (`kiosk snapshot`'s, made by kiosk/commands/stats.py);
without one, over a plain grid. Labels are in English, like `kiosk stats`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from PIL import Image, ImageDraw

from kiosk.services.analytics import CELL_COLUMNS, CELL_ROWS
from kiosk.services.statistics import WEEKDAYS, Summary, duration

#: The heat maps' width in pixels (the snapshot is scaled to it).
HEAT_WIDTH = 1280
#: The colour ramps, few taps to many: (red, green, blue, alpha). The screen under them is
#: turned grey, so these are the only colours on a map. Every tap: warm; taps on nothing: cool.
Ramp = tuple[tuple[int, int, int, int], ...]
RAMP: Ramp = ((255, 241, 118, 110), (255, 183, 77, 165), (255, 87, 34, 210), (213, 0, 0, 240))
RAMP_NOTHING: Ramp = ((128, 222, 234, 120), (41, 182, 246, 170), (92, 107, 192, 210), (123, 31, 162, 240))
#: On a busy map, cells under this share of the busiest one fade out towards transparent,
#: so a year of scattered taps stays a haze over the screen and the clusters stand out.
FADE_BELOW = 0.15
#: A map with fewer cells tapped than this outlines each in white and fades none: a single
#: tap shows.
OUTLINE_BELOW = 150
#: The hour-of-week grid's ramp (white to a deep blue).
GRID_LOW, GRID_HIGH = (247, 251, 255), (8, 69, 148)
INK, MUTED, BAR, FONT = "#1f2328", "#59636e", "#2f6db5", "font-family:system-ui,Segoe UI,Arial,sans-serif"

_SAFE = re.compile(r"[^a-z0-9_-]+")


def file_stem(screen: str) -> str:
    """A screen's name as a file name (the record's screens are plain words; this keeps them so)."""
    return _SAFE.sub("-", screen.lower()).strip("-") or "screen"


def ramp(share: float, colours: Ramp = RAMP) -> tuple[int, int, int, int]:
    """The colour of a cell with `share` (0..1] of the busiest cell's taps."""
    share = min(1.0, max(0.0, share))
    position = share * (len(colours) - 1)
    low = int(position)
    if low >= len(colours) - 1:
        return colours[-1]
    t = position - low
    a, b = colours[low], colours[low + 1]
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
        round(a[3] + (b[3] - a[3]) * t),
    )


def heat_map(
    cells: Mapping[int, int], snapshot: Path | None, size: tuple[int, int], target: Path, colours: Ramp = RAMP
) -> None:
    """The taps of one screen over its snapshot (or a plain grid), as a PNG.

    The snapshot is turned grey so the colours read; each cell tapped is filled with the
    ramp's colour for its share of the busiest cell (the least tapped fading out); on a
    sparse map each is outlined in white, so a single tap shows on a dark screen and a light one."""
    width = HEAT_WIDTH
    height = round(width * size[1] / size[0])
    base: Image.Image | None = None
    if snapshot is not None:
        try:
            with Image.open(snapshot) as opened:
                base = opened.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        except (OSError, ValueError):
            base = None
    if base is None:
        base = Image.new("RGB", (width, height), (236, 236, 236))
        lines = ImageDraw.Draw(base)
        for column in range(1, CELL_COLUMNS):
            x = round(column * width / CELL_COLUMNS)
            lines.line([(x, 0), (x, height)], fill=(222, 222, 222))
        for row in range(1, CELL_ROWS):
            y = round(row * height / CELL_ROWS)
            lines.line([(0, y), (width, y)], fill=(222, 222, 222))
    else:
        grey = base.convert("L").convert("RGB")
        base = Image.blend(grey, Image.new("RGB", base.size, (128, 128, 128)), 0.25)
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    peak = max(cells.values(), default=0)
    outline = (255, 255, 255, 210) if sum(1 for n in cells.values() if n > 0) < OUTLINE_BELOW else None
    for cell, taps in sorted(cells.items(), key=lambda kv: kv[1]):
        if taps <= 0 or not 0 <= cell < CELL_COLUMNS * CELL_ROWS:
            continue
        row, column = divmod(cell, CELL_COLUMNS)
        box = (
            round(column * width / CELL_COLUMNS),
            round(row * height / CELL_ROWS),
            round((column + 1) * width / CELL_COLUMNS) - 1,
            round((row + 1) * height / CELL_ROWS) - 1,
        )
        share = taps / peak
        colour = ramp(share, colours)
        if outline is None and share < FADE_BELOW:
            colour = (*colour[:3], max(20, round(colour[3] * share / FADE_BELOW)))
        draw.rectangle(box, fill=colour, outline=outline, width=1)
    Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB").save(target, optimize=True)


def ramp_legend(target: Path, colours: Ramp = RAMP) -> None:
    """The heat maps' colour key: few taps on the left, the most on the right."""
    width, height = 320, 24
    image = Image.new("RGB", (width, height), (128, 128, 128))
    image = Image.blend(image, Image.new("RGB", image.size, (236, 236, 236)), 0.5).convert("RGBA")
    overlay = Image.new("RGBA", image.size)
    draw = ImageDraw.Draw(overlay)
    for x in range(width):
        draw.line([(x, 0), (x, height)], fill=ramp((x + 1) / width, colours))
    Image.alpha_composite(image, overlay).convert("RGB").save(target)


# -- hand-written SVG charts ------------------------------------------------------------------


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" style="{FONT}">'
        f"<title>{html.escape(title)}</title>"
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>\n"
    )


def _text(x: float, y: float, words: str, *, size: int = 13, anchor: str = "start", fill: str = INK) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}">'
        f"{html.escape(words)}</text>"
    )


def _nice_top(peak: int) -> int:
    """A round number at or above the peak for the axis (1, 2, 5, 10, 20, 50...)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= peak:
                return step * factor
        step *= 10


def visits_per_day_svg(summary: Summary) -> str:
    days = [summary.first + timedelta(days=n) for n in range((summary.last - summary.first).days + 1)]
    counts = [summary.per_day.get(day.isoformat(), 0) for day in days]
    left, right, top, bottom = 56, 16, 16, 44
    width = max(640, min(1400, left + right + 18 * len(days)))
    height = 300
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = _nice_top(max(counts, default=0) or 1)
    body: list[str] = []
    ticks = next(count for count in (5, 4, 2, 1) if top_value % count == 0)
    for step in range(ticks + 1):
        value = top_value * step // ticks
        y = top + plot_h - plot_h * step / ticks
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d8dee4"/>')
        body.append(_text(left - 6, y + 4, str(value), size=12, anchor="end", fill=MUTED))
    slot = plot_w / max(1, len(days))
    label_every = max(1, round(len(days) / 12))
    for index, (day, n) in enumerate(zip(days, counts, strict=True)):
        bar_h = plot_h * n / top_value
        x = left + index * slot
        body.append(
            f'<rect x="{x + slot * 0.12:.1f}" y="{top + plot_h - bar_h:.1f}" width="{slot * 0.76:.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR if day.weekday() < 5 else "#7aa7db"}">'
            f"<title>{day.isoformat()} {WEEKDAYS[day.weekday()]}: {n}</title></rect>"
        )
        if index % label_every == 0:
            body.append(_text(x + slot / 2, height - bottom + 16, day.strftime("%d/%m"), size=11, anchor="middle"))
            if index == 0 or (day.month == 1 and day.day <= label_every):
                body.append(_text(x + slot / 2, height - bottom + 31, day.strftime("%Y"), size=11, anchor="middle"))
    body.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="{MUTED}"/>')
    return _svg(width, height, body, "Visits per day")


def _mix(share: float) -> str:
    share = min(1.0, max(0.0, share))
    red, green, blue = (round(lo + (hi - lo) * share) for lo, hi in zip(GRID_LOW, GRID_HIGH, strict=True))
    return f"#{red:02x}{green:02x}{blue:02x}"


def hour_of_week_svg(summary: Summary) -> str:
    left, top, cell_w, cell_h = 48, 26, 34, 30
    width, height = left + 24 * cell_w + 8, top + 7 * cell_h + 8
    peak = max(summary.per_hour_of_week.values(), default=0) or 1
    body = [
        _text(left + hour * cell_w + cell_w / 2, top - 8, f"{hour}", size=11, anchor="middle") for hour in range(24)
    ]
    for weekday, name in enumerate(WEEKDAYS):
        y = top + weekday * cell_h
        body.append(_text(left - 8, y + cell_h / 2 + 4, name, size=12, anchor="end"))
        for hour in range(24):
            n = summary.per_hour_of_week.get((weekday, hour), 0)
            share = n / peak
            x = left + hour * cell_w
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{_mix(share)}">'
                f"<title>{name} {hour}:00-{hour + 1}:00: {n}</title></rect>"
            )
            if n:
                colour = "#ffffff" if share > 0.55 else INK
                body.append(
                    _text(x + (cell_w - 2) / 2, y + cell_h / 2 + 3, str(n), size=10, anchor="middle", fill=colour)
                )
    return _svg(width, height, body, "Visits per hour of the week")


def bars_svg(rows: list[tuple[str, float, str]], title: str, colour: str = BAR) -> str:
    """Horizontal bars: (label, value, the words shown after the bar)."""
    label_w, bar_w, words_w, row_h, top = 260, 420, 150, 26, 8
    width, height = label_w + bar_w + words_w, top * 2 + row_h * max(1, len(rows))
    peak = max((value for _label, value, _words in rows), default=0) or 1
    body: list[str] = []
    for index, (label, value, words) in enumerate(rows):
        y = top + index * row_h
        length = bar_w * value / peak
        shown = label if len(label) <= 34 else label[:33] + "…"
        body.append(_text(label_w - 8, y + row_h / 2 + 4, shown, size=13, anchor="end"))
        body.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{max(1.0, length):.1f}" height="{row_h - 8}" fill="{colour}"/>'
        )
        body.append(_text(label_w + length + 6, y + row_h / 2 + 4, words, size=12, fill=MUTED))
    return _svg(width, height, body, title)


# -- the page ------------------------------------------------------------------------------------

_STYLE = """
body { font-family: system-ui, "Segoe UI", Arial, sans-serif; color: #1f2328; margin: 2rem auto;
       max-width: 1200px; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #d8dee4; }
.lead { color: #59636e; } img { max-width: 100%; height: auto; border: 1px solid #d8dee4; }
table { border-collapse: collapse; } td, th { padding: .2rem .8rem .2rem 0; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; font-size: 1.1rem; }
.figures b { display: block; font-size: 1.8rem; }
.note { color: #59636e; font-size: .95rem; }
.pair { display: flex; flex-wrap: wrap; gap: 1rem; } .pair figure { margin: 0; flex: 1 1 480px; }
figcaption { color: #59636e; } img.key { border: 0; vertical-align: middle; }
"""


def write_report(
    summary: Summary,
    out: Path,
    snapshots: Mapping[str, Path | None] | None = None,
    size: tuple[int, int] = (1920, 1080),
    made: date | None = None,
) -> Path:
    """Writes index.html and its pictures into `out` (made if missing); returns the page.

    `snapshots`: screen -> a picture of it at `size` (or None) for the heat maps."""
    out.mkdir(parents=True, exist_ok=True)
    snapshots = snapshots or {}
    period = f"{summary.first.isoformat()} to {summary.last.isoformat()}"
    parts: list[str] = [
        f"<h1>Visitors from {html.escape(period)}</h1>",
        f'<p class="lead">Made by <code>kiosk stats --report</code> on {(made or date.today()).isoformat()}. '
        "How to read each figure: docs/STATS.md.</p>",
    ]
    if not summary.visits:
        parts.append("<p><b>No visits were recorded in this period.</b></p>")
        return _page(out, period, parts)

    def save(name: str, svg: str) -> str:
        (out / name).write_text(svg, encoding="utf-8")
        return name

    days = (summary.last - summary.first).days + 1
    total = summary.visits
    parts.append(
        '<div class="figures">'
        f"<div><b>{total}</b> visits</div>"
        f"<div><b>{total / days:.1f}</b> a day on average ({days} days)</div>"
        f"<div><b>{duration(summary.median_seconds)}</b> median visit</div>"
        f"<div><b>{duration(summary.mean_seconds)}</b> mean visit</div>"
        + (
            f"<div><b>{100 * summary.cancelled_share:.0f} %</b> of {summary.countdown_shown} idle countdowns "
            "cancelled by a touch</div>"
            if summary.countdown_shown
            else "<div><b>0</b> idle countdowns</div>"
        )
        + "</div>"
    )
    parts.append("<h2>Visits per day</h2>")
    parts.append(_img(save("visits-per-day.svg", visits_per_day_svg(summary)), "Visits per day"))
    parts.append('<p class="note">Saturdays and Sundays in a lighter blue.</p>')
    parts.append("<h2>Visits per hour of the week</h2>")
    parts.append(_img(save("hour-of-week.svg", hour_of_week_svg(summary)), "Visits per hour of the week"))
    parts.append('<p class="note">Each square: the visits that started in that hour, over the whole period.</p>')

    parts.append("<h2>Visit length</h2>")
    length_rows = [(band, float(n), f"{n} ({100 * n / total:.0f} %)") for band, n in summary.lengths.items()]
    parts.append(_img(save("visit-length.svg", bars_svg(length_rows, "Visit length")), "Visit length"))

    parts.append("<h2>Languages</h2>")
    language_rows = [(code or "?", float(n), f"{n} ({100 * n / total:.0f} %)") for code, n in summary.languages.items()]
    parts.append(_img(save("languages.svg", bars_svg(language_rows, "Languages", "#8250df")), "Languages"))

    parts.append("<h2>Sections, by opens</h2>")
    section_rows = [(s, float(n), f"{n} opens · {duration(t)}") for s, n, t in summary.sections]
    parts.append(_img(save("sections.svg", bars_svg(section_rows, "Sections")), "Sections, by opens"))
    parts.append(
        '<p class="note">After each bar: the opens, then the time spent in the section, all visits together.</p>'
    )

    parts.append("<h2>Items, by opens (the 30 most opened)</h2>")
    item_rows = [(f"{s}: {i}", float(n), f"{n} opens · {duration(t)}") for s, i, n, t in summary.items[:30]]
    if item_rows:
        parts.append(_img(save("items.svg", bars_svg(item_rows, "Items", "#1a7f37")), "Items, by opens"))
    else:
        parts.append("<p>No item was opened.</p>")
    never = summary.never_opened
    parts.append(f"<h3>Items nobody opened ({len(never)})</h3>")
    parts.append(
        "<p>"
        + (html.escape(", ".join(f"{s}: {i}" for s, i in never)) if never else "None: every item was opened.")
        + "</p>"
    )

    parts += _heat_maps(summary, out, snapshots, size)

    if summary.actions:
        parts.append("<h2>Other actions</h2><table>")
        parts += [f"<tr><td>{html.escape(kind)}</td><td class='n'>{n}</td></tr>" for kind, n in summary.actions.items()]
        parts.append("</table>")
    if len(summary.contents) > 1:
        parts.append("<h2>Content versions shown</h2><table><tr><th>Fingerprint</th><th>Kiosk</th><th>Visits</th></tr>")
        parts += [
            f"<tr><td><code>{html.escape(c[:12] or '?')}</code></td><td>{html.escape(v)}</td>"
            f"<td class='n'>{n}</td></tr>"
            for c, v, n in summary.contents
        ]
        parts.append("</table>")
    return _page(out, period, parts)


def _by_screen(rows: list[tuple[str, int, int]]) -> dict[str, dict[int, int]]:
    found: dict[str, dict[int, int]] = {}
    for screen, cell, taps in rows:
        found.setdefault(screen, {})[cell] = taps
    return found


def _taps(n: int) -> str:
    return f"{n} tap{'s' if n != 1 else ''}"


def _heat_maps(summary: Summary, out: Path, snapshots: Mapping[str, Path | None], size: tuple[int, int]) -> list[str]:
    parts = ["<h2>Where visitors touch, and where nothing answers</h2>"]
    touched, nothing = _by_screen(summary.tap_cells), _by_screen(summary.nothing_cells)
    if not touched and not nothing:
        return [*parts, "<p>No tap was recorded in this period.</p>"]
    ramp_legend(out / "heat-legend.png", RAMP)
    ramp_legend(out / "heat-legend-nothing.png", RAMP_NOTHING)
    parts.append(
        "<p>Each screen twice, as the kiosk shows it, turned grey. Each coloured square is one cell of the "
        f"screen ({CELL_COLUMNS} x {CELL_ROWS}); its colour says how many taps it had, against the busiest cell "
        "of that map.</p>"
        '<div class="keys"><p><b>Every tap</b> (answered or not): <small>few</small> '
        '<img src="heat-legend.png" alt="colour key: pale yellow for few taps, orange, red, dark red for the most" '
        'width="320" height="24" class="key"> <small>the most</small></p>'
        "<p><b>Taps on nothing</b> (no button, card or picture reacted): <small>few</small> "
        '<img src="heat-legend-nothing.png" alt="colour key: pale blue for few taps, blue, violet, deep purple for '
        'the most" width="320" height="24" class="key"> <small>the most</small></p></div>'
    )
    if not touched:
        parts.append(
            '<p class="note">Every tap: not in this record (made before the kiosk counted every tap): '
            "taps on nothing only.</p>"
        )
    screens = sorted(
        set(touched) | set(nothing),
        key=lambda screen: (-sum(touched.get(screen, {}).values()), -sum(nothing.get(screen, {}).values()), screen),
    )
    for screen in screens:
        picture = snapshots.get(screen)
        all_taps, empty_taps = touched.get(screen, {}), nothing.get(screen, {})
        head = [_taps(sum(all_taps.values()))] if all_taps else []
        head.append(f"{sum(empty_taps.values())} on nothing")
        parts.append(f'<h3>{html.escape(screen or "?")}: {", ".join(head)}</h3><div class="pair">')
        for cells, colours, suffix, what in (
            (all_taps, RAMP, "", "Every tap"),
            (empty_taps, RAMP_NOTHING, "-nothing", "Taps on nothing"),
        ):
            if not cells:
                parts.append(f"<p>{what}: none.</p>" if what != "Every tap" else "")
                continue
            name = f"heat-{file_stem(screen)}{suffix}.png"
            heat_map(cells, picture, size, out / name, colours)
            busiest = max(cells.values(), default=0)
            parts.append(
                f"<figure>{_img(name, f'{what} on the {screen} screen')}<figcaption>{what}; "
                f"the busiest cell: {_taps(busiest)}</figcaption></figure>"
            )
        parts.append("</div>")
        parts.append(
            '<p class="note">'
            + (
                f"Drawn over the screen as the kiosk shows it at {size[0]} x {size[1]}."
                if picture is not None
                else "No picture of this screen could be made (not in the current content?): drawn over a plain grid."
            )
            + "</p>"
        )
    return parts


def _img(name: str, alt: str) -> str:
    return f'<p><img src="{html.escape(name)}" alt="{html.escape(alt)}"></p>'


def _page(out: Path, period: str, parts: list[str]) -> Path:
    page = out / "index.html"
    page.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Visitors from {html.escape(period)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body></html>\n",
        encoding="utf-8",
    )
    return page
