"""Every character the kiosk shows exists in the bundled fonts, so no exhibition PC shows
empty boxes for want of a system font."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from PySide6.QtGui import QRawFont

from kiosk.paths import default_content_dir, qml_dir, resources_dir

FONTS = resources_dir() / "fonts"


def covered(text: str, font_files: list[str]) -> set[str]:
    """Characters of `text` that none of the fonts can draw."""
    fonts = [QRawFont(str(FONTS / name), 24) for name in font_files]
    return {
        ch
        for ch in set(text)
        if ch.isprintable() and not ch.isspace() and not any(font.supportsCharacter(ord(ch)) for font in fonts)
    }


def strings_in(data: object) -> str:
    if isinstance(data, dict):
        return " ".join(strings_in(v) for v in data.values())
    if isinstance(data, list):
        return " ".join(strings_in(v) for v in data)
    return data if isinstance(data, str) else ""


def test_qml_literals_and_interface_words_are_in_inter(qapp) -> None:
    literals = " ".join(
        " ".join(re.findall(r'"([^"\\]*)"', path.read_text(encoding="utf-8")))
        for path in (qml_dir() / "Kiosk").rglob("*.qml")
    )
    words = strings_in(yaml.safe_load((resources_dir() / "ui-strings.yaml").read_text(encoding="utf-8")))
    assert covered(literals + words, ["Inter-Regular.otf", "Inter-Bold.otf"]) == set()


def test_the_default_content_is_in_the_bundled_fonts(qapp) -> None:
    text = " ".join(
        strings_in(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in Path(default_content_dir()).glob("*.yaml")
    )
    missing = covered(text, ["Inter-Regular.otf", "RobotoSlab-Bold.otf"])
    assert missing == set(), f"characters no bundled font draws: {sorted(missing)}"


def test_the_spaces_french_typesetting_adds_are_in_every_bundled_font(qapp) -> None:
    """kiosk/content/typeset.py puts no-break spaces into French texts: every font the kiosk
    draws with has them, so they never fall back to a system font or an empty box. (Roboto
    Slab has no U+202F, the narrow one: which is why typeset does not use it.)"""
    from kiosk.content.typeset import INSERTED, typeset

    sample = "« Puits n° 11 : 852 m ; 10 % ! » le 25 septembre"
    assert set(typeset(sample, "fr")) - set(sample) == set(INSERTED)
    for path in sorted(FONTS.glob("*.otf")):
        font = QRawFont(str(path), 24)
        assert all(font.supportsCharacter(ord(char)) for char in INSERTED), path.name
