"""The visitor record: what visitors do, kept in an SQLite file on the exhibition PC.

Plain Python (no Qt). The bridge reports what happened (kiosk/bridge/analytics.py); this
module keeps it. Private by design: no free text, nothing that identifies a person; a tap is
kept only as a coarse cell of its screen (48 x 27).

Safe by design: the GUI thread only puts small tuples on a queue; a writer thread writes
them in one transaction every `FLUSH_SECONDS` and at exit, so a slow disk never costs a frame
and a power cut loses at most those seconds. A corrupt or locked file is moved aside (with a
log line) and a new one started; a full disk or a read-only folder stops the record (logged
once), never the exhibit. Complete days are rolled up into small daily tables (so a year's
figures come back in a moment, kiosk/services/statistics.py); the detailed rows are kept
`DETAIL_DAYS`, the daily ones `retention_days`, and the file stays under `max_mb`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: The record's layout; a file with a larger number comes from a newer kiosk: read, never written.
SCHEMA_VERSION = 1
FILE_NAME = "visits.sqlite"
#: Coarse tap cells: the screen cut into 48 columns and 27 rows (40 px squares at 1920x1080).
CELL_COLUMNS, CELL_ROWS = 48, 27
FLUSH_SECONDS = 2.0
#: Detailed rows (each session and action) are kept this many days; the daily figures longer.
DETAIL_DAYS = 31
RETENTION_DAYS = 400
MAX_MB = 200.0
#: Visit lengths are counted in bins of this many seconds (the median is read from them).
LENGTH_BIN_SECONDS = 5
#: A batch that cannot be written (a locked file) is kept at most this many rows.
MAX_PENDING = 50_000

#: What an action is; `screen` says where, `item` what (an id from the content, never free text).
KINDS = (
    "section",  # a section opened (item: its kind)
    "item",  # an item opened inside a section (an event, a charge, a marker, a pillar)
    "close",  # the opened item closed
    "link",  # a link followed to another section's item (item: SECTION:ID)
    "home",
    "credits",
    "language",  # item: the language chosen
    "glossary",  # item: the word's id
    "discover",  # the blason's walk through its charges
    "zoom",  # the map zoomed (item: "in" or "out")
    "nothing",  # a tap that hit nothing (cell)
    "countdown",  # the "still there?" countdown shown
    "cancelled",  # ... and a touch answered it
)
#: Actions that end the time spent in a section (or in an item, with "close" and "item").
_LEAVES_SECTION = frozenset({"section", "home", "credits", "link"})
_LEAVES_ITEM = _LEAVES_SECTION | {"item", "close"}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    started REAL NOT NULL,          -- UTC, seconds since 1970
    local_date TEXT NOT NULL,       -- the local date the visit started (YYYY-MM-DD)
    local_hour INTEGER NOT NULL,    -- 0..23
    weekday INTEGER NOT NULL,       -- 0 = Monday
    seconds REAL NOT NULL DEFAULT 0,-- first touch to last touch, never negative
    ended INTEGER NOT NULL DEFAULT 0,
    rolled INTEGER NOT NULL DEFAULT 0,-- 1: counted in the daily tables
    language TEXT NOT NULL DEFAULT '',
    content TEXT NOT NULL DEFAULT '',
    version TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sessions_date ON sessions(rolled, local_date);
CREATE INDEX IF NOT EXISTS sessions_latest ON sessions(local_date, started);
CREATE TABLE IF NOT EXISTS events (
    session INTEGER NOT NULL,
    at REAL NOT NULL,               -- UTC
    offset REAL NOT NULL,           -- seconds since the session's first touch (monotonic)
    kind TEXT NOT NULL,
    screen TEXT NOT NULL DEFAULT '',
    item TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL DEFAULT '',
    cell INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX IF NOT EXISTS events_session ON events(session);
CREATE TABLE IF NOT EXISTS content_items (
    content TEXT NOT NULL, section TEXT NOT NULL, item TEXT NOT NULL,
    UNIQUE (content, section, item)
);
CREATE TABLE IF NOT EXISTS day_visits (
    local_date TEXT NOT NULL, local_hour INTEGER NOT NULL, weekday INTEGER NOT NULL,
    visits INTEGER NOT NULL, seconds REAL NOT NULL,
    PRIMARY KEY (local_date, local_hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_lengths (
    local_date TEXT NOT NULL, bin INTEGER NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (local_date, bin)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_languages (
    local_date TEXT NOT NULL, language TEXT NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (local_date, language)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_contents (
    local_date TEXT NOT NULL, content TEXT NOT NULL, version TEXT NOT NULL, visits INTEGER NOT NULL,
    PRIMARY KEY (local_date, content, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS day_actions (
    local_date TEXT NOT NULL, kind TEXT NOT NULL, screen TEXT NOT NULL, item TEXT NOT NULL,
    count INTEGER NOT NULL, seconds REAL NOT NULL,
    PRIMARY KEY (local_date, kind, screen, item)
) WITHOUT ROWID;
-- By screen and cell first: a period's cells are summed in the key's order, without a sort.
CREATE TABLE IF NOT EXISTS day_cells (
    screen TEXT NOT NULL, cell INTEGER NOT NULL, local_date TEXT NOT NULL, taps INTEGER NOT NULL,
    PRIMARY KEY (screen, cell, local_date)
) WITHOUT ROWID;
-- Every tap of a visit, answered or not, counted by day, screen and cell as it is written
-- (no detailed row: the report's heat maps of where visitors touch).
CREATE TABLE IF NOT EXISTS day_taps (
    screen TEXT NOT NULL, cell INTEGER NOT NULL, local_date TEXT NOT NULL, taps INTEGER NOT NULL,
    PRIMARY KEY (screen, cell, local_date)
) WITHOUT ROWID;
"""


