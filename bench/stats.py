"""`kiosk stats` over a busy year: a seeded year of visits written through the record's own
path (batches, the nightly roll-up, pruning), then the command timed. Prints JSON.

    python bench/stats.py [--per-day 5000] [--days 365] [--seed 11] [--keep DIR]

Targets (issue 19): `kiosk stats` for the year under 2 s, the record under 200 MB. Also
timed: `kiosk stats --report` for the year (the admin screen's export makes one).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kiosk.services import analytics
from kiosk.services.analytics import ContentShown, Event, Message, SessionStart, SessionUpdate, Tap

SECTIONS = {
    "timeline": [f"event-{n}" for n in range(38)],
    "blason": ["phoenix", "mine", "wheat", "croix", "lion"],
    "map": [f"marker-{n}" for n in range(16)],
    "pillars": [f"pillar-{n}" for n in range(12)],
}
LANGUAGES = (("fr", 0.7), ("en", 0.2), ("nl", 0.1))
SCREENS = ("home", *SECTIONS)
#: Where each screen's buttons and cards are (40 places a screen): the taps that answer land
#: on them, give or take a cell.
_PLACES = random.Random(1119)
BUTTONS = {screen: [_PLACES.randrange(48 * 27) for _ in range(40)] for screen in SCREENS}


def button_cell(rng: random.Random, screen: str) -> int:
    cell = rng.choice(BUTTONS[screen])
    row, column = divmod(cell, 48)
    column = min(47, max(0, column + rng.choice((-1, 0, 0, 0, 1))))
    return row * 48 + column


def one_visit(rng: random.Random, session: int, start: float) -> list[Message]:
    """A plausible visit: a few sections, some items, a language, a tap or two on nothing; each
    tap but the one that wakes the attract screen also counted in its cell."""
    language = rng.choices([code for code, _ in LANGUAGES], [share for _, share in LANGUAGES])[0]
    messages: list[Message] = [SessionStart(session, start, "fr", "c0ffee", "0.1.0")]
    offset = rng.uniform(1, 4)

    def event(kind: str, screen: str = "", item: str = "", cell: int = -1) -> None:
        messages.append(Event(session, start + offset, offset, kind, screen, item, language, cell))

    def tap(screen: str, cell: int | None = None) -> None:
        messages.append(Tap(start + offset, screen, button_cell(rng, screen) if cell is None else cell))

    if language != "fr":
        tap("home")
        event("language", item=language)
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        offset += rng.uniform(2, 10)
        section = rng.choice(tuple(SECTIONS))
        tap("home")
        event("section", section, section)
        for _ in range(rng.choice((0, 1, 1, 2, 3))):
            offset += rng.uniform(3, 40)
            tap(section)
            event("item", section, rng.choice(SECTIONS[section]))
        if rng.random() < 0.3:
            offset += rng.uniform(1, 5)
            screen, cell = rng.choice(SCREENS), rng.randrange(48 * 27)
            tap(screen, cell)
            event("nothing", screen, cell=cell)
        offset += rng.uniform(2, 20)
        tap(section)
        event("home")
    seconds = offset
    if rng.random() < 0.6:
        event("countdown")
        if rng.random() < 0.15:
            event("cancelled")
    messages.append(SessionUpdate(session, seconds, language, ended=True))
    return messages


def opening_moment(rng: random.Random, day: date) -> float:
    hour = rng.choices(range(9, 19), (3, 6, 8, 7, 5, 7, 9, 10, 8, 4))[0]
    moment = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60))
    return moment.astimezone().timestamp()


def generate(path: Path, days: int, per_day: int, seed: int, today: date) -> dict[str, float]:
    rng = random.Random(seed)
    connection = analytics.connect(path)
    started = time.perf_counter()
    session = 0
    shown = tuple((section, item) for section, items in SECTIONS.items() for item in items)
    analytics.write_batch(connection, [ContentShown("c0ffee", shown)])
    for back in range(days, 0, -1):
        day = today - timedelta(days=back)
        batch: list[Message] = []
        for _ in range(per_day):
            session += 1
            batch += one_visit(rng, session, opening_moment(rng, day))
        for first in range(0, len(batch), 2000):  # as the writer thread does, a few seconds at a time
            analytics.write_batch(connection, batch[first : first + 2000])
        # The nightly care, as the kiosk does it each day.
        analytics.roll_up(connection, day + timedelta(days=1), now_utc=opening_moment(rng, day) + 86400)
        analytics.prune(connection, day + timedelta(days=1), analytics.RETENTION_DAYS, analytics.MAX_MB)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return {"generate_s": round(time.perf_counter() - started, 1), "sessions": session}


def time_command(path: Path, first: str) -> dict[str, float | int]:
    """`kiosk stats` for the year as a user runs it (a new process), best and worst of 3,
    as text and as JSON (which adds the taps on nothing cell by cell)."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent))
    figures: dict[str, float | int] = {}
    for fmt in ("text", "json"):
        command = [sys.executable, "-m", "kiosk", "stats", "--record", str(path), "--from", first, "--format", fmt]
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
            runs.append(time.perf_counter() - started)
        suffix = "" if fmt == "text" else "_json"
        figures[f"stats_year_s{suffix}"] = round(min(runs), 2)
        figures[f"stats_year_s{suffix}_max"] = round(max(runs), 2)
        if fmt == "json":
            figures["visits_counted"] = json.loads(done.stdout)["visits"]
    return figures


def time_report(path: Path, first: str, folder: Path) -> dict[str, float]:
    """`kiosk stats --report` for the year (charts, and heat maps over the bundled exhibit's
    screens rendered headless), once, as the admin screen's export runs it."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parent.parent), QT_QPA_PLATFORM="offscreen")
    out = folder / "report"
    command = [sys.executable, "-m", "kiosk", "stats", "--record", str(path), "--from", first, "--report", str(out)]
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    return {"report_year_s": round(time.perf_counter() - started, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-day", type=int, default=5000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, default=None, help="write the record into this folder and keep it")
    parser.add_argument("--time-only", action="store_true", help="with --keep: time kiosk stats on the record kept")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kiosk-stats-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / analytics.FILE_NAME
    today = date.today()
    if args.time_only:
        print(json.dumps(time_command(path, (today - timedelta(days=args.days)).isoformat())))
        return 0
    path.unlink(missing_ok=True)
    figures: dict[str, float | int | str] = {"per_day": args.per_day, "days": args.days, "seed": args.seed}
    figures.update(generate(path, args.days, args.per_day, args.seed, today))
    figures["record_mb"] = round(path.stat().st_size / 1e6, 1)
    first = (today - timedelta(days=args.days)).isoformat()
    figures.update(time_command(path, first))
    connection = analytics.connect(path, read_only=True)
    from kiosk.services.statistics import summarise

    started = time.perf_counter()
    summarise(connection, today - timedelta(days=args.days), today)
    figures["summarise_year_s"] = round(time.perf_counter() - started, 3)
    figures["day_taps_rows"] = connection.execute("SELECT count(*) FROM day_taps").fetchone()[0]
    connection.close()
    figures.update(time_report(path, first, folder))
    figures["targets_met"] = bool(figures["stats_year_s_json"] < 2 and figures["record_mb"] < 200)
    if args.keep is None:
        shutil.rmtree(folder)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
