"""kiosk.yaml: read like content (file:line:col errors), merged with the command line, edited by set-pin."""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from kiosk.commands.settings import run_set_pin, run_validate_config
from kiosk.paths import default_content_dir
from kiosk.services.admin import hash_pin, verify_pin
from kiosk.services.config import (
    ConfigEditError,
    KioskConfig,
    find_config,
    load_config,
    run_settings,
    save_pin_hash,
    with_pin_hash,
)
from tests.helpers.paths import REPO

SAMPLE = REPO / "deploy" / "kiosk.yaml"
FAST = {"n": 2**4, "r": 1, "p": 1}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(tmp_path: Path, text: str) -> list[str]:
    _config, report = load_config(write(tmp_path, text))
    return [problem.format() for problem in report.sorted()]


# -- the sample -------------------------------------------------------------------------------


def test_the_sample_is_valid_and_commented() -> None:
    config, report = load_config(SAMPLE)
    assert report.ok, [p.format() for p in report.problems]
    assert config is not None
    assert config.kiosk_mode is True and config.rotation == 0
    text = SAMPLE.read_text(encoding="utf-8")
    # Every setting of the model is explained in the sample.
    for name in KioskConfig.model_fields:
        assert f"{name}:" in text, name
    assert "kiosk set-pin" in text and "validate-config" in text


def test_the_sample_with_its_commented_lines_switched_on_is_valid(tmp_path: Path) -> None:
    shutil.copytree(default_content_dir(), tmp_path / "content")
    text = SAMPLE.read_text(encoding="utf-8")
    for line in ("content: content", "screen: 0", "timeout_seconds: 90", "countdown_seconds: 10", "log_dir: logs"):
        text = text.replace(f"# {line}", line)
    text = text.replace('# pin_hash: "scrypt$16384$8$1$..."', f'pin_hash: "{hash_pin("1234", **FAST)}"')
    config, report = load_config(write(tmp_path, text))
    assert report.ok, [p.format() for p in report.problems]
    assert config is not None
    assert config.content == tmp_path / "content"
    assert config.log_dir == tmp_path / "logs"
    assert config.screen == 0
    assert config.idle.timeout_seconds == 90
    assert config.admin.pin_hash and verify_pin("1234", config.admin.pin_hash)


# -- problems, with file, line and column ---------------------------------------------------------


def test_a_misspelt_key_says_where_and_what_was_meant(tmp_path: Path) -> None:
    assert messages(tmp_path, "kiosk_mode: true\nrotaton: 90\n") == [
        "kiosk.yaml:2:1: error: unknown key 'rotaton' (did you mean 'rotation'?)"
    ]


def test_a_misspelt_nested_key(tmp_path: Path) -> None:
    assert messages(tmp_path, "idle:\n  timeout_secnds: 60\n") == [
        "kiosk.yaml:2:3: error: unknown key 'timeout_secnds' (did you mean 'timeout_seconds'?)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rotation: 45\n", "kiosk.yaml:1:11: error: 'rotation' should be 0, 90, 180 or 270, not 45"),
        ("fullscreen: maybe\n", "kiosk.yaml:1:13: error: 'fullscreen' should be true or false, not 'maybe'"),
        (
            "idle:\n  timeout_seconds: 5\n",
            "kiosk.yaml:2:20: error: 'idle.timeout_seconds' should be at least 10, not 5",
        ),
        ("screen: -1\n", "kiosk.yaml:1:9: error: 'screen': a screen number starts at 0, not -1"),
        ("admin:\n  pin_hash: 1234\n", "kiosk.yaml:2:13: error: 'admin.pin_hash' should be a text, not 1234"),
        ("admin:\n  pin_hash: '1234'\n", "kiosk.yaml:2:13: error: 'admin.pin_hash': is not a PIN hash written by"),
        ("content: missing-folder\n", "kiosk.yaml:1:10: error: content folder not found:"),
        ("rotation: 90\nrotation: 180\n", "kiosk.yaml:2:1: error: duplicate key 'rotation' (first given at line 1)"),
        ("rotation: [90\n", "kiosk.yaml:2:1: error: YAML syntax error:"),
        ("evil: !!python/object/apply:os.system ['echo']\n", "kiosk.yaml:1:7: error: unsafe or unknown tag"),
        ("\trotation: 90\n", "kiosk.yaml:1:1: error: YAML syntax error: tab character"),
        ("- rotation\n", "kiosk.yaml:1:1: error: kiosk.yaml should hold lines like 'key: value'"),
    ],
    ids=[
        "rotation",
        "bool",
        "range",
        "screen",
        "pin-number",
        "pin-shape",
        "content",
        "duplicate",
        "syntax",
        "tag",
        "tab",
        "list",
    ],
)
def test_each_problem_is_reported_like_content(tmp_path: Path, text: str, expected: str) -> None:
    found = messages(tmp_path, text)
    assert len(found) == 1, found
    assert found[0].startswith(expected), found


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    config, report = load_config(tmp_path / "kiosk.yaml")
    assert config is None
    assert [p.format() for p in report.problems] == ["kiosk.yaml: error: file not found"]


