"""A USB stick with a content bundle, plugged into a running exhibit (a tmp folder plays the stick):
a trusted signature goes in through the last-known-good swap, anything else waits for staff's
PIN on the admin screen, and a stick pulled out half-way changes nothing."""

from __future__ import annotations

import errno
import logging
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from nacl.signing import SigningKey

from kiosk.bridge.engine import Scene
from kiosk.bridge.reload import ExhibitionSwapper
from kiosk.bridge.scenetools import settled, wait_until
from kiosk.bridge.status import StatusReporter
from kiosk.bridge.usb import UsbUpdates
from kiosk.cli import main
from kiosk.services.bundle import pack
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.status import StatusBoard, read_status
from kiosk.services.trust import TrustedKey, encode_key
from kiosk.services.usb import UsbIntake
from tests.helpers.admin import open_admin
from tests.helpers.content import copy_content
from tests.helpers.run import Run
from tests.helpers.scene import shown
from tests.helpers.watched import watched_exhibit

SWAP_MS = 15_000
OLD_TITLE = "Loos-en-Gohelle, l’art de renaître"
NEW_TITLE = "Loos-en-Gohelle, une nouvelle exposition"
REGIE = SigningKey(b"r" * 32)
TRUST_REGIE = (TrustedKey(name="regie", key=encode_key(bytes(REGIE.verify_key))),)


@dataclass
class Kiosk:
    scene: Scene
    usb: UsbUpdates
    intake: UsbIntake
    store: LastGoodStore
    stick: Path
    status_file: Path


@pytest.fixture
def kiosk_with_stick(qtbot: object, _fonts: list[str], tmp_path: Path) -> Iterator[Callable[..., Kiosk]]:
    """What `kiosk run --content DIR` builds with kiosk.yaml's trusted_keys, the drives being one tmp folder."""
    made: list[tuple[Kiosk, ExhibitionSwapper, StatusReporter]] = []

    def factory(trusted: tuple[TrustedKey, ...] = TRUST_REGIE) -> Kiosk:
        watched = watched_exhibit(tmp_path)
        scene, swapper, admin, store = watched.scene, watched.swapper, watched.admin, watched.store
        status_file = tmp_path / "data" / "status.json"
        status = StatusReporter(StatusBoard(status_file), scene.host)
        stick = tmp_path / "media" / "STICK"
        stick.mkdir(parents=True)
        intake = UsbIntake(tmp_path / "data" / "usb-intake", trusted, drives=lambda: [stick])
        usb = UsbUpdates(intake, swapper, look_every_ms=100, report=status.usb)
        admin.set_usb(usb)
        kiosk = Kiosk(scene, usb, intake, store, stick, status_file)
        made.append((kiosk, swapper, status))
        swapper.start()
        status.start()
        usb.start()
        assert wait_until(lambda: settled(scene.window)), "the scene did not settle"
        return kiosk

    yield factory
    for kiosk, swapper, status in made:
        kiosk.usb.stop()
        swapper.stop()
        status.stop()
        kiosk.scene.close()


def new_bundle(tmp_path: Path, out: Path, key: SigningKey | None) -> Path:
    """The default exhibit under a new title, packed (signed with `key`) where the test says."""
    other = tmp_path / "curator"
    other.mkdir(exist_ok=True)
    folder = copy_content(other, lambda text: text.replace(OLD_TITLE, NEW_TITLE, 1))
    bundle = tmp_path / out.name
    pack(folder, bundle, key)
    return bundle


def plug(bundle: Path, stick: Path) -> None:
    """The bundle appears on the stick whole, as when a stick is plugged in."""
    (stick / bundle.name).write_bytes(bundle.read_bytes())


def test_a_bundle_signed_by_a_trusted_key_is_swapped_in_and_taken_once(kiosk_with_stick, tmp_path: Path) -> None:
    kiosk = kiosk_with_stick()
    before = kiosk.store.current()
    plug(new_bundle(tmp_path, Path("expo.kiosk"), REGIE), kiosk.stick)

    assert wait_until(lambda: kiosk.scene.kiosk.title == NEW_TITLE, SWAP_MS), kiosk.usb.detail
    assert wait_until(lambda: kiosk.usb.state == "shown", SWAP_MS), kiosk.usb.state
    current = kiosk.store.current()
    assert current is not None and current != before
    assert current.source.startswith("USB stick expo.kiosk") and "signed by 'regie'" in current.source
    assert kiosk.scene.kiosk.backdrop.startswith(f"file://{current.content}/"), "shown from the checked copy"

    def status_says_shown() -> bool:
        data = read_status(kiosk.status_file) or {}
        return (data.get("usb") or {}).get("state") == "shown" and data["content"]["title"] == NEW_TITLE

    assert wait_until(status_says_shown, SWAP_MS)
    # Left plugged in: looked at again and again, never taken again.
    looks = kiosk.intake.scan
    count: list[int] = []
    kiosk.intake.scan = lambda: count.append(1) or looks()  # type: ignore[method-assign]
    assert wait_until(lambda: len(count) >= 5, SWAP_MS)
    assert kiosk.store.current() == current and kiosk.usb.state == "shown"


