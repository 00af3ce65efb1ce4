"""kiosk.yaml's `analytics` block: defaults, values, and bad values at their line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.commands.settings import run_validate_config
from kiosk.services.analytics import RecordSettings
from kiosk.services.config import load_config, run_settings


def test_the_record_is_on_by_default_for_400_days_and_200_mb() -> None:
    assert run_settings(None, frozen=False).analytics == RecordSettings(True, 400, 200)


def test_the_settings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("analytics:\n  enabled: false\n  retention_days: 90\n  max_mb: 50\n", encoding="utf-8")
    config, report = load_config(path)
    assert report.ok
    assert run_settings(config, frozen=False).analytics == RecordSettings(False, 90, 50)


def test_an_empty_group_is_the_defaults(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text("analytics:\n  # enabled: true\n", encoding="utf-8")
    config, report = load_config(path)
    assert report.ok and config is not None and config.analytics.enabled


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "analytics:\n  retention_days: 0\n",
            "kiosk.yaml:2:19: error: 'analytics.retention_days' should be at least 1",
        ),
        ("analytics:\n  max_mb: lots\n", "kiosk.yaml:2:11: error: 'analytics.max_mb' should be a number"),
        ("analytics:\n  enabled: perhaps\n", "kiosk.yaml:2:12: error: 'analytics.enabled' should be true or false"),
        ("analytics:\n  retension_days: 30\n", "kiosk.yaml:2:3: error: unknown key 'retension_days'"),
    ],
    ids=["range", "number", "bool", "misspelt"],
)
def test_validate_config_reports_bad_values_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run_validate_config(path, out, err)
    assert code != 0
    assert expected in out.getvalue() + err.getvalue(), out.getvalue() + err.getvalue()
