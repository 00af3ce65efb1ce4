"""What Syncthing leaves in a folder it keeps (docs/FLEET.md): `.stfolder`, `.stversions/`,
`.syncthing.*.tmp` while a file arrives, and conflict copies. None of them is content: the
loader never reads them, the watcher does not take a change to them alone for new content,
the last-good copy and a bundle leave them out, and `kiosk validate` names a conflict copy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.audit import audit_folder
from kiosk.content.loader import load_exhibit
from kiosk.content.report import Report
from kiosk.services.bundle import folder_files
from kiosk.services.lastgood import LastGoodStore
from kiosk.services.watch import fingerprint

if TYPE_CHECKING:
    from tests.helpers.content import ContentFolder

CONFLICT = "timeline.sync-conflict-20261207-101500-ABCDEFG.yaml"
LEFTOVERS = (".stfolder/.keep", ".stversions/timeline~20261207-101500.yaml", ".syncthing.map.yaml.tmp", CONFLICT)


def with_leftovers(folder: ContentFolder) -> None:
    for name in LEFTOVERS:
        folder.write(name, "title: {fr: Ancienne version}\nbroken: [\n")


def test_the_loader_and_validate_ignore_them_and_name_a_conflict_copy(content: ContentFolder) -> None:
    clean, clean_report = load_exhibit(content.root)
    with_leftovers(content)
    exhibit, report = load_exhibit(content.root)
    assert exhibit is not None and report.ok
    assert exhibit.manifest == clean.manifest and exhibit.sections == clean.sections
    assert [p.format() for p in report.problems] == [p.format() for p in clean_report.problems]

    audited = Report()
    audit = audit_folder(content.root, audited)
    assert [p.file for p in audited.warnings if "Syncthing" in p.message] == [CONFLICT]
    assert not any(name.startswith(".") or "sync-conflict" in name for name, _size in audit.unreferenced)


def test_the_watcher_the_last_good_copy_and_bundles_leave_them_out(content: ContentFolder, tmp_path: Path) -> None:
    before = fingerprint(content.root).content()
    with_leftovers(content)
    assert fingerprint(content.root).content() == before, "leftovers are not new content"
    assert fingerprint(content.root) != fingerprint(content.root).content(), "but a file arriving delays the settling"

    store = LastGoodStore(tmp_path / "store")
    staged = store.stage(content.root, before.digest)
    copied = {p.relative_to(staged.content).as_posix() for p in staged.content.rglob("*") if p.is_file()}
    assert not copied & set(LEFTOVERS) and not any(".st" in name for name in copied)
    assert not set(folder_files(content.root)) & set(LEFTOVERS)
