"""`kiosk doctor` end to end, offscreen: the report, its exit code, its JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kiosk.cli import main

LINE = re.compile(r"^(OK|WARN|FAIL)\s+(\S.*?)\s{2,}(\S.*)$")


def doctor(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, tuple[str, str]], list[str]]:
    code = main(["doctor", *args])
    lines = capsys.readouterr().out.splitlines()
    checks = {}
    for line in lines[:-1]:
        match = LINE.match(line)
        assert match, f"not a report line: {line!r}"
        checks[match.group(2)] = (match.group(1), match.group(3))
    return code, checks, lines


def test_a_sound_machine_is_ready(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, checks, lines = doctor(capsys, "--log-dir", str(tmp_path / "logs"))
    assert code == 0
    assert list(checks) == [
        "kiosk",
        "screens",
        "graphics",
        "fonts",
        "content",
        "logs",
        "cache",
        "data",
        "disk (logs)",
        "crash reports",
        "hours",
    ]
    assert checks["screens"][0] == "WARN" and "Qt platform 'offscreen': not a real screen" in checks["screens"][1]
    assert checks["graphics"] == (
        "WARN",
        "drawn by the processor: Qt Quick's software renderer (QT_QUICK_BACKEND=software); "
        "it works, but animations are slower on a real kiosk (no real screen here)",
    )
    assert checks["fonts"][0] == "OK" and "Inter" in checks["fonts"][1] and "Roboto Slab" in checks["fonts"][1]
    assert checks["content"][0] == "OK" and checks["content"][1].endswith(" : valid")
    assert checks["logs"] == ("OK", f"{tmp_path / 'logs'} is writable")
    assert checks["data"][0] == "OK" and checks["data"][1].endswith("base1119-kiosk is writable")
    assert checks["hours"] == ("OK", "always open (no kiosk.yaml found; `kiosk doctor --config PATH` reads one)")
    assert lines[-1] == "ready (2 warning(s))."


def test_the_hours_of_the_kiosk_yaml_given(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.yaml"
    config.write_text("opening_hours:\n  timezone: Europe/Paris\n  mon: ['09:30-18:00']\n", encoding="utf-8")
    code, checks, _lines = doctor(capsys, "--log-dir", str(tmp_path / "logs"), "--config", str(config))
    assert code == 0
    status, detail = checks["hours"]
    assert status == "OK" and re.fullmatch(
        r"(open now, closes at 18:00 \(Mon \d+ \w+\); opens again at 09:30 \(Mon \d+ \w+\)|"
        r"closed now, opens at 09:30 \(Mon \d+ \w+\); closes at 18:00 \(Mon \d+ \w+\)); "
        r"today (09:30-18:00|closed); times in Europe/Paris \(CES?T\)",
        detail,
    ), detail
    config.write_text("opening_hours:\n  mon: ['09:30-25:00']\n", encoding="utf-8")
    code, checks, _lines = doctor(capsys, "--log-dir", str(tmp_path / "logs"), "--config", str(config))
    assert code == 0, "a WARN, not a FAIL: the kiosk opens, around the clock"
    assert checks["hours"][0] == "WARN" and checks["hours"][1].startswith("always open: opening_hours in kiosk.yaml")


def test_bad_content_is_blocking(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "content"
    broken.mkdir()
    (broken / "exhibit.yaml").write_text("format: 1\ntitle: [unclosed\n", encoding="utf-8")
    code, checks, lines = doctor(capsys, "--content", str(broken), "--log-dir", str(tmp_path / "logs"))
    assert code == 1
    assert checks["content"][0] == "FAIL"
    assert checks["content"][1].startswith(f"{broken.as_posix()}/ : 1 error")
    assert lines[-1].startswith("1 blocking problem(s)")


def test_an_unwritable_log_folder_is_blocking(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    code, checks, _lines = doctor(capsys, "--log-dir", str(blocker))
    assert code == 1
    assert checks["logs"][0] == "FAIL"
    assert checks["logs"][1].startswith(f"cannot write in {blocker}: ")


def test_json_for_tools(qapp: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["doctor", "--format", "json", "--log-dir", str(blocker)])
    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert result["ok"] is False
    statuses = {check["check"]: check["status"] for check in result["checks"]}
    assert statuses["logs"] == "FAIL"
    assert statuses["content"] == "OK"
    assert set(result["checks"][0]) == {"status", "check", "detail"}
