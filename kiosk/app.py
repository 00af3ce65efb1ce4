"""Composition root: load content -> build the bridge objects -> load QML -> run."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import startuptimes
from kiosk.content.exhibit import Exhibit
from kiosk.content.report import Report
from kiosk.logs import default_log_dir, setup_logging
from kiosk.paths import default_content_dir
from kiosk.services.admin import RecentProblems, default_lock_file
from kiosk.services.config import RunSettings, find_config, load_config, run_settings
from kiosk.services.problemlog import log_problems_once
from kiosk.services.warmstart import recall_bundled
from kiosk.services.watch import fingerprint
from kiosk.supervision.contract import ENV_NOTE
from kiosk.supervision.crashreports import FaultLog

if TYPE_CHECKING:
    from kiosk.bridge.admin import AdminController
    from kiosk.bridge.reload import ExhibitionSwapper
    from kiosk.bridge.status import StatusReporter
    from kiosk.bridge.usb import UsbUpdates

log = logging.getLogger("kiosk")

EXIT_QML_FAILED = 3
#: The longest the GUI thread may be busy, without beats, building the scene / showing new content.
BUSY_BUILD_S = 60.0
BUSY_SWAP_S = 30.0


def load_content(content: Path, log_folder: Path | None = None) -> tuple[Exhibit | None, Report]:
    """Load and validate; log every problem with the same words as `kiosk validate`, once
    per version of the folder (`log_folder` remembers which: kiosk.services.problemlog)."""
    # The exhibit an executable carries was loaded and checked when it was built: used as is.
    # Otherwise pictures are checked from their structure here; `kiosk validate` decodes every pixel.
    bundled = recall_bundled(content)
    exhibit: Exhibit | None
    if bundled is not None:
        log.info("content: the exhibit this executable carries, as checked when it was built")
        exhibit, report = bundled.exhibit, bundled.report
    else:
        from kiosk.content.loader import load_exhibit

        exhibit, report = load_exhibit(content, thorough=False)
    log_problems_once(report, fingerprint(content).content().digest, log_folder, f"content {content}", log)
    if exhibit is None:
        log.error(
            "content folder %s cannot be shown: %d error(s); showing the error screen", content, len(report.errors)
        )
    else:
        log.info("content loaded from %s (%d warning(s))", content, len(report.warnings))
    return exhibit, report


def run_app(
    content: Path | None,
    fullscreen: bool | None,
    size: tuple[int, int],
    config: Path | None = None,
    kiosk_mode: bool | None = None,
    settle_seconds: float = 5.0,
    lastgood: Path | None = None,
) -> int:
    """Open the exhibit; the command line wins over kiosk.yaml, which wins over the defaults.

    A content folder given (on the command line or in kiosk.yaml) is watched and swapped
    safely (kiosk/services/swap.py); the bundled exhibit is not."""
    config_path = find_config(config)
    settings_file, config_report = load_config(config_path) if config_path else (None, Report())
    settings = run_settings(settings_file, content=content, fullscreen=fullscreen, kiosk_mode=kiosk_mode)
    setup_logging(settings.log_dir)
    # A crash inside Qt leaves the Python stacks in the log folder (crash-*.txt).
    fault_log = FaultLog.start(settings.log_dir or default_log_dir())
    recent = RecentProblems()  # the admin screen's "latest warnings"
    logging.getLogger().addHandler(recent)
    startuptimes.mark("settings and log")
    try:
        for problem in config_report.sorted():
            log.error("%s (this setting is ignored)", problem.format())
        log.info("settings: %s", config_path or "no kiosk.yaml, defaults")
        return _run(settings, config_report, recent, size, settle_seconds, lastgood)
    finally:
        logging.getLogger().removeHandler(recent)
        if fault_log is not None:
            fault_log.stop()


def _run(
    settings: RunSettings,
    config_report: Report,
    recent: RecentProblems,
    size: tuple[int, int],
    settle_seconds: float,
    lastgood: Path | None,
) -> int:
    if os.environ.get(ENV_NOTE):
        log.warning("%s", os.environ[ENV_NOTE])  # the supervisor fell back to the built-in exhibit
    content_dir = settings.content or default_content_dir()
    start = store = None
    if settings.content is not None:
        from kiosk.services.lastgood import LastGoodStore, default_store_dir
        from kiosk.services.swap import open_exhibition

        store = LastGoodStore(lastgood or default_store_dir())
        start = open_exhibition(content_dir, store, settings.log_dir or default_log_dir(), defer_intake=True)
        exhibit, report = start.exhibit, start.report
    else:
        exhibit, report = load_content(content_dir, settings.log_dir or default_log_dir())
    startuptimes.mark("content loaded")

    from kiosk.bridge import engine
    from kiosk.bridge.admin import AdminController
    from kiosk.bridge.analytics import VisitorRecord
    from kiosk.bridge.heartbeat import busy, start_heartbeat
    from kiosk.bridge.imagecache import fill_behind
    from kiosk.bridge.opening import OpeningController

    startuptimes.mark("Qt and bridge imported")
    engine.route_qt_messages_to_logging()
    app = engine.application()
    startuptimes.mark("Qt application")
    # A service stopped, Ctrl+C: closed as if by its window (the handlers are put back at the end).
    restore_signals = engine.quit_on_signals(app)
    # Only under the supervisor (`kiosk supervise`). Building the scene blocks the GUI thread:
    # announced as busy, as is showing new content later, so the supervisor never mistakes it
    # for a hang.
    heartbeat = start_heartbeat()
    idle = exhibit.manifest.idle if exhibit else None
    admin = AdminController(
        exhibit,
        settings.pin_hash,
        content_dir=content_dir,
        recent=recent,
        config_problems=[p.format() for p in config_report.problems],
        lock_file=default_lock_file(),
    )
    # Outside opening hours the screen is black; none in kiosk.yaml: open around the clock.
    from kiosk.services import displaypower

    display = displaypower.choose(settings.display_power, qt_platform=app.platformName())
    opening = OpeningController(settings.opening_hours, wake_minutes=settings.wake_minutes, display=display)
    policy = settings.idle_policy(idle.timeout_seconds, idle.countdown_seconds) if idle else None
    startuptimes.mark("admin and opening hours")
    try:
        engine.load_fonts()
        startuptimes.mark("fonts")
        with busy(heartbeat, BUSY_BUILD_S, "building the scene"):
            scene = engine.build_scene(
                exhibit,
                report.errors,
                size=size,
                fullscreen=settings.fullscreen,
                admin=admin,
                policy=policy,
                rotation=settings.rotation,
                kiosk_mode=settings.kiosk_mode,
                screen=settings.screen,
                opening=opening,
                screen_care=settings.screen_care,
                reach_share=settings.reach_share,
            )
        # What visitors do, counted in the user's data folder (kiosk.yaml's analytics).
        record = VisitorRecord.start(
            scene.window, scene.host, scene.idle, settings.analytics, policy, admin=admin, opening=opening
        )
        # The exhibit never waits for its picture cache: new photos are shown from their
        # originals while their scaled copies are made behind it, at low priority.
        pictures = fill_behind(scene.host)
        # Staff's "reload content" checks the folder now; the admin screen follows what is shown.
        admin.reloadRequested.connect(scene.host.reloadNow)
        scene.host.on_new_kiosk(lambda current: admin.set_content(current.exhibit, content_dir))
        if heartbeat is not None:
            heartbeat.watch(scene.window)  # a beat now also means: the window draws
            scene.host.guard_shows(lambda: busy(heartbeat, BUSY_SWAP_S, "showing new content"))
    except engine.QmlLoadError as exc:
        log.critical("%s", exc)
        print(f"kiosk: {exc}", file=sys.stderr)
        restore_signals()
        return EXIT_QML_FAILED
    if settings.fullscreen and not settings.kiosk_mode:
        engine.hide_cursor(app)
    # The status file fleet tools read (`kiosk status`): written now, after each swap, every few minutes.
    from kiosk.bridge.status import StatusReporter
    from kiosk.services.status import StatusBoard, default_status_file

    if start is None:
        source = f"{content_dir} (built in)" if settings.content is None else str(content_dir)
    elif start.generation is not None:
        source = f"{start.generation.source} ({start.generation.name})"
    else:
        source = str(content_dir)
    status = StatusReporter(StatusBoard(default_status_file()), scene.host, recent, source)
    swapper = usb = None
    if start is not None and store is not None:
        from kiosk.bridge.reload import ExhibitionSwapper

        swapper = ExhibitionSwapper(
            scene.host, content_dir, store, start.generation, start.handled_digest, quiet_seconds=settle_seconds
        )
        swapper.outcome.connect(status.swap)
        swapper.start()
        usb = _usb_updates(settings, swapper, admin, status)
    else:
        log.info("USB sticks are not watched: content bundles need a content folder (kiosk.yaml's content)")
        log.info("watching %s for new content (settles after %.1f s without a change)", content_dir, settle_seconds)
    log.info(
        "exhibit open (%dx%d%s%s, rotation %d)",
        size[0],
        size[1],
        ", fullscreen" if settings.fullscreen else "",
        ", kiosk mode" if settings.kiosk_mode else "",
        settings.rotation,
    )
    status.start()
    # Asked to stop while it started: no event loop at all.
    code = 0 if (heartbeat is not None and heartbeat.gone) or engine.quit_asked() else app.exec()
    if usb is not None:
        usb.stop()
    if swapper is not None:
        swapper.stop()
    status.stop()
    if heartbeat is not None:
        heartbeat.stop()
    pictures.stop()
    if record is not None:
        record.stop()
    scene.close()
    restore_signals()
    return int(code)


def _usb_updates(
    settings: RunSettings, swapper: ExhibitionSwapper, admin: AdminController, status: StatusReporter
) -> UsbUpdates:
    """USB sticks with a `.kiosk` bundle: a trusted signature goes in through the swap, the rest waits for staff."""
    from kiosk.bridge.usb import UsbUpdates
    from kiosk.services.usb import UsbIntake, default_intake_folder

    usb = UsbUpdates(UsbIntake(default_intake_folder(), settings.trusted_keys), swapper, report=status.usb)
    admin.set_usb(usb)
    usb.start()
    names = ", ".join(key.name for key in settings.trusted_keys)
    if names:
        log.info("USB sticks: bundles signed by %s are taken in; any other waits for staff's PIN", names)
    else:
        log.info("USB sticks: no trusted_keys in kiosk.yaml, so every bundle waits for staff's PIN")
    return usb
