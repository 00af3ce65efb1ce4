"""`kiosk keys new`, `kiosk pack`, `kiosk inspect`, `kiosk unpack`: what a curator and an
installer type, and the exit codes 0 / 1 / 2 scripts rely on."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kiosk.cli import main
from kiosk.commands.bundle import EXIT_USAGE

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def signed(content: ContentFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    """(the bundle signed by 'regie', a kiosk.yaml trusting 'regie' as `keys new` said)."""
    code, out, _err = run(capsys, "keys", "new", "regie", "--dir", str(tmp_path))
    assert code == 0
    assert stat.S_IMODE((tmp_path / "regie.key").stat().st_mode) == 0o600
    pasted = out[out.index("trusted_keys:") :]
    config = tmp_path / "kiosk.yaml"
    config.write_text(pasted, encoding="utf-8")
    bundle = tmp_path / "expo.kiosk"
    code, out, err = run(capsys, "pack", str(content.root), "-o", str(bundle), "--sign", str(tmp_path / "regie.key"))
    assert code == 0, err
    assert out.startswith("packed ") and "(signed with regie.key)" in out
    return bundle, config


def test_the_round_trip_a_curator_and_an_installer_type(
    signed: tuple[Path, Path], content: ContentFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, config = signed
    code, out, _err = run(capsys, "inspect", str(bundle), "--config", str(config))
    assert code == 0
    assert "signature: valid, by the trusted key 'regie'" in out
    assert "hashes: every file matches its SHA-256" in out
    code, out, err = run(capsys, "unpack", str(bundle), str(tmp_path / "new"), "--config", str(config))
    assert code == 0, err
    assert "signed by 'regie'" in out
    assert sorted(p.relative_to(tmp_path / "new") for p in (tmp_path / "new").rglob("*")) == sorted(
        p.relative_to(content.root) for p in content.root.rglob("*")
    )


def test_a_key_the_kiosk_does_not_trust_exits_1(
    signed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, _config = signed
    other = tmp_path / "other"
    other.mkdir()
    run(capsys, "keys", "new", "bureau", "--dir", str(other))
    (tmp_path / "other.yaml").write_text(
        'trusted_keys:\n  - {name: bureau, key: "' + (other / "bureau.pub").read_text().split()[-1] + '"}\n'
    )
    code, out, _err = run(capsys, "inspect", str(bundle), "--config", str(tmp_path / "other.yaml"))
    assert code == 1 and "refused: It is signed by a key this kiosk does not trust" in out
    code, _out, err = run(capsys, "unpack", str(bundle), str(tmp_path / "x"), "--config", str(tmp_path / "other.yaml"))
    assert code == 1 and err.startswith("kiosk unpack: It is signed by a key this kiosk does not trust")
    assert not (tmp_path / "x").exists()


def test_unsigned_is_refused_when_a_signature_is_required(
    content: ContentFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "plain.kiosk"
    assert run(capsys, "pack", str(content.root), "-o", str(bundle))[0] == 0
    code, _out, err = run(capsys, "unpack", str(bundle), str(tmp_path / "x"), "--require-signature")
    assert code == 1 and "not signed" in err


def test_a_broken_trusted_keys_list_refuses_rather_than_trusting_nothing(
    signed: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle, config = signed
    config.write_text('trusted_keys:\n  - {name: regie, key: "AAAA"}\n', encoding="utf-8")
    code, _out, err = run(capsys, "unpack", str(bundle), str(tmp_path / "x"), "--config", str(config))
    assert code == 1 and "trusted_keys has an error" in err


def test_pack_refuses_an_invalid_folder_with_exit_1(
    content: ContentFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content.write("exhibit.yaml", "title: [\n")
    code, _out, err = run(capsys, "pack", str(content.root), "-o", str(tmp_path / "x.kiosk"))
    assert code == 1 and "`kiosk validate` reports" in err
    assert not (tmp_path / "x.kiosk").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["pack", "no-such-folder", "-o", "x.kiosk"],
        ["pack", "."],  # no -o
        ["keys"],
        ["keys", "new"],
        ["inspect"],
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *args)[0] == EXIT_USAGE == 2


def test_a_key_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "keys", "new", "regie", "--dir", str(tmp_path))[0] == 0
    before = (tmp_path / "regie.key").read_bytes()
    code, _out, err = run(capsys, "keys", "new", "regie", "--dir", str(tmp_path))
    assert code == 1 and "never overwritten" in err
    assert (tmp_path / "regie.key").read_bytes() == before
