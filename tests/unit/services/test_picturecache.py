"""The picture cache: keys follow content and target size only; a deleted, truncated,
garbled or unwritable cache is rebuilt or bypassed, never fatal."""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import random
import shutil
import struct
import typing
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageChops, ImageCms, ImageFilter, ImageStat

from kiosk.content import pictureuse, schema
from kiosk.content.pictureuse import USES, USES_BY_FIELD, exhibit_pictures, target_size
from kiosk.paths import PICTURE_CACHE_ENVIRONMENT as FOLDER_ENVIRONMENT
from kiosk.paths import picture_cache_folder
from kiosk.services import picturecache
from kiosk.services.picturecache import ImageCache, cache_key, cached_media_path, ensure_exhibit, file_digest

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


BIG = (600, 400)  # a "camera photo", at a tenth of its size like SMALL_USES


def photo(
    path: Path, size: tuple[int, int] = BIG, colour: tuple[int, int, int] = (180, 90, 40), **save: typing.Any
) -> Path:
    """A JPEG with some structure (a gradient), so scaling it is real work but quick."""
    path.parent.mkdir(parents=True, exist_ok=True)
    gradient = Image.linear_gradient("L").resize(size).point(lambda v: (v + colour[0]) % 256)
    image = Image.merge("RGB", (gradient, Image.new("L", size, colour[1]), Image.new("L", size, colour[2])))
    image.save(path, "JPEG", quality=80, **save)
    return path


#: The uses at a tenth of their size, so the tests scale small pictures quickly. (Worker
#: processes start afresh with the real sizes: the test of workers uses those.)
SMALL_USES = {
    "screen": pictureuse.Use((384, 216)),
    "card": pictureuse.Use((160, 160)),
    "thumb": pictureuse.Use((32, 32)),
    "map": pictureuse.Use((410, 410), cover=False),
}


@pytest.fixture
def small_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, use in SMALL_USES.items():
        monkeypatch.setitem(USES, name, use)


@pytest.fixture
def cache(tmp_path: Path, small_uses: None) -> ImageCache:
    return ImageCache(tmp_path / "cache")


def cached_files(cache: ImageCache) -> list[Path]:
    return sorted(p for p in cache.folder.glob("??/*") if not p.name.startswith("."))


# -- keys and sizes -------------------------------------------------------------------------------------------


def test_key_follows_the_bytes_and_the_target_size_not_the_name_or_date(tmp_path: Path) -> None:
    first = photo(tmp_path / "a" / "photo.jpg")
    same = tmp_path / "b" / "renamed.jpg"
    same.parent.mkdir()
    shutil.copyfile(first, same)
    os.utime(same, (1_000_000, 1_000_000))  # another date
    assert file_digest(first) == file_digest(same)
    assert cache_key(file_digest(first), "screen") == cache_key(file_digest(same), "screen")

    changed = tmp_path / "changed.jpg"
    data = bytearray(first.read_bytes())
    data[-3] ^= 0xFF  # one byte of the picture
    changed.write_bytes(bytes(data))
    assert cache_key(file_digest(changed), "screen") != cache_key(file_digest(first), "screen")

    keys = {cache_key(file_digest(first), use) for use in USES}
    assert len(keys) == len(USES), "each target size has its own key"


