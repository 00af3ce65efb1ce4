"""The screen audit: what a visitor would find wrong on a rendered screen.

`kiosk snapshot --audit` and the test suite run it on every screen, size and language.
It walks the live scene (read-only, like scenetools) and reports:

- `truncated`: a visible text cut by its own `elide` or `maximumLineCount` ("…");
- `cut`: a visible text that runs past a clipping parent which does not scroll;
- `overlap`: two visible texts or controls drawn over each other (a text inside a button
  or card is that control's own; something covered by an opaque panel does not count);
- `outside`: a visible text or control that reaches past the window's edge;
- `contrast`: a text whose colour, against what is drawn behind it, is under 4.5:1
  (3:1 for large text: `kiosk.content.contrast.is_large`).

What scrolls is judged inside its Flickable: a paragraph half out of its scrolling panel
is not cut, it scrolls. An item (or a parent of it) may declare `property bool
auditMoving: true` when it moves on its own across the screen (the attract screen's
drifting cards): it is then not reported for being cut by its strip or for reaching past
the window's edge (it is still checked for elision, overlaps and contrast).
"""

from __future__ import annotations

import gc
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import shiboken6
from PIL import Image
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.content import contrast

#: Controls larger than this share of the window are surfaces (a map, a tap-anywhere
#: backdrop), not buttons: texts may lie on them.
_SURFACE_SHARE = 0.3
#: An opaque panel hides what is under it from this alpha on (the scrim is 0.8).
_OPAQUE = 0.75
#: Overlaps and overshoots smaller than this many pixels (at 1080p) are anti-aliasing.
_TOLERANCE_PX = 2.0
#: The share of a text's background taken as "what is behind it": the darkest or lightest
#: fifth of the pixels, so a text over a picture is judged where the picture is least kind.
_BACKGROUND_PERCENTILE = 0.2

Rect = tuple[float, float, float, float]  # x, y, width, height in window pixels


@dataclass(frozen=True)
class Finding:
    screen: str
    language: str
    kind: str
    message: str
    rect: Rect = (0.0, 0.0, 0.0, 0.0)

    def line(self) -> str:
        return f"{self.screen}-{self.language}: {self.kind}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "screen": self.screen,
            "language": self.language,
            "kind": self.kind,
            "message": self.message,
            "rect": [round(value, 1) for value in self.rect],
        }


@dataclass
class _Node:
    item: QQuickItem
    order: int
    parent: _Node | None
    opacity: float  # effective, up to the root
    clip: Rect | None  # what clipping parents leave visible (None: the whole plane)
    scroll: Rect | None  # the nearest scrolling viewport around the item
    moving: bool
    kind: str  # "text", "control", "rect", "other"
    rect: Rect = (0.0, 0.0, 0.0, 0.0)
    children: list[_Node] = field(default_factory=list)

    def ancestors(self) -> Iterator[_Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


def _intersect(a: Rect, b: Rect) -> Rect | None:
    x1, y1 = max(a[0], b[0]), max(a[1], b[1])
    x2, y2 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    if x2 <= x1 or y2 <= y1:
        return None
    return (x1, y1, x2 - x1, y2 - y1)


def _contains(outer: Rect, inner: Rect, slack: float) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[0] + inner[2] <= outer[0] + outer[2] + slack
        and inner[1] + inner[3] <= outer[1] + outer[3] + slack
    )


def _scene_rect(item: QQuickItem, local: QRectF) -> Rect:
    mapped = item.mapRectToScene(local)
    return (mapped.x(), mapped.y(), mapped.width(), mapped.height())


def _enum(item: QQuickItem, name: str, default: int) -> int:
    """An enum property as a number (PySide has no converter for QQuickText's enums)."""
    context = QQmlEngine.contextForObject(item)
    if context is None:
        return default
    value, failed = QQmlExpression(context, item, f"{name} + 0").evaluate()
    return default if failed or value is None else int(value)


