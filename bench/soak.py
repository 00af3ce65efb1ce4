"""Memory over a long day: a seeded random visitor through the real exhibit, for hours' worth
of touches, and what the kiosk holds meanwhile.

The default exhibit at 1920x1080, offscreen with the software renderer, built as `kiosk
run` builds it, its pictures prepared first into a picture cache of its own (a temporary
folder), as on a kiosk after its first day.
A visitor driven by a timer inside `app.exec()` (never a `processEvents` loop, which never
runs `deleteLater` and shows growth that does not exist) sends about `--rate` touch events a
second: taps on what is on screen (buttons, tiles, cards, chips, markers' cards, links) and
on random points, flings, pinches on the map and the timeline, ten-finger storms, language
changes, a few mouse clicks, the staff gesture (six corner taps, the PIN, the touch test,
close), and idle gaps long enough for the "still there?" countdown to run out and the kiosk
to go back to its attract screen (an idle reset).

The idle timings are shortened as kiosk.yaml's `idle:` would set them on a PC
(`--idle-timeout`, `--countdown`; kiosk.yaml itself allows no less than 10 s and 3 s, so the
benchmark hands the same IdlePolicy to the scene directly).

Prints JSON lines: a sample every `--sample-every` events and after each idle reset (resident
memory, Python objects, items in the scene, the screens visited since the last sample), then
a summary: start, peak, after each reset and end figures. Targets (issue 13): resident memory
<= 400 MiB at every sample; after an idle reset within 50 MiB of where the previous reset
left it; the scene's items back to their count on the attract screen.

    python bench/soak.py                     # 100,000 events, seed 1119 (about 30 minutes)
    python bench/soak.py --events 20000 --seed 7
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import os
import random
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.common import headless  # noqa: E402

headless()

#: Items a visitor can tap, by objectName (or its start, for names ending in '-'). The admin
#: screen's restart and quit are left out (they end the process), and its reload.
TAPPABLE = (
    "aboutButton",
    "chargeButton-",
    "clearButton",
    "continueButton",
    "creditsButton",
    "discoverButton",
    "earlierButton",
    "ellipseButton",
    "eraChip-",
    "eventCard-",
    "eventClose",
    "eventNext",
    "eventPrevious",
    "eventPicture",
    "glossaryClose",
    "homeButton",
    "ingredientsButton",
    "laterButton",
    "layer-",
    "link-",
    "markerClose",
    "markerPicture",
    "nextButton",
    "pillar-",
    "previousButton",
    "profileButton",
    "profileClose",
    "profileHit-",
    "resetButton",
    "result-",
    "resultClose",
    "tile-",
    "undoButton",
    "viewerClose",
    "zoomIn",
    "zoomOut",
    "introPicture",
    "hotspotPicture",
    "attractPage",
    "pinKey-",
    "pinCancel",
    "adminClose",
    "adminTouchTest",
    "touchCell-",
    "touchAgain",
    "touchDone",
)
#: Where a pinch or a fling does most: the map and the timeline.
PINCHABLE = ("mapFlick", "timelineTrack")
#: What the visitor does, and how often (weights).
ACTIONS = {
    "tap_item": 40,
    "tap_point": 12,
    "fling": 16,
    "pinch": 12,
    "storm": 3,
    "language": 4,
    "mouse": 3,
}
#: Fingers of a storm.
STORM_FINGERS = 10
PIN = "2468"
#: Steps sent in one timer tick at most when the visitor is behind its rate.
MAX_STEPS_PER_TICK = 4
#: After an idle reset, how long the visitor waits at most for the kiosk to give back what the
#: visit took.
RELEASE_WAIT_MS = 5000


def rss_mib() -> tuple[float, float]:
    """Resident memory now and its peak so far (VmHWM), in MiB, from /proc/self/status."""
    now = peak = 0.0
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    now = int(line.split()[1]) / 1024
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except OSError:  # not Linux: the peak of ru_maxrss only
        import resource

        peak = now = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return round(now, 1), round(peak, 1)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000, help="touch events to send (default 100000)")
    parser.add_argument("--seed", type=int, default=1119, help="the visitor's random seed (default 1119)")
    parser.add_argument("--sample-every", type=int, default=5000, help="events between samples (default 5000)")
    parser.add_argument("--rate", type=float, default=60.0, help="events a second (default 60)")
    parser.add_argument("--idle-every", type=int, default=4000, help="mean events between two idle gaps (default 4000)")
    parser.add_argument("--idle-timeout", type=float, default=3.0, help="idle timeout in seconds (default 3)")
    parser.add_argument("--countdown", type=float, default=2.0, help="countdown in seconds (default 2)")
    parser.add_argument("--size", default="1920x1080", help="window size (default 1920x1080)")
    parser.add_argument(
        "--rises",
        type=float,
        default=0.0,
        help="also print each action after which resident memory (or its peak) rose by this "
        "many MiB or more (0, the default: none), to find what grows",
    )
    return parser.parse_args()


class Visitor:
    """Sends one touch event per timer tick from a queue of steps; plans the next action when
    the queue runs dry. Every step runs inside the application's own event loop."""

    def __init__(self, scene: object, args: argparse.Namespace, out: Callable[[dict[str, object]], None]) -> None:
        from PySide6.QtCore import QPoint, Qt, QTimer
        from PySide6.QtTest import QTest

        from kiosk.bridge.scenetools import walk

        self.QPoint, self.QTest, self.walk = QPoint, QTest, walk
        self.scene = scene
        self.window = scene.window  # type: ignore[attr-defined]
        self.args = args
        self.out = out
        self.rng = random.Random(args.seed)
        self.device = QTest.createTouchDevice()
        self.steps: deque[Callable[[], None]] = deque()
        self.events = 0
        self.next_sample = args.sample_every
        self.next_idle = self._idle_interval()
        self.started = time.monotonic()
        self.screens: list[str] = []
        self.actions: dict[str, int] = {}
        self.resets = 0
        self.reset_samples: list[dict[str, object]] = []
        self.samples: list[dict[str, object]] = []
        self.attract_items = 0
        self.waiting_since = 0.0
        self.paused = 0.0
        self.last_rss = self.last_peak = 0.0
        self.last_action = ""
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(max(1, round(1000 / args.rate)))
        self.timer.timeout.connect(self._tick)
        self._follow_navigation()
        scene.admin.stageChanged.connect(self._admin_stage)  # type: ignore[attr-defined]

    # -- what is on screen ---------------------------------------------------------------------
    def _follow_navigation(self) -> None:
        kiosk = self.scene.kiosk  # type: ignore[attr-defined]
        kiosk.navigationChanged.connect(lambda: self._visited(self._screen_name()))
        self._visited(self._screen_name())

    def _screen_name(self) -> str:
        kiosk = self.scene.kiosk  # type: ignore[attr-defined]
        screen = kiosk.screen
        if screen == "section":
            section = kiosk.section(kiosk.sectionIndex)
            view = str(section.view).rsplit("/", 1)[-1] if section is not None else kiosk.sectionIndex
            return f"section:{view}"
        return str(screen)

    def _visited(self, name: str) -> None:
        if not self.screens or self.screens[-1] != name:
            self.screens.append(name)

    def _admin_stage(self) -> None:
        stage = self.scene.admin.stage  # type: ignore[attr-defined]
        if stage != "closed":
            self._visited(f"admin:{stage}")

    def items(self) -> list[object]:
        return list(self.walk(self.window.contentItem()))

    def visible_named(self, names: tuple[str, ...]) -> list[object]:
        """Visible items of those names whose middle is on the window (hidden branches of the
        scene are not walked: a walk of every item at each tap would slow the visitor down)."""
        width, height = self.window.width(), self.window.height()
        whole = {n for n in names if not n.endswith("-")}
        starts = tuple(n for n in names if n.endswith("-"))
        found = []
        stack = [self.window.contentItem()]
        while stack:
            item = stack.pop()
            if not item.isVisible() or item.opacity() <= 0.0:
                continue
            stack.extend(item.childItems())
            name = item.objectName()
            if not name or not (name in whole or name.startswith(starts)):
                continue
            if item.width() <= 0 or item.height() <= 0:
                continue
            centre = self._centre(item)
            if 0 <= centre.x() < width and 0 <= centre.y() < height:
                found.append(item)
        return found

    def _centre(self, item: object) -> object:
        from PySide6.QtCore import QPointF

        return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()  # type: ignore[attr-defined]

    # -- touches -------------------------------------------------------------------------------
    def _touch(self, kind: str, points: dict[int, tuple[int, int]]) -> Callable[[], None]:
        def send() -> None:
            sequence = self.QTest.touchEvent(self.window, self.device)
            for touch_id, (x, y) in points.items():
                getattr(sequence, kind)(touch_id, self.QPoint(x, y), self.window)
            sequence.commit(False)  # no processEvents of its own: the event loop delivers it
            self.events += 1

        return send

    def _clamp(self, x: float, y: float) -> tuple[int, int]:
        return (max(0, min(self.window.width() - 1, round(x))), max(0, min(self.window.height() - 1, round(y))))

    def tap_at(self, x: float, y: float, hold: int = 1) -> None:
        point = {0: self._clamp(x, y)}
        self.steps.append(self._touch("press", point))
        for _ in range(hold - 1):
            self.steps.append(lambda: None)
        self.steps.append(self._touch("release", point))

    def tap_named(self, names: tuple[str, ...]) -> None:
        """A step that taps, when it comes, one of the visible items of those names (found then)."""

        def tap() -> None:
            found = self.visible_named(names)
            if found:
                chosen = self.rng.choice(found)
                self.last_action = f"tap {chosen.objectName()}"  # type: ignore[attr-defined]
                centre = self._centre(chosen)
                self.steps.appendleft(self._touch("release", {0: (centre.x(), centre.y())}))
                self._touch("press", {0: (centre.x(), centre.y())})()

        self.steps.append(tap)

    def fling(self, x: float, y: float) -> None:
        angle = self.rng.uniform(0, 2 * math.pi)
        speed = self.rng.uniform(30, 160)
        moves = self.rng.randint(3, 10)
        points = [
            self._clamp(x + math.cos(angle) * speed * n, y + math.sin(angle) * speed * n) for n in range(moves + 1)
        ]
        self.steps.append(self._touch("press", {0: points[0]}))
        for point in points[1:]:
            self.steps.append(self._touch("move", {0: point}))
        self.steps.append(self._touch("release", {0: points[-1]}))

    def pinch(self, x: float, y: float) -> None:
        opening = self.rng.random() < 0.6  # more zooming in than out: deep zooms
        start, end = (60.0, self.rng.uniform(200, 420)) if opening else (self.rng.uniform(200, 420), 60.0)
        angle = self.rng.uniform(0, math.pi)
        moves = self.rng.randint(6, 14)

        def fingers(spread: float) -> dict[int, tuple[int, int]]:
            dx, dy = math.cos(angle) * spread / 2, math.sin(angle) * spread / 2
            return {0: self._clamp(x - dx, y - dy), 1: self._clamp(x + dx, y + dy)}

        self.steps.append(self._touch("press", fingers(start)))
        for n in range(1, moves + 1):
            self.steps.append(self._touch("move", fingers(start + (end - start) * n / moves)))
        self.steps.append(self._touch("release", fingers(end)))

    def storm(self) -> None:
        w, h = self.window.width(), self.window.height()
        fingers = {i: self._clamp(self.rng.uniform(0, w), self.rng.uniform(0, h)) for i in range(STORM_FINGERS)}
        self.steps.append(self._touch("press", fingers))
        for _ in range(self.rng.randint(1, 4)):
            fingers = {
                i: self._clamp(x + self.rng.uniform(-40, 40), y + self.rng.uniform(-40, 40))
                for i, (x, y) in fingers.items()
            }
            self.steps.append(self._touch("move", fingers))
        self.steps.append(self._touch("release", fingers))

    def mouse_click(self, x: float, y: float) -> None:
        from PySide6.QtCore import Qt

        point = self.QPoint(*self._clamp(x, y))

        def press() -> None:
            self.QTest.mousePress(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
            self.events += 1

        def release() -> None:
            self.QTest.mouseRelease(self.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
            self.events += 1

        self.steps.extend((press, release))

    def staff(self) -> None:
        """The admin gesture (six taps, top corners in turn), the PIN, now and then the touch
        test, then close; what the staff do at opening time."""
        zone = min(self.window.width(), self.window.height()) * 0.055
        for n in range(6):
            x = zone / 2 if n % 2 == 0 else self.window.width() - zone / 2
            self.tap_at(x, zone / 2)
            for _ in range(self.rng.randint(8, 25)):  # 0.15 to 0.4 s between taps
                self.steps.append(lambda: None)
        for _ in range(20):
            self.steps.append(lambda: None)
        for digit in PIN:
            self.tap_named((f"pinKey-{digit}",))
        self.tap_named(("pinOk",))
        for _ in range(10):
            self.steps.append(lambda: None)
        if self.rng.random() < 0.7:
            self.tap_named(("adminTouchTest",))
            for _ in range(self.rng.randint(20, 120)):
                self.tap_named(("touchCell-",))
            self.tap_named(("touchDone",))
        self.tap_named(("adminClose", "pinCancel"))

    # -- the visit -----------------------------------------------------------------------------
    def _idle_interval(self) -> int:
        return max(500, round(self.rng.expovariate(1 / self.args.idle_every)))

    def plan(self) -> None:
        if self.args.rises > 0:
            # A rise that stayed (resident now), or one that came and went (the peak moved).
            now, peak = rss_mib()
            if now - self.last_rss >= self.args.rises or peak - self.last_peak >= self.args.rises:
                self.out(
                    {
                        "kind": "rise",
                        "events": self.events,
                        "mib": round(now - self.last_rss, 1),
                        "rss_mib": now,
                        "peak_mib": round(peak - self.last_peak, 1),
                        "peak_rss_mib": peak,
                        "after": self.last_action,
                        "screen": self._screen_name(),
                        "admin": self.scene.admin.stage,
                    }
                )  # type: ignore[attr-defined]
            self.last_rss, self.last_peak = now, peak
        if self.scene.admin.stage != "closed":  # type: ignore[attr-defined]
            self.tap_named(("adminClose", "pinCancel", "touchDone"))
            self._count("admin_close")
            return
        if self.events >= self.next_idle and self.scene.kiosk.screen != "attract":  # type: ignore[attr-defined]
            self.next_idle = self.events + self._idle_interval()
            self.steps.append(self.idle_gap)
            return
        if self.rng.random() < 1 / 1500:
            self._count("staff")
            self.staff()
            return
        w, h = self.window.width(), self.window.height()
        action = self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0]
        self._count(action)
        self.last_action = action
        if action == "tap_item":
            self.tap_named(TAPPABLE)
        elif action == "tap_point":
            self.tap_at(self.rng.uniform(0, w), self.rng.uniform(0, h), hold=self.rng.randint(1, 6))
        elif action in ("fling", "pinch"):
            targets = self.visible_named(PINCHABLE)
            if targets and self.rng.random() < 0.85:
                target = self.rng.choice(targets)
                centre = self._centre(target)
                x = centre.x() + self.rng.uniform(-0.3, 0.3) * target.width()
                y = centre.y() + self.rng.uniform(-0.3, 0.3) * target.height()
            else:
                x, y = self.rng.uniform(0, w), self.rng.uniform(0, h)
            (self.fling if action == "fling" else self.pinch)(x, y)
        elif action == "storm":
            self.storm()
        elif action == "language":
            self.tap_named(("language-",))
        else:
            self.mouse_click(self.rng.uniform(0, w), self.rng.uniform(0, h))

    def _count(self, action: str) -> None:
        self.last_action = action
        self.actions[action] = self.actions.get(action, 0) + 1

    def _tick(self) -> None:
        # As many events as are due at `--rate` since the visitor started (idle gaps left
        # out), a few at most: a tick that comes late (a page being built) is caught up.
        due = (time.monotonic() - self.started - self.paused) * self.args.rate - self.events
        for _ in range(max(1, min(MAX_STEPS_PER_TICK, int(due)))):
            if not self.timer.isActive():
                return  # an idle gap has begun
            if not self.steps:
                self.plan()
            if self.steps:
                self.steps.popleft()()
            self._after_step()

    def _after_step(self) -> None:
        if self.events >= self.next_sample:
            self.next_sample += self.args.sample_every
            self.sample("sample")
        if self.events >= self.args.events and self.timer.isActive():
            self.timer.stop()
            self.finish()

    # -- idle resets ---------------------------------------------------------------------------
    def idle_gap(self) -> None:
        """Nobody touches: the countdown runs out and the kiosk goes back to its attract
        screen; the sample is taken once it has given back what the visit took (its
        ResetRelease says so) and the page change is over."""
        from PySide6.QtCore import QTimer

        self.timer.stop()
        self._count("idle_gap")
        self.waiting_since = time.monotonic()
        kiosk = self.scene.kiosk  # type: ignore[attr-defined]
        limit = self.args.idle_timeout + self.args.countdown + 10
        released = [False]

        def on_release() -> None:
            released[0] = True

        # (A kiosk older than its ResetRelease: the sample is taken RELEASE_WAIT_MS after the
        # attract screen has come.)
        hook = getattr(self.scene, "release", None)
        if hook is not None:
            hook.released.connect(on_release)

        calm_since = [0.0]

        def check() -> None:
            from kiosk.bridge.scenetools import transitions_running

            now = time.monotonic()
            waited = now - self.waiting_since
            calm = kiosk.screen == "attract" and not transitions_running(self.window)
            calm_since[0] = (calm_since[0] or now) if calm else 0.0
            if calm and (
                released[0]
                or waited > limit + RELEASE_WAIT_MS / 1000
                or (hook is None and now - calm_since[0] >= RELEASE_WAIT_MS / 1000)
            ):
                QTimer.singleShot(200, after_reset)
            elif waited > limit + RELEASE_WAIT_MS / 1000:
                self.out({"kind": "note", "events": self.events, "note": "no idle reset", "screen": kiosk.screen})
                resume()
            else:
                QTimer.singleShot(100, check)

        def after_reset() -> None:
            self.resets += 1
            self.reset_samples.append(self.sample("reset"))
            resume()

        def resume() -> None:
            if hook is not None:
                hook.released.disconnect(on_release)
            self.paused += time.monotonic() - self.waiting_since
            self.timer.start()

        QTimer.singleShot(100, check)

    # -- samples -------------------------------------------------------------------------------
    def sample(self, kind: str) -> dict[str, object]:
        now, peak = rss_mib()
        record: dict[str, object] = {
            "kind": kind,
            "events": self.events,
            "seconds": round(time.monotonic() - self.started, 1),
            "rss_mib": now,
            "peak_rss_mib": peak,
            "objects": len(gc.get_objects()),
            "items": len(self.items()),
            "resets": self.resets,
            "screen": self._screen_name(),
            "visited": self.screens,
        }
        self.screens = [self._screen_name()]
        self.samples.append(record)
        self.out(record)
        return record

    def start(self) -> None:
        self.attract_items = len(self.items())
        self.started = time.monotonic()
        self.sample("start")
        self.timer.start()

    def finish(self) -> None:
        from PySide6.QtCore import QCoreApplication

        end = self.sample("end")
        start = self.samples[0]
        peak_sampled = max(float(s["rss_mib"]) for s in self.samples)  # type: ignore[arg-type]
        after_resets = [float(s["rss_mib"]) for s in self.reset_samples]  # type: ignore[arg-type]
        steps = [round(b - a, 1) for a, b in itertools.pairwise(after_resets)]
        seconds = time.monotonic() - self.started
        self.out(
            {
                "kind": "summary",
                "seed": self.args.seed,
                "events": self.events,
                "seconds": round(seconds, 1),
                "idle_seconds": round(self.paused, 1),
                "events_per_second": round(self.events / max(seconds - self.paused, 1e-9), 1),
                "actions": self.actions,
                "start_rss_mib": start["rss_mib"],
                "peak_sampled_rss_mib": peak_sampled,
                "peak_rss_mib": rss_mib()[1],
                "end_rss_mib": end["rss_mib"],
                "rss_after_resets_mib": after_resets,
                "largest_rise_between_resets_mib": max(steps, default=0.0),
                "items_attract_start": self.attract_items,
                "items_after_resets": [s["items"] for s in self.reset_samples],
                "objects_start": start["objects"],
                "objects_after_resets": [s["objects"] for s in self.reset_samples],
                "meets_400_mib": peak_sampled <= 400,
                "meets_50_mib_between_resets": max(steps, default=0.0) <= 50,
                "items_back_at_reset": all(s["items"] == self.attract_items for s in self.reset_samples),
            }
        )
        QCoreApplication.exit(0)


def main() -> None:
    args = arguments()
    pictures = tempfile.TemporaryDirectory(prefix="kiosk-soak-pictures-")
    os.environ["KIOSK_IMAGE_CACHE"] = pictures.name
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from kiosk.bridge import engine
    from kiosk.bridge.admin import AdminController
    from kiosk.bridge.scenetools import settled, wait_frames, wait_until
    from kiosk.content.loader import load_exhibit
    from kiosk.services.admin import hash_pin
    from kiosk.services.idle import IdlePolicy
    from kiosk.services.picturecache import ensure_exhibit

    warnings: list[str] = []

    def out(record: dict[str, object]) -> None:
        print(json.dumps(record, ensure_ascii=False), flush=True)

    def messages(mode: QtMsgType, context: object, message: str) -> None:
        if mode != QtMsgType.QtDebugMsg and mode != QtMsgType.QtInfoMsg:
            warnings.append(message)
            if len(warnings) <= 20:
                out({"kind": "warning", "message": message})

    width, height = (int(v) for v in args.size.split("x"))
    exhibit, report = load_exhibit(REPO / "content", thorough=False)
    assert exhibit is not None, [p.format() for p in report.errors]
    app = engine.application()
    qInstallMessageHandler(messages)
    engine.load_fonts()
    ensure_exhibit(exhibit)  # a warm cache, as on a kiosk after its first day
    admin = AdminController(exhibit, hash_pin(PIN), content_dir=REPO / "content")
    scene = engine.build_scene(
        exhibit, report.errors, size=(width, height), admin=admin, policy=IdlePolicy(args.idle_timeout, args.countdown)
    )
    wait_until(lambda: settled(scene.window), timeout_ms=20_000)
    wait_frames(scene.window, 3)
    gc.collect()
    out(
        {
            "kind": "setup",
            "seed": args.seed,
            "events": args.events,
            "rate": args.rate,
            "size": args.size,
            "renderer": "software, offscreen",
            "idle": [args.idle_timeout, args.countdown],
        }
    )
    visitor = Visitor(scene, args, out)
    from PySide6.QtCore import QTimer

    QTimer.singleShot(0, visitor.start)
    app.exec()
    out({"kind": "warnings", "count": len(warnings)})
    scene.close()
    pictures.cleanup()


if __name__ == "__main__":
    main()
