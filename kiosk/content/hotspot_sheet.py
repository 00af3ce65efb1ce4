"""The hotspots of a `blason.yaml`, read for `kiosk hotspots IMAGE --preview FILE --out PNG`.

Plain Python: reads the file with the kiosk's safe YAML reader and checks each charge's
`hotspot:` with the content format's own model, so a preview shows exactly the shapes the
kiosk would use, and a mistake comes back as `file:line:column: message`. Drawing them over
the picture is `kiosk.bridge.hotspot_preview` (Qt draws SVG pictures as the kiosk does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from kiosk.content.checks import check_hotspots
from kiosk.content.hotspots import Region
from kiosk.content.report import Report
from kiosk.content.schema import Hotspot
from kiosk.content.yamlsafe import load_yaml


@dataclass(frozen=True)
class Sheet:
    """The regions to draw, in the file's order, and the problems found on the way."""

    regions: tuple[Region, ...]
    report: Report


def read_hotspots(path: Path) -> Sheet:
    """Every charge of a `blason.yaml` with a valid hotspot, by its id."""
    report = Report()
    located = load_yaml(path, path.name, report)
    if located is None:
        return Sheet((), report)
    charges = located.data.get("charges") if isinstance(located.data, dict) else None
    if not isinstance(charges, list) or not charges:
        report.error(path.name, *located.position(("charges",)), "no `charges:` list with hotspots in this file")
        return Sheet((), report)
    shapes: list[tuple[str, Hotspot]] = []
    places: list[int] = []  # each shape's index in the file's `charges`
    for index, charge in enumerate(charges):
        if not isinstance(charge, dict) or "hotspot" not in charge:
            report.error(path.name, *located.position(("charges", index)), "this charge has no `hotspot:`")
            continue
        name = str(charge.get("id") or f"charge {index + 1}")
        try:
            shapes.append((name, Hotspot.model_validate(charge["hotspot"])))
            places.append(index)
        except ValidationError as exc:
            first = exc.errors()[0]
            at = located.position(("charges", index, "hotspot", *first["loc"]))
            report.error(path.name, *at, f"the hotspot of '{name}': {first['msg']}")

    def where(loc: tuple[str | int, ...]) -> tuple[int, int]:
        """check_hotspots counts the shapes it was given: back to the file's charges."""
        if len(loc) > 1 and loc[0] == "charges" and isinstance(loc[1], int):
            loc = ("charges", places[loc[1]], *loc[2:])
        return located.position(loc)

    # The kiosk's own checks: enough corners, inside the picture, crossing, overlaps.
    regions = check_hotspots(shapes, path.name, where, report)
    return Sheet(tuple(regions), report)
