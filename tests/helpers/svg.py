"""SVG drawings for the tests of what a drawing costs: the document around a body, and a
`<use>` bomb (a few kilobytes that expand to millions of shapes)."""

from __future__ import annotations

#: A whole SVG document: `SVG.format(size='viewBox="..."', body="...")`.
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {size}>{body}</svg>'


def use_bomb(levels: int, fan_out: int = 10) -> str:
    """Each level is a group of `fan_out` uses of the level below: fan_out ** levels shapes."""
    parts = ['<defs><g id="l0"><rect width="1" height="1"/></g>']
    for level in range(1, levels + 1):
        uses = "".join(f'<use href="#l{level - 1}" x="{i}"/>' for i in range(fan_out))
        parts.append(f'<g id="l{level}">{uses}</g>')
    parts.append(f'</defs><use xlink:href="#l{levels}"/>')
    return "".join(parts)