def default_file() -> Path:
    """visits.sqlite in the kiosk user's data folder (beside the last known good content)."""
    from kiosk.paths import user_data_folder

    return user_data_folder() / FILE_NAME


def cell_of(x: float, y: float) -> int:
    """The coarse cell of a tap at (x, y), fractions of its screen (0..1): row * 48 + column."""
    column = min(CELL_COLUMNS - 1, max(0, int(x * CELL_COLUMNS)))
    row = min(CELL_ROWS - 1, max(0, int(y * CELL_ROWS)))
    return row * CELL_COLUMNS + column


def local_parts(utc: float) -> tuple[str, int, int]:
    """(local date, hour, weekday) of a UTC moment, in the PC's time zone."""
    moment = datetime.fromtimestamp(utc).astimezone()
    return moment.date().isoformat(), moment.hour, moment.weekday()


class NewerRecordError(Exception):
    """The file was written by a newer kiosk: it may be read, never written or downgraded."""


def connect(path: Path, *, read_only: bool = False, timeout: float = 5.0) -> sqlite3.Connection:
    """A connection in WAL mode with the record's tables (created when missing).

    Raises NewerRecordError for a newer layout (when not `read_only`), sqlite3.DatabaseError for
    a damaged file, sqlite3.OperationalError for a locked or unwritable one.
    """
    if read_only:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout)
        connection.execute("PRAGMA query_only = ON")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # a damaged file says so here
        return connection
    connection = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise NewerRecordError(
                f"{path} was written by a newer kiosk (layout {version}, this one knows {SCHEMA_VERSION})"
            )
        if version == 0:
            # Before the first table: freed pages can be given back after a prune.
            connection.execute("PRAGMA auto_vacuum = INCREMENTAL")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("BEGIN IMMEDIATE")  # a file locked for good shows here, after `timeout`
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        if version < SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.close()
        raise
    return connection


