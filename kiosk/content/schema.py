"""The content format, version 1, declared once.

These pydantic models are the single source of truth for the loader, for
`kiosk validate` and for the curator guide (docs/CONTENT.md).
Every model forbids unknown keys and is frozen: content, once loaded, is immutable.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

FORMAT_VERSION = 1

#: The section kinds the kiosk knows how to show.
SECTION_KINDS = ("timeline", "blason", "map", "pillars")

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]

#: A text given per language: ``{fr: "...", en: "...", nl: "..."}``.
#: A plain string is accepted too and means "the same in every language"
#: (names, numbers, proper nouns).
LocalText = dict[LanguageCode, str] | str


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Media(Strict):
    """A picture in the content folder, with what a visitor and a rights holder need."""

    path: str = Field(
        description="Path of the image file, relative to the content folder "
        "(for example `media/terrils.jpg`). PNG, JPEG, WebP, GIF or SVG.",
        min_length=1,
    )
    alt: LocalText | None = Field(
        default=None,
        description="Alternative text: what the picture shows, for visitors who cannot see it.",
    )
    credit: LocalText | None = Field(
        default=None, description="Who made the picture (photographer, archive, illustrator)."
    )
    licence: str | None = Field(
        default=None, description="The licence or permission under which it is shown (for example `CC BY 4.0`)."
    )
    fit: Literal["cover", "contain"] = Field(
        default="cover",
        description="`cover` fills the frame and trims the edges that stick out (photos, landscapes); "
        "`contain` shows the whole picture, with space around it (a coat of arms, a diagram).",
    )


class IdleSettings(Strict):
    """When the kiosk decides a visitor has walked away."""

    timeout_seconds: int = Field(
        default=90, ge=10, le=3600,
        description="Seconds without a touch before the 'are you still there?' countdown appears.",
    )
    countdown_seconds: int = Field(
        default=10, ge=3, le=60,
        description="Length of that countdown; without a touch the kiosk then returns to the attract screen.",
    )


class AttractSettings(Strict):
    """The living screen shown while nobody is using the kiosk."""

    slide_seconds: float = Field(
        default=9.0, ge=3.0, le=60.0,
        description="How long each picture and title of the attract loop stays on screen.",
    )
    invitation: LocalText | None = Field(
        default=None, description="Words inviting a passer-by to touch the screen."
    )
    timeline_tour: bool = Field(
        default=False, description="Whether the attract loop plays a slow tour of the timeline."
    )


class ThemeColours(Strict):
    """Colours of the exhibit. Each is `#RRGGBB`; leave one out to keep the kiosk's default."""

    background: HexColour | None = Field(default=None, description="Page background (dark).")
    surface: HexColour | None = Field(default=None, description="Cards, tiles and panels.")
    text: HexColour | None = Field(default=None, description="Main text colour, light on the background.")
    accent: HexColour | None = Field(default=None, description="Buttons and highlights.")


class SectionRef(Strict):
    """One entry of the home screen: a section kind and the file that holds it."""

    kind: Literal["timeline", "blason", "map", "pillars"] = Field(
        description="Which kind of section this is: timeline, blason, map or pillars."
    )
    file: str = Field(description="The section's YAML file, relative to the content folder.", min_length=1)
    colour: HexColour | None = Field(default=None, description="The section's own colour on the home tile.")


class Manifest(Strict):
    """`exhibit.yaml`: the exhibit as a whole."""

    format: Literal[1] = Field(description="Version of the content format. This kiosk reads version 1.")
    title: LocalText = Field(description="The exhibit's title, shown on the home and attract screens.")
    subtitle: LocalText | None = Field(default=None, description="A short line under the title.")
    invitation: LocalText = Field(description="One line inviting the visitor to choose a section.")
    languages: list[LanguageCode] = Field(
        min_length=1, description="Languages offered to visitors, in the order of the language switch."
    )
    default_language: LanguageCode = Field(
        description="The language every text must have, shown first and after a visitor leaves."
    )
    idle: IdleSettings = Field(default_factory=IdleSettings, description="Inactivity settings.")
    attract: AttractSettings = Field(default_factory=AttractSettings, description="Attract-loop settings.")
    theme: ThemeColours = Field(default_factory=ThemeColours, description="Colour overrides.")
    backdrop: Media | None = Field(default=None, description="Wide picture behind the home and attract screens.")
    sections: list[SectionRef] = Field(
        min_length=1, max_length=len(SECTION_KINDS), description="The sections, in the order of the home screen."
    )

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        duplicates = sorted({code for code in value if value.count(code) > 1})
        if duplicates:
            raise ValueError(f"language listed twice: {', '.join(duplicates)}")
        return value

    @model_validator(mode="after")
    def _default_is_offered(self) -> Manifest:
        if self.default_language not in self.languages:
            raise ValueError(
                f"default_language '{self.default_language}' is not in languages ({', '.join(self.languages)})"
            )
        return self


class SectionIntro(Strict):
    """What every section file starts with: how the section presents itself."""

    title: LocalText = Field(description="The section's title, on its home tile and page.")
    lead: LocalText = Field(description="One or two sentences that make a visitor want to go on.")
    body: LocalText | None = Field(default=None, description="A longer introduction, a few short paragraphs.")
    illustration: Media = Field(description="The picture on the home tile and the section page.")


class TimelineSection(SectionIntro):
    """`timeline.yaml`: the town's trajectory. Eras and events come with the timeline view."""


class BlasonSection(SectionIntro):
    """`blason.yaml`: the coat of arms. Charges and hotspots come with the blason view."""


class MapSection(SectionIntro):
    """`map.yaml`: terrils and shafts. Layers and markers come with the map view."""


class PillarsSection(SectionIntro):
    """`pillars.yaml`: the Loos method. Pillars and results come with the method view."""


SECTION_MODELS: dict[str, type[SectionIntro]] = {
    "timeline": TimelineSection,
    "blason": BlasonSection,
    "map": MapSection,
    "pillars": PillarsSection,
}

def field_names(model: type[BaseModel]) -> list[str]:
    """The keys a curator may write for this model (for 'did you mean' hints)."""
    return list(model.model_fields)
