"""Where the kiosk shows each picture of the content format, and at what size.

The sizes (`USES`): Theme.qml scales every size with min(width, height) / 1080, so a 4K
screen (3840x2160, the largest the kiosk supports) shows everything at twice its size on a
1920x1080 screen. Each use's box is therefore twice the largest place that use takes at
1080p, and a picture is scaled down until it just covers that box (it is cropped to fill
its frame), never enlarged. A picture already within a quarter of that size, or an SVG,
is shown as it is.

A cached copy may be a little larger than that (`copy_size`): when the picture at 1/2,
1/4 or 1/8 of its size still covers the box, by at most `REDUCED_ENOUGH`, the copy has that
size. A JPEG decodes straight to it, as sharp and at a fraction of the cost, so the slow
part of scaling, resampling, is skipped; Qt draws the copy at the size shown.

The picture cache (`kiosk.services.picturecache`) scales pictures to these sizes; the
checks (`audit.py`, `svgtrial.py`) measure pictures against them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: A picture at most this much larger than its box is shown as it is: scaling it would
#: save little decoding and cost a copy on disk.
SMALL_ENOUGH = 1.25
#: A cached copy is 1/2, 1/4 or 1/8 of the original's size when that is at most this much
#: larger than the size it must cover: a 6000x4000 photo's card copy is 3000x2000 rather than
#: 2400x1600 (and so for 24 to 32 MP cameras, whose sides are not all 6000). Drawing it costs
#: a little more decoding (as an original within SMALL_ENOUGH does); making it costs no
#: resampling.
REDUCED_ENOUGH = 1.5
#: The fractions of its size a JPEG decodes straight to (libjpeg's scaled decoding).
REDUCTIONS = (8, 4, 2)


@dataclass(frozen=True)
class Use:
    """Where a picture is shown: the box (at 4K) it must cover, or fit in when `cover` is False."""

    box: tuple[int, int]
    cover: bool = True
    shown_in: str = ""


USES: dict[str, Use] = {
    # Full screen: backdrop and attract screen, a section's picture (its tile, its page,
    # and opened full screen), so one copy serves every place that picture appears.
    "screen": Use((3840, 2160), shown_in="backdrop, attract, section pictures, full-screen viewer"),
    # The largest card picture is the coat of arms, about 800 px square at 1080p; an
    # event card's or a marker card's is smaller.
    "card": Use((1600, 1600), shown_in="event card, era picture, coat of arms, marker card"),
    # A timeline card's picture is at most about 190 x 140 px at 1080p (portrait), 150 x 112
    # in landscape, whose 4K doubles it to within this box.
    "thumb": Use((256, 256), shown_in="timeline card picture"),
    # A map background is zoomed into: as large as one texture may safely be everywhere.
    "map": Use((4096, 4096), cover=False, shown_in="map background"),
}

#: Which use each picture field of the content format is shown at, by (model, field).
#: `tests/unit/services/test_picturecache.py` checks that every picture field of the schema is here.
USES_BY_FIELD: dict[tuple[str, str], tuple[str, ...]] = {
    ("Manifest", "backdrop"): ("screen",),
    ("SectionIntro", "illustration"): ("screen",),
    ("BlasonSection", "illustration"): ("screen", "card"),  # the arms, when there is no `arms`
    ("BlasonSection", "arms"): ("card",),
    ("Era", "illustration"): ("card", "thumb"),  # also the picture of its events that have none
    ("Event", "media"): ("thumb", "card"),
    ("Marker", "media"): ("card",),
    ("Background", "image"): ("map",),
}


def target_size(size: tuple[int, int], use: str) -> tuple[int, int] | None:
    """The size a picture of `size` pixels (as shown, upright) is scaled to for `use`,
    or None when it is small enough to be shown as it is."""
    spec = USES[use]
    width, height = size
    box_w, box_h = spec.box
    fit = max if spec.cover else min
    scale = fit(box_w / width, box_h / height)
    if scale * SMALL_ENOUGH >= 1.0:
        return None
    return max(1, round(width * scale)), max(1, round(height * scale))


def reduced_size(size: tuple[int, int], factor: int) -> tuple[int, int]:
    """A picture of `size` reduced by a whole `factor`, rounded as JPEG's scaled decoding
    (and `Image.reduce`) round it: a partial last block still makes a pixel."""
    return -(-size[0] // factor), -(-size[1] // factor)


def copy_size(size: tuple[int, int], use: str) -> tuple[tuple[int, int], int] | None:
    """The size of the cached copy of a picture of `size` pixels (as shown, upright) for
    `use`, with the whole factor it is reduced by from the original (0: it is resampled
    to `target_size`); None when the picture is shown as it is."""
    target = target_size(size, use)
    if target is None:
        return None
    if USES[use].cover:  # a box to fit in (the map's largest texture) is never exceeded
        for factor in REDUCTIONS:
            reduced = reduced_size(size, factor)
            if all(t <= r <= t * REDUCED_ENOUGH for r, t in zip(reduced, target, strict=True)):
                return reduced, factor
    return target, 0


def svg_boxes(uses: Iterable[str]) -> tuple[tuple[int, int, bool], ...]:
    """The boxes (width, height, cover) an SVG shown at `uses` is drawn in, for its trial
    (kiosk.content.svgtrial); the full screen when the uses are not known."""
    return tuple(sorted((*USES[use].box, USES[use].cover) for use in set(uses) if use in USES)) or (
        (*USES["screen"].box, True),
    )


def exhibit_pictures(exhibit: Any) -> dict[Path, set[str]]:
    """Every picture an exhibit shows, with the uses it is shown at (see USES_BY_FIELD)."""
    from pydantic import BaseModel

    from kiosk.content.schema import Media

    found: dict[Path, set[str]] = {}

    def uses_for(owner: BaseModel, name: str) -> tuple[str, ...]:
        for cls in type(owner).__mro__:
            if (cls.__name__, name) in USES_BY_FIELD:
                return USES_BY_FIELD[(cls.__name__, name)]
        return ("screen",)  # a place not in the table: the largest size is never too small

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                child = getattr(value, name)
                if isinstance(child, Media):
                    found.setdefault(_absolute(exhibit.root / child.path), set()).update(uses_for(value, name))
                else:
                    walk(child)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    walk(exhibit.manifest)
    for loaded in exhibit.sections:
        walk(loaded.content)
    return found


def _absolute(path: Path) -> Path:
    """The same string for the same file however the content folder was named (no disk access)."""
    return Path(os.path.abspath(path))