def move_aside(path: Path, why: str) -> Path | None:
    """Rename a damaged or locked record (and its WAL files) out of the way; a new one starts."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{why}-{stamp}{path.suffix}")
    try:
        path.replace(target)
    except OSError as exc:
        log.error("visitor record %s is %s and cannot be moved aside (%s): recording stops", path, why, exc)
        return None
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").replace(Path(f"{target}{suffix}"))
    log.error("visitor record %s is %s: moved aside to %s, a new one is started", path, why, target.name)
    return target


def _is_stop(exc: BaseException) -> bool:
    """A full disk or a folder the kiosk may not write: recording stops, the exhibit goes on."""
    if isinstance(exc, OSError):
        return True
    text = str(exc).lower()
    return any(words in text for words in ("disk is full", "readonly", "read-only", "unable to open", "disk i/o"))


def _is_damaged(exc: BaseException) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(
        words in text for words in ("not a database", "malformed", "corrupt")
    )


def _is_locked(exc: BaseException) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc).lower()


# -- the messages the GUI thread puts on the queue -----------------------------------------


@dataclass(frozen=True)
class SessionStart:
    session: int
    at: float
    language: str
    content: str
    version: str


@dataclass(frozen=True)
class SessionUpdate:
    """The session's length so far and its language (sent at each touch; the last one wins)."""

    session: int
    seconds: float
    language: str
    ended: bool = False


@dataclass(frozen=True)
class Event:
    session: int
    at: float
    offset: float
    kind: str
    screen: str = ""
    item: str = ""
    language: str = ""
    cell: int = -1


@dataclass(frozen=True)
class ContentShown:
    """The items a visitor can open in a content (by its fingerprint): `kiosk stats` lists
    those nobody opened without loading the content folder."""

    content: str
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Tap:
    """A tap during a visit, answered or not, in its screen's coarse cell: only counted, by
    day (`day_taps`), never kept as a row of its own."""

    at: float  # UTC
    screen: str
    cell: int


Message = SessionStart | SessionUpdate | Event | ContentShown | Tap


@dataclass(frozen=True)
class RecordSettings:
    enabled: bool = True
    retention_days: int = RETENTION_DAYS
    max_mb: float = MAX_MB


