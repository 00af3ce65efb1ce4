"""Where the visitor is: the screen, the section and the language.

Plain Python so that the rules (what "next" means, what a reset restores) are tested
without Qt; the bridge mirrors this state into QML properties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Screen(StrEnum):
    ATTRACT = "attract"
    HOME = "home"
    SECTION = "section"
    CREDITS = "credits"


@dataclass
class Session:
    section_count: int
    languages: tuple[str, ...]
    default_language: str
    screen: Screen = Screen.ATTRACT
    section_index: int = -1
    language: str = field(default="")
    #: What the visitor has opened inside the current screen (a picture, an event...), or "".
    detail: str = ""

    def __post_init__(self) -> None:
        if self.default_language not in self.languages:
            raise ValueError(f"default language {self.default_language!r} not in {self.languages}")
        if not self.language:
            self.language = self.default_language

    def wake(self) -> None:
        """A touch on the attract screen: the visitor arrives at home."""
        if self.screen is Screen.ATTRACT:
            self.screen = Screen.HOME
            self.section_index = -1
            self.detail = ""

    def go_home(self) -> None:
        self.screen = Screen.HOME
        self.section_index = -1
        self.detail = ""

    def open_credits(self) -> None:
        """Who made the pictures, where the facts come from, under which licences."""
        self.screen = Screen.CREDITS
        self.section_index = -1
        self.detail = ""

    def open_section(self, index: int) -> bool:
        if not 0 <= index < self.section_count:
            return False
        self.screen = Screen.SECTION
        self.section_index = index
        self.detail = ""
        return True

    def next_section(self) -> bool:
        """From a section to the following one, wrapping round to the first."""
        if self.section_count == 0:
            return False
        start = self.section_index if self.screen is Screen.SECTION else -1
        return self.open_section((start + 1) % self.section_count)

    def previous_section(self) -> bool:
        if self.section_count == 0:
            return False
        start = self.section_index if self.screen is Screen.SECTION else 0
        return self.open_section((start - 1) % self.section_count)

    def open_detail(self, key: str) -> bool:
        """Open something inside a section (its views decide what a key means)."""
        if self.screen is not Screen.SECTION or not key or key == self.detail:
            return False
        self.detail = key
        return True

    def close_detail(self) -> bool:
        if not self.detail:
            return False
        self.detail = ""
        return True

    def set_language(self, code: str) -> bool:
        if code not in self.languages or code == self.language:
            return False
        self.language = code
        return True

    def reset(self) -> None:
        """The visitor has left: back to the attract screen in the default language."""
        self.screen = Screen.ATTRACT
        self.section_index = -1
        self.language = self.default_language
        self.detail = ""
