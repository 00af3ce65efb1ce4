"""Every SVG is drawn once, in a worker process that is killed when it takes too long, before
the exhibit may draw it (kiosk.content.svgtrial, kiosk.bridge.svgworker)."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.content import svgtrial
from kiosk.content.loader import load_exhibit
from kiosk.content.pictureuse import exhibit_pictures
from kiosk.paths import default_content_dir
from kiosk.services.picturecache import ImageCache, cached_media_path
from tests.helpers.paths import REPO

STARTER = REPO / "kiosk" / "content" / "starter"
DEFAULT_SVG = default_content_dir() / "media" / "pillars.svg"


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    svgtrial.forget()
    yield
    svgtrial.forget()


@pytest.fixture
def workers(monkeypatch: pytest.MonkeyPatch) -> list[svgtrial._Worker]:
    """Every worker process the trials start."""
    started: list[svgtrial._Worker] = []
    start = svgtrial._Worker.start

    def recorded(command: list[str], limit_s: float) -> svgtrial._Worker | str:
        worker = start(command, limit_s)
        if not isinstance(worker, str):
            started.append(worker)
        return worker

    monkeypatch.setattr(svgtrial._Worker, "start", staticmethod(recorded))
    return started


def copy(tmp_path: Path, source: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(source, target)
    return target


def test_a_drawing_of_the_exhibit_is_drawn_once_at_the_largest_size_and_remembered(
    tmp_path: Path, workers: list[svgtrial._Worker]
) -> None:
    store = tmp_path / "svg-trials.json"
    picture = copy(tmp_path, DEFAULT_SVG, "pillars.svg")
    verdict = svgtrial.Trials(store=store).judge([picture])[picture]
    assert verdict is not None and verdict.ok, verdict
    assert verdict.size[0] >= 3840 and verdict.size[1] >= 2160  # covers a 4K screen
    assert len(workers) == 1 and workers[0].alive  # it waits a while for more pictures
    assert svgtrial.known(picture) == verdict and svgtrial.allowed(picture)
    assert json.loads(store.read_text())["verdicts"]

    # Another process (its memory empty) reads the record: nothing is drawn again.
    svgtrial.forget()
    again = svgtrial.Trials(store=store, command=["no-such-program-for-kiosk-tests"]).judge([picture])[picture]
    assert again == verdict and len(workers) == 1


def test_a_drawing_that_takes_too_long_is_refused_and_its_worker_killed(
    tmp_path: Path, workers: list[svgtrial._Worker]
) -> None:
    slow = copy(tmp_path, DEFAULT_SVG, "slow.svg")
    other = tmp_path / "other.svg"
    other.write_text(DEFAULT_SVG.read_text(encoding="utf-8") + "\n<!-- another file -->\n", encoding="utf-8")
    # No drawing at 4K comes back within a millisecond: both are refused, each by its own worker.
    verdicts = svgtrial.Trials(limit_s=0.001).judge([slow, other])
    for path in (slow, other):
        verdict = verdicts[path]
        assert verdict is not None and not verdict.ok
        assert "takes longer than 0.001 s to draw" in verdict.why and "save it as a PNG" in verdict.why
    assert len(workers) == 2
    assert all(not worker.alive for worker in workers)  # killed, not left drawing


def test_display_code_is_told_not_to_show_a_refused_drawing_and_the_log_says_it_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    picture = copy(tmp_path, DEFAULT_SVG, "slow.svg")
    assert cached_media_path(tmp_path, "slow.svg", "screen") == picture  # never tried: the static checks held it
    svgtrial.Trials(limit_s=0.001).judge([picture])
    with caplog.at_level(logging.ERROR, logger="kiosk.content.svgtrial"):
        assert cached_media_path(tmp_path, "slow.svg", "screen") is None
        assert cached_media_path(tmp_path, "slow.svg", "card") is None
    said = [r.getMessage() for r in caplog.records if "is not shown" in r.getMessage()]
    assert len(said) == 1 and "slow.svg" in said[0] and "takes longer than" in said[0]


def test_proportions_too_extreme_to_fill_a_screen_are_refused_before_drawing(tmp_path: Path) -> None:
    strip = tmp_path / "strip.svg"
    strip.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10000" height="10" viewBox="0 0 10000 10">'
        '<rect width="10000" height="10"/></svg>',
        encoding="utf-8",
    )
    verdict = svgtrial.Trials().judge([strip])[strip]
    assert verdict is not None and not verdict.ok
    assert "proportions (10000 by 10) are so extreme" in verdict.why


def test_without_a_worker_nothing_is_refused_and_the_reason_is_kept(tmp_path: Path) -> None:
    picture = copy(tmp_path, DEFAULT_SVG, "pillars.svg")
    trials = svgtrial.Trials(command=["no-such-program-for-kiosk-tests"])
    assert trials.judge([picture]) == {picture: None}
    assert "cannot start" in trials.worker_problem
    assert svgtrial.allowed(picture)


def test_a_damaged_record_is_set_aside_and_the_drawings_tried_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = tmp_path / "svg-trials.json"
    store.write_text("{not json", encoding="utf-8")
    picture = copy(tmp_path, DEFAULT_SVG, "pillars.svg")
    with caplog.at_level(logging.WARNING, logger="kiosk.content.svgtrial"):
        verdict = svgtrial.Trials(store=store).judge([picture])[picture]
    assert verdict is not None and verdict.ok
    assert any("cannot be read" in r.getMessage() for r in caplog.records)
    assert json.loads(store.read_text())["version"] == svgtrial.VERSION


def test_validate_reports_a_drawing_too_slow_at_its_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(STARTER, folder)
    exhibit, report = load_exhibit(folder)
    assert exhibit is not None, report.errors  # its drawings pass at the usual limit
    svgtrial.forget()
    monkeypatch.setattr(svgtrial, "TIME_LIMIT_S", 0.001)
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("KIOSK_IMAGE_CACHE", str(tmp_path / "cache"))  # no record of the first run
    exhibit, report = load_exhibit(folder, thorough=False)  # start-up: no trial
    assert exhibit is not None
    exhibit, report = load_exhibit(folder)
    errors = [p for p in report.errors if "takes longer than" in p.message]
    assert exhibit is None
    pillars = [p for p in errors if p.file == "pillars.yaml"]
    assert pillars and pillars[0].line > 0
    assert pillars[0].message.startswith("picture 'media/paysage.svg': takes longer than 0.001 s to draw")


def test_the_start_up_preparation_refuses_a_slow_drawing_a_swap_let_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "content"
    shutil.copytree(STARTER, folder)
    exhibit, _ = load_exhibit(folder, thorough=False)  # what the kiosk does when it starts
    assert exhibit is not None
    monkeypatch.setattr(svgtrial, "TIME_LIMIT_S", 0.001)
    pictures = {path: uses for path, uses in exhibit_pictures(exhibit).items() if path.name == "paysage.svg"}
    summary = ImageCache(tmp_path / "cache").ensure(pictures)
    assert len(summary.refused) == 1 and "paysage.svg: takes longer than" in summary.refused[0]
    assert cached_media_path(folder, "media/paysage.svg", "screen") is None
    assert cached_media_path(folder, "media/blason.svg", "card") == folder / "media" / "blason.svg"
    assert (tmp_path / "cache" / svgtrial.STORE_FILE).is_file()


def test_a_swap_refuses_a_use_bomb_at_once_and_never_draws_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder that skipped `kiosk validate`, its landscape replaced by a 3 KB drawing of a
    thousand million rectangles: the swap's full check refuses it from its structure, and
    no process is ever asked to draw it."""
    from kiosk.services.lastgood import LastGoodStore
    from kiosk.services.swap import Intake
    from kiosk.services.watch import fingerprint
    from tests.helpers.svg import SVG, use_bomb

    folder = tmp_path / "content"
    shutil.copytree(STARTER, folder)
    (folder / "media" / "paysage.svg").write_text(
        SVG.format(size='viewBox="0 0 100 100"', body=use_bomb(levels=9)), encoding="utf-8"
    )
    asked: list[str] = []
    ask = svgtrial._Worker.ask

    def recorded(self: svgtrial._Worker, path: Path, boxes: object, limit_s: float) -> svgtrial.Verdict | None:
        asked.append(path.name)
        return ask(self, path, boxes, limit_s)  # type: ignore[arg-type]

    monkeypatch.setattr(svgtrial._Worker, "ask", recorded)
    result = Intake(folder, LastGoodStore(tmp_path / "store")).take(fingerprint(folder))
    assert result.exhibit is None
    refused = [p for p in result.report.errors if "paysage.svg': is too heavy to draw" in p.message]
    assert refused and refused[0].line > 0
    assert asked == ["blason.svg"]  # the arms are tried; the bomb never reaches a drawing


def test_a_waiting_worker_is_used_again_then_ends_by_itself(
    tmp_path: Path, workers: list[svgtrial._Worker], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = copy(tmp_path, DEFAULT_SVG, "first.svg")
    second = tmp_path / "second.svg"
    second.write_text(DEFAULT_SVG.read_text(encoding="utf-8") + "\n<!-- saved again -->\n", encoding="utf-8")
    svgtrial.Trials().judge([first])
    monkeypatch.setattr(svgtrial, "KEEP_ALIVE_S", 0.2)
    verdict = svgtrial.Trials().judge([second])[second]
    assert verdict is not None and verdict.ok
    assert len(workers) == 1  # the same process drew both
    assert workers[0].closed.wait(10) and not workers[0].alive  # then ended, nobody asking
