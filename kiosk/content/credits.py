"""The credits: every picture's credit and licence, the map data's attribution, every
source of the facts shown, and the kiosk's own fonts. Generated from the content."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.content.loader import Exhibit, localized
from kiosk.content.schema import BlasonSection, MapSection, Media, PillarsSection, TimelineSection

#: The fonts and software the kiosk itself ships (not curator content).
APP_CREDITS = (
    "Inter — The Inter Project Authors — SIL Open Font License 1.1",
    "Roboto Slab — Google, Christian Robertson — Apache License 2.0",
    "Qt 6 / PySide6 — The Qt Company — LGPL 3",
)


@dataclass(frozen=True)
class Credits:
    pictures: list[str]  # "credit — licence (used for: ...)"
    data: list[str]  # map layers' attributions
    sources: list[str]  # where the facts come from, each once
    software: tuple[str, ...] = APP_CREDITS


def collect(exhibit: Exhibit, language: str) -> Credits:
    default = exhibit.manifest.default_language

    def text(value: object) -> str:
        return localized(value, language, default)  # type: ignore[arg-type]

    pictures: dict[str, set[str]] = {}

    def picture(media: Media | None, where: str) -> None:
        if media is None:
            return
        line = " — ".join(part for part in (text(media.credit), media.licence or "") if part) or media.path
        pictures.setdefault(line, set()).add(where)

    picture(exhibit.manifest.backdrop, text(exhibit.manifest.title))
    data: list[str] = []
    sources: list[str] = []
    for loaded in exhibit.sections:
        section = loaded.content
        title = text(section.title)
        picture(section.illustration, title)
        if isinstance(section, TimelineSection):
            for era in section.eras:
                picture(era.illustration, title)
            for event in section.events:
                picture(event.media, title)
                sources.extend(event.sources)
        if isinstance(section, BlasonSection):
            picture(section.arms, title)
        if isinstance(section, PillarsSection):
            sources.extend(result.source for result in section.results)
        if isinstance(section, MapSection):
            data.extend(text(layer.credit) for layer in section.layers if layer.credit is not None)
            for marker in section.markers:
                picture(marker.media, title)
    lines = [f"{line}  ({', '.join(sorted(where))})" for line, where in sorted(pictures.items())]
    return Credits(pictures=lines, data=sorted(set(data)), sources=sorted(set(sources), key=str.lower))
