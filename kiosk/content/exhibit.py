"""What a content folder that passed every check is: the objects the kiosk shows.

Kept apart from the loader (kiosk/content/loader.py), which reads and checks a folder: a warm
start (kiosk/services/warmstart.py) unpickles these, and the bridge reads them, without
importing what reading and checking need (YAML, Pillow, the checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.schema import LocalText, Manifest, Pillar, PillarsSection, SectionIntro, SectionRef, Source
from kiosk.content.typeset import typeset


@dataclass(frozen=True)
class LoadedSection:
    """One section of the home screen: its entry in the manifest and its validated file."""

    ref: SectionRef
    content: SectionIntro
    file: str  #: posix path relative to the content folder


@dataclass(frozen=True)
class Exhibit:
    """A content folder that passed every check: safe to show."""

    root: Path
    manifest: Manifest
    sections: tuple[LoadedSection, ...]
    #: The catalogue of sources (`sources.yaml`), in its order; empty when there is none.
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Languages:
    """The languages offered, in order, and the one every text must have."""

    offered: tuple[str, ...]
    default: str


def localized(text: LocalText | None, lang: str, default_lang: str) -> str:
    """The text in `lang`, else in the default language, else in any language, else ""."""
    return written(text, lang, default_lang)[0]


def written(text: LocalText | None, lang: str, default_lang: str) -> tuple[str, str]:
    """What `localized` picks, and the language it is written in: a plain text, the same
    in every language, is taken to be written in the default language."""
    if text is None:
        return "", default_lang
    if isinstance(text, str):
        return text, default_lang
    for code in (lang, default_lang):
        if text.get(code, "").strip():
            return text[code], code
    return next(((value, code) for code, value in text.items() if value.strip()), ("", default_lang))


def displayed(text: LocalText | None, lang: str, default_lang: str) -> str:
    """The text a visitor reads in `lang`: `localized`, typeset for the language it is
    actually written in (a French text shown for want of an English one keeps its French
    no-break spaces; an English text gets none). The bridge hands QML every section text
    through here (the credits screen, kiosk/content/credits.py, still lists credits as written)."""
    value, written_in = written(text, lang, default_lang)
    return typeset(value, written_in)


def pillars_and_foundation(section: PillarsSection) -> list[Pillar]:
    """The pillars, and the foundation first when there is one (it can be opened and linked too)."""
    return ([section.foundation] if section.foundation is not None else []) + list(section.pillars or [])
