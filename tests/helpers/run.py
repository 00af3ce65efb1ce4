"""`kiosk run` without its event loop: what the command line and kiosk.yaml make of the scene."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.bridge import engine


class Run:
    """Runs `run_app` with the event loop replaced: it records the scene and returns at once."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.kwargs: dict[str, Any] = {}
        self.seen: dict[str, Any] = {}
        real_build = engine.build_scene

        def build_scene(*args: Any, **kwargs: Any) -> engine.Scene:
            self.kwargs = kwargs
            scene = real_build(*args, **kwargs)
            admin = scene.admin
            self.seen = {
                "status": scene.kiosk.status,
                "pin": admin.hasPin,
                "problems": list(admin.configProblems),
                "rotation": scene.window.contentItem().childItems()[0].rotation(),
                "idle": (scene.idle.countdownSeconds,),
                "lockdown": scene.lockdown is not None,
                "pin_hash": admin._gate.pin_hash,
                "backdrop": scene.kiosk.backdrop,
            }
            return scene

        class NoLoop:
            def __init__(self, real: Any) -> None:
                self.real = real

            def exec(self) -> int:
                return 0

            def __getattr__(self, name: str) -> Any:
                return getattr(self.real, name)

        real_application = engine.application
        monkeypatch.setattr(engine, "build_scene", build_scene)
        monkeypatch.setattr(engine, "application", lambda: NoLoop(real_application()))
        monkeypatch.setattr(engine, "route_qt_messages_to_logging", lambda: None)
