"""The content format, version 1, declared once.

These pydantic models are the single source of truth for the loader, for
`kiosk validate` and for the curator guide (docs/CONTENT.md).
Every model forbids unknown keys and is frozen: content, once loaded, is immutable.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    field_validator,
    model_validator,
)

from kiosk.content.dates import HistoricDate

FORMAT_VERSION = 1

#: The section kinds the kiosk knows how to show.
SECTION_KINDS = ("timeline", "blason", "map", "pillars")

LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]

#: A date as curators write it: 1071, "1915-09" or "1915-09-25".
Date = Annotated[HistoricDate, BeforeValidator(HistoricDate.parse), PlainSerializer(str, return_type=str)]

#: A link to something elsewhere in the exhibit: `SECTION:ID`, for example
#: `map:puits-11`, `blason:phoenix`, `pillars:habitants` or `timeline:bataille-de-loos`.
Link = Annotated[
    str,
    StringConstraints(pattern=r"^(timeline|blason|map|pillars):[a-z0-9][a-z0-9_-]*$"),
]

#: More events than this is no longer a timeline a visitor can read in a few minutes.
MAX_EVENTS = 1000

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


class Era(Strict):
    """A period of the town's story, shown as a named, coloured band on the time axis."""

    id: Identifier = Field(description="A short name for links and events, for example `coal`.")
    title: LocalText = Field(description="The era's name, shown on its band and its chip.")
    start: int = Field(ge=1, le=3000, description="First year of the era.")
    end: int = Field(ge=1, le=3000, description="Year the era ends (the next era starts here).")
    width: float = Field(
        default=1.0, gt=0, le=20,
        description="How much of the time axis the era takes, relative to the others: an era "
        "of width 2 is twice as wide as an era of width 1, whatever its number of years. "
        "Give dense periods more width, sparse centuries less.",
    )
    colour: HexColour = Field(description="The era's colour, on its band, chip and events.")
    illustration: Media | None = Field(default=None, description="A picture of the era, shown on its band.")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Era:
        if self.end <= self.start:
            raise ValueError(f"era '{self.id}' ends ({self.end}) before it starts ({self.start})")
        return self


class Event(Strict):
    """One moment of the story: a dot on the axis and a card to open."""

    id: Identifier = Field(description="A short, unique name, for links: `bataille-de-loos`.")
    date: Date = Field(description='When: a year (1915), a month ("1915-09") or a day ("1915-09-25").')
    end: Date | None = Field(default=None, description='For a period: when it ends, in the same form ("1918").')
    approximate: bool = Field(default=False, description="The date is only known roughly: shown as 'about 1855'.")
    era: Identifier = Field(description="The `id` of the era the event belongs to (it takes its colour).")
    title: LocalText = Field(description="A few words; shown on the axis and on the card.")
    text: LocalText = Field(description="The story, a short paragraph or two.")
    media: Media | None = Field(default=None, description="A picture for the card, with its credit.")
    related: list[Link] = Field(
        default_factory=list,
        description="Links to other items of the exhibit, as `SECTION:ID` (`map:puits-11`, `timeline:ucc-1990`).",
    )
    sources: list[str] = Field(
        default_factory=list, description="Where the facts come from (shown in the credits, not on the card)."
    )

    @model_validator(mode="after")
    def _ends_after_start(self) -> Event:
        if self.end is not None and self.end.position() < self.date.position():
            raise ValueError(f"event '{self.id}' ends ({self.end}) before it starts ({self.date})")
        return self


class TimelineSection(SectionIntro):
    """`timeline.yaml`: the town's trajectory, as eras and events on a time axis."""

    eras: list[Era] = Field(
        default_factory=list,
        description="The eras, oldest first, each starting where the previous one ends.",
    )
    events: list[Event] = Field(
        default_factory=list,
        max_length=MAX_EVENTS,
        description=f"The events, in any order (they are sorted by date; equal dates keep the file's order). "
        f"At most {MAX_EVENTS}: more is not a timeline a visitor can read.",
    )


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