def test_an_unsigned_bundle_is_refused_logged_and_waits_for_the_pin(
    kiosk_with_stick, tmp_path: Path, tap, caplog: pytest.LogCaptureFixture
) -> None:
    kiosk = kiosk_with_stick()
    before = kiosk.store.current()
    with caplog.at_level(logging.WARNING):
        plug(new_bundle(tmp_path, Path("inconnu.kiosk"), None), kiosk.stick)
        assert wait_until(lambda: kiosk.usb.state == "needs_pin", SWAP_MS), kiosk.usb.detail
    assert any("inconnu.kiosk" in r.getMessage() and "it is not signed" in r.getMessage() for r in caplog.records)
    assert kiosk.scene.kiosk.title == OLD_TITLE and kiosk.store.current() == before

    open_admin(kiosk.scene, tap)
    words = shown(kiosk.scene, "adminUsbState").property("text")
    assert words == kiosk.scene.kiosk.ui["usb_needs_pin"].replace("%1", NEW_TITLE)
    assert "staff may take it in from the admin screen" in shown(kiosk.scene, "adminUsbDetail").property("text")
    tap(kiosk.scene.window, shown(kiosk.scene, "adminUsbTake"))

    # The corner taps woke the exhibit: the new content waits for the visitor to leave.
    assert wait_until(lambda: kiosk.usb.state == "waiting", SWAP_MS), kiosk.usb.detail
    waiting = kiosk.scene.kiosk.ui["usb_waiting"].replace("%1", NEW_TITLE)
    assert wait_until(lambda: shown(kiosk.scene, "adminUsbState").property("text") == waiting)
    assert kiosk.scene.kiosk.title == OLD_TITLE
    kiosk.scene.admin.close()
    kiosk.scene.kiosk.goAttract()  # what the idle countdown does
    assert wait_until(lambda: kiosk.scene.kiosk.title == NEW_TITLE, SWAP_MS), kiosk.usb.detail
    assert wait_until(lambda: kiosk.usb.state == "shown", SWAP_MS)
    current = kiosk.store.current()
    assert current is not None and "confirmed by staff" in current.source


def test_staff_can_refuse_it_and_the_exhibit_is_unchanged(kiosk_with_stick, tmp_path: Path, tap) -> None:
    kiosk = kiosk_with_stick(trusted=())
    plug(new_bundle(tmp_path, Path("signe.kiosk"), REGIE), kiosk.stick)  # signed, but no key is trusted here
    assert wait_until(lambda: kiosk.usb.state == "needs_pin", SWAP_MS), kiosk.usb.detail
    assert "no trusted_keys" in kiosk.usb.detail
    open_admin(kiosk.scene, tap)
    tap(kiosk.scene.window, shown(kiosk.scene, "adminUsbRefuse"))
    assert wait_until(lambda: kiosk.usb.state == "refused", SWAP_MS)
    assert kiosk.scene.kiosk.title == OLD_TITLE
    assert not any(p.name != "taken.json" for p in (tmp_path / "data" / "usb-intake").iterdir())


def test_a_stick_pulled_out_mid_read_is_refused_clearly_and_changes_nothing(
    kiosk_with_stick, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = kiosk_with_stick()
    before, kiosk_before = kiosk.store.current(), kiosk.scene.kiosk
    bundle = new_bundle(tmp_path, Path("expo.kiosk"), REGIE)
    real_read = zipfile.ZipExtFile.read
    reads: list[int] = []

    def pulled_out(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        reads.append(n)
        if len(reads) > 5:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(self, n)

    monkeypatch.setattr(zipfile.ZipExtFile, "read", pulled_out)
    plug(bundle, kiosk.stick)
    assert wait_until(lambda: kiosk.usb.state == "refused", SWAP_MS), kiosk.usb.state
    assert "could not be read to its end: Input/output error" in kiosk.usb.detail
    assert kiosk.scene.kiosk is kiosk_before and kiosk.scene.kiosk.title == OLD_TITLE
    assert kiosk.store.current() == before


def test_kiosk_yaml_trusted_keys_reach_the_usb_watcher(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_content(tmp_path)
    key = TRUST_REGIE[0].key
    (tmp_path / "kiosk.yaml").write_text(
        f'content: {folder.as_posix()}\ntrusted_keys:\n  - {{name: regie, key: "{key}"}}\n', encoding="utf-8"
    )
    seen: list[tuple[TrustedKey, ...]] = []
    monkeypatch.setattr(UsbUpdates, "start", lambda self: seen.append(self._intake.trusted_keys))
    code = main(["run", "--config", str(tmp_path / "kiosk.yaml"), "--lastgood", str(tmp_path / "store")])
    assert code == 0 and run.seen["problems"] == []
    assert seen == [TRUST_REGIE]
