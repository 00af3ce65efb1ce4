"""Rules that span several items or files, each reported where the curator must look.

The schema checks each value on its own; these check how values fit together: ids that
must be unique, eras that must follow one another, events that must name a known era,
and links between sections that must lead somewhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kiosk.content.report import Report
from kiosk.content.schema import SectionIntro, TimelineSection
from kiosk.content.yamlsafe import DataPath, Position

#: Titles longer than this do not fit a card; visitors read a few words.
LONG_TITLE = 90
#: Texts longer than this are more than a visitor reads standing up.
LONG_TEXT = 1200

Where = Callable[[DataPath], Position]


def item_ids(kind: str, section: SectionIntro) -> set[str] | None:
    """The ids a link can point to in a section, or None when its view is not built yet."""
    if isinstance(section, TimelineSection):
        return {event.id for event in section.events}
    return None


def check_timeline(section: TimelineSection, file: str, where: Where, report: Report) -> None:
    era_ids: dict[str, int] = {}
    for index, era in enumerate(section.eras):
        if era.id in era_ids:
            report.error(file, *where(("eras", index, "id")),
                         f"two eras have the id '{era.id}' (the first is era {era_ids[era.id] + 1})")
        era_ids.setdefault(era.id, index)
    for index, (before, after) in enumerate(zip(section.eras, section.eras[1:], strict=False), start=1):
        if after.start != before.end:
            report.error(file, *where(("eras", index, "start")),
                         f"era '{after.id}' starts in {after.start} but '{before.id}' ends in {before.end}: "
                         "each era must start where the one before it ends")
    if section.events and not section.eras:
        report.error(file, *where(("events",)), "events need eras: add an `eras:` list")
    event_ids: dict[str, int] = {}
    first_year = section.eras[0].start if section.eras else None
    last_year = section.eras[-1].end if section.eras else None
    for index, event in enumerate(section.events):
        if event.id in event_ids:
            report.error(file, *where(("events", index, "id")),
                         f"two events have the id '{event.id}' (the first is event {event_ids[event.id] + 1})")
        event_ids.setdefault(event.id, index)
        if era_ids and event.era not in era_ids:
            report.error(file, *where(("events", index, "era")),
                         f"unknown era '{event.era}' (eras: {', '.join(era_ids)})")
        if first_year is not None and last_year is not None:
            if not first_year <= event.date.position() <= last_year:
                report.warning(file, *where(("events", index, "date")),
                               f"{event.date} lies outside the eras ({first_year}–{last_year}): "
                               "it is shown at the edge of the timeline")
        _check_lengths(event.title, LONG_TITLE, "title", ("events", index, "title"), file, where, report)
        _check_lengths(event.text, LONG_TEXT, "text", ("events", index, "text"), file, where, report)


def _check_lengths(text: object, limit: int, name: str, loc: DataPath, file: str, where: Where,
                   report: Report) -> None:
    texts = text.values() if isinstance(text, Mapping) else [text]
    longest = max((len(value) for value in texts if isinstance(value, str)), default=0)
    if longest > limit:
        report.warning(file, *where(loc),
                       f"this {name} is {longest} characters long; keep it under {limit} so it fits "
                       "and visitors read it (it is cut on screen)")


def check_links(sections: Mapping[str, tuple[SectionIntro, str, Where]], report: Report) -> None:
    """Every `related:` link leads to a section of the exhibit, and to an item that exists
    when that section can show items."""
    known = {kind: item_ids(kind, section) for kind, (section, _file, _where) in sections.items()}
    # Links to a section that cannot show single items yet: one warning per section, not per link.
    waiting: dict[str, list[tuple[str, Position, str]]] = {}
    for kind, (section, file, where) in sections.items():
        if not isinstance(section, TimelineSection):
            continue
        for index, event in enumerate(section.events):
            for number, link in enumerate(event.related):
                target_kind, _, target_id = link.partition(":")
                at = where(("events", index, "related", number))
                if target_kind not in known:
                    report.warning(file, *at, f"link '{link}': this exhibit has no {target_kind} section")
                elif known[target_kind] is None:
                    waiting.setdefault(target_kind, []).append((file, at, link))
                elif target_id not in (known[target_kind] or set()):
                    report.error(file, *at, f"link '{link}': no item '{target_id}' in the {target_kind} section")
                elif target_kind == kind and target_id == event.id:
                    report.warning(file, *at, f"link '{link}': the event links to itself")
    for target_kind, links in waiting.items():
        file, at, first = links[0]
        others = f" and {len(links) - 1} more" if len(links) > 1 else ""
        report.warning(file, *at, f"link '{first}'{others}: the {target_kind} section cannot show single "
                       "items yet, so these links open the section itself")
