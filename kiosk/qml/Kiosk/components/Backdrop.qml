import QtQuick
import Kiosk

// The exhibit's wide picture behind home and attract, darkened so text on it stays legible.
Item {
    id: backdrop

    property string source: ""
    property real shade: 0.55
    // The picture's focus point, [x, y] (kiosk content `focus`), kept in view.
    property var focusPoint: [0.5, 0.5]
    // See MediaImage.zoom.
    property real zoom: 1.0

    MediaImage {
        anchors.fill: parent
        source: backdrop.source
        focusX: backdrop.focusPoint[0] ?? 0.5
        focusY: backdrop.focusPoint[1] ?? 0.5
        zoom: backdrop.zoom
    }
    Rectangle {
        anchors.fill: parent
        gradient: Gradient {
            orientation: Gradient.Vertical
            GradientStop { position: 0.0; color: Qt.rgba(0.07, 0.08, 0.09, backdrop.shade) }
            GradientStop { position: 0.45; color: Qt.rgba(0.07, 0.08, 0.09, backdrop.shade + 0.15) }
            GradientStop { position: 1.0; color: Qt.rgba(0.07, 0.08, 0.09, 0.96) }
        }
    }
}
