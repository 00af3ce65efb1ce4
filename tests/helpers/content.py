"""Content folders for tests: a small valid folder that a test breaks once (`ContentFolder`,
`build_valid_folder`), and private copies of the default exhibit (`copy_content`,
`intro_content`). No Qt here: the unit tests use it too.
"""

from __future__ import annotations

import random
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image

from kiosk.content.loader import Exhibit, load_exhibit
from kiosk.content.report import Problem, Report
from kiosk.paths import default_content_dir

MANIFEST = """\
# A minimal exhibit: three languages, four sections.
format: 1
title:
  fr: Base 11/19
  en: Base 11/19
  nl: Base 11/19
subtitle: Loos-en-Gohelle
invitation:
  fr: Touchez un thème
  en: Touch a theme
  nl: Tik op een thema
languages: [fr, en, nl]
default_language: fr
idle:
  timeout_seconds: 90
  countdown_seconds: 10
attract:
  slide_seconds: 9
  invitation:
    fr: Touchez l'écran
    en: Touch the screen
    nl: Raak het scherm aan
theme:
  accent: "#e3b23c"
backdrop:
  path: media/backdrop.png
  alt:
    fr: Les terrils
    en: The slag heaps
    nl: De terrils
  credit: Équipe du kiosque
  licence: CC BY 4.0
sections:
  - kind: timeline
    file: timeline.yaml
    colour: "#c0583f"
  - kind: blason
    file: blason.yaml
  - kind: map
    file: map.yaml
  - kind: pillars
    file: pillars.yaml
"""

SECTION = """\
title:
  fr: Titre {kind}
  en: Title {kind}
  nl: Titel {kind}
lead:
  fr: Une phrase sur {kind}.
  en: A sentence about {kind}.
  nl: Een zin over {kind}.
illustration:
  path: media/{picture}
  alt:
    fr: Image {kind}
    en: Picture {kind}
    nl: Beeld {kind}
  credit: Archives
  licence: CC BY 4.0
"""

PICTURES = {"timeline": "timeline.png", "blason": "blason.svg", "map": "map.png", "pillars": "pillars.svg"}

SVG = """\
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>
"""


@dataclass
class ContentFolder:
    """A content folder in tmp_path, with helpers to break it and to find lines in it."""

    root: Path

    def path(self, rel: str) -> Path:
        return self.root / rel

    def text(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> Path:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="\n")
        return target

    def replace(self, rel: str, old: str, new: str) -> None:
        """Replace the one occurrence of `old`: a test breaks exactly what it means to."""
        text = self.text(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new))

    def line_of(self, rel: str, needle: str) -> int:
        """1-based line of the first line containing `needle`."""
        for number, line in enumerate(self.text(rel).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {rel}")

    def column_of(self, rel: str, needle: str) -> int:
        line = self.text(rel).splitlines()[self.line_of(rel, needle) - 1]
        return line.index(needle) + 1

    def write_png(self, rel: str, size: tuple[int, int] = (8, 8), noise: bool = False) -> Path:
        """A real PNG; with noise it is big enough to be cut in the middle of its pixel data."""
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        pixels = random.Random(11).randbytes(size[0] * size[1] * 3) if noise else bytes(size[0] * size[1] * 3)
        Image.frombytes("RGB", size, pixels).save(target, "PNG")
        return target

    def write_png_header(self, rel: str, width: int, height: int) -> Path:
        """A PNG whose header claims `width` x `height` pixels, with almost no pixel data."""
        return self.write(rel, png_header_only(width, height))

    def load(self) -> tuple[Exhibit | None, Report]:
        return load_exhibit(self.root)

    def problems(self) -> list[Problem]:
        return self.load()[1].sorted()


def png_header_only(width: int, height: int) -> bytes:

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")
    )


def build_valid_folder(root: Path) -> ContentFolder:
    folder = ContentFolder(root)
    folder.write("exhibit.yaml", MANIFEST)
    folder.write_png("media/backdrop.png", (32, 18))
    for kind, picture in PICTURES.items():
        folder.write(f"{kind}.yaml", SECTION.format(kind=kind, picture=picture))
        if picture.endswith(".svg"):
            folder.write(f"media/{picture}", SVG)
        else:
            folder.write_png(f"media/{picture}")
    return folder


def copy_content(tmp_path: Path, edit_manifest: Callable[[str], str] | None = None) -> Path:
    """A private copy of the default exhibit, its manifest optionally edited."""
    target = tmp_path / "content"
    shutil.copytree(default_content_dir(), target)
    if edit_manifest is not None:
        manifest = target / "exhibit.yaml"
        manifest.write_text(edit_manifest(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def intro_content(tmp_path: Path) -> Path:
    """The default exhibit with its map reduced to its introduction (no layers, no markers),
    for tests of the introduction page every section shows until it has items."""
    content = copy_content(tmp_path)
    path = content / "map.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in ("layers", "markers", "here", "background"):
        data.pop(key, None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for name in ("timeline.yaml", "blason.yaml", "pillars.yaml"):
        other = content / name
        doc = yaml.safe_load(other.read_text(encoding="utf-8"))
        _drop_links(doc, "map:")
        other.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return content


def _drop_links(data: object, prefix: str) -> None:
    if isinstance(data, dict):
        if isinstance(data.get("related"), list):
            data["related"] = [link for link in data["related"] if not str(link).startswith(prefix)]
        for value in data.values():
            _drop_links(value, prefix)
    elif isinstance(data, list):
        for value in data:
            _drop_links(value, prefix)
