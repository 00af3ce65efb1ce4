from __future__ import annotations

import pytest

from kiosk.services.session import Screen, Session


@pytest.fixture
def session() -> Session:
    return Session(section_count=4, languages=("fr", "en", "nl"), default_language="fr")


def test_starts_on_the_attract_screen_in_the_default_language(session: Session) -> None:
    assert session.screen is Screen.ATTRACT
    assert session.language == "fr"
    assert session.section_index == -1


def test_a_touch_on_attract_leads_home(session: Session) -> None:
    session.wake()
    assert session.screen is Screen.HOME


def test_next_and_previous_wrap_round(session: Session) -> None:
    session.open_section(3)
    session.next_section()
    assert (session.screen, session.section_index) == (Screen.SECTION, 0)
    session.previous_section()
    assert session.section_index == 3


def test_open_section_refuses_an_index_out_of_range(session: Session) -> None:
    assert not session.open_section(4)
    assert not session.open_section(-1)
    assert session.screen is Screen.ATTRACT


def test_language_switch_keeps_the_position(session: Session) -> None:
    session.open_section(2)
    assert session.set_language("nl")
    assert (session.screen, session.section_index, session.language) == (Screen.SECTION, 2, "nl")
    assert not session.set_language("de")
    assert not session.set_language("nl")


def test_credits_are_a_screen_of_their_own(session: Session) -> None:
    session.open_section(2)
    session.open_credits()
    assert (session.screen, session.section_index, session.detail) == (Screen.CREDITS, -1, "")
    session.go_home()
    assert session.screen is Screen.HOME


def test_reset_returns_to_attract_and_default_language(session: Session) -> None:
    session.open_section(1)
    session.set_language("en")
    session.reset()
    assert (session.screen, session.section_index, session.language) == (Screen.ATTRACT, -1, "fr")


def test_default_language_must_be_offered() -> None:
    with pytest.raises(ValueError):
        Session(section_count=1, languages=("en",), default_language="fr")


def test_detail_opens_only_in_a_section_and_closes_on_any_move(session: Session) -> None:
    assert not session.open_detail("picture")
    session.open_section(0)
    assert session.open_detail("picture")
    assert session.detail == "picture"
    assert not session.open_detail("picture")
    session.set_language("en")
    assert session.detail == "picture", "a language switch keeps what is open"
    session.next_section()
    assert session.detail == ""
    session.open_detail("picture")
    assert session.close_detail()
    assert not session.close_detail()
    session.open_detail("picture")
    session.reset()
    assert session.detail == ""
