"""The kiosk's own words (buttons, countdown), per language. App-owned, not curator content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from kiosk.content.dates import DateWords
from kiosk.paths import resources_dir

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class UiStrings:
    language_names: dict[str, str]
    strings: dict[str, dict[str, str]]
    dates: dict[str, DateWords]

    def languages(self) -> set[str]:
        return set(self.language_names)

    def for_language(self, lang: str, fallback: str = "en") -> dict[str, str]:
        """Every string in `lang`, each falling back to `fallback`, then to any language."""
        out: dict[str, str] = {}
        for key, texts in self.strings.items():
            out[key] = texts.get(lang) or texts.get(fallback) or next(iter(texts.values()), "")
        return out

    def date_words(self, lang: str, fallback: str = "en") -> DateWords:
        return self.dates.get(lang) or self.dates[fallback]

    def name_of(self, lang: str) -> str:
        return self.language_names.get(lang, lang.upper())


def load_ui_strings(path: Path | None = None) -> UiStrings:
    """Read the app-owned strings file. It ships with the app: a failure here is a bug, so it raises."""
    source = path or resources_dir() / "ui-strings.yaml"
    with source.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_Loader)
    names = {str(k): str(v) for k, v in data["language_names"].items()}
    strings = {str(k): {str(lang): str(text) for lang, text in v.items()} for k, v in data["strings"].items()}
    dates = {
        str(lang): DateWords(
            months=tuple(str(m) for m in words["months"]),
            about=str(words["about"]),
            range=str(words["range"]),
            day_first=bool(words.get("day_first", True)),
            first_day=str(words.get("first_day", "1")),
        )
        for lang, words in data["dates"].items()
    }
    return UiStrings(language_names=names, strings=strings, dates=dates)