def test_an_empty_file_is_all_defaults(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "# nothing set yet\n"))
    assert report.ok and config == KioskConfig()


def test_a_broken_setting_is_left_out_and_the_others_kept(tmp_path: Path) -> None:
    """A typo in one setting must not unlock the kiosk or drop the content folder."""
    (tmp_path / "content").mkdir()
    config, report = load_config(
        write(tmp_path, "content: content\nkiosk_mode: true\nrotation: 45\nidle:\n  timeout_secnds: 60\n")
    )
    assert len(report.errors) == 2
    assert config is not None
    assert config.kiosk_mode is True
    assert config.content == tmp_path / "content"
    assert config.rotation == 0
    assert config.idle.timeout_seconds is None


def test_an_unreadable_file_gives_no_config(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "rotation: [90\n"))
    assert config is None and not report.ok


def test_relative_paths_start_from_the_files_folder(tmp_path: Path) -> None:
    (tmp_path / "exhibit").mkdir()
    config, report = load_config(write(tmp_path, "content: exhibit\nlog_dir: ../logs\n"))
    assert report.ok and config is not None
    assert config.content == tmp_path / "exhibit"
    assert config.log_dir == tmp_path / "../logs"


def test_screen_by_name(tmp_path: Path) -> None:
    config, report = load_config(write(tmp_path, "screen: HDMI-1\n"))
    assert report.ok and config is not None and config.screen == "HDMI-1"


# -- where kiosk.yaml is looked for -------------------------------------------------------------


def test_find_config_never_looks_in_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "rotation: 90\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert find_config(None) is None
    assert find_config(tmp_path / "other.yaml") == tmp_path / "other.yaml"


def test_find_config_beside_the_frozen_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    executable = tmp_path / "kiosk.exe"
    executable.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    assert find_config(None) is None
    write(tmp_path, "rotation: 90\n")
    assert find_config(None) == tmp_path / "kiosk.yaml"


# -- merging with the command line ---------------------------------------------------------------


def test_kiosk_mode_defaults_to_frozen() -> None:
    assert run_settings(None, frozen=True).kiosk_mode is True
    assert run_settings(None, frozen=True).fullscreen is True
    assert run_settings(None, frozen=False).kiosk_mode is False
    assert run_settings(None, frozen=False).fullscreen is False


def test_command_line_wins_over_the_file(tmp_path: Path) -> None:
    config = KioskConfig(kiosk_mode=True, fullscreen=True, content=tmp_path)
    settings = run_settings(config, kiosk_mode=False, fullscreen=False, content=Path("/other"), frozen=True)
    assert (settings.kiosk_mode, settings.fullscreen, settings.content) == (False, False, Path("/other"))
    settings = run_settings(config, frozen=False)
    assert (settings.kiosk_mode, settings.fullscreen, settings.content) == (True, True, tmp_path)


def test_kiosk_mode_without_fullscreen_when_asked() -> None:
    settings = run_settings(KioskConfig(kiosk_mode=True, fullscreen=False), frozen=False)
    assert settings.kiosk_mode and not settings.fullscreen


