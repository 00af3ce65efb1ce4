"""Preparing camera photos for the kiosk: today's way, the new one and the candidates,
side by side in the same run on the same photos (issue #16, "Faster preparation").

The photos: BENCH_PHOTOS (default 200) JPEGs of 6000x4000 made by bench/generate.py into
bench/.cache/photos, the timeline benchmark's. Each is prepared for
- `exhibit`: the sizes the kiosk draws it at in that exhibit (an event's picture: the
  timeline's thumbnail and the event card), what `kiosk prepare` does for those photos;
- `every_use`: every size the kiosk draws any picture at (screen, card, thumb, map), the
  most a photo can cost.

The methods (BENCH_METHODS, default all of them):
- `today`: the worker code before #16, kept in bench/ingest_baseline.py;
- `new`: `kiosk.services.picturecache.prepare_picture`;
- `pillow-draft-reduce` and `pyvips`: bench/ingest_candidates.py. pyvips is found in
  BENCH_PYVIPS (a folder: `pip install "pyvips[binary]" --target DIR`) or the environment;
  when it cannot be imported the JSON says why.

Each (mix, method) runs with 1 and 2 worker processes (BENCH_WORKERS), started before the
clock starts, into an empty cache folder of its own, in BENCH_ROUNDS turns (default 4) of
a share of the photos, the methods in another order each turn, so that a change in the
load of the machine (shared) falls on every method alike. Figures: seconds in all,
milliseconds per photo per core (seconds x workers / photos: what one photo costs a core
when the workers keep their cores busy), the CPU time the workers spent per photo (which
does not count waiting for the disk, each copy being flushed to it, or for a core another
process holds), the ratios new / today of both, the copies' size, and the load average
before and after each turn. Compare figures of one run only.

`quality`: one detailed photo (noise at every scale, text, fine lines, a zone plate; 6000x4000,
about 11 MB, as costly to decode as a camera's) prepared by each method for each mix, in
this process: its time (best of three), and each copy drawn at the sizes the kiosk shows
that use at (at 4K: the box; at 1080p: half; with Lanczos when the copy is larger) against
the original scaled straight to that size with Lanczos: [PSNR in dB, sharpness], the
sharpness being the mean Laplacian as a fraction of the reference's (lower is softer;
above 1, aliasing or JPEG noise).

`kiosk_prepare`: the new code through `ImageCache.ensure` on the timeline benchmark's
exhibit, as the kiosk runs it: all photos, the check at a warm start, the rebuild when the
index was lost, the cache's size. BENCH_TIMELINE=1 adds bench/timeline.py run with
the originals and with that cache (what the cache buys at display time).

Prints JSON. BENCH_PHOTOS=20 makes a quick run.
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import headless  # noqa: E402

headless()

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageStat  # noqa: E402

from bench import ingest_baseline, ingest_candidates  # noqa: E402
from kiosk.content.pictureuse import USES, USES_BY_FIELD, target_size  # noqa: E402
from kiosk.services import picturecache  # noqa: E402
from kiosk.services.picturecache import Job, JobResult  # noqa: E402

PHOTOS = int(os.environ.get("BENCH_PHOTOS", "200"))
WORKERS = [int(n) for n in os.environ.get("BENCH_WORKERS", "1,2").split(",")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "4"))
EVENTS = int(os.environ.get("BENCH_EVENTS", "500"))
TIMELINE = os.environ.get("BENCH_TIMELINE", "0") == "1"
PHOTO_SIZE = (6000, 4000)

Worker = Callable[[Job], JobResult]
METHODS: dict[str, Worker] = {
    "today": ingest_baseline.prepare_picture,
    "new": picturecache.prepare_picture,
    "pillow-draft-reduce": ingest_candidates.prepare_pillow_draft_reduce,
    "pyvips": ingest_candidates.prepare_pyvips,
}
MIXES: dict[str, tuple[str, ...]] = {
    "exhibit": tuple(sorted(USES_BY_FIELD[("Event", "media")])),
    "every_use": tuple(USES),
}
if os.environ.get("BENCH_MIXES"):  # e.g. BENCH_MIXES=exhibit for a quicker run
    MIXES = {mix: uses for mix, uses in MIXES.items() if mix in os.environ["BENCH_MIXES"].split(",")}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


# -- the photos -----------------------------------------------------------------------------------------------


def bench_photos(count: int) -> list[Path]:
    """The timeline benchmark's photos (bench/generate.py names and makes them the same way)."""
    from bench.generate import photo

    folder = HERE / ".cache" / "photos"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"photo-{n % 200:03d}.jpg"
        photo(path, PHOTO_SIZE, n % 200)
        paths.append(path)
    return paths


