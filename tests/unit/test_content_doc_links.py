"""The curators' guide never sends its reader to the wrong place: every reference to one of
its numbered sections is a link to that section's heading, and every link inside it lands
on a heading that exists."""

from __future__ import annotations

import re
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "CONTENT.md"
LINK = re.compile(r"\[([^\]]+)\]\(#([^)]+)\)")
BARE = re.compile(r"§\s?\d+|\bsections? \d+\b")


def slug(heading: str) -> str:
    """The anchor GitHub and most Markdown viewers give a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def prose_lines(text: str) -> list[tuple[int, str]]:
    """The guide's lines outside code blocks, with their numbers."""
    lines, in_code = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code:
            lines.append((number, line))
    return lines


def problems(text: str) -> list[str]:
    """Every reference of a guide that is not a link to the section it names, and every
    link to no heading."""
    lines = prose_lines(text)
    headings = [line.lstrip("#").strip() for _, line in lines if line.startswith("#")]
    numbered = {m.group(1): slug(h) for h in headings if (m := re.match(r"(\d+)\. ", h))}
    anchors = {slug(h) for h in headings}
    wrong: list[str] = []
    for number, line in lines:
        if line.startswith("#"):
            continue
        for match in LINK.finditer(line):
            words, anchor = match.groups()
            if anchor not in anchors:
                wrong.append(f"line {number}: [{words}](#{anchor}) leads to no heading")
            cited = re.fullmatch(r"(?:§\s?|section )(\d+)", words)
            if cited and numbered.get(cited.group(1)) != anchor:
                wrong.append(f"line {number}: [{words}] leads to #{anchor}, not to section {cited.group(1)}")
        for bare in BARE.finditer(LINK.sub("", line)):
            wrong.append(f"line {number}: '{bare.group(0)}' should be a link to its heading")
    return wrong


def test_every_section_reference_is_a_link_to_that_numbered_section() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert len(re.findall(r"^## \d+\. ", text, re.MULTILINE)) >= 14
    wrong = problems(text)
    assert not wrong, "\n".join(wrong)


def test_the_check_catches_each_kind_of_wrong_reference() -> None:
    guide = "\n".join(
        [
            "## 9. What `kiosk validate` tells you",
            "## 12. When the folder is broken",
            "The error screen of [section 9](#12-when-the-folder-is-broken).",
            "Read [§12](#12-when-the-folder-is-broken), then section 9.",
            "See [the tables](#7-every-key).",
            "```",
            "section 4 in a code block is not prose",
            "```",
        ]
    )
    assert problems(guide) == [
        "line 3: [section 9] leads to #12-when-the-folder-is-broken, not to section 9",
        "line 4: 'section 9' should be a link to its heading",
        "line 5: [the tables](#7-every-key) leads to no heading",
    ]
