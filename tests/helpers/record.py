"""A small seeded visitor record for the report's and the admin panel's tests: a known number
of visits a day, sections and items, and taps on nothing in known cells of known screens."""

from __future__ import annotations

import random
import re
from datetime import date, datetime, timedelta
from pathlib import Path

from PIL import Image

from kiosk.services import analytics
from kiosk.services.analytics import ContentShown, Event, Message, SessionStart, SessionUpdate, Tap

SECTIONS = {"timeline": ["foundation", "strike"], "blason": ["lion", "mine"], "map": ["pit-1"]}
#: screen -> the cells visitors tap where nothing answers (row * 48 + column).
NOTHING = {"home": (5 * 48 + 10, 20 * 48 + 40), "timeline": (13 * 48 + 24,)}
#: Where the home screen's tiles are tapped (row 14), and an item on each section's screen.
TILES = {"timeline": 14 * 48 + 6, "blason": 14 * 48 + 16, "map": 14 * 48 + 26}
ITEM_CELL = 9 * 48 + 30
#: Where the opened item's card is tapped (its next button, say): counted on SECTION-detail.
DETAIL_CELL = 20 * 48 + 40
#: Visits on the days back from today: today 3, yesterday 5, ... (10 days, 8 days ago none).
VISITS_BACK = (3, 5, 4, 2, 6, 1, 2, 7, 0, 4)


def visits_in(days: int) -> int:
    """The visits of the last `days` days, today included."""
    return sum(VISITS_BACK[:days])


def seeded_record(path: Path, today: date | None = None, seed: int = 19) -> Path:
    """Writes the record (rolled up as the kiosk does each night) and returns its path."""
    rng = random.Random(seed)
    today = today or date.today()
    connection = analytics.connect(path)
    batch: list[Message] = [
        ContentShown("c0ffee", tuple((section, item) for section, items in SECTIONS.items() for item in items))
    ]
    session = 0
    for back, count in enumerate(VISITS_BACK):
        day = today - timedelta(days=back)
        for n in range(count):
            session += 1
            start = datetime(day.year, day.month, day.day, 10 + n % 7, rng.randrange(60)).astimezone().timestamp()
            language = ("fr", "fr", "en", "nl")[session % 4]
            batch.append(SessionStart(session, start, "fr", "c0ffee", "1.0"))
            offset = 2.0
            if language != "fr":
                batch.append(Event(session, start + 1, 1, "language", item=language, language=language))
            for section in ("timeline", "blason", "timeline", "map")[: 1 + session % 4]:
                batch.append(Tap(start + offset, "home", TILES[section]))
                batch.append(Event(session, start + offset, offset, "section", section, section, language))
                offset += 10
                batch.append(Tap(start + offset, section, ITEM_CELL))
                batch.append(Event(session, start + offset, offset, "item", section, SECTIONS[section][0], language))
                batch.append(Tap(start + offset + 5, f"{section}-detail", DETAIL_CELL))
                offset += 20
            for screen, cells in NOTHING.items():
                for index, cell in enumerate(cells):
                    if (session + index) % (2 + index) == 0 or screen == "home":
                        batch.append(Tap(start + offset, screen, cell))
                        batch.append(Event(session, start + offset, offset, "nothing", screen, cell=cell))
            batch.append(SessionUpdate(session, offset, language, ended=True))
    analytics.write_batch(connection, batch)
    analytics.roll_up(connection, today)
    connection.close()
    return path


def local_references(page: Path) -> list[str]:
    """Every src= and href= of the page; each must be a file beside it."""
    text = page.read_text(encoding="utf-8")
    found = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", text, flags=re.IGNORECASE)
    assert "<script" not in text.lower()
    assert "url(" not in text.lower() and "@import" not in text.lower()
    for reference in found:
        assert "://" not in reference and not reference.startswith("//"), reference
        assert (page.parent / reference).is_file(), reference
    return found


def coloured(image: Image.Image, x: int, y: int) -> bool:
    red, green, blue = image.getpixel((x, y))[:3]
    return max(red, green, blue) - min(red, green, blue) > 60


def centre(cell: int, size: tuple[int, int]) -> tuple[int, int]:
    row, column = divmod(cell, analytics.CELL_COLUMNS)
    return (
        int((column + 0.5) * size[0] / analytics.CELL_COLUMNS),
        int((row + 0.5) * size[1] / analytics.CELL_ROWS),
    )
