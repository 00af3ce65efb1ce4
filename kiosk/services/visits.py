"""Visits cut out of touches: when a visitor's session starts, what it holds, when it ended.

Pure policy with an injected clock (tested without Qt or a disk): the bridge calls
`touch()` at every touch and names the actions; the messages go to a sink (the record's
queue, kiosk/services/analytics.py).

A session starts at the first touch after the attract screen or an idle reset, and ends
at the LAST touch before the idle countdown: the idle time is not visit time. Touches
closer than the idle timeout (plus its countdown, when a touch answered it) belong to one
session. Lengths come from the monotonic clock, so a wall clock set back (or forward) never
makes a negative or a year-long visit; the wall clock only dates the session's start.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from kiosk.services.analytics import Event, Message, SessionStart, SessionUpdate, Tap, new_session_id, utc_now

#: The session's length is sent to the record at most this often while touches go on.
UPDATE_EVERY_SECONDS = 1.0


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def utc(self) -> float: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def utc(self) -> float:
        return utc_now()


@dataclass
class _Session:
    id: int
    start_mono: float
    start_utc: float
    last_touch: float
    sent_at: float
    countdown: bool = False  # the countdown is on screen


class Visits:
    """The visit under way, and the messages that record it."""

    def __init__(
        self,
        sink: Callable[[Message], None],
        clock: Clock | None = None,
        *,
        session_gap: float = 120.0,
        language: str = "",
        content: str = "",
        version: str = "",
        new_id: Callable[[], int] = new_session_id,
    ) -> None:
        self._sink = sink
        self._clock = clock or SystemClock()
        self._gap = session_gap
        self._language = language
        self._content = content
        self._version = version
        self._new_id = new_id
        self._session: _Session | None = None

    @property
    def session(self) -> int | None:
        """The session under way (None between visitors)."""
        return self._session.id if self._session is not None else None

    def set_content(self, content: str, version: str) -> None:
        """New content shown: the next session carries its fingerprint."""
        self._content, self._version = content, version

    def set_gap(self, seconds: float) -> None:
        self._gap = seconds

    def touch(self) -> None:
        """A touch, a click or a key: starts a session, or extends the one under way."""
        now = self._clock.monotonic()
        session = self._session
        if session is not None and now - session.last_touch >= self._gap:
            self.end()  # the reset never came (the clock stood still, a missed signal)
            session = None
        if session is None:
            self._start(now)
            return
        if session.countdown:
            session.countdown = False
            self._event("cancelled", now)
        session.last_touch = max(session.last_touch, now)
        if now - session.sent_at >= UPDATE_EVERY_SECONDS:
            session.sent_at = now
            self._update()

    def action(self, kind: str, screen: str = "", item: str = "", cell: int = -1) -> None:
        """Something worth counting, in the session under way (an action without a touch,
        such as a swap's reload, outside a session is not counted)."""
        if self._session is None:
            return
        if kind == "language":
            self._language = item
        self._event(kind, self._clock.monotonic(), screen, item, cell)

    def tap(self, screen: str, cell: int) -> None:
        """A tap (answered or not) in a coarse cell of its screen, during a visit."""
        session = self._session
        if session is None:
            return
        self._sink(Tap(session.start_utc + self._offset(self._clock.monotonic()), screen, cell))

    def set_language(self, code: str) -> None:
        """The language in use (a reset's default language, without counting it as chosen)."""
        self._language = code

    def countdown_shown(self) -> None:
        if self._session is not None and not self._session.countdown:
            self._session.countdown = True
            self._event("countdown", self._clock.monotonic())

    def end(self) -> None:
        """The visitor has gone (an idle reset, closing time): the session ends at its last touch."""
        if self._session is None:
            return
        self._update(ended=True)
        self._session = None

    # -- internals -------------------------------------------------------------------------
    def _start(self, now: float) -> None:
        self._session = _Session(self._new_id(), now, self._clock.utc(), now, now)
        self._sink(
            SessionStart(self._session.id, self._session.start_utc, self._language, self._content, self._version)
        )

    def _offset(self, at: float) -> float:
        assert self._session is not None
        return max(0.0, at - self._session.start_mono)

    def _event(self, kind: str, at: float, screen: str = "", item: str = "", cell: int = -1) -> None:
        session = self._session
        assert session is not None
        offset = self._offset(at)
        self._sink(Event(session.id, session.start_utc + offset, offset, kind, screen, item, self._language, cell))

    def _update(self, ended: bool = False) -> None:
        session = self._session
        assert session is not None
        self._sink(SessionUpdate(session.id, self._offset(session.last_touch), self._language, ended))
