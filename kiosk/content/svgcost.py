"""How much work an SVG asks of the renderer, before anything renders it. Plain Python, no Qt.

A drawing of a few kilobytes can describe an enormous amount of work: `<use>` elements that
each repeat a group of `<use>` elements expand to millions of shapes, with no DOCTYPE or
entity for an XML guard to see. Qt's SVG renderer would then keep a core busy for minutes
and the picture would never appear. `kiosk validate` (and the exhibition PC's full check
of new content) therefore measures the drawing as the renderer would expand it, and
refuses it past the limits below with a plain message.

The measure follows references the way a renderer does: a `<use>` (or a pattern or marker
named in `fill`, `stroke` or `marker-*`) costs what it points at, each time it is used;
references are followed once per use, with memory, so the measure itself stays quick.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

#: More shapes than this, once every reference is expanded, is no longer an illustration.
#: The exhibit's own drawings hold a few hundred to a few thousand.
MAX_SHAPES = 100_000
#: Elements inside elements (and references inside references) deeper than this.
MAX_DEPTH = 64
#: Characters of path data, in all.
MAX_PATH_DATA = 4_000_000
#: Uses of a filter (blur, shadow...): each is worked out pixel by pixel.
MAX_FILTER_USES = 200
#: How far a drawing may be enlarged from its viewBox to its width and height.
MAX_SCALE = 10_000.0

SHAPES = frozenset({"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "image"})
#: What is drawn only where it is referenced, not where it is written.
DEFINITIONS = frozenset(
    {"defs", "symbol", "pattern", "marker", "clipPath", "mask", "linearGradient", "radialGradient", "filter"}
)
_URL = re.compile(r"url\(\s*['\"]?#([^)'\"\s]+)['\"]?\s*\)")
_NUMBER = re.compile(r"^\s*([0-9.eE+-]+)\s*(px)?\s*$")
_REFERRING = ("fill", "stroke", "marker-start", "marker-mid", "marker-end", "clip-path", "mask")


@dataclass
class Element:
    tag: str
    attributes: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)


class TooCostlyError(Exception):
    """The drawing asks too much of the renderer; the message says what, for a curator."""


def local_name(name: str) -> str:
    """`http://www.w3.org/2000/svg svg` -> `svg` (expat with a namespace separator)."""
    return name[name.rfind(" ") + 1 :]


def _href(attributes: dict[str, str]) -> str | None:
    for key, value in attributes.items():
        if local_name(key) == "href" and value.startswith("#"):
            return value[1:]
    return None


def _references(element: Element) -> list[str]:
    found = []
    for key, value in element.attributes.items():
        if "url(" not in value:  # what _URL looks for: most attributes are skipped at once
            continue
        name = local_name(key)
        if name in _REFERRING or name == "style":
            found += _URL.findall(value)
    return found


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    match = _NUMBER.match(text)
    try:
        return float(match.group(1)) if match else None
    except ValueError:
        return None


def _check_scale(root: Element) -> None:
    box = root.attributes.get("viewBox")
    if box is None:
        return
    parts = box.replace(",", " ").split()
    try:
        _x, _y, width, height = (float(part) for part in parts)
    except ValueError:
        return
    if width <= 0 or height <= 0:
        raise TooCostlyError(f'its viewBox "{box}" has no area: give it a width and a height above 0')
    shown_w = _number(root.attributes.get("width")) or width
    shown_h = _number(root.attributes.get("height")) or height
    scale = max(shown_w / width, shown_h / height)
    if scale > MAX_SCALE:
        raise TooCostlyError(
            f"it enlarges its viewBox {scale:,.0f} times (at most {MAX_SCALE:,.0f}): "
            "make the viewBox the size of the drawing"
        )


def assess(root: Element) -> None:
    """Raise TooCostlyError when drawing `root` would cost more than the limits allow."""
    _check_scale(root)
    by_id: dict[str, Element] = {}
    path_data = 0
    stack = [root]
    while stack:
        element = stack.pop()
        element_id = element.attributes.get("id")
        if element_id:
            by_id.setdefault(element_id, element)
        path_data += len(element.attributes.get("d", "")) + len(element.attributes.get("points", ""))
        stack.extend(element.children)
    if path_data > MAX_PATH_DATA:
        raise TooCostlyError(
            f"it holds {path_data:,} characters of path data (at most {MAX_PATH_DATA:,}): "
            "simplify its outlines in your drawing program"
        )

    memo: dict[int, tuple[int, int]] = {}  # id(element) -> (shapes, filter uses) it draws
    busy: set[int] = set()

    def cost(element: Element, depth: int) -> tuple[int, int]:
        if depth > MAX_DEPTH:
            raise TooCostlyError(
                f"its elements and references nest more than {MAX_DEPTH} deep "
                f"(line {element.line}): flatten the drawing"
            )
        key = id(element)
        if key in memo:
            return memo[key]
        if key in busy:
            raise TooCostlyError(
                f"<{element.tag}> on line {element.line} refers back to itself: remove the loop of references"
            )
        busy.add(key)
        tag = element.tag
        shapes = 1 if tag in SHAPES else 0
        filters = 1 if "filter" in element.attributes else 0
        targets = [_href(element.attributes)] if tag == "use" else []
        targets += _references(element)
        for target in targets:
            referenced = by_id.get(target or "")
            if referenced is not None and referenced.tag not in ("linearGradient", "radialGradient", "filter"):
                more, more_filters = cost(referenced, depth + 1)
                shapes += more
                filters += more_filters
        for child in element.children:
            if child.tag in DEFINITIONS:
                continue  # drawn where it is referenced, counted there
            more, more_filters = cost(child, depth + 1)
            shapes += more
            filters += more_filters
            if shapes > MAX_SHAPES:
                break
        busy.discard(key)
        if shapes > MAX_SHAPES:
            raise TooCostlyError(
                f"it expands to more than {MAX_SHAPES:,} shapes once its <use> references are "
                "followed: a picture this heavy would keep the kiosk busy for minutes; "
                "draw it with fewer copies, or export it as PNG"
            )
        if filters > MAX_FILTER_USES:
            raise TooCostlyError(
                f"it applies filters (blur, shadow) {filters:,} times (at most {MAX_FILTER_USES}): "
                "export it as PNG instead"
            )
        memo[key] = (shapes, filters)
        return memo[key]

    cost(root, 0)


class TreeBuilder:
    """Expat handlers that build the element tree, for `assess`."""

    def __init__(self, line: Callable[[], int]) -> None:
        self._line = line
        self._open: list[Element] = []
        self.root: Element | None = None

    def start(self, name: str, attributes: dict[str, str]) -> None:
        element = Element(local_name(name), dict(attributes), self._line())
        if self._open:
            self._open[-1].children.append(element)
        elif self.root is None:
            self.root = element
        self._open.append(element)
        if len(self._open) > MAX_DEPTH * 4:
            raise TooCostlyError(
                f"its elements nest more than {MAX_DEPTH * 4} deep (line {element.line}): flatten the drawing"
            )

    def end(self, _name: str) -> None:
        self._open.pop()