def _text_box(item: QQuickItem) -> QRectF:
    """Where a Text draws its letters, in its own coordinates (it may overflow its box)."""
    width, height = item.width(), item.height()
    content_w = float(item.property("contentWidth") or 0.0)
    content_h = float(item.property("contentHeight") or 0.0)
    h_align = _enum(item, "effectiveHorizontalAlignment", 1)
    v_align = _enum(item, "verticalAlignment", 0x20)
    x = 0.0
    if h_align & 0x2:  # right
        x = width - content_w
    elif h_align & 0x4:  # centre
        x = (width - content_w) / 2
    y = 0.0
    if v_align & 0x40:  # bottom
        y = height - content_h
    elif v_align & 0x80:  # centre
        y = (height - content_h) / 2
    return QRectF(x, y, content_w, content_h)


def _has_enabled_tap(item: QQuickItem) -> bool:
    for child in item.children():
        name = child.metaObject().className()
        if name.startswith("QQuickTapHandler") and child.property("enabled") is not False:
            return True
    return False


def _classify(item: QQuickItem) -> str:
    name = item.metaObject().className()
    if name.startswith("QQuickText") and not name.startswith("QQuickTextInput") and item.inherits("QQuickText"):
        return "text"
    if item.inherits("QQuickAbstractButton") or _has_enabled_tap(item):
        return "control"
    if item.inherits("QQuickRectangle") or name.startswith("QQuickRectangle"):
        return "rect"
    return "other"


def _describe(node: _Node) -> str:
    item = node.item
    label = item.objectName()
    if node.kind == "text":
        words = " ".join(str(item.property("text") or "").split())
        shown = words if len(words) <= 48 else words[:47] + "…"
        return f'text "{shown}"' + (f" ({label})" if label else "")
    if node.kind == "control":
        inner = next((child for child in _texts_in(node)), None)
        words = " ".join(str(inner.item.property("text") or "").split()) if inner else ""
        words = words if len(words) <= 40 else words[:39] + "…"
        return "control " + (label or item.metaObject().className()) + (f' "{words}"' if words else "")
    return label or item.metaObject().className()


def _texts_in(node: _Node) -> Iterator[_Node]:
    for child in node.children:
        if child.kind == "text":
            yield child
        yield from _texts_in(child)


class _Scene:
    """The visible items of a window, in the order they are painted."""

    def __init__(self, window: QQuickWindow) -> None:
        self.window = window
        self.width = float(window.width())
        self.height = float(window.height())
        self.scale = min(self.width, self.height) / 1080.0
        self.nodes: list[_Node] = []
        root = window.contentItem()
        self._visit(root, None, 1.0, None, None, False)

    def _visit(
        self,
        item: QQuickItem,
        parent: _Node | None,
        opacity: float,
        clip: Rect | None,
        scroll: Rect | None,
        moving: bool,
    ) -> None:
        if not item.isVisible():
            return
        opacity *= item.opacity()
        if opacity <= 0.02:
            return
        moving = moving or item.property("auditMoving") is True
        node = _Node(item, len(self.nodes), parent, opacity, clip, scroll, moving, _classify(item))
        if node.kind == "text":
            node.rect = _scene_rect(item, _text_box(item))
        else:
            node.rect = _scene_rect(item, QRectF(0, 0, item.width(), item.height()))
        if parent is not None:
            parent.children.append(node)
        self.nodes.append(node)
        own = _scene_rect(item, QRectF(0, 0, item.width(), item.height()))
        child_clip, child_scroll = clip, scroll
        if item.inherits("QQuickFlickable"):
            child_scroll = own if scroll is None else (_intersect(own, scroll) or (own[0], own[1], 0.0, 0.0))
            child_clip = own if clip is None else (_intersect(own, clip) or (own[0], own[1], 0.0, 0.0))
        elif item.clip():
            child_clip = own if clip is None else (_intersect(own, clip) or (own[0], own[1], 0.0, 0.0))
        # Painted in z order, then in the order they were declared.
        children = sorted(enumerate(item.childItems()), key=lambda pair: (pair[1].z(), pair[0]))
        for _, child in children:
            self._visit(child, node, opacity, child_clip, child_scroll, moving)

    def visible_rect(self, node: _Node) -> Rect | None:
        rect = node.rect
        if node.clip is not None:
            return _intersect(rect, node.clip)
        return rect if rect[2] > 0 and rect[3] > 0 else None

    def occluded(self, node: _Node, rect: Rect, occluders: list[_Node]) -> bool:
        ancestors = {id(a) for a in node.ancestors()}
        for panel in occluders:
            if panel.order <= node.order or id(panel) in ancestors:
                continue
            if any(a is node for a in panel.ancestors()):
                continue  # the item's own background
            panel_rect = self.visible_rect(panel)
            if panel_rect is not None and _contains(panel_rect, rect, 0.5):
                return True
        return False


