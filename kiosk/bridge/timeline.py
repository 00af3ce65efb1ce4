"""The timeline as QML sees it: eras, the year ruler, and the events near the view.

Only the events and ruler marks within a window around what is on screen have a delegate,
so a timeline of hundreds of events opens at once and scrolls without creating them all.
Each event has a dot on the axis (`eventModel`); only the events given a lane also have a
card (`cardModel`): most events of a crowded timeline are dots until the visitor zooms in,
and dots are cheap to make. Geometry (axis, ruler, lanes) is computed by
`kiosk.content.timeline`; QML only places what it is given.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.bridge.listmodel import RowsModel
from kiosk.bridge.models import media_focus, media_url
from kiosk.bridge.properties import Property
from kiosk.bridge.section import LinkLabel, SectionController
from kiosk.content.exhibit import displayed
from kiosk.content.schema import Event, Media, TimelineSection
from kiosk.content.timeline import (
    TimeAxis,
    date_label,
    dotted,
    lanes,
    mix,
    readable_ink,
    short_date_label,
    sort_events,
)
from kiosk.content.uistrings import UiStrings

QML_IMPORT_NAME = "Kiosk.Bridge"
QML_IMPORT_MAJOR_VERSION = 1

EVENT_ROLES = ("eventIndex", "eventId", "position", "endPosition", "lane", "colour", "isRange")
CARD_ROLES = (
    "eventIndex",
    "eventId",
    "position",
    "lane",
    "dateLabel",
    "title",
    "colour",
    "ink",
    "thumbnail",
    "thumbnailFocus",
)
ERA_ROLES = ("eraIndex", "eraId", "title", "startPosition", "endPosition", "colour", "ink", "illustration", "tickStep")
#: What text in an era's colour is drawn on until QML says (setGrounds): Theme.qml's
#: surface, raised surface and background.
DEFAULT_GROUNDS = ("#1d2126", "#2a2f36", "#121417")
#: How much of its colour an era's band mixes into the background (TimelineView.qml).
BAND_TINT = 0.10
TICK_ROLES = ("position", "label", "major")


@QmlElement
class TimelineController(SectionController, QObject):
    """One timeline section. Positions are fractions (0..1) of the whole axis."""

    languageChanged = Signal()

    geometryChanged = Signal()

    def __init__(
        self,
        section: TimelineSection,
        root: Path,
        ui: UiStrings,
        default_language: str,
        link_label: LinkLabel,
        parent: QObject | None = None,
    ) -> None:
        QObject.__init__(self, parent)
        self._setup(section, root, default_language, link_label)
        self._section: TimelineSection = section
        self._ui = ui
        self._events: list[Event] = sort_events(section.events)
        self._axis = TimeAxis(section.eras) if section.eras else None
        self._era_index = {era.id: i for i, era in enumerate(section.eras)}
        self._positions = [self._position(event.date.position()) for event in self._events]
        self._ends = [
            self._position(event.end.end_position()) if event.end is not None else p
            for event, p in zip(self._events, self._positions, strict=True)
        ]
        self._lanes = [0] * len(self._events)
        self._dots = list(range(len(self._events)))  # the events with a dot of their own
        self._dot_positions = list(self._positions)
        self._carded = list(range(len(self._events)))  # the events with a lane, hence a card
        self._carded_positions = list(self._positions)
        self._card_span = 0.0  # a card's width, as a fraction of the axis
        self._tick_rows: list[dict[str, Any]] = []  # every ruler mark at this zoom
        self._tick_positions: list[float] = []
        self._tick_span = 0.0  # the room between two marks, as a fraction of the axis
        self._card_rows: dict[int, dict[str, Any]] = {}  # index -> row, in the language shown
        self._window = (0.0, 0.0)
        self._shown = range(0)  # `visible` holds the events _dots[_shown]
        self._shown_cards = range(0)  # `cards` holds the events _carded[_shown_cards]
        self._shown_ticks = range(0)  # `ticks` holds _tick_rows[_shown_ticks]
        self._geometry: tuple[float, float, float, int] | None = None
        self._grounds: tuple[str, ...] = DEFAULT_GROUNDS
        self._inks: dict[str, str] = {}  # era colour -> its readable tint on the grounds
        self._steps: list[int] = [0] * len(section.eras)  # each era's ruler step, in years
        self.eras = RowsModel(ERA_ROLES, self)
        self.ticks = RowsModel(TICK_ROLES, self)
        self.visible = RowsModel(EVENT_ROLES, self)
        self.cards = RowsModel(CARD_ROLES, self)
        self.eras.reset_rows(self._era_rows())

    # -- helpers -----------------------------------------------------------------------
    def _position(self, year: float) -> float:
        return self._axis.position(year) if self._axis else 0.0

    def _colour(self, event: Event) -> str:
        index = self._era_index.get(event.era)
        return self._section.eras[index].colour if index is not None else "#e3b23c"

    def _ink(self, colour: str) -> str:
        """The era colour, lightened where needed so that dates drawn in it read at 4.5:1 on
        the cards and on the era's band."""
        ink = self._inks.get(colour)
        if ink is None:
            band = mix(self._grounds[-1], colour, BAND_TINT)
            ink = self._inks[colour] = readable_ink(colour, [*self._grounds, band])
        return ink

    def _picture(self, event: Event) -> Media | None:
        """An event's own picture, else its era's: no card is left bare."""
        if event.media is not None:
            return event.media
        index = self._era_index.get(event.era)
        return self._section.eras[index].illustration if index is not None else None

    def _event_row(self, index: int) -> dict[str, Any]:
        event = self._events[index]
        return {
            "eventIndex": index,
            "eventId": event.id,
            "position": self._positions[index],
            "endPosition": self._ends[index],
            "lane": self._lanes[index],
            "colour": self._colour(event),
            "isRange": event.end is not None,
        }

    def _card_row(self, index: int) -> dict[str, Any]:
        # Cards are made while the track flies: their words are worked out once per language.
        row = self._card_rows.get(index)
        if row is None:
            event = self._events[index]
            row = self._card_rows[index] = {
                "eventIndex": index,
                "eventId": event.id,
                "position": self._positions[index],
                "dateLabel": date_label(event, self._ui.date_words(self._language)),
                "title": self._text(event.title),
                "colour": self._colour(event),
                "ink": self._ink(self._colour(event)),
                "thumbnail": media_url(self._root, self._picture(event), use="thumb"),
                "thumbnailFocus": media_focus(self._picture(event)),
            }
        return {**row, "lane": self._lanes[index]}

    def _era_rows(self) -> list[dict[str, Any]]:
        rows = []
        for index, era in enumerate(self._section.eras):
            segment = self._axis.segments[index] if self._axis else None
            rows.append(
                {
                    "eraIndex": index,
                    "eraId": era.id,
                    "title": self._text(era.title),
                    "startPosition": segment.start if segment else 0.0,
                    "endPosition": segment.end if segment else 0.0,
                    "colour": era.colour,
                    "ink": self._ink(era.colour),
                    "illustration": media_url(self._root, era.illustration, use="card"),
                    "tickStep": self._steps[index],
                }
            )
        return rows

    def _window_range(self) -> range:
        """Which of `_dots` lie between the window's ends (sorted: one run)."""
        lo, hi = self._window
        first = bisect.bisect_left(self._dot_positions, lo)
        last = bisect.bisect_right(self._dot_positions, hi)
        # Periods that started before the window but still run inside it stay visible.
        while first > 0 and self._ends[self._dots[first - 1]] >= lo:
            first -= 1
        return range(first, max(first, last))

    def _card_range(self) -> range:
        """Which of `_carded` have a card reaching into the window (a card starts at its date)."""
        lo, hi = self._window
        first = bisect.bisect_left(self._carded_positions, lo - self._card_span)
        last = bisect.bisect_right(self._carded_positions, hi)
        return range(first, max(first, last))

    def _tick_range(self) -> range:
        """Which ruler marks lie in the window, or near enough that their year reaches into it."""
        lo, hi = self._window
        first = bisect.bisect_left(self._tick_positions, lo - self._tick_span)
        last = bisect.bisect_right(self._tick_positions, hi + self._tick_span)
        return range(first, max(first, last))

    def _rebuild(self) -> None:
        """Every delegate anew (the lanes, dots and marks changed with the geometry)."""
        self._shown = self._window_range()
        self._shown_cards = self._card_range()
        self._shown_ticks = self._tick_range()
        self.ticks.reset_rows([self._tick_rows[i] for i in self._shown_ticks])
        self.visible.reset_rows([self._event_row(self._dots[i]) for i in self._shown])
        self.cards.reset_rows([self._card_row(self._carded[i]) for i in self._shown_cards])

    # -- QML API -----------------------------------------------------------------------
    @Property(QObject, constant=True)
    def eraModel(self) -> RowsModel:
        return self.eras

    @Property(QObject, constant=True)
    def tickModel(self) -> RowsModel:
        """The ruler marks near the view (see setWindow), sorted by position."""
        return self.ticks

    @Property(QObject, constant=True)
    def eventModel(self) -> RowsModel:
        """The dots of the events near the view (see setWindow), sorted by date."""
        return self.visible

    @Property(QObject, constant=True)
    def cardModel(self) -> RowsModel:
        """The cards near the view (events with a lane at this zoom), sorted by date."""
        return self.cards

    @Property(int, constant=True)
    def count(self) -> int:
        return len(self._events)

    @Property(str, notify=languageChanged)
    def language(self) -> str:
        return self._language

    @Slot(float, float, float, int)
    def setGeometry(self, axis_px: float, card_px: float, min_tick_px: float, lane_count: int) -> None:
        """The axis is `axis_px` wide: place the ruler marks and give each card a lane."""
        if self._axis is None or axis_px <= 0:
            return
        geometry = (round(axis_px, 1), round(card_px, 1), round(min_tick_px, 1), lane_count)
        if geometry == self._geometry:
            return  # nothing moved: keep every card as it is
        self._geometry = geometry
        xs = [p * axis_px for p in self._positions]
        self._lanes = lanes(xs, card_px, max(1, lane_count))
        self._dots = dotted(
            xs, self._lanes, [event.era for event in self._events], [event.end is not None for event in self._events]
        )
        self._dot_positions = [self._positions[i] for i in self._dots]
        self._carded = [i for i, lane in enumerate(self._lanes) if lane >= 0]
        self._carded_positions = [self._positions[i] for i in self._carded]
        self._card_span = card_px / axis_px
        self._tick_rows = [
            {"position": tick.position, "label": str(tick.year), "major": tick.major}
            for tick in self._axis.ticks(axis_px, min_tick_px)
        ]
        self._tick_positions = [row["position"] for row in self._tick_rows]
        self._tick_span = min_tick_px / axis_px
        steps = self._axis.steps(axis_px, min_tick_px)
        if steps != self._steps:
            self._steps = steps
            self.eras.refresh(self._era_rows())
        self._rebuild()
        self.geometryChanged.emit()

    @Slot("QVariantList")
    def setGrounds(self, grounds: list[Any]) -> None:
        """The colours dates in an era's colour are drawn on (Theme.qml's surfaces, then the
        page background last): their ink is tinted until it reads on each."""
        names = tuple(str(g) if not hasattr(g, "name") else g.name() for g in grounds if g)
        if not names or names == self._grounds:
            return
        self._grounds = names
        self._inks.clear()
        self._card_rows.clear()
        self.eras.refresh(self._era_rows())
        self.cards.refresh([self._card_row(self._carded[i]) for i in self._shown_cards])

    @Slot(float, float)
    def setWindow(self, low: float, high: float) -> None:
        """Keep delegates for what lies between these fractions of the axis: the dots and
        ruler marks there, and the cards that reach into it."""
        if (low, high) == self._window:
            return
        self._window = (low, high)
        self._shown_ticks = _slide(self.ticks, self._shown_ticks, self._tick_range(), lambda i: self._tick_rows[i])
        self._shown = _slide(self.visible, self._shown, self._window_range(), lambda i: self._event_row(self._dots[i]))
        self._shown_cards = _slide(
            self.cards, self._shown_cards, self._card_range(), lambda i: self._card_row(self._carded[i])
        )

    @Slot(int, result=float)
    def positionOf(self, index: int) -> float:
        return self._positions[index] if 0 <= index < len(self._positions) else 0.0

    @Slot(int, result=float)
    def eraStart(self, index: int) -> float:
        return self._axis.segments[index].start if self._axis and 0 <= index < len(self._axis.segments) else 0.0

    @Property(int, constant=True)
    def eraCount(self) -> int:
        return len(self._section.eras)

    @Slot(float, result=int)
    def eraAt(self, position: float) -> int:
        """The era a point of the axis falls in (-1 without eras)."""
        if self._axis is None:
            return -1
        return self._axis.segments.index(self._axis.segment_for(self._axis.year_at(position)))

    @Slot(str, result=int)
    def indexOf(self, event_id: str) -> int:
        return next((i for i, event in enumerate(self._events) if event.id == event_id), -1)

    @Slot(int, result=str)
    def idAt(self, index: int) -> str:
        return self._events[index].id if 0 <= index < len(self._events) else ""

    @Slot(float, result=int)
    def nearestIndex(self, position: float) -> int:
        """The event closest to a point of the axis (for the arrows)."""
        if not self._positions:
            return -1
        i = bisect.bisect_left(self._positions, position)
        candidates = [c for c in (i - 1, i) if 0 <= c < len(self._positions)]
        return min(candidates, key=lambda c: abs(self._positions[c] - position))

    @Slot(int, int, result=int)
    def cardBeside(self, index: int, step: int) -> int:
        """The event with a card (a lane at this zoom) next after `index` (`step` 1) or
        before it (-1), for the arrow keys on the strip; -1 at either end of the story."""
        if step > 0:
            i = bisect.bisect_right(self._carded, index)
            return self._carded[i] if i < len(self._carded) else -1
        i = bisect.bisect_left(self._carded, index) - 1
        return self._carded[i] if i >= 0 else -1

    @Slot(int, str, result="QVariantMap")
    def eventAt(self, index: int, language: str) -> dict[str, Any]:
        """Everything the card shows, in `language` (passed so a binding follows it)."""
        if not 0 <= index < len(self._events):
            return {}
        event = self._events[index]
        words = self._ui.date_words(language)
        text = lambda value: displayed(value, language, self._default)  # noqa: E731
        era_index = self._era_index.get(event.era)
        media = self._picture(event)

        def neighbour(at: int) -> dict[str, str]:
            # Where the card's previous and next buttons go: the date and title they show.
            if not 0 <= at < len(self._events):
                return {"date": "", "title": "", "ink": ""}
            other = self._events[at]
            return {
                "date": short_date_label(other, words),
                "title": text(other.title),
                "ink": self._ink(self._colour(other)),
            }

        return {
            "index": index,
            "id": event.id,
            "title": text(event.title),
            "text": text(event.text),
            "dateLabel": date_label(event, words),
            "eraTitle": text(self._section.eras[era_index].title) if era_index is not None else "",
            "colour": self._colour(event),
            "ink": self._ink(self._colour(event)),
            "previous": neighbour(index - 1),
            "next": neighbour(index + 1),
            "media": media_url(self._root, media, use="card"),
            "mediaAlt": text(media.alt) if media else "",
            "mediaCredit": text(media.credit) if media else "",
            "mediaLicence": (media.licence or "") if media else "",
            "mediaFit": media.fit if media else "cover",
            "mediaFocus": media_focus(media),
            "related": self._links(event.related, language),
        }

    @Slot(int, result="QVariantList")
    def tour(self, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` events spread evenly over the story, for the attract screen's tour."""
        if not self._events or limit <= 0:
            return []
        step = max(1, len(self._events) / limit)
        picks = sorted({int(i * step) for i in range(min(limit, len(self._events)))})
        return [self._card_row(i) for i in picks]

    def item_title(self, event_id: str, language: str) -> str | None:
        index = self.indexOf(event_id)
        return displayed(self._events[index].title, language, self._default) if index >= 0 else None

    def default_detail(self) -> str:
        """The first event with its own picture (what `kiosk snapshot` opens), else the first."""
        with_media = next((event.id for event in self._events if event.media is not None), None)
        return with_media or (self._events[0].id if self._events else "")

    def release(self) -> None:
        """The visitor has gone (an idle reset): the rows are made again, so that pictures the
        picture cache has scaled meanwhile are shown from their copies to the next visitor."""
        self._language_changed()

    def _language_changed(self) -> None:
        self._card_rows.clear()
        self.eras.refresh(self._era_rows())
        self.cards.refresh([self._card_row(self._carded[i]) for i in self._shown_cards])


def _slide(model: RowsModel, old: range, new: range, row: Callable[[int], dict[str, Any]]) -> range:
    """Make `model` (rows for the indices `old`) hold the rows for `new`: the rows that stay
    keep their delegates; only those entering are built."""
    if new == old:
        return old
    if not old or not new or new.start >= old.stop or new.stop <= old.start:
        model.reset_rows([row(i) for i in new])
        return new
    model.trim(max(0, new.start - old.start), max(0, old.stop - new.stop))
    model.extend([row(i) for i in range(new.start, old.start)], [row(i) for i in range(old.stop, new.stop)])
    return new
