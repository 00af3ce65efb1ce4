"""kiosk.yaml's trusted_keys: a list of {name, key}, each key 32 bytes of base64, said at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.services.config import load_config

KEY_A = "WlURvu6sJ5Hh3mtroXHmht4mfNOMKTdlLUagceMgKW0="
KEY_B = "Xq2Vb8mqJ3rF0n0XG0l3x9J6fHcP8G6rQ1y4aYzZ0AE="


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "kiosk.yaml"
    path.write_text(text, encoding="utf-8")
    return [problem.format() for problem in load_config(path)[1].sorted()]


def test_keys_are_read_with_their_names(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.yaml"
    path.write_text(f'trusted_keys:\n  - {{name: regie, key: "{KEY_A}"}}\n  - name: bureau\n    key: {KEY_B}\n')
    config, report = load_config(path)
    assert report.ok and config is not None
    assert [(entry.name, len(entry.raw)) for entry in config.trusted_keys] == [("regie", 32), ("bureau", 32)]


def test_an_empty_list_or_none_trusts_nothing(tmp_path: Path) -> None:
    for text in ("", "trusted_keys:\n", "trusted_keys: []\n"):
        path = tmp_path / "kiosk.yaml"
        path.write_text(text, encoding="utf-8")
        config, report = load_config(path)
        assert report.ok and config is not None and config.trusted_keys == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'trusted_keys:\n  - {name: a, key: "not base64!"}\n',
            "kiosk.yaml:2:20: error: 'trusted_keys.1.key': is not a key written in base64",
        ),
        (
            'trusted_keys:\n  - {name: a, key: "AAAA"}\n',
            "kiosk.yaml:2:20: error: 'trusted_keys.1.key': decodes to 3 bytes where a public key has 32",
        ),
        (
            f'trusted_keys:\n  - {{name: a, key: "{KEY_A}"}}\n  - {{name: a, key: "{KEY_B}"}}\n',
            "kiosk.yaml:2:3: error: 'trusted_keys': the name 'a' is given to two keys",
        ),
        (
            f'trusted_keys:\n  - {{name: a, key: "{KEY_A}"}}\n  - {{name: b, key: "{KEY_A}"}}\n',
            "kiosk.yaml:2:3: error: 'trusted_keys': the same key is listed twice, as 'a' and 'b'",
        ),
        ("trusted_keys:\n  - {nom: a}\n", "kiosk.yaml:2:5: error: missing required key 'key' in 'trusted_keys.1'"),
    ],
    ids=["base64", "length", "same-name", "same-key", "missing"],
)
def test_a_bad_key_is_said_at_its_line(tmp_path: Path, text: str, expected: str) -> None:
    found = problems(tmp_path, text)
    assert any(line.startswith(expected) for line in found), found
    config = load_config(tmp_path / "kiosk.yaml")[0]
    assert config is not None and config.trusted_keys == ()  # a broken list is dropped, never half-read
