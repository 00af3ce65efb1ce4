import QtQuick
import Kiosk
import Kiosk.Bridge

// "Are you still there?": a countdown over the exhibit after a long pause.
// Any touch keeps the visitor where they are; otherwise the kiosk starts over.
Item {
    id: overlay

    required property KioskController kiosk
    required property IdleController idle

    readonly property bool shown: overlay.idle.phase === "warning"

    visible: overlay.shown || overlay.opacity > 0
    opacity: overlay.shown ? 1 : 0

    Behavior on opacity {
        OpacityAnimator {
            duration: Theme.transitionMs
        }
    }

    Rectangle {
        anchors.fill: parent
        color: Theme.scrim
    }
    // The whole overlay answers a touch, not only the button.
    TapHandler {
        enabled: overlay.shown
        onTapped: overlay.idle.activity()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - Theme.margin * 2, Math.round(1100 * Theme.scale))
        height: card.height + Theme.margin * 2
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: Theme.divider

        Column {
            id: card
            anchors.centerIn: parent
            width: parent.width - Theme.margin * 2
            spacing: Theme.gutter

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.still_there
                textFormat: Text.PlainText
                color: Theme.text
                wrapMode: Text.WordWrap
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontHeading
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.restart_in
                textFormat: Text.PlainText
                color: Theme.textMuted
                wrapMode: Text.WordWrap
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontLead
            }
            Text {
                objectName: "countdown"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.idle.secondsLeft
                color: Theme.accent
                font.family: Theme.serifFamily
                font.pixelSize: Theme.fontCountdown
                font.weight: Font.Bold
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: overlay.kiosk.ui.seconds
                textFormat: Text.PlainText
                color: Theme.textMuted
                font.family: Theme.sansFamily
                font.pixelSize: Theme.fontBody
            }
            KioskButton {
                objectName: "continueButton"
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: overlay.kiosk.ui.continue
                onClicked: overlay.idle.activity()
            }
        }
    }
}
