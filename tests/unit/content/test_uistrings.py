from __future__ import annotations

from kiosk.content.uistrings import load_ui_strings


def test_every_interface_word_exists_in_every_language() -> None:
    ui = load_ui_strings()
    languages = ui.languages()
    assert {"fr", "en", "nl"} <= languages
    for key, texts in ui.strings.items():
        assert set(texts) == languages, f"{key} lacks {languages - set(texts)}"
        assert all(text.strip() for text in texts.values()), key


def test_language_names_are_written_in_their_own_language() -> None:
    ui = load_ui_strings()
    assert [ui.name_of(code) for code in ("fr", "en", "nl")] == ["Français", "English", "Nederlands"]


def test_an_unknown_language_falls_back_to_english() -> None:
    ui = load_ui_strings()
    assert ui.for_language("de")["home"] == ui.for_language("en")["home"]
