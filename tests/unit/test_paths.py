"""kiosk/paths.py: finding kiosk.yaml costs the supervisor nothing (no settings reader loaded)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.paths import REPO


def test_looking_for_kiosk_yaml_loads_neither_pydantic_nor_the_settings_reader() -> None:
    """The supervisor asks kiosk.paths.find_config first, and reads kiosk.yaml (with pydantic
    and the content schema) only when there is one: it starts the exhibit sooner."""
    code = (
        "import sys; from kiosk.paths import find_config; assert find_config(None) is None; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic' or m == 'kiosk.services.config'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "[]"


def test_the_settings_reader_still_offers_find_config() -> None:
    from kiosk import paths
    from kiosk.services import config

    assert config.find_config is paths.find_config
    assert config.CONFIG_FILE == paths.CONFIG_FILE == "kiosk.yaml"


def test_kiosk_yaml_is_looked_for_beside_the_one_file_not_its_unpacked_program(tmp_path, monkeypatch) -> None:
    """The Linux one file runs its program from the folder it unpacked into and says where it
    is itself (KIOSK_ONE_FILE): kiosk.yaml is the one beside it, where the installer put it."""
    from kiosk import paths

    installed = tmp_path / "opt" / "kiosk"
    installed.parent.mkdir()
    installed.write_bytes(b"")
    (installed.parent / "kiosk.yaml").write_text("language: fr\n", encoding="utf-8")
    unpacked = tmp_path / "cache" / "kiosk-0.1.0-abc" / "kiosk"
    unpacked.parent.mkdir(parents=True)
    unpacked.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(unpacked))
    monkeypatch.delenv(paths.ONE_FILE_ENVIRONMENT, raising=False)
    assert paths.find_config(None) is None  # nothing beside the unpacked program
    monkeypatch.setenv(paths.ONE_FILE_ENVIRONMENT, str(installed))
    assert paths.installed_executable() == installed.resolve()
    assert paths.find_config(None) == installed.parent.resolve() / "kiosk.yaml"


def test_the_one_file_setting_counts_only_in_the_executable(tmp_path, monkeypatch) -> None:
    """From source, KIOSK_ONE_FILE (left over in a terminal) changes nothing."""
    from kiosk import paths

    monkeypatch.setenv(paths.ONE_FILE_ENVIRONMENT, str(tmp_path / "kiosk"))
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.installed_executable() == Path(sys.executable).resolve()


def test_where_the_program_runs_from_is_said_for_each_build(tmp_path, monkeypatch) -> None:
    """`kiosk doctor` and `--self-test` say which build runs and where it was unpacked."""
    from kiosk import paths

    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.program_location().startswith("from source, ")
    program = tmp_path / "cache" / "kiosk-0.1.0-abc"
    (program / "_internal").mkdir(parents=True)
    (program / "kiosk").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "kiosk"))
    monkeypatch.setattr(sys, "_MEIPASS", str(program / "_internal"), raising=False)
    monkeypatch.delenv(paths.ONE_FILE_ENVIRONMENT, raising=False)
    assert paths.program_location().startswith("frozen, one folder: ")
    monkeypatch.setenv(paths.ONE_FILE_ENVIRONMENT, str(tmp_path / "opt" / "kiosk"))
    assert paths.program_location() == (
        f"frozen, one file: {(tmp_path / 'opt' / 'kiosk').resolve()}, unpacked once in {program}"
    )
