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
    RootModel,
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

#: Lists that, once written, need at least one item: what a visitor would see of an empty
#: one, in a curator's words. Left out, each section shows its introduction page instead
#: (the timeline without `events`, the coat of arms without `charges`...).
#: The catalogue of sources every section cites by id.
SOURCES_FILE = "sources.yaml"

EMPTY_LISTS = {
    "eras": "the timeline has no eras: its events need eras to stand on; add at least one era",
    "events": "the timeline has no events: visitors would see an empty time axis; add at least one event "
    "(or remove `events:`, and the section shows its introduction only)",
    "charges": "the coat of arms has no charges: visitors would find nothing to touch; add at least one "
    "charge (or remove `charges:`, and the section shows its introduction only)",
    "markers": "the map has no markers: visitors would see an empty map; add at least one marker "
    "(or remove `markers:`, and the section shows its introduction only)",
    "pillars": "the list of pillars is empty: the method needs at least one to stand "
    "(or remove `pillars:`, and the section shows its introduction only)",
}

#: A text given per language: ``{fr: "...", en: "...", nl: "..."}``.
#: A plain string is accepted too and means "the same in every language"
#: (names, numbers, proper nouns).
LocalText = dict[LanguageCode, str] | str


class Strict(BaseModel):
    """Base of every content model: unknown keys are errors, values are immutable.

    Validators are built when first needed (`defer_build`, then `build_validators`): a warm
    start (kiosk/services/warmstart.py) unpickles the models and never validates."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False, defer_build=True)


def _focus_point(value: object) -> object:
    """`focus` is [x, y], two fractions of the picture's width and height."""
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(part, (int, float)) and not isinstance(part, bool) for part in value)
    ):
        raise ValueError(f"should be [x, y]: two numbers from 0 to 1, like [0.5, 0.2], not {value!r}")
    if not all(0 <= part <= 1 for part in value):
        raise ValueError(f"each number goes from 0 (left or top edge) to 1 (right or bottom edge), not {list(value)}")
    return value


Fraction = Annotated[float, Field(ge=0, le=1)]
#: The point of a picture that `cover` keeps in view: [x, y], fractions of its width and height.
FocusPoint = Annotated[tuple[Fraction, Fraction], BeforeValidator(_focus_point)]


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
    focus: FocusPoint = Field(
        default=(0.5, 0.5),
        description="With `fit: cover`, the point of the picture that stays in view when its edges are "
        "trimmed: `[x, y]`, each from 0 to 1 (`[0, 0]` the top left corner, `[1, 1]` the bottom right). "
        "For a portrait photo whose face is near the top, `[0.5, 0.2]`. Default `[0.5, 0.5]`, the centre.",
    )


#: A recording's path in the content folder: `audio/fr/bataille.ogg`.
AudioPath = Annotated[
    str,
    StringConstraints(min_length=1),
    Field(description="The recording in that language, from the content folder: `audio/fr/bataille.ogg`."),
]


class Audio(RootModel[dict[LanguageCode, AudioPath]]):
    """A recording of a text, one file per language: `{fr: audio/fr/x.ogg, en: audio/en/x.ogg}`.

    Reused by every text a visitor can listen to; a language left out has no Listen button.
    """

    model_config = ConfigDict(frozen=True, defer_build=True)


#: What every `audio:` field says (introductions, events, markers, charges, pillars).
AUDIO_DESCRIPTION = (
    "A recording of this text read aloud, one file per language (`{fr: audio/fr/x.ogg, en: ...}`): "
    "visitors who cannot or would rather not read touch Listen. Ogg Vorbis, MP3, FLAC or WAV."
)


#: The idle timings when neither exhibit.yaml nor kiosk.yaml sets them (the only place they are written).
IDLE_TIMEOUT_SECONDS = 90
IDLE_COUNTDOWN_SECONDS = 10


class IdleSettings(Strict):
    """When the kiosk decides a visitor has walked away."""

    timeout_seconds: int = Field(
        default=IDLE_TIMEOUT_SECONDS,
        ge=10,
        le=3600,
        description="Seconds without a touch before the 'are you still there?' countdown appears.",
    )
    countdown_seconds: int = Field(
        default=IDLE_COUNTDOWN_SECONDS,
        ge=3,
        le=60,
        description="Length of that countdown; without a touch the kiosk then returns to the attract screen.",
    )


class AttractSettings(Strict):
    """The living screen shown while nobody is using the kiosk."""

    slide_seconds: float = Field(
        default=9.0,
        ge=3.0,
        le=60.0,
        description="How long each picture and title of the attract loop stays on screen.",
    )
    invitation: LocalText | None = Field(default=None, description="Words inviting a passer-by to touch the screen.")
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
    file: str = Field(
        description="The section's YAML file, relative to the content folder, ending in `.yaml` or `.yml`.",
        min_length=1,
    )
    colour: HexColour | None = Field(default=None, description="The section's own colour on the home tile.")


