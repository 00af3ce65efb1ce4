"""`kiosk run --config kiosk.yaml`: the settings reach the scene; a broken file still opens the exhibit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.paths import default_content_dir
from kiosk.services.admin import hash_pin, verify_pin
from tests.helpers.run import Run


def test_the_settings_of_kiosk_yaml_reach_the_exhibit(run: Run, tmp_path: Path) -> None:
    shutil.copytree(default_content_dir(), tmp_path / "exhibit")
    stored = hash_pin("1357", n=16, r=1, p=1)
    (tmp_path / "kiosk.yaml").write_text(
        f"content: exhibit\nrotation: 90\nkiosk_mode: false\nidle:\n  countdown_seconds: 20\n"
        f"admin:\n  pin_hash: '{stored}'\nlog_dir: logs\n",
        encoding="utf-8",
    )
    assert main(["--config", str(tmp_path / "kiosk.yaml"), "--size", "1280x720"]) == 0
    assert run.kwargs["rotation"] == 90 and run.kwargs["kiosk_mode"] is False
    assert run.seen["status"] == "ready"
    assert run.seen["rotation"] == 90
    assert run.seen["idle"] == (20,)
    assert run.seen["pin"] and verify_pin("1357", run.seen["pin_hash"])
    assert run.seen["problems"] == []
    assert (tmp_path / "logs" / "kiosk.log").is_file()
    assert str(tmp_path / "exhibit") in (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")


def test_a_broken_kiosk_yaml_still_opens_the_exhibit_and_says_why(run: Run, tmp_path: Path) -> None:
    (tmp_path / "kiosk.yaml").write_text("rotaton: 90\nkiosk_mode: false\nlog_dir: logs\n", encoding="utf-8")
    assert main(["run", "--config", str(tmp_path / "kiosk.yaml"), "--size", "1280x720"]) == 0
    assert run.seen["status"] == "ready"
    assert run.seen["problems"] == ["kiosk.yaml:1:1: error: unknown key 'rotaton' (did you mean 'rotation'?)"]
    assert run.kwargs["kiosk_mode"] is False, "the good settings are kept"
    log = (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk.yaml:1:1: error: unknown key 'rotaton'" in log


def test_an_unreadable_kiosk_yaml_gives_the_defaults(run: Run, tmp_path: Path) -> None:
    (tmp_path / "kiosk.yaml").write_text("rotation: [90\n", encoding="utf-8")
    assert main(["run", "--config", str(tmp_path / "kiosk.yaml"), "--no-kiosk", "--size", "1280x720"]) == 0
    assert run.seen["status"] == "ready"
    assert run.kwargs["rotation"] == 0
    assert run.seen["problems"] and "YAML syntax error" in run.seen["problems"][0]


def test_the_command_line_switches_kiosk_mode(run: Run) -> None:
    assert main(["--kiosk", "--no-fullscreen", "--size", "1280x720"]) == 0
    assert run.kwargs["kiosk_mode"] is True and run.kwargs["fullscreen"] is False
    assert run.seen["lockdown"]
    assert main(["--size", "1280x720"]) == 0
    assert run.kwargs["kiosk_mode"] is False, "from source, kiosk mode is off by default"
    assert not run.seen["lockdown"]


def test_kiosk_validate_config_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("idle:\n  timeout_secnds: 60\n", encoding="utf-8")
    assert main(["validate-config", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "kiosk.yaml:2:3: error: unknown key 'timeout_secnds' (did you mean 'timeout_seconds'?)"
    )


def test_kiosk_set_pin_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    path = tmp_path / "kiosk.yaml"
    monkeypatch.setattr("sys.stdin", io.StringIO("918273\n"))
    assert main(["set-pin", "--config", str(path), "--pin-stdin"]) == 0
    assert "pin_hash" in path.read_text(encoding="utf-8")
