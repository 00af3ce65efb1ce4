import QtQuick
import Kiosk

// The accessibility button: the international symbol and the word, in the reach zone.
// Filled in the accent colour while a mode is on or the panel is open. `compact` (a tall
// screen, where the pages' bottom row has no room to spare): the symbol alone, a round
// button; the word stays its accessible name.
Rectangle {
    id: button

    property string text: ""
    property bool lit: false
    property bool compact: false

    signal clicked

    implicitWidth: button.compact ? Theme.touchTarget : row.implicitWidth + Theme.gutter * 2
    implicitHeight: Theme.touchTarget
    radius: height / 2
    color: button.lit ? Theme.accent : Theme.surfaceRaised
    border.width: button.lit ? 0 : Theme.borderWidth
    border.color: Theme.divider
    scale: tap.pressed ? 0.96 : 1.0

    activeFocusOnTab: true
    Accessible.role: Accessible.Button
    Accessible.name: button.text
    Accessible.onPressAction: button.clicked()
    Keys.onReturnPressed: button.clicked()
    Keys.onEnterPressed: button.clicked()
    Keys.onSpacePressed: button.clicked()

    FocusRing {
        targetRadius: button.radius
    }

    Row {
        id: row
        anchors.centerIn: parent
        spacing: Theme.spacing

        AccessibilitySymbol {
            objectName: "accessibilitySymbol"
            anchors.verticalCenter: parent.verticalCenter
            width: Math.round(Theme.touchTarget * 0.6)
            height: width
            ink: button.lit ? Theme.accentInk : Theme.text
        }
        Text {
            visible: !button.compact
            anchors.verticalCenter: parent.verticalCenter
            text: button.text
            textFormat: Text.PlainText
            color: button.lit ? Theme.accentInk : Theme.text
            font.family: Theme.sansFamily
            font.pixelSize: Theme.fontLabel
            font.weight: Font.DemiBold
        }
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.ReleaseWithinBounds
        onTapped: button.clicked()
    }
}