class Recorder:
    """The writer thread and its queue. `put` is all the GUI thread ever calls."""

    def __init__(
        self,
        path: Path,
        settings: RecordSettings | None = None,
        *,
        flush_seconds: float = FLUSH_SECONDS,
        lock_timeout: float = 5.0,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.path = path
        self.settings = settings or RecordSettings()
        self._flush_seconds = flush_seconds
        self._lock_timeout = lock_timeout
        self._today = today
        self._queue: queue.SimpleQueue[Message | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._connection: sqlite3.Connection | None = None
        self._pending: list[Message] = []
        self._stopped_why = ""  # "" while recording
        self._last_care: date | None = None
        self.flushed = threading.Event()  # set after each write (tests)

    @property
    def recording(self) -> bool:
        return self.settings.enabled and not self._stopped_why

    def start(self) -> None:
        if not self.settings.enabled or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="visitor-record", daemon=True)
        self._thread.start()

    def put(self, message: Message) -> None:
        """From any thread; never blocks, never raises."""
        if self._thread is not None and not self._stopped_why:
            self._queue.put(message)

    def stop(self, timeout: float = 10.0) -> None:
        """Write what is queued and close the file (at exit)."""
        if self._thread is None:
            return
        self._queue.put(None)
        self._thread.join(timeout)
        self._thread = None

    # -- the writer thread ---------------------------------------------------------------
    def _run(self) -> None:
        self._open()
        deadline = time.monotonic() + self._flush_seconds
        while True:
            try:
                message = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                self._flush()
                deadline = time.monotonic() + self._flush_seconds
                continue
            if message is None:
                self._flush()
                break
            if not self._stopped_why and len(self._pending) < MAX_PENDING:
                self._pending.append(message)
            if time.monotonic() < deadline:
                continue
            self._flush()
            deadline = time.monotonic() + self._flush_seconds
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def _stop_recording(self, why: str) -> None:
        if not self._stopped_why:
            self._stopped_why = why
            log.error("visitor record stopped: %s (the exhibit goes on)", why)
        self._pending.clear()

    def _open(self) -> None:
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._connection = connect(self.path, timeout=self._lock_timeout)
            except NewerRecordError as exc:
                self._stop_recording(f"{exc}; it is left as it is")
                return
            except (sqlite3.Error, OSError) as exc:
                damaged = _is_damaged(exc)
                if (
                    attempt == 0
                    and (damaged or _is_locked(exc))
                    and move_aside(self.path, "damaged" if damaged else "locked")
                ):
                    continue
                self._stop_recording(f"{self.path} cannot be written ({exc})")
                return
            self._care()
            return

    def _care(self) -> None:
        """Once a day (and at start): complete days rolled up, old rows pruned, size capped."""
        today = self._today()
        if self._connection is None or self._last_care == today:
            return
        self._last_care = today
        try:
            roll_up(self._connection, today)
            prune(self._connection, today, self.settings.retention_days, self.settings.max_mb)
        except (sqlite3.Error, OSError) as exc:
            self._failed(exc)

    def _flush(self) -> None:
        if self._connection is None or self._stopped_why:
            self._pending.clear()
            return
        if self._pending:
            try:
                write_batch(self._connection, self._pending)
                self._pending.clear()
            except (sqlite3.Error, OSError) as exc:
                self._failed(exc)
        self._care()
        self.flushed.set()

    def _failed(self, exc: BaseException) -> None:
        if _is_locked(exc):
            log.warning("visitor record is locked (%s): the batch waits for the next write", exc)
            return
        if _is_damaged(exc) and self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
            if move_aside(self.path, "damaged") is not None:
                self._pending.clear()
                self._open()
                return
        if _is_stop(exc):
            code = getattr(exc, "errno", None)
            why = "the disk is full" if code == errno.ENOSPC else f"it cannot be written ({exc})"
            self._stop_recording(why)
            return
        self._stop_recording(f"unexpected error {exc!r}")


def write_batch(connection: sqlite3.Connection, batch: Sequence[Message]) -> None:
    """One transaction for the batch: all of it is on the disk, or none of it."""
    starts: list[tuple[Any, ...]] = []
    updates: dict[int, SessionUpdate] = {}
    events: list[tuple[Any, ...]] = []
    items: list[tuple[str, str, str]] = []
    taps: dict[tuple[str, int, str], int] = {}
    for message in batch:
        if isinstance(message, Tap):
            key = (message.screen, message.cell, local_parts(message.at)[0])
            taps[key] = taps.get(key, 0) + 1
        elif isinstance(message, ContentShown):
            items += [(message.content, section, item) for section, item in message.items]
        elif isinstance(message, SessionStart):
            day, hour, weekday = local_parts(message.at)
            starts.append(
                (message.session, message.at, day, hour, weekday, message.language, message.content, message.version)
            )
        elif isinstance(message, SessionUpdate):
            updates[message.session] = message
        else:
            events.append(
                (
                    message.session,
                    message.at,
                    message.offset,
                    message.kind,
                    message.screen,
                    message.item,
                    message.language,
                    message.cell,
                )
            )
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.executemany(
            "INSERT OR IGNORE INTO sessions (id, started, local_date, local_hour, weekday, language, content, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            starts,
        )
        connection.executemany(
            "UPDATE sessions SET seconds = max(seconds, ?), language = ?, ended = max(ended, ?) WHERE id = ?",
            [(max(0.0, u.seconds), u.language, int(u.ended), u.session) for u in updates.values()],
        )
        connection.executemany(
            "INSERT INTO events (session, at, offset, kind, screen, item, language, cell) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            events,
        )
        connection.executemany("INSERT OR IGNORE INTO content_items VALUES (?, ?, ?)", items)
        connection.executemany(
            "INSERT INTO day_taps VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET taps = taps + excluded.taps",
            [(*key, n) for key, n in taps.items()],
        )
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise


def new_session_id() -> int:
    """Random, so two kiosk processes writing one file never clash."""
    return secrets.randbits(62)


# -- daily figures ---------------------------------------------------------------------------


@dataclass
class DayFigures:
    """One or more days' figures, in the shape of the daily tables (also for today, live)."""

    visits: dict[tuple[str, int, int], list[float]]  # (date, hour, weekday) -> [visits, seconds]
    lengths: dict[tuple[str, int], int]
    languages: dict[tuple[str, str], int]
    contents: dict[tuple[str, str, str], int]
    actions: dict[tuple[str, str, str, str], list[float]]  # (date, kind, screen, item) -> [count, seconds]
    cells: dict[tuple[str, str, int], int]

    @classmethod
    def empty(cls) -> DayFigures:
        return cls({}, {}, {}, {}, {}, {})


def length_bin(seconds: float) -> int:
    """The visit-length bin a visit falls in (its lower bound, in seconds; capped at 2 hours)."""
    return min(int(max(0.0, seconds)) // LENGTH_BIN_SECONDS * LENGTH_BIN_SECONDS, 7200)


def figures_of(connection: sqlite3.Connection, first: str, last: str, where: str = "rolled = 0") -> DayFigures:
    """The daily figures computed from the detailed rows of the days first..last not yet
    counted in the daily tables (`where` narrows the sessions further)."""
    figures = DayFigures.empty()
    chosen = f"local_date BETWEEN ? AND ? AND {where}"
    sessions = connection.execute(
        f"SELECT id, local_date, local_hour, weekday, seconds, language, content, version FROM sessions WHERE {chosen}",
        (first, last),
    ).fetchall()
    ends: dict[int, tuple[str, float]] = {}
    for session, day, hour, weekday, seconds, language, content, version in sessions:
        seconds = max(0.0, seconds)
        ends[session] = (day, seconds)
        slot = figures.visits.setdefault((day, hour, weekday), [0, 0.0])
        slot[0] += 1
        slot[1] += seconds
        key_length = (day, length_bin(seconds))
        figures.lengths[key_length] = figures.lengths.get(key_length, 0) + 1
        key_language = (day, language)
        figures.languages[key_language] = figures.languages.get(key_language, 0) + 1
        key_content = (day, content, version)
        figures.contents[key_content] = figures.contents.get(key_content, 0) + 1
    rows = connection.execute(
        "SELECT session, offset, kind, screen, item, cell FROM events "
        f"WHERE session IN (SELECT id FROM sessions WHERE {chosen}) ORDER BY session, offset",
        (first, last),
    )
    _add_actions(figures, rows, ends)
    return figures


def _add_actions(
    figures: DayFigures, rows: Iterable[tuple[int, float, str, str, str, int]], ends: dict[int, tuple[str, float]]
) -> None:
    """Counts each action, and the time spent in each section and item: from its opening to
    whatever leaves it, or to the visit's last touch."""
    current = -1
    open_section: tuple[str, str, float] | None = None
    open_item: tuple[str, str, float] | None = None

    def close(kind: str, opened: tuple[str, str, float] | None, at: float, day: str) -> None:
        if opened is not None:
            screen, item, start = opened
            figures.actions[(day, kind, screen, item)][1] += max(0.0, at - start)

    day, end = "", 0.0
    for session, offset, kind, screen, item, cell in rows:
        if session != current:
            close("section", open_section, end, day)
            close("item", open_item, end, day)
            open_section = open_item = None
            current = session
            day, end = ends[session]
        key = (day, kind, screen, item if kind != "nothing" else "")
        figures.actions.setdefault(key, [0, 0.0])[0] += 1
        if kind == "nothing":
            cell_key = (day, screen, cell)
            figures.cells[cell_key] = figures.cells.get(cell_key, 0) + 1
        at = min(offset, end) if end else offset
        if kind in _LEAVES_ITEM:
            close("item", open_item, at, day)
            open_item = None
        if kind in _LEAVES_SECTION:
            close("section", open_section, at, day)
            open_section = None
        if kind == "section":
            open_section = (screen, item, at)
        elif kind == "item":
            open_item = (screen, item, at)
    close("section", open_section, end, day)
    close("item", open_item, end, day)


#: A session not ended this long after its start (a power cut) is counted as it stands.
UNENDED_HOURS = 4


def roll_up(connection: sqlite3.Connection, today: date, now_utc: float | None = None) -> None:
    """The sessions of complete days, not yet counted, are added to the daily tables, one
    day per transaction. A session dated on a day counted already (the clock was set back)
    is added to it."""
    now_utc = utc_now() if now_utc is None else now_utc
    yesterday = (today - timedelta(days=1)).isoformat()
    settled = f"(ended = 1 OR started < {float(now_utc - UNENDED_HOURS * 3600)!r})"
    days = [
        row[0]
        for row in connection.execute(
            f"SELECT DISTINCT local_date FROM sessions WHERE rolled = 0 AND local_date <= ? AND {settled}",
            (yesterday,),
        )
    ]
    for day in sorted(days):
        connection.execute("BEGIN IMMEDIATE")
        try:
            figures = figures_of(connection, day, day, f"rolled = 0 AND {settled}")
            store_figures(connection, figures)
            connection.execute(
                f"UPDATE sessions SET rolled = 1 WHERE local_date = ? AND rolled = 0 AND {settled}",
                (day,),
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def store_figures(connection: sqlite3.Connection, figures: DayFigures) -> None:
    """Adds the figures to the daily tables (a day may be added to twice)."""
    connection.executemany(
        "INSERT INTO day_visits VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
        "SET visits = visits + excluded.visits, seconds = seconds + excluded.seconds",
        [(*key, value[0], value[1]) for key, value in figures.visits.items()],
    )
    for table, rows in (
        ("day_lengths", figures.lengths),
        ("day_languages", figures.languages),
        ("day_contents", figures.contents),
    ):
        if not rows:
            continue
        column = "visits"
        marks = ", ".join("?" * (len(next(iter(rows))) + 1))
        connection.executemany(
            f"INSERT INTO {table} VALUES ({marks}) ON CONFLICT DO UPDATE SET {column} = {column} + excluded.{column}",
            [(*key, value) for key, value in rows.items()],
        )
    connection.executemany(
        "INSERT INTO day_cells VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET taps = taps + excluded.taps",
        [(screen, cell, day, taps) for (day, screen, cell), taps in figures.cells.items()],
    )
    connection.executemany(
        "INSERT INTO day_actions VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE "
        "SET count = count + excluded.count, seconds = seconds + excluded.seconds",
        [(*k, v[0], v[1]) for k, v in figures.actions.items()],
    )


_DAILY_TABLES = (
    "day_visits",
    "day_lengths",
    "day_languages",
    "day_contents",
    "day_actions",
    "day_cells",
    "day_taps",
)


def used_mb(connection: sqlite3.Connection) -> float:
    pages = (
        connection.execute("PRAGMA page_count").fetchone()[0]
        - connection.execute("PRAGMA freelist_count").fetchone()[0]
    )
    return float(pages * connection.execute("PRAGMA page_size").fetchone()[0]) / 1e6


def prune(connection: sqlite3.Connection, today: date, retention_days: int, max_mb: float) -> None:
    """Detailed rows counted in the daily tables go after DETAIL_DAYS, every day after
    `retention_days`; then, over `max_mb`, the oldest days go first."""
    keep_detail = (today - timedelta(days=min(DETAIL_DAYS, retention_days))).isoformat()
    keep_days = (today - timedelta(days=retention_days)).isoformat()
    _delete(connection, "local_date < ? AND rolled = 1", keep_detail, "local_date < ?", keep_days)
    connection.execute("PRAGMA incremental_vacuum")
    while used_mb(connection) > max_mb:
        oldest = connection.execute(
            "SELECT min(d) FROM (SELECT min(local_date) AS d FROM sessions "
            "UNION ALL SELECT min(local_date) FROM day_visits)"
        ).fetchone()[0]
        if oldest is None or oldest >= today.isoformat():
            break
        log.warning("visitor record over %.0f MB: the figures of %s are removed", max_mb, oldest)
        _delete(connection, "local_date <= ?", oldest, "local_date <= ?", oldest)
        connection.execute("PRAGMA incremental_vacuum")


def _delete(connection: sqlite3.Connection, sessions: str, first: str, days: str, second: str) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        connection.execute(
            f"DELETE FROM events WHERE session IN (SELECT id FROM sessions WHERE {sessions})",
            (first,),
        )
        connection.execute(f"DELETE FROM sessions WHERE {sessions}", (first,))
        for table in _DAILY_TABLES:
            connection.execute(f"DELETE FROM {table} WHERE {days}", (second,))
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def utc_now() -> float:
    return datetime.now(UTC).timestamp()


def disk_full_error() -> OSError:
    """What a full disk raises (for tests and the bench's own checks)."""
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