def test_key_changes_with_the_format_version(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key("ab" * 32, "card")
    monkeypatch.setattr(picturecache, "FORMAT_VERSION", picturecache.FORMAT_VERSION + 1)
    assert cache_key("ab" * 32, "card") != before


def test_key_changes_when_a_use_changes_size(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key("cd" * 32, "card")
    monkeypatch.setitem(USES, "card", pictureuse.Use((1200, 1200)))
    assert cache_key("cd" * 32, "card") != before


@pytest.mark.parametrize(
    ("size", "use", "expected"),
    [
        ((6000, 4000), "screen", (3840, 2560)),  # covers 3840x2160
        ((6000, 9000), "screen", (3840, 5760)),  # a portrait photo covers the width
        ((6000, 4000), "card", (2400, 1600)),
        ((6000, 4000), "thumb", (384, 256)),
        ((12000, 3000), "map", (4096, 1024)),  # the map fits inside its box
        ((4200, 2400), "screen", None),  # within a quarter of the box: shown as it is
        ((800, 600), "screen", None),  # never enlarged
        ((320, 320), "thumb", None),
    ],
)
def test_target_size(size: tuple[int, int], use: str, expected: tuple[int, int] | None) -> None:
    assert target_size(size, use) == expected


# -- building and using the cache ------------------------------------------------------------------------------


def test_large_photo_is_scaled_once_per_use_and_found_at_display_time(tmp_path: Path, cache: ImageCache) -> None:
    source = photo(tmp_path / "big.jpg")
    calls: list[tuple[int, int]] = []

    summary = cache.ensure({source: ["screen", "thumb"]}, progress=lambda done, total: calls.append((done, total)))

    assert (summary.scaled, summary.cached, summary.kept, summary.failed) == (1, 0, 0, [])
    assert calls == [(0, 1), (1, 1)]
    screen, thumb = cache.lookup(source, "screen"), cache.lookup(source, "thumb")
    assert screen is not None and thumb is not None
    assert screen.is_relative_to(cache.folder) and screen.suffix == ".jpg"
    with Image.open(screen) as image:
        assert image.size == (384, 256)
    with Image.open(thumb) as image:
        assert image.size == (48, 32)
    assert cache.lookup(source, "card") is None, "a use that was not prepared shows the original"

    calls.clear()
    again = cache.ensure({source: ["screen", "thumb"]}, progress=lambda done, total: calls.append((done, total)))
    assert (again.scaled, again.cached) == (0, 1)
    assert calls == [(0, 0)], "a warm cache has nothing to do"
    assert [p.name for p in cached_files(cache)] == sorted([screen.name, thumb.name])


def test_svg_and_small_pictures_are_shown_as_they_are(tmp_path: Path, cache: ImageCache) -> None:
    small = photo(tmp_path / "small.jpg", (200, 150))
    svg = tmp_path / "drawing.svg"
    svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")

    summary = cache.ensure({small: ["screen", "card"], svg: ["screen"]})

    assert (summary.scaled, summary.kept) == (0, 2)
    assert cache.lookup(small, "screen") is None
    assert cached_files(cache) == []
    assert cache.ensure({small: ["screen", "card"]}).kept == 1, "known to be small: not even opened again"


def test_camera_orientation_is_applied(tmp_path: Path, cache: ImageCache) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    source = photo(tmp_path / "portrait.jpg", exif=exif.tobytes())
    cache.ensure({source: ["card"]})
    found = cache.lookup(source, "card")
    assert found is not None
    with Image.open(found) as image:
        assert image.size == (200, 300), "stored upright (halved: within REDUCED_ENOUGH of 160x240)"
        assert image.getexif().get(0x0112) is None


def test_small_picture_lying_on_its_side_is_stored_upright(tmp_path: Path, cache: ImageCache) -> None:
    exif = Image.Exif()
    exif[0x0112] = 8
    source = photo(tmp_path / "small-rotated.jpg", (30, 20), exif=exif.tobytes())
    cache.ensure({source: ["screen"]})
    found = cache.lookup(source, "screen")
    assert found is not None
    with Image.open(found) as image:
        assert image.size == (20, 30)


def test_transparent_picture_stays_png_and_opaque_alpha_becomes_jpeg(tmp_path: Path, cache: ImageCache) -> None:
    see_through = tmp_path / "arms.png"
    image = Image.new("RGBA", (400, 400), (200, 30, 30, 255))
    image.paste((0, 0, 0, 0), (0, 0, 100, 100))
    image.save(see_through)
    opaque = tmp_path / "scan.png"
    Image.new("RGBA", (400, 400), (20, 130, 30, 255)).save(opaque)

    cache.ensure({see_through: ["card"], opaque: ["card"]})

    arms, scan = cache.lookup(see_through, "card"), cache.lookup(opaque, "card")
    assert arms is not None and arms.suffix == ".png"
    with Image.open(arms) as cached:
        assert cached.mode == "RGBA" and cached.size == (200, 200)
        assert cached.getpixel((0, 0))[3] == 0
    assert scan is not None and scan.suffix == ".jpg"


def swapped_primaries_profile() -> bytes:
    """An RGB ICC profile (v2, matrix and gamma) whose red and blue primaries are sRGB's
    blue and red: a picture tagged with it that stores pure red shows blue."""

    def s15(value: float) -> bytes:
        return struct.pack(">i", round(value * 65536))

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)

    text = b"swapped primaries"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text) + 1) + text + b"\0" + bytes(8) + bytes(3) + bytes(67)
    curve = b"curv" + bytes(4) + struct.pack(">I", 1) + struct.pack(">H", 0x0233) + bytes(2)  # gamma 2.2
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.1431, 0.0606, 0.7141)),  # sRGB's blue
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.4361, 0.2225, 0.0139)),  # sRGB's red
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (
        struct.pack(">I", size)
        + bytes(4)
        + struct.pack(">I", 0x02100000)
        + b"mntrRGB XYZ "
        + bytes(12)
        + b"acsp"
        + bytes(24)
        + struct.pack(">I", 0)
        + s15(0.9642)
        + s15(1.0)
        + s15(0.8249)
        + bytes(48)
    )
    assert len(header) == 128
    return header + table + data


