import QtQuick
import Kiosk

// The exhibit's wide picture behind home and attract, darkened so text on it stays legible.
Item {
    id: backdrop

    property string source: ""
    property real shade: 0.55

    MediaImage {
        anchors.fill: parent
        source: backdrop.source
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
