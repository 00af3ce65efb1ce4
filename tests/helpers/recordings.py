"""A content folder with recordings, for the Listen buttons' tests and for looking at them:
a copy of the default exhibit (whose own content has no `audio:`), with small WAV files
and `audio:` entries for every section's introduction and for one item of each kind (the
item `kiosk snapshot` opens as NAME-detail). No Qt here.

To look at it: `python -m tests.helpers.recordings DIR`, then
`KIOSK_AUDIO_OUTPUT=null python -m kiosk snapshot --content DIR/content --out ...`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from tests.helpers.audio import write_wav
from tests.helpers.content import copy_content

#: Each recording's length: long enough that none ends while a test or a snapshot looks at it.
SECONDS = 30
#: A low sample rate keeps each file small (60 kB); miniaudio converts it to the device's.
RATE = 1000
LANGUAGES = ("fr", "en", "nl")


def _first_with_media(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The event `kiosk snapshot` opens: the first with its own picture (bridge/timeline.py)."""
    return next((event for event in events if event.get("media")), events[0])


def add_recordings(content: Path, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """Give `content` its recordings in `languages`; returns their keys (`timeline`, `map:puits-11`...)."""
    keys: list[str] = []
    items = {
        "timeline": lambda data: _first_with_media(data["events"]),
        "map": lambda data: data["markers"][0],
        "blason": lambda data: data["charges"][0],
        "pillars": lambda data: data["pillars"][0],
    }
    for kind, first in items.items():
        path = content / f"{kind}.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        item = first(data)
        for owner, key, name in ((data, kind, f"{kind}-intro"), (item, f"{kind}:{item['id']}", f"{kind}-{item['id']}")):
            owner["audio"] = {code: f"audio/{code}/{name}.wav" for code in languages}
            for code in languages:
                write_wav(content / "audio" / code / f"{name}.wav", seconds=SECONDS, rate=RATE)
            keys.append(key)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return keys


def content_with_recordings(folder: Path, languages: tuple[str, ...] = LANGUAGES) -> tuple[Path, list[str]]:
    """A copy of the default exhibit in `folder`/content, with its recordings."""
    content = copy_content(folder)
    return content, add_recordings(content, languages)


if __name__ == "__main__":
    made, made_keys = content_with_recordings(Path(sys.argv[1]))
    print(made)
    print("\n".join(made_keys))
