"""Pictures: inside the folder, present, decodable, not bombs, with alt text, credit and licence."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageFile

from kiosk.content.media import MAX_IMAGE_PIXELS, check_media
from kiosk.content.report import Problem, Report
from kiosk.content.schema import Media

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

# map.yaml's illustration is media/map.png; timeline.yaml's is media/timeline.png.
MAP_PATH = "  path: media/map.png"


def point_map_at(content: ContentFolder, path: str) -> None:
    content.replace("map.yaml", MAP_PATH, f"  path: {path}")


def the_error(content: ContentFolder) -> Problem:
    """The one error, which must be on the `path` value of map.yaml's illustration."""
    exhibit, report = content.load()
    assert exhibit is None
    problems = report.errors
    assert len(problems) == 1, [problem.format() for problem in report.sorted()]
    problem = problems[0]
    path_line = content.line_of("map.yaml", "  path: ")
    assert (problem.file, problem.line, problem.column) == ("map.yaml", path_line, 9)
    return problem


# -- where the file is --------------------------------------------------------------------------------


def test_dotdot_is_refused_even_when_the_file_exists(content: ContentFolder, outside: Path) -> None:
    point_map_at(content, "../outside/secret.png")
    assert the_error(content).message == (
        "picture '../outside/secret.png': '..' is not allowed: the file must be inside the content folder"
    )


def test_dotdot_inside_the_folder_is_refused_too(content: ContentFolder) -> None:
    point_map_at(content, "media/../media/map.png")
    assert "'..' is not allowed" in the_error(content).message


def test_an_absolute_path_is_refused(content: ContentFolder, outside: Path) -> None:
    point_map_at(content, str(outside / "secret.png"))
    assert the_error(content).message.endswith(
        "absolute paths are not allowed: write the path from the content folder, like 'media/photo.jpg'"
    )


@pytest.mark.parametrize("path", ["C:/Users/secret.png", "'media\\map.png'"])
def test_windows_paths_are_refused(content: ContentFolder, path: str) -> None:
    point_map_at(content, path)
    message = the_error(content).message
    assert "absolute paths are not allowed" in message or "use '/' between folders" in message


def test_a_symlink_pointing_outside_is_refused(content: ContentFolder, outside: Path) -> None:
    content.path("media/map.png").unlink()
    content.path("media/map.png").symlink_to(outside / "secret.png")
    assert the_error(content).message == "picture 'media/map.png': a symbolic link leads outside the content folder"


def test_a_symlinked_folder_pointing_outside_is_refused(content: ContentFolder, outside: Path) -> None:
    content.path("linked").symlink_to(outside, target_is_directory=True)
    point_map_at(content, "linked/secret.png")
    assert the_error(content).message == "picture 'linked/secret.png': a symbolic link leads outside the content folder"


def test_a_symlink_that_stays_inside_is_fine(content: ContentFolder) -> None:
    content.path("media/alias.png").symlink_to(content.path("media/map.png"))
    point_map_at(content, "media/alias.png")
    exhibit, report = content.load()
    assert exhibit is not None
    assert report.problems == []


# -- what the file holds ------------------------------------------------------------------------------


def test_a_missing_picture(content: ContentFolder) -> None:
    content.path("media/map.png").unlink()
    assert the_error(content).message == "picture 'media/map.png': file not found"


def test_a_missing_picture_names_a_near_miss_in_another_case(content: ContentFolder) -> None:
    content.path("media/map.png").rename(content.path("media/Map.PNG"))
    assert the_error(content).message == (
        "picture 'media/map.png': file not found (there is 'Map.PNG': names are case-sensitive)"
    )


def test_a_zero_byte_picture(content: ContentFolder) -> None:
    content.write("media/map.png", b"")
    assert the_error(content).message == "picture 'media/map.png': the file is empty (0 bytes)"