def _opaque_panels(scene: _Scene) -> list[_Node]:
    panels = []
    for node in scene.nodes:
        if node.kind not in ("rect", "control") or not node.item.inherits("QQuickRectangle"):
            continue
        colour = node.item.property("color")
        alpha = colour.alphaF() if isinstance(colour, QColor) else 1.0
        if alpha * node.opacity >= _OPAQUE:
            panels.append(node)
    return panels


def _percentile(counted: list[tuple[float, int]], share: float) -> float:
    """The value at `share` of the way through the sorted values, each counted `count` times."""
    total = sum(count for _, count in counted)
    wanted = min(total - 1, int(total * share))
    seen = 0
    for value, count in counted:
        seen += count
        if seen > wanted:
            return value
    return counted[-1][0]


def audit_geometry(window: QQuickWindow, screen: str, language: str) -> tuple[list[Finding], list[_Node]]:
    """Every truncated, cut, overlapping or outside item; and the texts to judge for contrast."""
    scene = _Scene(window)
    tolerance = _TOLERANCE_PX * max(scene.scale, 0.5)
    window_rect: Rect = (0.0, 0.0, scene.width, scene.height)
    surface = scene.width * scene.height * _SURFACE_SHARE
    panels = _opaque_panels(scene)
    findings: list[Finding] = []

    def report(kind: str, message: str, rect: Rect) -> None:
        findings.append(Finding(screen, language, kind, message, rect))

    shown: list[tuple[_Node, Rect]] = []
    for node in scene.nodes:
        if node.kind == "text" and not str(node.item.property("text") or "").strip():
            continue
        if node.kind not in ("text", "control"):
            continue
        if node.kind == "control" and node.rect[2] * node.rect[3] > surface:
            continue
        rect = scene.visible_rect(node)
        if rect is None or rect[2] < 1 or rect[3] < 1:
            continue
        if scene.occluded(node, rect, panels):
            continue
        shown.append((node, rect))
        if node.kind == "text" and node.item.property("truncated") is True:
            report("truncated", f"{_describe(node)} is cut short", rect)
        if (
            node.kind == "text"
            and node.clip is not None
            and node.scroll is None
            and not node.moving
            and not _contains(node.clip, node.rect, tolerance)
        ):
            report("cut", f"{_describe(node)} runs past the panel that clips it", node.rect)
        if node.scroll is None and not node.moving and not _contains(window_rect, node.rect, tolerance):
            report("outside", f"{_describe(node)} reaches past the window's edge", node.rect)
        elif node.scroll is not None and not node.moving and not _contains(window_rect, node.scroll, tolerance):
            report("outside", f"the scrolling panel of {_describe(node)} reaches past the window's edge", node.scroll)

    for index, (first, first_rect) in enumerate(shown):
        first_line = {id(a) for a in first.ancestors()}
        for second, second_rect in shown[index + 1 :]:
            if id(second) in first_line or any(a is first for a in second.ancestors()):
                continue
            both = _intersect(first_rect, second_rect)
            if both is None or both[2] <= tolerance or both[3] <= tolerance:
                continue
            report("overlap", f"{_describe(first)} and {_describe(second)} overlap", both)
    texts = [node for node, _ in shown if node.kind == "text"]
    return findings, texts


