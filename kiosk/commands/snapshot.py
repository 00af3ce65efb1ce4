"""`kiosk snapshot`: render every screen of the exhibit, in each language, to PNG files.

A proof sheet for curators before opening day, and the way reviews and tests look at the UI.
Runs headless: no display is needed. With `--audit` it also checks each screen as a visitor
would (kiosk.bridge.screenaudit) and lists what is cut, overlapping, outside the window or
too faint; with `--item SECTION:ID` it renders the opened card of one item; with `--listen`
each screen's first Listen button is pressed, to show the text marked while it is read.
Nothing is heard: the recordings play on miniaudio's silent "null" output, so the pictures
show the Listen buttons of a kiosk with sound (`KIOSK_AUDIO_OUTPUT=none`: of a PC without).
"""

from __future__ import annotations

import gc
import json
import logging
import secrets
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.content.loader import load_exhibit
from kiosk.services.export import Exported, Place
from kiosk.services.idle import IdlePolicy
from kiosk.services.schedule import SYSTEM_ZONE, Schedule
from kiosk.services.statistics import PanelFigures

log = logging.getLogger(__name__)

#: Long enough that the idle countdown never interrupts a snapshot run by itself.
_NEVER = IdlePolicy(timeout_seconds=24 * 3600, countdown_seconds=10)

#: Opening hours for the proof sheet: the `closed` screen shows a Monday evening, the
#: centre closed until Wednesday (the longest words: a weekday and a date), the others a
#: Wednesday morning, open (the admin screen shows the day's hours and "stay open").
SAMPLE_HOURS = Schedule.of({day: ["09:30-12:30", "13:30-18:00"] for day in ("wed", "thu", "fri", "sat", "sun")})
SAMPLE_CLOSED = SYSTEM_ZONE.instant(datetime(2026, 9, 28, 19, 0))
SAMPLE_OPEN = SYSTEM_ZONE.instant(datetime(2026, 9, 30, 10, 0))


def sample_statistics(kinds: list[str]) -> tuple[PanelFigures, list[Place], Exported]:
    """The admin screen's visitor figures for the proof sheet: a busy week, a USB stick
    plugged in, an export just done (the longest words)."""
    opens = (612, 388, 301, 154, 97)
    figures = PanelFigures(146, 1093, 97.5, tuple(zip(kinds, opens, strict=False)))
    stick = Place("KINGSTON", Path("KINGSTON"), True)
    places = [stick, Place("Documents", Path("Documents") / "kiosk-exports", False)]
    return figures, places, Exported(True, stick.path / "kiosk-visits-2026-09-30-100412")


def screen_names(section_kinds: list[str]) -> list[str]:
    names = ["attract", "home"]
    for kind in section_kinds:
        names += [kind, f"{kind}-detail", f"{kind}-about"]
        if kind == "map":
            names.append("map-profile")
    names += ["credits", "idle", "closed", "admin-pin", "admin", "admin-stats"]
    return names


def item_ids(exhibit: Any) -> dict[str, list[str]]:
    """For `--item`: the items of each section kind that open a card, by id."""
    found: dict[str, list[str]] = {}
    for loaded in exhibit.sections:
        section = loaded.content
        ids: list[str] = []
        for name in ("events", "charges", "markers", "pillars", "results"):
            ids += [entry.id for entry in getattr(section, name, None) or [] if getattr(entry, "id", None)]
        foundation = getattr(section, "foundation", None)
        if foundation is not None:
            ids.append(foundation.id)
        found[loaded.ref.kind] = ids
    return found


