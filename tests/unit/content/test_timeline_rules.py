"""The timeline's plain rules: dates, order, the piecewise axis, the ruler, lanes, labels."""

from __future__ import annotations

import itertools

import pytest

from kiosk.content.dates import HistoricDate
from kiosk.content.schema import Era, Event
from kiosk.content.timeline import (
    DateWords,
    TimeAxis,
    contrast,
    date_label,
    dotted,
    lanes,
    readable_ink,
    short_date_label,
    sort_events,
)

ERAS = [
    Era(id="village", title="Village", start=1000, end=1850, width=1, colour="#d8cbb0"),
    Era(id="coal", title="Coal", start=1850, end=1984, width=2, colour="#c0583f"),
    Era(id="transition", title="Transition", start=1984, end=2026, width=1, colour="#7ea35a"),
]
FR = DateWords(
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    about="vers %1",
    range="%1–%2",
    day_first=True,
)
EN = DateWords(
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
    about="around %1",
    range="%1–%2",
    day_first=True,
)


def event(id: str, date: object, **extra: object) -> Event:
    return Event.model_validate({"id": id, "date": date, "era": "coal", "title": id, "text": "t", **extra})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1071, (1071, None, None)),
        ("1915-09", (1915, 9, None)),
        ("1915-09-25", (1915, 9, 25)),
        (800, (800, None, None)),
        ("0800-05", (800, 5, None)),
        ("2024-02-29", (2024, 2, 29)),
    ],
)
def test_dates_as_curators_write_them(value: object, expected: tuple) -> None:
    date = HistoricDate.parse(value)
    assert (date.year, date.month, date.day) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1915-13", "month 13 does not exist (months go from 1 to 12)"),
        ("1915-02-31", "February 1915 has no day 31 (it has 28 days)"),
        ("2023-02-29", "February 2023 has no day 29 (it has 28 days)"),
        ("25/09/1915", "'25/09/1915' is not a date"),
        (0, "year 0 is not supported"),
        (True, "a date is a year"),
    ],
)
def test_impossible_dates_are_refused_in_plain_words(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        HistoricDate.parse(value)


def test_a_day_sits_inside_its_year() -> None:
    assert HistoricDate.parse("1915-01-01").position() == 1915.0
    assert 1915.7 < HistoricDate.parse("1915-09-25").position() < 1915.75
    assert HistoricDate.parse("1915").end_position() == 1916.0


def test_events_sort_by_date_and_equal_dates_keep_the_file_order() -> None:
    events = [event("c", 1986), event("a", 1915), event("b1", 1960), event("b2", 1960), event("x", "1915-09-25")]
    assert [e.id for e in sort_events(events)] == ["a", "x", "b1", "b2", "c"]


def test_each_era_takes_its_share_of_the_axis() -> None:
    axis = TimeAxis(ERAS)
    assert axis.position(1000) == 0.0
    assert axis.position(1850) == pytest.approx(0.25)
    assert axis.position(1984) == pytest.approx(0.75)
    assert axis.position(2026) == pytest.approx(1.0)
    # Inside an era, years are evenly spaced.
    assert axis.position(1917) == pytest.approx(0.25 + 0.5 * (1917 - 1850) / 134)
    assert axis.position(1425) == pytest.approx(0.125)


def test_positions_outside_the_eras_are_clamped_to_the_edges() -> None:
    axis = TimeAxis(ERAS)
    assert axis.position(900) == 0.0
    assert axis.position(2100) == 1.0


def test_year_at_is_the_inverse_of_position() -> None:
    axis = TimeAxis(ERAS)
    for year in (1000, 1300.5, 1850, 1915.73, 1984, 2020):
        assert axis.year_at(axis.position(year)) == pytest.approx(year)


def test_the_ruler_never_lies() -> None:
    """Every mark stands where its year is, and marks never crowd closer than asked."""
    axis = TimeAxis(ERAS)
    width, spacing = 8000.0, 100.0
    ticks = axis.ticks(width, spacing)
    for tick in ticks:
        assert tick.position == pytest.approx(axis.position(tick.year))
    xs = [tick.position * width for tick in ticks]
    assert all(b - a >= spacing * 0.79 for a, b in itertools.pairwise(xs))
    years = [tick.year for tick in ticks]
    assert years == sorted(years)
    assert {1000, 1850, 1984, 2026} <= set(years), "every era boundary is marked"


def test_denser_eras_get_finer_marks() -> None:
    ticks = TimeAxis(ERAS).ticks(8000.0, 100.0)
    village = [t.year for t in ticks if 1000 < t.year < 1850]
    coal = [t.year for t in ticks if 1850 < t.year < 1984]
    assert village[1] - village[0] > coal[1] - coal[0]


def test_each_era_has_the_step_its_marks_use() -> None:
    axis = TimeAxis(ERAS)
    steps = axis.steps(8000.0, 100.0)
    assert steps[0] > steps[1], "the sparse village centuries are marked less finely than the coal age"
    ticks = axis.ticks(8000.0, 100.0)
    for segment, step in zip(axis.segments, steps, strict=True):
        years = [t.year for t in ticks if segment.era.start < t.year < segment.era.end]
        assert all(b - a == step for a, b in itertools.pairwise(years))


def test_cards_get_lanes_and_never_overlap() -> None:
    xs = [0, 100, 200, 250, 500, 900]
    assigned = lanes(xs, card_px=300, lane_count=3)
    assert assigned == [0, 1, 2, -1, 0, 1], "no lane left at 250: a dot only, until zoomed in"
    for lane in set(assigned) - {-1}:
        in_lane = [x for x, a in zip(xs, assigned, strict=True) if a == lane]
        assert all(b - a >= 300 for a, b in itertools.pairwise(in_lane))


def test_sparse_cards_step_down_the_whole_band() -> None:
    """Far-apart events do not all sit in the top lane: the band is filled at every height."""
    assert lanes([0, 1000, 2000, 3000, 4000], card_px=300, lane_count=4) == [0, 1, 2, 3, 0]


def test_stepping_down_gives_as_many_cards_a_lane_as_the_first_free_lane() -> None:
    import random

    rng = random.Random(7)
    for _ in range(50):
        xs = sorted(rng.uniform(0, 5000) for _ in range(60))
        greedy_edges: list[float] = [-1e9] * 3
        placed = 0
        for x in xs:
            free = next((i for i, edge in enumerate(greedy_edges) if edge <= x), -1)
            if free >= 0:
                greedy_edges[free] = x + 300
                placed += 1
        assert sum(1 for lane in lanes(xs, 300, 3) if lane >= 0) == placed


def test_a_dot_drawn_exactly_over_another_is_left_out() -> None:
    xs = [10.0, 10.0, 10.3, 11.0, 11.0, 11.0, 40.0]
    kinds = ["coal"] * 7
    assert dotted(xs, [-1] * 7, kinds, [False] * 7) == [0, 3, 6]
    # Closer than half a pixel to the last dot drawn, not to the one before it.
    assert dotted([0.0, 0.4, 0.8, 1.2], [-1] * 4, ["coal"] * 4, [False] * 4) == [0, 2]


def test_dots_of_another_colour_a_card_or_a_period_are_kept() -> None:
    xs = [10.0] * 4
    assert dotted(xs, [-1] * 4, ["coal", "village", "coal", "coal"], [False] * 4) == [0, 1, 2]
    assert dotted(xs, [-1, 0, -1, 2], ["coal"] * 4, [False] * 4) == [0, 1, 3], "a card's dot holds its stem"
    assert dotted(xs, [-1] * 4, ["coal"] * 4, [False, True, False, False]) == [0, 1], "a period has its bar"
    assert dotted([], [], [], []) == []


@pytest.mark.parametrize(
    ("date", "extra", "words", "label"),
    [
        (1071, {}, FR, "1071"),
        ("1915-09-25", {}, FR, "25 septembre 1915"),
        ("1915-09-25", {}, EN, "25 September 1915"),
        ("1915-09-25", {"end": "1915-10"}, EN, "25 September – October 1915"),
        ("1914-10", {}, FR, "octobre 1914"),
        (1960, {"end": 1970}, FR, "1960–1970"),
        (1855, {"approximate": True}, FR, "vers 1855"),
        (1855, {"approximate": True}, EN, "around 1855"),
    ],
)
def test_date_labels(date: object, extra: dict, words: DateWords, label: str) -> None:
    assert date_label(event("e", date, **extra), words) == label


@pytest.mark.parametrize(
    ("date", "extra", "label"),
    [
        (1071, {}, "1071"),
        ("1915-09-25", {}, "1915"),
        ("1915-09-25", {"end": "1915-10"}, "1915"),
        (1213, {"end": 1648}, "1213–1648"),
        (1855, {"approximate": True}, "vers 1855"),
    ],
)
def test_short_date_labels_name_the_years(date: object, extra: dict, label: str) -> None:
    assert short_date_label(event("e", date, **extra), FR) == label


GROUNDS = ["#1d2126", "#2a2f36", "#121417"]


@pytest.mark.parametrize("colour", ["#c0583f", "#7ea35a", "#e3b23c", "#d8cbb0", "#1030a0", "#000000"])
def test_an_era_colour_gets_an_ink_that_reads_on_every_ground(colour: str) -> None:
    ink = readable_ink(colour, GROUNDS)
    assert all(contrast(ink, ground) >= 4.5 for ground in GROUNDS)


def test_a_readable_era_colour_is_kept_and_a_dim_one_only_lightened_as_needed() -> None:
    assert readable_ink("#e3b23c", GROUNDS) == "#e3b23c"
    brick = readable_ink("#c0583f", GROUNDS)
    assert contrast("#c0583f", GROUNDS[0]) < 4.5 <= contrast(brick, GROUNDS[0])
    assert brick != "#ffffff", "still a tint of the era's colour, not white"
    assert readable_ink("#e3b23c", ["#ffffff"]) != "#e3b23c", "on a light ground the ink darkens"
