"""Generated content folders for benchmarks and tests: a copy of the default exhibit whose
timeline holds many synthetic events, some with large photos."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml
from PIL import Image

REPO = Path(__file__).resolve().parent.parent


def photo(path: Path, size: tuple[int, int], seed: int) -> None:
    """A large JPEG that compresses well (gradients and a few shapes), so generating 200 is quick."""
    if path.exists():
        return
    rng = random.Random(seed)
    small = Image.new("RGB", (64, 48))
    for x in range(64):
        for y in range(48):
            small.putpixel((x, y), ((x * 4 + seed * 7) % 256, (y * 5 + seed * 3) % 256, rng.randrange(80, 160)))
    small.resize(size, Image.Resampling.BILINEAR).save(path, "JPEG", quality=70)


def timeline_folder(
    target: Path,
    events: int,
    photos: int = 0,
    photo_size: tuple[int, int] = (6000, 4000),
    photo_cache: Path | None = None,
) -> Path:
    """A content folder like the default one, with `events` events (`photos` of them with a photo)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "content", target)
    data = yaml.safe_load((target / "timeline.yaml").read_text(encoding="utf-8"))
    eras = [
        {
            "id": "village",
            "title": {"fr": "Le village", "en": "The village", "nl": "Het dorp"},
            "start": 1000,
            "end": 1850,
            "width": 1,
            "colour": "#d8cbb0",
        },
        {
            "id": "coal",
            "title": {"fr": "Le charbon", "en": "Coal", "nl": "Steenkool"},
            "start": 1850,
            "end": 1984,
            "width": 2.2,
            "colour": "#c0583f",
        },
        {
            "id": "culture",
            "title": {"fr": "La culture", "en": "Culture", "nl": "Cultuur"},
            "start": 1984,
            "end": 2000,
            "width": 1.4,
            "colour": "#e3b23c",
        },
        {
            "id": "transition",
            "title": {"fr": "La transition", "en": "Transition", "nl": "Transitie"},
            "start": 2000,
            "end": 2026,
            "width": 1.8,
            "colour": "#7ea35a",
        },
    ]
    rng = random.Random(7)
    cache = photo_cache or (target / "media")
    cache.mkdir(parents=True, exist_ok=True)
    generated = []
    for n in range(events):
        year = rng.randrange(1000, 2026) if n % 3 == 0 else rng.randrange(1850, 2026)
        era = next(e["id"] for e in eras if e["start"] <= year < e["end"])
        event = {
            "id": f"evt-{n:04d}",
            "date": year,
            "era": era,
            "title": {
                "fr": f"Événement {n} en {year}",
                "en": f"Event {n} in {year}",
                "nl": f"Gebeurtenis {n} in {year}",
            },
            "text": {
                "fr": "Un texte de quelques phrases. " * 6,
                "en": "A text of a few sentences. " * 6,
                "nl": "Een tekst van een paar zinnen. " * 6,
            },
        }
        if n < photos:
            name = f"photo-{n % 200:03d}.jpg"
            photo(cache / name, photo_size, n % 200)
            if cache != target / "media":
                shutil.copyfile(cache / name, target / "media" / name)
            event["media"] = {"path": f"media/{name}", "alt": "Photo", "credit": "Bench", "licence": "CC0"}
        generated.append(event)
    data["eras"] = eras
    data["events"] = generated
    (target / "timeline.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # Other sections link to the real events, which the generated timeline does not have.
    for name in ("blason.yaml", "map.yaml", "pillars.yaml"):
        path = target / name
        other = yaml.safe_load(path.read_text(encoding="utf-8"))
        _drop_timeline_links(other)
        path.write_text(yaml.safe_dump(other, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


def _drop_timeline_links(data: object) -> None:
    if isinstance(data, dict):
        if isinstance(data.get("related"), list):
            data["related"] = [link for link in data["related"] if not str(link).startswith("timeline:")]
        for value in data.values():
            _drop_timeline_links(value)
    elif isinstance(data, list):
        for value in data:
            _drop_timeline_links(value)