def run_snapshot(
    content: Path,
    out: Path | None,
    lang: str,
    size: tuple[int, int],
    screens: str = "all",
    item: str | None = None,
    audit: bool = False,
    output_format: str = "text",
    a11y: str | None = None,
    listen: bool = False,
) -> int:
    from kiosk.bridge import engine
    from kiosk.bridge.audio import AudioController
    from kiosk.bridge.scenetools import (
        find_item,
        settled,
        still_picture,
        visible_in_scene,
        wait_frames,
        wait_until,
        walk,
    )
    from kiosk.services.audio import Player, output_from_environment

    engine.offscreen_environment()
    exhibit, report = load_exhibit(content, thorough=False)
    for problem in report.problems:
        print(problem.format(), file=sys.stderr)

    _app = engine.application()  # kept alive for the whole run
    engine.load_fonts()
    from kiosk.bridge.admin import AdminController
    from kiosk.bridge.opening import OpeningController
    from kiosk.services.admin import hash_pin

    # A PIN nobody knows, cheap to hash: the pad looks as it does on a configured PC.
    admin = AdminController(exhibit, hash_pin(f"{secrets.randbelow(10**8):08d}", n=16, r=1, p=1))
    opening = OpeningController(SAMPLE_HOURS, clock=lambda: SAMPLE_OPEN)
    try:
        audio = AudioController(Player("none" if output_from_environment() == "none" else "null"))
        scene = engine.build_scene(
            exhibit, report.errors, size=size, policy=_NEVER, admin=admin, opening=opening, audio=audio
        )
    except engine.QmlLoadError as exc:
        print(f"kiosk snapshot: {exc}", file=sys.stderr)
        return 3
    kiosk, window = scene.kiosk, scene.window
    modes: list[str] = []
    if a11y is not None:
        from kiosk.services.accessibility import Choices

        modes = list(Choices.modes()) if a11y == "all" else [mode.strip() for mode in a11y.split(",")]
        wrong = [mode for mode in modes if mode not in Choices.modes()]
        if wrong:
            print(
                f"kiosk snapshot: no accessibility mode {', '.join(wrong)}; modes: {', '.join(Choices.modes())}",
                file=sys.stderr,
            )
            scene.close()
            return 2

    offered = [entry["code"] for entry in kiosk.languages]
    languages = offered if lang == "all" else [code.strip() for code in lang.split(",")]
    unknown = [code for code in languages if code not in offered]
    if unknown:
        print(
            f"kiosk snapshot: language(s) {', '.join(unknown)} not offered; choose from {', '.join(offered)}",
            file=sys.stderr,
        )
        return 2

    kinds: list[str] = [exhibit_section.ref.kind for exhibit_section in exhibit.sections] if exhibit else []
    everything = screen_names(kinds) if exhibit else ["error"]
    chosen: dict[str, str] = {}  # section kind -> the item its -detail screen opens
    if item is not None:
        kind, _, key = item.partition(":")
        known = item_ids(exhibit) if exhibit else {}
        if kind not in known:
            print(f"kiosk snapshot: --item {item}: no section {kind!r}; sections: {', '.join(known)}", file=sys.stderr)
            return 2
        if key not in known[kind]:
            print(
                f"kiosk snapshot: --item {item}: no item {key!r} in {kind}; items: {', '.join(known[kind])}",
                file=sys.stderr,
            )
            return 2
        chosen[kind] = key
    if item is not None and screens == "all":
        wanted = [f"{next(iter(chosen))}-detail"]
    else:
        wanted = everything if screens == "all" else [name.strip() for name in screens.split(",")]
    missing = [name for name in wanted if name not in everything]
    if missing:
        print(
            f"kiosk snapshot: no screen named {', '.join(missing)}; screens: {', '.join(everything)}", file=sys.stderr
        )
        return 2

    def show(name: str) -> Callable[[], None]:
        if name in ("attract", "closed"):
            return kiosk.goAttract
        if name in ("home", "idle", "admin", "admin-pin", "admin-stats"):

            def home() -> None:
                kiosk.wake()
                kiosk.goHome()

            return home
        if name == "credits":
            return kiosk.openCredits
        kind, _, detail = name.partition("-")
        index = kinds.index(kind)

        def open_section() -> None:
            kiosk.openSection(index)
            if detail in ("profile", "about"):
                kiosk.openDetail(detail)
            elif detail:
                kiosk.openDetail(chosen.get(kind) or kiosk.sections_shown()[index].defaultDetail)
            else:
                kiosk.closeDetail()

        return open_section

    def file_name(name: str, code: str) -> str:
        kind, _, detail = name.partition("-")
        if detail == "detail" and kind in chosen:
            return f"{kind}-{chosen[kind]}{tag}-{code}.png"
        return f"{name}{tag}-{code}.png"

    tag = ("-a11y" if modes else "") + ("-listen" if listen else "")

    def press_listen() -> None:
        """The screen's first Listen button shown, pressed: its text is marked as it is read."""
        for found in walk(window.contentItem()):
            if found.objectName().startswith("listen-") and visible_in_scene(found):
                audio.play(str(found.property("url")))
                wait_frames(window, 3)
                return

    if audit:
        from kiosk.bridge.screenaudit import audit_window

    def message_opacity() -> float:
        message = find_item(window, "closedMessage")
        return float(message.opacity()) if message is not None else 0.0

    def render() -> Any:
        wait_frames(window, 2)
        return window.grabWindow()

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    findings: list[Any] = []
    # What exists now (the app, its content, the scene) lives until the end: set it aside from
    # the garbage collector, so the full collection after each screen's audit (it lets go of
    # the scene items' wrappers) looks only at what that screen made.
    gc.freeze()
    for code in languages:
        for name in wanted:
            # First: closing and opening reset the kiosk (attract, default language).
            opening.preview(SAMPLE_CLOSED if name == "closed" else None)
            if name != "error":
                show(name)()
            kiosk.setLanguage(code)
            # The visit's modes (a reset above turned them off). Not on the attract and
            # closed screens: the visit ends there and every mode goes off with it.
            if scene.accessibility is not None and name not in ("attract", "closed"):
                scene.accessibility.set_modes(modes)
            scene.idle.preview_countdown(name == "idle")
            if name == "admin-stats":
                admin.statistics.preview(*sample_statistics(kinds))
            admin.preview(
                {"admin": "admin", "admin-stats": "admin", "admin-pin": "pin"}.get(name, "closed"),
                statistics=name == "admin-stats",
            )
            if name == "admin":
                wait_until(lambda: admin.contentHash != "", timeout_ms=15_000)
            if name == "closed":  # the message fades in: taken once it is whole
                wait_until(lambda: message_opacity() >= 1.0, timeout_ms=15_000)
            if not wait_until(lambda: settled(window), timeout_ms=15_000):
                log.warning("screen %s-%s did not settle in time", name, code)
            # Let fades and scrolls started by the change finish (they last under 0.5 s:
            # the screen stops changing). That still picture is the screen, unless they
            # revealed pictures still loading (then wait for those) or Listen is to be pressed.
            image = still_picture(window, timeout_ms=500)
            if image is None or not settled(window) or listen:
                wait_until(lambda: settled(window), timeout_ms=15_000)
                wait_frames(window, 3)
                if listen:
                    press_listen()
                image = window.grabWindow()
            if out is not None:
                target = out / file_name(name, code)
                if not image.save(str(target)):
                    print(f"kiosk snapshot: cannot write {target}", file=sys.stderr)
                    return 1
                if not audit:
                    print(target)
            if audit:
                found = audit_window(window, name, code, render)
                findings += found
                if output_format == "text":
                    for finding in found:
                        print(finding.line())
            audio.stop()
    scene.idle.preview_countdown(False)
    opening.preview(None)
    scene.close()
    if audit:
        if output_format == "json":
            json.dump(
                {"size": f"{size[0]}x{size[1]}", "problems": [finding.as_dict() for finding in findings]},
                sys.stdout,
                ensure_ascii=False,
                indent=1,
            )
            print()
        else:
            screens_seen = len(wanted) * len(languages)
            print(f"audit {size[0]}x{size[1]}: {len(findings)} problem(s) on {screens_seen} screen(s)")
        if findings:
            return 1
    return 0 if exhibit is not None else 1
