"""`kiosk snapshot` renders screens headless to PNG files of the asked size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.helpers.recordings import content_with_recordings


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "snapshot", *args], capture_output=True, text=True, timeout=300, cwd=cwd
    )


def test_snapshot_every_screen_in_one_language(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--lang", "en", "--size", "1280x720", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    screens = (
        "attract",
        "home",
        "idle",
        "timeline",
        "timeline-detail",
        "blason",
        "blason-detail",
        "map",
        "map-detail",
        "map-profile",
        "pillars",
        "pillars-detail",
        "closed",
    )
    for expected in (f"{screen}-en.png" for screen in screens):
        assert expected in names
    with Image.open(tmp_path / "home-en.png") as image:
        assert image.size == (1280, 720)
        # Not a blank frame: a real page has many colours.
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 500


def test_snapshot_refuses_an_unknown_language(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--lang", "de", cwd=tmp_path)
    assert result.returncode == 2
    assert "not offered" in result.stderr


def test_snapshot_of_one_chosen_item_opens_its_card(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--lang", "nl", "--item", "timeline:fermeture-11-19", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.png")) == ["timeline-fermeture-11-19-nl.png"]
    # Another item's card is another picture: the item chosen is really the one opened.
    other = tmp_path / "other"
    assert run("--out", str(other), "--lang", "nl", "--item", "timeline:premiere-mention", cwd=tmp_path).returncode == 0
    with (
        Image.open(tmp_path / "timeline-fermeture-11-19-nl.png") as first,
        Image.open(other / "timeline-premiere-mention-nl.png") as second,
    ):
        assert first.tobytes() != second.tobytes()


def test_snapshot_names_the_items_when_the_one_asked_for_does_not_exist(tmp_path: Path) -> None:
    result = run("--out", str(tmp_path), "--item", "timeline:no-such-event", cwd=tmp_path)
    assert result.returncode == 2
    assert "no item 'no-such-event' in timeline" in result.stderr and "bataille-de-loos" in result.stderr
    result = run("--out", str(tmp_path), "--item", "gallery:x", cwd=tmp_path)
    assert result.returncode == 2 and "no section 'gallery'" in result.stderr


def test_audit_lists_problems_as_lines_and_json(tmp_path: Path) -> None:
    """A folder whose section title is far too long for the home screen: the audit finds what it
    pushes out of place (the tiles keep the room of the longest title, so the leads go down)."""
    import shutil

    from kiosk.paths import default_content_dir

    content = tmp_path / "content"
    shutil.copytree(default_content_dir(), content)
    timeline = content / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(
        text.replace('en: "The town through time"', 'en: "' + "The town through time " * 8 + '"', 1), encoding="utf-8"
    )
    result = run("--audit", "--content", str(content), "--lang", "en", "--screens", "home", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.startswith("home-en: ")]
    assert problems and "audit 1920x1080: " in result.stdout
    result = run(
        "--audit", "--format", "json", "--content", str(content), "--lang", "en", "--screens", "home", cwd=tmp_path
    )
    import json

    report = json.loads(result.stdout)
    assert report["size"] == "1920x1080"
    assert len(report["problems"]) == len(problems)
    assert {problem["screen"] for problem in report["problems"]} == {"home"}


def test_listen_shows_the_text_marked_silently(tmp_path: Path, monkeypatch) -> None:
    """Recordings show their Listen buttons whatever the PC's sound (nothing is heard: the
    null output), and `--listen` presses the screen's first one: the text read is marked."""
    monkeypatch.delenv("KIOSK_AUDIO_OUTPUT", raising=False)
    content, _keys = content_with_recordings(tmp_path / "recorded")
    item = ("--lang", "fr", "--item", "timeline:premiere-mention")
    assert run("--out", str(tmp_path / "plain"), *item, cwd=tmp_path).returncode == 0
    for folder, extra in (("recorded", ()), ("listen", ("--listen",))):
        result = run("--content", str(content), "--out", str(tmp_path / folder), *item, *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "listen").glob("*.png")] == ["timeline-premiere-mention-listen-fr.png"]
    with (
        Image.open(tmp_path / "plain" / "timeline-premiere-mention-fr.png") as plain,
        Image.open(tmp_path / "recorded" / "timeline-premiere-mention-fr.png") as recorded,
        Image.open(tmp_path / "listen" / "timeline-premiere-mention-listen-fr.png") as listening,
    ):
        assert plain.tobytes() != recorded.tobytes(), "the Listen button, on a PC without sound too"
        assert recorded.tobytes() != listening.tobytes(), "the text marked, the button says Pause"
