"""Dates as visitors read them: one order per language, periods that share their year once,
approximate dates that say so. The words come from the shipped resources/ui-strings.yaml."""

from __future__ import annotations

import pytest

from kiosk.content.dates import DateWords, HistoricDate, format_date, format_period
from kiosk.content.uistrings import load_ui_strings


@pytest.fixture(scope="module")
def words() -> dict[str, DateWords]:
    ui = load_ui_strings()
    return {lang: ui.date_words(lang) for lang in ("fr", "en", "nl")}


def d(value: object) -> HistoricDate:
    return HistoricDate.parse(value)


@pytest.mark.parametrize(
    ("lang", "value", "label"),
    [
        ("en", "1915-09-25", "25 September 1915"),
        ("fr", "1915-09-25", "25 septembre 1915"),
        ("nl", "1915-09-25", "25 september 1915"),
        ("fr", "1915-10-01", "1er octobre 1915"),
        ("en", "1915-10-01", "1 October 1915"),
        ("nl", "1915-10-01", "1 oktober 1915"),
        ("en", "1914-10", "October 1914"),
        ("fr", "1914-10", "octobre 1914"),
        ("en", 1071, "1071"),
        ("nl", 800, "800"),
    ],
)
def test_one_date_in_each_language(words: dict[str, DateWords], lang: str, value: object, label: str) -> None:
    assert format_date(d(value), words[lang]) == label


@pytest.mark.parametrize(
    ("lang", "start", "end", "label"),
    [
        # The Battle of Loos: the year once, a spaced dash between parts that have spaces.
        ("en", "1915-09-25", "1915-10", "25 September – October 1915"),
        ("fr", "1915-09-25", "1915-10", "25 septembre – octobre 1915"),
        ("nl", "1915-09-25", "1915-10", "25 september – oktober 1915"),
        ("en", "1915-10-08", "1915-10-14", "8–14 October 1915"),
        ("fr", "1915-10-01", "1915-10-14", "1er–14 octobre 1915"),
        ("en", 1960, 1970, "1960–1970"),
        ("en", "1915-09-25", "1916-01-03", "25 September 1915 – 3 January 1916"),
        ("fr", "2000-05", 2001, "mai 2000 – 2001"),
        ("en", 1915, 1915, "1915"),
        ("en", 1915, None, "1915"),
    ],
)
def test_periods(words: dict[str, DateWords], lang: str, start: object, end: object, label: str) -> None:
    assert format_period(d(start), None if end is None else d(end), words[lang]) == label


@pytest.mark.parametrize(("lang", "label"), [("fr", "vers 1992"), ("en", "around 1992"), ("nl", "rond 1992")])
def test_an_unconfirmed_date_says_around(words: dict[str, DateWords], lang: str, label: str) -> None:
    assert format_period(d(1992), None, words[lang], approximate=True) == label


def test_no_language_writes_the_month_first(words: dict[str, DateWords]) -> None:
    """One style everywhere: no "September 25, 1915" left in any language."""
    for lang, its_words in words.items():
        assert its_words.day_first, lang
        assert "," not in format_period(d("1915-09-25"), d("1915-10"), its_words), lang


def test_a_us_order_is_still_possible_for_a_curator_who_asks() -> None:
    us = DateWords(
        months=(
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        about="about %1",
        range="%1–%2",
        day_first=False,
    )
    assert format_date(d("1915-09-25"), us) == "September 25, 1915"
