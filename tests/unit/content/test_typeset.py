"""French typography applied by the kiosk: the no-break spaces French needs, and no others."""

from __future__ import annotations

import pytest

from kiosk.content import fit
from kiosk.content.loader import displayed, written
from kiosk.content.typeset import NBSP, typeset

NNBSP = "\u202f"  # below, "_" stands for U+00A0 and "^" for U+202F


def spaces(text: str) -> str:
    return text.replace("_", NBSP).replace("^", NNBSP)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # before ; ! ? a no-break space, replacing a space or added
        ("Vraiment ?", "Vraiment_?"),
        ("Vraiment?", "Vraiment_?"),
        ("Quoi ?!", "Quoi_?!"),
        ("Enfin !", "Enfin_!"),
        ("le puits ; la fosse", "le puits_; la fosse"),
        ("« Pourquoi ? »", "«_Pourquoi_?_»"),
        # before : a no-break space
        ("Base 11/19 : l’histoire", "Base 11/19_: l’histoire"),
        ("Note: la suite", "Note_: la suite"),
        ("Profondeur :", "Profondeur_:"),
        # inside « »
        ("« Le puits »", "«_Le puits_»"),
        ("«Le puits»", "«_Le puits_»"),
        # a number and its unit
        ("852 m de profondeur", "852_m de profondeur"),
        ("186 m", "186_m"),
        ("90 ha de friches", "90_ha de friches"),
        ("1,5 km", "1,5_km"),
        ("22 000 m²", "22 000_m²"),
        ("6 700 habitants", "6 700_habitants"),
        ("177\u202f700 habitants", "177\u202f700_habitants"),  # numbers.py's separator stays
        ("10 %", "10_%"),
        ("10%", "10_%"),
        ("3 MW", "3_MW"),
        ("à 10 h 30", "à 10_h 30"),
        # after n° and N°
        ("Puits n° 11", "Puits n°_11"),
        ("N° 5", "N°_5"),
        ("le n°11", "le n°_11"),
        # a day and its month
        ("le 25 septembre 1915", "le 25_septembre 1915"),
        ("le 1er octobre", "le 1er_octobre"),
        # left alone
        ("à 10:30 puis", "à 10:30 puis"),
        ("échelle 1:25000", "échelle 1:25000"),
        ("voir https://www.loos-en-gohelle.fr/a?b=1 !", "voir https://www.loos-en-gohelle.fr/a?b=1_!"),
        ("écrire à contact@loos.fr: merci", "écrire à contact@loos.fr_: merci"),  # the address untouched
        ("en 1915 mineurs", "en 1915 mineurs"),
        ("2 m’ont dit", "2 m’ont dit"),
        ("les 3 terrils", "les 3 terrils"),
        ("", ""),
        # never doubled: a no-break space typed by hand is kept as it is
        ("Enfin_!", "Enfin_!"),
        ("Enfin^!", "Enfin^!"),
        ("«_Le puits_»", "«_Le puits_»"),
        ("Base 11/19_: l’histoire", "Base 11/19_: l’histoire"),
        ("852_m", "852_m"),
        ("Puits n°_11", "Puits n°_11"),
    ],
)
def test_french_gets_its_no_break_spaces(text: str, expected: str) -> None:
    assert typeset(spaces(text), "fr") == spaces(expected)


def test_typesetting_twice_changes_nothing_more() -> None:
    once = typeset("« Puits n° 11 : 852 m ! » le 25 septembre", "fr")
    assert typeset(once, "fr") == once


@pytest.mark.parametrize("language", ["en", "nl", "", "de"])
def test_other_languages_are_left_untouched(language: str) -> None:
    text = "Shaft n° 11: 852 m deep! « Quoted »"
    assert typeset(text, language) == text


def test_a_text_is_typeset_in_the_language_it_is_written_in() -> None:
    title = {"fr": "Puits n° 11", "nl": "Schacht nr. 11"}
    # English is missing: the French text is shown, and it is still French
    assert written(title, "en", "fr") == ("Puits n° 11", "fr")
    assert displayed(title, "en", "fr") == "Puits n°\u00a011"
    assert displayed({"fr": "Puits n° 11", "en": "Shaft n° 11"}, "en", "fr") == "Shaft n° 11"
    # a plain text, the same in every language, is written in the default language
    assert displayed("Fosse n° 11", "nl", "fr") == "Fosse n°\u00a011"
    assert displayed("Fosse n° 11", "fr", "en") == "Fosse n° 11"
    assert displayed(None, "fr", "fr") == ""


def test_the_fit_warnings_measure_the_typeset_title() -> None:
    # Room for "Puits n°" on a line: in English "Puits n°" / "11 bis" takes two lines; in
    # French "n° 11" cannot be parted, so "Puits" / "n° 11" / "bis" takes three.
    place = fit.Place("test", "sans", 500, 24, fit.width_of("Puits n°", "sans", 500, 24) + 2, lines=2)
    assert fit.fits("Puits n° 11 bis", place, "en")
    assert not fit.fits("Puits n° 11 bis", place, "fr")
    assert fit.lines_needed("Puits n°\u00a011 bis", place) == 3
