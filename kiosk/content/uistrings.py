"""The kiosk's own words (buttons, countdown), per language. App-owned, not curator content."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kiosk.content.dates import DateWords
from kiosk.paths import resources_dir

#: The shipped file's words, read once per process: the file ships with the app and does not
#: change while it runs. A warm start hands over the copy kept with its content (`remember`),
#: so the exhibit's first frame reads no YAML at all.
_shipped: list[UiStrings] = []


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
    """The app-owned strings file (the shipped one unless `path`). It ships with the app: a
    failure here is a bug, so it raises."""
    if path is not None:
        return _read(path)
    if not _shipped:
        _shipped.append(_read(resources_dir() / "ui-strings.yaml"))
    return _shipped[0]


def remember(ui: UiStrings) -> None:
    """The shipped file's words as read before, kept with a warm start's content (whose key
    covers the file, kiosk/services/warmstart.py): `load_ui_strings` returns them."""
    if not _shipped:
        _shipped.append(ui)


def _read(source: Path) -> UiStrings:
    import yaml  # here: a warm start never reads the file

    with source.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
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