@pytest.mark.parametrize("size", [(300, 300), (600, 400)], ids=["resampled", "halved"])
def test_colour_profile_is_converted_to_srgb(tmp_path: Path, cache: ImageCache, size: tuple[int, int]) -> None:
    """Qt shows pixels as sRGB: a picture in another colour space gets its pixels converted,
    whether its copy is resampled or decoded at half its size."""
    profile = swapped_primaries_profile()
    assert "swapped" in ImageCms.getProfileDescription(ImageCms.ImageCmsProfile(io.BytesIO(profile)))
    tagged = tmp_path / "tagged.jpg"
    red = Image.new("RGB", size, (230, 0, 0))
    red.save(tagged, "JPEG", quality=95, icc_profile=profile)

    cache.ensure({tagged: ["card"]})

    found = cache.lookup(tagged, "card")
    assert found is not None
    with Image.open(found) as image:
        assert "icc_profile" not in image.info
        assert image.size == (pictureuse.copy_size(size, "card") or ((0, 0), 0))[0]
        r, g, b = image.getpixel((80, 80))
        assert b > 150 and r < 60, f"stored red in that space is blue in sRGB, got {(r, g, b)}"


def test_cmyk_photo_becomes_rgb(tmp_path: Path, cache: ImageCache) -> None:
    """A printer's CMYK JPEG (as some scans are): Qt is given RGB, in the right colour."""
    source = tmp_path / "scan.jpg"
    Image.new("CMYK", (600, 400), (0, 255, 255, 0)).save(source, "JPEG", quality=95)  # red ink

    cache.ensure({source: ["card", "thumb"]})

    for use in ("card", "thumb"):
        found = cache.lookup(source, use)
        assert found is not None and found.suffix == ".jpg"
        with Image.open(found) as image:
            assert image.mode == "RGB"
            r, g, b = image.getpixel((image.width // 2, image.height // 2))
            assert r > 200 and g < 60 and b < 60, f"{use}: {(r, g, b)}"


def test_tiny_pictures_are_shown_as_they_are(tmp_path: Path, cache: ImageCache) -> None:
    dot = photo(tmp_path / "dot.jpg", (1, 1))
    strip = tmp_path / "strip.png"
    Image.new("RGBA", (3, 2), (10, 20, 30, 128)).save(strip)

    summary = cache.ensure({dot: list(USES), strip: list(USES)})

    assert (summary.kept, summary.scaled, summary.failed) == (2, 0, [])
    assert cached_files(cache) == []


# -- the sizes of the copies, and what they look like ------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "use", "expected"),
    [
        ((6000, 4000), "card", ((3000, 2000), 2)),  # decoded at half its size: no resampling
        ((6048, 4024), "card", ((3024, 2012), 2)),  # another camera's 24 MP
        ((6960, 4640), "card", ((3480, 2320), 2)),  # 32 MP
        ((6001, 4001), "card", ((3001, 2001), 2)),  # a partial block still makes a pixel
        ((4032, 3024), "card", ((2133, 1600), 0)),  # a phone's: halved, it would not cover the card
        ((6000, 4000), "screen", ((3840, 2560), 0)),  # halved, it would not cover a 4K screen
        ((8192, 5464), "screen", ((4096, 2732), 2)),  # 45 MP: halved, it still does
        ((6000, 4000), "thumb", ((384, 256), 0)),  # an eighth is still twice too large
        ((12000, 8000), "map", ((4096, 2731), 0)),  # never larger than the box it must fit in
        ((800, 600), "screen", None),  # shown as it is
    ],
)
def test_copy_size(size: tuple[int, int], use: str, expected: tuple[tuple[int, int], int] | None) -> None:
    assert pictureuse.copy_size(size, use) == expected
    if expected is not None:
        target = target_size(size, use)
        assert target is not None
        copy, _factor = expected
        assert copy[0] >= target[0] and copy[1] >= target[1], "a copy always covers its box"
        assert copy[0] <= target[0] * pictureuse.REDUCED_ENOUGH


def odd_sized_pictures(folder: Path) -> dict[Path, tuple[int, int]]:
    """Pictures whose sides do not divide by 2, 4 or 8, each with its size as shown (upright)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    pictures = {
        photo(folder / "odd.jpg", (601, 401)): (601, 401),
        photo(folder / "odd-turned.jpg", (1203, 803), exif=exif.tobytes()): (803, 1203),
        photo(folder / "odd-progressive.jpg", (1203, 803), progressive=True): (1203, 803),
    }
    png = folder / "odd.png"
    Image.linear_gradient("L").resize((1203, 803)).convert("RGB").save(png)
    pictures[png] = (1203, 803)
    return pictures


def test_every_copy_has_exactly_its_size(tmp_path: Path, cache: ImageCache) -> None:
    """The file, the index and `copy_size` agree for every use (a JPEG's scaled decoding and
    Image.reduce round the same way), so a copy found again after a lost index is adopted."""
    pictures = odd_sized_pictures(tmp_path)
    uses = list(USES)

    summary = cache.ensure({path: uses for path in pictures})

    assert (summary.scaled, summary.failed) == (len(pictures), [])
    index = json.loads(cache.index_path.read_text(encoding="utf-8"))
    halved = 0
    for path, upright in pictures.items():
        digest = file_digest(path)
        for use in uses:
            planned = pictureuse.copy_size(upright, use)
            assert planned is not None
            halved += planned[1] > 0
            found = cache.lookup(path, use)
            assert found is not None
            with Image.open(found) as image:
                assert image.size == planned[0], f"{path.name} for {use}"
            assert index["entries"][cache_key(digest, use)][2:] == list(planned[0])
    assert halved >= len(pictures), "some copies are halved, some resampled"

    cache.index_path.unlink()
    assert cache.ensure({path: uses for path in pictures}).cached == len(pictures), "all adopted"


@pytest.mark.parametrize(("orientation", "top", "bottom"), [(6, "red", "blue"), (8, "blue", "red"), (3, "blue", "red")])
def test_a_halved_copy_is_turned_upright(
    tmp_path: Path, cache: ImageCache, orientation: int, top: str, bottom: str
) -> None:
    """The left half red and the right half blue, as stored; the camera says how to turn it."""
    colours = {"red": (220, 20, 20), "blue": (20, 20, 220)}
    stored = Image.new("RGB", (600, 400), colours["red"])
    stored.paste(colours["blue"], (300, 0, 600, 400))
    exif = Image.Exif()
    exif[0x0112] = orientation
    source = tmp_path / f"turned-{orientation}.jpg"
    stored.save(source, "JPEG", quality=95, exif=exif.tobytes())

    cache.ensure({source: ["card"]})

    found = cache.lookup(source, "card")
    assert found is not None
    with Image.open(found) as image:
        assert image.size == ((300, 200) if orientation == 3 else (200, 300)), "halved, upright"
        if orientation == 3:
            first, last = image.getpixel((5, image.height // 2)), image.getpixel((image.width - 5, image.height // 2))
        else:
            first, last = image.getpixel((image.width // 2, 5)), image.getpixel((image.width // 2, image.height - 5))
    assert max(range(3), key=lambda c: first[c]) == max(range(3), key=lambda c: colours[top][c])
    assert max(range(3), key=lambda c: last[c]) == max(range(3), key=lambda c: colours[bottom][c])


def test_a_halved_transparent_picture_has_no_dark_fringe(tmp_path: Path, cache: ImageCache) -> None:
    """Halving averages see-through and opaque pixels weighted by their opacity: the edge of
    a cut-out coat of arms stays its colour, half see-through, not darkened."""
    arms = tmp_path / "arms.png"
    image = Image.new("RGBA", (400, 400), (200, 30, 30, 255))
    image.paste((0, 0, 0, 0), (0, 0, 101, 400))  # the edge falls inside a 2x2 block
    image.save(arms)

    cache.ensure({arms: ["card"]})

    found = cache.lookup(arms, "card")
    assert found is not None
    with Image.open(found) as cached:
        assert cached.size == (200, 200) and cached.mode == "RGBA"
        r, g, b, a = cached.getpixel((50, 100))
    assert 100 <= a <= 160 and r > 180, f"edge pixel {(r, g, b, a)}"


def detailed_photo(path: Path, size: tuple[int, int] = (1200, 800)) -> Path:
    """Fine detail everywhere (noise at several scales), as a camera photo has; the same each run."""
    rng = random.Random(11)
    layers = []
    for step in (2, 5, 13):
        small = (size[0] // step, size[1] // step)
        noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
        layers.append(noise.resize(size, Image.Resampling.BICUBIC))
    grey = Image.blend(Image.blend(layers[0], layers[1], 0.4), layers[2], 0.3)
    picture = Image.merge("RGB", (grey, grey.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grey.rotate(180)))
    picture.save(path, "JPEG", quality=92)
    return path


def sharpness(picture: Image.Image) -> float:
    """The mean strength of the finest detail (a Laplacian): lower is softer."""
    edges = picture.convert("L").filter(ImageFilter.Kernel((3, 3), (0, -1, 0, -1, 4, -1, 0, -1, 0), 1, 128))
    return float(ImageStat.Stat(ImageChops.difference(edges, Image.new("L", edges.size, 128))).mean[0])


@pytest.mark.parametrize("uses", [("card", "thumb"), tuple(SMALL_USES)], ids=["an-event-s-photo", "every-use"])
def test_copies_drawn_at_their_size_keep_the_detail(tmp_path: Path, cache: ImageCache, uses: tuple[str, ...]) -> None:
    """What the visitor sees: each copy drawn at its use's box, against the best copy of that
    size (the original scaled straight there with Lanczos, saved as the cache saves). A
    softer filter (bilinear, a box reduction alone, bicubic after a box) loses 25 to 35 %
    of it; bench/ingest.py measures the same on a camera-sized photo, against before #16."""
    source = detailed_photo(tmp_path / "detail.jpg")
    cache.ensure({source: list(uses)})

    with Image.open(source) as opened:
        original = opened.convert("RGB")
    for use in uses:
        drawn = target_size(original.size, use)
        assert drawn is not None
        found = cache.lookup(source, use)
        assert found is not None
        with Image.open(found) as image:
            shown = image.convert("RGB")
        if shown.size != drawn:
            shown = shown.resize(drawn, Image.Resampling.LANCZOS)
        best = io.BytesIO()
        original.resize(drawn, Image.Resampling.LANCZOS).save(best, "JPEG", quality=picturecache.JPEG_QUALITY)
        with Image.open(best) as reference:
            kept = sharpness(shown) / sharpness(reference)
        assert kept > 0.78, f"{use}: {kept:.2f} of the detail"


# -- a damaged or missing cache ----------------------------------------------------------------------------------


def test_deleted_cache_folder_is_rebuilt(tmp_path: Path, cache: ImageCache) -> None:
    source = photo(tmp_path / "big.jpg")
    cache.ensure({source: ["screen"]})
    shutil.rmtree(cache.folder)

    assert cache.lookup(source, "screen") is None, "the original is shown meanwhile"
    summary = cache.ensure({source: ["screen"]})

    assert summary.scaled == 1
    assert cache.lookup(source, "screen") is not None


def test_truncated_cached_file_is_detected_and_rebuilt(
    tmp_path: Path, cache: ImageCache, caplog: pytest.LogCaptureFixture
) -> None:
    source = photo(tmp_path / "big.jpg")
    cache.ensure({source: ["screen"]})
    cached = cache.lookup(source, "screen")
    assert cached is not None
    data = cached.read_bytes()
    cached.write_bytes(data[: len(data) // 2])

    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        assert cache.lookup(source, "screen") is None
    assert "damaged" in caplog.text

    summary = cache.ensure({source: ["screen"]})
    assert summary.scaled == 1
    assert cache.lookup(source, "screen") == cached
    assert cached.read_bytes()[-2:] == b"\xff\xd9"


@pytest.mark.parametrize("garbage", [b"", b"not a picture at all" * 100, "same length"])
def test_garbage_in_place_of_a_cached_file_is_rebuilt(tmp_path: Path, cache: ImageCache, garbage: bytes | str) -> None:
    source = photo(tmp_path / "big.jpg")
    cache.ensure({source: ["card"]})
    cached = cache.lookup(source, "card")
    assert cached is not None
    size = cached.stat().st_size
    cached.write_bytes(os.urandom(size) if garbage == "same length" else typing.cast(bytes, garbage))

    assert cache.lookup(source, "card") is None
    assert cache.ensure({source: ["card"]}).scaled == 1
    assert cache.lookup(source, "card") == cached


def test_lost_index_adopts_whole_files_and_rebuilds_wrong_ones(tmp_path: Path, cache: ImageCache) -> None:
    """Without the index, files already there are checked (format, pixel size, end) before reuse."""
    good = photo(tmp_path / "good.jpg", colour=(10, 20, 30))
    wrong = photo(tmp_path / "wrong.jpg", colour=(200, 20, 30))
    cache.ensure({good: ["card"], wrong: ["card"]})
    wrong_file = cache.lookup(wrong, "card")
    assert wrong_file is not None
    Image.new("RGB", (10, 10)).save(wrong_file, "JPEG")  # a whole JPEG, of the wrong size
    cache.index_path.write_text("{ this is not json", encoding="utf-8")

    summary = cache.ensure({good: ["card"], wrong: ["card"]})

    assert (summary.scaled, summary.cached) == (1, 1)
    with Image.open(cache.lookup(wrong, "card") or wrong) as image:
        assert image.size == (300, 200)
    assert json.loads(cache.index_path.read_text(encoding="utf-8"))["format"] == picturecache.FORMAT_VERSION


def test_changed_photo_gets_a_new_entry_and_the_old_one_goes(
    tmp_path: Path, cache: ImageCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = photo(tmp_path / "big.jpg", colour=(10, 20, 30))
    cache.ensure({source: ["card"]})
    old = cache.lookup(source, "card")
    assert old is not None

    photo(source, colour=(250, 20, 30))  # the curator replaced the photo
    assert cache.lookup(source, "card") is None, "a changed file is never shown from the old copy"
    monkeypatch.setattr(picturecache, "PRUNE_AFTER_S", -1.0)
    assert cache.ensure({source: ["card"]}).scaled == 1

    new = cache.lookup(source, "card")
    assert new is not None and new != old
    assert not old.exists(), "the old picture is pruned once nothing refers to it"
    index = json.loads(cache.index_path.read_text(encoding="utf-8"))
    assert list(index["sources"]) == [str(source)] and len(index["entries"]) == 1


def test_damaged_original_is_reported_and_shown_as_it_is(tmp_path: Path, cache: ImageCache) -> None:
    good = photo(tmp_path / "good.jpg")
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    bomb = tmp_path / "bomb.png"
    from tests.helpers.content import png_header_only

    bomb.write_bytes(png_header_only(9_000, 9_000))  # 81 MP: more than the kiosk's 64

    summary = cache.ensure({good: ["card"], bad: ["card"], bomb: ["card"]})

    assert summary.scaled == 1
    reasons = "\n".join(summary.failed)
    assert len(summary.failed) == 2 and "bad.jpg" in reasons and "megapixels" in reasons
    assert cached_media_path(tmp_path, "bad.jpg", "card") == bad


def test_unwritable_cache_folder_shows_the_originals(
    tmp_path: Path, small_uses: None, caplog: pytest.LogCaptureFixture
) -> None:
    """A cache folder that cannot be created (here: under a file; also works as root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file", encoding="utf-8")
    cache = ImageCache(blocker / "images")
    source = photo(tmp_path / "big.jpg")

    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        summary = cache.ensure({source: ["screen"]})

    assert summary.unwritable and summary.scaled == 0 and len(summary.failed) == 1
    assert cache.lookup(source, "screen") is None
    assert "cannot write the picture cache" in caplog.text and "showing the original pictures" in caplog.text


def test_full_disk_stops_early_leaves_no_partial_file_and_shows_the_originals(
    tmp_path: Path, cache: ImageCache, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    sources = [photo(tmp_path / f"p{n}.jpg", colour=(n * 40, 20, 30)) for n in range(3)]
    attempts: list[int] = []

    def full(_fd: int) -> None:
        attempts.append(1)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(picturecache.os, "fsync", full)
    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        summary = cache.ensure({source: ["card"] for source in sources})

    assert "No space left on device" in summary.unwritable
    assert len(summary.failed) == 3 and summary.scaled == 0
    assert len(attempts) == 1, "after a full disk, the other pictures are not even tried"
    assert list(cache.folder.rglob("*.tmp")) == [] and cached_files(cache) == []
    assert all(cache.lookup(source, "card") is None for source in sources)
    assert caplog.text.count("cannot write the picture cache") == 1


def test_a_file_that_cannot_be_replaced_fails_alone(
    tmp_path: Path, cache: ImageCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a cached file open elsewhere cannot be replaced: that picture is shown as
    it is, after a few tries, and the others are still prepared."""
    sources = [photo(tmp_path / f"p{n}.jpg", colour=(n * 40, 20, 30)) for n in range(3)]
    real_replace, locked, tries = os.replace, [], []

    def replace(source: str | Path, target: str | Path) -> None:
        if str(target).endswith(".jpg") and (not locked or locked[0] == str(target)):
            locked[:1] = [str(target)]
            tries.append(1)
            # as os.replace raises it: both names given
            raise PermissionError(errno.EACCES, "The process cannot access the file", str(source), None, str(target))
        real_replace(source, target)

    monkeypatch.setattr(picturecache.os, "replace", replace)
    monkeypatch.setattr(picturecache.time, "sleep", lambda _s: None)
    summary = cache.ensure({source: ["card"] for source in sources})

    assert (summary.scaled, len(summary.failed), summary.unwritable) == (2, 1, "")
    assert len(tries) == 5
    assert list(cache.folder.rglob("*.tmp")) == []
    assert sum(cache.lookup(source, "card") is not None for source in sources) == 2


def test_progress_is_reported_for_each_picture_with_worker_processes(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path / "cache")  # the real sizes: worker processes know no others
    sources = {photo(tmp_path / f"p{n}.jpg", (1200, 800), colour=(n * 60, 20, 30)): ["thumb"] for n in range(3)}
    calls: list[tuple[int, int]] = []

    summary = cache.ensure(sources, workers=2, progress=lambda done, total: calls.append((done, total)))

    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert summary.scaled == 3 and summary.failed == []
    assert all(cache.lookup(source, "thumb") is not None for source in sources)


# -- the exhibit's pictures and the default folder -------------------------------------------------------------


def test_every_picture_field_of_the_content_format_has_its_use() -> None:
    fields = set()
    for model in vars(schema).values():
        if isinstance(model, type) and issubclass(model, schema.Strict):
            for name, info in model.model_fields.items():
                if "Media" in str(info.annotation) and name in model.__annotations__:
                    fields.add((model.__name__, name))
    assert fields, "the schema has picture fields"
    missing = {
        f for f in fields if not any((cls.__name__, f[1]) in USES_BY_FIELD for cls in getattr(schema, f[0]).__mro__)
    }
    assert not missing, f"say where these pictures are shown (USES_BY_FIELD): {sorted(missing)}"
    assert all(use in USES for uses in USES_BY_FIELD.values() for use in uses)


def test_exhibit_pictures_lists_each_picture_with_its_uses(content: ContentFolder) -> None:
    exhibit, report = content.load()
    assert exhibit is not None, report.sorted()
    pictures = exhibit_pictures(exhibit)
    root = Path(os.path.abspath(content.root))
    assert pictures[root / "media/backdrop.png"] == {"screen"}
    assert pictures[root / "media/timeline.png"] == {"screen"}
    assert pictures[root / "media/blason.svg"] == {"screen", "card"}  # the arms, as there is no `arms`


def test_ensure_exhibit_then_cached_media_path_in_the_default_folder(
    content: ContentFolder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_uses: None
) -> None:
    monkeypatch.setenv(FOLDER_ENVIRONMENT, str(tmp_path / "configured"))
    photo(content.root / "media/backdrop.png")
    content.replace("exhibit.yaml", "path: media/backdrop.png", "path: media/backdrop.jpg")
    (content.root / "media/backdrop.png").rename(content.root / "media/backdrop.jpg")
    exhibit, report = content.load()
    assert exhibit is not None, report.sorted()

    summary = ensure_exhibit(exhibit, workers=0)

    assert summary.scaled == 1 and summary.failed == []
    found = cached_media_path(content.root, "media/backdrop.jpg", "screen")
    assert found.is_relative_to(tmp_path / "configured")
    assert cached_media_path(content.root, "media/map.png", "screen") == content.root / "media/map.png"
    assert cached_media_path(content.root, "media/pillars.svg", "screen") == content.root / "media/pillars.svg"


def test_default_folder_is_the_platform_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(FOLDER_ENVIRONMENT, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert picture_cache_folder() == tmp_path / "xdg" / "base1119-kiosk" / "images"


def test_unreadable_index_is_reported_once(tmp_path: Path, cache: ImageCache, caplog: pytest.LogCaptureFixture) -> None:
    source = photo(tmp_path / "big.jpg")
    cache.ensure({source: ["thumb"]})
    cache.index_path.write_bytes(io.BytesIO(b"\x00\xff garbage").getvalue())
    with caplog.at_level(logging.WARNING, logger="kiosk.services.picturecache"):
        assert cache.lookup(source, "thumb") is None
        assert cache.lookup(source, "thumb") is None
    assert caplog.text.count("cannot be read") == 1