def test_idle_override_replaces_each_timing_it_sets() -> None:
    settings = run_settings(KioskConfig.model_validate({"idle": {"countdown_seconds": 20}}), frozen=False)
    policy = settings.idle_policy(90, 10)
    assert (policy.timeout_seconds, policy.countdown_seconds) == (90, 20)


# -- kiosk validate-config ----------------------------------------------------------------------


def test_validate_config_prints_problems_and_exits_1(tmp_path: Path) -> None:
    path = write(tmp_path, "rotaton: 90\n")
    out, err = io.StringIO(), io.StringIO()
    assert run_validate_config(path, out, err) == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "kiosk.yaml:1:1: error: unknown key 'rotaton' (did you mean 'rotation'?)"
    assert lines[-1].endswith("kiosk.yaml : 1 error")


def test_validate_config_on_a_good_file_exits_0(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_validate_config(write(tmp_path, "rotation: 90\n"), out, err) == 0
    assert "valid" in out.getvalue() and "built-in exhibit" in out.getvalue()


def test_validate_config_without_a_file_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    err = io.StringIO()
    assert run_validate_config(None, io.StringIO(), err) == 2
    assert "kiosk validate-config PATH" in err.getvalue()


# -- kiosk set-pin ---------------------------------------------------------------------------------


def pin_of(path: Path) -> str:
    config, report = load_config(path)
    assert report.ok, [p.format() for p in report.problems]
    assert config is not None and config.admin.pin_hash
    return config.admin.pin_hash


def test_set_pin_keeps_every_other_line_of_the_sample(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    shutil.copy(SAMPLE, path)
    before = path.read_text(encoding="utf-8").splitlines()
    out, err = io.StringIO(), io.StringIO()
    assert run_set_pin(path, True, io.StringIO("4321\n"), out, err) == 0, err.getvalue()
    after = path.read_text(encoding="utf-8").splitlines()
    assert verify_pin("4321", pin_of(path))
    added = [line for line in after if line not in before]
    assert len(added) == 1 and added[0].startswith('  pin_hash: "scrypt$')
    assert [line for line in after if line not in added] == before
    # Again: the one line is replaced, nothing else moves.
    assert run_set_pin(path, True, io.StringIO("98765\n"), io.StringIO(), io.StringIO()) == 0
    again = path.read_text(encoding="utf-8").splitlines()
    assert len(again) == len(after)
    assert verify_pin("98765", pin_of(path)) and not verify_pin("4321", pin_of(path))
    assert [a for a, b in zip(after, again, strict=True) if a != b] == added


def test_set_pin_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    assert run_set_pin(path, True, io.StringIO("1234\n"), io.StringIO(), io.StringIO()) == 0
    assert verify_pin("1234", pin_of(path))


def test_set_pin_appends_the_admin_group_and_keeps_comments(tmp_path: Path) -> None:
    path = write(tmp_path, "# my PC\nrotation: 90  # screen on its side\n")
    assert run_set_pin(path, True, io.StringIO("1234\n"), io.StringIO(), io.StringIO()) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my PC\nrotation: 90  # screen on its side\n")
    assert "\nadmin:\n  pin_hash: " in text
    assert verify_pin("1234", pin_of(path))


def test_set_pin_keeps_windows_line_ends_and_a_trailing_comment(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    old = hash_pin("1111", **FAST)
    path.write_bytes(f'rotation: 90\r\nadmin:\r\n    pin_hash: "{old}"  # set on opening day\r\n'.encode())
    assert run_set_pin(path, True, io.StringIO("2222\n"), io.StringIO(), io.StringIO()) == 0
    raw = path.read_bytes().decode()
    assert raw.count("\r\n") == 3 and "\n" not in raw.replace("\r\n", "")
    assert raw.splitlines()[2].startswith('    pin_hash: "scrypt$') and raw.endswith("# set on opening day\r\n")
    assert verify_pin("2222", pin_of(path))


@pytest.mark.parametrize("admin", ["admin:\n", "admin: null\n", "admin: {}\n", "admin:  # staff only\n  # note\n"])
def test_set_pin_fills_an_empty_admin_group(tmp_path: Path, admin: str) -> None:
    path = write(tmp_path, "rotation: 90\n" + admin + "fullscreen: true\n")
    assert run_set_pin(path, True, io.StringIO("1234\n"), io.StringIO(), io.StringIO()) == 0
    assert verify_pin("1234", pin_of(path))
    config, _ = load_config(path)
    assert config is not None and config.rotation == 90 and config.fullscreen is True


def test_set_pin_refuses_a_one_line_admin_group_and_changes_nothing(tmp_path: Path) -> None:
    text = f"admin: {{pin_hash: '{hash_pin('1111', **FAST)}'}}\n"
    path = write(tmp_path, text)
    err = io.StringIO()
    assert run_set_pin(path, True, io.StringIO("2222\n"), io.StringIO(), err) == 1
    assert "one line" in err.getvalue()
    assert path.read_text(encoding="utf-8") == text
    assert list(tmp_path.iterdir()) == [path], "no temporary file left behind"


def test_set_pin_refuses_an_unreadable_file_and_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "rotation: [90\n")
    err = io.StringIO()
    assert run_set_pin(path, True, io.StringIO("2222\n"), io.StringIO(), err) == 1
    assert "kiosk.yaml:2:1: error: YAML syntax error" in err.getvalue()
    assert path.read_text(encoding="utf-8") == "rotation: [90\n"


@pytest.mark.parametrize("pin", ["123", "abcd", "123456789", ""])
def test_set_pin_refuses_a_bad_pin(tmp_path: Path, pin: str) -> None:
    path = write(tmp_path, "rotation: 90\n")
    err = io.StringIO()
    assert run_set_pin(path, True, io.StringIO(pin + "\n"), io.StringIO(), err) == 1
    assert "4 to 8 digits" in err.getvalue()
    assert path.read_text(encoding="utf-8") == "rotation: 90\n"


def test_set_pin_asks_twice_and_refuses_a_mismatch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "rotation: 90\n")
    answers = iter(["1234", "1243"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    err = io.StringIO()
    assert run_set_pin(path, False, io.StringIO(), io.StringIO(), err) == 1
    assert "differ" in err.getvalue()
    answers = iter(["1234", "1234"])
    assert run_set_pin(path, False, io.StringIO(), io.StringIO(), io.StringIO()) == 0
    assert verify_pin("1234", pin_of(path))


def test_set_pin_write_failure_leaves_the_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "rotation: 90\n")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", fail)
    err = io.StringIO()
    assert run_set_pin(path, True, io.StringIO("1234\n"), io.StringIO(), err) == 1
    assert "No space left" in err.getvalue()
    assert path.read_text(encoding="utf-8") == "rotation: 90\n"
    assert list(tmp_path.iterdir()) == [path]


def test_with_pin_hash_refuses_what_it_cannot_edit() -> None:
    with pytest.raises(ConfigEditError):
        with_pin_hash("admin: {pin_hash: x}\n", "h")


def test_save_pin_hash_refuses_anything_but_a_hash(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        save_pin_hash(tmp_path / "kiosk.yaml", "1234")


def test_screen_care_reaches_the_run_settings(tmp_path: Path) -> None:
    from kiosk.services.screencare import ScreenCare

    config, report = load_config(write(tmp_path, "screen_care:\n  shift_pixels: 0\n  dim_after_minutes: 45\n"))
    assert report.ok, [p.format() for p in report.problems]
    assert run_settings(config, frozen=False).screen_care == ScreenCare(0, 3.0, 45.0, 0.5)
    config, report = load_config(write(tmp_path, "screen_care:\n  # all commented, as in the sample\n"))
    assert report.ok and run_settings(config, frozen=False).screen_care == ScreenCare()


def test_screen_care_mistakes_are_placed(tmp_path: Path) -> None:
    assert messages(tmp_path, "screen_care:\n  dim_to: 0\n  shift_pixels: 50\n") == [
        "kiosk.yaml:2:11: error: 'screen_care.dim_to' should be at least 0.1, not 0",
        "kiosk.yaml:3:17: error: 'screen_care.shift_pixels' should be at most 20, not 50",
    ]
