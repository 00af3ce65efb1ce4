"""Preparing camera photos for the kiosk, and what it buys at display time.

The content is the timeline benchmark's: 500 events, 200 of them with a 6000x4000 JPEG
(generated once into bench/.cache). Measures, each with an empty cache folder of its own:
- the time to prepare the 200 photos (`kiosk prepare`) with N worker processes
  (BENCH_WORKERS, default "1,2"), and per photo;
- the check at each start when nothing changed (a warm cache), and the rebuild when the
  cache's index was lost (every photo hashed again, the scaled copies reused);
- the cache's size on disk;
- bench/timeline.py (opening the timeline until every picture on screen is decoded, then
  a short fling) run twice: showing the originals, then with the picture cache.
Prints JSON. The figures depend on the machine's load: run it on a quiet machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import headless  # noqa: E402

headless()

EVENTS = int(os.environ.get("BENCH_EVENTS", "500"))
PHOTOS = int(os.environ.get("BENCH_PHOTOS", "200"))
WORKERS = [int(n) for n in os.environ.get("BENCH_WORKERS", "1,2").split(",")]
TIMELINE_FLING_SECONDS = os.environ.get("BENCH_FLING_SECONDS", "3")


def timeline_run(cache_folder: Path, use_cache: bool) -> dict[str, object]:
    env = dict(
        os.environ,
        KIOSK_IMAGE_CACHE=str(cache_folder),
        BENCH_PICTURE_CACHE="1" if use_cache else "0",
        BENCH_FLING_SECONDS=TIMELINE_FLING_SECONDS,
        BENCH_EVENTS=str(EVENTS),
        BENCH_PHOTOS=str(PHOTOS),
    )
    result = subprocess.run(
        [sys.executable, str(HERE / "timeline.py")], env=env, capture_output=True, text=True, timeout=1800, check=False
    )
    if result.returncode != 0:
        return {"error": result.stderr[-2000:]}
    data = json.loads(result.stdout[result.stdout.index("{") :])
    keys = ("open_first_frame_ms", "open_all_pictures_ms", "fling_p95_ms", "fling_max_ms", "peak_memory_mb")
    return {key: data[key] for key in keys}


def main() -> None:
    from bench.generate import timeline_folder
    from kiosk.content.loader import load_exhibit
    from kiosk.content.pictureuse import exhibit_pictures
    from kiosk.services.picturecache import ImageCache

    cache = HERE / ".cache"
    content = timeline_folder(cache / f"timeline-{EVENTS}", EVENTS, photos=PHOTOS, photo_cache=cache / "photos")
    exhibit, report = load_exhibit(content, thorough=False)
    assert exhibit is not None, [p.format() for p in report.errors][:5]
    pictures = exhibit_pictures(exhibit)
    photos = [path for path in pictures if path.suffix == ".jpg"]

    result: dict[str, object] = {
        "benchmark": "picture_cache",
        "photos": f"{len(photos)} x 6000x4000 JPEG, each for a timeline thumbnail and an event card",
        "pictures_in_exhibit": len(pictures),
        "cpu_count": os.cpu_count(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        last: ImageCache | None = None
        for workers in WORKERS:
            image_cache = ImageCache(Path(scratch) / f"cache-{workers}")
            started = time.perf_counter()
            summary = image_cache.ensure(pictures, workers=workers)
            seconds = time.perf_counter() - started
            assert summary.scaled == len(photos) and not summary.failed, summary
            result[f"prepare_{workers}_workers_s"] = round(seconds, 1)
            result[f"prepare_{workers}_workers_ms_per_photo"] = round(seconds * 1000 / len(photos), 1)
            last = image_cache
        assert last is not None
        started = time.perf_counter()
        warm = last.ensure(pictures, workers=WORKERS[-1])
        result["warm_start_check_ms"] = round((time.perf_counter() - started) * 1000, 1)
        assert warm.scaled == 0 and warm.cached == len(photos), warm
        last.index_path.unlink()
        started = time.perf_counter()
        relinked = last.ensure(pictures, workers=WORKERS[-1])
        result["index_lost_rebuild_s"] = round(time.perf_counter() - started, 2)
        assert relinked.scaled == 0, relinked
        files = [p for p in last.folder.rglob("*") if p.is_file()]
        result["cache_size_mb"] = round(sum(p.stat().st_size for p in files) / 1e6, 1)
        result["originals_size_mb"] = round(sum(p.stat().st_size for p in photos) / 1e6, 1)

        empty = Path(scratch) / "empty"
        result["timeline_with_originals"] = timeline_run(empty, use_cache=False)
        result["timeline_with_cache"] = timeline_run(last.folder, use_cache=True)
    result["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
