"""The credits: the sources of the facts, grouped by what they support; each picture credit
once; the map data's attribution; the kiosk's own fonts and software. Generated from the
content, so the screen, `sources.yaml` and docs/SOURCES.md never disagree.

`python -m kiosk.content.credits docs/SOURCES.md` writes the curators' list of sources
from the default content's `sources.yaml` (a test checks it is up to date).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.exhibit import Exhibit, localized
from kiosk.content.schema import SOURCE_GROUPS, BlasonSection, MapSection, Media, Source, TimelineSection


@dataclass(frozen=True)
class Entry:
    """One line of the credits: what (a title, a credit) and by whom (publisher, licence)."""

    title: str
    by: str


#: The fonts and software the kiosk itself ships (not curator content).
APP_CREDITS = (
    Entry("Inter", "The Inter Project Authors — SIL Open Font License 1.1"),
    Entry("Roboto Slab", "Google, Christian Robertson — Apache License 2.0"),
    Entry("Qt 6 / PySide6", "The Qt Company — LGPL 3"),
)


@dataclass(frozen=True)
class SourceGroup:
    """The sources of one kind of fact (`history`, `arms`, `terrils`, `method`), in catalogue order."""

    group: str
    sources: tuple[Entry, ...]


@dataclass(frozen=True)
class Credits:
    pictures: list[Entry]  # each credit once, with its licence
    data: list[str]  # map layers' attributions
    sources: list[SourceGroup]  # in the order of SOURCE_GROUPS, empty groups left out
    software: tuple[Entry, ...] = APP_CREDITS


def group_sources(catalogue: Iterable[Source]) -> list[SourceGroup]:
    """The catalogue by what it supports, in the order of `SOURCE_GROUPS`, each source once."""
    by_group: dict[str, list[Entry]] = {group: [] for group in SOURCE_GROUPS}
    seen: set[str] = set()
    for source in catalogue:
        if source.id in seen:
            continue
        seen.add(source.id)
        by_group[source.group].append(Entry(source.title, source.publisher))
    return [SourceGroup(group, tuple(entries)) for group, entries in by_group.items() if entries]


def collect(exhibit: Exhibit, language: str) -> Credits:
    default = exhibit.manifest.default_language

    def text(value: object) -> str:
        return localized(value, language, default)  # type: ignore[arg-type]

    # One line per credit and licence; the same words typed with another space (a plain one
    # where French wants a non-breaking one) are the same credit.
    pictures: dict[tuple[str, str], tuple[str, str]] = {}

    def picture(media: Media | None) -> None:
        if media is not None:
            credit = text(media.credit) or media.path
            licence = media.licence or ""
            key = (" ".join(credit.split()), " ".join(licence.split()))
            if key not in pictures or "\u00a0" in credit:
                pictures[key] = (credit, licence)

    picture(exhibit.manifest.backdrop)
    data: list[str] = []
    for loaded in exhibit.sections:
        section = loaded.content
        picture(section.illustration)
        if isinstance(section, TimelineSection):
            for era in section.eras:
                picture(era.illustration)
            for event in section.events:
                picture(event.media)
        if isinstance(section, BlasonSection):
            picture(section.arms)
        if isinstance(section, MapSection):
            data.extend(text(layer.credit) for layer in section.layers if layer.credit is not None)
            for marker in section.markers:
                picture(marker.media)
    return Credits(
        pictures=[Entry(credit, licence) for _key, (credit, licence) in sorted(pictures.items())],
        data=sorted(set(data)),
        sources=group_sources(exhibit.sources),
    )


# -- docs/SOURCES.md -----------------------------------------------------------------------------

#: The headings of docs/SOURCES.md (the screen's, per language, are in resources/ui-strings.yaml).
GROUP_HEADINGS = {
    "history": "History of the town",
    "arms": "The coat of arms",
    "terrils": "Terrils and shafts",
    "method": "The method",
}


def sources_markdown(catalogue: Sequence[Source], credits: Credits | None = None) -> str:
    """docs/SOURCES.md: every source of the default content, grouped as on the credits screen,
    then (from `credits`, in English) the map data and the pictures, as the screen lists them."""
    lines = [
        "# Sources",
        "",
        "<!-- Generated from content/sources.yaml by `python -m kiosk.content.credits docs/SOURCES.md`:",
        "     edit the catalogue, then run the command again (a test checks this file is up to date). -->",
        "",
        "The facts the exhibit shows come from these publications. Each event of the timeline and each",
        "result of the method names its sources by id (`sources: [ville-histoire]`), from the catalogue",
        "`content/sources.yaml`; the credits screen lists the same sources, in the visitor's language.",
        "Where sources disagree (the end of the Battle of Loos, the date of the pit 11 headframe, the",
        "1992 listing, the heights of the terrils), the exhibit says so rather than choosing one.",
    ]
    by_id = {source.id: source for source in catalogue}
    for group in SOURCE_GROUPS:
        members = [source for source in by_id.values() if source.group == group]
        if not members:
            continue
        lines += ["", f"## {GROUP_HEADINGS[group]}", ""]
        for source in members:
            where = f" <{source.url}>" if source.url else ""
            lines.append(f"- *{source.title}*, {source.publisher}.{where} `{source.id}`")
    if credits is not None and credits.data:
        lines += ["", "## Map data", ""] + [f"- {line}" for line in credits.data]
    if credits is not None and credits.pictures:
        lines += ["", "## Pictures", ""] + [f"- {entry.title}, {entry.by}" for entry in credits.pictures]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str]) -> int:
    from kiosk.content.loader import load_exhibit
    from kiosk.paths import default_content_dir

    exhibit, _report = load_exhibit(default_content_dir(), thorough=False)
    if exhibit is None:
        sys.stderr.write("the default content does not load: run `kiosk validate content`\n")
        return 1
    text = sources_markdown(exhibit.sources, collect(exhibit, "en"))
    if argv:
        Path(argv[0]).write_text(text, encoding="utf-8", newline="\n")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
