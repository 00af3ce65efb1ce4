"""What Qt sees on this PC, for `kiosk doctor` and `kiosk --self-test` (plain data out).

The commands judge these facts; this module only asks Qt, so that only the bridge imports it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    width: int
    height: int
    refresh_hz: float
    scale: float


def screens() -> list[ScreenInfo]:
    """The screens Qt found (needs the application: `engine.application()`)."""
    from PySide6.QtGui import QGuiApplication

    return [
        ScreenInfo(
            screen.name(),
            screen.size().width(),
            screen.size().height(),
            screen.refreshRate(),
            screen.devicePixelRatio(),
        )
        for screen in QGuiApplication.screens()
    ]


@dataclass(frozen=True)
class FirstFrame:
    drawn: bool  #: a frame was swapped within the time allowed
    errors: list[str]  #: Qt Quick's scene graph errors (it could not draw at all)
    api: str  #: the graphics API Qt Quick chose ("OpenGL", "Vulkan", "Software"...)
    software: bool  #: Qt Quick's software renderer
    device: str  #: the graphics adapter and its kind, when the RHI says


def first_frame(timeout_ms: int) -> FirstFrame:
    """Draw one frame in a tiny frameless window and report what Qt Quick used."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    window = QQuickWindow()
    window.setFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus)
    window.resize(16, 16)
    loop = QEventLoop()
    errors: list[str] = []
    swapped: list[bool] = []

    def on_error(_error: object, message: str) -> None:
        errors.append(message)
        loop.quit()

    def on_frame() -> None:
        swapped.append(True)
        loop.quit()

    # Connected, the error no longer ends the process: Qt Quick's default is to show it and exit.
    window.sceneGraphError.connect(on_error)
    window.frameSwapped.connect(on_frame)
    QTimer.singleShot(timeout_ms, loop.quit)
    window.show()
    if not swapped and not errors:
        loop.exec()
    interface = window.rendererInterface()
    api = interface.graphicsApi() if interface is not None else QSGRendererInterface.GraphicsApi.Unknown
    device = _device(window)
    window.close()
    window.deleteLater()
    return FirstFrame(bool(swapped), errors, api.name, api == QSGRendererInterface.GraphicsApi.Software, device)


def _device(window: object) -> str:
    """The graphics adapter's name and kind, when the RHI says (not for the software renderer)."""
    try:
        rhi = window.rhi()  # type: ignore[attr-defined]
        if rhi is None:
            return ""
        info = rhi.driverInfo()
        name = bytes(info.deviceName).decode("utf-8", "replace") if info.deviceName else "unknown device"
        kind = {"CpuDevice": "CPU", "IntegratedDevice": "integrated GPU", "DiscreteDevice": "discrete GPU"}.get(
            info.deviceType.name, info.deviceType.name
        )
        return f"{name} ({kind})"
    except Exception:  # a best effort: the API name is what matters
        return ""


def image_formats() -> set[str]:
    """The picture formats Qt's image plugins decode here."""
    from PySide6.QtGui import QImageReader

    return {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}


def qt_version() -> str:
    from PySide6.QtCore import qVersion

    return str(qVersion())


def check_qml_modules() -> None:
    """Every QML module the kiosk imports loads (raises engine.QmlLoadError otherwise)."""
    from PySide6.QtQml import QQmlEngine

    from kiosk.bridge import engine

    engine.check_qml_modules(QQmlEngine())