def detailed_photo() -> Path:
    """A 6000x4000 JPEG with detail at every scale, about as costly to decode as a camera's."""
    path = HERE / ".cache" / "detail-6000x4000.jpg"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = PHOTO_SIZE
    channels = []
    for _ in range(3):
        mixed: Image.Image | None = None
        for step, weight in ((1, 0.30), (3, 0.22), (9, 0.2), (27, 0.15), (81, 0.13)):
            noise = Image.effect_noise((width // step, height // step), 60).resize(PHOTO_SIZE, Image.Resampling.BICUBIC)
            mixed = noise if mixed is None else Image.blend(mixed, noise, weight / (weight + 0.3))
        assert mixed is not None
        channels.append(mixed)
    picture = Image.merge("RGB", channels)
    draw = ImageDraw.Draw(picture)
    font_file = HERE.parent / "resources" / "fonts" / "Inter-Regular.otf"
    for row, pixels in enumerate((14, 24, 40, 80, 160)):
        font = ImageFont.truetype(str(font_file), pixels)
        draw.text((200 + 300 * row, 300 + 500 * row), "Base 11/19 terril Loos-en-Gohelle 1850 " * 3, (200, 0, 0), font)
    for x in range(0, 1200, 3):
        draw.line([(100 + x, 3000), (100 + x, 3900)], fill=(255, 255, 255), width=1)
    for x in range(0, 1200, 5):
        draw.line([(1500 + x, 3000), (1900 + x, 3900)], fill=(0, 0, 0), width=2)
    rings = Image.radial_gradient("L").resize((1200, 1200)).point(lambda v: round(127.5 + 127.5 * math.cos(v * v / 40)))
    picture.paste(Image.merge("RGB", (rings, rings, rings)), (4600, 2700))
    picture.save(path, "JPEG", quality=92)
    return path


# -- timing the methods ----------------------------------------------------------------------------------------


def _started(_n: int) -> int:
    """Run in each worker before the clock starts: the imports done, Pillow's formats
    registered (its first `open`), pyvips loaded."""
    ingest_candidates.load_pyvips()
    for kind in ("JPEG", "PNG"):
        stream = io.BytesIO()
        Image.new("RGB", (16, 16)).save(stream, kind)
        with Image.open(stream) as image:
            image.load()
    time.sleep(0.3)  # long enough that every worker process takes one
    return os.getpid()


def _timed(method: str, job: Job) -> tuple[JobResult, float]:
    """In a worker: the job done by `method`, and the CPU seconds it took that process
    (which waiting for the disk or for a core taken by another process does not count)."""
    started = time.process_time()
    result = METHODS[method](job)
    return result, time.process_time() - started


def run(method: str, photos: list[Path], uses: tuple[str, ...], workers: int, folder: Path) -> tuple[float, float, int]:
    """Seconds to prepare `photos` with `workers` processes (started before the clock), the
    CPU seconds the workers spent on them, and the bytes written."""
    jobs = [Job(str(path), None, uses, str(folder)) for path in photos]
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        list(pool.map(_started, range(workers)))
        started = time.perf_counter()
        done = list(pool.map(functools.partial(_timed, method), jobs))
        seconds = time.perf_counter() - started
    results = [result for result, _cpu in done]
    failed = [r.error for r in results if r.error]
    assert not failed, failed[:3]
    assert all(r.scaled for r in results), "every photo is scaled"
    return seconds, sum(cpu for _result, cpu in done), sum(e.bytes for r in results for e in r.entries.values())


def timings(methods: dict[str, Worker], photos: list[Path], scratch: Path) -> dict[str, object]:
    """Each method on every photo, in ROUNDS turns of a share of the photos each, the methods
    in a different order each turn: a change in the machine's load falls on all of them."""
    runs: dict[str, dict[str, dict[str, object]]] = {mix: {m: {} for m in methods} for mix in MIXES}
    names = list(methods)
    rounds = max(1, min(ROUNDS, len(photos) // 10))  # at least 10 photos a turn
    shares = [photos[n::rounds] for n in range(rounds)]
    for workers in WORKERS:
        for mix, uses in MIXES.items():
            seconds = dict.fromkeys(names, 0.0)
            cpu = dict.fromkeys(names, 0.0)
            written = dict.fromkeys(names, 0)
            loads = [load()]
            for turn, share in enumerate(shares):
                for name in names[turn % len(names) :] + names[: turn % len(names)]:
                    folder = scratch / f"{mix}-{name}-{workers}"
                    spent, used, size = run(name, share, uses, workers, folder)
                    seconds[name] += spent
                    cpu[name] += used
                    written[name] += size
                loads.append(load())
            for name in names:
                runs[mix][name][f"{workers}_workers"] = {
                    "seconds": round(seconds[name], 2),
                    "ms_per_photo_per_core": round(seconds[name] * 1000 * workers / len(photos), 1),
                    "cpu_ms_per_photo": round(cpu[name] * 1000 / len(photos), 1),
                    "cache_mb": round(written[name] / 1e6, 1),
                }
            runs[mix][f"load_average_{workers}_workers"] = {"first": loads[0], "each_turn": [x[0] for x in loads[1:]]}
            print(f"{mix} {workers} workers: {seconds}", file=sys.stderr)

    def ratio(mix: str, workers: int, figure: str) -> float:
        new, today = runs[mix]["new"][f"{workers}_workers"], runs[mix]["today"][f"{workers}_workers"]
        return round(float(new[figure]) / float(today[figure]), 3)  # type: ignore[index]

    compared = [mix for mix in MIXES if "new" in runs[mix] and "today" in runs[mix]]
    return {
        "runs": runs,
        "ratio_new_to_today": {mix: {f"{w}_workers": ratio(mix, w, "seconds") for w in WORKERS} for mix in compared},
        "cpu_ratio_new_to_today": {
            mix: {f"{w}_workers": ratio(mix, w, "cpu_ms_per_photo") for w in WORKERS} for mix in compared
        },
    }


# -- what the visitor sees -----------------------------------------------------------------------------------

_LAPLACIAN = ImageFilter.Kernel((3, 3), (0, -1, 0, -1, 4, -1, 0, -1, 0), 1, 128)


def _sharpness(picture: Image.Image) -> float:
    edges = picture.convert("L").filter(_LAPLACIAN)
    return float(ImageStat.Stat(ImageChops.difference(edges, Image.new("L", edges.size, 128))).mean[0])


def _psnr(picture: Image.Image, reference: Image.Image) -> float:
    rms = ImageStat.Stat(ImageChops.difference(picture, reference)).rms
    mse = sum(x * x for x in rms) / len(rms)
    return round(10 * math.log10(255**2 / mse), 2) if mse else 99.0


def quality(methods: dict[str, Worker], scratch: Path) -> dict[str, object]:
    source = detailed_photo()
    with Image.open(source) as opened:
        original = opened.convert("RGB")
    result: dict[str, object] = {
        "photo": f"{original.size[0]}x{original.size[1]} JPEG of {source.stat().st_size / 1e6:.1f} MB, detailed",
        "drawn_at": {
            use: {"4k": target_size(original.size, use), "1080p": _half(target_size(original.size, use))}
            for use in USES
        },
    }
    references: dict[tuple[int, int], tuple[Image.Image, float]] = {}
    for name, worker in methods.items():
        figures: dict[str, object] = {}
        for mix, uses in MIXES.items():
            best = math.inf
            for attempt in range(3):
                folder = scratch / f"quality-{name}-{mix}-{attempt}"
                started = time.perf_counter()
                outcome = worker(Job(str(source), None, uses, str(folder)))
                best = min(best, time.perf_counter() - started)
                assert not outcome.error and outcome.source_state, outcome.error
            per_use: dict[str, object] = {"ms": round(best * 1000, 1)}
            for use in uses:
                entry = outcome.entries[_key(name, outcome.source_state.sha256, use)]
                with Image.open(folder / entry.file) as stored:
                    copy = stored.convert("RGB")
                seen: dict[str, object] = {"stored": f"{copy.size[0]}x{copy.size[1]}"}
                for where, drawn in (
                    ("4k", target_size(original.size, use)),
                    ("1080p", _half(target_size(original.size, use))),
                ):
                    assert drawn is not None
                    if drawn not in references:
                        reference = original.resize(drawn, Image.Resampling.LANCZOS)
                        references[drawn] = (reference, _sharpness(reference))
                    reference, reference_sharpness = references[drawn]
                    shown = copy if copy.size == drawn else copy.resize(drawn, Image.Resampling.LANCZOS)
                    seen[where] = [_psnr(shown, reference), round(_sharpness(shown) / reference_sharpness, 3)]
                per_use[use] = seen
            figures[mix] = per_use
        result[name] = figures
        print(f"quality {name}: {[figures[m]['ms'] for m in MIXES]} ms", file=sys.stderr)  # type: ignore[index]
    return result


def _half(size: tuple[int, int] | None) -> tuple[int, int]:
    assert size is not None
    return size[0] // 2, size[1] // 2


def _key(method: str, digest: str, use: str) -> str:
    return (ingest_baseline.cache_key if method != "new" else picturecache.cache_key)(digest, use)


# -- the kiosk's own way: ImageCache.ensure on an exhibit --------------------------------------------------------


def kiosk_prepare(scratch: Path) -> dict[str, object]:
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
    workers = picturecache.default_workers()
    result: dict[str, object] = {"photos": len(photos), "pictures_in_exhibit": len(pictures), "workers": workers}
    image_cache = ImageCache(scratch / "kiosk-cache")
    started = time.perf_counter()
    summary = image_cache.ensure(pictures, workers=workers)
    seconds = time.perf_counter() - started
    assert summary.scaled == len(photos) and not summary.failed, summary
    result["prepare_s"] = round(seconds, 2)
    result["prepare_ms_per_photo"] = round(seconds * 1000 / len(photos), 1)
    started = time.perf_counter()
    warm = image_cache.ensure(pictures, workers=workers)
    result["warm_start_check_ms"] = round((time.perf_counter() - started) * 1000, 1)
    assert warm.scaled == 0 and warm.cached == len(photos), warm
    image_cache.index_path.unlink()
    started = time.perf_counter()
    relinked = image_cache.ensure(pictures, workers=workers)
    result["index_lost_rebuild_s"] = round(time.perf_counter() - started, 2)
    assert relinked.scaled == 0, relinked
    files = [p for p in image_cache.folder.rglob("*") if p.is_file()]
    result["cache_size_mb"] = round(sum(p.stat().st_size for p in files) / 1e6, 1)
    result["originals_size_mb"] = round(sum(p.stat().st_size for p in photos) / 1e6, 1)
    if TIMELINE:
        result["timeline_with_originals"] = timeline_run(scratch / "empty", use_cache=False)
        result["timeline_with_cache"] = timeline_run(image_cache.folder, use_cache=True)
    return result


def timeline_run(cache_folder: Path, use_cache: bool) -> dict[str, object]:
    env = dict(
        os.environ,
        KIOSK_IMAGE_CACHE=str(cache_folder),
        BENCH_PICTURE_CACHE="1" if use_cache else "0",
        BENCH_FLING_SECONDS=os.environ.get("BENCH_FLING_SECONDS", "3"),
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


# -- the run ------------------------------------------------------------------------------------------------------


def chosen(names: Iterable[str]) -> dict[str, Worker]:
    wanted = os.environ.get("BENCH_METHODS")
    picked = [n for n in names if not wanted or n in wanted.split(",")]
    return {name: METHODS[name] for name in picked}


def main() -> None:
    photos = bench_photos(PHOTOS)
    methods = chosen(METHODS)
    pyvips, why = ingest_candidates.load_pyvips()
    result: dict[str, object] = {
        "benchmark": "ingest",
        "photos": f"{len(photos)} x {PHOTO_SIZE[0]}x{PHOTO_SIZE[1]} JPEG (bench/generate.py), "
        f"{statistics.mean(p.stat().st_size for p in photos) / 1e6:.2f} MB each",
        "mixes": {mix: list(uses) for mix, uses in MIXES.items()},
        "cpu_count": os.cpu_count(),
        "load_average_at_start": load(),
        "pillow": Image.__version__,
    }
    if pyvips is None:
        methods.pop("pyvips", None)
        result["pyvips"] = (
            f"not measured, it cannot be imported ({why}); pip install 'pyvips[binary]' --target DIR, BENCH_PYVIPS=DIR"
        )
    else:
        version = ".".join(str(pyvips.version(n)) for n in range(3))
        result["pyvips"] = {"libvips": version, **ingest_candidates.pyvips_library_size()}
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        result.update(timings(methods, photos, Path(scratch)))
        result["quality"] = quality(methods, Path(scratch))
        if "new" in methods:
            result["kiosk_prepare"] = kiosk_prepare(Path(scratch))
    result["load_average_at_end"] = load()
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