class Manifest(Strict):
    """`exhibit.yaml`: the exhibit as a whole."""

    format: Literal[1] = Field(description="Version of the content format. This kiosk reads version 1.")
    title: LocalText = Field(description="The exhibit's title, shown on the home and attract screens.")
    subtitle: LocalText | None = Field(default=None, description="A short line under the title.")
    invitation: LocalText = Field(description="One line inviting the visitor to choose a section.")
    languages: list[LanguageCode] = Field(
        min_length=1,
        description="Languages offered to visitors, in the order of the language switch; each code once.",
    )
    default_language: LanguageCode = Field(
        description="The language every text must have, shown first and after a visitor leaves. One of `languages`."
    )
    idle: IdleSettings = Field(default_factory=IdleSettings, description="Inactivity settings.")
    attract: AttractSettings = Field(default_factory=AttractSettings, description="Attract-loop settings.")
    theme: ThemeColours = Field(default_factory=ThemeColours, description="Colour overrides.")
    backdrop: Media | None = Field(default=None, description="Wide picture behind the home and attract screens.")
    sections: list[SectionRef] = Field(
        min_length=1,
        max_length=len(SECTION_KINDS),
        description="The sections, in the order of the home screen; each kind at most once.",
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
    audio: Audio | None = Field(default=None, description=AUDIO_DESCRIPTION + " Reads the introduction.")


class Era(Strict):
    """A period of the town's story, shown as a named, coloured band on the time axis."""

    id: Identifier = Field(description="A short name for links and events, for example `coal`.")
    title: LocalText = Field(description="The era's name, shown on its band and its chip.")
    start: int = Field(ge=1, le=3000, description="First year of the era.")
    end: int = Field(ge=1, le=3000, description="Year the era ends (the next era starts here).")
    width: float = Field(
        default=1.0,
        gt=0,
        le=20,
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
    audio: Audio | None = Field(default=None, description=AUDIO_DESCRIPTION)
    related: list[Link] = Field(
        default_factory=list,
        description="Links to other items of the exhibit, as `SECTION:ID` (`map:puits-11`, `timeline:ucc-1990`).",
    )
    sources: list[Identifier] = Field(
        default_factory=list,
        description="Where the facts come from: `id`s of `sources.yaml` (`[ville-histoire]`); "
        "listed on the credits screen, not on the card.",
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
        min_length=1,
        description="The eras, oldest first, each starting where the previous one ends.",
    )
    events: list[Event] = Field(
        default_factory=list,
        min_length=1,
        max_length=MAX_EVENTS,
        description=f"The events, in any order (they are sorted by date; equal dates keep the file's order). "
        f"Each falls within the years of its era. At most {MAX_EVENTS}: more is not a timeline a visitor "
        "can read. Left out, the section shows its introduction only.",
    )


Point = tuple[float, float]


class Ellipse(Strict):
    """An ellipse in coordinates relative to the image: 0,0 top left, 1,1 bottom right."""

    cx: float = Field(description="Centre, across (0 = left edge, 1 = right edge).")
    cy: float = Field(description="Centre, down (0 = top edge, 1 = bottom edge).")
    rx: float = Field(gt=0, description="Half the width, as a fraction of the image's width.")
    ry: float = Field(gt=0, description="Half the height, as a fraction of the image's height.")


class Hotspot(Strict):
    """Where a visitor can touch an image: a polygon or an ellipse, in relative coordinates,
    so it fits the image at any size. `kiosk hotspots IMAGE` writes this for you."""

    polygon: list[Point] | None = Field(
        default=None, description="Corners, in order: `[[0.17, 0.04], [0.5, 0.04], [0.5, 0.4]]` (at least 3)."
    )
    ellipse: Ellipse | None = Field(default=None, description="Or an ellipse: `{cx: 0.5, cy: 0.9, rx: 0.09, ry: 0.1}`.")

    @model_validator(mode="after")
    def _one_shape(self) -> Hotspot:
        if (self.polygon is None) == (self.ellipse is None):
            raise ValueError("a hotspot is either a polygon or an ellipse: give exactly one")
        return self


class Charge(Strict):
    """One figure of the coat of arms, with the place to touch it and what it tells."""

    id: Identifier = Field(description="A short name for links: `phoenix`.")
    name: LocalText = Field(description="The charge's name: 'Le phénix'.")
    meaning: LocalText = Field(description="What it stands for, in one line.")
    story: LocalText = Field(
        description="Its story, a short paragraph. Heraldic words from the glossary become tappable."
    )
    hotspot: Hotspot = Field(description="Where it is on the arms picture.")
    audio: Audio | None = Field(default=None, description=AUDIO_DESCRIPTION)
    related: list[Link] = Field(default_factory=list, description="Links to timeline events or map places.")


class GlossaryEntry(Strict):
    """A heraldic word explained in plain language; it becomes tappable wherever it appears."""

    id: Identifier = Field(description="A short name: `ecartele`.")
    term: LocalText = Field(description="The word as it is shown: 'écartelé', 'quartered', 'gevierendeeld'.")
    forms: dict[LanguageCode, list[str]] = Field(
        default_factory=dict,
        description="Other spellings that should also be tappable, per language (plural, feminine...).",
    )
    definition: LocalText = Field(description="What it means, in one or two plain sentences.")


class BlasonSection(SectionIntro):
    """`blason.yaml`: the town's coat of arms, each charge explained by touch."""

    arms: Media | None = Field(default=None, description="The picture of the arms that the hotspots refer to.")
    charges: list[Charge] = Field(
        default_factory=list,
        min_length=1,
        description="The charges, in the order 'Discover' walks them. Left out, the section shows its "
        "introduction only.",
    )
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Heraldic words and their meaning.")


class GeoLayer(Strict):
    """A vector layer drawn by the kiosk: a GeoJSON file (WGS84 longitude/latitude)."""

    id: Identifier = Field(description="A short name: `communes`.")
    title: LocalText = Field(description="The layer's name, on its on/off switch.")
    file: str = Field(min_length=1, description="The GeoJSON file, relative to the content folder.")
    colour: HexColour = Field(description="Its colour (lines, and areas filled lightly).")
    visible: bool = Field(default=True, description="Shown when the map opens.")
    credit: LocalText | None = Field(default=None, description="Where the data comes from, with its licence.")


class Figure(Strict):
    """A figure on a marker's card: 'Profondeur : 852 m'."""

    label: LocalText = Field(description="What is measured: 'Profondeur'.")
    value: LocalText = Field(description="The value with its unit, as written: '852 m'.")


class Marker(Strict):
    """A place on the map: a terril, a shaft, a site."""

    id: Identifier = Field(description="A short name for links: `puits-11`.")
    kind: Literal["terril", "shaft", "place"] = Field(description="terril, shaft or place: its symbol and layer.")
    lon: float = Field(ge=-180, le=180, description="Longitude (east-west), WGS84, e.g. 2.788481.")
    lat: float = Field(ge=-90, le=90, description="Latitude (north-south), WGS84, e.g. 50.443206.")
    approximate: bool = Field(default=False, description="The position is approximate: said so on screen.")
    featured: bool = Field(
        default=False,
        description="A main subject of the map: never folded into a bubble, named at every zoom "
        "(moved aside, with a line to its place, where it crowds others).",
    )
    title: LocalText = Field(description="Its name: 'Puits n° 11'.")
    text: LocalText = Field(description="A short paragraph.")
    figures: list[Figure] = Field(default_factory=list, description="Figures for its card: height, depth, dates...")
    height_m: float | None = Field(
        default=None, gt=0, description="For the profile: height above the plain, in metres."
    )
    depth_m: float | None = Field(default=None, gt=0, description="For the profile: depth below ground, in metres.")
    media: Media | None = Field(default=None, description="A picture for its card.")
    audio: Audio | None = Field(default=None, description=AUDIO_DESCRIPTION)
    related: list[Link] = Field(default_factory=list, description="Links to timeline events, pillars...")


class Background(Strict):
    """A georeferenced picture under the layers: its corners' longitudes and latitudes."""

    image: Media = Field(description="The picture (a scanned map, an aerial photo) with its credit.")
    west: float = Field(ge=-180, le=180, description="Longitude of its left edge.")
    south: float = Field(ge=-90, le=90, description="Latitude of its bottom edge.")
    east: float = Field(ge=-180, le=180, description="Longitude of its right edge.")
    north: float = Field(ge=-90, le=90, description="Latitude of its top edge.")

    @model_validator(mode="after")
    def _corners_in_order(self) -> Background:
        if self.north <= self.south:
            raise ValueError(f"north ({self.north}) must be above south ({self.south})")
        if self.east <= self.west:
            raise ValueError(f"east ({self.east}) must be right of west ({self.west})")
        return self


class MapSection(SectionIntro):
    """`map.yaml`: terrils and shafts on an offline map drawn from vector layers."""

    background: Background | None = Field(default=None, description="An optional picture under the layers.")

    layers: list[GeoLayer] = Field(default_factory=list, description="Vector layers, drawn in this order.")
    markers: list[Marker] = Field(
        default_factory=list,
        min_length=1,
        description="Terrils, shafts and places. Left out, the section shows its introduction only.",
    )
    here: str | None = Field(
        default=None, description="The `id` of the marker where the visitor stands ('vous êtes ici')."
    )


#: The method's building has room for this many pillars side by side.
MAX_PILLARS = 5


class Example(Strict):
    """Something the town actually did, told in a few lines."""

    title: LocalText = Field(description="A few words: 'Le fifty-fifty'.")
    text: LocalText = Field(description="What was done, in two or three sentences.")
    related: list[Link] = Field(default_factory=list, description="Timeline events (or other items) it links to.")


class Pillar(Strict):
    """One pillar of the method (or its foundation): principles and real examples."""

    id: Identifier = Field(description="A short name for links: `habitants`.")
    title: LocalText = Field(description="The pillar's name, written on it: 'Impliquer les habitants'.")
    summary: LocalText = Field(description="What it means, in one line.")
    principles: list[LocalText] = Field(default_factory=list, description="Its principles, one short line each.")
    examples: list[Example] = Field(default_factory=list, description="What the town did in its spirit.")
    audio: Audio | None = Field(default=None, description=AUDIO_DESCRIPTION)


class Result(Strict):
    """A result of the method, as a figure with its unit, date and source."""

    id: Identifier = Field(description="A short name: `solaire`.")
    value: float = Field(description="The figure, as a number: 177700 (no spaces, no unit).")
    unit: LocalText = Field(description="Its unit: 'kWh par an', 'logements', '%'.")
    label: LocalText = Field(description="What the figure counts, in a few words.")
    comparison: LocalText | None = Field(default=None, description="To feel the scale: 'la consommation de 69 foyers'.")
    detail: LocalText | None = Field(
        default=None, description="What lies behind the figure, in two or three sentences (shown when it is touched)."
    )
    date: str | None = Field(default=None, description="When it was measured, as written in the source: '2014'.")
    source: str = Field(min_length=1, description="Where the figure comes from, in plain words (shown on request).")
    sources: list[Identifier] = Field(
        default_factory=list,
        description="The same source as `id`s of `sources.yaml` (`[movilab-recit]`), for the credits screen.",
    )
    approximate: bool = Field(default=False, description="The figure is rounded or 'about': shown with 'about'.")


class PillarsSection(SectionIntro):
    """`pillars.yaml`: the Loos method as a building (a foundation carrying pillars), and its results."""

    foundation: Pillar | None = Field(default=None, description="What the pillars stand on (memory, the town's story).")
    note: LocalText | None = Field(
        default=None,
        description="A short caveat shown under the building: how sure the picture is (other sources count four axes).",
    )
    pillars: list[Pillar] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_PILLARS,
        description=f"The pillars, left to right: three, four or five (at most {MAX_PILLARS} fit the building).",
    )
    ingredients: list[Example] = Field(
        default_factory=list, description="The method's 'source code': ingredients a visitor can take home."
    )
    results: list[Result] = Field(default_factory=list, description="Key results, as figures.")


#: What a source supports: the credits screen and docs/SOURCES.md group sources by it.
SOURCE_GROUPS = ("history", "arms", "terrils", "method")


class Source(Strict):
    """A publication the exhibit's facts come from, listed once in `sources.yaml`."""

    id: Identifier = Field(description="A short, unique name, used by `sources:` lists: `ville-histoire`.")
    title: str = Field(min_length=1, description="Its title, as published: « Son histoire ».")
    publisher: str = Field(min_length=1, description="Who published it: 'Ville de Loos-en-Gohelle'.")
    url: str | None = Field(default=None, description="Its web address, if any (in docs/SOURCES.md, not on screen).")
    group: Literal["history", "arms", "terrils", "method"] = Field(
        description="What it supports, the heading it is listed under on the credits screen: "
        "`history`, `arms` (the coat of arms), `terrils` (terrils and shafts) or `method`."
    )


class SourcesFile(Strict):
    """`sources.yaml`: the catalogue of the exhibit's sources, shown on the credits screen."""

    sources: list[Source] = Field(default_factory=list, description="Every source, in the order of the credits.")


SECTION_MODELS: dict[str, type[SectionIntro]] = {
    "timeline": TimelineSection,
    "blason": BlasonSection,
    "map": MapSection,
    "pillars": PillarsSection,
}


#: Every model of the format, in the order declared: a model after the models it holds.
_MODELS: tuple[type[BaseModel], ...] = tuple(
    value
    for value in list(globals().values())
    if isinstance(value, type) and issubclass(value, BaseModel) and value.__module__ == __name__
)


def build_validators() -> None:
    """Build every model's validator now, each once, the models a model holds first. The
    loader calls it before it validates: left to build themselves when first used, the
    section models would each build again the models they hold (Media, Audio...), which
    costs a first load more than the build that `defer_build` saved."""
    for model in _MODELS:
        if not model.__pydantic_complete__:
            model.model_rebuild()
