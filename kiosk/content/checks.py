"""Rules that span several items or files, each reported where the curator must look.

The schema checks each value on its own; these check how values fit together: ids that
must be unique, eras that must follow one another, events that must name a known era,
and links between sections that must lead somewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

from kiosk.content import contrast, fit
from kiosk.content.exhibit import pillars_and_foundation
from kiosk.content.geo import Bounds, GeoJSONError, LonLat, extent, read_layer
from kiosk.content.hotspots import Region, overlap, self_intersects
from kiosk.content.media import UnsafePathError, contained_path
from kiosk.content.report import Report
from kiosk.content.schema import (
    BlasonSection,
    Hotspot,
    Manifest,
    MapSection,
    PillarsSection,
    SectionIntro,
    TimelineSection,
)
from kiosk.content.yamlsafe import DataPath, Position
from kiosk.paths import qml_dir

#: Titles longer than this do not fit a card; visitors read a few words.
LONG_TITLE = 90
#: Texts longer than this are more than a visitor reads standing up.
LONG_TEXT = 1200

Where = Callable[[DataPath], Position]


def item_ids(kind: str, section: SectionIntro) -> set[str] | None:
    """The ids a link can point to in a section, or None when its view is not built yet."""
    if isinstance(section, TimelineSection):
        return {event.id for event in section.events}
    if isinstance(section, BlasonSection) and section.charges:
        return {charge.id for charge in section.charges}
    if isinstance(section, PillarsSection) and section.pillars:
        return {pillar.id for pillar in pillars_and_foundation(section)}
    if isinstance(section, MapSection) and section.markers:
        return {marker.id for marker in section.markers}
    return None


def _item_title(section: SectionIntro, item_id: str) -> object | None:
    """What a link button to an item says: its title (a charge's name)."""
    items: Sequence[object] = []
    if isinstance(section, TimelineSection):
        items = section.events
    elif isinstance(section, BlasonSection):
        items = section.charges
    elif isinstance(section, MapSection):
        items = section.markers
    elif isinstance(section, PillarsSection):
        items = pillars_and_foundation(section)
    for item in items:
        if getattr(item, "id", None) == item_id:
            return getattr(item, "title", None) or getattr(item, "name", None)
    return None


def links_of(section: SectionIntro) -> Iterator[tuple[DataPath, str, list[str]]]:
    """Every list of links in a section: (where the list is, the item's id, the links)."""
    if isinstance(section, TimelineSection):
        for index, event in enumerate(section.events):
            yield ("events", index, "related"), event.id, list(event.related)
    if isinstance(section, BlasonSection):
        for index, charge in enumerate(section.charges):
            yield ("charges", index, "related"), charge.id, list(charge.related)
    if isinstance(section, PillarsSection):
        if section.foundation is not None:
            for n, example in enumerate(section.foundation.examples):
                yield ("foundation", "examples", n, "related"), section.foundation.id, list(example.related)
        for index, pillar in enumerate(section.pillars or []):
            for n, example in enumerate(pillar.examples):
                yield ("pillars", index, "examples", n, "related"), pillar.id, list(example.related)
        for n, ingredient in enumerate(section.ingredients):
            yield ("ingredients", n, "related"), "", list(ingredient.related)
    if isinstance(section, MapSection):
        for index, marker in enumerate(section.markers):
            yield ("markers", index, "related"), marker.id, list(marker.related)


def check_map(section: MapSection, root: Path, file: str, where: Where, report: Report) -> None:
    """Layers that can be read and drawn, markers and background that fall on the map, ids once."""
    points: list[LonLat] = []
    layers: list[tuple[tuple[int, int], str, Bounds | None]] = []
    for index, layer in enumerate(section.layers):
        at = where(("layers", index, "file"))
        try:
            data = read_layer(contained_path(root, layer.file))
        except UnsafePathError as exc:
            report.error(file, *at, f"layer '{layer.id}': '{layer.file}': {exc}")
            continue
        except FileNotFoundError:
            report.error(file, *at, f"layer '{layer.id}': file '{layer.file}' not found")
            continue
        except GeoJSONError as exc:
            report.error(file, *at, f"layer '{layer.id}': {exc}")
            continue
        except OSError as exc:
            report.error(file, *at, f"layer '{layer.id}': cannot read '{layer.file}': {exc.strerror or exc}")
            continue
        for kind, count in sorted(data.skipped.items()):
            report.warning(
                file,
                *at,
                f"layer '{layer.id}': {count} geometr{'y' if count == 1 else 'ies'} of type "
                f"{kind} are not drawn (the map draws {', '.join(('Polygon', 'LineString', 'Point'))}"
                " and their Multi forms)",
            )
        if data.is_empty():
            report.warning(file, *at, f"layer '{layer.id}' is empty: nothing to draw")
        layers.append((at, layer.id, extent(list(data.coordinates()))))
        points.extend(data.coordinates())
    places = extent([(marker.lon, marker.lat) for marker in section.markers])
    if places is not None:
        # A layer far from every marker: most often longitude and latitude written the other way round.
        for at, layer_id, layer_bounds in layers:
            if layer_bounds is not None and not _near(layer_bounds, places):
                hint = (
                    "; its longitudes and latitudes look swapped"
                    if _near(_swapped(layer_bounds), places)
                    else "; check that it holds WGS84 longitude/latitude"
                )
                report.warning(file, *at, f"layer '{layer_id}' lies far from the markers{hint}")
    bounds = extent(points)
    ids: dict[str, int] = {}
    for index, marker in enumerate(section.markers):
        if marker.id in ids:
            report.error(
                file,
                *where(("markers", index, "id")),
                f"two markers have the id '{marker.id}' (the first is marker {ids[marker.id] + 1})",
            )
        ids.setdefault(marker.id, index)
        if bounds is not None and not bounds.contains(marker.lon, marker.lat, margin=0.5):
            swapped = bounds.contains(marker.lat, marker.lon, margin=0.5)
            hint = (
                "; longitude and latitude look swapped"
                if swapped
                else "; check its longitude (east-west) and latitude (north-south)"
            )
            report.warning(
                file,
                *where(("markers", index, "lat")),
                f"marker '{marker.id}' (lat {marker.lat}, lon {marker.lon}) lies far outside the map" + hint,
            )
    if section.here is not None and section.here not in ids:
        report.error(file, *where(("here",)), f"'here' names no marker: '{section.here}'")
    background = section.background
    if background is not None and bounds is not None:
        picture = Bounds(background.west, background.south, background.east, background.north)
        if not _near(picture, bounds):
            hint = (
                "; its longitudes and latitudes look swapped"
                if _near(_swapped(picture), bounds)
                else "; check its west, south, east and north"
            )
            report.warning(file, *where(("background", "north")), "the background picture lies outside the map" + hint)


def _near(a: Bounds, b: Bounds) -> bool:
    """Whether two areas overlap, once `b` is widened by half its size each way."""
    margin = b.padded(0.5)
    return a.west <= margin.east and a.east >= margin.west and a.south <= margin.north and a.north >= margin.south


def _swapped(b: Bounds) -> Bounds:
    return Bounds(b.south, b.west, b.north, b.east)


def check_pillars(section: PillarsSection, file: str, where: Where, report: Report) -> None:
    """Each id once (an empty list of pillars is refused by the schema)."""
    seen: dict[str, str] = {}
    if section.foundation is not None:
        seen[section.foundation.id] = "the foundation"
    for index, pillar in enumerate(section.pillars or []):
        if pillar.id in seen:
            report.error(file, *where(("pillars", index, "id")), f"the id '{pillar.id}' is already {seen[pillar.id]}")
        seen.setdefault(pillar.id, f"pillar {index + 1}")
    result_ids: set[str] = set()
    for index, result in enumerate(section.results):
        if result.id in result_ids:
            report.error(file, *where(("results", index, "id")), f"two results have the id '{result.id}'")
        result_ids.add(result.id)


def check_blason(section: BlasonSection, file: str, where: Where, report: Report) -> None:
    """Hotspots that a finger can find, unique ids, and a picture to put them on."""
    if section.charges and section.arms is None:
        report.error(file, *where(("charges",)), "charges need the picture they are drawn on: add `arms:`")
    seen: dict[str, int] = {}
    for index, charge in enumerate(section.charges):
        if charge.id in seen:
            report.error(
                file,
                *where(("charges", index, "id")),
                f"two charges have the id '{charge.id}' (the first is charge {seen[charge.id] + 1})",
            )
        seen.setdefault(charge.id, index)
    check_hotspots([(charge.id, charge.hotspot) for charge in section.charges], file, where, report)
    terms: dict[str, int] = {}
    for index, entry in enumerate(section.glossary):
        if entry.id in terms:
            report.error(
                file,
                *where(("glossary", index, "id")),
                f"two glossary entries have the id '{entry.id}' (the first is entry {terms[entry.id] + 1})",
            )
        terms.setdefault(entry.id, index)


def check_hotspots(hotspots: Sequence[tuple[str, Hotspot]], file: str, where: Where, report: Report) -> list[Region]:
    """The charges' hotspots (id, shape), at `charges[i].hotspot`: enough corners, inside the
    picture, not crossing themselves, not hiding one another. Returns those that can be used."""
    regions: list[tuple[int, Region]] = []
    for index, (charge_id, hotspot) in enumerate(hotspots):
        at = ("charges", index, "hotspot")
        if hotspot.polygon is not None:
            points = hotspot.polygon
            if len(points) < 3:
                report.error(
                    file,
                    *where((*at, "polygon")),
                    f"the hotspot of '{charge_id}' has {len(points)} point(s): a polygon needs at least 3",
                )
                continue
            outside = [n + 1 for n, (x, y) in enumerate(points) if not (0 <= x <= 1 and 0 <= y <= 1)]
            if outside:
                report.error(
                    file,
                    *where((*at, "polygon", outside[0] - 1)),
                    f"point {outside[0]} of the hotspot of '{charge_id}' is outside the picture: "
                    "coordinates go from 0 (left, top) to 1 (right, bottom)",
                )
                continue
            if self_intersects([(float(x), float(y)) for x, y in points]):
                report.warning(
                    file,
                    *where((*at, "polygon")),
                    f"the hotspot of '{charge_id}' crosses itself: check the order of its points",
                )
        elif hotspot.ellipse is not None:
            e = hotspot.ellipse
            if not (e.cx - e.rx >= 0 and e.cx + e.rx <= 1 and e.cy - e.ry >= 0 and e.cy + e.ry <= 1):
                report.error(
                    file,
                    *where((*at, "ellipse")),
                    f"the ellipse of '{charge_id}' reaches outside the picture: "
                    "coordinates go from 0 (left, top) to 1 (right, bottom)",
                )
                continue
        regions.append((index, Region(charge_id, hotspot)))
    for n, (_index_a, a) in enumerate(regions):
        for index_b, b in regions[n + 1 :]:
            if overlap(a, b):
                smaller = a.id if a.area() <= b.area() else b.id
                report.warning(
                    file,
                    *where(("charges", index_b, "hotspot")),
                    f"the hotspots of '{a.id}' and '{b.id}' overlap: a touch on both opens "
                    f"'{smaller}', the smaller one",
                )
    return [region for _, region in regions]


def check_timeline(section: TimelineSection, file: str, where: Where, report: Report) -> None:
    era_ids: dict[str, int] = {}
    for index, era in enumerate(section.eras):
        if era.id in era_ids:
            report.error(
                file,
                *where(("eras", index, "id")),
                f"two eras have the id '{era.id}' (the first is era {era_ids[era.id] + 1})",
            )
        era_ids.setdefault(era.id, index)
    for index, (before, after) in enumerate(zip(section.eras, section.eras[1:], strict=False), start=1):
        if after.start != before.end:
            report.error(
                file,
                *where(("eras", index, "start")),
                f"era '{after.id}' starts in {after.start} but '{before.id}' ends in {before.end}: "
                "each era must start where the one before it ends",
            )
    if section.events and not section.eras:
        report.error(file, *where(("events",)), "events need eras: add an `eras:` list")
    event_ids: dict[str, int] = {}
    first_year = section.eras[0].start if section.eras else None
    last_year = section.eras[-1].end if section.eras else None
    for index, event in enumerate(section.events):
        if event.id in event_ids:
            report.error(
                file,
                *where(("events", index, "id")),
                f"two events have the id '{event.id}' (the first is event {event_ids[event.id] + 1})",
            )
        event_ids.setdefault(event.id, index)
        if era_ids and event.era not in era_ids:
            report.error(
                file, *where(("events", index, "era")), f"unknown era '{event.era}' (eras: {', '.join(era_ids)})"
            )
        if first_year is not None and last_year is not None:
            if not first_year <= event.date.position() <= last_year:
                report.warning(
                    file,
                    *where(("events", index, "date")),
                    f"{event.date} lies outside the eras ({first_year}–{last_year}): "
                    "it is shown at the edge of the timeline",
                )
            elif event.era in era_ids:
                _check_era_years(section, index, file, where, report)
        _check_lengths(event.title, LONG_TITLE, "title", ("events", index, "title"), file, where, report)
        _check_lengths(event.text, LONG_TEXT, "text", ("events", index, "text"), file, where, report)
        for place in (fit.EVENT_TILE_TITLE, fit.EVENT_STEP_TITLE, fit.EVENT_HEADING):
            _check_fit(event.title, place, ("events", index, "title"), file, where, report)


def _check_era_years(section: TimelineSection, index: int, file: str, where: Where, report: Report) -> None:
    """An event stands on the axis at its date, in the band of the era of that date, but in
    the colour of the era it names: the two should agree. An era's years run from its
    `start` to its `end`, both included (the year an era ends, the next one starts)."""
    event = section.events[index]
    era = next(era for era in section.eras if era.id == event.era)
    if era.start <= event.date.year <= era.end:
        return
    band = next((other for other in section.eras if other.start <= event.date.year <= other.end), None)
    shown = f" in the band of '{band.id}'" if band is not None else ""
    report.warning(
        file,
        *where(("events", index, "date")),
        f"event '{event.id}' is dated {event.date}, outside its era '{era.id}' ({era.start}–{era.end}): "
        f"visitors see it{shown} in the colour of '{era.id}'; correct the date or the era",
    )


def _check_fit(
    text: object,
    place: fit.Place,
    loc: DataPath,
    file: str,
    where: Where,
    report: Report,
    suffix: str = "",
    what: str = "this title",
) -> None:
    """Warn where a text will be cut with "…" on screen: one warning, naming the languages."""
    texts = text.items() if isinstance(text, Mapping) else [("", text)]
    # A plain text is shown in every language, typeset as written in the default one: it
    # is measured both with and without the French no-break spaces.
    cut = [
        language
        for language, value in texts
        if isinstance(value, str)
        and not all(fit.fits(value + suffix, place, shown_in) for shown_in in ([language] if language else ["", "fr"]))
    ]
    if cut:
        languages = f" ({', '.join(cut)})" if cut[0] else ""
        room = f"{place.lines} lines" if place.lines > 1 else "one line"
        report.warning(
            file,
            *where(loc),
            f"{what}{languages} is too long for {place.description} ({room}): a visitor sees it "
            "cut with '…' there; shorten it",
        )


def _check_lengths(text: object, limit: int, name: str, loc: DataPath, file: str, where: Where, report: Report) -> None:
    texts = text.values() if isinstance(text, Mapping) else [text]
    longest = max((len(value) for value in texts if isinstance(value, str)), default=0)
    if longest > limit:
        report.warning(
            file,
            *where(loc),
            f"this {name} is {longest} characters long; keep it under {limit} so it fits "
            "and visitors read it (it is cut on screen)",
        )


def check_links(sections: Mapping[str, tuple[SectionIntro, str, Where]], report: Report) -> None:
    """Every `related:` link leads to a section of the exhibit, and to an item that exists
    when that section can show items."""
    known = {kind: item_ids(kind, section) for kind, (section, _file, _where) in sections.items()}
    # Links to a section that cannot show single items yet: one warning per section, not per link.
    waiting: dict[str, list[tuple[str, Position, str]]] = {}
    for kind, (section, file, where) in sections.items():
        for loc, item_id, links in links_of(section):
            for number, link in enumerate(links):
                target_kind, _, target_id = link.partition(":")
                at = where((*loc, number))
                if target_kind not in known:
                    report.warning(file, *at, f"link '{link}': this exhibit has no {target_kind} section")
                elif known[target_kind] is None:
                    waiting.setdefault(target_kind, []).append((file, at, link))
                elif target_id not in (known[target_kind] or set()):
                    report.error(file, *at, f"link '{link}': no item '{target_id}' in the {target_kind} section")
                elif target_kind == kind and target_id == item_id:
                    report.warning(file, *at, f"link '{link}': the item links to itself")
                elif kind == "timeline":
                    title = _item_title(sections[target_kind][0], target_id)
                    if title is not None:
                        _check_fit(
                            title,
                            fit.EVENT_LINK,
                            (*loc, number),
                            file,
                            where,
                            report,
                            fit.LINK_ARROW,
                            f"link '{link}': the title it shows",
                        )
    for target_kind, waiting_links in waiting.items():
        file, at, first = waiting_links[0]
        others = f" and {len(waiting_links) - 1} more" if len(waiting_links) > 1 else ""
        report.warning(
            file,
            *at,
            f"link '{first}'{others}: the {target_kind} section cannot show single "
            "items yet, so these links open the section itself",
        )


@lru_cache(maxsize=1)
def theme_colours() -> dict[str, str]:
    """The kiosk's own palette, as Theme.qml gives it (before a manifest's overrides); read
    once per process, not at every load (kiosk preview reloads at each save)."""
    text = (qml_dir() / "Kiosk" / "Theme.qml").read_text(encoding="utf-8")
    found = re.findall(r'property color (\w+): (?:contentColours\.\w+ \?\? )?"(#[0-9a-fA-F]{6})"', text)
    return dict(found)


def check_colours(
    manifest: Manifest, sections: Mapping[str, tuple[SectionIntro, str, Where]], manifest_where: Where, report: Report
) -> None:
    """A curator's colours against the backgrounds the kiosk draws them on: text colours
    need 4.5:1 (WCAG 1.4.3); the colours of sections, eras and layers, drawn as bars,
    borders, chips and map lines, need 3:1 to be seen (WCAG 1.4.11). Dates and labels the
    kiosk writes in an era's colour are lightened by it until they read at 4.5:1."""
    palette = theme_colours()
    overrides = manifest.theme
    background = overrides.background or palette.get("background", "#121417")
    surface = overrides.surface or palette.get("surface", "#1d2126")
    papers = (("the background", background), ("a card", surface))

    def weakest(colour: str) -> tuple[float, str]:
        return min(
            (contrast.ratio(contrast.parse_hex(colour), contrast.parse_hex(paper)), name) for name, paper in papers
        )

    def check(colour: str | None, need: float, what: str, file: str, at: Position) -> None:
        if colour is None:
            return
        measured, paper = weakest(colour)
        if measured + 0.005 < need:
            report.warning(
                file,
                *at,
                f"{what} {colour} measures {measured:.1f}:1 on {paper} "
                f"({contrast.ratio(contrast.parse_hex(colour), contrast.parse_hex(background)):.1f}:1 "
                f"on the background); it needs {need:g}:1 to be read: choose a "
                f"{'lighter' if contrast.luminance(contrast.parse_hex(background)) < 0.2 else 'darker'} "
                "colour",
            )

    check(overrides.text, contrast.NORMAL_TEXT, "the text colour", "exhibit.yaml", manifest_where(("theme", "text")))
    check(
        overrides.accent,
        contrast.NORMAL_TEXT,
        "the accent colour (leads, figures)",
        "exhibit.yaml",
        manifest_where(("theme", "accent")),
    )
    for index, ref in enumerate(manifest.sections):
        check(
            ref.colour,
            contrast.LARGE_TEXT,
            f"section '{ref.kind}': its colour",
            "exhibit.yaml",
            manifest_where(("sections", index, "colour")),
        )
    for section, file, where in sections.values():
        if isinstance(section, TimelineSection):
            for index, era in enumerate(section.eras):
                check(
                    era.colour,
                    contrast.LARGE_TEXT,
                    f"era '{era.id}': its colour",
                    file,
                    where(("eras", index, "colour")),
                )
        if isinstance(section, MapSection):
            for index, layer in enumerate(section.layers):
                check(
                    layer.colour,
                    contrast.LARGE_TEXT,
                    f"layer '{layer.id}': its colour",
                    file,
                    where(("layers", index, "colour")),
                )