def test_a_truncated_png(content: ContentFolder) -> None:
    data = content.write_png("media/map.png", (64, 64), noise=True).read_bytes()
    content.write("media/map.png", data[: len(data) // 2])
    assert the_error(content).message.startswith("picture 'media/map.png': is damaged or truncated (")


def test_a_png_cut_before_its_end_chunk(content: ContentFolder) -> None:
    data = content.write_png("media/map.png", (64, 64), noise=True).read_bytes()
    content.write("media/map.png", data[:-12])  # IEND missing: verify() notices, load() alone would not
    assert "is damaged or truncated" in the_error(content).message


def test_a_corrupt_jpeg_of_random_bytes(content: ContentFolder) -> None:
    content.write("media/map.jpg", random.Random(1119).randbytes(4096))
    point_map_at(content, "media/map.jpg")
    assert the_error(content).message == (
        "picture 'media/map.jpg': is not a PNG, JPEG, WebP or GIF picture (damaged, or saved in another format)"
    )


def test_a_jpeg_with_its_pixel_data_cut(content: ContentFolder) -> None:
    Image.frombytes("RGB", (64, 64), random.Random(5).randbytes(64 * 64 * 3)).save(
        content.path("media/map.jpg"), "JPEG"
    )
    data = content.path("media/map.jpg").read_bytes()
    content.write("media/map.jpg", data[: len(data) // 2])
    point_map_at(content, "media/map.jpg")
    assert "is damaged or truncated" in the_error(content).message


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (10000, 8000)])
def test_a_decompression_bomb_is_an_error_and_is_never_decoded(
    content: ContentFolder, monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:
    """20000x20000 is past Pillow's error threshold, 10000x8000 only past its warning one: both are errors."""
    assert width * height > MAX_IMAGE_PIXELS
    content.write_png_header("media/map.png", width, height)
    loaded: list[object] = []
    real_load = ImageFile.ImageFile.load

    def spy_load(self: ImageFile.ImageFile) -> object:
        loaded.append(self.size)
        return real_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy_load)
    problem = the_error(content)
    assert problem.severity == "error"
    megapixels = round(width * height / 1e6)
    assert problem.message == (
        f"picture 'media/map.png': the picture is too large: {megapixels} megapixels, "
        f"the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels; make it smaller"
    )
    assert (width, height) not in loaded, "the bomb's pixels were decoded"


def test_the_pixel_limit_is_set_explicitly(content: ContentFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)  # as if someone disabled the check
    content.write_png_header("media/map.png", 20000, 20000)
    assert "too large" in the_error(content).message


def test_an_unknown_extension(content: ContentFolder) -> None:
    Image.new("RGB", (4, 4)).save(content.path("media/map.bmp"))
    point_map_at(content, "media/map.bmp")
    assert the_error(content).message == (
        "picture 'media/map.bmp': '.bmp' is not a picture type the kiosk shows: use .png, .jpg, .webp, .gif or .svg"
    )


def test_a_name_that_lies_about_the_format_is_a_warning(content: ContentFolder) -> None:
    Image.new("RGB", (4, 4)).save(content.path("media/map.png"), "JPEG")
    exhibit, report = content.load()
    assert exhibit is not None
    [problem] = report.warnings
    assert problem.message == "picture 'media/map.png' is a JPEG file but its name says PNG: rename it to 'map.jpg'"


@pytest.mark.parametrize("extension", ["webp", "gif", "jpeg"])
def test_other_raster_formats_are_accepted(content: ContentFolder, extension: str) -> None:
    Image.new("RGB", (4, 4), "red").save(content.path(f"media/map.{extension}"))
    point_map_at(content, f"media/map.{extension}")
    exhibit, report = content.load()
    assert exhibit is not None
    assert report.problems == []


def test_an_animation_is_shown_by_its_first_frame_and_says_so(content: ContentFolder) -> None:
    frames = [Image.new("RGB", (40, 30), (i * 60, 0, 0)) for i in range(3)]
    frames[0].save(content.path("media/map.gif"), save_all=True, append_images=frames[1:], duration=100)
    point_map_at(content, "media/map.gif")
    exhibit, report = content.load()
    assert exhibit is not None
    [problem] = report.warnings
    assert problem.message == "picture 'media/map.gif' is animated (3 frames): the kiosk shows only its first frame"


def test_an_animation_of_too_many_pixels_in_all_is_refused(content: ContentFolder) -> None:
    # 80 frames of 4 megapixels: 320 megapixels in all, past the 256 allowed; 300 KB on disk.
    frames = [Image.new("P", (2000, 2000), i) for i in range(80)]
    frames[0].save(content.path("media/map.gif"), save_all=True, append_images=frames[1:], duration=40)
    point_map_at(content, "media/map.gif")
    assert the_error(content).message == (
        "picture 'media/map.gif': the animation is too large: 80 frames of 2000 by 2000 pixels (320 megapixels "
        "in all); the limit is 1000 frames and 256 megapixels in all. The kiosk shows only the first frame: save "
        "that frame as a PNG or JPEG picture"
    )


@pytest.mark.parametrize("extension", ["gif", "webp"])
def test_an_animation_of_too_many_frames_is_refused(content: ContentFolder, extension: str) -> None:
    frames = [Image.new("RGB", (8, 8), (i % 256, i // 256, (i * 7) % 256)) for i in range(1001)]
    frames[0].save(content.path(f"media/map.{extension}"), save_all=True, append_images=frames[1:], duration=40)
    point_map_at(content, f"media/map.{extension}")
    assert "the animation is too large: more than 1000 frames" in the_error(content).message


# -- SVG ---------------------------------------------------------------------------------------------


def use_svg(content: ContentFolder, text: str) -> None:
    content.write("media/map.svg", text)
    point_map_at(content, "media/map.svg")


def test_svg_with_entities_is_refused(content: ContentFolder) -> None:
    use_svg(
        content,
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n'
        '<svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>\n',
    )
    assert (
        the_error(content).message
        == "picture 'media/map.svg': DOCTYPE and ENTITY declarations are not allowed in an SVG"
    )


def test_svg_with_an_external_entity_is_refused(content: ContentFolder) -> None:
    use_svg(content, '<!DOCTYPE svg SYSTEM "file:///etc/passwd">\n<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    assert "DOCTYPE and ENTITY declarations are not allowed" in the_error(content).message


def test_svg_must_have_an_svg_root(content: ContentFolder) -> None:
    use_svg(content, '<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>\n')
    assert (
        the_error(content).message
        == "picture 'media/map.svg': is not an SVG picture: its first element is <html>, not <svg>"
    )


def test_svg_must_be_well_formed_xml(content: ContentFolder) -> None:
    use_svg(content, '<svg xmlns="http://www.w3.org/2000/svg">\n<rect>\n</svg>\n')
    assert the_error(content).message == "picture 'media/map.svg': is not valid XML (line 3: mismatched tag)"


# -- what a visitor and a rights holder need --------------------------------------------------------


def test_missing_alt_credit_and_licence_are_warnings(content: ContentFolder) -> None:
    content.replace("map.yaml", "  alt:\n    fr: Image map\n    en: Picture map\n    nl: Beeld map\n", "")
    content.replace("map.yaml", "  credit: Archives\n  licence: CC BY 4.0\n", "")
    exhibit, report = content.load()
    assert exhibit is not None
    path_line = content.line_of("map.yaml", "  path: ")
    assert [(p.file, p.line, p.column, p.severity, p.message) for p in report.sorted()] == [
        (
            "map.yaml",
            path_line,
            9,
            "warning",
            "picture has no alternative text (alt): say what it shows, for visitors who cannot see it",
        ),
        ("map.yaml", path_line, 9, "warning", "picture has no credit: who made it (photographer, archive...)"),
        ("map.yaml", path_line, 9, "warning", "picture has no licence: under which licence or permission it is shown"),
    ]


def test_check_media_can_be_called_directly(tmp_path: Path) -> None:
    Image.new("RGB", (4, 4)).save(tmp_path / "ok.png")
    report = Report()
    check_media(tmp_path, "exhibit.yaml", (7, 9), Media(path="ok.png", alt="x", credit="y", licence="z"), report)
    check_media(tmp_path, "exhibit.yaml", (12, 9), Media(path="gone.png", alt="x", credit="y", licence="z"), report)
    assert [problem.format() for problem in report.sorted()] == [
        "exhibit.yaml:12:9: error: picture 'gone.png': file not found"
    ]


def test_the_quick_start_up_check_still_catches_a_cut_jpeg(content: ContentFolder) -> None:
    """At start-up pictures are not decoded pixel by pixel, but a cut JPEG lacks its end marker."""
    from kiosk.content.loader import load_exhibit

    Image.frombytes("RGB", (64, 64), random.Random(5).randbytes(64 * 64 * 3)).save(
        content.path("media/map.jpg"), "JPEG"
    )
    point_map_at(content, "media/map.jpg")
    exhibit, report = load_exhibit(content.root, thorough=False)
    assert exhibit is not None, "a whole JPEG passes the quick check"
    data = content.path("media/map.jpg").read_bytes()
    content.write("media/map.jpg", data[: len(data) // 2])
    exhibit, report = load_exhibit(content.root, thorough=False)
    assert exhibit is None
    assert report.errors[0].message == (
        "picture 'media/map.jpg': is damaged or truncated (the end of the JPEG file is missing)"
    )