def qimage_to_pil(image: QImage) -> Image.Image:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    return Image.frombuffer(
        "RGB", (rgb.width(), rgb.height()), bytes(rgb.constBits()), "raw", "RGB", rgb.bytesPerLine(), 1
    )


def audit_contrast(
    window: QQuickWindow,
    texts: list[_Node],
    screen: str,
    language: str,
    render: Callable[[], QImage],
) -> list[Finding]:
    """Each text's colour against the screen drawn without any text: what is really behind it."""
    if not texts:
        return []
    scale = min(window.width(), window.height()) / 1080.0
    wanted = []
    for node in texts:
        if not node.item.isEnabled():
            continue  # an inactive control's label (WCAG 1.4.3 exempts it)
        colour = node.item.property("color")
        if not isinstance(colour, QColor):
            continue
        font = node.item.property("font")
        pixel_size = float(font.pixelSize()) if font is not None and font.pixelSize() > 0 else 16.0
        bold = font is not None and int(getattr(font.weight(), "value", font.weight())) >= 700
        wanted.append((node, colour, pixel_size, bold, _describe(node)))
    before = [(node.item, node.item.opacity()) for node, *_ in wanted]
    for item, _ in before:
        item.setOpacity(0.0)
    try:
        background = qimage_to_pil(render())
    finally:
        for item, opacity in before:
            if shiboken6.isValid(item):  # a delegate may go while the screen is drawn
                item.setOpacity(opacity)
    findings = []
    for node, colour, pixel_size, bold, description in wanted:
        if not shiboken6.isValid(node.item):
            continue
        rect = _intersect(node.rect, (0.0, 0.0, float(background.width), float(background.height)))
        if node.clip is not None and rect is not None:
            rect = _intersect(rect, node.clip)
        if rect is None or rect[2] < 2 or rect[3] < 2:
            continue
        if rect[3] < min(node.rect[3], pixel_size) / 2:
            continue  # under half a line in view (the rest scrolled out): measured once scrolled in
        box = (int(rect[0]), int(rect[1]), int(rect[0] + rect[2]), int(rect[1] + rect[3]))
        patch = background.crop(box)
        if patch.width > 48 or patch.height > 16:
            patch = patch.resize((min(48, patch.width), min(16, patch.height)), Image.Resampling.BOX)
        ink = (colour.red(), colour.green(), colour.blue())
        alpha = colour.alphaF() * node.opacity
        # Each colour behind the text once, with how many pixels have it (a flat panel: one).
        colours = patch.convert("RGB").getcolors(patch.width * patch.height) or []
        behind = [(count, cast(tuple[int, int, int], pixel)) for count, pixel in colours]
        ratios = sorted((contrast.ratio(contrast.blend(ink, alpha, pixel), pixel), count) for count, pixel in behind)
        measured = _percentile(ratios, _BACKGROUND_PERCENTILE)
        needed = contrast.required(pixel_size, bold, scale)
        if measured + 0.05 < needed:
            median = statistics.median(ratio for ratio, count in ratios for _ in range(count))
            findings.append(
                Finding(
                    screen,
                    language,
                    "contrast",
                    f"{description} in {colour.name()} measures {measured:.1f}:1 (median {median:.1f}:1), "
                    f"needs {needed:g}:1",
                    rect,
                )
            )
    return findings


def audit_window(
    window: QQuickWindow, screen: str, language: str, render: Callable[[], QImage] | None = None
) -> list[Finding]:
    """Everything the audit finds on the screen shown now. `render` draws the window and
    returns the picture (contrast is skipped without it)."""
    findings, texts = audit_geometry(window, screen, language)
    if render is not None:
        findings += audit_contrast(window, texts, screen, language, render)
    # Let go of every wrapper of a scene item now: PySide keys its wrappers by address,
    # and a wrapper kept past its item's deletion can be handed out for a new item.
    del texts
    gc.collect()
    return findings
